import math

import pytest

from pipeline.figures.find import find_figures, parse_figure
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
    # ranges: one row, never a stray low end
    ("20-25 GW", "power", 20e9, 25e9, "W", "range"),
    ("2 to 3 gigawatts", "power", 2e9, 3e9, "W", "range"),
    ("5 or 6 GW", "power", 5e9, 6e9, "W", "range"),
    ("from $5bn to $7bn", "money", 5e9, 7e9, "USD", "range"),
    ("deals ranging from $5bn to $7bn", "money", 5e9, 7e9, "USD", "range"),
    ("the chips cost from $20,000 to $30,000 each", "money", 2e4, 3e4, "USD", "range"),
    ("between 10 and 20 dollars", "money", 10, 20, "USD", "range"),
    ("10 dollars to 20 dollars", "money", 10, 20, "USD", "range"),
    ("below $30-40 B.", "money", 30e9, 40e9, "USD", "range"),
    ("$50-100,000", "money", 5e4, 1e5, "USD", "range"),
    ("20-30%", "percent", 20, 30, "percent", "range"),
    ("10-15 per cent", "percent", 10, 15, "percent", "range"),
    ("energy use fell by 20-30%", "percent", 20, 30, "percent", "range"),
    ("60 or more kW", "power", 6e4, None, "W", "at_least"),
    # units: plurals and variants
    ("300 MWs", "power", 3e8, None, "W", "exact"),
    ("2 GWs", "power", 2e9, None, "W", "exact"),
    ("a 1GW+ campus", "power", 1e9, None, "W", "at_least"),
    ("a gigawatt-scale campus", "power", 1e9, None, "W", "at_least"),
    ("a multi-gigawatt campus", "power", 1e9, None, "W", "at_least"),
    ("20 terawatt-hours", "energy", 2e13, None, "Wh", "exact"),
    ("30 kW per rack", "power", 3e4, None, "W", "exact"),
    # currencies: prefixed dollars in any case and spacing, ISO codes anywhere, other signs
    ("C$5 million", "money", 5e6, None, "CAD", "exact"),
    ("CA$5 million", "money", 5e6, None, "CAD", "exact"),
    ("c $ 16.4 million", "money", 16.4e6, None, "CAD", "exact"),
    ("hk $ 10.05 billion", "money", 10.05e9, None, "HKD", "exact"),
    ("us $ 150 million", "money", 150e6, None, "USD", "exact"),
    ("u.s $ 100,000,000", "money", 1e8, None, "USD", "exact"),
    ("AU$12 billion", "money", 12e9, None, "AUD", "exact"),
    ("S$1 billion", "money", 1e9, None, "SGD", "exact"),
    ("NZ$3 billion", "money", 3e9, None, "NZD", "exact"),
    ("R$2 billion", "money", 2e9, None, "BRL", "exact"),
    ("a $10 billion deal", "money", 1e10, None, "USD", "exact"),
    ("CoreWeave's $9 billion offer", "money", 9e9, None, "USD", "exact"),
    ("USD115", "money", 115, None, "USD", "exact"),
    ("75 USD million", "money", 75e6, None, "USD", "exact"),
    ("EUR 3bn", "money", 3e9, None, "EUR", "exact"),
    ("2bn euros", "money", 2e9, None, "EUR", "exact"),
    ("usd$ 15", "money", 15, None, "USD", "exact"),
    ("42 KWD", "money", 42, None, "KWD", "exact"),
    ("a DEM 250 000 grant", "money", 250000, None, "DEM", "exact"),  # a legacy code
    ("\u20a41,500", "money", 1500, None, "GBP", "exact"),  # the lira sign written for pounds
    ("\u20b9500 crore", "money", 5e9, None, "INR", "exact"),
    ("\u20b95 lakh", "money", 5e5, None, "INR", "exact"),
    ("\u20b91.5 lakh crore", "money", 1.5e12, None, "INR", "exact"),
    ("\u20a95 trillion", "money", 5e12, None, "KRW", "exact"),
    ("\u20ba10 billion", "money", 1e10, None, "TRY", "exact"),
    ("\u20bd100 billion", "money", 1e11, None, "RUB", "exact"),
    ("CHF 5 million", "money", 5e6, None, "CHF", "exact"),
    ("SEK 10 billion", "money", 1e10, None, "SEK", "exact"),
    ("10 billion kronor", "money", 1e10, None, "SEK", "exact"),
    ("5 billion yuan", "money", 5e9, None, "CNY", "exact"),
    ("RMB 380 billion", "money", 380e9, None, "CNY", "exact"),
    ("10 billion renminbi", "money", 1e10, None, "CNY", "exact"),
    ("500 billion yen", "money", 5e11, None, "JPY", "exact"),
    ("350 mln N.Z. dlrs", "money", 350e6, None, "NZD", "exact"),
    ("10 $ is not much", "money", 10, None, "USD", "exact"),
    ("100\u5143", "money", 100, None, "CNY", "exact"),
    ("\uff045 billion", "money", 5e9, None, "USD", "exact"),
    ("\u00a3 8.10 million", "money", 8.1e6, None, "GBP", "exact"),
    # compound amounts, subunits, fractional multipliers, "-plus", negatives
    ("3 dollars 50 cents", "money", 3.5, None, "USD", "exact"),
    ("thirteen dollars and forty-five cents", "money", 13.45, None, "USD", "exact"),
    ("it cost thirteen dollars forty five.", "money", 13.45, None, "USD", "exact"),
    ("$20 and 43 cents", "money", 20.43, None, "USD", "exact"),
    ("a 12-cent dividend", "money", 0.12, None, "USD", "exact"),
    ("10\u00a2", "money", 0.1, None, "USD", "exact"),
    ("its one-yen bid", "money", 1, None, "JPY", "exact"),
    ("a quarter of a billion dollars", "money", 2.5e8, None, "USD", "exact"),
    ("three-quarters of a gigawatt", "power", 7.5e8, None, "W", "exact"),
    ("half a gigawatt", "power", 5e8, None, "W", "exact"),
    ("exceed half-a-trillion dollars", "money", 5e11, None, "USD", "at_least"),
    ("a $10 billion-plus deal", "money", 1e10, None, "USD", "at_least"),
    ("($99.99)", "money", -99.99, None, "USD", "exact"),
    ("minus 5%", "percent", -5, None, "percent", "exact"),
    ("-15\u20ac", "money", -15, None, "EUR", "exact"),
    # number and scale words; bounding words
    ("more than a gigawatt", "power", 1e9, None, "W", "at_least"),
    ("a gigawatt", "power", 1e9, None, "W", "exact"),
    ("near $830 B", "money", 830e9, None, "USD", "approx"),
    ("$2 bilion", "money", 2e9, None, "USD", "exact"),
    # thousands grouped by blanks
    ("1 000 000 dollars", "money", 1e6, None, "USD", "exact"),
    ("2 500 MW", "power", 2.5e9, None, "W", "exact"),
    ("2\u202f500 MW", "power", 2.5e9, None, "W", "exact"),
    ("3 250 000,50 \u20ac", "money", 3250000.5, None, "EUR", "exact"),
    # a number right after a short one is read ("40 20 dollar notes"), a thousands group is not
    ("she paid in 40 20 dollar notes", "money", 20, None, "USD", "exact"),
    # cents without a subunit word before a stop or "and"; Indian grouping; fraction multipliers
    ("paid c $ 20 and thirty.", "money", 20.3, None, "CAD", "exact"),
    ("it was one euro and five and no more", "money", 1.05, None, "EUR", "exact"),
    ("a loan of 3,45,678.50 rupees", "money", 345678.5, None, "INR", "exact"),
    ("a 1,00,000 rupee prize", "money", 1e5, None, "INR", "exact"),
    ("worth half million euros", "money", 5e5, None, "EUR", "exact"),
    ("priced at quarter billion pounds", "money", 2.5e8, None, "GBP", "exact"),
    ("raised three quarters billion dollars", "money", 7.5e8, None, "USD", "exact"),
    ("a quarter million dollars", "money", 2.5e5, None, "USD", "exact"),
    ("a loss of $-4.50", "money", -4.5, None, "USD", "exact"),
    ("paid with 4 dimes", "money", 0.4, None, "USD", "exact"),
    # bitcoin (no ISO code: BTC), the Tamil rupee sign
    ("miners held 1,200 bitcoins", "money", 1200, None, "BTC", "exact"),
    ("\u20bf5,000", "money", 5000, None, "BTC", "exact"),
    ("a reward of 3.125 BTC", "money", 3.125, None, "BTC", "exact"),
    ("a fee of 300 satoshis", "money", 3e-6, None, "BTC", "exact"),
    ("25,000 \u0bb0\u0bc2", "money", 25000, None, "LKR", "exact"),
    # a currency word that is also an English word, with a separator in its number
    ("shares closed at 128,700 won", "money", 128700, None, "KRW", "exact"),
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
    "the dollar rose against the euro", "$1\u20dd0 billion", "10^308 GW", "10 100-megawatt units",
    "1" + "0" * 308 + " MW",
    # pieces of tokenized numbers ("12 . 5 %", "45 , 000"), a lone "000", a weight in pounds
    "a 12 . 5 % rise", "notes of 6 1 / 8 %", "paid 45 , 000 euros", "cost 5, 000 dollars",
    "lot 512 48 euros",
    "a 20-pound bag of rice",
    # a fraction after an ordinal names a period: no quarter of a billion
    "its second quarter billion-dollar charge", "sales in the first half of 2025",
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


