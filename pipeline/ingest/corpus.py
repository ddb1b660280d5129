"""Corpus folder -> Article records, one per file or JSONL line, whether readable or not."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .. import config
from ..records import Article
from .decode import SkipInput, decode, finish
from .html import _fill_from_html
from .jsonl import _jsonl_articles
from .markdown import _fill_from_markdown
from .text import _fill_from_text


def discover(corpus: Path) -> Iterator[Path]:
    """Every non-hidden file below `corpus`, sorted; symlinked folders are not entered, and a
    folder named like an input file ("notes.txt/") is an item of its own, not entered."""
    for root, dirs, files in os.walk(corpus, followlinks=False):
        odd = [d for d in dirs if Path(d).suffix.lower() in config.INPUT_SUFFIXES]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in odd)
        for name in sorted(files + odd):
            if not name.startswith("."):
                yield Path(root) / name


def read_corpus(corpus: Path) -> Iterator[Article]:
    """Articles of every file below `corpus`, in a stable order."""
    for path in discover(corpus):
        yield from read_path(path, corpus)


def read_path(path: Path, corpus: Path) -> Iterator[Article]:
    """The articles of one input file: one, or one per JSONL line; a row even when unreadable."""
    rel = path.relative_to(corpus).as_posix()
    suffix = path.suffix.lower()
    try:
        _check_path(path, corpus)
        if suffix in config.JSONL_SUFFIXES:
            yield from _jsonl_articles(path, rel)
            return
        raw = _read_bytes(path)
    except SkipInput as skip:
        yield Article(article_id=rel, source_path=rel, status=skip.status, reason=skip.reason)
        return
    article = Article(article_id=rel, source_path=rel)
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
    except SkipInput as skip:
        article.status, article.reason = skip.status, skip.reason
    yield finish(article)


def _check_path(path: Path, corpus: Path) -> None:
    """Refuse what is not a regular file inside the corpus: links leaving it, link loops,
    folders named like files, pipes and devices (reading those could block)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise SkipInput("unreadable", f"broken or looping symlink: {exc}") from None
        if not target.is_relative_to(corpus.resolve()):
            raise SkipInput("unreadable", "symlink points outside the corpus; not followed")
    if path.is_dir():
        raise SkipInput("unreadable", "a folder named like an input file; not entered")
    if not path.is_file():
        raise SkipInput("unreadable", "not a regular file (pipe, socket or device)")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            raise SkipInput("too_large", f"{size} bytes is over the max_file_bytes limit "
                                         f"({config.MAX_FILE_BYTES}); set PIPELINE_MAX_FILE_BYTES")
        return path.read_bytes()
    except OSError as exc:
        raise SkipInput("unreadable", f"cannot read: {exc.strerror or exc}") from None
