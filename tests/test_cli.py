"""The command line as a user runs it: real processes, exit codes, messages."""
import subprocess
import sys

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
    (tmp_path / "a.txt").write_text("It costs $5bn.", encoding="utf-8")
    got = cli("extract", "--corpus", str(tmp_path), "--out", str(tmp_path / "o"),
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
