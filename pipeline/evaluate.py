"""Score claims against gold labels, by the rules of shared/gold/README.md.

Predictions are grouped by (article, metric, value); a group matches a gold row of the same
article and metric whose value is within 1%. Precision ignores groups that match only optional
rows; recall counts non-optional rows. Attributes are compared on matched rows where the gold
value or the prediction is non-empty. A negative is hit when a claim's span lies inside one of
its occurrences in the article text.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ATTRIBUTES = ("unit", "qualifier", "value_high", "subject", "counterparty", "when", "hedged")
TOLERANCE = 0.01


GOLD_KEYS = ("doc", "metric", "value")
NEGATIVE_KEYS = ("doc", "text")


class GoldError(ValueError):
    """A gold or negatives file that cannot be scored against, with the line at fault."""


def load_gold(path: Path, negatives: bool = False) -> list[dict]:
    """The rows of a gold (or negatives) JSONL file, each checked for the fields scoring needs."""
    keys = NEGATIVE_KEYS if negatives else GOLD_KEYS
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    raise GoldError(f"{path}, line {number}: not JSON ({exc})") from None
                missing = [k for k in keys if not isinstance(row, dict) or row.get(k) is None]
                if missing or not _usable(row, negatives):
                    raise GoldError(f"{path}, line {number}: needs {', '.join(keys)} "
                                    f"({'missing: ' + ', '.join(missing) if missing else 'bad value'})")
                rows.append(row)
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read ({exc})") from None
    return rows


def _usable(row: dict, negatives: bool) -> bool:
    if negatives:
        return isinstance(row["text"], str)
    return isinstance(row["value"], (int, float)) and not isinstance(row["value"], bool)


def default_negatives(gold: Path) -> Path | None:
    candidate = gold.with_name(gold.name.replace("gold", "negatives"))
    return candidate if candidate != gold and candidate.exists() else None


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def same(attr: str, gold, pred) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if attr == "value_high":
        return close(float(gold), float(pred))
    if isinstance(gold, bool) or isinstance(pred, bool):
        return bool(gold) == bool(pred)
    return str(gold).strip().casefold() == str(pred).strip().casefold()


def empty(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


@dataclass
class Report:
    tp_groups: int = 0
    fp_groups: list = field(default_factory=list)
    gold_total: int = 0
    missed: list = field(default_factory=list)
    attr_right: Counter = field(default_factory=Counter)
    attr_total: Counter = field(default_factory=Counter)
    negative_hits: list = field(default_factory=list)
    mismatches: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = self.tp_groups + len(self.fp_groups)
        return self.tp_groups / n if n else 1.0

    @property
    def recall(self) -> float:
        found = self.gold_total - len(self.missed)
        return found / self.gold_total if self.gold_total else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attr: str) -> float | None:
        total = self.attr_total[attr]
        return self.attr_right[attr] / total if total else None

    def text(self, details: bool = False) -> str:
        """Aggregates; with `details`, every false positive, miss, negative hit and attribute
        mismatch, one a line."""
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
            f"groups: {self.tp_groups} true, {len(self.fp_groups)} false; gold rows: "
            f"{self.gold_total - len(self.missed)}/{self.gold_total} found; "
            f"negatives hit: {len(self.negative_hits)}",
        ]
        for attr in ATTRIBUTES:
            acc = self.accuracy(attr)
            shown = f"{acc:.3f}" if acc is not None else "  -  "
            lines.append(f"  {attr:<13}{shown}  ({self.attr_right[attr]}/{self.attr_total[attr]})")
        if not details:
            if self.fp_groups or self.missed or self.mismatches or self.negative_hits:
                lines.append("(--details lists each miss, false positive and attribute mismatch)")
            return "\n".join(lines)
        for title, items in (("false positives", self.fp_groups), ("missed", self.missed),
                             ("negatives hit", self.negative_hits),
                             ("attribute mismatches (gold -> predicted)", self.mismatches)):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def mode(values):
    values = [v for v in values if not empty(v)]
    return Counter(values).most_common(1)[0][0] if values else None


def score(claims: pd.DataFrame, articles: pd.DataFrame, gold: list[dict],
          negatives: list[dict]) -> Report:
    report = Report()
    groups = defaultdict(list)
    for row in claims.to_dict("records"):
        groups[(row["article_id"], row["metric"], float(row["value"]))].append(row)
    gold_by_doc = defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc"]].append(g)
    matched_gold: dict[int, list] = {}
    for (doc, metric, value), rows in sorted(groups.items(), key=lambda kv: str(kv[0])):
        hits = [g for g in gold_by_doc[doc]
                if g["metric"] == metric and close(float(g["value"]), value)]
        required = [g for g in hits if not g.get("optional")]
        if required:
            report.tp_groups += 1
            for g in required:
                matched_gold.setdefault(id(g), rows)
        elif not hits:
            report.fp_groups.append(f"{doc}: {metric} {value:g} {rows[0]['surface']!r}")
    for g in gold:
        if g.get("optional"):
            continue
        report.gold_total += 1
        rows = matched_gold.get(id(g))
        if rows is None:
            report.missed.append(f"{g['doc']}: {g['metric']} {g['value']:g} {g.get('mentions', '')}")
            continue
        for attr in ATTRIBUTES:
            pred = mode(r.get(attr) for r in rows)
            truth = g.get(attr)
            if empty(truth) and empty(pred):
                continue
            report.attr_total[attr] += 1
            right = same(attr, None if empty(truth) else truth, pred)
            report.attr_right[attr] += right
            if not right:
                report.mismatches.append(f"{g['doc']}: {g['metric']} {g['value']:g} "
                                         f"{rows[0]['surface']!r}: {attr} {truth!r} -> {pred!r}")
    texts = dict(zip(articles["article_id"], articles["text"])) if "text" in articles else {}
    by_doc = defaultdict(list)
    for row in claims.to_dict("records"):
        by_doc[row["article_id"]].append(row)
    for neg in negatives:
        text = texts.get(neg["doc"]) or ""
        spans = []
        start = text.find(neg["text"])
        while start >= 0:
            spans.append((start, start + len(neg["text"])))
            start = text.find(neg["text"], start + 1)
        for row in by_doc[neg["doc"]]:
            inside = any(s <= row["char_start"] and row["char_end"] <= e for s, e in spans)
            if inside or (not spans and row["surface"] in neg["text"]):
                report.negative_hits.append(f"{neg['doc']}: {row['surface']!r} in {neg['text']!r}")
    return report
