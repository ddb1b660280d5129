"""Find figures in a text: the rules of patterns/figures.jsonl, then context checks.

Plain functions over a text (and, for counted nouns, its spaCy tokens); the spaCy component in
annotate.py only calls find_figures().
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

from .. import config
from ..records import Figure
from ..tokens import TokenIndex
from .chips import Chips, ChipVocabulary
from .lexicon import HYPHEN, SPACE, Lexicon, alternation, get_lexicon, word_alternation
from .normalise import canon, normalise_match, parse_number, scale_of

# spaCy entity labels that make a number part of a date or a name, not a quantity.
DATE_LABELS = {"DATE", "TIME", "ORDINAL"}
QUANTITY_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
NOUN_WALK_LIMIT = 8  # tokens between a number and the noun it counts
SMALL_WORD_NUMBER = 10  # "the two companies": word numbers up to this need a concrete noun
BLOCKER_REACH = 60  # characters before a range in which a change word blocks it
FROM_BEFORE = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)
RANKS = {"top", "bottom"}
BY_BEFORE = re.compile(r"(?<![\w-])by\s+$", re.IGNORECASE)
LAST_WORD = re.compile(r"(?<![\w'’-])[\w'’-]+[^\S\n]*$")  # the word right before, if any
WORD_JOINT = re.compile(r"(?<![^\W\d_])(?:to|or)(?![^\W\d_])", re.IGNORECASE)
# A minus sign or "minus" right before a figure ("-15€", "minus 5%"); not a range's dash
# ("5-10%"), nor a tolerance ("plus or minus $500 million", "+/- 5%").
NEGATIVE_BEFORE = re.compile(
    r"(?:(?<![\w.,/+\u2010-\u2014\u2212-])[-\u2212]|(?<!\w)(?<!plus or )(?<!plus/)minus\s+)$",
    re.IGNORECASE)
SIGNED_METRICS = ("money", "percent")
# The gap before a conversion, " (" in "$3 billion (440 billion yen)". This and OF_PHRASE never
# start inside a run of blanks: a search over a long run stays linear.
CONVERSION_GAP = re.compile(r"(?<![^\S\n])[^\S\n]*[(\[][^\S\n]*")
GROUPED = re.compile(r"\d[,\s]\d{3}")  # a number written in thousands: "150,000", "2 500"
# Tags the walk from a number to its noun passes: possessive 's, participles, "most"/"more".
PASSED_TAGS = ("POS", "VBN", "VBG", "RBS", "RBR")
DETERMINER_TAGS = ("DT", "PRP$", "WP$")
HYPHENATED = re.compile(rf"\w{HYPHEN}\w")
# What "units" are units of: "10,000 units of the H100 GPU".
OF_PHRASE = re.compile(r"(?<![^\S\n])[^\S\n]+of[^\S\n]+(?P<phrase>[^.;:()\n]{1,50})")
IMPLIED_GAP = 80  # characters between a money figure and a bare amount that borrows its currency
KEPT_SPANS = "kept_spans"  # doc.user_data key: the spans of a masked text left for the model
SOURCE_TEXT = "source_text"  # doc.user_data key: the text before masking (what blanks hid)
HYPHENS = ("-", "\u2010", "\u2011")
QUOTES = ("\"", "'", "\u201c", "\u201d", "\u2018", "\u2019")
MULTIPLY = ("x", "\u00d7")  # "350,000 x NVIDIA H100 GPUs"
YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
RATE = re.compile(r"(?<!\s)\s+(?:per|for\s+every|in\s+every|a|an)\s+"
                  r"(?:\d|head|capita|person|100\b|second|minute|hour)")
CITATION_BEFORE = re.compile(r"\[[\d,;\s\u2013-]*$")
START, END = attrgetter("start"), attrgetter("end")


@dataclass(frozen=True)
class Rule:
    id: str
    metric: str
    regex: re.Pattern
    vague: bool = False
    noun_phrase: bool = False
    needs_qualifier: bool = False
    elliptical: bool = False


class FigureRules:
    """Every rule and context table of one patterns folder, compiled once."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.rules = [
            Rule(
                id=r["id"],
                metric=r["metric"],
                # A figure does not start right after "737-": that is a model number.
                regex=re.compile(rf"(?<!\d{HYPHEN})" + lex.expand(r["pattern"]) + r"(?!\w)",
                                 re.IGNORECASE),
                vague=r.get("vague", False),
                noun_phrase=r.get("noun_phrase", False),
                needs_qualifier=r.get("needs_qualifier", False),
                elliptical=r.get("elliptical", False),
            )
            for r in lex.rules
        ]
        q = lex.qualifiers
        fillers = alternation(q["fillers"])
        self.prefix = re.compile(
            rf"(?<![\w$€£¥~])(?P<q>{alternation(q['prefix'])})(?:{SPACE}+{fillers})?{SPACE}*$",
            re.IGNORECASE,
        )
        self.prefix_table = {canon(k): v for k, v in q["prefix"].items()}
        suffixes = [
            re.escape(s).replace(r"\ ", SPACE + "+").replace(r"\-", HYPHEN) for s in q["suffix"]
        ]
        self.suffix = re.compile(rf"^(?:{'|'.join(suffixes)})(?!\w)", re.IGNORECASE)
        self.suffix_table = {canon(k): v for k, v in q["suffix"].items()}
        # A change word right before a range, or before its "by": "rose (by) 5 to 10%".
        self.range_blockers = re.compile(
            rf"(?<!\w){word_alternation(q['range_blockers'])}(?:{SPACE}+by)?{SPACE}+$",
            re.IGNORECASE)
        self.range_cues = {canon(w) for w in q["range_cues"]}
        n = lex.nouns
        self.chips = ChipVocabulary(n)
        self.ordinals = {canon(w) for w in n["ordinals_before_fraction"]}
        self.unit_nouns = {canon(w) for w in n["unit_nouns"]}
        self.scale_words = {canon(w) for w in lex.numbers["scale_words"]}
        self.starts = _start_regex(lex)
        self.collective = {canon(w) for w in n["collective_nouns"]}
        self.denominators = {canon(w) for w in n["denominator_words"]}
        self.never_counted = {canon(w) for w in n["never_counted"]}
        self.generic_nouns = {canon(w) for w in n["generic_nouns"]}
        self.definite = {canon(w) for w in n["definite_determiners"]}
        self.stake_after = re.compile(
            rf"^(?:(?:{SPACE}+[\w-]+){{0,2}}?{SPACE}+{word_alternation(n['stake_after'])}"
            rf"|{SPACE}+of{SPACE}+(?:(?:the|its|their){SPACE}+)?{alternation(n['stake_of'])}"
            r"(?!['’]s|\w))",  # "a 10% stake", "10% of the company" (not "of the company's")
            re.IGNORECASE,
        )
        self.stake_before = re.compile(
            rf"(?<!\w)(?:{word_alternation(n['stake_before'])}{SPACE}+(?:an?{SPACE}+)?"
            rf"|{word_alternation(n['stake_nouns_before'])}(?!{SPACE}+rates?(?!\w))"
            rf"[^.;:]{{0,50}}?(?<!\w)"
            rf"(?:to|from|at|of|by){SPACE}+)$",
            re.IGNORECASE,
        )


