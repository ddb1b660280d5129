"""Whole runs over real files: invariants, dedup, API = batch."""
import pandas as pd
import pyarrow.parquet as pq

import pipeline
from pipeline.core import extract_text, run
from pipeline.outputs.schema import CLAIMS_SCHEMA

from conftest import SAMPLE_CORPUS


def test_every_claim_points_at_its_surface(sample_run):
    out, _ = sample_run
    claims, articles = pipeline.read_claims(out), pipeline.read_articles(out)
    texts = dict(zip(articles.article_id, articles.text))
    assert len(claims) > 0
    for row in claims.itertuples():
        assert texts[row.article_id][row.char_start:row.char_end] == row.surface
        assert row.surface in row.sentence
    assert claims.claim_id.is_unique


def test_one_article_row_per_input(sample_run):
    out, summary = sample_run
    articles = pipeline.read_articles(out)
    files = sorted(p.name for p in SAMPLE_CORPUS.iterdir() if not p.name.startswith("."))
    assert sorted(articles.article_id) == files
    assert (articles.status == "ok").all()
    claims = pipeline.read_claims(out)
    assert articles.set_index("article_id").n_claims.to_dict() == \
        claims.article_id.value_counts().reindex(articles.article_id, fill_value=0).to_dict()
    assert summary.inputs == len(files)


def test_parquet_file_carries_the_schema(sample_run):
    out, _ = sample_run
    schema = pq.read_schema(out / "claims.parquet")
    assert schema.names == CLAIMS_SCHEMA.names
    assert schema.field("value").metadata[b"description"]


def test_read_claims_dtypes(sample_run):
    claims = pipeline.read_claims(sample_run[0])
    assert str(claims.published_at.dtype) == "datetime64[us, UTC]"
    assert claims.char_start.dtype == pd.Int64Dtype() and claims.vague.dtype == pd.BooleanDtype()


def test_extract_text_matches_the_batch_run(sample_run, tmp_path):
    out, _ = sample_run
    name = "004_fe4425cdedf7fed9.txt"
    text = (SAMPLE_CORPUS / name).read_text(encoding="utf-8")
    api = pipeline.extract_text(text)
    batch = pipeline.read_claims(out).query("article_id == @name")
    cols = ["char_start", "char_end", "surface", "metric", "value", "unit", "qualifier"]
    assert api[cols].reset_index(drop=True).equals(batch[cols].reset_index(drop=True))
    assert list(api.columns) == CLAIMS_SCHEMA.names


def test_duplicates_are_marked_not_extracted_twice(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "Amazon will invest up to $4 billion in Anthropic, the companies said."
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    (corpus / "b.txt").write_text(text.replace(" ", "  "), encoding="utf-8")
    run(corpus, tmp_path / "out", quiet=True)
    articles = pipeline.read_articles(tmp_path / "out").set_index("article_id")
    assert articles.loc["b.txt", "status"] == "duplicate"
    assert "a.txt" in articles.loc["b.txt", "reason"]
    assert pipeline.read_claims(tmp_path / "out").article_id.tolist() == ["a.txt"]


def test_rerun_replaces_outputs(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Meta will spend $65 billion.", encoding="utf-8")
    run(corpus, tmp_path / "out", quiet=True)
    (corpus / "a.txt").write_text("Meta will spend $70 billion.", encoding="utf-8")
    run(corpus, tmp_path / "out", quiet=True)
    assert pipeline.read_claims(tmp_path / "out").value.tolist() == [70e9]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "articles.parquet", "claims.parquet", "columns.csv", "deals.parquet", "facts.parquet"]


def test_a_figure_wrapped_across_lines_is_read_whole():
    text = "Net profit rose to 186.6\nmln dlrs in 1986 from a year before.\n"
    claims = extract_text(text)
    assert [(c.surface, c.metric, c.value, c.unit) for c in claims.itertuples()] == [
        ("186.6\nmln dlrs", "money", 186.6e6, "USD")]


def test_a_hard_wrapped_article_is_read_by_sentence(tmp_path):
    from test_ingest import WRAPPED

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(WRAPPED, encoding="utf-8")
    run(corpus, tmp_path / "out", quiet=True)
    claims = pipeline.read_claims(tmp_path / "out").set_index("surface")
    stake = claims.loc["15\npct"]  # the surface as ingested, newline and all
    assert stake.sentence.startswith("Nordfield Holdings said it agreed")  # no dateline
    assert stake.sentence.endswith("the companies said.")
    assert (stake.subject, stake.counterparty) == ("Nordfield", "Baltic Air")


def test_a_sentence_is_its_own_text_not_the_unread_one_after_it(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Quarterly profits at TimeWarner jumped 76% to $1.13bn for the three months to December."
        "\n\nThe firm is now one of the biggest investors in Google.\n", encoding="utf-8")
    run(corpus, tmp_path / "out", quiet=True)
    assert set(pipeline.read_claims(tmp_path / "out").sentence) == {
        "Quarterly profits at TimeWarner jumped 76% to $1.13bn for the three months to December."}
