"""When two reported values are the same figure, and when they disagree.

A value stands for the interval it is written with: "$14bn" for 13.5 to 14.5 billion (half a
unit of the last written digit, held between config.FACT_TOLERANCE_MIN and _MAX of the value),
"about $9bn" for config.FACT_TOLERANCE_APPROX around it, a range for its two ends. Two reports
give the same figure when one's value lies in the other's interval ("$14.2bn" and "$14bn"; not
"about $9bn" and "$10bn"), or, for ranges, when their intervals meet; a bound is read as its
value ("up to $4bn" is "$4bn", not "$1.25bn"). To disagree, intervals must not meet with bounds
read as open ("up to $4bn" does not contradict "$3bn").
"""
from __future__ import annotations

import math
from functools import lru_cache

from .. import config


@lru_cache(maxsize=1 << 16)  # values repeat: "$1 billion", "5%"
def tolerance(value: float, qualifier: str) -> float:
    """Relative half-width of the interval a written value stands for."""
    if qualifier == "approx":
        return config.FACT_TOLERANCE_APPROX
    if value <= 0 or not math.isfinite(value):
        return config.FACT_TOLERANCE_MIN
    digits = f"{value:.12e}".split("e")[0].replace(".", "").rstrip("0")  # significant digits
    last = math.floor(math.log10(value)) - len(digits) + 1  # power of ten of the last one
    half_unit = 0.5 * 10.0 ** last / value
    return min(max(half_unit, config.FACT_TOLERANCE_MIN), config.FACT_TOLERANCE_MAX)


def interval(value: float, high: float | None, qualifier: str,
             open_bounds: bool = False) -> tuple[float, float]:
    """The values a report allows; with open_bounds, "up to v" allows [0, v], "more than v"
    [v, inf)."""
    low_tol = tolerance(value, qualifier)
    if qualifier == "range" and high is not None:
        return value * (1 - low_tol), high * (1 + tolerance(high, qualifier))
    low, top = value * (1 - low_tol), value * (1 + low_tol)
    if open_bounds and qualifier == "at_most":
        return 0.0, top
    if open_bounds and qualifier == "at_least":
        return low, math.inf
    return low, top


def points(rows: list) -> list:
    """The reports that state a value ("$10 billion", "about $10 billion"), else all: bounds
    and ranges say less about what the figure is."""
    return [r for r in rows if r.qualifier in ("exact", "approx")] or rows


def meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def mode(values):
    """The most frequent value that is not None; of equally frequent ones, the first seen."""
    counts: dict = {}
    for v in values:
        if v is not None:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None
