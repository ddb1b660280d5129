"""How building facts grows with the number of claims.

    python -m pipeline.facts.bench OUT [OUT ...] [--doublings 3] [--dense]

Reads the claims of earlier runs (e.g. BBC and Reuters), then builds facts and deals over them
and over 2, 4, 8... copies (each copy a corpus of its own: other article, claim and story ids,
the same figures and parties, so that facts grow as well as their number); with --dense, every
claim of a copy in one article and about one organisation (a figure-dense article: the case
that made grouping quadratic before). Each size runs in a fresh process;
prints claims, seconds and peak RSS, and their ratios per doubling (linear: about 2).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .. import config
from ..cli import positive
from .build import build
from .reports import read_inputs


def corpus(outs: list[Path], copies: int, dense: bool) -> tuple[pa.Table, dict[str, tuple]]:
    """The claims of the runs in `outs`, `copies` times, and their sources."""
    claims = read_inputs([o / config.CLAIMS_FILE for o in outs])
    articles = pa.concat_tables(pq.read_table(o / config.ARTICLES_FILE, columns=[
        "article_id", "story_id", "outlet", "published_at"]) for o in outs).to_pylist()
    tables, sources = [], {}
    for n in range(copies):
        ids = pc.binary_join_element_wise(claims["article_id"], pa.scalar(f"~{n}"), "")
        copy = claims.set_column(0, "claim_id", pc.binary_join_element_wise(
            claims["claim_id"], pa.scalar(f"~{n}"), ""))
        if dense:
            ids = pa.array([f"dense~{n}"] * claims.num_rows, pa.string())
            copy = copy.set_column(copy.column_names.index("subject"), "subject",
                                   pa.array(["Acme"] * claims.num_rows, pa.string()))
        tables.append(copy.set_column(copy.column_names.index("article_id"), "article_id", ids))
        for a in articles:
            key = f"dense~{n}" if dense else f"{a['article_id']}~{n}"
            sources.setdefault(key, (f"{a['story_id']}~{n}", a["outlet"], a["published_at"]))
    return pa.concat_tables(tables), sources


def measure(outs: list[Path], copies: int, dense: bool) -> tuple[int, float, float]:
    """(claims, seconds, peak RSS in MB) of building facts over `copies` copies."""
    claims, sources = corpus(outs, copies, dense)
    started = time.perf_counter()
    built = build(claims, sources)
    seconds = time.perf_counter() - started
    assert len(built.fact_of) == pc.sum(pc.invert(claims["vague"])).as_py()
    return claims.num_rows, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.facts.bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("outs", type=Path, nargs="+", help="output folders of earlier runs")
    parser.add_argument("--doublings", type=positive, default=3)
    parser.add_argument("--dense", action="store_true", help="each copy one dense article")
    args = parser.parse_args(argv)
    previous = None
    for k in range(args.doublings + 1):
        code = ("from pathlib import Path; from pipeline.facts.bench import measure; "
                f"print(*measure([Path(p) for p in {[str(o) for o in args.outs]!r}], {2 ** k}, "
                f"{args.dense}))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=config.PROJECT_DIR)  # a fresh process each
        n, seconds, rss = map(float, done.stdout.split()[-3:])
        ratios = (f"   x{seconds / previous[1]:.2f} time  x{rss / previous[2]:.2f} RSS"
                  if previous else "")
        print(f"{int(n):>9} claims  {seconds:7.2f} s  {rss:7.0f} MB peak RSS{ratios}")
        previous = (n, seconds, rss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
