"""Facts compared with each other: which disagree, and which a later report revised or
cancelled.

Two facts are rivals when they have the same parties (two-party facts of one deal, dated or of a
stated period, their years compared where both state one; or facts of one party with the same
stated year: a company's figures without a period are different figures, not a disagreement, and
a one-party fact in a deal is a part of it, such as one side's share, not a rival of the deal's
measure), metric and unit, the same measure (the same relation where both state one, else the
same item where both state one; else a deal's facts are taken as one measure, a company's need a
shared governing word), and values that do not meet with bounds read as open but lie within
config.CONFLICT_MAX_RATIO of each other. Rivals conflict unless one article reports both (it
tells of two figures) or a later report of one says the figure changed ("raised its investment
to $8 billion"): then the other is revised by it. More than config.CONFLICT_SET_MAX facts in one
such set are a list of figures, not a disagreement. A later report saying the deal was dropped
cancels its fact and the deal's facts.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import combinations

from .. import config
from ..records import Fact
from .link import Group
from .reports import Report
from .values import points


def judge(facts: list[Fact], groups: list[Group], deals: list[list[int]]) -> None:
    """Sets status, reason, conflicts_with, status_now and status_now_article of the facts."""
    deal_of = {i: d for d, members in enumerate(deals) for i in members}
    sets: dict[tuple, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        year = facts[i].when[:4] if facts[i].when else None
        # a deal's two-party facts, their years compared pairwise where both state one; a fact
        # of no date nor period is in its deal by a guess, and its period unknown
        if i in deal_of and len(g.parties) == 2 and (year or facts[i].first_seen):
            sets[("deal", deal_of[i], g.rows[0].block)].append(i)
        elif len(g.parties) == 1 and year:
            sets[("party", *g.parties, g.rows[0].block, year)].append(i)
    rivals: dict[int, set[int]] = defaultdict(set)
    for members in sets.values():
        if len(members) > config.CONFLICT_SET_MAX:
            continue
        for i, j in combinations(members, 2):
            if not (_same_measure(groups[i], groups[j], deal=len(groups[i].parties) == 2)
                    and not _other_years(facts[i], facts[j])
                    and _values_differ(groups[i], groups[j])):
                continue
            revised = _revise(facts[i], groups[j]) or _revise(facts[j], groups[i])
            if not revised and not set(facts[i].article_ids) & set(facts[j].article_ids):
                rivals[i].add(j)
                rivals[j].add(i)
    for i, others in rivals.items():
        facts[i].status = "conflicting"
        facts[i].conflicts_with = sorted(facts[j].fact_id for j in others)
        facts[i].reason = "value_conflict:" + ",".join(facts[i].conflicts_with)
    first = [min((facts[j].first_seen for j in members if facts[j].first_seen), default=None)
             for members in deals]
    for i, g in enumerate(groups):
        together = deals[deal_of[i]] if i in deal_of else [i]
        report = _later(g.rows, "cancelled", first[deal_of[i]] if i in deal_of
                        else facts[i].first_seen)
        if report is not None:
            for j in together:
                _set_now(facts[j], "cancelled", report)


def _other_years(a: Fact, b: Fact) -> bool:
    return bool(a.when and b.when and a.when[:4] != b.when[:4])


def _revise(old: Fact, new: Group) -> bool:
    """Marks `old` revised when a later report of `new` says its figure changed."""
    report = _later(new.rows, "revised", old.first_seen)
    if report is None or old.status_now == "cancelled":
        return False
    _set_now(old, "revised", report)
    return True


def _later(rows: list[Report], cue: str, since: datetime | None) -> Report | None:
    """The earliest report with this cue published after `since`."""
    if since is None:
        return None
    return next((r for r in sorted(rows, key=lambda r: r.order)
                 if r.published is not None and r.published > since and r.cue == cue), None)


def _set_now(fact: Fact, state: str, report: Report) -> None:
    if fact.status_now != "cancelled":
        fact.status_now, fact.status_now_article = state, report.article_id


def _same_measure(a: Group, b: Group, deal: bool) -> bool:
    """Same relation where both state one, else same item where both state one; else, in a
    deal, the same (its parties say what it is), and of one party, a shared governing word."""
    for attr in ("family", "item"):
        stated = [{getattr(r, attr) for r in g.rows} - {None} for g in (a, b)]
        if all(stated):
            return bool(stated[0] & stated[1])
    if deal:
        return True
    words = [{r.predicate for r in g.rows} - {None} for g in (a, b)]
    return bool(words[0] & words[1])


def _values_differ(a: Group, b: Group) -> bool:
    """Whether the values the two facts' reports allow, bounds read as open, do not overlap,
    while they are within config.CONFLICT_MAX_RATIO of each other. A fact's reports that state
    its value speak for it: an early "more than $10 billion" does not make a later "$10
    billion" agree with another outlet's "$12 billion"."""
    hulls = []
    for g in (a, b):
        stated = points(g.rows)
        hulls.append((min(r.open[0] for r in stated), max(r.open[1] for r in stated)))
    if hulls[0][0] <= hulls[1][1] and hulls[1][0] <= hulls[0][1]:
        return False
    low, high = sorted(g.anchor.point for g in (a, b))
    return high <= low * config.CONFLICT_MAX_RATIO
