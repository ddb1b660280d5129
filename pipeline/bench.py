"""`make bench`: throughput and memory, measured side by side in one run over the same texts,
each measurement in a fresh process (model loading not timed).

    python -m pipeline.bench [--corpus DIR] [--workers N] [--rounds N] [--memory]
    python -m pipeline.bench --scaling [--chars N]

Prints words and articles; words/s of a bare `nlp.pipe` with only the model's `ner` enabled;
words/s of the whole extract (ingest to Parquet written) with 1 and with N processes, and on a
local Dask cluster of N workers, and their ratios (each the best of --rounds interleaved rounds); the time of a rerun over the
unchanged corpus; peak RSS of a one-process extract run; with --memory, peak RSS of the same
corpus tripled (copies under other names, text altered so deduplication keeps them). The WARC
path: the corpus written as one .warc.gz (each article an HTML page in a response record, as
CC-NEWS stores them), its one-process extract per word next to the plain files', the records/s
of the WARC reader alone and the pages/s of its ingest (HTML extraction included).

With --scaling, only this: one dense article (figures, ranges, names and number words in every
sentence) of --chars characters, doubled three times, each size extracted in a fresh process;
prints CPU seconds and the peak memory above the loaded model (each the least of --rounds
interleaved rounds), and their ratios per doubling.
"""
from __future__ import annotations

import argparse
import html
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import config
from .cli import positive
from .ingest import read_corpus
from .ingest.warc import read_part


def texts_of(corpus: Path) -> list[str]:
    return [a.text for a in read_corpus(corpus) if a.status == "ok"]


def in_child(code: str) -> float:
    """The number a measurement prints last, measured in a fresh process so that one
    measurement's leftovers (a second model, its garbage) cannot slow the next."""
    return numbers_in_child(code)[-1]


def numbers_in_child(code: str) -> list[float]:
    """The numbers of the last line a measurement prints, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=config.PROJECT_DIR)
    return [float(n) for n in done.stdout.splitlines()[-1].split()]


def bare_ner_seconds(corpus: Path, model: str) -> float:
    return in_child(
        "import time, spacy; from pathlib import Path; "
        "from pipeline.bench import texts_of; "
        f"texts = texts_of(Path({str(corpus)!r})); nlp = spacy.load({model!r}); "
        "nlp.select_pipes(enable=['ner']); t = time.perf_counter(); "
        "[None for _ in nlp.pipe(texts)]; "
        "print(time.perf_counter() - t)")


def extract_seconds(corpus: Path, out: Path, model: str, workers: int,
                    engine: str = "local") -> float:
    """A whole run; with the Dask engine, starting the local cluster and loading the model on
    its workers are part of it (a user pays for them on every run)."""
    return in_child(
        "import time; from pathlib import Path; from pipeline.core import get_model, run; "
        f"get_model({model!r}); t = time.perf_counter(); "
        f"run(Path({str(corpus)!r}), Path({str(out)!r}), model={model!r}, quiet=True, "
        f"workers={workers}, engine={engine!r}); print(time.perf_counter() - t)")


def rerun_seconds(corpus: Path, out: Path, model: str) -> float:
    """A whole `python -m pipeline extract` process over an unchanged corpus (incremental)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "extract", "--corpus", str(corpus),
                    "--out", str(out), "--model", model, "--quiet"], check=True,
                   cwd=config.PROJECT_DIR)
    return time.perf_counter() - started


def peak_rss_mb(corpus: Path, model: str) -> float:
    """Peak resident memory of a fresh one-process `extract` over `corpus`."""
    with tempfile.TemporaryDirectory() as out:
        return in_child(
            "import resource; from pathlib import Path; from pipeline.core import run; "
            f"run(Path({str(corpus)!r}), Path({out!r}), model={model!r}, quiet=True); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)") / 1024


def tripled(corpus: Path, into: Path) -> Path:
    """Three copies of every article, renamed and altered so none is a duplicate."""
    for copy in range(3):
        for article in read_corpus(corpus):
            if article.status != "ok":
                continue
            name = into / f"copy{copy}" / (article.article_id.replace("/", "_") + ".txt")
            name.parent.mkdir(parents=True, exist_ok=True)
            name.write_text(f"Copy {copy} of {article.article_id}.\n{article.text}",
                            encoding="utf-8")
    return into


