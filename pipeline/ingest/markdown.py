"""Markdown (.md): optional YAML front matter (title, date, url, source), the body as text."""
from __future__ import annotations

import re

import yaml

from .. import config
from ..records import Article
from .common import clean_text, note
from .metadata import fill_meta, find_header

FRONT_MATTER = re.compile(r"\A---[^\S\n]*\n(.*?\n)---[^\S\n]*(?:\n|\Z)", re.DOTALL)


class FrontMatterLoader(yaml.SafeLoader):
    """safe_load without aliases: front matter needs none, and an alias bomb (a few hundred
    bytes that expand to gigabytes) is refused before it is built."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("YAML aliases are not accepted in front matter")
        return super().compose_node(parent, index)


def _fill_from_markdown(article: Article, text: str) -> None:
    text = clean_text(text)
    match = FRONT_MATTER.match(text)
    if match:
        fill_meta(article, _front_matter(article, match.group(1)))
        text = text[match.end():]
    article.text = text
    find_header(article)


def _front_matter(article: Article, source: str) -> dict:
    """The front matter's mapping; {} with a reason when it is not a readable YAML mapping."""
    if len(source) > config.MAX_FRONT_MATTER_CHARS:
        note(article, f"front matter over {config.MAX_FRONT_MATTER_CHARS} characters; ignored, "
                      "the text was read")
        return {}
    try:
        meta = yaml.load(source, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # bad dates, 4,300+ digit ints
        problem = f"is unreadable ({str(exc).splitlines()[0][:80]})"
    except RecursionError:
        problem = "is nested too deeply"
    else:
        if meta is None or isinstance(meta, dict):
            return meta or {}
        problem = "is not a YAML mapping"
    note(article, f"front matter {problem}; ignored, the text was read")
    return {}
