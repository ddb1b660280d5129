"""Property-based tests of the figure parser and normaliser (hypothesis)."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.figures.find import find_figures, parse_figure
from pipeline.figures.lexicon import get_lexicon
from pipeline.figures.normalise import parse_number

LEX = get_lexicon()
# Text that looks like news figures: digits, separators, currency signs, scale and unit words.
PIECES = st.sampled_from([
    " ", "  ", "\n", "$", "US$", "€", "£", "A$", "5", "12", "1.25", "150,000", "3+", "~", "%",
    " billion", "bn", "m", " million", " GW", "-gigawatt", " MW", " TWh", " percent", " to ",
    "–", "-", "between ", " and ", "up to ", "more than ", "about ", "a dozen", "twenty-five",
    " dollars", " euros", " cents", "p", "half", " of ", "one in ", "six", "GPT-4", "2023",
    "H100s", " chips", "\u200b", "\u00a0", ".", ",", "(", ")", "[1, 3]", "x",
])
NEWSY = st.lists(PIECES, max_size=30).map("".join)


def check(text):
    for fig in find_figures(text):
        assert text[fig.start:fig.end] == fig.surface
        assert math.isfinite(fig.value)
        assert fig.value >= 0 or fig.metric in ("money", "percent")  # "-$5", "minus 5%"
        if fig.value_high is not None:
            assert math.isfinite(fig.value_high) and fig.value_high > fig.value
        assert fig.metric in {"money", "power", "energy", "chips", "count", "stake", "percent"}
        assert fig.qualifier in {"exact", "at_least", "at_most", "approx", "range"}


@settings(max_examples=1500, deadline=None)
@given(st.text())
def test_any_string_never_raises(text):
    check(text)


@settings(max_examples=1500, deadline=None)
@given(NEWSY)
def test_newsy_strings_keep_the_invariants(text):
    check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NEWSY)
def test_with_the_model_nothing_raises(nlp, text):
    doc = nlp(text)
    for fig in doc._.figures:
        assert text[fig.start:fig.end] == fig.surface


SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """English words for 1..999 (the test's own formatter, independent of the parser)."""
    hundreds, rest = divmod(n, 100)
    out = [f"{SMALL[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, units = divmod(rest, 10)
        part = SMALL[rest] if rest < 20 else TENS[tens] + (f"-{SMALL[units]}" if units else "")
        out.append(("and " if hundreds else "") + part)
    return " ".join(out)


# (template, scale, thousands separator)
FORMS = [
    ("${v}", 1, True), ("$ {v}", 1, False), ("US${v}", 1, True), ("${v} billion", 1e9, False),
    ("${v}bn", 1e9, False), ("${v}B", 1e9, False), ("\u20ac{v}m", 1e6, False),
    ("\u00a3{v} million", 1e6, True), ("{v} billion dollars", 1e9, False),
    ("USD {v} million", 1e6, False), ("{v}%", 1, False), ("{v} percent", 1, False),
    ("{v} per cent", 1, False), ("{v} GW", 1e9, True), ("{v}-gigawatt", 1e9, False),
    ("{v} MW", 1e6, True), ("{v} megawatts", 1e6, True), ("{v} TWh", 1e12, False),
]


@settings(max_examples=1500, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(0, 2), st.sampled_from(FORMS))
def test_format_then_parse_gives_the_number_back(units, decimals, form):
    template, scale, grouped = form
    value = units / 10 ** decimals
    shown = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    text = template.format(v=shown)
    fig = parse_figure(f"It was {text} in all.")
    assert fig is not None, text
    assert math.isclose(fig.value, value * scale, rel_tol=1e-9), (text, fig)


@settings(max_examples=999, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_number_words_parse_back(n):
    assert parse_number(words(n), LEX) == n
    fig = parse_figure(f"It paid {words(n)} million dollars.")
    assert fig is not None and math.isclose(fig.value, n * 1e6), words(n)
