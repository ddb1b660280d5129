"""Metadata: dates, the fields of a mapping (front matter, a JSONL record, HTML metadata), and
the title and dateline at the top of a text."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache

from .. import config
from ..records import Article
from .common import clean_field, note

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A date written out: "15 June 2026", "June 15, 2026", "June 2026", "2026-06-15", "15/06/2026".
DATELINE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?!\w)|\b{MONTH}\s+\d{{1,2}}\b"
                      rf"|\b{MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b")
DATE_LABEL = re.compile(r"(?i)^\s*(?:published|updated|posted|date|last updated)\s*(?:on|at)?\s*:?\s*")
HEADING_MARK = re.compile(r"^\s*#+\s*")
PROSE_WORDS = 25  # a longer line is body text, not a title or dateline
TITLE_MIN_WORDS = 3  # "Barclays backs Nscale"; shorter top lines are kickers ("TECH")
JSON_ALIASES = {"published_at": ("published_at", "date"), "outlet": ("outlet", "source"),
                "title": ("title",), "url": ("url",)}


# Two far-apart days: a date that reads differently against them depends on the day it is read
# ("yesterday", "15 June"), and is refused, so that reruns agree.
RELATIVE_BASES = (datetime(2001, 3, 3), datetime(2011, 8, 8))


@lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime | None:
    """A written date or timestamp -> aware UTC datetime; None when it is not one, when it is
    relative to the day it is read, or out of range."""
    value = DATE_LABEL.sub("", str(value)).strip()
    if not value or len(value) > 80:
        return None
    import dateparser  # slow to import; most runs need it for a few lines only

    try:
        parsed = {dateparser.parse(value, languages=["en"], settings={
            "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC",
            "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first",
            "RELATIVE_BASE": base}) for base in RELATIVE_BASES}
    except (OverflowError, ValueError):  # year 1 with an offset, and the like
        return None
    return to_utc(parsed.pop()) if len(parsed) == 1 else None


def to_utc(value: date | None) -> datetime | None:
    """A date or datetime as an aware UTC datetime (naive ones are taken as UTC); None when it
    falls outside the years a timestamp can hold."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    try:
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(
            timezone.utc)
    except OverflowError:
        return None


def find_header(article: Article) -> None:
    """Title and dateline from the first lines of a plain text: heading-like line, date line."""
    offset = 0
    seen = 0
    for line in article.text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > config.HEADER_LINES:
            break
        if stripped[0].islower() and article.title is not None:
            break  # a hard-wrapped line of prose ("eBay ..." may be a title): the header is over
        words = stripped.split()
        # a short line ending a sentence is wrapped prose ("in September 1958."), no dateline
        if (article.published_at is None and len(words) <= 8 and DATELINE.search(stripped)
                and not stripped.endswith(".")):
            date = parse_date(stripped)
            if date is not None:
                article.published_at = date
                article.skip_spans.append((start, start + len(line)))
                continue
        if len(words) > PROSE_WORDS:
            break  # the header ends where prose begins
        if (article.title is None and len(words) >= TITLE_MIN_WORDS
                and not stripped.endswith((".", ":"))):
            article.title = HEADING_MARK.sub("", stripped)


def fill_meta(article: Article, meta: dict) -> None:
    """title/url/outlet/published_at from a mapping, by the aliases of CLAIMS.md; a value that
    is not a single string, number or date, is too long, or is no absolute date in range is
    ignored, and the article's reason says so."""
    for field, keys in JSON_ALIASES.items():
        value = next((meta[k] for k in keys if meta.get(k) not in (None, "")), None)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
            note(article, f"{field} is not a single value; ignored")
            continue
        if field == "published_at" and isinstance(value, date):
            parsed = to_utc(value)
        else:
            value = " ".join(clean_field(str(value)).split())  # metadata is one line
            if len(value) > config.MAX_FIELD_CHARS:
                note(article, f"{field} is over {config.MAX_FIELD_CHARS} characters; ignored")
                continue
            parsed = parse_date(value) if field == "published_at" else value
        if parsed is None:
            note(article, f"date '{str(value)[:40]}' is not an absolute date in range; ignored")
        else:
            setattr(article, field, parsed)
