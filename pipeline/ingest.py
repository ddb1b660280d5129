"""Corpus folder -> Article records, one per file or JSONL line, whether readable or not."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import unicodedata
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import dateparser
import yaml
from charset_normalizer import from_bytes

from . import config
from .records import Article

# Leading bytes of common binary formats, so they are named in the reason.
MAGIC = {
    b"\x89PNG": "PNG image", b"PK\x03\x04": "ZIP archive", b"%PDF": "PDF document",
    b"\x1f\x8b": "gzip archive", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
FRONT_MATTER = re.compile(r"\A---[^\S\n]*\n(.*?\n)---[^\S\n]*(?:\n|\Z)", re.DOTALL)
MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
DATELINE = re.compile(rf"(?i)(?:\b(?:{MONTHS})\b.*\d|\d.*\b(?:{MONTHS})\b|\b\d{{4}}-\d\d-\d\d\b"
                      r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b)")
DATE_LABEL = re.compile(r"(?i)^\s*(?:published|updated|posted|date|last updated)\s*(?:on|at)?\s*:?\s*")
HEADING_MARK = re.compile(r"^\s*#+\s*")
PROSE_WORDS = 25  # a longer line is body text, not a title or dateline
JSON_TEXT_KEYS = ("text", "body", "content")
JSON_ALIASES = {"published_at": ("published_at", "date"), "outlet": ("outlet", "source"),
                "title": ("title",), "url": ("url",)}


def discover(corpus: Path) -> Iterator[Path]:
    """Every non-hidden file below `corpus`, sorted, symlinked folders not entered."""
    for root, dirs, files in os.walk(corpus, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_corpus(corpus: Path) -> Iterator[Article]:
    """Articles of every file below `corpus`, in a stable order."""
    for path in discover(corpus):
        yield from read_path(path, corpus)


def read_path(path: Path, corpus: Path) -> Iterator[Article]:
    rel = path.relative_to(corpus).as_posix()
    try:
        raw = _read_bytes(path, corpus)
    except SkipInput as skip:
        yield Article(article_id=rel, source_path=rel, status=skip.status, reason=skip.reason)
        return
    suffix = path.suffix.lower()
    if suffix in config.JSONL_SUFFIXES:
        yield from _jsonl_articles(raw, rel)
        return
    article = Article(article_id=rel, source_path=rel)
    try:
        text = decode(raw)
        if suffix in config.HTML_SUFFIXES:
            _fill_from_html(article, text)
        elif suffix in config.MARKDOWN_SUFFIXES:
            _fill_from_markdown(article, text)
        elif suffix in config.TEXT_SUFFIXES:
            article.text = clean_text(text)
            _find_header(article)
        else:
            raise SkipInput("not_text", f"unsupported file type '{suffix or path.name}'")
    except SkipInput as skip:
        article.status, article.reason = skip.status, skip.reason
    yield finish(article)


class SkipInput(Exception):
    def __init__(self, status: str, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def _read_bytes(path: Path, corpus: Path) -> bytes:
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise SkipInput("unreadable", f"broken or looping symlink: {exc}") from None
        if not target.is_relative_to(corpus.resolve()):
            raise SkipInput("unreadable", "symlink points outside the corpus; not followed")
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            raise SkipInput("too_large", f"{size} bytes is over the max_file_bytes limit "
                                         f"({config.MAX_FILE_BYTES}); set PIPELINE_MAX_FILE_BYTES")
        return path.read_bytes()
    except OSError as exc:
        raise SkipInput("unreadable", f"cannot read: {exc.strerror or exc}") from None


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
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise SkipInput("not_text", "no text encoding fits the bytes")
    # Short English texts fit several code pages equally well; like browsers, prefer cp1252.
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos), None)
    return str(western or best)


def clean_text(text: str) -> str:
    """One newline convention, no NUL bytes; everything else kept as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


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
    if article.text:
        article.doc_hash = doc_hash(article.text)
    return article


@lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime | None:
    """A written date or timestamp -> aware UTC datetime, None when it is not one."""
    value = DATE_LABEL.sub("", str(value)).strip()
    if not value or len(value) > 80:
        return None
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
        if article.title is None and len(words) >= 4 and not stripped.endswith((".", ":")):
            article.title = HEADING_MARK.sub("", stripped)


def _fill_from_markdown(article: Article, text: str) -> None:
    text = clean_text(text)
    match = FRONT_MATTER.match(text)
    meta = {}
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        text = text[match.end():]
    article.text = text
    _fill_meta(article, meta)
    _find_header(article)


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


def _fill_from_html(article: Article, html: str) -> None:
    import trafilatura  # imported here: loading it costs a second on runs without HTML

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True)
    if doc is None or not (doc.text or "").strip():
        raise SkipInput("empty", "no article text in the HTML (only navigation or scripts)")
    article.text = clean_text(doc.text)
    _fill_meta(article, {"title": doc.title, "url": doc.url, "outlet": doc.sitename,
                         "published_at": doc.date})


def _jsonl_articles(raw: bytes, rel: str) -> Iterator[Article]:
    try:
        text = decode(raw)
    except SkipInput as skip:
        yield Article(article_id=rel, source_path=rel, status=skip.status, reason=skip.reason)
        return
    for number, line in enumerate(clean_text(text).split("\n"), start=1):
        if not line.strip():
            continue
        article = Article(article_id=f"{rel}#{number}", source_path=rel)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            article.status, article.reason = "error", f"line {number}: invalid JSON ({exc.msg})"
            yield article
            continue
        if not isinstance(record, dict):
            article.status, article.reason = "error", f"line {number}: not a JSON object"
            yield article
            continue
        if record.get("id") not in (None, ""):
            article.article_id = str(record["id"])
        body = next((record[k] for k in JSON_TEXT_KEYS if isinstance(record.get(k), str)), None)
        if body is None:
            article.status = "error"
            article.reason = f"line {number}: no 'text' field (nor 'body' or 'content')"
            yield article
            continue
        article.text = clean_text(body)
        _fill_meta(article, record)
        yield finish(article)
