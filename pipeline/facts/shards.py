"""One facts table over a partitioned output (`python -m pipeline facts --out OUT`).

A corpus too large for one run is extracted shard by shard into OUT/<part>/ (each folder holds
the claims.parquet and articles.parquet of one `extract`). This reduce step reads every part in
folder order and builds the facts and deals of them all, as one run over the whole corpus
would: stories (near-duplicates) are found across parts in the same order, an exact copy of an
earlier part's article counts as that article's duplicate (its claims take the original's
facts), and the blocks of reports are linked with `mapper` (map, or a Dask cluster's). It writes OUT/facts.parquet and
OUT/deals.parquet, sets every part's claims to their fact and deal ids, and removes the parts'
own (per-shard) facts and deals.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import config
from ..outputs import parquet
from .build import Built, build
from .reports import read_inputs
from .stories import NearDuplicates
from .tables import write_claims, write_facts

ARTICLE_COLUMNS = ["article_id", "status", "doc_hash", "outlet", "published_at", "text"]


class ShardError(ValueError):
    """The output folder holds no parts, or parts that cannot be read together."""


def parts_of(out: Path) -> list[Path]:
    """The sub-folders of `out` that hold an extract's claims and articles, in name order."""
    return sorted(p.parent for p in out.glob(f"*/{config.CLAIMS_FILE}")
                  if (p.parent / config.ARTICLES_FILE).is_file())


def reduce(out: Path, mapper: Callable = map) -> Built:
    parts = parts_of(out)
    if not parts:
        raise ShardError(f"no part folders with {config.CLAIMS_FILE} and "
                         f"{config.ARTICLES_FILE} in '{out}'")
    sources, copies = _sources(parts)
    claims = read_inputs([p / config.CLAIMS_FILE for p in parts])
    copied = pc.is_in(claims["article_id"], pa.array(list(copies), pa.string()))
    originals = claims.filter(pc.invert(copied))
    built = build(originals, sources, mapper)
    _link_copies(built, claims.filter(copied), copies, originals)
    with parquet.Outputs(out) as outputs:
        write_facts(outputs, built, None)
    for part in parts:
        claims = part / config.CLAIMS_FILE
        with parquet.Outputs(part) as outputs:
            write_claims(outputs, claims, built, pq.read_schema(claims).metadata)
        for name in (config.FACTS_FILE, config.DEALS_FILE):
            (part / name).unlink(missing_ok=True)
    return built


def _link_copies(built: Built, copied: pa.Table, copies: dict[str, str], claims: pa.Table
                 ) -> None:
    """The claims of an exact copy take the fact and deal of the original's claim at the same
    place (one run would not have extracted the copy)."""
    def rows(table):
        return zip(*(table[c].to_pylist() for c in ("claim_id", "article_id", "char_start")))

    at = {(article_id, start): claim_id for claim_id, article_id, start in rows(claims)}
    for claim_id, article_id, start in rows(copied):
        original = at.get((copies[article_id], start))
        for of in (built.fact_of, built.deal_of):
            if original in of:
                of[claim_id] = of[original]


def _sources(parts: list[Path]) -> tuple[dict[str, tuple], dict[str, str]]:
    """({article_id: (story, outlet, published_at)}, {id of an exact copy of an earlier
    article: that article's id})."""
    stories = NearDuplicates()
    sources: dict[str, tuple] = {}
    first: dict[str, str] = {}
    copies: dict[str, str] = {}
    where: dict[str, Path] = {}
    for part in parts:
        articles = pq.ParquetFile(part / config.ARTICLES_FILE)
        for batch in articles.iter_batches(columns=ARTICLE_COLUMNS):
            for a in batch.to_pylist():
                if a["status"] not in ("ok", "duplicate"):
                    continue
                if a["article_id"] in where:
                    raise ShardError(f"article id '{a['article_id']}' is in both "
                                     f"'{where[a['article_id']]}' and '{part}': give the "
                                     "shards' files distinct names")
                where[a["article_id"]] = part
                story = stories.story_of(a["article_id"], a["text"])
                if a["status"] == "ok" and first.setdefault(a["doc_hash"],
                                                            a["article_id"]) != a["article_id"]:
                    copies[a["article_id"]] = first[a["doc_hash"]]
                sources[a["article_id"]] = (story, a["outlet"], a["published_at"])
    return sources, copies