# Sentences of a figure-dense article: each has several figures and organisation names, ranges,
# a run of number words (the cases that once made extraction quadratic).
DENSE = [
    "{a} will invest up to ${n} billion in {b}, and {c} agreed to buy {k},000 Nvidia H100 GPUs "
    "from {d} in {y}.",
    "{a} said it would provide {b} with {g} gigawatts of computing capacity, a deal worth about "
    "${n} billion.",
    "Revenue at {a} rose from ${n} billion to ${m} billion, while {b} took a {p}% stake in {c}.",
    "{a} and {b} signed a ${n} billion contract for between {g} and {h} GW of power by {y}.",
    "The company, which {a} valued at ${m} billion, plans to spend $ {n}.{k} billion on {k} "
    "data centers, one two three four five six seven eight nine ten of them in {y}.",
]
DENSE_ORGS = ["Amazon", "Google", "Microsoft", "Anthropic", "OpenAI", "Meta", "Nvidia", "AMD",
              "Oracle", "CoreWeave", "SoftBank", "Broadcom", "TSMC", "Samsung", "Intel", "xAI"]


def dense_article(chars: int) -> str:
    """`chars` characters of DENSE sentences, five to a paragraph; the same seed, so a longer
    article starts with the shorter one."""
    pick = random.Random(1)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraphs.append(" ".join(pick.choice(DENSE).format(
            a=pick.choice(DENSE_ORGS), b=pick.choice(DENSE_ORGS), c=pick.choice(DENSE_ORGS),
            d=pick.choice(DENSE_ORGS), n=pick.randint(1, 99), m=pick.randint(100, 999),
            k=pick.randint(1, 9), g=pick.randint(1, 9), h=pick.randint(10, 20),
            p=pick.randint(1, 49), y=pick.randint(2020, 2030)) for _ in range(5)))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:chars]


def article_cost(text: str, model: str) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MB above the loaded model) of a one-process extract of one
    article, in a fresh process. CPU time, unlike the clock, leaves out the time other processes
    of a busy machine hold the cores."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / "dense.txt").write_text(text, encoding="utf-8")
        seconds, mb = numbers_in_child(
            "import resource, time; from pathlib import Path; "
            "from pipeline.core import get_model, run; "
            f"get_model({model!r}); "
            "rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "base = rss(); t = time.process_time(); "
            f"run(Path({str(corpus)!r}), Path({tmp!r}) / 'out', model={model!r}, quiet=True); "
            "print(time.process_time() - t, (rss() - base) / 1024)")
    return seconds, mb


def scaling(chars: int, model: str, rounds: int, doublings: int = 3) -> None:
    """Cost of a dense article of `chars` characters, doubled `doublings` times: the least CPU
    time and memory of `rounds` interleaved rounds (a busy neighbour slows a single run)."""
    sizes = [chars * 2 ** i for i in range(doublings + 1)]
    costs = [[article_cost(dense_article(size), model) for size in sizes] for _ in range(rounds)]
    print("dense article: CPU time, peak memory above the loaded model, ratios per doubling "
          "(target <= 2.3)")
    before = None
    for size, measured in zip(sizes, zip(*costs)):
        seconds, mb = min(s for s, _ in measured), min(m for _, m in measured)
        line = f"{size:8d} chars {seconds:7.1f} s {mb:7.0f} MB"
        if before:
            line += f"   x{seconds / before[0]:.2f} time  x{mb / before[1]:.2f} memory"
        print(line)
        before = seconds, mb


