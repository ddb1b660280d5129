"""Incremental runs: unchanged corpus rewrites nothing; an edited or added article is the only
one reprocessed; a pipeline change invalidates; results equal a clean run."""
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline import config
from pipeline.core import run
from pipeline.outputs import parquet

from conftest import SAMPLE_CORPUS

READERS = (pipeline.read_claims, pipeline.read_articles, pipeline.read_facts)
FILES = (config.CLAIMS_FILE, config.ARTICLES_FILE, config.FACTS_FILE)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, folder)
    return folder


def stamps(out):
    return {n: ((out / n).stat().st_mtime_ns, (out / n).stat().st_ino) for n in FILES}


def assert_same_as_clean_run(corpus, out, tmp_path):
    clean = tmp_path / "clean"
    run(corpus, clean, quiet=True)
    for read in READERS:
        pd.testing.assert_frame_equal(read(out), read(clean))


def test_unchanged_corpus_rewrites_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = run(corpus, out, quiet=True)
    assert not first.unchanged and first.reused == 0
    before = stamps(out)
    again = run(corpus, out, quiet=True)
    assert again.unchanged and stamps(out) == before
    assert "nothing rewritten" in again.line(out)


def test_an_edited_article_is_the_only_one_reprocessed(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, quiet=True)
    edited = corpus / "003_e2ddb3aff68a05eb.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("$50 billion", "$60 billion"),
                      encoding="utf-8")
    summary = run(corpus, out, quiet=True)
    assert (summary.inputs, summary.reused) == (5, 4)
    assert 60e9 in pipeline.read_claims(out).value.tolist()
    assert_same_as_clean_run(corpus, out, tmp_path)


def test_an_added_article_is_the_only_one_processed(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, quiet=True)
    (corpus / "new.txt").write_text("Oracle will build 4.5 gigawatts for OpenAI.", encoding="utf-8")
    summary = run(corpus, out, quiet=True)
    assert (summary.inputs, summary.reused) == (6, 5)
    assert_same_as_clean_run(corpus, out, tmp_path)


@pytest.mark.parametrize("setting,value", [("PIPELINE_VERSION", "0.0.0-other"),
                                           ("MAX_LINE_CHARS", 99_999)])
def test_a_pipeline_change_invalidates_everything(corpus, tmp_path, monkeypatch, setting, value):
    out = tmp_path / "out"
    run(corpus, out, quiet=True)
    monkeypatch.setattr(config, setting, value)
    summary = run(corpus, out, quiet=True)
    assert not summary.unchanged and summary.reused == 0


def test_a_pattern_change_invalidates_everything(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out, quiet=True)
    patterns = tmp_path / "patterns"
    shutil.copytree(config.PATTERNS_DIR, patterns)
    hedges = patterns / "hedges.json"
    hedges.write_text(hedges.read_text().replace('"reportedly"', '"reportedly", "rumour has it"'))
    monkeypatch.setattr(config, "PATTERNS_DIR", patterns)
    assert run(corpus, out, quiet=True).reused == 0


def test_outputs_stream_in_row_groups(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 4)
    run(corpus, tmp_path / "out", quiet=True)
    claims = pq.ParquetFile(tmp_path / "out" / config.CLAIMS_FILE)
    assert claims.metadata.num_row_groups > 3
    assert claims.metadata.num_rows == len(pipeline.read_claims(tmp_path / "out"))
