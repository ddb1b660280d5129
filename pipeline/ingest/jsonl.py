"""JSONL (.jsonl): one article per line, streamed; a row for every line, readable or not."""
from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Iterator

from .. import config
from ..records import Article
from .common import SkipInput, clean_field, clean_text, finish
from .encoding import WIDE_BOMS, decode
from .metadata import fill_meta
from .sidecar import apply_sidecar

JSON_TEXT_KEYS = ("text", "body", "content")


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(line number, UTF-8 bytes) of a JSONL file, streamed; a UTF-16/32 file (by its BOM, as
    Windows PowerShell writes) is recoded line by line; None for a line over max_file_bytes,
    which is skipped without being held in memory."""
    limit = config.MAX_FILE_BYTES
    with open(path, "rb") as raw:
        head = raw.read(4)
        raw.seek(0)
        wide = next((enc for bom, enc in WIDE_BOMS if head.startswith(bom)), None)
        f = codecs.EncodedFile(raw, "utf-8", wide, errors="replace") if wide else raw
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
            elif line.strip():
                yield number, line


def count_records(path: Path) -> int:
    """Rows a JSONL file gives: one per record, one when it has none or cannot be read."""
    try:
        return max(1, sum(1 for _ in _jsonl_lines(path)))
    except OSError:
        return 1


def _jsonl_articles(path: Path, rel: str, ids: set[str], extra: dict | None = None
                    ) -> Iterator[Article]:
    """The file's records; `ids` holds the article ids taken so far in the corpus: a record
    whose id is taken keeps its line id (<file>#<line>), with a reason; `extra`: the file's
    sidecar metadata."""
    try:
        records = 0
        for records, raw in enumerate(_jsonl_lines(path), 1):
            yield _jsonl_article(*raw, rel, ids, extra)
        if not records:
            yield Article(article_id=rel, source_path=rel, status="empty",
                          reason="no JSON record in the file")
    except OSError as exc:
        yield Article(article_id=rel, source_path=rel, status="unreadable",
                      reason=f"cannot read: {exc.strerror or exc}")


def _jsonl_article(number: int, raw: bytes | None, rel: str, ids: set[str],
                   extra: dict | None) -> Article:
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
    except RecursionError:
        return fail("error", "JSON nested too deeply")
    except ValueError as exc:  # an integer of more than 4,300 digits
        return fail("error", f"unreadable JSON value ({exc})")
    if not isinstance(record, dict):
        return fail("error", "not a JSON object")
    record_id = record.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and record_id != "":
        record_id = clean_field(str(record_id))
        if record_id in ids:
            article.reason = f"id '{record_id}' is taken by an earlier article; line id used"
        elif len(record_id) > config.MAX_FIELD_CHARS:
            article.reason = f"id over {config.MAX_FIELD_CHARS} characters; line id used"
        else:
            article.article_id = record_id
    body = next((record[k] for k in JSON_TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None:
        return fail("error", "no 'text' field (nor 'body' or 'content')")
    article.text = clean_text(body)
    fill_meta(article, record)
    apply_sidecar(article, extra)
    return finish(article)
