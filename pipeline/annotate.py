"""The spaCy stage: load the model once, add the figure finder, run texts through it."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .extract import FigureRules, find_figures, get_rules

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


class ModelError(RuntimeError):
    """The spaCy model cannot be loaded; the message says what to do."""


class FigureFinder:
    """Sets doc._.figures: every figure of the text (see extract.find_figures)."""

    def __init__(self, rules: FigureRules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = find_figures(doc.text, doc, self.rules)
        return doc


@Language.factory("figure_finder", default_config={"patterns_dir": None})
def make_figure_finder(nlp: Language, name: str, patterns_dir: str | None) -> FigureFinder:
    return FigureFinder(get_rules(patterns_dir))


def load_model(name: str) -> Language:
    """The installed spaCy package `name` with the figure finder last. Never downloads."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model '{name}' is not installed in this environment. Install its package "
            f"(pip install <package>) or choose an installed one with --model NAME."
        ) from exc
    missing = {"tagger", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model '{name}' lacks the components {sorted(missing)}; "
                         "the pipeline needs a tagger and an entity recogniser.")
    nlp.add_pipe("figure_finder", last=True)
    return nlp


def model_id(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