_RULES: dict[str, FigureRules] = {}


def get_rules(patterns_dir: str | None = None) -> FigureRules:
    key = patterns_dir or str(config.PATTERNS_DIR)
    if key not in _RULES:
        _RULES[key] = FigureRules(get_lexicon(patterns_dir))
    return _RULES[key]


def find_figures(text: str, doc=None, rules: FigureRules | None = None) -> list[Figure]:
    """Every figure in `text`, in text order, without overlaps.

    `doc` is the spaCy Doc of the same text; without it counted nouns ("four buildings") are
    not looked for, since they need part-of-speech tags.
    """
    rules = rules or get_rules()
    taken: list[Figure] = []
    # A masked Doc (annotate.masked_doc) says which spans of the text are the article's own;
    # a rule matching across a blanked stretch would join words that are not next to each other.
    kept = doc.user_data.get(KEPT_SPANS) if doc is not None else None
    # Pattern figures first, longest first; counted nouns only where no pattern figure stands.
    # The longest match wins before bounding words are taken in: "below $30-40 B" is the range,
    # not "below $30".
    starts = candidate_starts(text, rules)
    candidates = [f for rule in rules.rules if not rule.noun_phrase
                  for f in _pattern_figures(text, rule, rules, starts)]
    _take_longest([f for f in candidates if _unmasked(f, kept)], taken)
    if doc is not None:
        index = TokenIndex.of(doc)
        source = doc.user_data.get(SOURCE_TEXT, text)
        money = sorted((f for f in taken if f.metric == "money" and not f.vague), key=START)
        candidates = [f for rule in rules.rules if rule.noun_phrase
                      for f in _counted_figures(text, source, rule, rules, index, money, starts)]
        _take_longest([f for f in candidates if _unmasked(f, kept)], taken)
    return _finished(text, sorted(taken, key=lambda f: f.start), rules)


