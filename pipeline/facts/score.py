"""Fact linking scored pairwise against labels (`make facts-eval`).

The labels (JSONL) name, for figures of a corpus, the fact each reports ("deal/measure"):
{"doc": "n1.md", "mention": "as much as $100 billion", "fact": "nvidia-openai/investment"};
{"conflict": [fact, fact]} lines name facts that disagree, {"status_now": "cancelled", "fact":
fact, "doc": article} lines a fact's later state and the article that says so. Two labelled
claims of different articles should share a fact exactly when their labels are equal:
precision, recall and F1 count such pairs; links across deals count pairs linked whose labels
name different deals. A naive linker (same metric and value) is scored alongside.

    python -m pipeline.facts.score --corpus tests/deals/corpus --gold tests/deals/gold.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

import pandas as pd


def labelled(claims: pd.DataFrame, gold: list[dict]) -> tuple[pd.DataFrame, list[dict]]:
    """The claims that a label names (exact surface first, else one holding the other), with
    their label; and the labels that no claim matched."""
    rows, missed = [], []
    for g in (g for g in gold if "mention" in g):
        own = claims[claims.article_id == g["doc"]]
        hit = own[own.surface == g["mention"]]
        if hit.empty:
            hit = own[[g["mention"] in s or s in g["mention"] for s in own.surface]]
        if hit.empty:
            missed.append(g)
        else:
            rows.append(hit.iloc[0].to_dict() | {"label": g["fact"]})
    return pd.DataFrame(rows), missed


def pairwise(items: pd.DataFrame, key: str) -> dict:
    """Pair counts of claims of different articles: linked by `key`, labelled the same."""
    counts = Counter()
    for a, b in combinations(items.to_dict("records"), 2):
        if a["article_id"] == b["article_id"]:
            continue
        gold = a["label"] == b["label"]
        linked = a[key] is not None and not pd.isna(a[key]) and a[key] == b[key]
        counts["gold"] += gold
        counts["linked"] += linked
        counts["both"] += gold and linked
        counts["across_deals"] += linked and a["label"].split("/")[0] != b["label"].split("/")[0]
    p = counts["both"] / counts["linked"] if counts["linked"] else 0.0
    r = counts["both"] / counts["gold"] if counts["gold"] else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold_pairs": counts["gold"], "linked_pairs": counts["linked"],
            "links_across_deals": counts["across_deals"]}


def score(claims: pd.DataFrame, facts: pd.DataFrame, gold: list[dict]) -> dict:
    items, missed = labelled(claims, gold)
    items["naive"] = items.metric + "|" + items.unit.fillna("") + "|" + items.value.astype(str)
    fact_of_label = items.groupby("label").fact_id.apply(set).to_dict()
    rivals = dict(zip(facts.fact_id, facts.conflicts_with.apply(set)))
    conflicts = [g["conflict"] for g in gold if "conflict" in g]
    found = sum(any(rivals.get(x, set()) & fact_of_label.get(b, set())
                    for x in fact_of_label.get(a, set())) for a, b in conflicts)
    by_id = facts.set_index("fact_id")
    states = [g for g in gold if "status_now" in g]
    states_found = sum(any(by_id.status_now.get(x) == g["status_now"]
                           and by_id.status_now_article.get(x) == g["doc"]
                           for x in fact_of_label.get(g["fact"], set())) for g in states)
    return {"claims_labelled": len(items), "labels_missed": len(missed),
            "facts": pairwise(items, "fact_id"), "naive": pairwise(items, "naive"),
            "conflicts_found": f"{found} of {len(conflicts)}",
            "status_now_found": f"{states_found} of {len(states)}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.facts.score",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args(argv)
    from ..core import read_claims, read_facts, run

    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    with tempfile.TemporaryDirectory() as out:
        run(args.corpus, Path(out), quiet=True)
        result = score(read_claims(out), read_facts(out), gold)
    for name in ("facts", "naive"):
        s = result.pop(name)
        print(f"{name:6} precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
              f"F1 {s['f1']:.3f}  ({s['linked_pairs']} pairs linked, {s['gold_pairs']} "
              f"labelled the same; {s['links_across_deals']} across deals)")
    print("  ".join(f"{k} {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
