"""The scorer's rules on small tables, and the gold test on the sample articles."""
import pandas as pd
import pytest

import pipeline
from pipeline.core import run
from pipeline.evaluate import GoldError, load_gold, score

from conftest import GOLD, NEGATIVES, PROJECT


def claims(*rows):
    base = {"article_id": "d", "metric": "money", "unit": "USD", "qualifier": "exact",
            "value_high": None, "subject": None, "counterparty": None, "when": None,
            "hedged": None, "char_start": 0, "char_end": 3, "surface": "$5B"}
    return pd.DataFrame([{**base, **r} for r in rows])


ARTICLES = pd.DataFrame({"article_id": ["d"], "text": ["GPT-4 cost $5B in 2023."]})
GOLD_ROWS = [
    {"doc": "d", "metric": "money", "value": 5e9, "unit": "USD", "qualifier": "exact",
     "subject": "OpenAI", "optional": False},
    {"doc": "d", "metric": "money", "value": 1e9, "unit": "USD", "qualifier": "at_least",
     "optional": True},
    {"doc": "d", "metric": "power", "value": 1e9, "unit": "W", "qualifier": "exact",
     "optional": False},
]


def test_groups_match_within_one_percent_and_optional_rows_are_ignored():
    report = score(claims({"value": 5.04e9}, {"value": 5.0e9}, {"value": 1e9},
                          {"value": 7e9}), ARTICLES, GOLD_ROWS, [])
    assert report.tp_groups == 2 and len(report.fp_groups) == 1  # 1e9 optional: ignored
    assert report.precision == 2 / 3 and report.recall == 0.5


def test_attributes_count_only_where_something_is_said():
    report = score(claims({"value": 5e9, "qualifier": "approx"}), ARTICLES, GOLD_ROWS, [])
    assert report.accuracy("qualifier") == 0.0
    assert report.accuracy("unit") == 1.0
    assert report.attr_total["subject"] == 1 and report.accuracy("subject") == 0.0
    assert report.attr_total["counterparty"] == 0


def test_details_list_each_attribute_mismatch():
    report = score(claims({"value": 5e9, "qualifier": "approx"}), ARTICLES, GOLD_ROWS, [])
    assert "qualifier 'exact' -> 'approx'" in report.text(details=True)
    assert "subject 'OpenAI' -> None" in report.text(details=True)
    assert "approx" not in report.text() and "--details" in report.text()


@pytest.mark.parametrize("line,problem", [
    ('{"doc": "d", "metric": "money", "value": 5e9', "not JSON"),
    ('{"doc": "d", "metric": "money"}', "missing: value"),
    ('{"doc": "d", "metric": "money", "value": "five"}', "bad value"),
    ("[1, 2]", "missing: doc"),
])
def test_malformed_gold_names_the_line(tmp_path, line, problem):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "d", "metric": "money", "value": 1}\n\n' + line + "\n")
    with pytest.raises(GoldError, match=f"line 3: .*{problem}"):
        load_gold(gold)


def test_negative_hit_by_offsets():
    hit = claims({"value": 4, "metric": "count", "char_start": 4, "char_end": 5, "surface": "4"})
    report = score(hit, ARTICLES, [], [{"doc": "d", "text": "GPT-4"}])
    assert len(report.negative_hits) == 1


def test_sample_gold(sample_run):
    out, _ = sample_run
    report = score(pipeline.read_claims(out), pipeline.read_articles(out), load_gold(GOLD),
                   load_gold(NEGATIVES, negatives=True))
    assert report.precision >= 0.95, report.text()
    assert report.recall >= 0.95, report.text()
    assert report.negative_hits == [], report.text()
    for attr in ("unit", "qualifier", "subject", "counterparty", "when", "hedged"):
        assert report.accuracy(attr) >= 0.9, report.text()


# The development set of ../shared/gold/dev (36 real passages): a regression guard at the levels
# reached (README "Evaluation"), below the targets of issue 11 for subject, counterparty and when.
DEV = PROJECT.parent / "shared" / "gold" / "dev"
DEV_FLOORS = {"subject": 0.90, "counterparty": 0.80, "when": 0.90, "hedged": 0.95}


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/gold/dev is not beside the project")
def test_dev_gold(tmp_path):
    run(DEV / "corpus", tmp_path, quiet=True)
    report = score(pipeline.read_claims(tmp_path), pipeline.read_articles(tmp_path),
                   load_gold(DEV / "gold.jsonl"), load_gold(DEV / "negatives.jsonl", negatives=True))
    assert report.f1 >= 0.98 and report.negative_hits == [], report.text()
    for attr, floor in DEV_FLOORS.items():
        assert report.accuracy(attr) >= floor, report.text()
