"""Money in US dollars at the ECB reference rate of the article's date (figures/fx.py)."""
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import pipeline
from pipeline.figures.fx import data_range, rate_on, usd_of

# ECB euro reference rates, as published: USD per EUR on 1 March 2024 (a Friday).
EUR_USD_2024_03_01 = 1.0813


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_the_issue_example_one_money_row_in_eur_valued_in_usd_that_day():
    claims = pipeline.extract_text("Mistral raised €2 billion", published_at="2024-03-01")
    assert len(claims) == 1
    row = claims.iloc[0]
    assert (row.metric, row.unit, row.value) == ("money", "EUR", 2e9)
    assert row.fx_rate == pytest.approx(EUR_USD_2024_03_01)
    assert row.value_usd == pytest.approx(2e9 * EUR_USD_2024_03_01)
    assert row.fx_date == date(2024, 3, 1)


def test_a_range_converts_both_ends_at_one_rate():
    usd = usd_of("money", "EUR", 2e9, 4e9, day("2024-03-01"))
    assert (usd.value, usd.value_high) == pytest.approx((2e9 * usd.rate, 4e9 * usd.rate))


def test_a_weekend_takes_the_last_rate_published_before_it():
    assert usd_of("money", "EUR", 1.0, None, day("2024-03-03")).day == date(2024, 3, 1)


def test_usd_has_rate_one_on_an_ecb_day():
    usd = usd_of("money", "USD", 5e9, None, day("2024-03-02"))
    assert (usd.value, usd.rate, usd.day) == (5e9, 1.0, date(2024, 3, 1))


def test_a_date_after_the_data_takes_its_last_day_and_no_date_the_runs_date():
    last = data_range()[1]
    assert usd_of("money", "GBP", 1.0, None, day("2099-01-01")).day == last
    today = datetime.now(timezone.utc).date()
    assert usd_of("money", "GBP", 1.0, None, None).day == rate_on("GBP", today)[1]


def test_a_currency_the_ecb_stopped_quoting_takes_its_last_quote():
    used = usd_of("money", "RUB", 1e9, None, day("2024-03-01")).day
    assert used < date(2024, 1, 1) and rate_on("RUB", used) is not None


def test_no_usd_for_other_metrics_or_currencies_the_ecb_does_not_quote():
    assert usd_of("power", "W", 5e9, None, day("2024-03-01")).value is None
    assert usd_of("money", "DEM", 5e6, None, day("1987-03-01")).value is None


def test_the_readme_says_how_far_the_shipped_rates_reach():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    first, last = data_range()
    assert f"{first.isoformat()} to {last.isoformat()}" in readme
