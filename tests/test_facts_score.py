"""Pairwise scoring of fact linking, and the linking it scores on the multi-outlet corpus."""
import json

import pandas as pd
import pytest

import pipeline
from pipeline.facts.score import main, pairwise, score

from conftest import DEALS_CORPUS, DEALS_GOLD


def test_pairwise_counts_pairs_of_different_articles():
    items = pd.DataFrame({"article_id": ["a", "b", "c", "c"], "label": ["x/1", "x/1", "x/1", "y/1"],
                          "fact_id": ["f", "f", "g", "f"]})
    result = pairwise(items, "fact_id")
    # gold pairs a-b, a-c, b-c; linked a-b, a-c(y), b-c(y): one right of three each way
    assert (result["gold_pairs"], result["linked_pairs"]) == (3, 3)
    assert result["precision"] == result["recall"] == pytest.approx(1 / 3)
    assert result["links_across_deals"] == 2


def test_linking_on_the_multi_outlet_corpus(deals_run):
    gold = [json.loads(line) for line in DEALS_GOLD.read_text(encoding="utf-8").splitlines()]
    result = score(pipeline.read_claims(deals_run), pipeline.read_facts(deals_run), gold)
    assert result["labels_missed"] == 0
    assert result["facts"]["f1"] >= 0.9 and result["facts"]["links_across_deals"] == 0
    assert result["facts"]["f1"] > result["naive"]["f1"]
    found, labelled = map(int, result["conflicts_found"].split(" of "))
    assert found >= 0.8 * labelled  # the aim: 4 conflicts found in 5
    assert result["status_now_found"] == "2 of 2"


def test_the_command_prints_the_scores(capsys):
    assert main(["--corpus", str(DEALS_CORPUS), "--gold", str(DEALS_GOLD)]) == 0
    assert "across deals" in capsys.readouterr().out
