"""WARC (.warc, .warc.gz: Common Crawl's CC-NEWS, any crawler's archive), read record by record,
streamed, by fastwarc. A file is read in parts of config.WARC_PART_BYTES, each on its own (one
worker's task on a cluster): a part reads every record that begins in it. HTTP 200 responses
with an HTML content type go through the HTML path of .html files, as articles
`<file>#<record offset>`; every other record (requests, metadata, revisits, other content types
and statuses) is counted, not a row. Data that cannot be read (a file cut short, a corrupt gzip
member) is an `error` row at its offset; the records before it are kept and reading goes on at
the next record that can be read.
"""
from __future__ import annotations

import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

from .. import config
from ..records import Article
from .common import SkipInput, finish
from .encoding import decode
from .html import _fill_from_html
from .metadata import fill_meta, to_utc
from .page import check_page
from .sidecar import apply_sidecar

HTML_TYPES = ("text/html", "application/xhtml+xml")
SCAN_BYTES = 1 << 20
# Where a record can begin: a gzip member (one per record, as the WARC standard recommends),
# or, uncompressed, the version line right after the blank line that ends the record before.
GZIP_MEMBER = b"\x1f\x8b\x08"
PLAIN_RECORD = b"\r\n\r\nWARC/1."


@dataclass
class WarcRun:
    """How a run reads its WARC files: `read_parts` maps a list of read_part's argument tuples
    to their Parts, in order (None: here, one after the other); `skipped` counts the records
    that are not articles, by kind; `earlier(path, rel)` gives the rows of a file unchanged
    since the earlier run, else None (incremental.py)."""

    read_parts: Callable | None = None
    skipped: Counter = field(default_factory=Counter)
    earlier: Callable | None = None


@dataclass
class Part:
    """The articles of one part of a WARC file, and how many of its records are not articles,
    by kind."""

    articles: list[Article] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


class Broken(Exception):
    """The file's data cannot be read from byte `offset` on."""

    def __init__(self, offset: int, why: str):
        super().__init__(why)
        self.offset = offset


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(config.WARC_SUFFIXES)


def parts_of(path: Path) -> list[tuple[int, int]]:
    """(start, end) byte ranges of the file's parts."""
    size = path.stat().st_size
    return [(start, min(start + config.WARC_PART_BYTES, size))
            for start in range(0, size, config.WARC_PART_BYTES)]


def warc_articles(path: Path, rel: str, meta: dict | None, how: WarcRun) -> Iterator[Article]:
    """The articles of a WARC file, in file order: its earlier rows when it is unchanged, else
    its parts read as `how` says."""
    earlier = how.earlier(path, rel) if how.earlier else None
    if earlier is not None:
        yield from earlier
        return
    tasks = [(path, rel, start, end, meta) for start, end in parts_of(path)]
    for part in (how.read_parts or _read_here)(tasks):
        how.skipped.update(part.skipped)
        yield from part.articles


def _read_here(tasks: list[tuple]) -> Iterator[Part]:
    return (read_part(*task) for task in tasks)


def read_part(path: Path, rel: str, start: int, end: int, meta: dict | None = None) -> Part:
    """The records that begin in bytes [start, end) of the WARC file at `path` (`rel`: its path
    in the corpus; `meta`: its sidecar row)."""
    part = Part()
    gz = path.name.lower().endswith(".gz")
    with open(path, "rb") as f:
        offset = record_start(f, start, gz)
        while offset is not None and offset < end:
            try:
                for at, record, payload in _records(f, offset, end, gz):
                    if payload is None:
                        part.skipped[_kind(record)] += 1
                    else:
                        part.articles.append(_article(record, payload, rel, at, meta))
                break
            except Broken as broken:
                part.articles.append(Article(
                    article_id=f"{rel}#{broken.offset}", source_path=rel, status="error",
                    reason=f"WARC data from byte {broken.offset} cannot be read ({broken}): "
                           "the file is truncated or corrupt there; the records before were "
                           "read, and reading went on at the next record that can be"))
                offset = record_start(f, broken.offset + 1, gz)
    return part


