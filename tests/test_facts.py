"""Facts and deals: what is one fact, what conflicts, what a later report changes.

Linking is tested on claims tables written here (the stage's real input, read by the same
code), so that each rule is tested whatever the roles the model finds; the end-to-end tests
at the bottom run the real pipeline on articles."""
import json
from datetime import datetime, timezone

import pyarrow as pa
import pytest

import pipeline
from pipeline.core import run
from pipeline.facts import build

from conftest import SAMPLE_CORPUS


def claim(article, value, subject=None, counterparty=None, *, metric="money", unit="USD",
          qualifier="exact", hedged=False, when=None, high=None, sentence="", at=0, **rest):
    return {"claim_id": f"{article}:{at}", "article_id": article, "char_start": at,
            "title": rest.get("title"), "sentence": sentence,
            "surface": rest.get("surface", f"{value:g}"), "subject": subject,
            "counterparty": counterparty, "metric": metric, "unit": unit,
            "item": rest.get("item"), "predicate": rest.get("predicate"), "when": when,
            "hedged": hedged, "vague": rest.get("vague", False), "value": value,
            "value_high": high, "qualifier": qualifier, "relation": rest.get("relation"),
            "value_usd": rest.get("value_usd")}


def day(n):
    return datetime(2025, 9, n, tzinfo=timezone.utc)


def facts_of(rows, dates=None, stories=None):
    """build() on these claims: articles dated day(i) in order unless `dates` says otherwise."""
    articles = sorted({r["article_id"] for r in rows})
    dates = dates or {a: day(i + 1) for i, a in enumerate(articles)}
    sources = {a: ((stories or {}).get(a, a), f"outlet {a}", dates.get(a)) for a in articles}
    built = build(pa.Table.from_pylist(rows), sources)
    return built, {c: f for f in built.facts for c in f.claim_ids}


def same_fact(rows, **kw):
    built, fact_of = facts_of(rows, **kw)
    return len({fact_of[r["claim_id"]].fact_id for r in rows}) == 1


def test_hedged_and_confirmed_reports_and_qualifiers_are_one_fact_with_history():
    built, _ = facts_of([
        claim("a", 1e11, "Nvidia", "OpenAI", qualifier="at_most", hedged=True),
        claim("b", 1e11, "Nvidia", "OpenAI", qualifier="at_most"),
        claim("c", 1e11, "Nvidia", "OpenAI"),
    ])
    [fact] = built.facts
    assert (fact.first_seen, fact.first_confirmed, fact.last_seen) == (day(1), day(2), day(3))
    assert fact.hedged_share == pytest.approx(1 / 3) and not fact.hedged
    assert [(h["article_id"], h["qualifier"], h["hedged"]) for h in fact.history] == [
        ("a", "at_most", True), ("b", "at_most", False), ("c", "exact", False)]


def test_a_fact_only_hedged_is_not_confirmed():
    built, _ = facts_of([claim("a", 5e9, "Intel", hedged=True)])
    assert built.facts[0].hedged and built.facts[0].first_confirmed is None


def test_swapped_parties_are_the_same_fact_and_keep_the_majority_direction():
    built, _ = facts_of([claim("a", 6e9, "OpenAI", "AMD", metric="power", unit="W"),
                         claim("b", 6e9, "AMD", "OpenAI", metric="power", unit="W"),
                         claim("c", 6e9, "OpenAI", "AMD", metric="power", unit="W")])
    [fact] = built.facts
    assert (fact.subject, fact.counterparty, fact.n_articles) == ("OpenAI", "AMD", 3)


def test_a_report_missing_a_party_joins_when_its_article_names_the_other():
    rows = [claim("a", 4e9, "Amazon", "Anthropic"),
            claim("b", 4e9, "Amazon", sentence="Anthropic said Amazon would invest $4bn.")]
    assert same_fact(rows)
    rows[1]["sentence"] = "Amazon would invest $4bn."
    assert not same_fact(rows)


def test_a_report_missing_a_party_joins_whatever_relation_it_was_read_with():
    assert same_fact([claim("a", 4.5e9, "OpenAI", "Oracle", metric="power", unit="W",
                            relation="purchase"),
                      claim("b", 4.5e9, "Oracle", metric="power", unit="W", relation="capex",
                            sentence="Oracle will build 4.5GW of capacity for OpenAI.")])