def _finished(text: str, figures: list[Figure], rules: FigureRules) -> list[Figure]:
    """Bounding words, signs and stakes of figures in text order; a figure's bounding words
    never reach into the figure before it, and a conversion in brackets right after a figure
    takes its bound ("more than 3 billion US dollars (2.8 billion euros)")."""
    previous = None
    for fig in figures:
        previous_end = previous.end if previous else 0
        _qualify(text, fig, rules, previous_end)
        if (fig.qualifier == "exact" and previous is not None and fig.metric == previous.metric
                and CONVERSION_GAP.fullmatch(text, previous_end, fig.start)):
            fig.qualifier = previous.qualifier  # "nearly $3 billion (440 billion yen)"
        _sign(text, fig, previous_end)
        if fig.metric == "percent" and _is_stake(text, fig, rules):
            fig.metric = "stake"
        fig.surface = text[fig.start:fig.end]
        previous = fig
    return figures


def _unmasked(fig: Figure, kept: list[tuple[int, int]] | None) -> bool:
    """The figure stands in kept text only (one kept span, or adjacent ones), or nothing was
    masked."""
    if kept is None:
        return True
    i = bisect_right(kept, (fig.start, float("inf"))) - 1
    if i < 0:
        return False
    reach = kept[i][1]
    while reach < fig.end and i + 1 < len(kept) and kept[i + 1][0] == reach:
        i += 1
        reach = kept[i][1]
    return fig.end <= reach


def _take_longest(candidates: list[Figure], taken: list[Figure]) -> None:
    """Add to `taken` the longest candidates that overlap nothing taken. `taken` never
    overlaps itself, so a sorted list of its spans answers each test by bisection."""
    spans = sorted((t.start, t.end) for t in taken)
    for fig in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        i = bisect_left(spans, (fig.start, fig.end))
        if (i == 0 or spans[i - 1][1] <= fig.start) and (i == len(spans)
                                                          or fig.end <= spans[i][0]):
            spans.insert(i, (fig.start, fig.end))
            taken.append(fig)


def _matches(rule: Rule, text: str, starts: list[int]):
    """The rule's matches beginning at the candidate starts (every other place is quickly
    ruled out this way, instead of trying the regex at every character)."""
    for start in starts:
        match = rule.regex.match(text, start)
        if match:
            yield match


def _pattern_figures(text: str, rule: Rule, rules: FigureRules, starts: list[int]):
    for match in _matches(rule, text, starts):
        if "\n\n" in match.group(0) or _blank_line(match.group(0)):
            continue
        norm = normalise_match(match.groupdict(), rule.metric, rules.lex)
        if norm is None or _names_a_period(text, match, rules):
            continue
        is_range = norm["value_high"] is not None
        if is_range and (_is_change(text, match, rules) or _year_before(match)
                         or _change_then_level(text, match, norm)):
            continue  # "rose from 5% to 10%" is a change, not a range
        if rule.needs_qualifier and not _has_qualifier(text, match, rules):
            continue  # "half" alone is not a figure; "more than half" is
        fig = Figure(start=match.start(), end=match.end(), surface=match.group(0),
                     rule_id=rule.id, vague=rule.vague or norm["vague"],
                     **{k: norm[k] for k in ("metric", "value", "value_high", "unit")})
        fig.qualifier = "range" if is_range else ("at_least" if fig.vague else "exact")
        if match.groupdict().get("or_more"):  # "60 or more kW"
            fig.qualifier = rules.suffix_table[canon(match.group("or_more"))]
        yield fig


def _is_change(text: str, match, rules: FigureRules) -> bool:
    """A range written with "to" or "or" may be two figures: alternatives, when "or" follows a
    low end with its own unit ("5% or 10%"; "5 or 6 GW" is a range); a change, after a change
    word ("grew 4 to 5 million", "rose by 5 to 10%"), or after "from" that follows a word other
    than a range cue ("adjusted the target from US$117 to US$160"; but "ranging from $5bn to
    $7bn" and a bare "from $5bn to $7bn" are ranges). One written with a dash never is ("cut by
    20-30%"). Only a short window before the range is read: from the start of the text it cost
    a scan of the whole text for every range."""
    joint, word = _joint(text, match)
    if not word:
        return False
    if canon(word.group(0)) == "or" and joint[:word.start()].strip():
        return True
    window = text[max(0, match.start() - BLOCKER_REACH):match.start()]
    after_from = FROM_BEFORE.search(window)
    if after_from:
        before = LAST_WORD.search(window, 0, after_from.start())
        return before is not None and canon(before.group(0)) not in rules.range_cues
    return bool(rules.range_blockers.search(window))


