"""Across articles: claims about the same thing grouped into facts, with their sources,
corroboration and contradictions.

Rules (README, "Facts"):
- Claims are comparable when subject, metric and unit are equal, the hedged flag is equal (a
  prospective figure - an option, a plan - is a different fact from a committed one), the
  counterparty and period are equal or unstated, and their value intervals meet: exact v is
  [v, v] (1% tolerance), approx is +-10%, a range [low, high], "up to v" [0, v], "more than v"
  [v, inf). To join a fact a bound counts as its value ("up to $4bn" joins "$4bn", not
  "$1.25bn"); to conflict with one it counts as open ("up to $4bn" does not contradict "$3bn").
- Two facts about the same thing (and the same measure: a shared item or governing word, such
  as "invest") whose values do not meet conflict when no article reports both (one article
  giving $4bn and $25bn tells of two figures, not a disagreement).
- Independent reports: articles after folding exact and near-duplicate copies into one story
  (MinHash of word 5-grams, Jaccard >= 0.7, datasketch). Corroborated = 2+ independent.
- Vague figures and figures without a subject form no fact (fact_id null).
"""
from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter

import pandas as pd
from datasketch import MinHash, MinHashLSH

TOLERANCE = 0.01
APPROX = 0.10
NEAR_DUPLICATE_JACCARD = 0.7
SHINGLE_WORDS = 5
NUM_PERM = 64
WORD = re.compile(r"\w+")


class NearDuplicates:
    """Streaming near-duplicate detection: each article gets the story id of the first earlier
    article whose text it nearly copies, else its own id."""

    def __init__(self):
        self.lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self.story: dict[str, str] = {}
        # drawn once: MinHash draws its random permutations anew for every signature
        first = MinHash(num_perm=NUM_PERM, seed=1)
        self.scheme, self.permutations = first.scheme, first.permutations

    def story_of(self, article_id: str, text: str) -> str:
        words = WORD.findall(text.lower())
        shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                    for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
        signature = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32,  # C-fast, stable
                            scheme=self.scheme, permutations=self.permutations)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        matches = sorted(self.lsh.query(signature))
        story = self.story[matches[0]] if matches else article_id
        if article_id not in self.story:
            self.lsh.insert(article_id, signature)
            self.story[article_id] = story
        return story


def interval(row, open_ended: bool = True) -> tuple[float, float]:
    """The values a claim allows. With open_ended=False a bound is read as its value, so
    "up to $4bn" joins a "$4bn" fact but not a "$1.25bn" one."""
    v = row.value
    q = row.qualifier
    if q == "range" and row.value_high is not None:
        return v * (1 - TOLERANCE), row.value_high * (1 + TOLERANCE)
    if q == "at_most" and open_ended:
        return 0.0, v * (1 + TOLERANCE)
    if q == "at_least" and open_ended:
        return v * (1 - TOLERANCE), math.inf
    if q == "approx":
        return v * (1 - APPROX), v * (1 + APPROX)
    return v * (1 - TOLERANCE), v * (1 + TOLERANCE)


def meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def same_or_unstated(a, b) -> bool:
    return a is None or b is None or a == b


def periods_agree(a, b) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


class Group:
    """A fact in the making: claims, and what they say about counterparty, period, values."""

    def __init__(self, row):
        self.rows = []
        self.hedged = bool(row.hedged)
        self.parties: set = set()
        self.whens: set = set()
        self.items: set = set()
        self.predicates: set = set()
        self.add([row])

    def add(self, rows) -> None:
        self.rows.extend(rows)
        self.parties |= {r.counterparty for r in rows if r.counterparty is not None}
        self.whens |= {r.when for r in rows if r.when is not None}
        self.items |= {r.item for r in rows if r.item is not None}
        self.predicates |= {r.predicate for r in rows if r.predicate is not None}

    def same_measure(self, other: "Group") -> bool:
        """Positive evidence that two groups measure the same thing: a shared item (investment,
        revenue) or governing word (invest, value). Without it, differing values are two
        figures, not a disagreement."""
        return bool(self.items & other.items or self.predicates & other.predicates)

    def about_same_thing(self, other: "Group") -> bool:
        return (self.hedged == other.hedged
                and all(same_or_unstated(a, b) for a in self.parties or {None}
                        for b in other.parties or {None})
                and all(periods_agree(a, b) for a in self.whens or {None}
                        for b in other.whens or {None}))

    def values_meet(self, other: "Group", open_ended: bool = False) -> bool:
        return any(meet(interval(a, open_ended), interval(b, open_ended))
                   for a in self.rows for b in other.rows)


