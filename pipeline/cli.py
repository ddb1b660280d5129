"""Command line: `python -m pipeline extract|eval ...`. Exit 2 for unusable arguments."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from . import config

USAGE_ERROR = 2
RUN_FAILED = 1
INTERRUPTED = 130  # the shell's status for a run stopped by Ctrl-C


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
    ev.add_argument("--details", action="store_true",
                    help="list every miss, false positive and attribute mismatch, row by row")
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
    parser.add_argument("--engine", choices=["local", "dask"], default=None,
                        help="local processes, or a dask.distributed cluster (default: local; "
                             "dask when --scheduler is given)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="a running Dask scheduler to use, e.g. tls://host:8786 (implies "
                             "--engine dask; default: a local cluster of --workers processes)")


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl-C and a closed pipe end it with a message, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("\ninterrupted: earlier outputs are untouched, no temporary file is left",
              file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `... | head` stopped reading: that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return _report(args)
    if args.command == "columns":
        from .outputs import schema

        print(schema.markdown_reference(schema.FIELDS[args.table]))
        return 0
    if args.scheduler and args.engine == "local":
        return fail("--scheduler runs on a Dask cluster: drop --engine local (or use --engine dask)")
    args.engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and not args.scheduler.startswith("tls://"):
        print(f"warning: {args.scheduler} is not TLS: anyone who can reach that scheduler can run "
              "code on its workers (README, 'On a Dask cluster')", file=sys.stderr)
    if args.command == "facts":
        return _facts(args)
    problem = _argument_problem(args)
    if problem:
        return fail(problem)
    config.ALIAS_FILES.extend(str(p) for p in args.aliases)
    if args.command == "extract":
        from .incremental import unchanged_line, up_to_date  # before spaCy is imported

        if up_to_date(args.corpus, args.out, args.model):
            if not args.quiet:
                print(unchanged_line(args.out), file=sys.stderr)
            return 0
    from .annotate import ModelError  # heavy imports only once the arguments are sound
    from .core import run
    from .distributed import EngineError

    try:
        if args.command == "extract":
            summary = run(args.corpus, args.out, model=args.model, quiet=args.quiet,
                          workers=args.workers, engine=args.engine, scheduler=args.scheduler)
            if not args.quiet:
                print(summary.line(args.out), file=sys.stderr)
            if not summary.inputs and not summary.unchanged:  # said even with --quiet
                print(f"warning: no input files in '{args.corpus}' (.txt, .md, .html, .jsonl, "
                      "in sub-folders too); the outputs are empty tables", file=sys.stderr)
            return 0
        return _eval(args, run)
    except ModelError as exc:
        return fail(str(exc))
    except (OSError, EngineError) as exc:  # output folder unwritable or busy, cluster unreachable
        print(f"error: run stopped: {exc}", file=sys.stderr)
        return RUN_FAILED


def _argument_problem(args) -> str | None:
    """What makes the arguments of extract or eval unusable, in words; None when they are fine."""
    from .ingest import SidecarError, read_sidecar

    if not args.corpus.is_dir():
        return f"corpus folder '{args.corpus}' does not exist or is not a folder"
    if not os.access(args.corpus, os.R_OK | os.X_OK):
        return f"corpus folder '{args.corpus}' cannot be read (permissions)"
    if args.command == "eval":
        for path in (args.gold, args.negatives):
            if path is not None and not path.is_file():
                return f"gold file '{path}' does not exist"
    if args.out is not None:
        if args.out.exists() and not args.out.is_dir():
            return f"output '{args.out}' exists and is not a folder"
        if args.out.resolve().is_relative_to(args.corpus.resolve()):
            return (f"output folder '{args.out}' is inside the corpus '{args.corpus}': the next "
                    "run would read the outputs as articles; choose an --out outside it")
    try:
        read_sidecar(args.corpus)
    except SidecarError as exc:
        return str(exc)
    for path in [*map(Path, config.ALIAS_FILES), *args.aliases]:
        problem = alias_table_problem(path)
        if problem:
            return f"alias table '{path}' {problem}"
    return None


def alias_table_problem(path: Path) -> str | None:
    """Why an alias table cannot be used, or None: it must map canonical names to lists of
    names, every one a non-empty string (an empty alias would match everywhere)."""
    shape = ('needs an object under "aliases": {"Canonical name": ["alias", ...]}, every name a '
             "non-empty string")
    if not path.is_file():
        return "does not exist"
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        return f"is not readable JSON ({exc})"
    if not isinstance(table, dict) or not isinstance(table.get("aliases"), dict):
        return shape
    for name, aliases in table["aliases"].items():
        if not _names(name) or not isinstance(aliases, list) or not all(map(_names, aliases)):
            return f"{shape}; see {json.dumps(name)}"
    for key in ("not_organisations", "corporate_suffixes", "references", "name_extensions"):
        if key in table and not (isinstance(table[key], list) and all(map(_names, table[key]))):
            return f'needs a list of non-empty strings under "{key}"'
    return None


def _names(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _report(args) -> int:
    missing = [n for n in (config.CLAIMS_FILE, config.ARTICLES_FILE) if not (args.out / n).is_file()]
    if missing:
        return fail(f"no {', '.join(missing)} in '{args.out}': run `make extract` first")
    from .outputs.report import write_report

    try:
        page, figures = write_report(args.out)
    except OSError as exc:
        print(f"error: report not written: {exc.strerror or exc} ({exc.filename or args.out})",
              file=sys.stderr)
        return RUN_FAILED
    print(f"report: {page} and {len(figures)} charts in {page.parent / 'figures'}",
          file=sys.stderr)
    return 0


def _facts(args) -> int:
    from .distributed import EngineError, dask_client, dask_mapper
    from .facts.shards import ShardError, reduce

    try:
        if args.engine == "dask":
            with dask_client(args.workers, args.scheduler) as client:
                built = reduce(args.out, dask_mapper(client))
        else:
            built = reduce(args.out)
    except ShardError as exc:
        return fail(str(exc))
    except EngineError as exc:
        print(f"error: run stopped: {exc}", file=sys.stderr)
        return RUN_FAILED
    print(f"facts: {len(built.facts)} facts, {len(built.deals)} deals over the parts of "
          f"{args.out}", file=sys.stderr)
    return 0


def _eval(args, run) -> int:
    from .core import read_articles, read_claims
    from .evaluate import GoldError, default_negatives, load_gold, score

    negatives_path = args.negatives or default_negatives(args.gold)
    try:  # read before the extraction: a malformed file is reported at once
        gold = load_gold(args.gold)
        negatives = load_gold(negatives_path, negatives=True) if negatives_path else []
    except GoldError as exc:
        return fail(str(exc))
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        run(args.corpus, out, model=args.model, quiet=True, workers=args.workers,
            engine=args.engine, scheduler=args.scheduler)
        report = score(read_claims(out), read_articles(out), gold, negatives)
    print(f"eval: {args.corpus} against {args.gold}"
          + (f" and {negatives_path}" if negatives_path else ""))
    print(report.text(details=args.details))
    return 0
