"""The run: ingest -> annotate -> figures -> context -> facts -> outputs, as generators over
articles."""
from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
from tqdm import tqdm

from . import config, incremental
from .annotate import load_model, masked_doc, model_id
from .context.link import link
from .context.orgs import get_org_table
from .context.roles import lead_deal_spans
from .distributed import dask_client, dask_mapper, dask_parts, dask_processed, warm_workers
from .facts import NearDuplicates, build, read_inputs
from .facts.tables import write_claims, write_facts
from .figures.find import figure_sentences
from .ingest import clean_text, count_articles, finish, parse_date, read_corpus, unwrapped
from .ingest.warc import WarcRun, read_part
from .outputs import parquet, schema
from .records import Article, Claim


@dataclass
class Summary:
    inputs: int = 0
    claims: int = 0
    statuses: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)  # WARC records that are not articles
    seconds: float = 0.0
    reused: int = 0
    unchanged: bool = False

    def line(self, out: Path) -> str:
        if self.unchanged:
            return f"{incremental.unchanged_line(out)} ({self.seconds:.1f} s)"
        skipped = {k: v for k, v in sorted(self.statuses.items()) if k != "ok"}
        detail = ", ".join(f"{v} {k}" for k, v in skipped.items()) or "none"
        records = ", ".join(f"{v} {k}" for k, v in sorted(self.records.items()))
        return (f"extract: {self.inputs} articles read, {self.statuses['ok']} ok "
                f"({self.reused} unchanged since the earlier run), {self.claims} claims; "
                f"skipped: {detail}; "
                + (f"WARC records that are not articles: {records}; " if records else "")
                + f"{self.seconds:.1f} s -> {out}")


_WORKER_MODEL = config.DEFAULT_MODEL


@lru_cache(maxsize=2)
def get_model(name: str):
    return load_model(name)


def annotated(nlp, articles: Iterable[Article]) -> Iterator[tuple[Article, object]]:
    """(article, Doc) in input order; Doc is None for articles that were not read or that the
    model failed on (those get status error, and the run goes on)."""
    articles = iter(articles)
    while batch := list(islice(articles, config.BATCH_SIZE)):
        ok = [a for a in batch if a.status == "ok" and a.cached is None]
        try:  # a batch over one article's budget is redone one by one to find the slow one
            with time_budget(config.ARTICLE_SECONDS):
                docs = dict(zip(map(id, ok), nlp.pipe(masked(nlp, a) for a in ok)))
        except Exception:  # one bad text must not sink its batch: redo them one by one
            docs = {id(a): _one_doc(nlp, a) for a in ok}
        for article in batch:
            yield article, docs.get(id(article))


def masked(nlp, article: Article):
    """The article's Doc with only its sentences that may hold a figure, and the lead sentences
    that may state its deal, left for the model."""
    text = unwrapped(article.text)
    keep = figure_sentences(text)
    if keep:  # an article with figures: its lead too, when it may state a deal
        keep = sorted(set(keep) | set(lead_deal_spans(text, get_org_table())))
    return masked_doc(nlp, text, keep)


def _one_doc(nlp, article: Article):
    try:
        with time_budget(config.ARTICLE_SECONDS):
            return nlp(masked(nlp, article))
    except Exception as exc:  # noqa: BLE001 - recorded in the articles table
        failed(article, "model", exc)
        return None


class OverBudget(Exception):
    """An article took more than config.ARTICLE_SECONDS."""


