"""Command line: `python -m pipeline extract|eval ...`. Exit 2 for unusable arguments."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from . import config

USAGE_ERROR = 2
RUN_FAILED = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn news articles into a table of sourced, quantitative claims.")
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="extract claims from a corpus folder into Parquet")
    ext.add_argument("--corpus", type=Path, default=config.DEFAULT_CORPUS,
                     help="folder of .txt/.md/.html/.jsonl articles (default: %(default)s)")
    ext.add_argument("--out", type=Path, default=config.DEFAULT_OUT,
                     help="folder for claims.parquet, articles.parquet and facts.parquet "
                          "(default: %(default)s)")
    _common(ext)

    ev = sub.add_parser("eval", help="extract a corpus and score it against gold labels")
    ev.add_argument("--corpus", type=Path, default=config.DEFAULT_CORPUS,
                    help="folder of the labelled articles (default: %(default)s)")
    ev.add_argument("--gold", type=Path, default=config.PROJECT_DIR / "tests/gold/seed_gold.jsonl",
                    help="gold JSONL (default: the project's copy of the sample gold)")
    ev.add_argument("--negatives", type=Path, default=None,
                    help="negatives JSONL (default: the gold file's *negatives* sibling)")
    ev.add_argument("--out", type=Path, default=None,
                    help="keep the extracted tables here (default: a temporary folder)")
    _common(ev)

    col = sub.add_parser("columns", help="print an output table's column reference (Markdown)")
    col.add_argument("table", choices=["claims", "articles", "facts", "deals"])

    fac = sub.add_parser("facts", help="one facts and deals table over a partitioned output "
                                       "(OUT/<part>/ folders, one extract each)")
    fac.add_argument("--out", type=Path, default=config.DEFAULT_OUT,
                     help="folder holding the part folders (default: %(default)s)")
    _engine(fac)

    rep = sub.add_parser("report", help="write report.html and figures/ from a run's outputs")
    rep.add_argument("--out", type=Path, default=config.DEFAULT_OUT,
                     help="folder holding the run's Parquet files (default: %(default)s)")
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=config.DEFAULT_MODEL,
                        help="installed spaCy model package (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    parser.add_argument("--aliases", type=Path, action="append", default=[], metavar="FILE",
                        help="extra organisation alias table (JSON, like "
                             "pipeline/patterns/organisations.json); may repeat")
    _engine(parser)


def _engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=positive, default=1,
                        help="worker processes (default: %(default)s); results do not depend on it")
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="local processes, or a dask.distributed cluster (default: %(default)s)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="with --engine dask: the scheduler to use (default: a local cluster "
                             "of --workers processes)")


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "facts":
        return _facts(args)
    if args.command == "columns":
        from .outputs import schema

        print(schema.markdown_reference(schema.FIELDS[args.table]))
        return 0
    if not args.corpus.is_dir():
        return fail(f"corpus folder '{args.corpus}' does not exist or is not a folder")
    if args.command == "eval":
        for path in (args.gold, args.negatives):
            if path is not None and not path.is_file():
                return fail(f"gold file '{path}' does not exist")
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        return fail(f"output '{args.out}' exists and is not a folder")
    for path in args.aliases:
        if not path.is_file():
            return fail(f"alias table '{path}' does not exist")
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return fail(f"alias table '{path}' is not readable JSON ({exc})")
        if not isinstance(table, dict) or not isinstance(table.get("aliases"), dict):
            return fail(f"alias table '{path}' needs an object under \"aliases\": "
                        '{"Canonical name": ["alias", ...]}')
    config.ALIAS_FILES.extend(str(p) for p in args.aliases)

    if args.command == "extract":
        from .incremental import unchanged_line, up_to_date  # before spaCy is imported

        if up_to_date(args.corpus, args.out, args.model):
            if not args.quiet:
                print(unchanged_line(args.out), file=sys.stderr)
            return 0
    from .annotate import ModelError  # heavy imports only once the arguments are sound
    from .core import run

    try:
        if args.command == "extract":
            summary = run(args.corpus, args.out, model=args.model, quiet=args.quiet,
                          workers=args.workers, engine=args.engine, scheduler=args.scheduler)
            if not args.quiet:
                print(summary.line(args.out), file=sys.stderr)
            return 0
        return _eval(args, run)
    except ModelError as exc:
        return fail(str(exc))
    except OSError as exc:  # the output folder cannot be made or written: the run stopped
        print(f"error: run stopped: {exc}", file=sys.stderr)
        return RUN_FAILED


def _report(args) -> int:
    missing = [n for n in (config.CLAIMS_FILE, config.ARTICLES_FILE) if not (args.out / n).is_file()]
    if missing:
        return fail(f"no {', '.join(missing)} in '{args.out}': run `make extract` first")
    from .outputs.report import write_report

    page, figures = write_report(args.out)
    print(f"report: {page} and {len(figures)} charts in {page.parent / 'figures'}",
          file=sys.stderr)
    return 0


def _facts(args) -> int:
    from .distributed import dask_client, dask_mapper
    from .facts.shards import ShardError, reduce

    try:
        if args.engine == "dask":
            with dask_client(args.workers, args.scheduler) as client:
                built = reduce(args.out, dask_mapper(client))
        else:
            built = reduce(args.out)
    except ShardError as exc:
        return fail(str(exc))
    print(f"facts: {len(built.facts)} facts, {len(built.deals)} deals over the parts of "
          f"{args.out}", file=sys.stderr)
    return 0


def _eval(args, run) -> int:
    from .core import read_articles, read_claims
    from .evaluate import default_negatives, load_jsonl, score

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        run(args.corpus, out, model=args.model, quiet=True, workers=args.workers,
            engine=args.engine, scheduler=args.scheduler)
        negatives_path = args.negatives or default_negatives(args.gold)
        report = score(read_claims(out), read_articles(out), load_jsonl(args.gold),
                       load_jsonl(negatives_path) if negatives_path else [])
    print(f"eval: {args.corpus} against {args.gold}"
          + (f" and {negatives_path}" if negatives_path else ""))
    print(report.text())
    return 0