def test_a_one_party_report_never_joins_a_decoy_deal_of_other_parties():
    rows = [claim("a", 1e10, "Nvidia", "Anthropic"), claim("b", 1e10, "Nvidia", "Anthropic"),
            claim("c", 1e10, "Nvidia", sentence="Nvidia will put in the first $10bn.",
                  title="Nvidia to invest in OpenAI"),
            claim("c", 1e11, "Nvidia", "OpenAI", at=9)]
    built, fact_of = facts_of(rows)
    assert fact_of["c:0"].fact_id != fact_of["a:0"].fact_id
    assert fact_of["c:0"].subject == "Nvidia" and fact_of["c:0"].counterparty is None


def test_different_counterparties_never_merge():
    assert not same_fact([claim("a", 1e10, "Nvidia", "OpenAI"),
                          claim("b", 1e10, "Nvidia", "Anthropic")])


def test_a_report_without_parties_joins_the_fact_of_a_pair_its_article_reports():
    rows = [claim("a", 3e11, "Oracle", "OpenAI"), claim("c", 3e11, "OpenAI", "Oracle"),
            claim("b", 3e11, sentence="The contract is worth $300bn."),
            claim("b", 4.5e9, "Oracle", "OpenAI", metric="power", unit="W", at=5)]
    built, fact_of = facts_of(rows)
    assert fact_of["b:0"] is fact_of["a:0"] is fact_of["c:0"]
    assert fact_of["b:0"].deal_id == fact_of["b:5"].deal_id is not None
    assert not same_fact(rows[:3])  # its article's claims name no pair
    ambiguous = rows + [claim("d", 3e11, "Oracle", "Nvidia"),
                        claim("b", 1, "Oracle", "Nvidia", metric="chips", unit="GPUs", at=7)]
    assert facts_of(ambiguous)[1]["b:0"].n_claims == 1


def test_a_report_without_parties_otherwise_stays_in_its_story():
    rows = [claim("a", 4.55e11, item="backlog"), claim("b", 4.55e11, item="backlog"),
            claim("c", 4.55e11)]
    built, fact_of = facts_of(rows, stories={"c": "a"})
    assert fact_of["a:0"] is fact_of["c:0"] is not fact_of["b:0"]


def test_one_party_reports_of_different_stories_need_more_than_a_value():
    rows = [claim("a", 2e6, "ASCS", predicate="buy"), claim("b", 2e6, "ASCS"),
            claim("c", 2e6, "ASCS", predicate="buy"), claim("d", 2e6, "ASCS", when="1987"),
            claim("d", 2e6, "ASCS", at=5)]
    built, fact_of = facts_of(rows)
    assert fact_of["a:0"] is fact_of["c:0"]
    assert fact_of["b:0"] not in (fact_of["a:0"], fact_of["d:0"])
    assert fact_of["d:0"] is fact_of["d:5"] is not fact_of["a:0"]
    assert facts_of(rows, stories={"b": "a"})[1]["b:0"].n_claims == 3  # a copy of a's story


def test_every_non_vague_claim_is_in_exactly_one_fact():
    rows = [claim("a", 1e9, "X", "Y"), claim("a", 1e9, at=3), claim("b", 1e9, "X"),
            claim("b", 2e9, "Y", at=4), claim("c", 1e9, vague=True, at=7), claim("c", 7e9, at=9)]
    built, fact_of = facts_of(rows)
    assert set(fact_of) == {r["claim_id"] for r in rows if not r["vague"]}
    assert sum(f.n_claims for f in built.facts) == len(fact_of)


def test_values_agree_within_their_written_precision():
    assert same_fact([claim("a", 14.2e9, "CoreWeave", "Meta"), claim("b", 14e9, "CoreWeave",
                                                                        "Meta")])
    assert not same_fact([claim("a", 9e9, "X", "Y", qualifier="approx"),
                          claim("b", 10e9, "X", "Y")])
    assert not same_fact([claim("a", 4e9, "X", "Y", qualifier="at_most"),
                          claim("b", 1.25e9, "X", "Y")])


def test_money_compares_in_usd_when_the_claims_carry_it():
    rows = [claim("a", 2e9, "ASML", "Mistral", unit="EUR", value_usd=2.3e9),
            claim("b", 2.3e9, "ASML", "Mistral", value_usd=2.3e9)]
    assert same_fact(rows)
    assert not same_fact([{**r, "value_usd": None} for r in rows])


