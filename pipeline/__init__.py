"""News articles -> a table of sourced, quantitative claims.

    >>> import pipeline
    >>> pipeline.extract_text("Amazon will invest up to $4 billion in Anthropic.")
    >>> pipeline.read_claims("outputs")
"""
from .config import PIPELINE_VERSION as __version__

__all__ = ["__version__", "describe", "extract_text", "read_articles", "read_claims",
           "read_deals", "read_facts", "run"]


def __getattr__(name: str):
    """The API lives in core, imported on first use: `python -m pipeline` stays quick to start
    (an unchanged corpus is answered before spaCy is even imported)."""
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
