"""Stage 5, facts: claims about the same thing across articles grouped into facts, and facts of
two parties into deals (build); near-duplicate articles folded into stories (stories)."""
from .build import Built, build
from .reports import read_inputs
from .stories import NearDuplicates

__all__ = ["Built", "NearDuplicates", "build", "read_inputs"]
