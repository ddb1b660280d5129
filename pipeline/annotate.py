"""The spaCy stage: load the model once, add our components, run texts through it.

Speed: only the sentences that can hold a figure are given to the model (the others are
blanked out, offsets unchanged, see masked_doc()); the model's attribute_ruler and lemmatizer are
replaced by a tag -> POS table and lemmas computed only for the tokens the rules ask about.
"""
from __future__ import annotations

import json
import re

import numpy
import spacy
from spacy.attrs import (DEP, IDX, IS_ASCII, IS_SPACE, LIKE_NUM, LIKE_URL, LOWER, NORM, POS,
                         SENT_START, TAG)
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import StringStore
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import config
from .figures.find import KEPT_SPANS, SOURCE_TEXT, FigureRules, find_figures, get_rules

BASE_FORM_TAGS = {"NN", "NNP", "VB", "VBP", "JJ", "RB"}
SKIPPED_COMPONENTS = ("attribute_ruler", "lemmatizer")
URL_SCHEMES = ("http://", "https://")
SENTENCE_BREAKS = re.compile(r"(?<=\d)\s?(?:[BMKTbmk]|bn|mn|tn)\.\s+(?=[A-Z])"
                             r"|\]\s*(?:[-–—•]\s+)?(?=[A-Z])")

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)
if not Token.has_extension("lemma"):
    Token.set_extension("lemma", getter=lambda t: t.doc.user_data["lemma_of"](t))


class ModelError(RuntimeError):
    """The spaCy model cannot be loaded; the message says what to do."""


