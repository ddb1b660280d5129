"""Web pages (HTML files, WARC records, feed entries) that are not English articles: the
language by py3langid (its model ships in its package), listing pages by their URL, paywall
stubs by their words (patterns/pages.json)."""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlsplit

from .. import config
from ..records import Article
from .common import SkipInput


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    return json.loads((config.PATTERNS_DIR / "pages.json").read_text(encoding="utf-8"))


def check_page(article: Article) -> None:
    """SkipInput not_english or not_article, with the reason, for a page that is not an English
    article; nothing for one that is."""
    language, probability = _identifier().classify(article.text[:config.LANGUAGE_SAMPLE_CHARS])
    if language != "en" and probability >= config.LANGUAGE_MIN_PROBABILITY:
        raise SkipInput("not_english", f"language '{language}' (py3langid, probability "
                                       f"{probability:.2f})")
    path = urlsplit(article.url or "").path
    segments = [s for s in path.lower().split("/") if s]
    if article.url and (not segments or set(segments[-2:]) & set(_patterns()["index_words"])):
        raise SkipInput("not_article", f"a home or listing page (URL path '{path or '/'}')")
    words = len(article.text.split())
    if words <= config.STUB_MAX_WORDS:
        lowered = " ".join(article.text.lower().split())
        cue = next((c for c in _patterns()["paywall_cues"] if c in lowered), None)
        if cue:
            raise SkipInput("not_article", f"a paywall stub ('{cue}' in {words} words)")