def test_chips_compare_whatever_the_noun():
    assert same_fact([claim("a", 5e4, "Oracle", "AMD", metric="chips", unit="chips"),
                      claim("b", 5e4, "Oracle", "AMD", metric="chips", unit="GPUs")])
    assert not same_fact([claim("a", 5e4, "X", "Y", metric="count", unit="servers"),
                          claim("b", 5e4, "X", "Y", metric="count", unit="racks")])


def test_stated_relation_and_year_keep_facts_apart():
    assert not same_fact([claim("a", 5e9, "X", relation="revenue"),
                          claim("b", 5e9, "X", relation="capex")])
    assert not same_fact([claim("a", 5e9, "X", when="2024"), claim("b", 5e9, "X", when="2025")])
    assert same_fact([claim("a", 5e9, "X", "Y", when="2025-03"),
                      claim("b", 5e9, "X", "Y", when="2025"), claim("c", 5e9, "X", "Y")])


def conflict_of(rows):
    built, fact_of = facts_of(rows)
    return [(fact_of[r["claim_id"]].status, fact_of[r["claim_id"]].conflicts_with)
            for r in rows]


def test_another_value_for_the_same_deal_conflicts_with_a_reason():
    rows = [claim("a", 3e11, "OpenAI", "Oracle"), claim("b", 3e11, "Oracle", "OpenAI"),
            claim("c", 2e11, "OpenAI", "Oracle")]
    built, fact_of = facts_of(rows)
    big, small = fact_of["a:0"], fact_of["c:0"]
    assert (big.status, big.conflicts_with) == ("conflicting", [small.fact_id])
    assert small.reason == f"value_conflict:{big.fact_id}"


def test_two_figures_of_one_article_or_an_open_bound_do_not_conflict():
    assert {s for s, _ in conflict_of([claim("a", 4e9, "X", "Y"), claim("a", 8e9, "X", "Y", at=5),
                                       claim("b", 8e9, "X", "Y")])} == {"corroborated",
                                                                        "single_source"}
    assert {s for s, _ in conflict_of([claim("a", 1e11, "X", "Y", qualifier="at_most"),
                                       claim("b", 3e10, "X", "Y")])} == {"single_source"}


def test_a_fact_stated_as_a_value_conflicts_though_a_report_gave_a_bound():
    rows = [claim("a", 1e10, "Meta", "Google", qualifier="at_least", hedged=True),
            claim("b", 1e10, "Meta", "Google"), claim("c", 1.2e10, "Google", "Meta")]
    assert [s for s, _ in conflict_of(rows)] == ["conflicting"] * 3


def test_a_conflict_needs_the_same_parties_measure_and_period():
    one_party = [claim("a", 5, "Apple", metric="percent", unit="percent", predicate="rise"),
                 claim("b", 3, "Apple", metric="percent", unit="percent", predicate="rise")]
    assert {s for s, _ in conflict_of(one_party)} == {"single_source"}  # no period stated
    dated = [{**r, "when": "2025"} for r in one_party]
    assert {s for s, _ in conflict_of(dated)} == {"conflicting"}
    assert {s for s, _ in conflict_of([dated[0], {**dated[1], "when": "2024"}])} == \
        {"single_source"}
    assert {s for s, _ in conflict_of([{**dated[0], "predicate": "fall"}, dated[1]])} == \
        {"single_source"}
    assert {s for s, _ in conflict_of([claim("a", 5e9, "X", "Y", relation="investment"),
                                       claim("b", 7e9, "X", "Y", relation="purchase")])} == \
        {"single_source"}
    undated = [claim("a", 1e5, "xAI", "Nvidia", metric="chips", unit="GPUs"),
               claim("b", 5e4, "xAI", "Nvidia", metric="chips", unit="GPUs")]
    assert [f.status for f in facts_of(undated, dates={"a": day(1)})[0].facts] == \
        ["single_source"] * 2
    assert {s for s, _ in conflict_of(undated)} == {"conflicting"}


