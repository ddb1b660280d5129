"""Money in one currency: a money figure's value in US dollars at the ECB euro reference rates
of its article's date, from the rate history that the currencyconverter package ships (offline:
nothing is fetched at run time; how far the shipped data reaches is in the README).

A figure is valued at the rate of its article's publication date (else the run's date). The ECB
publishes on business days, so a weekend or holiday takes the last rate published before it;
a date outside the data (after its end, or before a currency's first quote) takes the nearest
date the data covers for that currency. `fx_date` always says which day's rate was used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

from .normalise import without_noise

BASE = "USD"
MAX_DAYS_BACK = 10  # the longest run of days without a rate (Easter, year end) is shorter


@dataclass(frozen=True)
class Usd:
    """A figure in US dollars: the value and high end converted, the rate and its date."""

    value: float | None = None
    value_high: float | None = None
    rate: float | None = None
    day: date | None = None


def usd_of(metric: str, currency: str | None, value: float, value_high: float | None,
           published: datetime | None) -> Usd:
    """The money figure in USD; empty for other metrics and for currencies the ECB does not
    quote (legacy ones such as DEM, or SAR, AED, TWD)."""
    if metric != "money" or not currency:
        return Usd()
    day = published.date() if published else datetime.now(timezone.utc).date()
    found = rate_on(currency, day)
    if found is None:
        return Usd()
    rate, used = found
    high = None if value_high is None else without_noise(value_high * rate)
    return Usd(without_noise(value * rate), high, rate, used)


@lru_cache(maxsize=65536)
def rate_on(currency: str, day: date) -> tuple[float, date] | None:
    """(US dollars per unit of `currency`, the ECB day of that rate) for `day`; None when the
    ECB does not quote the currency. Rates cross through the euro, as the ECB quotes them."""
    rates = _rates()
    if currency not in rates.currencies:
        return None
    covered = [rates.bounds[c] for c in (currency, BASE)]
    first = max(b.first_date for b in covered)
    last = min(b.last_date for b in covered)
    day = min(max(day, first), last)
    for back in range(MAX_DAYS_BACK):
        used = day - timedelta(days=back)
        if used < first:
            break
        try:  # a USD figure has rate 1, on a day the ECB quoted the dollar
            rate = rates.convert(1.0, "EUR" if currency == BASE else currency, BASE, used)
        except RateNotFoundError:
            continue
        return (1.0 if currency == BASE else rate), used
    return None


@lru_cache(maxsize=1)
def _rates():
    """The ECB history shipped in the package, loaded once per process (about a second)."""
    return CurrencyConverter()


def data_range() -> tuple[date, date]:
    """First and last day of the shipped rate history (for the README and the fingerprint)."""
    bounds = _rates().bounds[BASE]
    return bounds.first_date, bounds.last_date
