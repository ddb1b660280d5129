"""Stage 1, ingest: corpus files -> Article records (corpus: discovery and dispatch by suffix;
decode: bytes -> text and the shared checks; text, markdown, html, jsonl: one reader per format)."""
from .corpus import discover, read_corpus, read_path
from .decode import SkipInput, clean_text, decode, doc_hash, finish, parse_date

__all__ = ["SkipInput", "clean_text", "decode", "discover", "doc_hash", "finish", "parse_date",
           "read_corpus", "read_path"]