@contextmanager
def time_budget(seconds: float):
    """OverBudget after `seconds` of this process's CPU time (SIGPROF: it stops a regex match
    too, which checks for signals). Signals reach only the main thread: in a Dask worker's
    thread there is no budget."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise OverBudget(f"time budget exceeded ({seconds:g} CPU seconds, "
                         "PIPELINE_ARTICLE_SECONDS)")

    previous = signal.signal(signal.SIGPROF, expire)
    # then again every tenth of a second: Python swallows an exception raised in a garbage
    # collector callback or a __del__, and the budget must not end with it
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.1)
    try:
        yield
    finally:
        while True:  # the signal may still raise here, once more: stop it all the same
            try:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, previous)
                break
            except OverBudget:
                pass


def failed(article: Article, stage: str, exc: Exception) -> None:
    article.status = "error"
    article.reason = str(exc) if isinstance(exc, OverBudget) else \
        f"{stage} failed: {type(exc).__name__}: {exc}"


def deduplicated(articles: Iterable[Article]) -> Iterator[Article]:
    """Marks the second and later copies of the same text as duplicates of the first."""
    first: dict[str, str] = {}
    for article in articles:
        if article.status == "ok":
            if article.doc_hash in first:
                article.status = "duplicate"
                article.reason = f"same text as {first[article.doc_hash]}"
            else:
                first[article.doc_hash] = article.article_id
        yield article


def row_of(claim: Claim) -> dict:
    """A claim as a table row (a shallow copy: dataclasses.asdict deep-copies, and costs)."""
    return dict(vars(claim))


def article_row(article: Article, n_claims: int, story: str | None = None) -> dict:
    row = {k: getattr(article, k) for k in
           ("article_id", "source_path", "doc_hash", "title", "outlet", "published_at", "url",
            "n_chars", "status", "reason", "text")}
    row["n_claims"] = n_claims
    row["story_id"] = story
    if article.status == "ok" and n_claims == 0 and not article.reason:
        row["reason"] = "read; no figure found"
    return row


def process(nlp, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim]]]:
    mid = model_id(nlp)
    for article, doc in annotated(nlp, articles):
        claims = []
        if article.cached is not None:
            claims = [_reused(row, article) for row in article.cached]
        elif doc is not None:
            try:
                with time_budget(config.ARTICLE_SECONDS):
                    claims = link(article, doc, doc._.figures, mid)
            except Exception as exc:  # noqa: BLE001 - recorded in the articles table
                failed(article, "linking", exc)
            doc.user_data.clear()  # its caches point back at the doc: free it now, not at GC
        yield article, claims


def _reused(row: dict, article: Article) -> Claim:
    """An earlier run's claim of an unchanged text, with the article's current provenance."""
    claim = Claim(**row)
    for name in ("source_path", "url", "title", "outlet", "published_at"):
        setattr(claim, name, getattr(article, name))
    return claim


def _worker_init(model: str) -> None:
    global _WORKER_MODEL
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER_MODEL = model
    get_model(model)


def _worker_batch(batch: list[Article]) -> list[tuple[Article, list[Claim]]]:
    return list(process(get_model(_WORKER_MODEL), batch))


@contextmanager
def extractor(model: str, workers: int, engine: str = "local", scheduler: str | None = None):
    """(extract, mapper, read_parts): extract maps articles -> (article, claims) over `workers`
    local processes or a Dask cluster, ready to run when this returns (model loaded, cluster
    reached), results in input order whatever the engine or worker count, a few batches per
    worker in flight to bound memory; mapper is map() for the facts' reduce step, on the same
    cluster; read_parts reads the parts of a WARC file on the same workers (ingest/warc.py;
    None: here, one after the other)."""
    if engine == "dask":
        with dask_client(workers, scheduler) as client:
            warm_workers(client, model)
            yield ((lambda articles: dask_processed(client, articles, model)), dask_mapper(client),
                   lambda tasks: dask_parts(client, tasks))
    else:
        nlp = get_model(model)  # loaded before any fork: the workers share it
        gc.freeze()  # the model's objects live on: keep them out of every garbage collection
        if workers <= 1:
            yield (lambda articles: process(nlp, articles)), map, None
            return
        with multiprocessing.get_context("fork").Pool(workers, _worker_init, (model,)) as pool:
            yield ((lambda articles: in_order(
                lambda batch: pool.apply_async(_worker_batch, (batch,)).get, articles, workers)),
                map, lambda tasks: ordered(lambda task: pool.apply_async(read_part, task).get,
                                           tasks, 2 * workers))


def in_order(submit, articles: Iterable[Article], workers: int):
    """Batches of articles submitted ahead (submit returns a callable giving the batch's
    results), results yielded in submission order."""
    articles = iter(articles)
    batches = iter(lambda: list(islice(articles, config.BATCH_SIZE)), [])
    for results in ordered(submit, batches, 2 * workers):
        yield from results


def ordered(submit, items: Iterable, ahead: int) -> Iterator:
    """The result of each item, in item order: submit(item) returns a callable that gives it,
    and `ahead` items are in flight, to keep every worker busy and bound memory."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= ahead:
            yield pending.popleft()()
    while pending:
        yield pending.popleft()()


