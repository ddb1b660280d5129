"""`when`: the period a figure refers to, from the dates of its sentence that attach to it.

Explicit years, months and parts of years are read by rule ("second half of 2026" -> 2026-H2);
relative expressions ("last year") are resolved by dateparser against the publication date.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache

import dateparser

from .. import config
from ..figures.lexicon import alternation
from ..figures.normalise import canon
from ..tokens import TokenIndex

MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
YEAR = r"(?:19[5-9]\d|20\d\d)"
CLAUSE_DEPS = {"advcl", "xcomp", "ccomp", "conj"}


@lru_cache(maxsize=1)
def _rules():
    data = json.loads((config.PATTERNS_DIR / "periods.json").read_text(encoding="utf-8"))
    parts = alternation(data["parts"])
    months = alternation(MONTHS)
    regex = re.compile(
        rf"(?i)(?<![\w$€£.,])(?:"
        rf"(?P<part>{parts})(?:\s+of)?(?:\s+the)?(?:\s+(?:fiscal|calendar|financial))?(?:\s+year)?"
        rf"[\s-]+(?P<pyear>{YEAR})"
        rf"|(?P<month>{months})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?)?\s+(?P<myear>{YEAR})"
        rf"|(?P<year>{YEAR})(?:\s+(?P<ypart>[hq][1-4]))?"
        rf"|(?P<relative>{alternation(data['relative'])})"
        rf"|in\s+(?P<lonemonth>(?-i:January|February|March|April|June|July|August|September|"
        rf"October|November|December))(?!\s+\d)"
        rf")(?!\w|[,.]\d)")
    parts_table = {canon(k): v for k, v in data["parts"].items()}
    return regex, parts_table, data["relative"], {canon(w) for w in data["anchor_skip"]}


def _value(m: re.Match, published_at: datetime | None) -> str | None:
    _, parts, relative, _ = _rules()
    if m.group("pyear"):
        part = parts[canon(m.group("part"))]
        return f"{m.group('pyear')}-{part}" if part else m.group("pyear")
    if m.group("myear"):
        month = MONTHS[canon(m.group("month"))]
        day = f"-{int(m.group('day')):02d}" if m.group("day") and int(m.group("day")) <= 31 else ""
        return f"{m.group('myear')}-{month:02d}{day}"
    if m.group("year"):
        part = m.group("ypart")
        return f"{m.group('year')}-{part.upper()}" if part else m.group("year")
    if published_at is None:
        return None
    if m.group("lonemonth"):
        return f"{published_at.year}-{MONTHS[canon(m.group('lonemonth'))]:02d}"
    expression = canon(m.group("relative"))
    return _relative(expression, relative[expression], published_at.replace(tzinfo=None))


@lru_cache(maxsize=4096)
def _relative(expression: str, granularity: str, base: datetime) -> str | None:
    """The period of "last year" and the like seen from `base` (dateparser costs milliseconds)."""
    parsed = dateparser.parse(expression, languages=["en"], settings={"RELATIVE_BASE": base})
    if parsed is None:
        return None
    return str(parsed.year) if granularity == "year" else f"{parsed.year}-{parsed.month:02d}"


def when_of(sentence, chain, fig_start: int, fig_end: int,
            published_at: datetime | None) -> str | None:
    """The period of the date expression nearest the figure whose phrase attaches to the
    figure's chain of heads (so "founded in 2021" does not date "raised $5 billion")."""
    _, _, _, skip = _rules()
    chain_ids = {t.i for t in chain}
    best = None
    for m, start, end, span in _dates(sentence):
        if start < fig_end and end > fig_start:
            continue
        if span is None or not _attached(span, chain_ids, skip):
            continue
        value = _value(m, published_at)
        distance = min(abs(start - fig_end), abs(fig_start - end))
        if value and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


def _dates(sentence) -> list:
    """The date expressions of a sentence, found once for all its figures."""
    cache = sentence.doc.user_data.setdefault("dates", {})
    if sentence.start not in cache:
        regex = _rules()[0]
        found = []
        for m in regex.finditer(TokenIndex.of(sentence.doc).text_of(sentence)):
            start, end = sentence.start_char + m.start(), sentence.start_char + m.end()
            found.append((m, start, end,
                          sentence.doc.char_span(start, end, alignment_mode="expand")))
        cache[sentence.start] = found
    return cache[sentence.start]


def _attached(span, chain_ids: set[int], skip: set[str]) -> bool:
    token = span.root
    while True:
        if token.i in chain_ids:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
        if not (span.start <= token.i < span.end or canon(token.text) in skip):
            # the date's verb or noun is on the chain, or is a clause hanging on it
            # ("deployed when the gigawatt is completed in the second half of 2026")
            return token.i in chain_ids or (token.dep_ in CLAUSE_DEPS
                                            and token.head.i in chain_ids)
