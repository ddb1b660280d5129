"""News articles -> a table of sourced, quantitative claims.

    >>> import pipeline
    >>> pipeline.extract_text("Amazon will invest up to $4 billion in Anthropic.")
    >>> pipeline.read_claims("outputs")
"""
from .config import PIPELINE_VERSION as __version__
from .core import describe, extract_text, read_articles, read_claims, read_facts, run

__all__ = ["__version__", "describe", "extract_text", "read_articles", "read_claims", "read_facts", "run"]
