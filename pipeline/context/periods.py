"""`when`: the period a figure refers to, from the dates of its sentence that attach to it.

Explicit years, months, parts of years and fiscal periods are read by rule ("second half of
2026" -> 2026-H2, "Q3 FY 2026" -> FY2026-Q3); relative expressions ("last year", "this fiscal
year", "today") are resolved against the publication date, never against the clock. The nearest
date whose phrase attaches to the figure's clause wins; a sentence that names no period gives
none.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
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
SHORT_YEAR = r"(?:'?\d\d)"  # "FY28", "FY'25"
FISCAL = r"(?:fiscal|financial)(?:[\s-]+year)?|FY"
# Clauses a date may hang on and still date the figure when they have no subject of their own
# ("deployed when completed in the second half of 2026", "starting in 2027").
CLAUSE_DEPS = {"advcl", "xcomp", "ccomp", "conj", "acl", "pcomp"}
OWN_PREPS = {"in", "for", "of", "during"}  # phrases that say what a figure measures
MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod"}
# Nouns a date may modify and still date the figure of their clause ("reported fiscal first
# quarter 2026 results", "its Q3 revenue").
OBJECT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}
# Years in a list or span ("in 2042 and 2044", "from 2025 to 2027") date no single period.
LISTED = re.compile(rf"(?<!\s)\s*(?:and|or|to|-|–)\s*{YEAR}(?!\w)")
LISTED_AFTER = re.compile(rf"(?<!\w){YEAR}\s*(?:and|or|to|-|–)\s*$")
COMPARED = re.compile(r"(?i)(?<!\w)(?:from|on|over|than)\s+$")  # "rose 20% from a year earlier"
PERIOD = re.compile(r"(?P<fy>FY)?(?P<year>\d{4})(?P<rest>-Q(?P<q>[1-4])|-H[12]|-\d\d(?:-\d\d)?)?")
BASE_GAP = re.compile(r"\s*(?:(?:in|for|during)\s+)?")  # "from $39 billion (in) 2024"
# A start date dates the figure of its clause wherever the model hangs it ("spend billions on
# TPUs starting in 2027": "starting" on "TPUs"), as the gold conventions count a start year.
START = re.compile(r"(?i)\b(?:starting|beginning|commencing)\s+(?:in\s+|from\s+)?$")
NOW = {"today", "current", "currently"}  # the publication date itself
FISCAL_YEAR_STARTS_IN = 7  # "this fiscal year" from July on is the one ending next calendar year
DEFAULT_FISCAL = (FISCAL_YEAR_STARTS_IN, False)  # (first month, numbered by the year it starts)


@dataclass(frozen=True)
class Rules:
    regex: re.Pattern
    not_after: re.Pattern
    parts: dict[str, str]
    quarters: dict[str, str]
    relative: dict[str, str]
    fiscal_relative: dict[str, int]
    skip: set[str]
    change_base: re.Pattern
    revised: frozenset[str]
    ahead: frozenset[str]
    anchored: dict[str, tuple[str, int]]


@lru_cache(maxsize=1)
def _rules() -> Rules:
    data = json.loads((config.PATTERNS_DIR / "periods.json").read_text(encoding="utf-8"))
    parts = alternation(data["parts"])
    quarter = alternation(data["quarters"])
    months = alternation(MONTHS)
    regex = re.compile(
        rf"(?i)(?<![\w$€£.,])(?:"
        # fiscal quarters: "Q3 FY 2026", "third quarter of fiscal year 2025", "Q3 of fiscal 2025"
        rf"(?P<fq>{quarter})(?:\s+of)?(?:\s+the)?\s+(?:{FISCAL})[\s-]*(?P<fq_year>{YEAR}|{SHORT_YEAR})"
        # "fiscal first quarter 2026", "fiscal Q1 2026", "1QFY26"
        rf"|(?:{FISCAL})[\s-]+(?P<fq2>{quarter})(?:\s+of)?[\s-]+(?P<fq2_year>{YEAR})"
        # ... without a year: the latest begun ("its fiscal fourth quarter")
        rf"|(?:{FISCAL})[\s-]+(?P<fq_lone>{quarter})(?![\s-]+(?:of\s+)?(?:{FISCAL}|{YEAR}))"
        rf"|(?P<fq3>[1-4]Q|Q[1-4])\s?FY\s?(?P<fq3_year>{SHORT_YEAR}|{YEAR})"
        # relative fiscal periods: "the current fiscal first quarter", "this fiscal year"
        rf"|(?P<frel>{alternation(data['fiscal_relative'])})\s+fiscal"
        rf"(?:[\s-]+(?P<frel_q>{quarter}))?(?:[\s-]+year)?"
        # a fiscal year named by its two calendar years: "fiscal 2025-26", "2024/25"
        rf"|(?:(?:{FISCAL})[\s-]*)?(?P<fy_from>{YEAR})\s?[-/–]\s?(?P<fy_to>\d\d)(?![\d/-])"
        # fiscal years: "fiscal 2025", "fiscal year 2028", "FY2025", "FY 26"
        rf"|(?:{FISCAL})[\s-]*(?P<fy>{YEAR}|{SHORT_YEAR})(?!\d)"
        # halves: "1H26", "2H 2025"
        rf"|(?P<half>[12])H\s?(?P<half_year>{YEAR}|{SHORT_YEAR})(?!\d)"
        rf"|(?P<part>{parts})(?:\s+of)?(?:\s+the)?(?:\s+calendar)?(?:\s+year)?"
        rf"[\s-]+(?P<pyear>{YEAR})(?!\s?[-/–]\s?\d)"  # not "of 1986/87", a fiscal year
        # a year named by its end: "the (fiscal) year ending March 2026", "year ended March 31,
        # 2025"
        rf"|(?:(?:{FISCAL})[\s-]+)?(?:year|12\s+months|twelve\s+months)\s+(?:ending|ended|to|through)\s+"
        rf"(?P<fye_month>{months})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:\s+(?P<fy_end>{YEAR}))?"
        # a quarter named by its months: "the July-September quarter (of 2025)"
        rf"|(?P<mq_first>{months})\s*(?:-|–|—|\s+to\s+)\s*(?P<mq_last>{months})(?:\s+quarter)?"
        rf"(?:\s+of)?(?:\s+(?P<mq_year>{YEAR}))?"
        # ... or by the month it ends in: "the June quarter", "the three months ended Sept. 30"
        rf"|(?P<qe_month>{months})(?:\s+(?P<qe_year>{YEAR}))?[\s-]+quarter"
        rf"(?:\s+of\s+(?P<qe_year2>{YEAR}))?"
        rf"|(?:quarter|(?:three|3)[\s-]+months)\s+(?:ended|ending|to|through)\s+(?:in\s+)?"
        rf"(?P<qe_month2>{months})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
        rf"(?:,?\s+(?P<qe_year3>{YEAR}))?"
        rf"|(?P<month>{months})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?)?\s+(?P<myear>{YEAR})"
        rf"|(?P<year>{YEAR})(?:\s+(?P<ypart>[hq][1-4]))?"
        # a part of the year of publication: "the first nine months of the year"
        rf"|(?P<rpart>{parts})(?:\s+of)?\s+(?:the|this)\s+year(?!\s+(?:before|earlier|ago))"
        rf"|(?P<relative>{alternation([*data['relative'], *data['anchored']])})"
        # a quarter with no year, or of a relative one: "in the second quarter", "Q3", "the
        # third quarter of next year"
        rf"|(?P<lonequarter>{quarter})(?:\s+of\s+(?:the\s+)?(?P<qrel>{alternation(data['fiscal_relative'])})\s+year"
        rf"|(?!\s+of\b|[\s-]+(?:{FISCAL}|{YEAR})))"
        rf"|in\s+(?:(?:early|late|mid)[\s-]+)?(?P<lonemonth>(?-i:January|February|March|April|June|July|August|September|"
        rf"October|November|December))(?!\s+\d)(?:\s+(?P<mrel>last|this|next)\s+year)?"
        rf")(?!\w|[,.]\d)")
    # a bound or another event's date ("through December 2031"), or a span of years
    not_after = re.compile(
        rf"(?i)(?:(?<!\w){alternation(data['not_after'])}\s+(?:the\s+)?$"
        rf"|(?<!\w)between\s+$)")
    return Rules(regex, not_after, {canon(k): v for k, v in data["parts"].items()},
                 {canon(k): v for k, v in data["quarters"].items()}, data["relative"],
                 {canon(k): v for k, v in data["fiscal_relative"].items()},
                 {canon(w) for w in data["anchor_skip"]},
                 re.compile(rf"(?i)(?<!\w){alternation(data['change_base'])}\s*$"),
                 frozenset(data["revised"]), frozenset(data["ahead"]),
                 {canon(k): (unit, steps) for k, (unit, steps) in data["anchored"].items()})


def dated_base(sentence, fig) -> bool:
    """The figure is the value a change starts from, dated right after it: "to $70 billion from
    $39 billion last year" (not a range "from $5 billion to $6 billion")."""
    return (fig.start, fig.end) in _dated_bases(sentence)


