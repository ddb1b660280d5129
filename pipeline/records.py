"""The records that flow between stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
    when: str | None
    hedged: bool | None
    hedge_cues: list[str] | None
    attribution: str | None
    rule_id: str
    pipeline_version: str
    model: str
    fact_id: str | None = None
