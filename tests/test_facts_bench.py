"""The facts bench: copies of a run's claims, plain or as one dense article, all in facts."""
import pyarrow.parquet as pq

from pipeline.facts.bench import corpus, measure


def test_copies_are_corpora_of_their_own(deals_run):
    n = pq.read_metadata(deals_run / "claims.parquet").num_rows
    claims, sources = corpus([deals_run], 2, dense=False)
    assert claims.num_rows == 2 * n and len(set(claims["claim_id"].to_pylist())) == 2 * n
    assert {s[0][-2:] for s in sources.values()} == {"~0", "~1"}


def test_a_dense_copy_is_one_article_about_one_organisation(deals_run):
    claims, sources = corpus([deals_run], 2, dense=True)
    assert set(claims["article_id"].to_pylist()) == {"dense~0", "dense~1"} == set(sources)
    assert set(claims["subject"].to_pylist()) == {"Acme"}
    n, seconds, rss = measure([deals_run], 2, dense=True)  # asserts every claim has a fact
    assert n == claims.num_rows and seconds > 0 and rss > 0