def _joint(text: str, match):
    """What stands between a range's two numbers, and its word ("to", "or"), if any."""
    joint = text[match.end("num1"):match.start("num")]
    return joint, WORD_JOINT.search(joint)


def _change_then_level(text: str, match, norm: dict) -> bool:
    """After "by", a low end in its own unit and a high end more than twice it are a change and
    the level it reaches ("raised its plan by $10 billion to $60 billion"); not "cut its profits
    by $3.8m to $4.9m", nor "reduce it by 65 to 70 pct", ranges."""
    joint, word = _joint(text, match)
    return bool(word and canon(word.group(0)) == "to" and joint[:word.start()].strip()
                and norm["value_high"] > 2 * norm["value"]
                and BY_BEFORE.search(text, max(0, match.start() - 10), match.start()))


def _year_before(match) -> bool:
    """The low end of a range is a year, the high end a scaled amount: "fell in calendar 1986
    to 15.995 billion dlrs" is a date and a figure."""
    groups = match.groupdict()
    return bool(groups.get("scale") and YEAR.fullmatch(groups.get("num1") or "")
                and not groups.get("scale1") and not groups.get("cur1"))


def _has_qualifier(text: str, match, rules: FigureRules) -> bool:
    return bool(rules.prefix.search(text, max(0, match.start() - 60), match.start())
                or rules.suffix.match(text[match.end():match.end() + 20]))


def _names_a_period(text: str, match, rules: FigureRules) -> bool:
    """A fraction word right after an ordinal names part of a period, not a share or a
    multiplier: "the first quarter of 2025", "a first-half billion-dollar loss"."""
    groups = match.groupdict()
    first = groups.get("frac") or groups.get("num1") or groups.get("num") or ""
    return (canon(first).replace("-", " ") in rules.lex.multipliers
            and _word_before(text, match.start()) in rules.ordinals)


def _word_before(text: str, start: int) -> str:
    words = re.findall(r"[\w'-]+", text[max(0, start - 30):start])
    return canon(words[-1]) if words else ""


def _blank_line(surface: str) -> bool:
    return bool(re.search(r"\n[^\S\n]*\n", surface))


def _qualify(text: str, fig: Figure, rules: FigureRules, previous_end: int = 0) -> None:
    """Take a bounding word before or after the figure into its surface and qualifier."""
    if fig.qualifier == "range":
        return
    if "+" in fig.surface:
        fig.qualifier = "at_least"
    before = rules.prefix.search(text, max(0, previous_end, fig.start - 60), fig.start)
    if before:
        fig.qualifier = rules.prefix_table[canon(before.group("q"))]
        fig.start = before.start()
    after = rules.suffix.match(text[fig.end:fig.end + 20])
    if after:
        fig.qualifier = rules.suffix_table[canon(after.group(0))]
        fig.end += after.end()


def _sign(text: str, fig: Figure, previous_end: int) -> None:
    """A negative amount: "-15€", "minus 5%", or an amount of accounts in brackets, "($99.99)"
    (written without letters, so that "€1.7bn ($2bn)" and "€50 ($54)", a conversion right
    after another figure, stay positive)."""
    if fig.metric not in SIGNED_METRICS or fig.qualifier == "range":
        return
    minus = NEGATIVE_BEFORE.search(text, max(previous_end, fig.start - 8), fig.start)
    bracketed = (fig.metric == "money" and text[fig.start - 1:fig.start] == "("
                 and text[fig.end:fig.end + 1] == ")"
                 and not (previous_end and fig.start - previous_end <= 4)
                 and not re.search(r"[^\W\d_]", text[fig.start:fig.end]))
    if minus:
        fig.start = minus.start()
    elif bracketed:
        fig.start, fig.end = fig.start - 1, fig.end + 1
    if minus or bracketed:
        fig.value = -fig.value


