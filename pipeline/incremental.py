"""Incremental runs: what an earlier run into the same output folder already did.

The outputs carry two keys in their Parquet metadata: the pipeline's fingerprint (version,
every file of pipeline/patterns, extra alias tables, limits, the model's name and version, the
version of the shipped exchange rates) and
the corpus state (every input's path, size and modification time). Same fingerprint and same
state: nothing to do, nothing rewritten. Same fingerprint only: articles whose id and text hash
are unchanged take their claims from the earlier outputs, the rest go through the model.
Another fingerprint: everything is done again. A WARC file is the unit of rework: one whose
size and modification time (and the sidecar's) are unchanged is not read again, its earlier
rows are taken (their stamps are a third key).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable

from importlib.metadata import PackageNotFoundError, version

import pyarrow.parquet as pq

from . import config
from .ingest import SIDECAR_NAMES, discover
from .ingest.warc import is_warc
from .records import Article

FINGERPRINT_KEY = b"pipeline_fingerprint"
STATE_KEY = b"corpus_state"
WARC_KEY = b"warc_files"
# The columns of articles.parquet that make an Article again.
ARTICLE_FIELDS = ("article_id", "source_path", "text", "title", "outlet", "url", "published_at",
                  "doc_hash", "status", "reason")


def fingerprint(model: str) -> str:
    """Everything that changes what a run makes of the same input."""
    h = hashlib.sha256()
    h.update(f"{config.PIPELINE_VERSION}|{model}|{model_version(model)}".encode())
    h.update(f"|fx rates {version('currencyconverter')}".encode())  # claims.value_usd
    h.update(f"|{config.MAX_FILE_BYTES}|{config.MAX_ARTICLE_CHARS}|{config.MAX_LINE_CHARS}"
             f"|{config.MAX_FIELD_CHARS}|{config.MAX_FRONT_MATTER_CHARS}"
             f"|{config.ARTICLE_SECONDS}".encode())
    # the rules' data and their code: an edited rule must not reuse the claims it made before
    code = sorted(config.PACKAGE_DIR.rglob("*.py"))
    for path in sorted(config.PATTERNS_DIR.iterdir()) + code + [Path(p) for p in config.ALIAS_FILES]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def model_version(model: str) -> str:
    """The installed model package's version, read without importing spaCy."""
    try:
        return version(model)
    except PackageNotFoundError:
        return "unknown"


def up_to_date(corpus: Path, out: Path, model: str) -> bool:
    """True when the outputs in `out` were made by this pipeline from this very corpus."""
    return previous_keys(out) == (fingerprint(model), corpus_state(corpus))


def corpus_state(corpus: Path) -> str:
    """Path, size and modification time of every input and of the metadata sidecar: cheap, no
    file is read."""
    h = hashlib.sha256()
    for path in [*discover(corpus), *(corpus / name for name in SIDECAR_NAMES)]:
        try:
            st = path.lstat()
            entry = f"{path.relative_to(corpus).as_posix()}|{st.st_size}|{st.st_mtime_ns}\n"
        except OSError:
            entry = f"{path}|gone\n"
        h.update(entry.encode("utf-8", "surrogateescape"))  # names need not be UTF-8
    return h.hexdigest()


def metadata(fp: str, state: str, warcs: dict[str, str]) -> dict[bytes, bytes]:
    return {FINGERPRINT_KEY: fp.encode(), STATE_KEY: state.encode(),
            WARC_KEY: json.dumps(warcs).encode()}


def warc_stamps(corpus: Path) -> dict[str, str]:
    """{path: size, modification time and the sidecar's} of every WARC file: no file is read."""
    sidecar = ",".join(_stamp(corpus / name) for name in SIDECAR_NAMES)
    return {path.relative_to(corpus).as_posix(): f"{_stamp(path)},{sidecar}"
            for path in discover(corpus) if is_warc(path)}


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "gone"
    return f"{st.st_size}:{st.st_mtime_ns}"


def earlier_warcs(corpus: Path, out: Path, stamps: dict[str, str]) -> Callable:
    """(path, rel) -> the earlier run's articles of that WARC file when its stamp is unchanged
    (a copy found a duplicate then is ok again until this run finds it again), else None."""
    try:
        before = json.loads((pq.read_schema(out / config.ARTICLES_FILE).metadata or {})
                            .get(WARC_KEY, b"{}"))
    except (OSError, ValueError):
        before = {}
    unchanged = {name for name, stamp in stamps.items() if before.get(name) == stamp}

    def earlier(path: Path, rel: str) -> list[Article] | None:
        if path.relative_to(corpus).as_posix() not in unchanged:
            return None
        rows = pq.read_table(out / config.ARTICLES_FILE, columns=list(ARTICLE_FIELDS),
                             filters=[("source_path", "==", rel)]).to_pylist()
        articles = [Article(**{**row, "text": row["text"] or ""}) for row in rows]
        for article in articles:
            if article.status == "duplicate":
                article.status, article.reason = "ok", None
        return articles or None

    return earlier


def previous_keys(out: Path) -> tuple[str | None, str | None]:
    """(fingerprint, corpus state) of the outputs in `out`, or Nones when there are none."""
    try:
        meta = pq.read_schema(out / config.ARTICLES_FILE).metadata or {}
        # a part of a partitioned output has no facts or deals of its own (facts/shards.py)
        names = [config.CLAIMS_FILE] + [n for n in (config.FACTS_FILE, config.DEALS_FILE)
                                        if (out / n).exists()]
        for name in names:
            if (pq.read_schema(out / name).metadata or {}).get(FINGERPRINT_KEY) != \
                    meta.get(FINGERPRINT_KEY):
                return None, None  # files of different runs: trust none
    except (OSError, ValueError):
        return None, None
    fp, state = meta.get(FINGERPRINT_KEY), meta.get(STATE_KEY)
    return (fp.decode() if fp else None), (state.decode() if state else None)


def previous_claims(out: Path) -> dict[tuple[str, str], list[dict]]:
    """{(article_id, doc_hash): claim rows} of the earlier run, articles without claims too."""
    cache: dict[tuple[str, str], list[dict]] = {}
    articles = pq.read_table(out / config.ARTICLES_FILE,
                             columns=["article_id", "doc_hash", "status"]).to_pylist()
    for a in articles:
        if a["status"] == "ok":
            cache[(a["article_id"], a["doc_hash"])] = []
    for row in pq.read_table(out / config.CLAIMS_FILE).to_pylist():
        key = (row["article_id"], row["doc_hash"])
        if key in cache:
            row["fact_id"] = row["deal_id"] = None
            cache[key].append(row)
    return cache


def unchanged_line(out: Path) -> str:
    return (f"extract: corpus and pipeline unchanged since the outputs in {out} were made; "
            "nothing rewritten")