def run(corpus: Path, out: Path, model: str = config.DEFAULT_MODEL, quiet: bool = False,
        progress: bool | None = None, workers: int = 1, engine: str = "local",
        scheduler: str | None = None) -> Summary:
    """Extract every article below `corpus` into out/claims.parquet, articles.parquet,
    facts.parquet and deals.parquet, reusing what an earlier run into `out` already did
    (incremental.py)."""
    started = time.monotonic()
    summary = Summary()
    fp, state = incremental.fingerprint(model), incremental.corpus_state(corpus)
    previous_fp, previous_state = incremental.previous_keys(out)
    if (previous_fp, previous_state) == (fp, state):
        summary.unchanged = True
        summary.seconds = time.monotonic() - started
        return summary
    cache = incremental.previous_claims(out) if previous_fp == fp else {}
    show = (sys.stderr.isatty() and not quiet) if progress is None else progress
    stories = NearDuplicates()
    sources: dict[str, tuple] = {}
    stamps = incremental.warc_stamps(corpus)
    meta = incremental.metadata(fp, state, stamps)
    with parquet.locked(out), extractor(model, workers, engine, scheduler) as (
            extract, mapper, read_parts):
        parquet.remove_stale_temp_files(out)
        earlier = incremental.earlier_warcs(corpus, out, stamps) if previous_fp == fp else None
        warcs = WarcRun(read_parts, summary.records, earlier)
        articles = _with_cache(deduplicated(read_corpus(corpus, warcs)), cache)
        # Started once the workers are ready, so the first rate (and ETA) is a true one.
        bar = tqdm(total=count_articles(corpus), unit="article", disable=not show,
                   file=sys.stderr, desc="extract")
        with parquet.Outputs(out) as outputs:
            articles_out = outputs.stage(config.ARTICLES_FILE, schema.ARTICLES_SCHEMA, meta)
            unlinked = outputs.temporary("claims-without-facts.parquet", schema.CLAIMS_SCHEMA)
            for article, claims in extract(articles):
                bar.update(1)
                story = (stories.story_of(article.article_id, article.text)
                         if article.status in ("ok", "duplicate") else None)
                summary.inputs += 1
                summary.statuses[article.status] += 1
                summary.claims += len(claims)
                summary.reused += article.cached is not None
                unlinked.add([row_of(c) for c in claims])
                articles_out.add([article_row(article, len(claims), story)])
                if claims:
                    sources[article.article_id] = (story, article.outlet, article.published_at)
            bar.close()
            unlinked.close()
            _write_facts(outputs, unlinked.tmp, sources, meta, mapper)
            parquet.write_atomic(out / config.COLUMNS_FILE, schema.data_dictionary())
    summary.seconds = time.monotonic() - started
    return summary


def _with_cache(articles: Iterable[Article], cache: dict) -> Iterator[Article]:
    """Articles whose id and text are unchanged since the earlier run carry its claims."""
    for article in articles:
        if article.status == "ok":
            article.cached = cache.get((article.article_id, article.doc_hash))
        yield article


def _write_facts(outputs: parquet.Outputs, unlinked: Path, sources: dict[str, tuple],
                 meta: dict[bytes, bytes], mapper=map) -> None:
    """facts.parquet and deals.parquet from the run's claims, then claims.parquet with their
    fact and deal ids."""
    built = build(read_inputs([unlinked]), sources, mapper)
    write_facts(outputs, built, meta)
    write_claims(outputs, unlinked, built, meta)


def extract_text(text: str, published_at: str | datetime | None = None,
                 model: str = config.DEFAULT_MODEL) -> pd.DataFrame:
    """Claims of one text as a DataFrame with the claims schema (the batch run's code path)."""
    if isinstance(published_at, str):
        published_at = parse_date(published_at)
    article = finish(Article(article_id="text", source_path="<text>", text=clean_text(text),
                             published_at=published_at))
    rows = [row_of(c) for _, claims in process(get_model(model), [article]) for c in claims]
    return parquet.to_pandas(parquet.to_table(rows, schema.CLAIMS_SCHEMA))


def read_claims(out_dir: str | Path = config.DEFAULT_OUT) -> pd.DataFrame:
    """outputs/claims.parquet as a DataFrame with nullable dtypes and UTC timestamps."""
    return parquet.read_table(Path(out_dir) / config.CLAIMS_FILE, schema.CLAIMS_SCHEMA)


def read_articles(out_dir: str | Path = config.DEFAULT_OUT) -> pd.DataFrame:
    """outputs/articles.parquet: one row per input, with status, reason and text."""
    return parquet.read_table(Path(out_dir) / config.ARTICLES_FILE, schema.ARTICLES_SCHEMA)


def describe(table: str = "claims") -> pd.DataFrame:
    """Column, type, unit and description of an output table: claims, articles, facts or
    deals."""
    return schema.describe(schema.FIELDS[table])


def read_facts(out_dir: str | Path = config.DEFAULT_OUT) -> pd.DataFrame:
    """outputs/facts.parquet: one row per fact, with its sources, status and history."""
    return parquet.read_table(Path(out_dir) / config.FACTS_FILE, schema.FACTS_SCHEMA)


def read_deals(out_dir: str | Path = config.DEFAULT_OUT) -> pd.DataFrame:
    """outputs/deals.parquet: one row per deal, with its facts of every metric."""
    return parquet.read_table(Path(out_dir) / config.DEALS_FILE, schema.DEALS_SCHEMA)