def test_a_one_party_fact_in_a_deal_is_a_part_of_it_not_a_rival_of_its_measure():
    rows = [claim("a", 1.92e9, "Amazon", "Talen", metric="power", unit="W", relation="purchase"),
            claim("b", 1.92e9, "Amazon", "Talen", metric="power", unit="W", relation="purchase"),
            claim("c", 1.8e10, "Amazon", "Talen", relation="purchase"),
            claim("c", 9.6e8, "Talen", metric="power", unit="W", relation="supply", at=4)]
    _, fact_of = facts_of(rows)
    assert fact_of["c:4"].deal_id == fact_of["a:0"].deal_id  # in the deal
    assert fact_of["c:4"].status == "single_source"
    two_party = [{**rows[3], "counterparty": "Amazon"}] + rows[:3]
    assert facts_of(two_party)[1]["c:4"].status == "conflicting"  # the deal's own measure


def test_a_later_report_that_the_deal_was_dropped_cancels_its_facts():
    rows = [claim("a", 9e9, "CoreWeave", "Core Scientific"),
            claim("a", 1.3e9, "CoreWeave", "Core Scientific", metric="power", unit="W", at=4),
            claim("b", 9e9, "CoreWeave", "Core Scientific", surface="$9 billion",
                  sentence="Shareholders voted down CoreWeave's $9 billion takeover.")]
    built, _ = facts_of(rows)
    assert {(f.status_now, f.status_now_article) for f in built.facts} == {("cancelled", "b")}
    assert (built.deals[0].status_now, built.deals[0].status_now_article) == ("cancelled", "b")
    built, _ = facts_of([{**r, "hedged": True} if r["article_id"] == "b" else r for r in rows])
    assert {f.status_now for f in built.facts} == {"active"}


def test_a_later_report_of_a_changed_figure_revises_the_earlier_one():
    rows = [claim("a", 4e9, "Amazon", "Anthropic"),
            claim("b", 8e9, "Amazon", "Anthropic", surface="$8 billion",
                  sentence="Amazon raised its investment in Anthropic to $8 billion.")]
    built, fact_of = facts_of(rows)
    old, new = fact_of["a:0"], fact_of["b:0"]
    assert (old.status_now, old.status_now_article, old.status) == ("revised", "b",
                                                                    "single_source")
    assert new.status_now == "active"


def test_a_deal_holds_the_facts_of_every_metric_and_splits_in_time():
    rows = [claim("a", 1e11, "Nvidia", "OpenAI", qualifier="at_most"),
            claim("a", 1e10, "OpenAI", "Nvidia", metric="power", unit="W", at=3),
            claim("b", 1e11, "Nvidia", "OpenAI"),
            claim("z", 2e9, "Nvidia", "OpenAI", metric="chips", unit="GPUs")]
    dates = {"a": day(1), "b": day(2), "z": datetime(2026, 9, 1, tzinfo=timezone.utc)}
    built, fact_of = facts_of(rows, dates=dates)
    first, later = sorted(built.deals, key=lambda d: d.first_seen)
    assert (first.subject, first.counterparty, first.money, first.power, first.n_facts) == \
        ("Nvidia", "OpenAI", 1e11, 1e10, 2)
    assert first.chips is None and later.chips == 2e9
    assert built.deal_of["a:3"] == first.deal_id


def test_a_one_party_fact_of_a_deal_relation_joins_the_deal_its_articles_report():
    rows = [claim("a", 1e11, "Nvidia", "OpenAI", relation="investment"),
            claim("a", 1e10, "Nvidia", relation="investment", at=3),
            claim("a", 5e11, "OpenAI", relation="valuation", at=5),
            claim("b", 1e11, "Nvidia", "OpenAI", relation="investment"),
            claim("b", 1e10, "Nvidia", relation="investment", at=3),
            claim("c", 1e10, "Nvidia", relation="purchase")]
    built, fact_of = facts_of(rows)
    [deal] = built.deals
    assert fact_of["a:3"].deal_id == deal.deal_id and fact_of["a:3"] is fact_of["b:3"]
    assert fact_of["a:5"].deal_id is None  # a valuation is the company's own figure
    assert fact_of["c:0"].deal_id is None  # article c reports no deal
    assert (deal.subject, deal.counterparty, deal.money) == ("Nvidia", "OpenAI", 1e11)


def test_a_valuation_is_not_a_deals_money():
    built, _ = facts_of([claim("a", 5e11, "SoftBank", "OpenAI", relation="valuation"),
                         claim("a", 6e9, "SoftBank", "OpenAI", relation="investment", at=3)])
    assert built.deals[0].money == 6e9


