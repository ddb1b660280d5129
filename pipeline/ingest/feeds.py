"""RSS and Atom feeds (.rss, .atom, .xml) by feedparser: each entry is an article `<file>#<n>`
(n from 1, in feed order), its text from its full content (content:encoded, Atom content) else
its description, read by the HTML path; its link, date and the feed's title as url,
published_at and outlet. An entry with only a short description is a summary, not the article.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator

from .. import config
from ..records import Article
from .common import SkipInput, finish
from .html import _fill_from_html
from .metadata import fill_meta
from .page import check_page
from .sidecar import apply_sidecar


def feed_articles(raw: bytes, rel: str, meta: dict | None = None) -> Iterator[Article]:
    """The entries of the feed in `raw`; SkipInput not_text when it is no RSS or Atom feed."""
    import feedparser  # imported here: only runs with feeds pay for it

    feed = feedparser.parse(raw)  # bytes: parsed as they are, nothing is fetched
    if not feed.version:
        raise SkipInput("not_text", "not an RSS or Atom feed"
                        + (f" ({feed.bozo_exception})" if feed.bozo else ""))
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        article = Article(article_id=f"{rel}#{number}", source_path=rel)
        try:
            _fill_from_entry(article, entry, outlet)
            apply_sidecar(article, meta)
            check_page(article)
        except SkipInput as skip:
            article.status, article.reason = skip.status, skip.reason
        yield finish(article)


def _fill_from_entry(article: Article, entry, outlet: str | None) -> None:
    full = [c.value for c in entry.get("content", []) if c.get("value")]
    body = "\n".join(full) or entry.get("summary", "")
    _fill_from_html(article, f"<html><body><article>{body}</article></body></html>")
    words = len(article.text.split())
    if not full and words < config.FEED_SUMMARY_WORDS:
        raise SkipInput("not_article", f"a feed entry with a summary of {words} words, not "
                                       "the article (no full content)")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    fill_meta(article, {"title": entry.get("title"), "url": entry.get("link"), "outlet": outlet,
                        "published_at": stamp and datetime(*stamp[:6], tzinfo=timezone.utc)})
