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
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK

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
    ("fact_id", pa.string(), "The fact (facts.parquet) this claim is a report of; null for vague "
     "figures and figures without a subject", None),
]

FACT_FIELDS = [
    ("fact_id", pa.string(), "Stable id of the fact: same corpus, same id", None),
    ("subject", pa.string(), "Organisation the fact is about (canonical name)", None),
    ("counterparty", pa.string(), "Other organisation, when any report names one", None),
    ("metric", pa.string(), "money / power / energy / chips / count / stake / percent", None),
    ("item", pa.string(), "What is measured, the most reported item", None),
    ("when", pa.string(), "Period, the most specific one reported", None),
    ("hedged", pa.bool_(), "Reported as prospective or uncertain (options, plans, talks)", None),
    ("value", pa.float64(), "Consensus value: the value most reports give", "see unit"),
    ("value_min", pa.float64(), "Lowest value reported for the fact", "see unit"),
    ("value_max", pa.float64(), "Highest value reported (a range's high end included)",
     "see unit"),
    ("unit", pa.string(), "Unit of the values (as in claims.unit)", None),
    ("n_claims", pa.int64(), "Claims (mentions) grouped into the fact", "claims"),
    ("n_articles", pa.int64(), "Articles reporting it", "articles"),
    ("n_outlets", pa.int64(), "Distinct known outlets reporting it", "outlets"),
    ("n_independent", pa.int64(), "Independent reports: articles after folding near-duplicate "
     "(syndicated) copies into one", "reports"),
    ("first_seen", TS, "Earliest publication time among its articles", None),
    ("claim_ids", pa.list_(pa.string()), "The claims grouped into the fact", None),
    ("article_ids", pa.list_(pa.string()), "The articles reporting it", None),
    ("status", pa.string(), "corroborated (2+ independent reports) / single_source / "
     "conflicting (another fact about the same thing gives an incompatible value)", None),
    ("reason", pa.string(), "Machine-readable reason for conflicting: "
     "'value_conflict:<fact_id>[,<fact_id>...]'", None),
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
    ("story_id", pa.string(), "Near-duplicate group: articles whose texts are near copies "
     "(syndication) share it; null when the article was not read", None),
    ("text", pa.string(), "The article text as ingested: char offsets index this", None),
]


def schema_of(fields) -> pa.Schema:
    return pa.schema([
        pa.field(name, typ, metadata={"description": desc, **({"unit": unit} if unit else {})})
        for name, typ, desc, unit in fields
    ])


CLAIMS_SCHEMA = schema_of(CLAIM_FIELDS)
ARTICLES_SCHEMA = schema_of(ARTICLE_FIELDS)
FACTS_SCHEMA = schema_of(FACT_FIELDS)
FIELDS = {"claims": CLAIM_FIELDS, "articles": ARTICLE_FIELDS, "facts": FACT_FIELDS}


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


class StreamWriter:
    """Rows -> one Parquet file in row groups of `row_group_rows`, written to a temp file in
    `out` (removed again if the writing fails)."""

    def __init__(self, out: Path, name: str, schema: pa.Schema,
                 row_group_rows: int | None = None, metadata: dict | None = None):
        if metadata:
            schema = schema.with_metadata(metadata)
        self.schema, self.row_group_rows = schema, row_group_rows or ROW_GROUP_ROWS
        self.tmp = temp_file(out, name)
        self.rows: list[dict] = []
        self.writer = pq.ParquetWriter(self.tmp, schema)

    def __enter__(self) -> "StreamWriter":
        return self

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.row_group_rows:
            self.flush()

    def add_table(self, table: pa.Table) -> None:
        self.flush()
        self.writer.write_table(table.cast(self.schema))

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(to_table(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        if self.writer is not None:
            try:
                self.flush()
            finally:
                self.writer.close()
                self.writer = None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        finally:
            if exc_type is not None:
                self.tmp.unlink(missing_ok=True)


class Outputs:
    """The files of one run, staged as temp files in the output folder and put in place
    together at the very end: a reader, or a run killed at any moment, finds the previous
    outputs or the new ones, never half of one."""

    def __init__(self, out: Path):
        self.out = out
        self.staged: dict[str, StreamWriter] = {}
        self.scratch: list[StreamWriter] = []

    def stage(self, name: str, schema: pa.Schema, metadata: dict | None = None) -> StreamWriter:
        self.staged[name] = StreamWriter(self.out, name, schema, metadata=metadata)
        return self.staged[name]

    def temporary(self, name: str, schema: pa.Schema) -> StreamWriter:
        """A working file of this run, deleted at its end."""
        self.scratch.append(StreamWriter(self.out, name, schema))
        return self.scratch[-1]

    def __enter__(self) -> "Outputs":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        writers = [*self.staged.values(), *self.scratch]
        try:
            for writer in writers:
                writer.close()
            if exc_type is None:
                for name, writer in self.staged.items():
                    os.replace(writer.tmp, self.out / name)
        finally:
            for writer in writers:
                writer.tmp.unlink(missing_ok=True)


def describe(fields) -> pd.DataFrame:
    """A field table (CLAIM_FIELDS, ...) as a DataFrame: column, type, unit, description."""
    return pd.DataFrame([{"column": n, "type": str(t), "unit": u or "", "description": d}
                         for n, t, d, u in fields])


def markdown_reference(fields) -> str:
    """The README's column reference, made from the schema so that it cannot drift."""
    lines = ["| column | type | unit | description |", "|---|---|---|---|"]
    lines += [f"| {n} | {t} | {u or ''} | {d} |" for n, t, d, u in fields]
    return "\n".join(lines)


def temp_file(folder: Path, name: str) -> Path:
    """A new empty file in `folder` to write `name` into before it is moved in place (a reader
    never sees half a file), named .<name>.<random>.tmp."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
    return Path(tmp)


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
