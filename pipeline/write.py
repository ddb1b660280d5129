"""The output tables: one explicit pyarrow schema each, a description (and unit) on every field,
written atomically (temp file in the same folder, then os.replace)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

TS = pa.timestamp("us", tz="UTC")
ROW_GROUP_ROWS = 5000

# name, type, description, unit (PUDL-style: every column documented in one table)
CLAIM_FIELDS = [
    ("claim_id", pa.string(), "Stable id: same article, text and span give the same id", None),
    ("article_id", pa.string(), "Article id: path relative to the corpus, or the JSONL record id "
     "(else <file>#<line>)", None),
    ("doc_hash", pa.string(), "SHA-256 (16 hex) of the article's whitespace-folded NFKC text", None),
    ("source_path", pa.string(), "Input file, relative to the corpus root", None),
    ("url", pa.string(), "Article URL when known", None),
    ("title", pa.string(), "Article title when known", None),
    ("outlet", pa.string(), "Publishing outlet when known", None),
    ("published_at", TS, "Publication time (UTC) when known", None),
    ("sentence", pa.string(), "The sentence the figure stands in", None),
    ("char_start", pa.int64(), "Start offset of surface in the article text", "characters"),
    ("char_end", pa.int64(), "End offset (exclusive): text[char_start:char_end] == surface",
     "characters"),
    ("surface", pa.string(), "The figure as written, qualifier included", None),
    ("metric", pa.string(), "money / power / energy / chips / count / stake / percent", None),
    ("value", pa.float64(), "Normalised value (low end of a range)", "see unit"),
    ("value_high", pa.float64(), "High end of a range, else null", "see unit"),
    ("unit", pa.string(), "ISO 4217 code for money, W, Wh, percent, or the counted noun", None),
    ("qualifier", pa.string(), "exact / at_least / at_most / approx / range", None),
    ("vague", pa.bool_(), "True for magnitudes without a number ('billions'); value is the "
     "order of magnitude", None),
    ("item", pa.string(), "What is measured or counted, when stated (a chip family, ...)", None),
    ("subject", pa.string(), "Organisation the figure is about (canonical name)", None),
    ("counterparty", pa.string(), "Other organisation of a deal", None),
    ("predicate", pa.string(), "Governing verb or noun lemma", None),
    ("when", pa.string(), "Period the figure refers to, ISO-like (2023, 2025-11, 2026-H2)", None),
    ("hedged", pa.bool_(), "Reported as uncertain or prospective", None),
    ("hedge_cues", pa.list_(pa.string()), "Words that made it hedged", None),
    ("attribution", pa.string(), "Who the text credits for the figure", None),
    ("rule_id", pa.string(), "Id of the rule in pipeline/patterns that produced the row", None),
    ("pipeline_version", pa.string(), "Version of this pipeline", None),
    ("model", pa.string(), "spaCy model name-version", None),
]

ARTICLE_FIELDS = [
    ("article_id", pa.string(), "Article id (see claims.article_id)", None),
    ("source_path", pa.string(), "Input file, relative to the corpus root", None),
    ("doc_hash", pa.string(), "SHA-256 (16 hex) of the whitespace-folded NFKC text; null when "
     "nothing was read", None),
    ("title", pa.string(), "Title when known", None),
    ("outlet", pa.string(), "Outlet when known", None),
    ("published_at", TS, "Publication time (UTC) when known", None),
    ("url", pa.string(), "URL when known", None),
    ("n_chars", pa.int64(), "Length of the ingested text", "characters"),
    ("n_claims", pa.int64(), "Rows of claims.parquet from this article", "claims"),
    ("status", pa.string(), "ok / duplicate / empty / unreadable / not_text / too_large / error",
     None),
    ("reason", pa.string(), "Why the status is not ok, in words", None),
    ("text", pa.string(), "The article text as ingested: char offsets index this", None),
]


def schema_of(fields) -> pa.Schema:
    return pa.schema([
        pa.field(name, typ, metadata={"description": desc, **({"unit": unit} if unit else {})})
        for name, typ, desc, unit in fields
    ])


CLAIMS_SCHEMA = schema_of(CLAIM_FIELDS)
ARTICLES_SCHEMA = schema_of(ARTICLE_FIELDS)


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


class StreamWriter:
    """Rows -> Parquet in row groups, into a temp file that replaces `path` only on success,
    so a reader (or a killed run) sees the old file or the new one, never half of one."""

    def __init__(self, path: Path, schema: pa.Schema, row_group_rows: int = ROW_GROUP_ROWS):
        self.path, self.schema, self.row_group_rows = path, schema, row_group_rows
        self.rows: list[dict] = []
        self.tmp: str | None = None
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> "StreamWriter":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                        dir=self.path.parent)
        os.close(fd)
        self.writer = pq.ParquetWriter(self.tmp, self.schema)
        return self

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.row_group_rows:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(to_table(self.rows, self.schema))
            self.rows = []

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.flush()
            self.writer.close()
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            Path(self.tmp).unlink(missing_ok=True)


def remove_stale_temp_files(out: Path) -> None:
    """Temp files a killed run left behind (a finished run leaves none)."""
    if out.is_dir():
        for stale in out.glob(".*.parquet.*.tmp"):
            stale.unlink(missing_ok=True)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Nullable pandas dtypes: strings, Int64, boolean; timestamps stay UTC."""
    mapping = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(),
               pa.bool_(): pd.BooleanDtype()}
    return table.to_pandas(types_mapper=mapping.get)


def read_table(path: Path, schema: pa.Schema) -> pd.DataFrame:
    return to_pandas(pq.read_table(path, schema=schema))
