"""Facts across articles: agreement, conflict, qualifiers, duplicates and syndicated copies."""
import json

import pytest

import pipeline
from pipeline.core import run

from conftest import SAMPLE_CORPUS

FILLER = {
    "a": "Analysts said the arrangement reflects the scramble for computing power among labs.",
    "b": "The startup has grown quickly since it was founded by former research executives.",
    "c": "Shares in the retailer moved little in early trading after the news broke.",
    "d": "Regulators in Europe and the US are examining such partnerships closely.",
}


def corpus(tmp_path, records):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n",
                                       encoding="utf-8")
    run(folder, tmp_path / "out", quiet=True)
    return pipeline.read_facts(tmp_path / "out"), pipeline.read_claims(tmp_path / "out")


def rec(id_, outlet, date, text):
    return {"id": id_, "outlet": outlet, "published_at": date, "text": text}


def fact_with(facts, value, subject="Amazon"):
    rows = facts[(facts.subject == subject) & (facts.value == value)]
    assert len(rows) == 1, facts[["subject", "value", "status"]]
    return rows.iloc[0]


def test_agreement_across_outlets_and_qualifier(tmp_path):
    facts, claims = corpus(tmp_path, [
        rec("r1", "Wire A", "2023-09-25", "Amazon will invest up to $4 billion in Anthropic. "
            + FILLER["a"]),
        rec("r2", "Paper B", "2023-09-26", "Anthropic said Amazon is to invest $4 billion in "
            "Anthropic as part of a broad partnership. " + FILLER["b"]),
    ])
    fact = fact_with(facts, 4e9)
    assert (fact.status, fact.n_articles, fact.n_outlets, fact.n_independent) == \
        ("corroborated", 2, 2, 2)
    assert list(fact.article_ids) == ["r1", "r2"]
    assert str(fact.first_seen.date()) == "2023-09-25"
    assert set(claims.fact_id.dropna()) == {fact.fact_id}


def disagreeing(tmp_path):
    return corpus(tmp_path, [
        rec("r1", "Wire A", "2023-09-25", "Amazon will invest $4 billion in Anthropic. "
            + FILLER["a"]),
        rec("r2", "Paper B", "2023-09-26", "Amazon will invest $5 billion in Anthropic. "
            + FILLER["b"]),
    ])


def test_conflicting_reports(tmp_path):
    facts, _ = disagreeing(tmp_path)
    four, five = fact_with(facts, 4e9), fact_with(facts, 5e9)
    assert four.status == five.status == "conflicting"
    assert four.reason == f"value_conflict:{five.fact_id}"


def test_figures_of_one_article_do_not_conflict_and_options_are_separate(tmp_path):
    facts, _ = corpus(tmp_path, [
        rec("r1", "Wire A", "2024-03-27", "Amazon has committed to invest $4 billion in "
            "Anthropic, with an option to increase its total investment to $25 billion. "
            + FILLER["a"]),
        rec("r2", "Paper B", "2024-03-28", "Amazon will invest $8 billion in Anthropic. "
            + FILLER["b"]),
    ])
    assert fact_with(facts, 25e9).hedged and fact_with(facts, 25e9).status == "single_source"
    assert fact_with(facts, 4e9).status == "conflicting"  # against r2's $8bn
    assert fact_with(facts, 8e9).reason == f"value_conflict:{fact_with(facts, 4e9).fact_id}"


def test_duplicates_and_syndicated_copies_are_not_independent(tmp_path):
    story = ("Amazon will invest $4 billion in Anthropic, the companies said on Monday. "
             + " ".join(FILLER.values()))
    facts, _ = corpus(tmp_path, [
        rec("orig", "Wire A", "2023-09-25", story),
        rec("dup", "Wire A", "2023-09-25", story),
        rec("copy", "Paper B", "2023-09-26", "By Paper B staff. " + story + " Copyright B."),
    ])
    fact = fact_with(facts, 4e9)
    assert list(fact.article_ids) == ["copy", "orig"]  # the exact duplicate is not extracted
    assert (fact.n_articles, fact.n_outlets, fact.n_independent) == (2, 2, 1)
    assert fact.status == "single_source"
    articles = pipeline.read_articles(tmp_path / "out").set_index("article_id")
    assert articles.story_id["copy"] == articles.story_id["dup"] == "orig"


def test_same_corpus_same_fact_ids(sample_run, tmp_path):
    run(SAMPLE_CORPUS, tmp_path / "again", quiet=True)
    first = pipeline.read_facts(sample_run[0])
    assert first.fact_id.tolist() == pipeline.read_facts(tmp_path / "again").fact_id.tolist()
    assert first.fact_id.is_unique


@pytest.mark.parametrize("subject,counterparty,metric,value,article", [
    ("Amazon", "Anthropic", "money", 5e9, "004_fe4425cdedf7fed9.txt"),
    ("Amazon", "Anthropic", "money", 4e9, "004_fe4425cdedf7fed9.txt"),
    ("Amazon", "Anthropic", "money", 25e9, "004_fe4425cdedf7fed9.txt"),
    ("Amazon", "Anthropic", "money", 1.25e9, "004_fe4425cdedf7fed9.txt"),
    ("Anthropic", "Amazon", "power", 5e9, "004_fe4425cdedf7fed9.txt"),
    ("Anthropic", "Google", "chips", 1e6, "003_e2ddb3aff68a05eb.txt"),
])
def test_sample_corpus_facts(sample_run, subject, counterparty, metric, value, article):
    facts = pipeline.read_facts(sample_run[0])
    rows = facts[(facts.subject == subject) & (facts.counterparty == counterparty)
                 & (facts.metric == metric) & (facts.value == value)]
    assert len(rows) == 1
    assert list(rows.iloc[0].article_ids) == [article]


def test_contested_facts_about_a_company_in_one_filter(tmp_path):
    facts, _ = disagreeing(tmp_path)
    contested = facts[(facts.status == "conflicting")
                      & ((facts.subject == "Anthropic") | (facts.counterparty == "Anthropic"))]
    assert sorted(contested.value) == [4e9, 5e9]


def test_different_measures_of_one_company_do_not_conflict(tmp_path):
    facts, _ = corpus(tmp_path, [
        rec("r1", "Wire A", "2025-02-01", "Nvidia reported revenue of $35 billion for the quarter. "
            + FILLER["a"]),
        rec("r2", "Paper B", "2025-02-02", "Nvidia posted a profit of $19 billion for the quarter. "
            + FILLER["b"]),
    ])
    assert set(facts[facts.subject == "Nvidia"].status) == {"single_source"}