def _is_dated_base(sentence, fig) -> bool:
    index = TokenIndex.of(sentence.doc)
    if fig.value_high is not None \
            or not _rules().change_base.search(index.text, max(0, fig.start - 20), fig.start):
        return False
    return any(start >= fig.end and BASE_GAP.fullmatch(index.text, fig.end, start)
               for _, start, _, _, _ in _dates(sentence)) \
        and not _revised(index.containing(fig.start))


def _revised(token) -> bool:
    """The token's verb revises a forecast, whose period is that of its old and new values
    alike ("cut its growth forecast to 1.9% from 2.4% in 2005")."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return any(t.lower_ in _rules().revised for c in token.children
               if c.dep_ in ("nsubj", "nsubjpass", "dobj") for t in c.subtree)


def _full_year(text: str) -> int:
    digits = text.strip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _fiscal_base(published_at: datetime, fiscal: tuple[int, bool] = DEFAULT_FISCAL) -> int:
    """The number of the fiscal year a company is in at publication: by default one starting
    in July, numbered by the year it ends in."""
    return _fiscal_number(published_at.year - (published_at.month < fiscal[0]), fiscal)


def _fiscal_number(start_year: int, fiscal: tuple[int, bool]) -> int:
    """A fiscal year's number from the calendar year it starts in."""
    start, by_start = fiscal
    return start_year + (not by_start and start > 1)