def _is_stake(text: str, fig: Figure, rules: FigureRules) -> bool:
    return bool(rules.stake_after.match(text[fig.end:fig.end + 40])
                or rules.stake_before.search(text, max(0, fig.start - 80), fig.start))


def _counted_figures(text: str, source: str, rule: Rule, rules: FigureRules, index: TokenIndex,
                     money: list[Figure], starts: list[int]):
    """A number followed by the plural noun it counts: "150,000 Nvidia H100 GPUs". `source` is
    the text before masking, for what an elliptical number refers back to; `money` the money
    figures taken, not vague, by start (an elliptical amount may borrow their currency)."""
    for match in _matches(rule, text, starts):
        if _blank_line(match.group(0)):
            continue
        groups = match.groupdict()
        norm = normalise_match(groups, "count", rules.lex)
        if (norm is None or _names_a_period(text, match, rules)
                or not _plausible_count(text, match, groups, norm, index, rules)):
            continue
        is_range = norm["value_high"] is not None
        if is_range and _is_change(text, match, rules):
            continue  # "grew from 4 to 5 million users" is a change
        large = bool(groups.get("scale") or groups.get("vague") or GROUPED.search(groups["num"]))
        head = _counted_noun(index, match.end(), rules, large)
        if rule.elliptical:
            if head is None and _stands_alone(text, match, groups):
                fig = _elliptical(text, source, match, groups, norm["value"], rule, rules, index,
                                  money)
                if fig is not None:
                    yield fig
            continue
        if head is None:
            continue
        tokens, noun = head
        noun_key = canon(noun.text)
        if (noun_key in rules.never_counted or noun_key.rstrip("s") in rules.never_counted
                or noun_key in rules.lex.unit_table):
            continue  # "10^308 MW" too large for a power figure is no count of "MW" either
        small_word = (not groups.get("scale") and not groups.get("vague")
                      and not match.group(0)[0].isdigit() and norm["value"] <= SMALL_WORD_NUMBER)
        if small_word and (noun_key in rules.generic_nouns
                           or _after_determiner(index, match, rules)):
            continue
        if RATE.match(text, noun.idx + len(noun.text)):
            continue  # "7.5 connections per 100 people" is a rate
        metric, unit, item = _what_is_counted(text, match.start(), tokens, noun, rules)
        fig = Figure(start=match.start(), end=noun.idx + len(noun.text), surface="",
                     metric=metric, value=norm["value"], value_high=norm["value_high"],
                     unit=unit, item=item, vague=rule.vague,
                     qualifier="range" if is_range else "at_least" if rule.vague else "exact",
                     rule_id=rule.id if metric == "count" else rule.id.replace("count", "chips"))
        fig.surface = text[fig.start:fig.end]
        yield fig


def _plausible_count(text, match, groups, norm, index: TokenIndex, rules) -> bool:
    """Reject numbers that are years, times, versions, citations or parts of names."""
    if groups.get("vague"):
        return True
    raw = groups["num"]
    if raw.strip().lower() in ("one", "a", "an") and not groups.get("scale"):
        return False
    if YEAR.fullmatch(raw) and not groups.get("scale"):
        return False
    if CITATION_BEFORE.search(text, max(0, match.start() - 20), match.start()):
        return False
    token = index.containing(match.start())
    if token is None:
        return False
    if token.ent_type_ in DATE_LABELS and not groups.get("scale"):
        return False
    large = groups.get("scale") or "," in raw
    if token.ent_type_ and token.ent_type_ not in QUANTITY_LABELS and not large:
        return False  # part of a name: "Llama 3", "Section 230", "Three Gorges"
    if raw[0].isupper() and not raw[0].isdigit() and not token.is_sent_start:
        return False  # a capitalised number word inside a sentence names something
    prev = token.nbor(-1) if token.i > 0 else None
    if prev is not None and canon(prev.text) in rules.denominators:
        return False  # "7.5 connections per 100 people"
    if prev is not None and prev.lower_ in RANKS and prev.pos_ != "VERB" \
            and not groups.get("scale"):
        return False  # a ranking: "one of the top three AI powers"
    if (prev is not None and prev.pos_ == "PROPN" and not groups.get("scale")
            and norm["value"] < 100 and raw.isdigit()):
        return False  # "Claude 3 models", "Windows 11 devices"
    return True


def _after_determiner(index: TokenIndex, match, rules: FigureRules) -> bool:
    token = index.containing(match.start())
    prev = token.nbor(-1) if token is not None and token.i > 0 else None
    return prev is not None and canon(prev.text) in rules.definite


