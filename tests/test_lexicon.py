import re

from pipeline.figures.lexicon import SPACE, alternation, word_alternation


def matches(words, text, flags=re.IGNORECASE, **kw):
    return re.match(alternation(words, **kw), text, flags).group(0)


def test_alternation_prefers_the_longest_word():
    assert matches(["bn", "b", "billion", "bil"], "billions") == "billion"
    assert matches(["a", "an"], "an") == "an"
    # longest-first also when a longer word is needed for the rest of the regex to match
    assert re.match(alternation(["bil", "billion"]) + "s", "billions").group(0) == "billions"


def test_alternation_ignores_case_across_words_that_differ_only_in_case():
    assert matches(["MW", "megawatts", "Megawatt"], "MEGAWATTS") == "MEGAWATTS"
    assert matches(["US", "us dollars"], "US Dollars") == "US Dollars"


def test_case_sensitive_alternation_keeps_case():
    assert re.match(alternation(["H100", "h20"], case_sensitive=True), "h100") is None
    assert matches(["H100", "H1"], "H100", flags=0, case_sensitive=True) == "H100"


def test_inner_spaces_match_any_blank_unless_fixed():
    assert matches(["US dollars"], "US\u00a0\ndollars") == "US\u00a0\ndollars"
    assert re.match(alternation(["US dollars"], flexible_space=False), "US  dollars") is None
    assert SPACE in alternation(["a b"])


def test_word_alternation_does_not_run_into_letters():
    assert re.match(word_alternation(["bn"]), "bnx", re.IGNORECASE) is None
    assert re.match(word_alternation(["bn"]), "bn5", re.IGNORECASE)


def test_special_characters_are_literal():
    assert matches(["U.S.$", "US$"], "U.S.$5") == "U.S.$"
    assert re.match(alternation(["U.S.$"]), "UxSx$") is None