def _fiscal_span(span: str, published_at: datetime, fiscal: tuple[int, bool],
                 looks: int = 0) -> str:
    """A fiscal quarter or half ("Q4", "H1") without its year, of a fiscal year starting in
    month fiscal[0] (see `_span_year`)."""
    return f"FY{_fiscal_number(_span_year(span, published_at, fiscal[0], looks), fiscal)}-{span}"


def _span_year(span: str, published_at: datetime, year_start: int, looks: int) -> int:
    """The calendar year in which the year of a quarter or half ("Q4", "H1") named without its
    year starts, for years starting in month `year_start` (1: calendar years): the latest such
    span begun by publication; looking ahead the next one not yet over, looking back the
    latest over (see `looks_at`)."""
    now = published_at.year * 12 + published_at.month - 1
    start_year = published_at.year - (published_at.month < year_start)
    first = start_year * 12 + year_start - 1 + _first_month(span) - 1
    if first > now:
        start_year, first = start_year - 1, first - 12
    over = first + _size(span) - 1 < now
    return start_year + (looks > 0 and over) - (looks < 0 and not over)


def _value(m: re.Match, published_at: datetime | None, looks: int = 0,
           fiscal: tuple[int, bool] | None = None) -> str | None:
    rules = _rules()
    for q, y in (("fq", "fq_year"), ("fq2", "fq2_year"), ("fq3", "fq3_year")):
        if m.group(q):
            quarter = rules.quarters.get(canon(m.group(q))) or f"Q{m.group(q).strip('Qq')}"
            return f"FY{_full_year(m.group(y))}-{quarter}"
    if m.group("fy_from"):  # consecutive years: the fiscal year they make; else a span
        end = int(m.group("fy_from")) + 1
        return f"FY{end}" if end % 100 == int(m.group("fy_to")) else None
    if m.group("half"):
        return f"{_full_year(m.group('half_year'))}-H{m.group('half')}"
    if m.group("fy") or m.group("fy_end"):
        return f"FY{_full_year(m.group('fy') or m.group('fy_end'))}"
    if m.group("mq_first"):  # "July-September (quarter)", "January-June"
        first, last = MONTHS[canon(m.group("mq_first"))], MONTHS[canon(m.group("mq_last"))]
        if last == first + 5 and first in (1, 7) and m.group("mq_year"):
            return f"{m.group('mq_year')}-H{1 + (first == 7)}"
        return _calendar_quarter(last if last == first + 2 else 0, m.group("mq_year"), published_at)
    if m.group("qe_month") or m.group("qe_month2"):
        last = MONTHS[canon(m.group("qe_month") or m.group("qe_month2"))]
        year = m.group("qe_year") or m.group("qe_year2") or m.group("qe_year3")
        return _calendar_quarter(last, year, published_at)
    if m.group("pyear"):
        part = rules.parts[canon(m.group("part"))]
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
    published_at = published_at.replace(tzinfo=None)
    if m.group("fye_month"):  # "the 12 months to March": the latest such year ended
        month = MONTHS[canon(m.group("fye_month"))]
        return f"FY{published_at.year - (month >= published_at.month)}"
    if m.group("fq_lone"):  # "its fiscal fourth quarter": of the company's calendar if known;
        # else the latest begun, also for a forecast (calendars differ by months: the one not
        # yet over cannot be told)
        span = rules.quarters[canon(m.group("fq_lone"))]
        return _fiscal_span(span, published_at, fiscal or DEFAULT_FISCAL, looks if fiscal else 0)
    if m.group("rpart"):
        part = rules.parts[canon(m.group("rpart"))]
        return f"{published_at.year}-{part}" if part else str(published_at.year)
    if m.group("frel"):
        shift = rules.fiscal_relative[canon(m.group("frel"))]
        year = _fiscal_base(published_at, fiscal) + shift if fiscal else \
            published_at.year - 1 if shift < 0 else _fiscal_base(published_at) + shift
        quarter = rules.quarters.get(canon(m.group("frel_q") or ""))
        return f"FY{year}-{quarter}" if quarter else f"FY{year}"
    if m.group("lonequarter"):
        span = rules.quarters[canon(m.group("lonequarter"))]
        shift = rules.fiscal_relative.get(canon(m.group("qrel") or ""))
        if fiscal and shift is None:  # "Nvidia forecast fourth-quarter revenue": its own
            return _fiscal_span(span, published_at, fiscal, looks)
        year = published_at.year + shift if shift is not None else \
            _span_year(span, published_at, 1, looks)
        return f"{year}-{span}"
    if m.group("lonemonth"):  # "in April", "in April last year"
        month = MONTHS[canon(m.group("lonemonth"))]
        shift = rules.fiscal_relative.get(canon(m.group("mrel") or ""))
        # a month after the publication's is last year's, unless looked ahead to ("will deliver
        # in December"); one before it is this year's ("In late February, Amazon said it would")
        if shift is None:
            shift = -(month > published_at.month and looks <= 0)
        return f"{published_at.year + shift}-{month:02d}"
    expression = canon(m.group("relative"))
    if expression in rules.anchored:
        return None  # counted from another period by when_of
    return _relative(expression, rules.relative[expression], published_at)