class FigureFinder:
    """Sets doc._.figures: every figure of the text (see figures.find.find_figures)."""

    def __init__(self, rules: FigureRules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = find_figures(doc.text, doc, self.rules)
        return doc


class TagToPos:
    """token.pos_ from the tagger's tag by a table; token._.lemma computed on demand."""

    def __init__(self, table: dict, lemmatizer):
        ids = StringStore()  # string -> its hash id, as in any vocabulary
        self.pos_of = {ids.add(tag): POS_IDS[pos] for tag, pos in table["tag_to_pos"].items()}
        self.x, self.verb, self.aux_pos = POS_IDS["X"], POS_IDS["VERB"], POS_IDS["AUX"]
        self.be = {ids.add(w) for w in table["be"]}
        self.aux = {ids.add(w) for w in table["auxiliary_when_attached"]}
        self.aux_deps = {ids.add("aux"), ids.add("auxpass")}
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        # On arrays of string ids: a loop over Token objects costs more than the tagger here.
        tag, lower, dep = doc.to_array([TAG, LOWER, DEP]).T.tolist()
        pos = [self.pos_of.get(t, self.x) for t in tag]
        for i in range(len(pos)):
            if pos[i] == self.verb and (lower[i] in self.be
                                        or (lower[i] in self.aux and dep[i] in self.aux_deps)):
                pos[i] = self.aux_pos
        doc.from_array([POS], numpy.asarray(pos, dtype=numpy.uint64).reshape(-1, 1))
        doc.user_data["lemma_of"] = self.lemma_of
        return doc

    def lemma_of(self, token: Token) -> str:
        key = (token.lower_, token.pos_)
        if token.tag_ in BASE_FORM_TAGS:  # what the attribute_ruler's morphology would say
            return token.lower_
        if key not in self.cache:
            found = self.lemmatizer.rule_lemmatize(token) if self.lemmatizer else None
            self.cache[key] = (found[0] if found else token.lower_).lower()
        return self.cache[key]


class SentenceBounds:
    """Sentence starts the parser keeps: after a line break or a run of blanks (a blanked-out
    stretch between two sentences the model reads), after an amount abbreviated with a point
    ("near $830 B. Anthropic said ..."), and after a citation marker that a capitalised word or
    a bullet follows ("... development [3] - This deal follows ..."). And where it may not
    start one: at a lower-case word after a single line break (a wrapped line) or a unit word
    after a number, which would cut a figure in two ("Shr 1.22 | dlrs")."""

    def __call__(self, doc: Doc) -> Doc:
        # set as one array: each Token.is_sent_start assignment scans the whole Doc (quadratic)
        sent_starts = doc.to_array(SENT_START).astype(numpy.int64)  # -1: no start
        space = doc.to_array(IS_SPACE).astype(bool)
        for i in numpy.flatnonzero(space[:-1] & ~space[1:]):  # a blank, then a word
            blank, word = doc[int(i)].text, doc[int(i) + 1].text
            if word[:1].islower() and blank.count("\n") < 2:
                # a wrapped line goes on ("2.7 mln\ndlrs, or 20 cts"), a paragraph does not
                # ("...\n\nxAI is also raising")
                sent_starts[i + 1] = -1
            elif "\n" in blank or len(blank) > 2:
                sent_starts[i + 1] = 1
        # a unit word after a number goes on its sentence ("1.22 dlrs", "195 MLN DLRS")
        number = doc.to_array(LIKE_NUM).astype(bool)
        for i in numpy.flatnonzero(number[:-1]):
            word = doc[int(i) + 1].text
            if sent_starts[i + 1] != 1 and word.isalpha() and (word.islower() or word.isupper()):
                sent_starts[i + 1] = -1
        starts = doc.to_array(IDX)
        for m in SENTENCE_BREAKS.finditer(doc.text):
            i = int(numpy.searchsorted(starts, m.end()))
            if i < len(doc) and starts[i] == m.end():
                sent_starts[i] = 1
        doc.from_array([SENT_START], sent_starts.astype(numpy.uint64))
        return doc


@Language.factory("sentence_bounds")
def make_sentence_bounds(nlp: Language, name: str) -> SentenceBounds:
    return SentenceBounds()


@Language.factory("figure_finder", default_config={"patterns_dir": None})
def make_figure_finder(nlp: Language, name: str, patterns_dir: str | None) -> FigureFinder:
    return FigureFinder(get_rules(patterns_dir))


@Language.factory("tag_to_pos")
def make_tag_to_pos(nlp: Language, name: str) -> TagToPos:
    table = json.loads((config.PATTERNS_DIR / "pos.json").read_text(encoding="utf-8"))
    lemmatizer = dict(nlp.components).get("lemmatizer")
    return TagToPos(table, lemmatizer)


def load_model(name: str) -> Language:
    """The installed spaCy package `name` with our components last. Never downloads."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model '{name}' is not installed in this environment. Install its package "
            f"(pip install <package>) or choose an installed one with --model NAME."
        ) from exc
    missing = {"tagger", "parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model '{name}' lacks the components {sorted(missing)}; "
                         "the pipeline needs a tagger, a parser and an entity recogniser.")
    for skipped in SKIPPED_COMPONENTS:
        if skipped in nlp.pipe_names:
            nlp.disable_pipe(skipped)
    nlp.add_pipe("sentence_bounds", before="parser")
    nlp.add_pipe("tag_to_pos", last=True)
    nlp.add_pipe("figure_finder", last=True)
    fast_lexeme_attributes(nlp.vocab.lex_attr_getters)
    return nlp


def fast_lexeme_attributes(getters: dict) -> None:
    """spaCy's is_ascii and like_url loop over a new word's characters in Python; each blank run
    of a masked text is a new word thousands of characters long. Same values, found in C."""
    if IS_ASCII in getters:
        getters[IS_ASCII] = str.isascii
    if LIKE_URL in getters:
        like_url = getters[LIKE_URL]
        # like_url is False for a text with no "." that does not start with http(s)://
        getters[LIKE_URL] = lambda text: (("." in text or text.startswith(URL_SCHEMES))
                                          and like_url(text))


def model_id(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def mask(text: str, keep: list[tuple[int, int]]) -> str:
    """`text` with everything outside the `keep` spans blanked (newlines stay): the model reads
    only those sentences, and every offset still points into the original text."""
    parts, at = [], 0
    for start, end in keep:
        parts.append(_blank(text[at:start]))
        parts.append(text[start:end])
        at = end
    parts.append(_blank(text[at:]))
    return "".join(parts)


def _blank(chunk: str) -> str:
    return "\n".join(" " * len(line) for line in chunk.split("\n"))


def masked_doc(nlp: Language, text: str, keep: list[tuple[int, int]]) -> Doc:
    """The Doc that nlp.tokenizer makes of mask(text, keep), made by tokenizing the kept spans
    alone: on the long blank runs the tokenizer's affix rules cost more than the model does.

    `keep` spans start and end at whitespace (figure_sentences), so each of their words is
    tokenized as in the whole text; the whitespace between words becomes what the tokenizer
    makes of it: a single space trails the word before, the rest is one whitespace token.
    """
    masked = mask(text, keep)
    words: list[str] = []
    spaces: list[bool] = []
    # tokenizer exceptions give a token a norm of its own ("n't" -> "not"): copied over below
    kept_at: list[int] = []
    kept_norms: list[int] = []
    at = 0
    for start, end in keep:
        piece = nlp.tokenizer(text[start:end])
        norms = piece.to_array(NORM)
        for token in piece:
            if token.is_space:
                continue
            _add_whitespace(words, spaces, masked[at:start + token.idx])
            kept_at.append(len(words))
            kept_norms.append(norms[token.i])
            words.append(token.text)
            spaces.append(False)
            at = start + token.idx + len(token)
    _add_whitespace(words, spaces, masked[at:])
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.user_data[KEPT_SPANS] = keep
    doc.user_data[SOURCE_TEXT] = text  # what an elliptical figure refers back to (figures.find)
    if kept_at:
        kept_norms = numpy.asarray(kept_norms, dtype=numpy.uint64)
        for i in numpy.flatnonzero(doc.to_array(NORM)[kept_at] != kept_norms):
            doc[kept_at[i]].norm_ = nlp.vocab.strings[int(kept_norms[i])]
    return doc


def _add_whitespace(words: list[str], spaces: list[bool], run: str) -> None:
    if run and words and run[0] == " ":
        spaces[-1] = True
        run = run[1:]
    if run:
        words.append(run)
        spaces.append(False)
