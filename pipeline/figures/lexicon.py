"""The tables under pipeline/patterns/, loaded once and turned into regex pieces.

Every rule and word list lives in those data files; this module only reads them and builds the
named regex fragments ({NUM}, {CUR_PRE}, ...) that the rules in figures.jsonl are written with.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .. import config

# Any hyphen or dash a news text uses between a number and its unit or between range ends.
HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014\u2212]"
# One blank: a space of any kind, or a single line break (wrapped text), never a paragraph break.
SPACE = r"(?:[^\S\n]|\n(?![^\S\n]*\n))"
# Combining marks: a number with one inside ("1\u20dd0") is not read at all, rather than in part.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Blanks that group thousands ("1 000 000", "2\u202f500 MW"): a space, no-break or thin space.
GROUP_SPACE = "[ \u00a0\u2009\u202f]"


def load_table(name: str, patterns_dir: Path | None = None) -> dict:
    return json.loads(((patterns_dir or config.PATTERNS_DIR) / name).read_text(encoding="utf-8"))


def alternation(words, flexible_space: bool = True, case_sensitive: bool = False) -> str:
    """Regex alternation of literal words that prefers the longest; inner spaces match any blank.
    For a regex compiled with re.IGNORECASE unless case_sensitive.

    Written as a trie ("bn|billion|bil" -> "b(?:n|il(?:lion)?)"): Python's re tries the branches
    of an alternation one by one, so a flat list of a hundred words costs a hundred tries at
    every place a rule is tried. At each letter the trie tries the longer words first, which is
    the longest-first order; words are lower-cased first, else "MW" and "megawatt" would part
    at "M"/"m" and the trie would not be longest-first under re.IGNORECASE.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            lower = char.lower()
            node = node.setdefault(char if case_sensitive or len(lower) > 1 else lower, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie, SPACE + "+" if flexible_space else r"\ ") + ")"