def _first_month(span: str) -> int:
    """The first month of a quarter or half of a year: "Q3" -> 7, "H2" -> 7."""
    return _size(span) * (int(span[1]) - 1) + 1


def _size(span: str) -> int:
    return 3 if span[0] == "Q" else 6


def _calendar_quarter(last_month: int, year: str | None,
                      published_at: datetime | None) -> str | None:
    """The calendar quarter that ends in `last_month` ("the July-September quarter", "the June
    quarter", "the three months ended Sept. 30"); none for another month (a fiscal quarter
    "ended October 26" is no calendar one). Without a year, the latest begun by publication."""
    if last_month % 3 or not last_month:
        return None
    number = last_month // 3
    if year:
        return f"{year}-Q{number}"
    if published_at is None:
        return None
    return f"{_span_year(f'Q{number}', published_at.replace(tzinfo=None), 1, 0)}-Q{number}"


@lru_cache(maxsize=4096)
def _relative(expression: str, granularity: str, base: datetime) -> str | None:
    """The period of "last year" and the like seen from `base` (dateparser costs milliseconds)."""
    if granularity == "quarter":
        index = base.year * 4 + (base.month - 1) // 3
        index += 1 if expression.startswith("next") else -1 if expression.startswith("last") else 0
        return f"{index // 4}-Q{index % 4 + 1}"
    # "the end of this year", "year-end", "the start of the year": the year of `base`
    if any(w in expression for w in ("end", "start", "beginning")) or expression in NOW:
        parsed = base
    else:
        parsed = dateparser.parse(expression, languages=["en"], settings={"RELATIVE_BASE": base})
    if parsed is None:
        return None
    if granularity == "year":
        return str(parsed.year)
    if granularity == "day":
        return parsed.strftime("%Y-%m-%d")
    return f"{parsed.year}-{parsed.month:02d}"


def looks_at(cues: list[str], chain) -> int:
    """1 when the figure is forecast, planned or stated with "will"; -1 when its verb is in the
    past ("reported revenue of EUR 7.2 billion for the first half": a half already over); else
    0."""
    if any(c in _rules().ahead for c in cues) or any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll") for t in chain for c in t.children):
        return 1
    return -any(t.tag_ == "VBD" for t in chain if t.pos_ in ("VERB", "AUX"))