def test_a_change_with_from_is_two_figures_unless_a_range_word_leads():
    text = "It adjusted the target price of its shares from US$117 to US$160."
    found = find_figures(text)
    assert [(f.surface, f.value, f.value_high) for f in found] == [
        ("US$117", 117, None), ("US$160", 160, None)]


def test_or_between_two_whole_figures_gives_alternatives_not_a_range():
    assert [(f.value, f.value_high) for f in find_figures("It may cut 5% or 10% of staff.")] == [
        (5, None), (10, None)]


@pytest.mark.parametrize("text,amounts", [
    ("Tickets: 15 $ 25 $", [(15, "USD"), (25, "USD")]),  # a sign between: the first one's
    ("fares of 7 $ 45 cents", [(7.45, "USD")]),
    ("1 $20 bill", [(20, "USD")]),
    ("CNY 8 EUR 9", [(8, "CNY"), (9, "EUR")]),  # a code is not followed by bare cents
])
def test_amounts_next_to_each_other(text, amounts):
    assert [(f.value, f.unit) for f in find_figures(text)] == amounts


def test_a_conversion_in_brackets_is_not_negative():
    found = find_figures("It raised \u20ac50 ($54) and reported a loss of ($99.99).")
    assert [(f.surface, f.value) for f in found] == [
        ("\u20ac50", 50), ("$54", 54), ("($99.99)", -99.99)]


