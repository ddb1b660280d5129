"""Stage 1, ingest: corpus files -> Article records (corpus: discovery and dispatch by suffix;
encoding: bytes -> text; common: the checks every reader shares; metadata: dates, fields, the
header of a text; sidecar: the corpus's metadata file; text, markdown, html, jsonl: one reader
per format)."""
from .common import SkipInput, clean_text, doc_hash, finish, unwrapped
from .corpus import count_articles, discover, read_corpus, read_path
from .encoding import decode
from .metadata import parse_date
from .sidecar import SIDECAR_NAMES, SidecarError, read_sidecar

__all__ = ["SIDECAR_NAMES", "SidecarError", "SkipInput", "clean_text", "count_articles", "decode",
           "discover", "doc_hash", "finish", "parse_date", "read_corpus", "read_path",
           "read_sidecar", "unwrapped"]