def _counted_noun(index: TokenIndex, end: int, rules: FigureRules, large: bool):
    """Walk from the number over modifiers to the plural noun it counts; None if there is none.

    A plural followed by a common noun may be a modifier ("data centers"), so the walk goes on
    and falls back to that plural if it finds no later one. It passes possessives, quotes and
    participles ("Nvidia's flagship Hopper chips", "specialized AI chips"), and after a large
    number "of" with a determiner ("60,000 of the chips") and "x" ("350,000 x H100 GPUs"). A chip
    noun glued on by a hyphen ("300,000-GPU") or a chip name right after a large number ("100k
    H100") is the counted noun too.
    """
    tokens, found = [], None
    first = token = index.at_or_after(end)
    while token is not None and len(tokens) < NOUN_WALK_LIMIT:
        key = canon(token.text)
        nxt = token.nbor(1) if token.i + 1 < len(index.doc) else None
        if not tokens and token.text in HYPHENS:
            glued = nxt is not None and rules.chips.of_head([], nxt.text) is not None
            return ([], nxt) if glued else None
        if not tokens and large and (key == "of" or key in MULTIPLY):
            pass
        elif tokens and (token.text in HYPHENS + QUOTES + ("/",) or token.pos_ == "CCONJ"
                         or token.tag_ in PASSED_TAGS):
            pass  # "high-performance chips", "business and political leaders"
        elif token.tag_ in PASSED_TAGS and HYPHENATED.search(token.text):
            pass  # "1,250 high-skilled jobs": a compound adjective the tagger calls a participle
        elif tokens and canon(tokens[-1].text) == "of" and token.tag_ in DETERMINER_TAGS:
            pass  # "of the", "of its" ("of them" has no noun: elliptical)
        elif _is_plural_noun(token, key, rules):
            found = (list(tokens), token)
            if nxt is None or (nxt.pos_ != "NOUN" and nxt.text not in HYPHENS):
                return found
        elif not (token.pos_ in ("ADJ", "NOUN", "PROPN") or rules.chips.is_modifier(token.text)):
            break
        tokens.append(token)
        token = nxt
    if found is None and large and first is not None and rules.chips.name(first.text):
        return [], first
    return found


def _is_plural_noun(token, key: str, rules: FigureRules) -> bool:
    if not any(c.isalpha() for c in key):
        return False  # the tagger may call a sign a plural noun: "^" in "10^308"
    return (rules.chips.is_plural(key) or token.tag_ in ("NNS", "NNPS")
            or key in rules.unit_nouns or key in rules.collective)


def _what_is_counted(text: str, start: int, tokens, noun, rules: FigureRules):
    """(metric, unit, item) of a counted noun: chips when the noun is a chip noun or name, or a
    unit ("units", "equivalents") of chips named in its "of" phrase or earlier in the sentence;
    chip rows take the unit of the chip vocabulary and the model named as item."""
    words = [t.text for t in tokens]
    end = noun.idx + len(noun.text)
    begin = tokens[0].idx if tokens else noun.idx
    phrase = rules.chips.phrase_unit(text, begin, end)  # "Tensor Processing Units"
    if phrase:
        chips = Chips(phrase, rules.chips.item(words))
    else:
        chips = rules.chips.of_head(words, noun.text)
    if chips is None and canon(noun.text) in rules.unit_nouns:
        window = text[max(0, start - config.REFERENT_CHARS):start]
        sentence = start - len(window) + max(window.rfind(". "), window.rfind("\n")) + 1
        of = OF_PHRASE.match(text, end)
        # "10,000 units of the H100 GPU", "10,000 H100 units", "1 million units" after a chip
        # named earlier in the sentence
        spans = ([of.span("phrase")] if of else []) + [(begin, noun.idx), (sentence, start)]
        chips = next(filter(None, (rules.chips.last_mention(text, a, b, by_name=True)
                                   for a, b in spans)), None)
    if chips is not None:
        return "chips", chips.unit, chips.item
    compounds = []
    for t in reversed(tokens):
        if t.i != noun.i - len(compounds) - 1 or t.pos_ != "NOUN":
            break
        compounds.insert(0, t.text)
    return "count", " ".join(compounds + [noun.text]), None