def test_a_range_after_by_is_a_change_and_its_level():
    found = find_figures("Microsoft raised its capital plan by $10 billion to $60 billion.")
    assert [(f.surface, f.value_high) for f in found] == [("$10 billion", None),
                                                          ("$60 billion", None)]
    # ... when its low end has a unit of its own and the level is more than twice the change
    found = find_figures("Our reforms should reduce licensing requirements by 65 to 70 pct.")
    assert [(f.value, f.value_high) for f in found] == [(65, 70)]
    found = find_figures("The move would cut its profits by $3.8m to $4.9m.")
    assert [(f.value, f.value_high) for f in found] == [(3.8e6, 4.9e6)]


def test_a_year_is_not_the_low_end_of_a_range():
    found = find_figures("Exports fell in calendar 1986 to 15.995 billion dlrs.")
    assert [(f.surface, f.value, f.value_high) for f in found] == [
        ("15.995 billion dlrs", 15.995e9, None)]


@pytest.mark.parametrize("text", [
    "Revenue of about $6.85 billion, plus or minus $500 million.",
    "Margins of 45%, +/- 2%.",
    "Margins of 45%, plus/minus 2%.",
])
def test_a_tolerance_is_not_negative(text):
    assert all(f.value > 0 for f in find_figures(text))


def test_a_conversion_in_brackets_takes_the_bound_of_the_figure_it_converts():
    found = find_figures("It put up more than 3 billion US dollars (2.8 billion euros).")
    assert [(f.unit, f.qualifier) for f in found] == [("USD", "at_least"), ("EUR", "at_least")]


def test_values_carry_no_binary_noise():
    assert parse_figure("$16.4 million").value == 16400000


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
