"""Reports grouped into facts: one fact is one figure of one measure of one thing.

Within a block (metric, and unit, or USD for money; one block of chips):
1. Reports naming two parties group by the pair, in either direction (a swapped report is the
   same fact), then by value (values.py), then by year and by a company's own relation (a
   valuation) where both are stated: a deal's relations are one, however worded.
2. A report naming one party joins a pair's fact when its value and stated year agree (its
   relation, often misread with its parties, is not asked) and its article names the other party
   too (so "Nvidia invests $10bn" in an article about OpenAI does not join Nvidia's $10bn for
   Anthropic); when several facts qualify, the one its article or story already reports; else
   none, and the one-party reports group by party, value, relation and year, and across stories
   only when they share a stated relation, item, governing word or period.
3. A report naming no party joins, when its value and stated relation and year agree, a fact of
   a pair that its article's claims report, or a fact of its own story; else it is a fact of its
   own story (with its copies).
Sorting, grouping by keys and finding a fact by bisection in per-key indexes make it n log n in
the number of reports.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable, Iterable

from .. import config
from ..context.roles import table
from .reports import ArticleContext, Report

# A report's interval's high end is at most this many times its low end (ranges aside).
SPAN = (1 + config.FACT_TOLERANCE_APPROX) / (1 - config.FACT_TOLERANCE_APPROX)


class Group:
    """A fact in the making: its reports, its parties and its first report (the lowest value),
    whose value the others share."""

    def __init__(self, rows: list[Report], parties: tuple):
        self.rows = rows
        self.parties = frozenset(parties)
        self.anchor = rows[0]
        self.relations = {r.family for r in rows if r.family}
        self.years = {r.year for r in rows if r.year}
        self.articles = {r.article_id for r in rows}
        self.stories = {r.story for r in rows}

    def accepts(self, row: Report, relation: bool = True) -> bool:
        """Whether the row gives its value and year, and its relation unless told not to."""
        return (self.anchor.same_value(row)
                and (not relation or _agrees(row.family, self.relations))
                and _agrees(row.year, self.years))

    def add(self, row: Report) -> None:
        self.rows.append(row)
        self.relations |= {row.family} - {None}
        self.years |= {row.year} - {None}
        self.articles.add(row.article_id)
        self.stories.add(row.story)


def _agrees(stated: str | None, known: set) -> bool:
    return stated is None or not known or stated in known


def blocks(reports: Iterable[Report], contexts: dict[str, ArticleContext]
           ) -> list[tuple[list[Report], dict[str, ArticleContext]]]:
    """The reports by block (metric, and unit or USD), sorted by value, each with the contexts
    of its articles: blocks link independently (on several workers, if wanted)."""
    by_block: dict[tuple, list[Report]] = defaultdict(list)
    for r in reports:
        by_block[r.block].append(r)
    return [(sorted(by_block[k], key=lambda r: (r.join[0], r.order)),
             {r.article_id: contexts[r.article_id] for r in by_block[k]})
            for k in sorted(by_block)]


def link_block(rows: list[Report], contexts: dict[str, ArticleContext]) -> list[Group]:
    """The facts of one block's reports (sorted by value), each a Group; every report is in
    exactly one."""
    pairs = _grouped([r for r in rows if len(r.parties) == 2], lambda r: tuple(sorted(r.parties)),
                     relation=_kind)
    homeless = _home_one_party([r for r in rows if len(r.parties) == 1], pairs, contexts)
    singles = _grouped(homeless, lambda r: tuple(r.parties), _by_evidence)
    homeless = _home_no_party([r for r in rows if not r.parties], pairs + singles, contexts)
    return pairs + singles + _grouped(homeless, lambda r: ("", r.story))


def _grouped(rows: list[Report], key: Callable[[Report], tuple],
             evidence: Callable[[list[Report]], list[list[Report]]] = lambda rows: [rows],
             relation: Callable[[Report], str | None] = lambda r: r.family) -> list[Group]:
    """Rows (sorted by value) grouped by key, then by value, then by `relation` and year, then
    by `evidence`."""
    by_key: dict[tuple, list[Report]] = defaultdict(list)
    for r in rows:
        by_key[key(r)].append(r)
    groups = []
    for k in sorted(by_key):
        parties = tuple(by_key[k][0].parties)
        for cluster in _by_value(by_key[k]):
            for part in _split(cluster, relation):
                groups += [Group(e, parties) for p in _split(part, lambda r: r.year)
                           for e in evidence(p)]
    return groups


def _kind(r: Report) -> str | None:
    """What keeps a pair's reports of one value apart: a company's own figure (a valuation)
    from the deal; a deal's relations are one, however worded ("the right to buy 160 million
    shares" is the investment in them)."""
    if r.family is None or r.family in table().own_value:
        return r.family
    return "deal"