def warc_of(corpus: Path, into: Path) -> Path:
    """The corpus's readable articles as into/corpus.warc.gz: each an HTML page (its lines as
    paragraphs) in an HTTP 200 response record, one gzip member each, as CC-NEWS writes them."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    path = into / "corpus.warc.gz"
    with open(path, "wb") as f:
        for article in read_corpus(corpus):
            if article.status != "ok":
                continue
            paragraphs = "".join(f"<p>{html.escape(line)}</p>"
                                 for line in article.text.split("\n") if line.strip())
            page = (f"<html><head><title>{html.escape(article.title or '')}</title></head>"
                    f"<body><article>{paragraphs}</article></body></html>")
            record = WarcRecord()
            record.init_headers(record_type=WarcRecordType.response)
            record.headers["WARC-Target-URI"] = f"https://news.example.org/{article.article_id}"
            record.headers["WARC-Date"] = "2026-01-01T00:00:00Z"
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; "
                                     b"charset=utf-8\r\n\r\n" + page.encode("utf-8"))
            member = GzipWriter(f)
            record.write(member)
            member.close()
    return path


def warc_rates(path: Path) -> tuple[float, float]:
    """(records/s of fastwarc reading every record and its payload, pages/s of the WARC ingest:
    HTML extraction, language and page checks included) over the file."""
    from fastwarc.warc import ArchiveIterator

    started = time.perf_counter()
    with open(path, "rb") as f:
        records = sum(1 for record in ArchiveIterator(f, parse_http=True) if record.reader.read())
    reader = records / (time.perf_counter() - started)
    started = time.perf_counter()
    pages = len(read_part(path, path.name, 0, path.stat().st_size).articles)
    return reader, pages / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=config.DEFAULT_CORPUS)
    parser.add_argument("--model", default=config.DEFAULT_MODEL)
    parser.add_argument("--workers", type=positive, default=os.cpu_count() or 2)
    parser.add_argument("--rounds", type=positive, default=2,
                        help="repeat the speed measurements, keep each one's best (default 2)")
    parser.add_argument("--memory", action="store_true",
                        help="also measure peak RSS on the corpus tripled")
    parser.add_argument("--scaling", action="store_true",
                        help="only the cost of a dense article doubled three times")
    parser.add_argument("--chars", type=positive, default=30_000,
                        help="with --scaling, the size of the first article (default 30000)")
    args = parser.parse_args(argv)
    if args.scaling:
        scaling(args.chars, args.model, args.rounds)
        return 0
    if not args.corpus.is_dir():
        print(f"error: corpus folder '{args.corpus}' does not exist", file=sys.stderr)
        return 2
    texts = texts_of(args.corpus)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus            {args.corpus}: {len(texts)} articles, {words} words")
    # Rounds interleave the three measurements and each keeps its best (least disturbed) time:
    # on a shared machine a neighbour's burst can slow any single run by a third.
    times: dict[str, list[float]] = {"ner": [], "one": [], "many": [], "dask": [], "warc": []}
    with tempfile.TemporaryDirectory() as tmp:
        warcs = Path(tmp) / "warc"
        warcs.mkdir()
        reader, pages = warc_rates(warc_of(args.corpus, warcs))
        for round_ in range(args.rounds):
            times["ner"].append(bare_ner_seconds(args.corpus, args.model))
            for key, workers, engine in (("one", 1, "local"), ("many", args.workers, "local"),
                                         ("dask", args.workers, "dask")):
                out = Path(tmp) / f"{key}{round_}"  # a new folder: a full run, nothing reused
                times[key].append(extract_seconds(args.corpus, out, args.model, workers, engine))
            times["warc"].append(extract_seconds(warcs, Path(tmp) / f"warc{round_}", args.model, 1))
        rerun = rerun_seconds(args.corpus, Path(tmp) / "one0", args.model)
    ner, one, many, dask, warc = (min(times[k]) for k in ("ner", "one", "many", "dask", "warc"))
    runs = {k: ", ".join(f"{t:.1f}" for t in v) for k, v in times.items()}
    print(f"bare nlp.pipe ner {words / ner:10.0f} words/s  (best of {runs['ner']} s)")
    print(f"extract, 1 proc   {words / one:10.0f} words/s  (best of {runs['one']} s)")
    print(f"extract, {args.workers} procs  {words / many:10.0f} words/s  (best of {runs['many']} s)")
    print(f"extract, dask {args.workers}   {words / dask:10.0f} words/s  (best of {runs['dask']} s; "
          "a local cluster, its start included)")
    print(f"ratio extract(1) / bare ner     {ner / one:5.2f}x   (target >= 2.0)")
    print(f"ratio extract({args.workers}) / extract(1)   {one / many:5.2f}x   (target >= 1.7)")
    print(f"ratio dask({args.workers}) / extract({args.workers})      {many / dask:5.2f}x")
    print(f"extract, WARC, 1  {words / warc:10.0f} words/s  (best of {runs['warc']} s; the same "
          "articles as HTML pages in one .warc.gz)")
    print(f"ratio WARC / plain, per word    {warc / one:5.2f}x   (target <= 1.5)")
    print(f"WARC reader       {reader:10.0f} records/s (fastwarc: records and payloads)")
    print(f"WARC ingest       {pages:10.0f} pages/s   (HTML extraction and page checks included)")
    print(f"rerun, unchanged  {rerun:10.1f} s    (a new process; target < 3 s)")
    rss = peak_rss_mb(args.corpus, args.model)
    print(f"peak RSS, 1 proc  {rss:10.0f} MB")
    if args.memory:
        work = Path(tempfile.mkdtemp(prefix="bench-tripled-"))
        try:
            rss3 = peak_rss_mb(tripled(args.corpus, work), args.model)
        finally:
            shutil.rmtree(work)
        print(f"peak RSS, tripled {rss3:10.0f} MB   ratio {rss3 / rss:5.2f}   (target <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