def _stands_alone(text: str, match, groups) -> bool:
    """A bare number that may be a figure on its own: with a scale, or grouped in thousands."""
    if groups["num"].strip().lower() in ("a", "an"):
        return False
    if re.match(rf"{HYPHEN}\w", text[match.end():match.end() + 2]):
        return False  # an adjective compound: "A Trillion-Dollar Tug-of-War"
    return bool(groups.get("scale")) or ("," in groups["num"] and "." not in groups["num"])


def _elliptical(text: str, source: str, match, groups, value: float, rule: Rule,
                rules: FigureRules, index: TokenIndex, money: list[Figure]) -> Figure | None:
    """A number whose noun or currency is left out. Near a money figure of the same sentence,
    with a scale, it is money in that currency ("$3bn, against 2.7bn a year earlier"); so is one
    in billions after a money figure of the same paragraph within config.REFERENT_CHARS
    ("...its $75 billion plan. Revenue rose 14% to 96.4bn"). After
    chips it is chips: the nearest plural noun before it in its sentence is a chip noun ("Meta
    173,000"), or it has none and chips are named in the same paragraph within
    config.REFERENT_CHARS before it, which takes in the sentence before ("It will deploy
    120,000 of them"). Otherwise it is a count of the nearest plural noun before it
    ("subscribers rose to 5.4 million"; unit null if none), if its scale is a word: "200m"
    alone is a race, not 200 million. `money`: the money figures taken, not vague, by start."""
    token = index.containing(match.start())
    sent = index.sentence(token)
    scale = groups.get("scale")
    billions = scale_of(scale, rules.lex) >= 1e9  # "to 96.4bn" after "$75 billion" before
    # Only the money figures that start in the sentence or end in the reach before the number
    # can meet the test below: found by bisection (they do not overlap, so ends are sorted too),
    # not by a scan of every money figure of the text for every number.
    nearby = money[bisect_left(money, sent.start_char, key=START):
                   bisect_left(money, sent.end_char, key=START)]
    if billions:
        nearby += money[bisect_left(money, match.start() - config.REFERENT_CHARS, key=END):
                        bisect_right(money, match.start(), key=END)]
    money = [f for f in nearby
             if (sent.start_char <= f.start < sent.end_char
                 and min(abs(f.end - match.start()), abs(match.end() - f.start)) <= IMPLIED_GAP)
             or (billions and 0 <= match.start() - f.end <= config.REFERENT_CHARS
                 and "\n\n" not in text[f.end:match.start()])]
    # a single letter apart from the number is a unit, not a scale: "278,000 t" are tonnes
    letter_apart = bool(scale) and len(scale) == 1 and match.start("scale") > match.end("num")
    if money and scale and not letter_apart:
        # of two as near, the longer, then the earlier: the order the figures were taken in
        nearest = min(money, key=lambda f: (abs(f.start - match.start()), f.start - f.end, f.start))
        return Figure(start=match.start(), end=match.end(), surface=match.group(0),
                      metric="money", value=value, unit=nearest.unit,
                      rule_id=rule.id.replace("count", "money"))
    referent = None
    for t in reversed(token.doc[sent.start:token.i]):
        if t.tag_ in ("NNS", "NNPS") and canon(t.text) not in rules.never_counted:
            referent = t
            break
    if referent is not None:
        end = referent.idx + len(referent.text)
        chips = (rules.chips.last_mention(text, sent.start_char, end)
                 if rules.chips.of_head([], referent.text) else None)
    else:
        begin = max(0, match.start() - config.REFERENT_CHARS)
        paragraph = source.rfind("\n\n", begin, match.start())
        begin = paragraph + 2 if paragraph >= 0 else begin
        chips = rules.chips.last_mention(source, begin, match.start())
    if chips is not None:
        return Figure(start=match.start(), end=match.end(), surface=match.group(0),
                      metric="chips", value=value, unit=chips.unit, item=chips.item,
                      rule_id=rule.id.replace("count", "chips"))
    if scale and canon(scale) not in rules.scale_words:
        return None
    return Figure(start=match.start(), end=match.end(), surface=match.group(0), metric="count",
                  value=value, unit=referent.text if referent is not None else None,
                  rule_id=rule.id)


WORDISH = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")


