"""Plain text (.txt): the text as written; title and dateline from its first lines."""
from __future__ import annotations

from ..records import Article
from .common import clean_text
from .metadata import find_header


def _fill_from_text(article: Article, text: str) -> None:
    article.text = clean_text(text)
    find_header(article)
