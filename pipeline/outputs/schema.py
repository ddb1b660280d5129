"""The output tables' schemas: one field table each (name, type, description, unit), the
explicit pyarrow schemas made from them, and their column references (describe, README)."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

# name, type, description, unit (PUDL-style: every column documented in one table)
CLAIM_FIELDS = [
    ("claim_id", pa.string(), "Stable id: same article, text and span give the same id", None),
    ("article_id", pa.string(), "Article id: path relative to the corpus, or the JSONL record id "
     "(else <file>#<line>)", None),
    ("doc_hash", pa.string(), "SHA-256 (16 hex) of the article's whitespace-folded NFKC text", None),
    ("source_path", pa.string(), "Input file, relative to the corpus root", None),
    ("url", pa.string(), "Article URL when known", None),
    ("title", pa.string(), "Article title when known", None),
    ("outlet", pa.string(), "Publishing outlet when known", None),
    ("published_at", TS, "Publication time (UTC) when known", None),
    ("sentence", pa.string(), "The sentence the figure stands in", None),
    ("char_start", pa.int64(), "Start offset of surface in the article text", "characters"),
    ("char_end", pa.int64(), "End offset (exclusive): text[char_start:char_end] == surface",
     "characters"),
    ("surface", pa.string(), "The figure as written, qualifier included", None),
    ("metric", pa.string(), "money / power / energy / chips / count / stake / percent", None),
    ("value", pa.float64(), "Normalised value (low end of a range)", "see unit"),
    ("value_high", pa.float64(), "High end of a range, else null", "see unit"),
    ("unit", pa.string(), "ISO 4217 code for money, W, Wh, percent, the chip kind (GPUs / TPUs / "
     "accelerators / chips) or the counted noun", None),
    ("qualifier", pa.string(), "exact / at_least / at_most / approx / range", None),
    ("vague", pa.bool_(), "True for magnitudes without a number ('billions'); value is the "
     "order of magnitude", None),
    ("item", pa.string(), "What is measured or counted, when stated (a chip family, ...)", None),
    ("subject", pa.string(), "Who pays or takes: investor, buyer or user, acquirer, grantor, "
     "holder; or whose value, revenue or spending it is (canonical names, several joined by '; ')",
     None),
    ("counterparty", pa.string(), "Who is paid or provides: investee, seller or provider, target, "
     "company whose shares are held; null for a company's own figures", None),
    ("predicate", pa.string(), "Governing verb or noun lemma", None),
    ("relation", pa.string(), "investment / funding_round / purchase / lease / supply / "
     "acquisition / grant / valuation / revenue / capex / stock_move / market_size / other", None),
    ("roles_from", pa.string(), "Where subject and counterparty were read: sentence (the "
     "figure's own), nearby (a sentence before it), article (its main organisation); null if "
     "none", None),
    ("when", pa.string(), "Period the figure refers to, ISO-like (2023, 2025-11, 2026-H2)", None),
    ("hedged", pa.bool_(), "Reported as uncertain or prospective", None),
    ("hedge_cues", pa.list_(pa.string()), "Words that made it hedged", None),
    ("attribution", pa.string(), "Who the text credits for the figure", None),
    ("rule_id", pa.string(), "Id of the rule in pipeline/patterns that produced the row", None),
    ("pipeline_version", pa.string(), "Version of this pipeline", None),
    ("model", pa.string(), "spaCy model name-version", None),
    ("fact_id", pa.string(), "The fact (facts.parquet) this claim is a report of; null only for "
     "vague figures", None),
    ("deal_id", pa.string(), "The deal (deals.parquet) of its fact, when the fact is part of "
     "one", None),
    ("value_usd", pa.float64(), "Money: value in US dollars at fx_rate; null for other metrics "
     "and for currencies the ECB does not quote", "USD"),
    ("value_high_usd", pa.float64(), "Money: value_high in US dollars at fx_rate", "USD"),
    ("fx_rate", pa.float64(), "Money: US dollars per unit of the currency, ECB euro reference "
     "rates (1 for USD)", "USD per unit"),
    ("fx_date", pa.date32(), "Money: day of the ECB rate used: the publication date (else the "
     "run's date), or the last ECB business day before it; the nearest day the shipped data "
     "covers when it lies outside", None),
]

HISTORY_ENTRY = pa.struct([
    ("date", TS), ("article_id", pa.string()), ("outlet", pa.string()), ("value", pa.float64()),
    ("value_high", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string()),
    ("hedged", pa.bool_()),
])

FACT_FIELDS = [
    ("fact_id", pa.string(), "Stable id of the fact: same corpus, same id", None),
    ("deal_id", pa.string(), "The deal (deals.parquet) the fact belongs to; null for a fact in "
     "no deal (one party, or no relation of a deal)", None),
    ("subject", pa.string(), "Organisation the fact is about (canonical name), as most reports "
     "have it; null when no report names one", None),
    ("counterparty", pa.string(), "Other organisation, when any report names one", None),
    ("relation", pa.string(), "Kind of relation (claims.relation), the most reported", None),
    ("metric", pa.string(), "money / power / energy / chips / count / stake / percent", None),
    ("item", pa.string(), "What is measured, the most reported item", None),
    ("when", pa.string(), "Period, the most specific one reported", None),
    ("value", pa.float64(), "Consensus value: the value most reports give", "see unit"),
    ("value_min", pa.float64(), "Lowest value reported for the fact (in its unit)", "see unit"),
    ("value_max", pa.float64(), "Highest value reported (a range's high end included)",
     "see unit"),
    ("unit", pa.string(), "Unit of the values (as in claims.unit; the most reported currency)",
     None),
    ("value_usd", pa.float64(), "Consensus value in US dollars (money, when the claims carry "
     "value_usd)", "USD"),
    ("hedged", pa.bool_(), "Every report hedges it (talks, plans, options): not confirmed yet",
     None),
    ("hedged_share", pa.float64(), "Share of its claims that are hedged", "fraction"),
    ("n_claims", pa.int64(), "Claims (mentions) grouped into the fact", "claims"),
    ("n_articles", pa.int64(), "Articles reporting it", "articles"),
    ("n_outlets", pa.int64(), "Distinct known outlets reporting it", "outlets"),
    ("n_independent", pa.int64(), "Independent reports: articles after folding near-duplicate "
     "(syndicated) copies into one", "reports"),
    ("first_seen", TS, "Earliest publication time among its articles", None),
    ("last_seen", TS, "Latest publication time among its articles", None),
    ("first_confirmed", TS, "Earliest publication time of an unhedged report; null while every "
     "report hedges it", None),
    ("status", pa.string(), "corroborated (2+ independent reports) / single_source / "
     "conflicting (another fact about the same parties, measure and period gives an "
     "incompatible value)", None),
    ("reason", pa.string(), "Machine-readable reason for conflicting: "
     "'value_conflict:<fact_id>[,<fact_id>...]'", None),
    ("conflicts_with", pa.list_(pa.string()), "The facts it disagrees with (empty unless "
     "conflicting)", None),
    ("status_now", pa.string(), "active / revised (a later report changed the figure) / "
     "cancelled (a report says the deal was dropped)", None),
    ("status_now_article", pa.string(), "The article that reports the revision or "
     "cancellation", None),
    ("history", pa.list_(HISTORY_ENTRY), "Its reports in publication order (undated last): "
     "date, article_id, outlet, value, value_high, unit, qualifier, hedged; one entry per "
     "distinct report of an article", None),
    ("claim_ids", pa.list_(pa.string()), "The claims grouped into the fact", None),
    ("article_ids", pa.list_(pa.string()), "The articles reporting it", None),
]

DEAL_FIELDS = [
    ("deal_id", pa.string(), "Stable id of the deal: same corpus, same id", None),
    ("subject", pa.string(), "First party (investor, buyer, acquirer...) as most of its facts "
     "have it", None),
    ("counterparty", pa.string(), "Second party", None),
    ("relation", pa.string(), "Kind of relation, the most reported among its facts", None),
    ("money", pa.float64(), "Headline money: consensus value of its most reported money fact",
     "see money_unit"),
    ("money_high", pa.float64(), "High end of the headline money when reports give a range or "
     "higher values, else null", "see money_unit"),
    ("money_unit", pa.string(), "Currency of money", None),
    ("money_usd", pa.float64(), "Headline money in US dollars (when the claims carry "
     "value_usd)", "USD"),
    ("power", pa.float64(), "Headline power: consensus value of its most reported power fact",
     "W"),
    ("power_high", pa.float64(), "High end of the headline power, else null", "W"),
    ("chips", pa.float64(), "Headline chip count: its most reported chips fact", "chips"),
    ("chips_high", pa.float64(), "High end of the headline chip count, else null", "chips"),
    ("n_facts", pa.int64(), "Facts of the deal (every metric)", "facts"),
    ("n_articles", pa.int64(), "Articles reporting it", "articles"),
    ("n_independent", pa.int64(), "Independent reports (near-duplicate copies folded)",
     "reports"),
    ("first_seen", TS, "Earliest publication time among its articles", None),
    ("last_seen", TS, "Latest publication time among its articles", None),
    ("first_confirmed", TS, "Earliest unhedged report of any of its facts", None),
    ("status", pa.string(), "conflicting (a fact of it is) / corroborated (2+ independent "
     "reports) / single_source", None),
    ("status_now", pa.string(), "active / revised / cancelled, from its latest reports", None),
    ("status_now_article", pa.string(), "The article that reports the revision or "
     "cancellation", None),
    ("fact_ids", pa.list_(pa.string()), "Its facts", None),
    ("article_ids", pa.list_(pa.string()), "The articles reporting it", None),
]

ARTICLE_FIELDS = [
    ("article_id", pa.string(), "Article id (see claims.article_id)", None),
    ("source_path", pa.string(), "Input file, relative to the corpus root", None),
    ("doc_hash", pa.string(), "SHA-256 (16 hex) of the whitespace-folded NFKC text; null when "
     "nothing was read", None),
    ("title", pa.string(), "Title when known", None),
    ("outlet", pa.string(), "Outlet when known", None),
    ("published_at", TS, "Publication time (UTC) when known", None),
    ("url", pa.string(), "URL when known", None),
    ("n_chars", pa.int64(), "Length of the ingested text", "characters"),
    ("n_claims", pa.int64(), "Rows of claims.parquet from this article", "claims"),
    ("status", pa.string(), "ok / duplicate / empty / unreadable / not_text / not_english / "
     "not_article / too_large / error", None),
    ("reason", pa.string(), "Why the status is not ok, in words", None),
    ("story_id", pa.string(), "Near-duplicate group: articles whose texts are near copies "
     "(syndication) share it; null when the article was not read", None),
    ("text", pa.string(), "The article text as ingested: char offsets index this", None),
]


def schema_of(fields) -> pa.Schema:
    return pa.schema([
        pa.field(name, typ, metadata={"description": desc, **({"unit": unit} if unit else {})})
        for name, typ, desc, unit in fields
    ])


CLAIMS_SCHEMA = schema_of(CLAIM_FIELDS)
ARTICLES_SCHEMA = schema_of(ARTICLE_FIELDS)
FACTS_SCHEMA = schema_of(FACT_FIELDS)
DEALS_SCHEMA = schema_of(DEAL_FIELDS)
FIELDS = {"claims": CLAIM_FIELDS, "articles": ARTICLE_FIELDS, "facts": FACT_FIELDS,
          "deals": DEAL_FIELDS}


def describe(fields) -> pd.DataFrame:
    """A field table (CLAIM_FIELDS, ...) as a DataFrame: column, type, unit, description."""
    return pd.DataFrame([{"column": n, "type": str(t), "unit": u or "", "description": d}
                         for n, t, d, u in fields])


def markdown_reference(fields) -> str:
    """The README's column reference, made from the schema so that it cannot drift."""
    lines = ["| column | type | unit | description |", "|---|---|---|---|"]
    lines += [f"| {n} | {t} | {u or ''} | {d} |" for n, t, d, u in fields]
    return "\n".join(lines)


def data_dictionary() -> str:
    """Every column of every output table as CSV (table, column, type, unit, description), for
    readers that show Parquet types but not the field metadata (polars, duckdb)."""
    frame = pd.concat([describe(fields).assign(table=table) for table, fields in FIELDS.items()])
    return frame[["table", "column", "type", "unit", "description"]].to_csv(index=False)
