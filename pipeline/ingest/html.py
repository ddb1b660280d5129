"""HTML (.html, .htm): main text and metadata by trafilatura; a page of menus only is empty."""
from __future__ import annotations

import re

from lxml import etree

from ..records import Article
from .common import SkipInput, clean_text, note
from .metadata import fill_meta

WORD = re.compile(r"[^\W\d_]{2,}")
PROSE_MIN_WORDS = 4  # an HTML page whose every line is shorter holds menus, not an article


def _fill_from_html(article: Article, html: str, url: str | None = None) -> None:
    """`url`: where the page was fetched (a WARC record's), which may hold its date."""
    import trafilatura  # imported here: loading it costs a second on runs without HTML

    # Dates from the page's markup and URL only: a year its text mentions is no publication date
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True,
                                      date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S",
                                                              "extensive_search": False})
    text = doc.text if doc is not None and doc.text else ""
    if not any(len(WORD.findall(line)) >= PROSE_MIN_WORDS for line in text.split("\n")):
        raise SkipInput("empty", "no article text in the HTML (only navigation, menus or scripts)")
    article.text = clean_text(doc.text)
    fill_meta(article, {"title": doc.title, "url": doc.url, "outlet": doc.sitename,
                        "published_at": doc.date})
    if _too_deep(html):
        note(article, "HTML nested deeper than the parser reads (256 levels): text inside that "
                      "depth was dropped")


def _too_deep(html: str) -> bool:
    """Whether libxml2, which trafilatura parses with, stops at its depth limit on the page (it
    then drops everything nested deeper, silently)."""
    parser = etree.HTMLParser()
    try:
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (ValueError, etree.LxmlError):
        pass
    return any("depth" in error.message for error in parser.error_log)
