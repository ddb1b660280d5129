"""JSONL (.jsonl): one article per line, streamed; a row for every line, readable or not."""
from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Iterator

from .. import config
from ..records import Article
from .decode import SkipInput, _fill_meta, clean_text, decode, finish

JSON_TEXT_KEYS = ("text", "body", "content")


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of a JSONL file, streamed; None for a line over max_file_bytes,
    which is skipped without being held in memory."""
    limit = config.MAX_FILE_BYTES
    with open(path, "rb") as f:
        number = 0
        while True:
            line = f.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := f.readline(limit)) and not rest.endswith(b"\n"):
                    pass
                yield number, None
            else:
                yield number, line


def _jsonl_articles(path: Path, rel: str) -> Iterator[Article]:
    try:
        for number, raw in _jsonl_lines(path):
            if raw is not None and not raw.strip():
                continue
            yield _jsonl_article(number, raw, rel)
    except OSError as exc:
        yield Article(article_id=rel, source_path=rel, status="unreadable",
                      reason=f"cannot read: {exc.strerror or exc}")


def _jsonl_article(number: int, raw: bytes | None, rel: str) -> Article:
    article = Article(article_id=f"{rel}#{number}", source_path=rel)

    def fail(status: str, reason: str) -> Article:
        article.status, article.reason = status, f"line {number}: {reason}"
        return article

    if raw is None:
        return fail("too_large", f"over the max_file_bytes limit ({config.MAX_FILE_BYTES}) "
                                 "for one JSONL line; set PIPELINE_MAX_FILE_BYTES")
    try:
        record = json.loads(decode(raw.removeprefix(codecs.BOM_UTF8)))
    except SkipInput as skip:
        return fail(skip.status, skip.reason)
    except json.JSONDecodeError as exc:
        return fail("error", f"invalid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return fail("error", "not a JSON object")
    if record.get("id") not in (None, ""):
        article.article_id = str(record["id"])
    body = next((record[k] for k in JSON_TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None:
        return fail("error", "no 'text' field (nor 'body' or 'content')")
    article.text = clean_text(body)
    _fill_meta(article, record)
    return finish(article)
