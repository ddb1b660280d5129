"""The claims as the facts stage reads them: one Report per non-vague claim, with its article's
provenance and what linking compares; and per article, the organisations it names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .status import status_cue
from .values import interval, meet

# Claim columns the facts stage reads; the optional ones are used when the claims carry them.
INPUTS = ["claim_id", "article_id", "char_start", "title", "sentence", "surface", "subject",
          "counterparty", "metric", "unit", "item", "predicate", "when", "hedged", "vague",
          "value", "value_high", "qualifier"]
OPTIONAL_INPUTS = ["relation", "value_usd", "value_high_usd"]


def read_inputs(files: list[Path]) -> pd.DataFrame:
    """The claim columns the facts stage reads (the optional ones when present), from claims
    files."""
    tables = []
    for path in files:
        names = set(pq.read_schema(path).names)
        tables.append(pq.read_table(path, columns=INPUTS + [c for c in OPTIONAL_INPUTS
                                                            if c in names]))
    return pa.concat_tables(tables, promote_options="default").to_pandas()


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
    cue: str | None  # 'cancelled' / 'revised': what its sentence says of its deal (status.py)
    parties: frozenset = field(init=False)
    block: tuple = field(init=False)
    point: float = field(init=False)  # its value, in USD when money carries value_usd
    join: tuple = field(init=False)  # the values it allows, bounds read as values
    open: tuple = field(init=False)  # the values it allows, bounds read as open

    def __post_init__(self):
        self.parties = frozenset(p for p in (self.subject, self.counterparty) if p is not None)
        # money compares in USD when the claims carry value_usd, else within one currency
        usd = self.value_usd is not None
        self.block = (self.metric, "USD" if usd else (self.unit or ""))
        value, high = (self.value_usd, self.value_high_usd) if usd else (self.value,
                                                                          self.value_high)
        self.point = value
        self.join = interval(value, high, self.qualifier)
        self.open = interval(value, high, self.qualifier, open_bounds=True)

    def same_value(self, other: "Report") -> bool:
        """Whether the two give the same figure (values.py)."""
        if self.qualifier == "range" or other.qualifier == "range":
            return meet(self.join, other.join)
        return (other.join[0] <= self.point <= other.join[1]
                or self.join[0] <= other.point <= self.join[1])

    @property
    def year(self) -> str | None:
        return self.when[:4] if self.when else None

    @property
    def order(self) -> tuple:
        """Publication order; undated reports last."""
        return (self.published is None, self.published or datetime.min, self.article_id,
                self.char_start)


class ArticleContext:
    """What an article says beyond one figure: the parties its claims name, and its title and
    claim sentences, to check whether it names an organisation at all."""

    def __init__(self, title: str | None):
        self.parties: set[str] = set()
        self.texts: list[str] = [title or ""]
        self._names: dict[str, bool] = {}

    def names(self, organisation: str) -> bool:
        if organisation in self.parties:
            return True
        if organisation not in self._names:
            word = re.compile(rf"(?<!\w){re.escape(organisation)}(?!\w)")
            self._names[organisation] = any(word.search(t) for t in self.texts)
        return self._names[organisation]


def reports_of(claims: pd.DataFrame, sources: dict[str, tuple]
               ) -> tuple[list[Report], dict[str, ArticleContext]]:
    """(reports of the non-vague claims, {article_id: context}); sources maps an article id to
    (story id, outlet, published_at)."""
    claims = claims.astype(object).where(claims.notna(), None)
    contexts: dict[str, ArticleContext] = {}
    reports = []
    for row in claims.itertuples(index=False):
        if row.article_id not in contexts:
            contexts[row.article_id] = ArticleContext(row.title)
        context = contexts[row.article_id]
        context.parties.update(p for p in (row.subject, row.counterparty) if p is not None)
        context.texts.append(row.sentence or "")
        if row.vague:
            continue
        story, outlet, published = sources.get(row.article_id, (row.article_id, None, None))
        reports.append(Report(
            claim_id=row.claim_id, article_id=row.article_id, char_start=row.char_start,
            metric=row.metric, unit=row.unit, value=row.value, value_high=row.value_high,
            qualifier=row.qualifier, subject=row.subject, counterparty=row.counterparty,
            item=row.item, predicate=row.predicate, relation=getattr(row, "relation", None),
            when=row.when, hedged=bool(row.hedged), value_usd=getattr(row, "value_usd", None),
            value_high_usd=getattr(row, "value_high_usd", None), story=story or row.article_id,
            outlet=outlet, published=published,
            cue=None if row.hedged else status_cue(row.sentence, row.surface)))
    return reports, contexts
