"""Shared fixtures: the real spaCy model, loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import config
from pipeline.core import get_model

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
SAMPLE_CORPUS = PROJECT / "corpus"
GOLD = TESTS / "gold" / "seed_gold.jsonl"
NEGATIVES = TESTS / "gold" / "seed_negatives.jsonl"


@pytest.fixture(scope="session")
def nlp():
    return get_model(config.DEFAULT_MODEL)


@pytest.fixture(scope="session")
def figures_of(nlp):
    """Text -> its figures as (surface, metric, value, unit, qualifier) using the real model."""

    def run(text: str):
        return [(f.surface, f.metric, f.value, f.unit, f.qualifier) for f in nlp(text)._.figures]

    return run


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The sample corpus extracted once into a temporary folder."""
    from pipeline.core import run

    out = tmp_path_factory.mktemp("sample_out")
    summary = run(SAMPLE_CORPUS, out, quiet=True)
    return out, summary


DEALS_CORPUS = TESTS / "deals" / "corpus"
DEALS_GOLD = TESTS / "deals" / "gold.jsonl"


@pytest.fixture(scope="session")
def deals_run(tmp_path_factory):
    """The multi-outlet deals corpus (tests/deals) extracted once."""
    from pipeline.core import run

    out = tmp_path_factory.mktemp("deals_out")
    run(DEALS_CORPUS, out, quiet=True)
    return out
