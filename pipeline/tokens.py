"""Char offsets and sentences of a spaCy Doc, looked up fast: shared by the figure finder and
the context rules."""
from __future__ import annotations

from bisect import bisect_left


class TokenIndex:
    """Char offset -> token of a spaCy Doc; token -> its sentence (spaCy's token.sent walks the
    whole document on every call)."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text  # Doc.text and Span.text join their tokens anew on each access
        self.starts = doc.to_array("IDX").tolist()
        self.sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sent_starts = [s.start for s in self.sents]

    @staticmethod
    def of(doc) -> "TokenIndex":
        """The index of `doc`, built once."""
        if "token_index" not in doc.user_data:
            doc.user_data["token_index"] = TokenIndex(doc)
        return doc.user_data["token_index"]

    def sentence(self, token):
        return self.sents[bisect_left(self.sent_starts, token.i + 1) - 1]

    def text_of(self, span) -> str:
        return self.text[span.start_char:span.end_char]

    def at_or_after(self, char: int):
        i = bisect_left(self.starts, char)
        return self.doc[i] if i < len(self.doc) else None

    def containing(self, char: int):
        i = bisect_left(self.starts, char + 1) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None
