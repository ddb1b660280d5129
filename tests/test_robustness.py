"""Bad input, interrupted runs, determinism, no network: the promises of the README's
'Robustness and safety' section, on files the tests make (no committed binaries)."""
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline import config
from pipeline.bench import dense_article
from pipeline.core import OverBudget, run, time_budget

from conftest import PROJECT, SAMPLE_CORPUS

READERS = (pipeline.read_claims, pipeline.read_articles, pipeline.read_facts,
           pipeline.read_deals)
GOOD = ("Amazon will invest up to $4 billion in Anthropic, the companies said on Monday, "
        "and Anthropic will use 1 million Trainium chips.\n")


def make_bad_corpus(root: Path, outside: Path) -> dict[str, str]:
    """Every kind of bad input next to good articles; returns {item: expected status}."""
    root.mkdir(parents=True)
    expect = {}

    def put(name, data, status):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if status is not None:  # None: a JSONL file, whose records are the rows
            expect[name] = status

    put("good.txt", "Good.\n" + GOOD, "ok")
    put("empty.txt", b"", "empty")
    put("blank.txt", " \n\t\n  \n", "empty")
    put("picture.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2048), "not_text")
    zipped = BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("a.txt", GOOD)
    put("archive.txt", zipped.getvalue(), "not_text")
    put("latin1.txt", "Rolls-Royce sold it for \u00a3500m on Tuesday, the company said in a "
                      "statement to the stock exchange.\n".encode("latin-1"), "ok")
    put("cp1252.txt", "\u201cWe paid \u00a3500m\u201d, the chief executive said on Tuesday "
                      "\u2013 a deal long planned.\n".encode("cp1252"), "ok")
    put("utf16.txt", ("\ufeffUTF-16.\n" + GOOD).encode("utf-16-le"), "ok")
    put("nul.txt", "NUL.\n" + GOOD.replace("Anthropic,", "Anthropic,\x00"), "ok")
    put("nav.html", "<html><head><script>var x = 5;</script></head><body><nav><a href='/'>Home"
                    "</a> | <a href='/m'>Markets</a></nav><script>track('$5bn')</script>"
                    "</body></html>", "empty")
    lines = [json.dumps({"id": "j1", "text": GOOD}), "{broken json",
             json.dumps({"id": "j3", "title": "no text"}), json.dumps(["not", "an", "object"]),
             json.dumps({"id": "j5", "body": "Meta will spend $65 billion in 2025."})]
    put("feed.jsonl", "\n".join(lines) + "\n", None)
    expect.update({"j1": "ok", "feed.jsonl#2": "error", "j3": "error", "feed.jsonl#4": "error",
                   "j5": "ok"})
    put("huge.txt", (GOOD * (50_000_000 // len(GOOD) + 1)), "too_large")
    put("oneline.txt", "x" * 1_000_000, "too_large")
    put("invisible.txt", "Oracle will build 4.5\u200b gigawatts and pay \u200f$3\u200dbillion "
                         "to the \u202egrid\u202c operator, it said.\n", "ok")
    put("sub/deep.md", "---\ntitle: Deep\ndate: 2025-01-02\n---\nxAI raised $6 billion.\n", "ok")
    put("report.pdf", b"%PDF-1.4\n%binary", "not_text")
    (outside / "secret.txt").write_text("The secret is $9 billion.\n")
    os.symlink(outside / "secret.txt", root / "escape.txt")
    expect["escape.txt"] = "unreadable"
    os.symlink(root / "loop_b.txt", root / "loop_a.txt")
    os.symlink(root / "loop_a.txt", root / "loop_b.txt")
    expect["loop_a.txt"] = expect["loop_b.txt"] = "unreadable"
    put("locked.txt", GOOD, "unreadable")
    os.chmod(root / "locked.txt", 0)
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inside.txt").write_text(GOOD)
    expect["folder.txt"] = "unreadable"
    os.mkfifo(root / "pipe.txt")
    expect["pipe.txt"] = "unreadable"
    expect.update(make_hostile_inputs(root, put))
    return expect


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n" for i in range(8))
# article id -> what its reason must say (rows read despite what was wrong with them, and rows
# that could not be read)
NOTES = {
    "bomb.md": "aliases", "deep.md": "nested too deeply", "bigint.md": "4300",
    "feb30.md": "unreadable", "year1.md": "not an absolute date", "longtitle.md": "over 1000",
    "dateline1.txt": "", "deep-json": "", "feed2.jsonl#2": "nested too deeply",
    "feed2.jsonl#3": "4300", "impossible": "not an absolute date", "year1-json": "not an absolute",
    "yesterday": "not an absolute date", "\ufffdid": "", "j1-again": "",
    "feed2.jsonl#9": "taken by an earlier article", "nested.html": "256 levels",
    "caf\\xe9.txt": "not UTF-8", "noexec/a.txt": "Permission denied",
    "sealed": "cannot be listed",
}


def make_hostile_inputs(root: Path, put) -> dict[str, str]:
    """The hostile-input issue's inputs: each one gives a row with a reason, none stops the
    run; returns {article id: expected status}."""
    def body(name):  # a text of its own, or it would be a duplicate of good.txt
        return f"\nIt is {name}. " + GOOD

    put("bomb.md", f"---\n{BOMB}title: Bomb\n---{body('a bomb')}", "ok")
    put("deep.md", "---\nx: " + "[" * 5000 + "]" * 5000 + f"\n---{body('deep')}", "ok")
    put("bigint.md", "---\nx: " + "9" * 5000 + f"\n---{body('big')}", "ok")
    put("feb30.md", f"---\ndate: 2024-02-30\n---{body('feb30')}", "ok")
    put("year1.md", f"---\ndate: '0001-01-01T00:30:00+01:00'\n---{body('year1')}", "ok")
    put("longtitle.md", "---\ntitle: " + "Long " * 300 + f"\n---{body('long')}", "ok")
    put("dateline1.txt", "0001-01-01T00:30:00+01:00" + body("dated"), "ok")
    records = [
        {"id": "deep-json", "text": body("deep json"), "extra": [[[[]]]]},
        "[" * 100_000 + "]" * 100_000,
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        {"id": "impossible", "text": body("impossible"), "published_at": "2024-13-45"},
        {"id": "year1-json", "text": body("year1 json"), "published_at": "0001-01-01T00:30:00+01:00"},
        {"id": "yesterday", "text": body("yesterday"), "published_at": "yesterday"},
        {"id": "\ud800id", "title": "Lone \udfff surrogate", "text": "\ud800" + body("lone")},
        {"id": "j1-again", "text": "Other text: Meta will spend $65 billion in 2025."},
        {"id": "j1", "text": "A second j1: xAI raised $6 billion."},
    ]
    put("feed2.jsonl", "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records),
        None)
    put("utf16.jsonl", "".join(json.dumps({"id": f"w{i}", "text": GOOD.replace("4", str(i + 5))})
                               + "\r\n" for i in range(3)).encode("utf-16"), None)
    odd = ("It cost 1 000 000 dollars and adds 2\u2009500 MW; it paid \uff045 billion, then "
           "$1\u20dd0 billion. It claims 10^308 GW and " + "9" * 309 + " MW.\n")
    put("odd_figures.txt", body("odd figures") + odd, "ok")
    put("dashes.txt", "Net profit rose to 5\n" + "-" * 36 + "\n" + "- " * 40 + "\n", "ok")
    put("nested.html", "<html><body><article><p>" + body("nested") + "</p>" + "<div>" * 100_000
        + "<p>Deep inside, Meta will spend $65 billion on chips.</p>" + "</div>" * 100_000
        + "</article></body></html>", "ok")
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as f:
        f.write(body("not UTF-8").encode())
    (root / "noexec").mkdir()
    (root / "noexec" / "a.txt").write_text(GOOD)
    os.chmod(root / "noexec", 0o644)
    (root / "sealed").mkdir()
    (root / "sealed" / "b.txt").write_text(GOOD)
    os.chmod(root / "sealed", 0)
    return {"feed2.jsonl#2": "error", "feed2.jsonl#3": "error", "deep-json": "ok",
            "impossible": "ok", "year1-json": "ok", "yesterday": "ok", "\ufffdid": "ok",
            "j1-again": "ok", "feed2.jsonl#9": "ok", "w0": "ok", "w1": "ok", "w2": "ok",
            "caf\\xe9.txt": "ok", "noexec/a.txt": "unreadable", "sealed": "unreadable"}


@pytest.fixture(scope="module")
def bad_run():
    """The bad corpus extracted by a real CLI process."""
    base = Path(tempfile.mkdtemp(prefix="badcorpus-"))
    os.chmod(base, 0o755)
    (base / "outside").mkdir()
    expect = make_bad_corpus(base / "corpus", base / "outside")
    out = base / "out"
    out.mkdir()
    os.chmod(out, 0o777)
    prefix = []
    if os.geteuid() == 0:  # root reads chmod-000 files unless it drops its override capability
        if shutil.which("setpriv"):
            prefix = ["setpriv", "--inh-caps=-all",
                      "--bounding-set=-dac_override,-dac_read_search"]
        else:
            expect.update({"locked.txt": "ok", "noexec/a.txt": "ok", "sealed/b.txt": "ok"})
            del expect["sealed"]
    done = subprocess.run([*prefix, sys.executable, "-m", "pipeline", "extract", "--corpus",
                           str(base / "corpus"), "--out", str(out)], cwd=PROJECT,
                          capture_output=True, text=True, timeout=900)
    yield done, expect, out
    os.chmod(base / "corpus" / "locked.txt", stat.S_IRUSR | stat.S_IWUSR)
    for folder in ("noexec", "sealed"):
        os.chmod(base / "corpus" / folder, 0o755)
    shutil.rmtree(base)


def test_bad_input_never_crashes_and_exits_0(bad_run):
    done, _, _ = bad_run
    assert done.returncode == 0, done.stderr
    assert "skipped:" in done.stderr


def test_one_row_per_input_item_with_status_and_reason(bad_run):
    _, expect, out = bad_run
    articles = pipeline.read_articles(out).set_index("article_id")
    assert sorted(articles.index) == sorted(expect)
    assert articles.status.to_dict() == expect
    bad = articles[articles.status != "ok"]
    assert bad.reason.notna().all() and (bad.reason.str.len() > 10).all()
    assert "max_file_bytes" in articles.reason["huge.txt"]
    assert "max_line_chars" in articles.reason["oneline.txt"]
    for article_id, said in NOTES.items():
        if article_id in expect and (expect[article_id] != "ok" or said):
            assert said in (articles.reason[article_id] or ""), article_id
    assert articles.title.str.len().max() <= config.MAX_FIELD_CHARS
    assert articles.published_at.isna()[["year1.md", "dateline1.txt", "year1-json"]].all()


def test_good_articles_fully_extracted(bad_run):
    _, _, out = bad_run
    claims = pipeline.read_claims(out)
    by_article = claims.groupby("article_id").surface.apply(list).to_dict()
    for name in ("good.txt", "utf16.txt", "nul.txt", "j1"):
        assert by_article[name] == ["up to $4 billion", "1 million Trainium chips"], name
    assert by_article["latin1.txt"] == ["\u00a3500m"] and by_article["cp1252.txt"] == ["\u00a3500m"]
    assert by_article["invisible.txt"] == ["4.5 gigawatts", "$3billion"]
    assert by_article["j5"] == ["$65 billion"] and by_article["sub/deep.md"] == ["$6 billion"]
    for name in ("bomb.md", "deep.md", "bigint.md", "feb30.md", "year1.md", "longtitle.md",
                 "dateline1.txt", "deep-json", "impossible", "year1-json", "yesterday",
                 "\ufffdid", "caf\\xe9.txt"):
        assert by_article[name][-2:] == ["up to $4 billion", "1 million Trainium chips"], name
    assert [by_article[f"w{i}"][0] for i in range(3)] == [f"up to ${i + 5} billion"
                                                          for i in range(3)]
    assert by_article["feed2.jsonl#9"] == ["$6 billion"]  # the second "j1", under its line id
    assert by_article["nested.html"] == ["up to $4 billion", "1 million Trainium chips"]
    odd = claims[claims.article_id == "odd_figures.txt"]  # read right or not at all
    assert odd.surface.tolist()[2:] == ["1 000 000 dollars", "2\u2009500 MW", "\uff045 billion"]
    assert odd.value.tolist()[2:] == [1e6, 2.5e9, 5e9]
    assert odd.unit.tolist()[2:] == ["USD", "W", "USD"]
    texts = pipeline.read_articles(out).set_index("article_id").text
    for row in claims.itertuples():
        assert texts[row.article_id][row.char_start:row.char_end] == row.surface
    assert "escape.txt" not in by_article and "$9 billion" not in claims.surface.tolist()


def test_nothing_written_outside_the_output_folder(bad_run):
    _, _, out = bad_run
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "claims.parquet",
                                                     "columns.csv", "deals.parquet",
                                                     "facts.parquet"]


def test_runs_without_network(tmp_path):
    """A sitecustomize that makes every socket connection fail: the run must not notice."""
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n    raise OSError('network disabled by the test')\n"
        "socket.socket.connect = _refuse\nsocket.create_connection = _refuse\n")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--corpus",
                           str(SAMPLE_CORPUS), "--out", str(tmp_path / "out")], cwd=PROJECT,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert len(pipeline.read_claims(tmp_path / "out")) > 0


def test_same_tables_whatever_the_worker_count(sample_run, tmp_path):
    out1, _ = sample_run
    run(SAMPLE_CORPUS, tmp_path / "w2", quiet=True, workers=2)
    for read in READERS:
        pd.testing.assert_frame_equal(read(out1), read(tmp_path / "w2"))


def test_two_runs_give_identical_tables(sample_run, tmp_path):
    out1, _ = sample_run
    run(SAMPLE_CORPUS, tmp_path / "again", quiet=True)
    for read in READERS:
        pd.testing.assert_frame_equal(read(out1), read(tmp_path / "again"))


def make_big_corpus(root: Path, copies: int) -> None:
    """Copies of the sample articles, each altered so that none is a duplicate."""
    root.mkdir()
    for i in range(copies):
        for src in sorted(SAMPLE_CORPUS.iterdir()):
            text = src.read_text(encoding="utf-8")
            (root / f"{i:03d}_{src.name}").write_text(f"Copy {i}.\n{text}", encoding="utf-8")


def test_sigkill_at_any_moment_keeps_previous_outputs_and_resumes(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_big_corpus(corpus, 12)
    cmd = [sys.executable, "-m", "pipeline", "extract", "--corpus", str(corpus), "--out", str(out),
           "--quiet"]
    subprocess.run(cmd, cwd=PROJECT, check=True, timeout=900)
    before = [read(out) for read in READERS]
    for path in corpus.iterdir():  # every text changes: the next runs have all to do again
        path.write_text(path.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    kills = 0
    for delay in (0.5, 1.5, 2.5, 3.5, 5.0, 7.0):
        proc = subprocess.Popen(cmd, cwd=PROJECT)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if killed:  # the outputs of the last finished run, intact and readable
            for read, previous in zip(READERS, before):
                pd.testing.assert_frame_equal(read(out), previous)
        else:
            before = [read(out) for read in READERS]
    assert kills >= 3, "the run finished too fast to be interrupted"
    subprocess.run(cmd, cwd=PROJECT, check=True, timeout=900)
    run(corpus, tmp_path / "uninterrupted", quiet=True)
    for read in READERS:
        pd.testing.assert_frame_equal(read(out), read(tmp_path / "uninterrupted"))
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "claims.parquet",
                                                     "columns.csv", "deals.parquet",
                                                     "facts.parquet"]


def test_limits_are_settings(tmp_path, monkeypatch):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(GOOD)
    monkeypatch.setattr(config, "MAX_ARTICLE_CHARS", 50)
    run(tmp_path / "c", tmp_path / "o", quiet=True)
    row = pipeline.read_articles(tmp_path / "o").iloc[0]
    assert row.status == "too_large" and "max_article_chars" in row.reason


def test_an_article_over_the_time_budget_is_an_error_and_the_run_goes_on(tmp_path, monkeypatch):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "good.txt").write_text(GOOD)
    (tmp_path / "c" / "dense.txt").write_text(dense_article(60_000))  # some 5 CPU seconds
    monkeypatch.setattr(config, "ARTICLE_SECONDS", 1.0)
    # the budget's signal may land in a finaliser, where Python reports it as unraisable and
    # goes on; pytest's own hook, busy formatting that report, can be hit by the next signal
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    run(tmp_path / "c", tmp_path / "o", quiet=True)
    articles = pipeline.read_articles(tmp_path / "o").set_index("article_id")
    assert articles.status.to_dict() == {"dense.txt": "error", "good.txt": "ok"}
    assert articles.reason["dense.txt"].startswith("time budget exceeded (1 CPU seconds")
    claims = pipeline.read_claims(tmp_path / "o")
    assert claims.surface.tolist() == ["up to $4 billion", "1 million Trainium chips"]


def test_the_budget_outlasts_code_that_swallows_its_exception():
    """Python drops an exception raised in a garbage collector callback: the budget goes on."""
    def burn(seconds):
        until = time.process_time() + seconds
        while time.process_time() < until:
            pass

    swallowed = []
    with pytest.raises(OverBudget):
        with time_budget(0.2):
            try:
                burn(5)
            except OverBudget as exc:
                swallowed.append(exc)
            burn(5)
    assert swallowed


def test_unwritable_output_is_a_clear_failure(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(GOOD)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--corpus",
                           str(tmp_path / "c"), "--out", str(blocker / "out")], cwd=PROJECT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 1 and "run stopped" in done.stderr
    assert "Traceback" not in done.stderr