def when_of(sentence, chain, fig_start: int, fig_end: int, published_at: datetime | None,
            scope=None, looks: int = 0, fiscal: tuple[int, bool] | None = None) -> str | None:
    """The period of the date expression nearest the figure whose phrase attaches to the
    figure's clause (so "founded in 2021" does not date "raised $5 billion", nor does a date in
    another clause with its own subject). A nearest period that cannot be resolved ("this
    quarter" without a publication date) gives none rather than a farther one. With a `scope`
    token, only a date in its phrase counts ("scalable to 1GW by 2030"); `looks` (`looks_at`):
    a quarter or half without a year that a forecast names is the next one not yet over, one
    that past results name the latest over; with the `fiscal` calendar of the figure's company
    (first month, numbered by the start year), its fiscal periods."""
    rules = _rules()
    chain = _own_statement(chain)
    chain_ids = {t.i for t in chain}
    text = TokenIndex.of(sentence.doc).text
    # the date of another figure a change starts from is that figure's: "to $70 billion from $39
    # billion last year"
    bases = [end for start, end in _dated_bases(sentence) if start != fig_start]
    nouns = _measures(chain)
    best = None
    for m, start, end, span, bounded in _dates(sentence):
        if (start < fig_end and end > fig_start) or bounded \
                or any(BASE_GAP.fullmatch(text, b, start) for b in bases if b <= start):
            continue
        if span is None or scope is not None and not (
                scope.left_edge.i <= span.start and span.end <= scope.right_edge.i + 1):
            continue
        if not (_attached(span, chain, chain_ids, rules.skip)
                or _start_in_clause(span, chain_ids, text, start)):
            continue
        # a period that modifies the measure ("fourth-quarter revenue of $10.3 billion in
        # February") comes before the nearest
        measure = span.root.dep_ in MODIFIER_DEPS and span.root.head in nouns \
            and not m.group("relative")  # not "current losses"
        distance = (not measure, min(abs(start - fig_end), abs(fig_start - end)))
        if best is None or distance < best[0]:
            best = (distance, m, start)
    if best is None:
        return None
    shift = rules.anchored.get(canon(best[1].group("relative") or ""))
    if shift is None:
        return _value(best[1], published_at, looks, fiscal)
    # "a year earlier": from the nearest other period the sentence names, else publication
    others = sorted((abs(start - best[2]), m) for m, start, _, _, bounded in _dates(sentence)
                    if not bounded and canon(m.group("relative") or "") not in rules.anchored)
    anchor = next((v for v in (_value(m, published_at, looks, fiscal) for _, m in others) if v),
                  None)
    if anchor is None and published_at is not None:
        anchor = str(published_at.year) if shift[0] == "year" else \
            f"{published_at.year}-Q{(published_at.month - 1) // 3 + 1}"
    return _shifted(anchor, *shift) if anchor else None


def _shifted(period: str, unit: str, steps: int) -> str | None:
    """A period moved by whole years ("2025-Q3" -> "2024-Q3", "FY2026" -> "FY2025") or quarters
    ("2025-Q3" -> "2025-Q2"); None where a quarter step has no meaning ("2025")."""
    m = PERIOD.fullmatch(period)
    if m is None:
        return None
    fiscal, year, quarter = m.group("fy") or "", int(m.group("year")), m.group("q")
    if unit == "year":
        return f"{fiscal}{year + steps}{m.group('rest') or ''}"
    if quarter is None:
        return None
    index = year * 4 + int(quarter) - 1 + steps
    return f"{fiscal}{index // 4}-Q{index % 4 + 1}"


def _measures(chain) -> list:
    """The nouns of the figure's own phrase up to its verb ("revenue" of "fourth-quarter revenue
    of $10.3 billion"), not those of a phrase it is joined to ("the 1985 figure of 22.19 billion
    and the forecast for 1986 of 23.71 billion")."""
    nouns = []
    for token in chain[1:]:
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "conj":
            break
        if token.pos_ == "NOUN":
            nouns.append(token)
    return nouns