def _by_evidence(rows: list[Report]) -> list[list[Report]]:
    """Reports of one party and one value, apart unless they are of one story or state the
    same relation, item, governing word or period: a company and a figure alone ("Apple, 5%")
    say too little to be one fact."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple, int] = {}
    for i, r in enumerate(rows):
        for key in (("story", r.story), ("relation", r.family),
                    ("item", r.item), ("predicate", r.predicate), ("year", r.year)):
            if key[1] is not None:
                parent[root(i)] = root(first.setdefault(key, i))
    parts: dict[int, list[Report]] = defaultdict(list)
    for i, r in enumerate(rows):
        parts[root(i)].append(r)
    return list(parts.values())


def _by_value(rows: list[Report]) -> Iterable[list[Report]]:
    """Runs of rows (sorted by value) whose values meet the run's first one."""
    run: list[Report] = []
    for r in rows:
        if run and not run[0].same_value(r):
            yield run
            run = []
        run.append(r)
    if run:
        yield run


def _split(rows: list[Report], attr: Callable[[Report], str | None]) -> list[list[Report]]:
    """Rows apart where they state different values of attr; a row that states none goes with
    its own article's rows, else with the largest part."""
    parts: dict[str, list[Report]] = defaultdict(list)
    for r in rows:
        if attr(r) is not None:
            parts[attr(r)].append(r)
    if len(parts) <= 1:
        return [rows]
    ordered = [parts[k] for k in sorted(parts)]
    articles = [{r.article_id for r in p} for p in ordered]
    largest = max(range(len(ordered)), key=lambda i: len(ordered[i]))
    for r in rows:
        if attr(r) is None:
            i = next((i for i, a in enumerate(articles) if r.article_id in a), largest)
            ordered[i].append(r)
    return ordered


class _Index:
    """Groups by key (a party, a pair, a story), each sorted by the low end of its first
    report's interval: the facts of a key that a value may join are found by bisection."""

    def __init__(self, groups: list[Group], keys: Callable[[Group], Iterable]):
        entries: dict = defaultdict(list)
        for i, g in enumerate(groups):
            for key in keys(g):
                entries[key].append((g.anchor.join[0], i))
        self.groups = groups
        self.lows = {k: [low for low, _ in sorted(e)] for k, e in entries.items()}
        self.ids = {k: [i for _, i in sorted(e)] for k, e in entries.items()}

    def near(self, key, row: Report) -> list[Group]:
        lows = self.lows.get(key, [])
        start = bisect_left(lows, row.join[0] / SPAN)
        end = bisect_right(lows, row.join[1])
        return [self.groups[i] for i in self.ids.get(key, [])[start:end]]


def _home_one_party(rows: list[Report], groups: list[Group],
                    contexts: dict[str, ArticleContext]) -> list[Report]:
    """Adds each row to the one pair's fact it can only be a report of (its article names the
    other party); returns the rows left."""
    index = _Index(groups, lambda g: g.parties)
    # a report that misses a party may miss its relation too ("Oracle's 4.5GW" read as its
    # capex): the pair, value and year decide
    return _home(rows, lambda r: [g for g in index.near(min(r.parties), r)
                                  if all(contexts[r.article_id].names(p)
                                         for p in g.parties - r.parties)], relation=False)


def _home_no_party(rows: list[Report], groups: list[Group],
                   contexts: dict[str, ArticleContext]) -> list[Report]:
    """Adds each row to the one fact it can only be a report of: a pair's fact that its
    article's claims report (of its config.ARTICLE_PAIRS most reported pairs), or a fact of
    its own story; returns the rows left."""
    by_pair = _Index([g for g in groups if len(g.parties) == 2], lambda g: [g.parties])
    by_story = _Index(groups, lambda g: g.stories)
    return _home(rows, lambda r: by_story.near(r.story, r) + [
        g for pair in contexts[r.article_id].pairs() for g in by_pair.near(pair, r)])


def _home(rows: list[Report], candidates: Callable[[Report], list[Group]],
          relation: bool = True) -> list[Report]:
    left = []
    for r in rows:
        found = {id(g): g for g in candidates(r) if g.accepts(r, relation)}
        home = _choose(list(found.values()), r)
        if home is None:
            left.append(r)
        else:
            home.add(r)
    return left


def _choose(candidates: list[Group], r: Report) -> Group | None:
    """The only candidate; of several, the only one its article, else its story, reports."""
    for narrowed in (candidates, [g for g in candidates if r.article_id in g.articles],
                     [g for g in candidates if r.story in g.stories]):
        if len(narrowed) == 1:
            return narrowed[0]
    return None
