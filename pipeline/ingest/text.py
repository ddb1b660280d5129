"""Plain text (.txt): the text as written; title and dateline from its first lines."""
from __future__ import annotations

from ..records import Article
from .decode import _find_header, clean_text


def _fill_from_text(article: Article, text: str) -> None:
    article.text = clean_text(text)
    _find_header(article)
