"""Stage 5, facts: claims about the same thing across articles grouped into facts (build)."""
from .build import NearDuplicates, build_facts

__all__ = ["NearDuplicates", "build_facts"]
