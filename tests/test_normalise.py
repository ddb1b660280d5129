import math

import pytest

from pipeline.figures.find import parse_figure
from pipeline.figures.lexicon import get_lexicon
from pipeline.figures.normalise import canon, currency_of, parse_number, scale_of

LEX = get_lexicon()

# written form -> (metric, value, value_high, unit, qualifier)
FORMS = [
    ("$5 billion", "money", 5e9, None, "USD", "exact"),
    ("$5B", "money", 5e9, None, "USD", "exact"),
    ("$5bn", "money", 5e9, None, "USD", "exact"),
    ("US$5bn", "money", 5e9, None, "USD", "exact"),
    ("USD 5 billion", "money", 5e9, None, "USD", "exact"),
    ("$ 7 billion", "money", 7e9, None, "USD", "exact"),
    ("€2bn", "money", 2e9, None, "EUR", "exact"),
    ("£500m", "money", 5e8, None, "GBP", "exact"),
    ("A$12 billion", "money", 12e9, None, "AUD", "exact"),
    ("five billion dollars", "money", 5e9, None, "USD", "exact"),
    ("$54K", "money", 54e3, None, "USD", "exact"),
    ("$229.98", "money", 229.98, None, "USD", "exact"),
    ("$1.25 billion", "money", 1.25e9, None, "USD", "exact"),
    ("twenty-five billion dollars", "money", 25e9, None, "USD", "exact"),
    ("one hundred and twenty million euros", "money", 120e6, None, "EUR", "exact"),
    ("half a billion dollars", "money", 5e8, None, "USD", "exact"),
    ("1.234,56 €", "money", 1234.56, None, "EUR", "exact"),
    ("£1.2bn", "money", 1.2e9, None, "GBP", "exact"),
    ("Rs 500 crore", "money", 5e9, None, "INR", "exact"),
    ("a $10-billion deal", "money", 10e9, None, "USD", "exact"),
    ("a 5-billion-dollar deal", "money", 5e9, None, "USD", "exact"),
    ("$5 billion-plus", "money", 5e9, None, "USD", "at_least"),
    ("5 gigawatts", "power", 5e9, None, "W", "exact"),
    ("1GW", "power", 1e9, None, "W", "exact"),
    ("a 3.5-gigawatt campus", "power", 3.5e9, None, "W", "exact"),
    ("a 3.5\u2011gigawatt campus", "power", 3.5e9, None, "W", "exact"),
    ("300 MW", "power", 3e8, None, "W", "exact"),
    ("two gigawatts (GW)", "power", 2e9, None, "W", "exact"),
    ("2GW+", "power", 2e9, None, "W", "at_least"),
    ("500 kW", "power", 5e5, None, "W", "exact"),
    ("20 TWh", "energy", 2e13, None, "Wh", "exact"),
    ("1.5 gigawatt-hours", "energy", 1.5e9, None, "Wh", "exact"),
    ("10%", "percent", 10, None, "percent", "exact"),
    ("10 percent", "percent", 10, None, "percent", "exact"),
    ("10 per cent", "percent", 10, None, "percent", "exact"),
    ("a 10% stake", "stake", 10, None, "percent", "exact"),
    ("could own as much as 9%", "stake", 9, None, "percent", "at_most"),
    ("more than half of sales", "percent", 50, None, "percent", "at_least"),
    ("5 to 10 GW", "power", 5e9, 10e9, "W", "range"),
    ("5\u201310 GW", "power", 5e9, 10e9, "W", "range"),
    ("$30\u201335 billion", "money", 30e9, 35e9, "USD", "range"),
    ("$30-35 billion", "money", 30e9, 35e9, "USD", "range"),
    ("between $40 billion and $55 billion", "money", 40e9, 55e9, "USD", "range"),
    ("\u20ac2 to \u20ac4 billion", "money", 2e9, 4e9, "EUR", "range"),
    ("between 5% and 7%", "percent", 5, 7, "percent", "range"),
    ("up to $4 billion", "money", 4e9, None, "USD", "at_most"),
    ("as much as $100 billion", "money", 1e11, None, "USD", "at_most"),
    ("more than $1bn", "money", 1e9, None, "USD", "at_least"),
    ("over $1bn", "money", 1e9, None, "USD", "at_least"),
    ("exceeds 1 gigawatt", "power", 1e9, None, "W", "at_least"),
    ("at least 10 gigawatts", "power", 1e10, None, "W", "at_least"),
    ("nearly $2bn", "money", 2e9, None, "USD", "approx"),
    ("about 5 GW", "power", 5e9, None, "W", "approx"),
    ("roughly 300 MW", "power", 3e8, None, "W", "approx"),
    ("~$5bn", "money", 5e9, None, "USD", "approx"),
    ("billions in capital", "money", 1e9, None, "USD", "at_least"),
    ("a multibillion-dollar cloud deal", "money", 1e9, None, "USD", "at_least"),
    ("tens of billions of dollars", "money", 1e10, None, "USD", "at_least"),
    ("hundreds of megawatts", "power", 1e8, None, "W", "at_least"),
]


@pytest.mark.parametrize("text,metric,value,high,unit,qualifier", FORMS)
def test_written_forms(text, metric, value, high, unit, qualifier):
    fig = parse_figure(text)
    assert fig is not None, text
    assert (fig.metric, fig.unit, fig.qualifier) == (metric, unit, qualifier)
    assert math.isclose(fig.value, value, rel_tol=1e-9)
    assert (fig.value_high is None) == (high is None)
    if high is not None:
        assert math.isclose(fig.value_high, high, rel_tol=1e-9)
    assert text[fig.start:fig.end] == fig.surface


@pytest.mark.parametrize("text", [
    "GPT-4", "in 2023", "Monday 15 June 2026 10:40", "TPU v5e", "Trainium2", "H100",
    "a trillion-dollar tug-of-war", "rose from 5% to 10% in a year",
])
def test_not_a_single_figure(text):
    figures = [f for f in [parse_figure(text)] if f]
    if text.startswith("rose"):  # a change: two figures, not one range
        assert figures[0].qualifier == "exact" and figures[0].value_high is None
    else:
        assert figures == []


@pytest.mark.parametrize("text,value", [
    ("150,000", 150000), ("1.5", 1.5), ("1.234.567", 1234567), ("1.234,56", 1234.56),
    ("5,99", 5.99), ("3+", 3), ("twenty-five", 25), ("one hundred and twenty", 120),
    ("a dozen", 12), ("half a", 0.5), ("ninety nine", 99), ("seventeen", 17),
])
def test_parse_number(text, value):
    assert parse_number(text, LEX) == pytest.approx(value)


def test_parse_number_refuses_words_it_does_not_know():
    assert parse_number("several", LEX) is None
    assert parse_number("", LEX) is None


@pytest.mark.parametrize("marker,code", [
    ("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("euros", "EUR"), ("£", "GBP"),
    ("pounds", "GBP"), ("A$", "AUD"), ("yen", "JPY"), ("Rs", "INR"), ("nothing", None),
])
def test_currency_of(marker, code):
    assert currency_of(marker, LEX) == code


@pytest.mark.parametrize("word,scale", [
    ("billion", 1e9), ("bn", 1e9), ("B", 1e9), ("m", 1e6), ("mln", 1e6), ("K", 1e3),
    ("trillion", 1e12), (None, 1.0),
])
def test_scale_of(word, scale):
    assert scale_of(word, LEX) == scale


def test_canon_folds_hyphens_blanks_and_invisible_characters():
    assert canon("Multi\u2011Billion\u00a0 Dollar\u200b") == "multi-billion dollar"
