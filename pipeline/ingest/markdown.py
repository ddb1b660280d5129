"""Markdown (.md): optional YAML front matter (title, date, url, source), the body as text."""
from __future__ import annotations

import re

import yaml

from ..records import Article
from .decode import _fill_meta, _find_header, clean_text

FRONT_MATTER = re.compile(r"\A---[^\S\n]*\n(.*?\n)---[^\S\n]*(?:\n|\Z)", re.DOTALL)


def _fill_from_markdown(article: Article, text: str) -> None:
    text = clean_text(text)
    match = FRONT_MATTER.match(text)
    meta = {}
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = None
        if not isinstance(meta, dict):
            article.reason = "front matter is not a YAML mapping; ignored, the text was read"
            meta = {}
        text = text[match.end():]
    article.text = text
    _fill_meta(article, meta)
    _find_header(article)
