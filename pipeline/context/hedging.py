"""How sure: hedge cues around a figure, and who the text attributes it to."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import config
from ..figures.lexicon import alternation
from ..figures.normalise import canon
from ..tokens import TokenIndex
from .periods import dated_base


CONTENT = {"ccomp", "xcomp", "dobj", "nsubjpass", "oprd"}  # what a verb says, expects, estimates


@dataclass(frozen=True)
class Cues:
    """hedges.json compiled once (its _about says what each list is for)."""

    sentence: re.Pattern
    scoped: re.Pattern
    reporting: set[str]
    analyst: re.Pattern
    phrase: frozenset[str]
    potential: re.Pattern
    governing: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> Cues:
    data = json.loads((config.PATTERNS_DIR / "hedges.json").read_text(encoding="utf-8"))
    exact = set(data["case_sensitive"])

    def compile_cues(cues):
        folded = [c for c in cues if c not in exact]
        kept = [c for c in cues if c in exact]
        parts = [f"(?i:{alternation(folded)})"]
        if kept:
            parts.append(alternation(kept, case_sensitive=True))
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")

    return Cues(compile_cues(data["sentence"]), compile_cues(data["scoped"]),
                verb_forms(data["reporting_verbs"], data["irregular_forms"]),
                re.compile(rf"(?i)(?<!\w){alternation(data['analyst_words'])}(?!\w)"),
                frozenset(data["phrase"]),
                re.compile(rf"(?i){alternation(data['potential'])}(?!\w)"),
                frozenset(data["governing"]))


def verb_forms(verbs: list[str], irregular: dict[str, list[str]]) -> set[str]:
    """say -> say, says, said, saying...: the forms a reporting verb takes, without a lemmatizer."""
    forms = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, verb + "s", verb + "es", stem + "ed", stem + "ing", *irregular.get(verb, [])}
        if verb.endswith("y"):
            forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return forms


def reporting_forms() -> set[str]:
    """Every form of the reporting verbs: "said", "tells", "announced"."""
    return _rules().reporting


def hedge_cues(sentence, fig, chain) -> list[str]:
    """Cues hedging a figure, in lower case: sentence-wide ones ("reportedly") anywhere in the
    sentence (a spaCy Span); scoped ones ("could", "plans to") before the figure (after it they
    hedge what follows: "Amazon invested $4 billion and could add more"), unless the figure
    stands in a description of an entity that the cue's verb governs ("would assure landlords
    that Google, valued at $2 trillion, ...") or is a dated value a change starts from; phrase
    ones, nouns that govern the figure on its `chain` of heads ("a $75 billion spending plan"),
    and governing verbs there ("..., the IEA forecast"); a potential's own qualifier."""
    rules = _rules()
    index = TokenIndex.of(sentence.doc)
    text = index.text_of(sentence)
    cues = list(_sentence_cues(text))
    grows_to = potential(fig)
    if grows_to:
        cues.append(grows_to)
    if not dated_base(sentence, fig):  # known: "expects 15% growth from $65.6 billion a year ago"
        for m in rules.scoped.finditer(text, 0, fig.start - sentence.start_char):
            cue = index.containing(sentence.start_char + m.start())
            if cue is None or not _described(cue, chain):
                cues.append(m.group(0))
        # a forecasting verb whose content holds the figure ("..., analysts estimate"; not "had
        # expected more" after "despite seeing profits rise 44%")
        cues += [t.lower_ for below, t in zip(chain, chain[1:]) if t.pos_ == "VERB"
                 and t.lower_ in rules.governing and below.dep_ in CONTENT
                 and not _described(t, chain)]
    cues += [t.lower_ for t in chain[1:] if t.pos_ == "NOUN" and t.lower_ in rules.phrase]
    return list(dict.fromkeys(canon(c) for c in cues))


def potential(fig) -> str | None:
    """The qualifier a figure starts with when it gives what a thing may grow to ("scalable to
    90MW"), else None."""
    m = _rules().potential.match(fig.surface)
    return m.group(0) if m else None


def _described(cue, chain) -> bool:
    """The figure is in a past participle or a relative clause describing an entity ("Google,
    valued at $2 trillion"), below the verb the cue belongs to: that description holds whatever
    the cue says of the verb."""
    verb = cue.head if cue.dep_ in ("aux", "advmod", "neg") else cue
    if verb not in chain:
        return False
    below = chain[:chain.index(verb)]
    return any((t.dep_ == "relcl" and t.tag_ != "VB") or (t.dep_ == "acl" and t.tag_ == "VBN")
               for t in below)  # an infinitive ("a deal to buy") is no description


@lru_cache(maxsize=256)
def _sentence_cues(sentence: str) -> tuple[str, ...]:
    """Sentence-wide cues, found once for all the figures of a sentence."""
    return tuple(m.group(0) for m in _rules().sentence.finditer(sentence))


def attribution_of(sentence, fig_start: int, chain) -> tuple[str, int, int, bool] | None:
    """(text, start, end, is_source_only) of the source a sentence credits: 'according to X', or
    the subject of a reporting verb ('..., says Sarah Krane, a senior analyst at Gartner'); the
    nearest to the figure when there are several. Pronouns alone are no attribution.
    is_source_only is False when the figure is the verb's own object ("Nvidia reported revenue
    of $35 billion"): then the source is also the actor."""
    verbs = _rules().reporting
    found = []
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                found.append((obj, None))
        elif token.pos_ == "VERB" and token.lower_ in verbs:
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                found.append((subj, token))
    if not found:
        return None
    best, verb = min(found, key=lambda f: abs(f[0].idx - fig_start))
    words = [t for t in best.subtree if not t.is_space]
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    below = next((t for t in chain if t.head.i == verb.i and t.i != verb.i), None) \
        if verb is not None else None
    own_object = below is not None and below.dep_ in ("dobj", "attr", "prep", "acomp", "dative")
    return TokenIndex.of(sentence.doc).text[start:end], start, end, not own_object


def observer(attribution: str) -> bool:
    """The attribution credits an analyst, a research firm or the like, not a party."""
    return bool(_rules().analyst.search(attribution))
