"""The claims of a run -> facts and deals (README, "Facts and deals"): reports (reports.py)
grouped into facts (link.py), facts into deals (deals.py), compared (conflicts.py)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable

import pyarrow as pa

from ..records import Deal, Fact
from .conflicts import judge
from .deals import deal_members, deal_row
from .link import Group, blocks, link_block
from .reports import reports_of
from .values import mode, points


@dataclass
class Built:
    facts: list[Fact]
    deals: list[Deal]
    fact_of: dict[str, str]  # claim_id -> fact_id
    deal_of: dict[str, str]  # claim_id -> deal_id, for claims of facts in a deal


def build(claims: pa.Table, sources: dict[str, tuple], mapper: Callable = map) -> Built:
    """Facts and deals of the claims (columns reports.INPUTS, and OPTIONAL_INPUTS when
    present); sources maps an article id to (story id, outlet, published_at). Blocks of
    reports are linked by `mapper` (map, or a cluster's), the rest is done here."""
    linked = list(mapper(facts_of_block, blocks(*reports_of(claims, sources))))
    groups = [g for block in linked for g, _ in block]
    facts = [f for block in linked for _, f in block]
    _unique_ids(facts)
    members = deal_members(facts, groups)
    judge(facts, groups, members)
    deals = []
    for member_ids in members:
        deal = deal_row([facts[i] for i in member_ids], [groups[i] for i in member_ids])
        deals.append(deal)
        for i in member_ids:
            facts[i].deal_id = deal.deal_id
    fact_of = {c: f.fact_id for f in facts for c in f.claim_ids}
    deal_of = {c: f.deal_id for f in facts if f.deal_id for c in f.claim_ids}
    return Built(facts, deals, fact_of, deal_of)


def facts_of_block(block: tuple) -> list[tuple[Group, Fact]]:
    """(group, fact) for the facts of one block (link.blocks)."""
    return [(g, fact_of_group(g)) for g in link_block(*block)]


def fact_of_group(group: Group) -> Fact:
    rows = sorted(group.rows, key=lambda r: r.order)
    unit = mode(r.unit for r in rows)
    own = [r for r in rows if r.unit == unit] or rows  # values in the fact's unit
    stated = points(own)
    value = mode(r.value for r in stated)
    pairs = mode((r.subject, r.counterparty) for r in rows if len(r.parties) == 2)
    subject, counterparty = pairs or (min(group.parties, default=None), None)
    periods = sorted({r.when for r in rows if r.when}, key=lambda p: (-len(p), p))
    relation = mode(r.relation for r in rows)
    family = mode(r.family for r in rows)
    articles = sorted(group.articles)
    dated = [r.published for r in rows if r.published is not None]
    confirmed = [r.published for r in rows if not r.hedged and r.published is not None]
    hedged = sum(r.hedged for r in rows)
    key = "|".join([",".join(sorted(group.parties)), *rows[0].block, family or "",
                    periods[0][:4] if periods else "", f"{value:.6g}"])
    return Fact(
        fact_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        subject=subject, counterparty=counterparty, relation=relation, metric=rows[0].metric,
        item=mode(r.item for r in rows), when=periods[0] if periods else None, value=value,
        value_min=min(r.value for r in own),
        value_max=max(r.value if r.value_high is None else max(r.value, r.value_high)
                      for r in own),
        unit=unit, value_usd=mode(r.value_usd for r in stated), hedged=hedged == len(rows),
        hedged_share=hedged / len(rows), n_claims=len(rows), n_articles=len(articles),
        n_outlets=len({r.outlet for r in rows if r.outlet}), n_independent=len(group.stories),
        first_seen=min(dated, default=None), last_seen=max(dated, default=None),
        first_confirmed=min(confirmed, default=None), history=_history(rows),
        claim_ids=sorted(r.claim_id for r in rows), article_ids=articles,
        status="corroborated" if len(group.stories) >= 2 else "single_source")


def _history(rows) -> list[dict]:
    """One entry per distinct report of an article, in publication order."""
    entries, seen = [], set()
    for r in rows:
        entry = {"date": r.published, "article_id": r.article_id, "outlet": r.outlet,
                 "value": r.value, "value_high": r.value_high, "unit": r.unit,
                 "qualifier": r.qualifier, "hedged": r.hedged}
        key = tuple(entry.values())
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    return entries


def _unique_ids(facts: list[Fact]) -> None:
    """Two facts with the same key and value (a rare tie) get numbered ids, in a fixed order."""
    seen: dict[str, int] = {}
    for fact in facts:
        base = fact.fact_id
        if base in seen:
            seen[base] += 1
            fact.fact_id = f"{base}-{seen[base]}"
        else:
            seen[base] = 0
