"""Corpus folder -> Article records, one per file or JSONL line, whether readable or not."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .. import config
from ..records import Article
from .common import SkipInput, finish, note
from .encoding import decode
from .feeds import feed_articles
from .html import _fill_from_html
from .jsonl import _jsonl_articles, count_records
from .markdown import _fill_from_markdown
from .page import check_page
from .sidecar import SIDECAR_NAMES, apply_sidecar, read_sidecar
from .text import _fill_from_text
from .warc import WarcRun, is_warc, warc_articles


def discover(corpus: Path, top: bool = True) -> Iterator[Path]:
    """Every non-hidden file below `corpus`, sorted, a folder's files before its sub-folders;
    symlinked folders are not entered; a folder named like an input file ("notes.txt/") and a
    sub-folder that cannot be listed are items of their own (read_path gives them a row); the
    metadata sidecar at the top is not an input."""
    with os.scandir(corpus) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")
                          and not (top and e.name in SIDECAR_NAMES)), key=lambda e: e.name)
    folders = [e.name for e in entries if _is_folder(e)
               and Path(e.name).suffix.lower() not in config.INPUT_SUFFIXES]
    for entry in entries:
        if entry.name not in folders:
            yield Path(entry.path)
    for name in folders:
        try:
            yield from discover(corpus / name, top=False)
        except OSError:
            yield corpus / name


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def count_articles(corpus: Path) -> int | None:
    """Rows the run will make, for the progress bar: one per file, one per JSONL record; None
    when a WARC file or a feed is in the corpus (its records are known only once read)."""
    paths = list(discover(corpus))
    if any(is_warc(p) or p.suffix.lower() in config.FEED_SUFFIXES for p in paths):
        return None
    return sum(count_records(path) if path.suffix.lower() in config.JSONL_SUFFIXES else 1
               for path in paths)


def read_corpus(corpus: Path, warcs: WarcRun | None = None) -> Iterator[Article]:
    """Articles of every file below `corpus`, in a stable order, with unique ids; metadata from
    the corpus's sidecar file (sidecar.py) overrides what a file says of itself; `warcs`: how
    WARC files are read (warc.py; by default here, one part after the other)."""
    extra = read_sidecar(corpus)
    ids: set[str] = set()
    for path in discover(corpus):
        for article in read_path(path, corpus, extra, ids, warcs):
            if article.article_id in ids:  # a JSONL id equal to a later file's path
                article.status, article.reason = "error", (
                    f"article id '{article.article_id}' is taken by an earlier article")
            ids.add(article.article_id)
            yield article


def read_path(path: Path, corpus: Path, extra: dict[str, dict] | None = None,
              ids: set[str] | None = None, warcs: WarcRun | None = None) -> Iterator[Article]:
    """The articles of one input file: one, or one per JSONL line or WARC record; a row even
    when unreadable. `extra`: sidecar metadata by path; `ids`: article ids taken so far."""
    posix = path.relative_to(corpus).as_posix()
    rel = _name(posix)
    meta = (extra or {}).get(rel)
    suffix = path.suffix.lower()
    try:
        _check_path(path, corpus)
        if suffix in config.JSONL_SUFFIXES:
            yield from _jsonl_articles(path, rel, set() if ids is None else ids, meta)
            return
        if is_warc(path):
            yield from warc_articles(path, rel, meta, warcs or WarcRun())
            return
        raw = _read_bytes(path)
        if suffix in config.FEED_SUFFIXES:
            yield from feed_articles(raw, rel, meta)
            return
    except SkipInput as skip:
        yield Article(article_id=rel, source_path=rel, status=skip.status, reason=skip.reason)
        return
    article = Article(article_id=rel, source_path=rel)
    if rel != posix:
        note(article, "file name is not UTF-8; its bytes are shown as \\x escapes")
    try:
        text = decode(raw)
        if suffix in config.HTML_SUFFIXES:
            _fill_from_html(article, text)
        elif suffix in config.MARKDOWN_SUFFIXES:
            _fill_from_markdown(article, text)
        elif suffix in config.TEXT_SUFFIXES:
            _fill_from_text(article, text)
        else:
            raise SkipInput("not_text", f"unsupported file type '{suffix or path.name}'")
        apply_sidecar(article, meta)
        if suffix in config.HTML_SUFFIXES:
            check_page(article)
    except SkipInput as skip:
        article.status, article.reason = skip.status, skip.reason
    yield finish(article)


def _name(posix: str) -> str:
    """A path as stored: a name that is not UTF-8 (its undecodable bytes are surrogates here)
    keeps those bytes as \\x escapes, which can be written and stay unique."""
    return os.fsencode(posix).decode("utf-8", "backslashreplace")


def _check_path(path: Path, corpus: Path) -> None:
    """Refuse what is not a regular file inside the corpus: links leaving it, link loops,
    folders (named like files, or that cannot be listed), pipes and devices (reading those
    could block), and what cannot even be looked at."""
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError) as exc:
                raise SkipInput("unreadable", f"broken or looping symlink: {exc}") from None
            if not target.is_relative_to(corpus.resolve()):
                raise SkipInput("unreadable", "symlink points outside the corpus; not followed")
        if path.is_dir():
            if path.suffix.lower() in config.INPUT_SUFFIXES:
                raise SkipInput("unreadable", "a folder named like an input file; not entered")
            # discover() yields other folders only when it cannot list them
            raise SkipInput("unreadable", "a folder that cannot be listed (permissions); "
                                          "the files in it were not read")
        if not path.is_file():
            raise SkipInput("unreadable", "not a regular file (pipe, socket or device)")
    except OSError as exc:
        raise SkipInput("unreadable", f"cannot read: {exc.strerror or exc}") from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            raise SkipInput("too_large", f"{size} bytes is over the max_file_bytes limit "
                                         f"({config.MAX_FILE_BYTES}); set PIPELINE_MAX_FILE_BYTES")
        return path.read_bytes()
    except OSError as exc:
        raise SkipInput("unreadable", f"cannot read: {exc.strerror or exc}") from None
