"""The corpus's metadata sidecar: `metadata.csv` or `metadata.jsonl` at the top of the corpus,
one row per input keyed by `path` (the file's path relative to the corpus), giving its title,
url, outlet (or source) and published_at (or date). A .txt corpus can say nothing else of its
articles; for any file the sidecar's values override the file's own, and a row for a JSONL file
applies to each of its records."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..records import Article
from .metadata import JSON_ALIASES, fill_meta

SIDECAR_NAMES = ("metadata.csv", "metadata.jsonl")
KEY = "path"


class SidecarError(ValueError):
    """The sidecar cannot be used: the run does not start (exit status 2)."""


def read_sidecar(corpus: Path) -> dict[str, dict]:
    """{path: {field: value}} from the corpus's sidecar; {} when there is none."""
    found = [corpus / name for name in SIDECAR_NAMES if (corpus / name).is_file()]
    if len(found) > 1:
        raise SidecarError(f"both {' and '.join(p.name for p in found)} in '{corpus}': keep one")
    if not found:
        return {}
    path = found[0]
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = (list(csv.DictReader(f)) if path.suffix == ".csv"
                    else [json.loads(line) for line in f if line.strip()])
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, csv.Error) as exc:
        raise SidecarError(f"metadata sidecar '{path}' is not readable: {exc}") from None
    known = {KEY, *(k for keys in JSON_ALIASES.values() for k in keys)}
    table = {}
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get(KEY), str) or not row[KEY]:
            raise SidecarError(f"metadata sidecar '{path}', row {number}: no '{KEY}' "
                               f"(the file's path relative to the corpus)")
        unknown = sorted(set(row) - known, key=str)
        if unknown:
            raise SidecarError(f"metadata sidecar '{path}', row {number}: unknown column(s) "
                               f"{', '.join(map(str, unknown))}; known: {', '.join(sorted(known))}")
        table[row[KEY]] = {k: v for k, v in row.items() if k != KEY}
    return table


def apply_sidecar(article: Article, meta: dict | None) -> None:
    if meta:
        fill_meta(article, meta)
    