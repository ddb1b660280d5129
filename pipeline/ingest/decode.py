"""Bytes -> text, and what every reader shares: decoding (BOMs, UTF-8, Windows-1252, detected
charsets), SkipInput (an input that gives no text, with its status and reason), the text as
ingested (clean_text), its hash, the final status checks (finish), dates, metadata fields, and
the title and dateline at the top of a text."""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from datetime import datetime, timezone
from functools import lru_cache

from charset_normalizer import from_bytes

from .. import config
from ..records import Article

# Leading bytes of common binary formats, so they are named in the reason.
MAGIC = {
    b"\x89PNG": "PNG image", b"PK\x03\x04": "ZIP archive", b"%PDF": "PDF document",
    b"\x1f\x8b": "gzip archive", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
WESTERN_ASCII_SHARE = 0.9
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# A date written out: "15 June 2026", "June 15, 2026", "June 2026", "2026-06-15", "15/06/2026".
DATELINE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?!\w)|\b{MONTH}\s+\d{{1,2}}\b"
                      rf"|\b{MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b")
DATE_LABEL = re.compile(r"(?i)^\s*(?:published|updated|posted|date|last updated)\s*(?:on|at)?\s*:?\s*")
INVISIBLE = re.compile("[\x00\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
HEADING_MARK = re.compile(r"^\s*#+\s*")
PROSE_WORDS = 25  # a longer line is body text, not a title or dateline
TITLE_MIN_WORDS = 3  # "Barclays backs Nscale"; shorter top lines are kickers ("TECH")
JSON_ALIASES = {"published_at": ("published_at", "date"), "outlet": ("outlet", "source"),
                "title": ("title",), "url": ("url",)}


class SkipInput(Exception):
    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def decode(raw: bytes) -> str:
    """Bytes -> text: BOMs honoured, UTF-8 first, else the detected charset; binary refused."""
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            raise SkipInput("not_text", f"binary content ({kind})")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if raw.count(b"\x00") > max(1, len(raw) // 100):
        raise SkipInput("not_text", "binary content (many NUL bytes)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly-ASCII text that is not UTF-8 is, in English news, nearly always Windows-1252 (a
    # superset of Latin-1 for letters); detectors guess poorly on short texts ("\x80" is €).
    ascii_share = sum(b < 0x80 for b in raw) / len(raw)
    if ascii_share >= WESTERN_ASCII_SHARE:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            pass
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise SkipInput("not_text", "no text encoding fits the bytes")
    # Short English texts fit several code pages equally well; like browsers, prefer cp1252.
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos), None)
    return str(western or best)


def clean_text(text: str) -> str:
    """The text as ingested: one newline convention, and no NUL bytes, zero-width or
    direction-control characters (formatting that would split a figure such as "$5\u200bbn");
    everything else kept as written."""
    return INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


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


@lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime | None:
    """A written date or timestamp -> aware UTC datetime, None when it is not one."""
    value = DATE_LABEL.sub("", str(value)).strip()
    if not value or len(value) > 80:
        return None
    import dateparser  # slow to import; most runs need it for a few lines only

    parsed = dateparser.parse(value, languages=["en"], settings={
        "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC",
        "PREFER_DAY_OF_MONTH": "first"})
    return parsed.astimezone(timezone.utc) if parsed else None


def _find_header(article: Article) -> None:
    """Title and dateline from the first lines of a plain text: heading-like line, date line."""
    offset = 0
    seen = 0
    for line in article.text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > config.HEADER_LINES:
            break
        words = stripped.split()
        if (article.published_at is None and len(words) <= 8 and DATELINE.search(stripped)):
            date = parse_date(stripped)
            if date is not None:
                article.published_at = date
                article.skip_spans.append((start, start + len(line)))
                continue
        if len(words) > PROSE_WORDS:
            break  # the header ends where prose begins
        if (article.title is None and len(words) >= TITLE_MIN_WORDS
                and not stripped.endswith((".", ":"))):
            article.title = HEADING_MARK.sub("", stripped)


def _fill_meta(article: Article, meta: dict) -> None:
    """title/url/outlet/published_at from a mapping, by the aliases of CLAIMS.md."""
    for field, keys in JSON_ALIASES.items():
        value = next((meta[k] for k in keys if meta.get(k) not in (None, "")), None)
        if value is None:
            continue
        if field == "published_at":
            value = value if isinstance(value, datetime) else parse_date(str(value))
            if isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=timezone.utc)
        else:
            value = str(value).strip()
        setattr(article, field, value)
