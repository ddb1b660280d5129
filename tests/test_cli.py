"""The command line as a user runs it: real processes, exit codes, messages."""
import os
import signal
import subprocess
import sys
import time

import pytest

import pipeline

from conftest import PROJECT


def cli(*args, cwd=PROJECT):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_missing_corpus_exits_2_with_a_message(tmp_path):
    got = cli("extract", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert got.returncode == 2
    assert "does not exist" in got.stderr


def test_bad_arguments_exit_2():
    assert cli("extract", "--no-such-flag").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_unknown_model_exits_2(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("It costs $5bn.", encoding="utf-8")
    got = cli("extract", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"),
              "--model", "no_such_model_pkg")
    assert got.returncode == 2 and "not installed" in got.stderr


def test_extract_then_eval(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Meta will spend up to $65 billion in 2025.",
                                          encoding="utf-8")
    got = cli("extract", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"))
    assert got.returncode == 0, got.stderr
    assert "1 articles read" in got.stderr and "1 claims" in got.stderr
    assert pipeline.read_claims(tmp_path / "o").surface.tolist() == ["up to $65 billion"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "metric": "money", "value": 65e9, "unit": "USD", '
                    '"qualifier": "at_most", "optional": false}\n', encoding="utf-8")
    got = cli("eval", "--corpus", str(tmp_path / "c"), "--gold", str(gold))
    assert got.returncode == 0, got.stderr
    assert "precision 1.000  recall 1.000" in got.stdout


def test_user_alias_table_from_the_command_line(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Acme Robotics will invest $2 billion in Beta Labs Inc.",
                                          encoding="utf-8")
    aliases = tmp_path / "aliases.json"
    aliases.write_text('{"aliases": {"Acme": ["Acme Robotics"]}}', encoding="utf-8")
    got = cli("extract", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"),
              "--aliases", str(aliases))
    assert got.returncode == 0, got.stderr
    claim = pipeline.read_claims(tmp_path / "o").iloc[0]
    assert claim.subject == "Acme"
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    got = cli("extract", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"),
              "--aliases", str(bad))
    assert got.returncode == 2 and "alias table" in got.stderr


def corpus_of(tmp_path, text="Meta will spend up to $65 billion in 2025."):
    (tmp_path / "c").mkdir(exist_ok=True)
    (tmp_path / "c" / "a.txt").write_text(text, encoding="utf-8")
    return tmp_path / "c"


def test_output_inside_the_corpus_is_refused(tmp_path):
    corpus = corpus_of(tmp_path)
    got = cli("extract", "--corpus", str(corpus), "--out", str(corpus / "out"))
    assert got.returncode == 2 and "inside the corpus" in got.stderr
    assert not (corpus / "out").exists()


def test_a_second_run_into_the_same_output_fails_at_once(tmp_path):
    from pipeline.outputs.parquet import locked

    corpus = corpus_of(tmp_path)
    with locked(tmp_path / "o"):  # a run in progress holds the folder
        got = cli("extract", "--corpus", str(corpus), "--out", str(tmp_path / "o"))
    assert got.returncode == 1 and "another run is writing into" in got.stderr
    assert "Traceback" not in got.stderr and not (tmp_path / "o").exists()  # made, then removed


@pytest.mark.parametrize("table", [
    '{"aliases": {"Acme": [""]}}', '{"aliases": {"Acme": [null]}}', '{"aliases": {"Acme": [5]}}',
    '{"aliases": {"Acme": "Acme Robotics"}}', '{"aliases": {"": ["Acme"]}}',
    '{"aliases": {}, "references": [" "]}', '{"aliases": ' + "[" * 100_000 + "]" * 100_000 + "}",
])
def test_unusable_alias_tables_exit_2(tmp_path, table):
    aliases = tmp_path / "aliases.json"
    aliases.write_text(table, encoding="utf-8")
    got = cli("extract", "--corpus", str(corpus_of(tmp_path)), "--out", str(tmp_path / "o"),
              "--aliases", str(aliases))
    assert got.returncode == 2 and "alias table" in got.stderr and "Traceback" not in got.stderr


def test_scheduler_without_engine_dask(tmp_path):
    corpus = corpus_of(tmp_path)
    got = cli("extract", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
              "--engine", "local", "--scheduler", "tls://127.0.0.1:9")
    assert got.returncode == 2 and "--scheduler" in got.stderr


def test_unreachable_scheduler_fails_fast_and_keeps_earlier_outputs(tmp_path):
    corpus = corpus_of(tmp_path)
    assert cli("extract", "--corpus", str(corpus), "--out", str(tmp_path / "o")).returncode == 0
    (corpus / "b.txt").write_text("xAI raised $6 billion.", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()}
    got = cli("extract", "--corpus", str(corpus), "--out", str(tmp_path / "o"),
              "--scheduler", "tcp://127.0.0.1:9")  # implies --engine dask; nothing listens
    assert got.returncode == 1 and "cannot reach the Dask scheduler" in got.stderr
    assert "Traceback" not in got.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()} == before
    got = cli("extract", "--corpus", str(corpus), "--out", str(tmp_path / "new"),
              "--scheduler", "tcp://127.0.0.1:9")
    assert got.returncode == 1 and not (tmp_path / "new").exists()


def test_columns_into_a_closed_pipe_is_quiet():
    done = subprocess.run(f"{sys.executable} -m pipeline columns claims | head -1", shell=True,
                          cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("| column |") and done.stderr == ""


def test_an_empty_corpus_is_said(tmp_path):
    (tmp_path / "c").mkdir()
    got = cli("extract", "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--quiet")
    assert got.returncode == 0 and "no input files" in got.stderr


def test_eval_with_a_malformed_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "metric": "money"\n', encoding="utf-8")
    got = cli("eval", "--corpus", str(corpus_of(tmp_path)), "--gold", str(gold))
    assert got.returncode == 2 and "line 1" in got.stderr and "Traceback" not in got.stderr


def test_eval_details_list_rows(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "metric": "money", "value": 65e9, "unit": "USD", '
                    '"qualifier": "exact", "optional": false}\n', encoding="utf-8")
    got = cli("eval", "--corpus", str(corpus_of(tmp_path)), "--gold", str(gold), "--details")
    assert got.returncode == 0, got.stderr
    assert "a.txt: money 6.5e+10 'up to $65 billion': qualifier 'exact' -> 'at_most'" in got.stdout


def test_ctrl_c_ends_with_a_message_and_leaves_nothing(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"{i:03d}.txt").write_text(f"Copy {i}: Meta will spend $65 billion.\n" * 50)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", "--corpus", str(corpus),
                             "--out", str(tmp_path / "o"), "--workers", "2"], cwd=PROJECT,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any((tmp_path / "o").glob(".*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends it: to the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert not (tmp_path / "o").exists() or list((tmp_path / "o").iterdir()) == []
