"""Written numbers, magnitudes, currencies and units -> numbers. Plain functions, no model."""
from __future__ import annotations

import math
import re

from .lexicon import Lexicon

RATIO_MAX_DENOMINATOR = 1000  # "one in six", not "5 in 2024"
_BLANKS = re.compile(r"\s+")
_HYPHENS = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


def canon(text: str) -> str:
    """Lower case, one plain hyphen, one space: the form the tables are looked up in."""
    text = _INVISIBLE.sub("", text)
    return _BLANKS.sub(" ", _HYPHENS.sub("-", text)).strip().lower()


def parse_digits(text: str) -> float | None:
    """'150,000' -> 150000; '1.234,56' -> 1234.56; '5,99' -> 5.99; '1.234.567' -> 1234567."""
    text = text.rstrip("+").replace("\u00a0", " ").strip()
    mixed = re.fullmatch(r"(?:(\d+)[-\s])?(\d+)/(\d+)", text)  # "6-1/2", "3/8"
    if mixed:
        whole, num, den = mixed.groups()
        return int(whole or 0) + int(num) / int(den) if int(den) else None
    text = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", text):  # European: dots group, comma decimal
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", text):
        return float(text.replace(".", ""))
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def parse_words(text: str, lex: Lexicon) -> float | None:
    """'twenty-five' -> 25; 'one hundred and twenty' -> 120; 'a dozen' -> 12; 'half a' -> 0.5."""
    words = canon(text).replace("-", " ").split()
    if not words:
        return None
    joined = " ".join(words)
    dozen = {canon(k).replace("-", " "): v for k, v in lex.numbers["dozen"].items()}
    if joined in dozen:
        return float(dozen[joined])
    if joined in ("a", "an"):
        return 1.0
    if joined in ("half a", "half an"):
        return 0.5
    fraction = re.fullmatch(r"(.+) of an?", joined)  # "a quarter of a" (million)
    if fraction:
        percent = lex.numbers["fractions"].get(fraction.group(1).replace(" ", "-")) or \
            lex.numbers["fractions"].get(fraction.group(1))
        return percent / 100 if percent else None
    units, tens = lex.numbers["units"], lex.numbers["tens"]
    total, current = 0.0, 0.0
    for word in words:
        if word == "and":
            continue
        if word in units:
            current += units[word]
        elif word in tens:
            current += tens[word]
        elif word in lex.scales and word.isalpha() and len(word) > 2:
            scale = lex.scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
    return total + current


def parse_number(text: str, lex: Lexicon) -> float | None:
    """Any written number the grammar accepts, digits or words."""
    text = _INVISIBLE.sub("", text).strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        return parse_digits(text)
    return parse_words(text, lex)


def scale_of(text: str | None, lex: Lexicon) -> float:
    """'billion' / 'bn' / 'B' -> 1e9; no scale -> 1."""
    if not text:
        return 1.0
    return lex.scales.get(canon(text), 1.0)


def currency_of(text: str | None, lex: Lexicon) -> str | None:
    """A currency marker as written -> ISO code ('US$' -> USD, 'euros' -> EUR)."""
    if not text:
        return None
    key = canon(text)
    for table in ("prefix", "suffix", "adjective"):
        for marker, code in lex.currencies[table].items():
            if canon(marker) == key:
                return code
    return None


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value) and value >= 0


def normalise_match(groups: dict[str, str | None], metric: str, lex: Lexicon) -> dict | None:
    """Named groups of a rule's match -> value, value_high, unit, vague; None when not a figure.

    A range's low end borrows a missing scale, unit or currency from its high end
    ("$30-35 billion", "5 to 10 GW"); a range whose ends are not increasing is no range.
    """
    unit = currency = None
    multiplier = 1.0
    if groups.get("unit"):
        found = lex.unit_table.get(canon(groups["unit"]))
        if found is None:
            return None
        metric, unit, multiplier = found
    if metric == "money":
        currency = currency_of(groups.get("cur"), lex) or currency_of(groups.get("cur1"), lex)
        if canon(groups.get("cur") or "") in lex.needs_scale and not groups.get("scale"):
            return None  # "Halo 2 won", not 2 KRW
        subunit = groups.get("sub") or groups.get("subp")
        if subunit:
            currency, multiplier = lex.currencies["subunit"][canon(subunit)]
        unit = currency or lex.currencies["default"]
    elif metric == "percent":
        unit = "percent"

    if groups.get("vague"):
        value = lex.vague.get(canon(groups["vague"]))
        value = None if value is None else value * multiplier
        return {"metric": metric, "value": value, "value_high": None, "unit": unit,
                "vague": True} if _finite(value) else None
    if groups.get("frac"):
        value = float(lex.numbers["fractions"][canon(groups["frac"])])
        return {"metric": metric, "value": value, "value_high": None, "unit": unit, "vague": False}

    if groups.get("den"):  # "one in six" -> 16.7 percent
        part, whole = parse_number(groups["num"], lex), parse_number(groups["den"], lex)
        if part is None or not whole or not 0 < part < whole <= RATIO_MAX_DENOMINATOR:
            return None
        return {"metric": metric, "value": 100 * part / whole, "value_high": None,
                "unit": unit, "vague": False}
    number = parse_number(groups["num"], lex) if groups.get("num") else 1.0
    scale = scale_of(groups.get("scale"), lex)
    value = None if number is None else number * scale * multiplier
    if not _finite(value):
        return None
    value_high = None
    if groups.get("num1"):
        low = parse_number(groups["num1"], lex)
        low_scale = scale_of(groups.get("scale1"), lex) if groups.get("scale1") else scale
        low_mult = multiplier
        if groups.get("unit1"):
            found = lex.unit_table.get(canon(groups["unit1"]))
            low_mult = found[2] if found else multiplier
        low_value = None if low is None else low * low_scale * low_mult
        if not _finite(low_value) or low_value >= value:
            return None
        value, value_high = low_value, value
    return {"metric": metric, "value": value, "value_high": value_high, "unit": unit,
            "vague": False}