def _records(f, offset: int, end: int, gz: bool) -> Iterator[tuple[int, object, bytes | None]]:
    """(offset, record, payload) of the records from `offset` on that begin before `end`;
    payload None for a record that is not an article. Broken where the data cannot be read."""
    from fastwarc.stream_io import GzipReader
    from fastwarc.warc import ArchiveIterator

    size = os.fstat(f.fileno()).st_size
    f.seek(offset)
    # An explicit GzipReader tells the gzip member a record is in, and where it ends.
    stream = GzipReader(f) if gz else f
    records = iter(ArchiveIterator(stream, parse_http=True, auto_decode="all"))
    last = None  # (offset, Content-Length) of the last record read
    while True:
        if gz:  # where the member before ended: the next one starts there
            offset = stream.inner_tell()
        try:
            record = next(records, None)
            if record is None:
                _check_end(f, offset if gz else None, last, size)
                return
            at = stream.frame_start_position() if gz else record.stream_pos
            if gz and last is not None and at == last[0]:
                raise Broken(offset, "several records in one gzip member: the file is "
                                     "compressed as one stream, not record by record")
            if at >= end:
                return
            offset = at
            if "Content-Length" not in record.headers:  # fastwarc reads a cut header as empty
                raise Broken(offset, "a record header without Content-Length")
            payload = None
            if _kind(record) is None:  # one byte over the limit tells a page that is too large
                payload = record.reader.read(config.MAX_FILE_BYTES + 1)
                # a decoded (gzip, chunked) payload has another length than the one declared
                if (len(payload) < min(record.content_length, config.MAX_FILE_BYTES)
                        and not _encoded(record)):
                    raise Broken(offset, f"{len(payload)} of {record.content_length} bytes: "
                                         "the file ends inside this record")
            record.consume()
        except (OSError, ValueError) as exc:
            if not gz and last is not None:  # past the last record read
                offset = _plain_end(f, last)
            if offset >= end:  # a record of the next part: that part tells
                return
            raise Broken(offset, str(exc)) from None
        yield offset, record, payload
        last = offset, int(record.headers["Content-Length"])


def _check_end(f, end: int | None, last: tuple[int, int] | None, size: int) -> None:
    """Broken when the data after the last record read (which ends at `end`, for a gzip file)
    is not a whole record."""
    if end is None:
        if last is None:
            return
        end = _plain_end(f, last)
        if end - 4 > size:  # its block is cut (a page's is checked as it is read)
            raise Broken(last[0], "the file ends inside this record")
    f.seek(end)
    if f.read(SCAN_BYTES).strip():
        raise Broken(end, "the file ends inside a record")


def _plain_end(f, last: tuple[int, int]) -> int:
    """Where an uncompressed record (offset, Content-Length) ends: its header, the blank line,
    its block and the two line ends after it."""
    f.seek(last[0])
    return last[0] + f.read(64 << 10).find(b"\r\n\r\n") + 4 + last[1] + 4


def _kind(record) -> str | None:
    """None for an HTTP 200 response with HTML content (an article), else what it is."""
    kind = str(record.record_type)
    if kind != "response":
        return kind
    if record.http_headers is None or record.http_headers.status_code != 200:
        return "response, HTTP status not 200"
    if (record.http_content_type or "").lower() not in HTML_TYPES:
        return "response, not HTML"
    return None


def _encoded(record) -> bool:
    return any(record.http_headers.get(h) for h in ("Content-Encoding", "Transfer-Encoding"))


def record_start(f, at: int, gz: bool) -> int | None:
    """The first byte at or after `at` where a record begins (0 for 0), or None."""
    if at == 0:
        return 0
    marker = GZIP_MEMBER if gz else PLAIN_RECORD
    lead = 0 if gz else 4  # the blank line before a plain record is not part of it
    pos = max(0, at - lead)
    while True:
        f.seek(pos)
        chunk = f.read(SCAN_BYTES)
        found = chunk.find(marker)
        while found >= 0:
            if not gz or _member_is_record(f, pos + found):
                return pos + found + lead
            found = chunk.find(marker, found + 1)
        if len(chunk) < SCAN_BYTES:
            return None
        pos += len(chunk) - len(marker)  # a marker across the chunks' seam is in the next one


def _member_is_record(f, at: int) -> bool:
    """Whether the gzip member at `at` starts with a WARC version line (the three bytes that
    open a member also turn up inside compressed data)."""
    f.seek(at)
    try:
        return zlib.decompressobj(31).decompress(f.read(4096), 16).startswith(b"WARC/1.")
    except zlib.error:
        return False


def _article(record, payload: bytes, rel: str, offset: int, meta: dict | None) -> Article:
    """The article of an HTML response: its page through the HTML path; its URL the record's
    target, its outlet the page's site name, else the host; its date the page's own, else the
    crawl's."""
    article = Article(article_id=f"{rel}#{offset}", source_path=rel)
    limit = config.MAX_FILE_BYTES
    try:
        if len(payload) > limit:
            raise SkipInput("too_large", f"a page of over {limit} bytes is over the "
                                         "max_file_bytes limit; set PIPELINE_MAX_FILE_BYTES")
        url = record.headers.get("WARC-Target-URI")
        _fill_from_html(article, decode(payload), url)
        host = urlsplit(url or "").hostname
        fill_meta(article, {"url": url})
        if article.outlet is None and host:
            article.outlet = host.removeprefix("www.")
        if article.published_at is None:
            article.published_at = to_utc(record.record_date)
        apply_sidecar(article, meta)
        check_page(article)
    except SkipInput as skip:
        article.status, article.reason = skip.status, skip.reason
    return finish(article)
