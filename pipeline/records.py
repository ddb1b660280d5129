"""The records that flow between stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Article:
    """One input document (or one JSONL record), read or not."""

    article_id: str
    source_path: str
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    doc_hash: str | None = None
    status: str = "ok"
    reason: str | None = None
    # Character ranges of the text that are page furniture, not prose (a dateline).
    skip_spans: list[tuple[int, int]] = field(default_factory=list)
    # Claim rows of an earlier run when this article's id and text are unchanged (incremental).
    cached: list[dict] | None = None

    @property
    def n_chars(self) -> int:
        return len(self.text)


@dataclass
class Figure:
    """A figure found in a text, normalised; offsets index the article text."""

    start: int
    end: int
    surface: str
    metric: str
    value: float
    unit: str
    qualifier: str = "exact"
    value_high: float | None = None
    vague: bool = False
    item: str | None = None
    rule_id: str = ""


@dataclass
class Claim:
    """A figure with its article and sentence: one row of claims.parquet."""

    claim_id: str
    article_id: str
    doc_hash: str
    source_path: str
    url: str | None
    title: str | None
    outlet: str | None
    published_at: datetime | None
    sentence: str
    char_start: int
    char_end: int
    surface: str
    metric: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    vague: bool
    item: str | None
    subject: str | None
    counterparty: str | None
    predicate: str | None
    relation: str | None
    roles_from: str | None
    when: str | None
    hedged: bool | None
    hedge_cues: list[str] | None
    attribution: str | None
    rule_id: str
    pipeline_version: str
    model: str
    fact_id: str | None = None
    deal_id: str | None = None
    value_usd: float | None = None
    value_high_usd: float | None = None
    fx_rate: float | None = None
    fx_date: date | None = None


@dataclass(kw_only=True)
class Fact:
    """One figure of one measure of one thing, with its reports: one row of facts.parquet."""

    fact_id: str
    deal_id: str | None = None
    subject: str | None
    counterparty: str | None
    relation: str | None
    metric: str
    item: str | None
    when: str | None
    value: float
    value_min: float
    value_max: float
    unit: str | None
    value_usd: float | None
    hedged: bool
    hedged_share: float
    n_claims: int
    n_articles: int
    n_outlets: int
    n_independent: int
    first_seen: datetime | None
    last_seen: datetime | None
    first_confirmed: datetime | None
    status: str = "single_source"
    reason: str | None = None
    conflicts_with: list[str] = field(default_factory=list)
    status_now: str = "active"
    status_now_article: str | None = None
    history: list[dict]
    claim_ids: list[str]
    article_ids: list[str]


@dataclass(kw_only=True)
class Deal:
    """The facts of one deal (two parties, close in time): one row of deals.parquet."""

    deal_id: str
    subject: str
    counterparty: str
    relation: str | None
    money: float | None
    money_high: float | None
    money_unit: str | None
    money_usd: float | None
    power: float | None
    power_high: float | None
    chips: float | None
    chips_high: float | None
    n_facts: int
    n_articles: int
    n_independent: int
    first_seen: datetime | None
    last_seen: datetime | None
    first_confirmed: datetime | None
    status: str
    status_now: str
    status_now_article: str | None
    fact_ids: list[str]
    article_ids: list[str]
