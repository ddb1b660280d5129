"""What every reader shares: SkipInput (an input that gives no text, with its status and
reason), the text as ingested (clean_text), its hash, and the final status checks (finish)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .. import config
from ..records import Article

INVISIBLE = re.compile("[\x00\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A surrogate left alone in a str (JSON's "\ud800") cannot be written as UTF-8; a pair has
# already been joined into one character by the JSON reader.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Hard-wrapped text (unwrapped()): no line over WRAP_WIDTH characters, the median line at least
# WRAPPED_MEDIAN (short lines are a table or a list, not wrapped prose), at least
# WRAPPED_MIN_LINES lines; a line wraps when it fills WRAPPED_FULL of the longest line.
WRAP_WIDTH = 100
WRAPPED_MEDIAN = 40
WRAPPED_MIN_LINES = 4
WRAPPED_FULL = 0.6
# A dateline opening a paragraph: "SAN FRANCISCO, Sept 18 (Reuters) - ", "NEW YORK (AP) — ",
# "CHARLOTTE, N.C., March 9 - ": a place in capitals, its state, then a date or an agency or
# both, and a dash ("US - China talks" is no dateline).
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*)*"  # the place, in capitals
    r"(?:, [A-Z][A-Za-z.]{1,12}(?: [A-Z][A-Za-z.]{1,12})?(?=,))?"  # its state: "Calif.", "N.C."
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?: \([A-Za-z. ]{2,30}\))?"  # a date: "March 11"
    r"| \([A-Za-z. ]{2,30}\))"  # or an agency alone: "(Reuters)"
    r" [-–—]+ ", re.MULTILINE)


class SkipInput(Exception):
    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def clean_text(text: str) -> str:
    """The text as ingested: one newline convention, and no NUL bytes, zero-width or
    direction-control characters (formatting that would split a figure such as "$5\u200bbn");
    everything else kept as written."""
    return clean_field(INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def unwrapped(text: str) -> str:
    """The text as the model and the sentence rules read it, one character for one (offsets
    into the ingested text stay): a dateline opening a paragraph is blanked, so that its place
    is not read as the sentence's subject ("SAN FRANCISCO, Sept 18 (Reuters) - Nvidia will
    invest"); in a hard-wrapped text (wire copy, e-mail: every line under WRAP_WIDTH characters,
    most near the width) a newline that only wraps a line (the line is near the width, the next
    one goes on without indent) becomes a space, so that a sentence is not cut at every line
    ("KLM said\nit agreed to take a 15 pct stake")."""
    text = DATELINE.sub(lambda m: " " * len(m.group(0)), text)
    lines = text.split("\n")
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(widths) < WRAPPED_MIN_LINES or max(widths) > WRAP_WIDTH \
            or sorted(widths)[len(widths) // 2] < WRAPPED_MEDIAN:
        return text
    full = WRAPPED_FULL * max(widths)
    chars = list(text)
    at = 0
    for line, following in zip(lines, lines[1:]):
        at += len(line)
        if len(line.rstrip()) >= full and following.strip() and not following[0].isspace():
            chars[at] = " "
        at += 1
    return "".join(chars)


def clean_field(value: str) -> str:
    """Any string from the input as it can be stored: a lone surrogate becomes U+FFFD (one
    character for one, so offsets stay)."""
    return LONE_SURROGATE.sub("\ufffd", value)


def note(article: Article, reason: str) -> None:
    """Adds to the reason of an article that was read (what was ignored, and why)."""
    article.reason = f"{article.reason}; {reason}" if article.reason else reason


def doc_hash(text: str) -> str:
    canonical = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def finish(article: Article) -> Article:
    """Status and hash of an article whose fields are filled."""
    if article.status == "ok":
        if not article.text.strip():
            article.status, article.reason = "empty", "no text after reading the input"
        elif len(article.text) > config.MAX_ARTICLE_CHARS:
            article.status = "too_large"
            article.reason = (f"{len(article.text)} characters is over the max_article_chars "
                              f"limit ({config.MAX_ARTICLE_CHARS}); set PIPELINE_MAX_ARTICLE_CHARS")
        elif (longest := max(map(len, article.text.split("\n")))) > config.MAX_LINE_CHARS:
            article.status = "too_large"
            article.reason = (f"a line of {longest} characters is over the max_line_chars limit "
                              f"({config.MAX_LINE_CHARS}); set PIPELINE_MAX_LINE_CHARS")
    if article.text:
        article.doc_hash = doc_hash(article.text)
    return article
