"""Reported values: the interval a written value stands for."""
import math

import pytest

from pipeline import config
from pipeline.facts.values import interval, meet, mode, tolerance


@pytest.mark.parametrize("value,expected", [
    (14e9, 0.5e9 / 14e9),          # "$14bn": half a billion either side
    (14.2e9, config.FACT_TOLERANCE_MIN),  # "$14.2bn": 0.35%, held at the minimum
    (1e11, config.FACT_TOLERANCE_MAX),    # "$100bn": one written digit, held at the maximum
    (4.5, 0.05 / 4.5),
])
def test_tolerance_is_half_a_unit_of_the_last_written_digit(value, expected):
    assert tolerance(value, "exact") == pytest.approx(expected)


def test_about_widens_the_interval():
    assert tolerance(9e9, "approx") == config.FACT_TOLERANCE_APPROX


def test_bounds_are_values_to_join_and_open_to_disagree():
    assert interval(4e9, None, "at_most") == pytest.approx((3.8e9, 4.2e9))  # 5% at most
    assert interval(4e9, None, "at_most", open_bounds=True)[0] == 0
    assert interval(4e9, None, "at_least", open_bounds=True)[1] == math.inf
    low, high = interval(2e10, 2.5e10, "range")
    assert low < 2e10 and high > 2.5e10
    assert meet((1, 2), (2, 3)) and not meet((1, 2), (2.5, 3))


def test_mode_is_the_most_frequent_then_the_first_seen():
    assert mode([None, "b", "a", "a"]) == "a"
    assert mode(["b", "a"]) == "b"
    assert mode([None]) is None
