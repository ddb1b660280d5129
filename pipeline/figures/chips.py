"""The chip vocabulary: what unit a chip row gets (GPUs, TPUs, accelerators or chips) and which
model it names (its item), from the tables `chip_nouns` and `chip_names` of patterns/nouns.json.
One vocabulary, so that one filter (metric == "chips") finds every chip deal and `unit` says
what kind of chip it counts."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import SPACE, alternation
from .normalise import canon

# A model number not in the tables: "MI450", "B300A", "H100/H200"; only read as a chip's item
# when it stands between a number and a chip noun (alone, "FY2026" or "Q3" would pass too).
MODEL = re.compile(r"[A-Z][A-Za-z]{0,5}\d{2,4}[A-Za-z0-9]*(?:/[A-Z]{0,5}\d{2,4}[A-Za-z0-9]*)*")
VERSION = re.compile(r"v\d+[a-z]?")  # "TPU v7", "TPU v5e"
NAME_REACH = 40  # characters between a chip name and the chip noun it names ("Hopper AI GPUs")


@dataclass(frozen=True)
class Chips:
    """What a chip figure counts: the unit of the vocabulary, and the model when named."""

    unit: str
    item: str | None = None


class ChipVocabulary:
    def __init__(self, nouns: dict):
        self.nouns = {canon(k): unit for k, unit in nouns["chip_nouns"].items()}
        self.names = {canon(k): (k, unit) for k, unit in nouns["chip_names"].items()}
        names = alternation(nouns["chip_names"], case_sensitive=True)
        # A chip noun or name in running text: "graphics processing units", "Hopper", "TPU v7".
        self.noun_mention = re.compile(rf"(?<!\w){alternation(nouns['chip_nouns'])}(?!\w)",
                                       re.IGNORECASE)
        self.name_mention = re.compile(
            rf"(?<!\w)(?P<name>{names})(?:{SPACE}?(?P<version>{VERSION.pattern}))?(?=s?(?!\w))")

    def name(self, word: str) -> tuple[str, str] | None:
        """(name as in the table, unit) of a chip name, singular or plural ("H100s")."""
        key = canon(word)
        return self.names.get(key) or (self.names.get(key[:-1]) if key.endswith("s") else None)

    def is_plural(self, word: str) -> bool:
        """A plural chip noun or name: "GPUs", "chips", "H100s" (not "Cerebras")."""
        key = canon(word)
        return key.endswith("s") and (key in self.nouns or key[:-1] in self.names)

    def is_modifier(self, word: str) -> bool:
        """A word that may stand between a number and the chip noun it counts."""
        return self.name(word) is not None or bool(MODEL.fullmatch(word))

    def noun_unit(self, word: str) -> str | None:
        return self.nouns.get(canon(word))

    def of_head(self, words: list[str], head: str) -> Chips | None:
        """Chips when `head` (after its modifiers `words`) is a chip noun or name: "Nvidia H100
        GPUs" -> GPUs, H100; "GB300s" -> GPUs, GB300; "100k H100" -> GPUs, H100."""
        unit = self.noun_unit(head)
        if unit is not None:
            return Chips(unit, self.item(words))
        named = self.name(head)
        if named is not None:
            return Chips(named[1], named[0])
        return None

    def item(self, words: list[str]) -> str | None:
        """The model a chip count names: the last chip name (with its version) or model number
        among the words before the chip noun, with those it is joined to by "/" ("H100/H200")."""
        for i in range(len(words) - 1, -1, -1):
            label = self._model(words, i)
            if label is not None:
                while i >= 2 and words[i - 1] == "/" and self._model(words, i - 2):
                    i -= 2
                    label = f"{self._model(words, i)}/{label}"
                return label
        return None

    def _model(self, words: list[str], i: int) -> str | None:
        named = self.name(words[i])
        if named is not None:
            version = words[i + 1] if i + 1 < len(words) else ""
            return f"{named[0]} {version}" if VERSION.fullmatch(version) else named[0]
        return words[i] if MODEL.fullmatch(words[i]) else None

    def phrase_unit(self, text: str, start: int, end: int) -> str | None:
        """The unit of a chip noun of several words that ends at `end` ("Tensor Processing
        Units", "graphics-processing units"), searched from `start`."""
        for found in self.noun_mention.finditer(text, start, end):
            if found.end() == end:
                return self.nouns[canon(found.group(0))]
        return None

    def last_mention(self, text: str, start: int, end: int,
                     by_name: bool = False) -> Chips | None:
        """The chips that text[start:end] last speaks of: its last chip noun, with the chip name
        right before it ("Hopper GPUs"), else its last chip name ("the H100"). The unit is the
        noun's, or with `by_name` the named chip's: "units" of "Google's TPU chips" are TPUs."""
        nouns = list(self.noun_mention.finditer(text, start, end))
        names = list(self.name_mention.finditer(text, start, end))
        if nouns:
            noun = nouns[-1]
            before = [n for n in names if noun.start() - NAME_REACH <= n.start() <= noun.start()]
            if not before:
                return Chips(self.nouns[canon(noun.group(0))])
            unit, item = self._named(before[-1])
            return Chips(unit if by_name else self.nouns[canon(noun.group(0))], item)
        if names:
            return Chips(*self._named(names[-1]))
        return None

    def _named(self, found: re.Match) -> tuple[str, str]:
        """(unit, item) of a chip name found in text: "TPU v7" -> (TPUs, TPU v7)."""
        name, unit = self.name(found.group("name"))
        version = found.group("version")
        return unit, f"{name} {version}" if version else name
