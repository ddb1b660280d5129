"""Stage 6, outputs: the Parquet tables (schema: fields and descriptions; parquet: atomic
writing and reading) and the HTML report made from them (report)."""
