"""What a report says of its deal's later state: dropped ('cancelled') or changed ('revised'),
read from the sentence of the figure with the word lists of patterns/deal_status.json."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from .. import config
from ..figures.lexicon import word_alternation


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    data = json.loads((config.PATTERNS_DIR / "deal_status.json").read_text(encoding="utf-8"))
    flags = re.IGNORECASE
    every = data["cancelled"] + data["revised"] + data["change_to"]
    return (re.compile(rf"\b{word_alternation(every)}", flags),  # most sentences have none
            re.compile(rf"\b{word_alternation(data['cancelled'])}", flags),
            re.compile(rf"\b{word_alternation(data['revised'])}", flags),
            # "raised its investment in X to " right before the figure
            re.compile(rf"\b{word_alternation(data['change_to'])}[^;!?]{{0,80}}\bto\s+$", flags))


def status_cue(sentence: str | None, surface: str | None) -> str | None:
    """'cancelled' when the sentence says the deal was dropped; 'revised' when a change word
    stands before the figure (the figure is the new value); else None."""
    any_cue, cancelled, revised, change_to = _patterns()
    if not sentence or not any_cue.search(sentence):
        return None
    if cancelled.search(sentence):
        return "cancelled"
    at = sentence.find(surface) if surface else -1
    before = sentence[:at] if at >= 0 else ""
    if revised.search(before) or change_to.search(before[-200:]):
        return "revised"
    return None
