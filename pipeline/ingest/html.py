"""HTML (.html, .htm): main text and metadata by trafilatura; a page of menus only is empty."""
from __future__ import annotations

import re

from ..records import Article
from .decode import SkipInput, _fill_meta, clean_text

WORD = re.compile(r"[^\W\d_]{2,}")
PROSE_MIN_WORDS = 4  # an HTML page whose every line is shorter holds menus, not an article


def _fill_from_html(article: Article, html: str) -> None:
    import trafilatura  # imported here: loading it costs a second on runs without HTML

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True,
                                      date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S"})
    text = doc.text if doc is not None and doc.text else ""
    if not any(len(WORD.findall(line)) >= PROSE_MIN_WORDS for line in text.split("\n")):
        raise SkipInput("empty", "no article text in the HTML (only navigation, menus or scripts)")
    article.text = clean_text(doc.text)
    _fill_meta(article, {"title": doc.title, "url": doc.url, "outlet": doc.sitename,
                         "published_at": doc.date})
