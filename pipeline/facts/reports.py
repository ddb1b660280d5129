"""The claims as the facts stage reads them: one Report per non-vague claim, with its article's
provenance and what linking compares; and per article, the organisations it names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import config
from ..context.roles import relation_family
from .status import status_cue
from .values import interval, meet

WORD = re.compile(r"\w+")

# Claim columns the facts stage reads; the optional ones are used when the claims carry them.
INPUTS = ["claim_id", "article_id", "char_start", "title", "sentence", "surface", "subject",
          "counterparty", "metric", "unit", "item", "predicate", "when", "hedged", "vague",
          "value", "value_high", "qualifier"]
OPTIONAL_INPUTS = ["relation", "value_usd", "value_high_usd"]


def read_inputs(files: list[Path]) -> pa.Table:
    """The claim columns the facts stage reads (the optional ones when present), from claims
    files."""
    tables = []
    for path in files:
        names = set(pq.read_schema(path).names)
        tables.append(pq.read_table(path, columns=INPUTS + [c for c in OPTIONAL_INPUTS
                                                            if c in names]))
    return pa.concat_tables(tables, promote_options="default")


@dataclass(slots=True)
class Report:
    """One claim, as a report of a fact."""

    claim_id: str
    article_id: str
    char_start: int
    metric: str
    unit: str | None
    value: float
    value_high: float | None
    qualifier: str
    subject: str | None
    counterparty: str | None
    item: str | None
    predicate: str | None
    relation: str | None
    when: str | None
    hedged: bool
    value_usd: float | None
    value_high_usd: float | None
    story: str
    outlet: str | None
    published: datetime | None
    sentence: str | None
    surface: str | None
    parties: frozenset = field(init=False)
    family: str | None = field(init=False)  # its relation, one name for one deal's sides
    block: tuple = field(init=False)
    point: float = field(init=False)  # its value, in USD when money carries value_usd
    high: float | None = field(init=False)  # its range's high end, likewise
    join: tuple = field(init=False)  # the values it allows, bounds read as values

    def __post_init__(self):
        self.parties = frozenset(p for p in (self.subject, self.counterparty) if p is not None)
        # a purchase is the seller's supply; "other" says no more than no relation at all
        self.family = None if self.relation == "other" else relation_family(self.relation)
        # money compares in USD when the claims carry value_usd, else within one currency; a
        # chip count is one measure whatever the noun ("50,000 MI450 GPUs", "... accelerators")
        usd = self.value_usd is not None
        self.block = (self.metric, "USD" if usd else "" if self.metric == "chips"
                      else (self.unit or ""))
        self.point, self.high = ((self.value_usd, self.value_high_usd) if usd
                                 else (self.value, self.value_high))
        self.join = interval(self.point, self.high, self.qualifier)

    @property
    def open(self) -> tuple[float, float]:
        """The values it allows, bounds read as open."""
        return interval(self.point, self.high, self.qualifier, open_bounds=True)

    def same_value(self, other: "Report") -> bool:
        """Whether the two give the same figure (values.py)."""
        if self.qualifier == "range" or other.qualifier == "range":
            return meet(self.join, other.join)
        return (other.join[0] <= self.point <= other.join[1]
                or self.join[0] <= other.point <= self.join[1])

    @property
    def cue(self) -> str | None:
        """'cancelled' / 'revised': what its sentence says of its deal (status.py); nothing
        when the report is hedged."""
        return None if self.hedged else status_cue(self.sentence, self.surface)

    @property
    def year(self) -> str | None:
        return self.when[:4] if self.when else None

    @property
    def order(self) -> tuple:
        """Publication order; undated reports last."""
        return (self.published is None, self.published or datetime.min, self.article_id,
                self.char_start)


class ArticleContext:
    """What an article says beyond one figure: the parties and pairs its claims name, and its
    title and claim sentences, to check whether it names an organisation at all."""

    def __init__(self, title: str | None):
        self.parties: set[str] = set()
        self.pair_counts: dict[frozenset, int] = {}
        self.texts: list[str] = [title or ""]
        self._words: set[str] | None = None
        self._pairs: list[frozenset] | None = None
        self._names: dict[str, bool] = {}

    def add(self, subject: str | None, counterparty: str | None, sentence: str | None) -> None:
        self.parties.update(p for p in (subject, counterparty) if p is not None)
        if subject is not None and counterparty is not None and subject != counterparty:
            pair = frozenset((subject, counterparty))
            self.pair_counts[pair] = self.pair_counts.get(pair, 0) + 1
        self.texts.append(sentence or "")

    def pairs(self) -> list[frozenset]:
        """Its config.ARTICLE_PAIRS most reported pairs of parties (asked once all claims are
        added)."""
        if self._pairs is None:
            self._pairs = sorted(self.pair_counts, key=lambda p: (-self.pair_counts[p],
                                                                  sorted(p)))
            del self._pairs[config.ARTICLE_PAIRS:]
        return self._pairs

    def names(self, organisation: str) -> bool:
        if organisation in self.parties:
            return True
        if organisation not in self._names:
            if self._words is None:  # read once: a word missing answers most questions
                self._words = set(WORD.findall(" ".join(self.texts)))
            self._names[organisation] = all(w in self._words for w in WORD.findall(organisation)) \
                and any(re.search(rf"(?<!\w){re.escape(organisation)}(?!\w)", t)
                        for t in self.texts)
        return self._names[organisation]


def reports_of(claims: pa.Table, sources: dict[str, tuple]
               ) -> tuple[list[Report], dict[str, ArticleContext]]:
    """(reports of the non-vague claims, {article_id: context}); sources maps an article id to
    (story id, outlet, published_at)."""
    contexts: dict[str, ArticleContext] = {}
    reports = []
    absent = [None] * claims.num_rows
    column = {name: claims.column(name).to_pylist() if name in claims.column_names else absent
              for name in INPUTS + OPTIONAL_INPUTS}
    for i, article in enumerate(column["article_id"]):
        subject, counterparty = column["subject"][i], column["counterparty"][i]
        if article not in contexts:
            contexts[article] = ArticleContext(column["title"][i])
        contexts[article].add(subject, counterparty, column["sentence"][i])
        if column["vague"][i]:
            continue
        story, outlet, published = sources.get(article, (article, None, None))
        reports.append(Report(
            claim_id=column["claim_id"][i], article_id=article,
            char_start=column["char_start"][i], metric=column["metric"][i],
            unit=column["unit"][i], value=column["value"][i],
            value_high=column["value_high"][i], qualifier=column["qualifier"][i],
            subject=subject, counterparty=counterparty, item=column["item"][i],
            predicate=column["predicate"][i], relation=column["relation"][i],
            when=column["when"][i], hedged=bool(column["hedged"][i]),
            value_usd=column["value_usd"][i],
            value_high_usd=column["value_high_usd"][i], story=story or article,
            outlet=outlet, published=published, sentence=column["sentence"][i],
            surface=column["surface"][i]))
    return reports, contexts