def _trie_regex(node: dict, space: str) -> str:
    branches = [(space if char == " " else re.escape(char)) + _trie_regex(child, space)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def word_alternation(words) -> str:
    """Like alternation(), but a word made of letters must not run on into more letters."""
    return alternation(words) + r"(?![^\W\d_])"


class Lexicon:
    """All tables of one patterns folder, with the regex fragments built from them."""

    def __init__(self, patterns_dir: Path | None = None):
        self.dir = patterns_dir or config.PATTERNS_DIR
        self.numbers = load_table("numbers.json", self.dir)
        self.currencies = load_table("currencies.json", self.dir)
        self.units = load_table("units.json", self.dir)
        self.qualifiers = load_table("qualifiers.json", self.dir)
        self.nouns = load_table("nouns.json", self.dir)
        self.rules = [
            json.loads(line)
            for line in (self.dir / "figures.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        self.scales = {k.lower(): float(v) for k, v in self.numbers["scale_words"].items()}
        self.scales.update({k.lower(): float(v) for k, v in self.numbers["scale_abbrev"].items()})
        self.vague = {k.lower(): float(v) for k, v in self.numbers["vague_plurals"].items()}
        # fraction words as multipliers of a scale, hyphens as blanks: "three quarters" -> 0.75
        self.multipliers = {re.sub(r"[\s-]+", " ", k.lower()): float(v) / 100
                            for table in ("fractions", "scale_fractions")
                            for k, v in self.numbers[table].items()}
        self.needs_scale = {w.lower() for w in self.currencies["needs_scale"]}
        # marker without blanks, lower case -> ISO code ("c $" and "C$" are one marker)
        self.currency_codes = {code.lower(): code for code in self.currencies["iso_codes"]}
        for table in ("adjective", "suffix", "prefix"):  # a prefix's reading wins
            self.currency_codes.update({re.sub(r"\s+", "", marker.lower()): code
                                        for marker, code in self.currencies[table].items()})
        self.unit_table = {
            unit.lower(): (metric, self.units["base"][metric], float(mult))
            for metric in ("power", "energy")
            for unit, mult in self.units[metric].items()
        }
        self.fragments = self._fragments()

    def _fragments(self) -> dict[str, str]:
        n = self.numbers
        small = word_alternation(list(n["units"]) + list(n["tens"]))
        scale_words = word_alternation(n["scale_words"])
        # "twenty-five", "one hundred and twenty-five"; larger scales follow as {SCALE} in the
        # rules. At most two more words: an unbounded repeat made every start in a run of number
        # words ("one two three ...") read to its end, quadratic in the run.
        word_number = (
            rf"{small}(?:{SPACE}+hundred(?:{SPACE}+and)?(?!\w))?"
            rf"(?:(?:{HYPHEN}|{SPACE}+){small}){{0,2}}"
        )
        # Indian grouping ("12,34,567.89") before the plain one, which would stop at "12,34".
        digits = (
            rf"(?:\d{{1,3}}(?:\.\d{{3}})+,\d+|\d{{1,2}}(?:,\d\d)+,\d{{3}}(?:\.\d+)?(?![\d,])"
            rf"|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}}){{2,}}"
            rf"|\d{{1,3}}(?:{GROUP_SPACE}\d{{3}})+(?:,\d{{1,2}})?(?![\d,]|{HYPHEN}[^\W\d_])"
            rf"|\d+,\d{{1,2}}(?![\d,])|\d+[-\s]\d/\d{{1,2}}|\d/\d{{1,2}}(?!\d)|\d+(?:\.\d+)?|\.\d+)"
            rf"(?![\d{MARKS}])\+?"
        )
        fractions = alternation(n["fractions"])
        power = alternation(self.units["power"]) + r"(?![^\W\d_])"
        energy = alternation(self.units["energy"]) + r"(?![^\W\d_])"
        # What "a", "half a", "a quarter of a", "half", "quarter" may count: "a billion", "half a
        # gigawatt", "half million", "quarter million".
        magnitude = rf"(?:{scale_words}|{power}|{energy})"
        multiplier = alternation([*n["fractions"], *n["scale_fractions"]])
        article = (rf"(?:(?:{fractions}(?:{SPACE}+|{HYPHEN})of(?:{SPACE}+|{HYPHEN}))?an?"
                   rf"|half(?:{SPACE}+|{HYPHEN})an?|{multiplier})"
                   rf"(?=(?:{SPACE}+|{HYPHEN}){magnitude})")
        dozen = word_alternation(n["dozen"])
        # The number itself; after a currency sign or code it may be glued on ("USD115").
        number_body = rf"(?:{digits}(?![:/]\d)|{dozen}|{article}|{word_number})"
        # Not glued to a word, a decimal point, a separator or a mark ("GPT-4", "v5.5", "#1",
        # "10:40", "10^308"); not the second group of "2 500" read in part, nor the decimals of
        # "32 . 99" or "7 3 / 4" in tokenized text; never "000" alone, nor anything right after
        # three digits and a blank ("245 23 yen" is no amount).
        after_group = "|".join(rf"(?<=(?<!\d)\d{{{k}}}{GROUP_SPACE})" for k in (1, 2))
        number = (rf"(?<![\w.,:/#^{MARKS}])(?<![^\W\d_]{HYPHEN})(?<!\d\s[.,/]\s)"
                  rf"(?<!(?<!\d)\d{{3}}{GROUP_SPACE})"
                  rf"(?!(?:{after_group})\d{{3}}(?!\d))(?!00+(?![.,]?\d)){number_body}")
        scale_abbrev = alternation(n["scale_abbrev"], flexible_space=False)
        # Scale after a number: a full word ("billion"), or an abbreviation glued on ("5bn").
        scale = rf"(?:{scale_words}|{scale_abbrev}(?![^\W\d_]))"
        cur = self.currencies
        # ISO codes in capitals only: "ALL" or "TOP" in prose are words, not currencies.
        iso = rf"(?-i:{alternation(cur['iso_codes'], False, case_sensitive=True)})"
        # Not after a letter or an apostrophe: "CoreWeave's $9 billion" is no "S $".
        prefixes = alternation(cur["prefix"], flexible_space=False)
        currency_prefix = rf"(?<![^\W\d_'’])(?:{prefixes}|{iso})"
        words = [k for k in cur["suffix"] if k[-1].isalpha() or k[-1] == "."]
        signs = [k for k in cur["suffix"] if k not in words]
        # A sign between two numbers is the first one's when the second has a sign or subunit
        # of its own ("10 $ 30 $", "10 $ 30 cents"), else the second one's ("1 $10 bills").
        subunits = word_alternation(k for k in cur["subunit"] if k != "p")
        sign_of_next = rf"{SPACE}?\d[\d.,]*(?![\d.,]|{SPACE}?(?:{alternation(signs)}|{subunits}))"
        currency_suffix = (rf"(?:{alternation(words)}|{iso}|{alternation(signs)}(?!{sign_of_next}))"
                           r"(?![^\W\d_])")
        vague = alternation(n["vague_plurals"]) + r"(?!\w)"
        return {
            "S": SPACE,
            "H": HYPHEN,
            "SEP": rf"(?:{SPACE}|{HYPHEN})?",
            "NUM": number,
            "NUM_GLUED": number_body,
            "SCALE": scale,
            "SCALE_WORD": scale_words,
            "CUR_PRE": currency_prefix,
            "CUR_POST": currency_suffix,
            "CUR_ADJ": word_alternation(cur["adjective"]),
            "SUBUNIT": subunits,
            "OR_MORE": rf"{SPACE}+or{SPACE}+(?:more|less)(?!\w)",
            "UNIT_SCALE": word_alternation(self.units["scale_nouns"]),
            "MAGNITUDE": magnitude,
            "POWER": power,
            "ENERGY": energy,
            "PCT": rf"(?:%|percent(?:age{SPACE}+points?)?(?!\w)|per{SPACE}*cent(?!\w)|pct(?!\w))",
            "FRACTION": word_alternation(n["fractions"]),
            "VAGUE_PL": vague,
            "VAGUE_MONEY": rf"(?:(?:tens|hundreds){SPACE}+of{SPACE}+)?(?:billions|trillions)(?!\w)",
            "MULTI": rf"(?:multi{HYPHEN}?|several{HYPHEN}|many{HYPHEN}|hundred{HYPHEN}|tens{HYPHEN}of{HYPHEN})",
            "DEAL_HEAD": word_alternation(self.nouns["deal_heads"]),
        }

    def expand(self, pattern: str) -> str:
        """Replace {NAME} by its fragment and {NAME:group} by a named group around it."""

        def sub(match: re.Match) -> str:
            name, _, group = match.group(1).partition(":")
            fragment = self.fragments[name]
            return f"(?P<{group}>{fragment})" if group else f"(?:{fragment})"

        return re.sub(r"\{([A-Z_]+(?::\w+)?)\}", sub, pattern)


@lru_cache(maxsize=4)
def get_lexicon(patterns_dir: str | None = None) -> Lexicon:
    return Lexicon(Path(patterns_dir) if patterns_dir else None)