def _start_regex(lex: Lexicon) -> re.Pattern:
    """Where a figure may begin: the first digit of a run of digits, a currency sign, a decimal
    point before a digit, a word that begins a number, scale, fraction or vague phrase or a
    currency prefix ("US" of "US$"), 'between', 'a', 'half', ..., and words beginning 'multi'."""
    n, cur = lex.numbers, lex.currencies
    phrases = [*n["units"], *n["tens"], *n["scale_words"], *n["dozen"], *lex.multipliers,
               *n["vague_plurals"], *cur["prefix"], *cur["iso_codes"], *lex.units["power"],
               "between", "a", "an", "half", "several", "many", "hundred"]
    words = {w.lower() for p in phrases for w in WORDISH.findall(p)[:1] if w[0].isalpha()}
    signs = re.escape("".join(sorted({p[0] for p in cur["prefix"] if not p[0].isalnum()} | {"~"})))
    # The leading class lets re pass over blanks fast (masked text is mostly blanks).
    return re.compile(
        rf"(?=[\w.{signs}])(?:(?<!\d)\d|[{signs}]|\.(?=\d)"
        rf"|(?<![^\W\d_])(?:{alternation(words, False)}(?![^\W\d_])|multi))", re.IGNORECASE)


def candidate_starts(text: str, rules: FigureRules) -> list[int]:
    """Offsets where a figure may begin (see _start_regex): the rules are tried only there."""
    return [m.start() for m in rules.starts.finditer(text)]


# Not at a point between two digits, the decimal point of tokenized text: "1 . 6 billion".
# not before a number after an abbreviation that takes one ("ended Nov. 27", "No. 3")
_NUMBERED = "|".join(rf"(?<=\b{w}\.)" for w in (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos"))
SENTENCE_END = re.compile(
    rf"(?<=[.!?…])(?!(?<=\d\s\.)\s\d)(?!(?:{_NUMBERED})\s+\d)[\"'”’)\]]*\s+"
    r"(?=[\"'“‘(\[]*[A-Z0-9$€£])|\n")
# A word that may be the plural noun a number counts; not "is", "was", "its", nor time units.
# Words and the blanks or hyphens between them are disjoint classes, so there is one way to
# split a stretch into words: a word class that also took hyphens made a line of dashes
# backtrack for minutes (O(n^6) over a bounded repeat). Never starting inside a run of blanks
# keeps a search over such a run linear too.
PLURALISH = re.compile(
    r"(?<![\s-])(?:[\s-]+[\w'’]+){0,6}?[\s-]+(?:(?!(?:is|was|has|its|this|as|us|his|does|thus|plus|less|"
    r"across|always|perhaps|whereas|years|months|days|weeks|hours|minutes|seconds|times|"
    r"percent|points)\b)[A-Za-z]+s|people|children|men|women|staff|personnel|workforce|crew|"
    r"data|media|police|cattle|livestock|headcount)\b", re.IGNORECASE)


def _may_count(text: str, match) -> bool:
    """Cheap test that a bare number may count something (the model decides later)."""
    groups = match.groupdict()
    if groups.get("vague") or groups.get("scale") or "," in match.group(0):
        return True
    number = groups["num"].strip().lower()
    if number in ("a", "an", "one") or YEAR.fullmatch(number):
        return False
    return bool(PLURALISH.match(text, match.end()))


def figure_sentences(text: str, rules: FigureRules | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences that may hold a figure, found without the model: a pattern figure,
    or a number that may count something (a plural-looking word follows, or it has a scale or
    thousands). Only these need the model. A figure that runs on past a sentence break ("30.07\n
    billion N.Z. Dlrs": a wrapped line, an abbreviation's point) keeps the sentences it runs into."""
    rules = rules or get_rules()
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    kept = -1
    for start in candidate_starts(text, rules):
        i = bisect_left(bounds, start + 1) - 1
        if i <= kept:
            continue  # one figure keeps its sentence
        end = _figure_end(text, start, rules)
        if end is not None:
            last = max(i, bisect_left(bounds, end) - 1)
            spans += [(bounds[k], bounds[k + 1]) for k in range(i, last + 1)]
            kept = last
    return spans


def _figure_end(text: str, start: int, rules: FigureRules) -> int | None:
    """Where the longest figure a rule matches at `start` ends; None if no rule matches."""
    ends = []
    for rule in rules.rules:
        match = rule.regex.match(text, start)
        if match and (not rule.noun_phrase or _may_count(text, match)):
            ends.append(match.end())
    return max(ends, default=None)


def parse_figure(text: str) -> Figure | None:
    """The first figure in a short string, without the model: '$5bn' -> 5e9 USD."""
    figures = find_figures(text)
    return figures[0] if figures else None


__all__ = ["find_figures", "parse_figure", "get_rules", "parse_number"]
