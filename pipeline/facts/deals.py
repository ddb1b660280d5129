"""Facts grouped into deals: the facts of the same two parties (either direction), reported
close in time, and a one-party fact of a deal's relation that all its articles report as part of
that deal (Nvidia's "first $10 billion" beside its $100 billion for OpenAI). A deal's headline
figures and state come from its facts."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from .. import config
from ..context.roles import table
from ..records import Deal, Fact
from .link import Group
from .values import mode


def deal_members(facts: list[Fact], groups: list[Group]) -> list[list[int]]:
    """Indexes of the facts of each deal. Within a pair, facts sorted by first report; a fact
    first reported more than config.DEAL_GAP_DAYS after the deal's latest report starts a new
    deal; undated facts go with the pair's first deal."""
    by_pair: dict[tuple, list[int]] = {}
    for i, g in enumerate(groups):
        if len(g.parties) == 2:
            by_pair.setdefault(tuple(sorted(g.parties)), []).append(i)
    gap = timedelta(days=config.DEAL_GAP_DAYS)
    deals = []
    for pair in sorted(by_pair):
        members = sorted(by_pair[pair], key=lambda i: (facts[i].first_seen is not None,
                                                       facts[i].first_seen or datetime.min,
                                                       facts[i].fact_id))
        current: list[int] = []
        latest = None
        for i in members:
            first, last = facts[i].first_seen, facts[i].last_seen
            if current and first is not None and latest is not None and first - latest > gap:
                deals.append(current)
                current, latest = [], None
            current.append(i)
            if last is not None:
                latest = last if latest is None else max(latest, last)
        deals.append(current)
    _add_one_party_facts(facts, groups, deals)
    return deals


def _add_one_party_facts(facts: list[Fact], groups: list[Group], deals: list[list[int]]) -> None:
    """A fact of one party, stating a relation that is not a company's own figure, joins the
    one deal of that party which every article reporting it reports too."""
    of_article: dict[str, set[int]] = defaultdict(set)
    of_party: dict[str, set[int]] = defaultdict(set)
    for d, members in enumerate(deals):
        for i in members:
            of_party.update({p: of_party[p] | {d} for p in groups[i].parties})
            for article in facts[i].article_ids:
                of_article[article].add(d)
    own_value = table().own_value
    for i, g in enumerate(groups):
        family = mode(r.family for r in g.rows)
        if len(g.parties) != 1 or family is None or family in own_value:
            continue
        found = of_party.get(min(g.parties), set()).intersection(
            *(of_article.get(a, set()) for a in facts[i].article_ids))
        if len(found) == 1:
            deals[found.pop()].append(i)


def deal_row(members: list[Fact], groups: list[Group]) -> Deal:
    """The deal of these facts and their groups (fact ids and states already set)."""
    direction = Counter()
    for fact in members:
        if fact.counterparty is not None:  # its two-party facts
            direction[(fact.subject, fact.counterparty)] += fact.n_articles
    subject, counterparty = direction.most_common(1)[0][0]
    articles = sorted({a for f in members for a in f.article_ids})
    stories = {r.story for g in groups for r in g.rows}
    dated = [f for f in members if f.first_seen is not None]
    confirmed = [f.first_confirmed for f in members if f.first_confirmed is not None]
    money, power, chips = (_headline(members, m) for m in ("money", "power", "chips"))
    now = next((s for s in ("cancelled", "revised") if any(f.status_now == s for f in members)),
               "active")
    first = min(members, key=lambda f: (f.first_seen is None, f.first_seen or datetime.min,
                                        f.fact_id))
    key = "|".join(sorted((subject, counterparty))) + "|" + first.fact_id
    return Deal(
        deal_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        subject=subject, counterparty=counterparty,
        relation=mode(f.relation for f in members),
        money=money and money.value, money_high=_high(money),
        money_unit=money and money.unit, money_usd=money and money.value_usd,
        power=power and power.value, power_high=_high(power),
        chips=chips and chips.value, chips_high=_high(chips),
        n_facts=len(members), n_articles=len(articles), n_independent=len(stories),
        first_seen=min((f.first_seen for f in dated), default=None),
        last_seen=max((f.last_seen for f in dated), default=None),
        first_confirmed=min(confirmed, default=None),
        status=("conflicting" if any(f.status == "conflicting" for f in members)
                else "corroborated" if len(stories) >= 2 else "single_source"),
        status_now=now, status_now_article=next(
            (f.status_now_article for f in members if f.status_now == now), None),
        fact_ids=[f.fact_id for f in members], article_ids=articles)


def _headline(members: list[Fact], metric: str) -> Fact | None:
    """The most reported fact of a metric (of money, not a company's own figure: a valuation
    is not money in the deal); of equally reported ones, the largest."""
    return max((f for f in members if f.metric == metric
                and not (metric == "money" and f.relation in table().own_value)),
               key=lambda f: (f.n_independent, f.n_articles, f.value), default=None)


def _high(fact: Fact | None) -> float | None:
    return fact.value_max if fact is not None and fact.value_max > fact.value else None