def test_the_sides_of_one_deal_are_one_relation_and_other_says_nothing():
    assert same_fact([claim("a", 6e9, "OpenAI", "AMD", metric="power", unit="W",
                            relation="purchase"),
                      claim("b", 6e9, "OpenAI", "AMD", metric="power", unit="W",
                            relation="supply"),
                      claim("c", 6e9, "OpenAI", "AMD", metric="power", unit="W",
                            relation="other")])


def test_a_pairs_deal_is_one_relation_however_worded_but_not_its_valuation():
    rows = [claim("a", 1.6e8, "AMD", "OpenAI", metric="count", unit="shares",
                  relation="investment"),
            claim("b", 1.6e8, "OpenAI", "AMD", metric="count", unit="shares", relation="purchase")]
    assert same_fact(rows)
    assert not same_fact([claim("a", 5e11, "SoftBank", "OpenAI", relation="investment"),
                          claim("b", 5e11, "SoftBank", "OpenAI", relation="valuation")])


def test_ranges_keep_both_ends_and_range_reports_join_their_fact():
    built, _ = facts_of([claim("a", 2e10, "X", "Y", qualifier="range", high=2.5e10),
                         claim("b", 2e10, "X", "Y", qualifier="range", high=2.5e10)])
    [fact] = built.facts
    assert (fact.value_min, fact.value_max, built.deals[0].money_high) == (2e10, 2.5e10, 2.5e10)


def test_the_same_claims_give_the_same_ids_in_any_order():
    rows = [claim("a", 1e9, "X", "Y"), claim("b", 2e9, "X"), claim("c", 1e9, at=4)]
    first, _ = facts_of(rows)
    again, _ = facts_of(rows[::-1])
    assert [vars(f) for f in first.facts] == [vars(f) for f in again.facts]


# End to end: the real pipeline on articles.

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


def test_hedged_then_confirmed_reports_end_to_end(tmp_path):
    facts, claims = corpus(tmp_path, [
        rec("r1", "Wire A", "2025-09-22", "Nvidia is in talks to invest as much as $100 billion "
            "in OpenAI, people familiar with the matter said. " + FILLER["a"]),
        rec("r2", "Paper B", "2025-09-23", "Nvidia will invest up to $100 billion in OpenAI, "
            "the companies said. " + FILLER["b"]),
    ])
    assert claims.hedged.tolist() == [True, False]
    fact = fact_with(facts, 1e11, "Nvidia")
    assert (fact.status, fact.n_articles, str(fact.first_confirmed.date())) == \
        ("corroborated", 2, "2025-09-23")
    assert [h["hedged"] for h in fact.history] == [True, False]
    assert claims.fact_id.notna().all() and claims.deal_id.notna().all()
    assert pipeline.read_deals(tmp_path / "out").fact_ids.tolist() == [[fact.fact_id]]


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


def test_conflicting_reports(tmp_path):
    facts, _ = corpus(tmp_path, [
        rec("r1", "Wire A", "2023-09-25", "Amazon will invest $4 billion in Anthropic. "
            + FILLER["a"]),
        rec("r2", "Paper B", "2023-09-26", "Amazon will invest $5 billion in Anthropic. "
            + FILLER["b"]),
    ])
    four, five = fact_with(facts, 4e9), fact_with(facts, 5e9)
    assert four.status == five.status == "conflicting"
    assert four.reason == f"value_conflict:{five.fact_id}"
    assert list(four.conflicts_with) == [five.fact_id]
    contested = facts[(facts.status == "conflicting")
                      & ((facts.subject == "Anthropic") | (facts.counterparty == "Anthropic"))]
    assert sorted(contested.value) == [4e9, 5e9]


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


def test_every_non_vague_sample_claim_has_a_fact(sample_run):
    claims = pipeline.read_claims(sample_run[0])
    assert claims.fact_id.isna().tolist() == claims.vague.tolist()
    facts = pipeline.read_facts(sample_run[0]).set_index("fact_id")
    linked = claims.dropna(subset=["deal_id"])
    assert (facts.deal_id[linked.fact_id].tolist() == linked.deal_id.tolist())


@pytest.mark.parametrize("subject,counterparty,metric,value,article", [
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