def _dated_bases(sentence) -> list[tuple[int, int]]:
    """(start, end) of the sentence's figures that are dated values a change starts from, found
    once for all its figures (by bisection: a text dense in figures must not make this
    quadratic)."""
    doc = sentence.doc
    cache = doc.user_data.setdefault("dated_bases", {})
    if sentence.start not in cache:
        figures = doc._.figures or []
        if "figure_starts" not in doc.user_data:  # once a Doc: not per sentence
            doc.user_data["figure_starts"] = [f.start for f in figures]
        starts = doc.user_data["figure_starts"]
        inside = figures[bisect_left(starts, sentence.start_char):
                         bisect_left(starts, sentence.end_char)]
        cache[sentence.start] = [(f.start, f.end) for f in inside if _is_dated_base(sentence, f)]
    return cache[sentence.start]


def _own_statement(chain) -> list:
    """The chain up to the verb of the figure's statement: a clause joined with "and" or "but"
    whose subject names another actor than the clause it is joined to states something else
    ("Nvidia will capture 43 percent by 2024, but AMD also performed strongly, with Microsoft
    buying 96,000 chips": no 2024 for the chips), unlike one about the same actor's things
    ("Oracle reported fiscal first quarter 2026 results, but the firm's obligations surged 359%")."""
    for k, token in enumerate(chain[1:], 1):
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            own, other = _name_subject(token), _name_subject(token.head)
            if own and other and own != other:
                return chain[:k + 1]
    return chain


def _name_subject(verb) -> str | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject.text if subject is not None and subject.pos_ == "PROPN" else None


def _dates(sentence) -> list:
    """The date expressions of a sentence, found once for all its figures, each with whether
    it is a bound or a span's end rather than a period."""
    cache = sentence.doc.user_data.setdefault("dates", {})
    if sentence.start not in cache:
        rules = _rules()
        text = TokenIndex.of(sentence.doc).text_of(sentence)
        found = []
        for m in rules.regex.finditer(text):
            start, end = sentence.start_char + m.start(), sentence.start_char + m.end()
            bounded = bool(rules.not_after.search(text, max(0, m.start() - 40), m.start())
                           or LISTED.match(text, m.end()) or LISTED_AFTER.search(text, 0, m.start())
                           or canon(m.group("relative") or "") in rules.anchored
                           and COMPARED.search(text, max(0, m.start() - 12), m.start()))
            found.append((m, start, end,
                          sentence.doc.char_span(start, end, alignment_mode="expand"), bounded))
        cache[sentence.start] = found
    return cache[sentence.start]


def _own_subject(token) -> bool:
    """The clause a token heads has a subject of its own."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _start_in_clause(span, chain_ids: set[int], text: str, start: int) -> bool:
    """A start date ("starting in 2027") whose phrase reaches the figure's chain of heads
    through no clause with a subject of its own."""
    if not START.search(text, max(0, start - 20), start):
        return False
    token = span.root
    while token.i not in chain_ids:
        if token.head.i == token.i or _own_subject(token):
            return False
        token = token.head
    return True


def _attached(span, chain, chain_ids: set[int], skip: set[str]) -> bool:
    own = chain[0]  # the figure's own phrase: "$30 billion in capital spending for Q1 2026"
    token = span.root
    while True:
        if token.i in chain_ids or own.left_edge.i <= token.i <= own.right_edge.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
        # an adjective of the state something will be in, or a "to" clause of it, passes the
        # date on ("will be in place and ready at some point in the third quarter", "is due to
        # come online in mid-2026")
        passes = (token.pos_ == "ADJ" and token.dep_ in ("conj", "acomp")
                  or token.dep_ == "xcomp") \
            and not _own_subject(token)
        if not (span.start <= token.i < span.end or canon(token.text) in skip or passes):
            # the date's verb or noun is on the chain, or is a clause without a subject of its
            # own hanging on it, or a noun in a slot of it ("reported Q1 2026 results"), also
            # the amount a change reaches ("rose 39% to NT$452.3 billion in the third quarter")
            if token.i in chain_ids:
                return True
            # ... or a noun in a phrase of the chain that says what it measures ("a 208% jump in
            # fourth-quarter profit"; not a comparison's, "up 27% from its 2003 performance")
            reached = token.dep_ == "pobj" and token.head.lower_ == "to" \
                and any(f.start <= token.idx < f.end for f in token.doc._.figures or ())
            slot = token.head.head if reached or token.dep_ == "pobj" \
                and token.head.lower_ in OWN_PREPS else token.head
            if token.dep_ in OBJECT_DEPS and slot.i in chain_ids \
                    and token.pos_ in ("NOUN", "NUM", "PROPN"):
                return True
            return token.dep_ in CLAUSE_DEPS and token.head.i in chain_ids \
                and not _own_subject(token)