def build_facts(claims: pd.DataFrame, stories: dict[str, str], outlets: dict[str, str | None],
                published: dict[str, object]) -> tuple[list[dict], dict[str, str]]:
    """(fact rows, {claim_id: fact_id}) for the claims of a run."""
    eligible = claims[~claims.vague.astype(bool) & claims.subject.notna()]
    eligible = eligible.astype(object).where(eligible.notna(), None)
    buckets: dict[tuple, list] = {}
    for row in eligible.itertuples(index=False):
        buckets.setdefault((row.subject, row.metric, row.unit or ""), []).append(row)
    facts, assigned = [], {}
    for key in sorted(buckets):
        rows = sorted(buckets[key], key=lambda r: (r.article_id, r.char_start))
        groups = _cluster(rows)
        rows_out = [_fact_row(g, stories, outlets, published) for g in groups]
        _mark_conflicts(groups, rows_out)
        for group, fact in zip(groups, rows_out):
            for r in group.rows:
                assigned[r.claim_id] = fact["fact_id"]
        facts.extend(rows_out)
    _unique_ids(facts, assigned)
    return facts, assigned


def _cluster(rows) -> list[Group]:
    """Claims about the same thing whose values meet (bounds read as their values) are one
    fact; a claim meeting several facts merges them."""
    groups: list[Group] = []
    for row in rows:
        single = Group(row)
        joined = [g for g in groups if g.about_same_thing(single) and g.values_meet(single)]
        if joined:
            head = joined[0]
            head.add([row])
            for other in joined[1:]:
                head.add(other.rows)
                groups.remove(other)
        else:
            groups.append(single)
    return groups


def _mode(values):
    """The most frequent value that is not None; of equally frequent ones, the first seen."""
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _fact_row(group: Group, stories, outlets, published) -> dict:
    rows = group.rows
    points = [r.value for r in rows if r.qualifier in ("exact", "approx")] or [r.value for r in rows]
    value = _mode(points)
    highs = [r.value_high for r in rows if r.value_high is not None]
    periods = sorted(group.whens, key=lambda p: (-len(p), p))
    articles = sorted({r.article_id for r in rows})
    seen = [published[a] for a in articles if published.get(a) is not None]
    fact = {
        "subject": rows[0].subject, "counterparty": _mode([r.counterparty for r in rows]),
        "metric": rows[0].metric, "item": _mode([r.item for r in rows]),
        "when": periods[0] if periods else None, "hedged": group.hedged, "value": value,
        "value_min": min(r.value for r in rows), "value_max": max([r.value for r in rows] + highs),
        "unit": rows[0].unit, "n_claims": len(rows), "n_articles": len(articles),
        "n_outlets": len({outlets[a] for a in articles if outlets.get(a)}),
        "n_independent": len({stories.get(a, a) for a in articles}),
        "first_seen": min(seen) if seen else None,
        "claim_ids": sorted(r.claim_id for r in rows), "article_ids": articles,
        "reason": None,
    }
    fact["status"] = "corroborated" if fact["n_independent"] >= 2 else "single_source"
    key = "|".join(str(fact[k]) for k in ("subject", "counterparty", "metric", "unit", "when",
                                          "hedged")) + f"|{value:.6g}"
    fact["fact_id"] = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return fact


def _mark_conflicts(groups: list[Group], facts: list[dict]) -> None:
    for i, (g, fact) in enumerate(zip(groups, facts)):
        rivals = [facts[j]["fact_id"] for j, h in enumerate(groups)
                  if j != i and g.about_same_thing(h) and g.same_measure(h)
                  and not g.values_meet(h, open_ended=True)
                  and not set(fact["article_ids"]) & set(facts[j]["article_ids"])]
        if rivals:
            fact["status"] = "conflicting"
            fact["reason"] = "value_conflict:" + ",".join(sorted(rivals))


def _unique_ids(facts: list[dict], assigned: dict[str, str]) -> None:
    """Two facts with the same key and value (a rare tie) get numbered ids, in a fixed order."""
    seen: dict[str, int] = {}
    for fact in facts:
        base = fact["fact_id"]
        if base in seen:
            seen[base] += 1
            fact["fact_id"] = f"{base}-{seen[base]}"
            for cid in fact["claim_ids"]:
                assigned[cid] = fact["fact_id"]
        else:
            seen[base] = 0
