"""Written numbers, magnitudes, currencies and units -> numbers. Plain functions, no model."""
from __future__ import annotations

import math
import re

from .lexicon import Lexicon

RATIO_MAX_DENOMINATOR = 1000  # "one in six", not "5 in 2024"
_THOUSANDS = re.compile(r"[,\u00a0\u2009\u202f ]\d{3}(?!\d)")  # a group of "100,000" or "2 500"
_BLANKS = re.compile(r"\s+")
_HYPHENS = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
_GROUP_BLANKS = re.compile("[\u00a0\u2009\u202f]")  # "1 000 000" with any of them
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


def canon(text: str) -> str:
    """Lower case, one plain hyphen, one space: the form the tables are looked up in."""
    text = _INVISIBLE.sub("", text)
    return _BLANKS.sub(" ", _HYPHENS.sub("-", text)).strip().lower()


def parse_digits(text: str) -> float | None:
    """'150,000' -> 150000; '1.234,56' -> 1234.56; '5,99' -> 5.99; '1.234.567' -> 1234567."""
    text = _GROUP_BLANKS.sub(" ", text.rstrip("+")).strip()
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
    # "a quarter of a" (million), "half" (million), "quarter" (million)
    fraction = re.fullmatch(r"(.+?)(?: of an?)?", joined).group(1)
    if fraction in lex.multipliers:
        return lex.multipliers[fraction]
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
    """A currency marker as written -> ISO code ('US$' -> USD, 'c $' -> CAD, 'euros' -> EUR)."""
    if not text:
        return None
    return lex.currency_codes.get(canon(text).replace(" ", ""))


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
        if canon(groups.get("cur") or "") in lex.needs_scale and not groups.get("scale") \
                and not re.search(r"\d[,.]\d", groups.get("num") or ""):
            return None  # "Halo 2 won", not 2 KRW; but "128,700 won", "4.5 marks"
        subunit = groups.get("sub") or groups.get("subp")
        if subunit and not groups.get("cents"):
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
    if groups.get("cents") and value is not None:  # "3 dollars 50 cents", "$20 and 43 cents"
        cents = parse_number(groups["cents"], lex)
        value = value + cents / 100 if cents is not None and cents == int(cents) < 100 else None
        if not groups.get("sub") and canon(groups["cur"]).upper() == currency:
            return None  # "RMB 10 USD 20" is two amounts: a code is not followed by cents alone
    if not _finite(value):
        return None
    value_high = None
    if groups.get("num1"):
        low_value = _low_end(groups, value, scale, multiplier, lex)
        if low_value is None:
            return None
        value, value_high = low_value, value
    if groups.get("minus"):  # "$-99.99"
        value = -value
    return {"metric": metric, "value": without_noise(value),
            "value_high": without_noise(value_high), "unit": unit, "vague": False}


def without_noise(value: float | None) -> float | None:
    """The value as written, without binary noise: 16.4 million is 16400000, not
    16399999.999999998 (a number written with up to 15 significant digits keeps them all)."""
    return None if value is None else float(f"{value:.15g}")


def _low_end(groups: dict, high: float, scale: float, multiplier: float,
             lex: Lexicon) -> float | None:
    """A range's low end, below its high end, or None. Without a scale of its own it borrows
    the high end's ("$30-35 billion"); a short plain number borrows the thousands groups of the
    high end ("$50-100,000" is 50,000 to 100,000); a number that is whole on its own keeps its
    value ("between 750,000 and 2 million")."""
    written = groups["num1"].strip()
    low = parse_number(written, lex)
    if low is None:
        return None
    if groups.get("unit1"):
        found = lex.unit_table.get(canon(groups["unit1"]))
        multiplier = found[2] if found else multiplier
    if groups.get("scale1"):
        readings = [low * scale_of(groups["scale1"], lex)]
    else:
        readings = [low * scale]
        high_groups = len(_THOUSANDS.findall(groups["num"]))
        if high_groups and re.fullmatch(r"\d{1,3}", written):
            readings.insert(0, low * 1000 ** high_groups * scale)
        if low >= 1000 or not re.fullmatch(r"\d+", written):
            readings.append(low)
    for reading in readings:
        if _finite(reading * multiplier) and reading * multiplier < high:
            return reading * multiplier
    return None
