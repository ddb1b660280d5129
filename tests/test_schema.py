"""The output schema."""
import pytest

from pipeline.outputs.schema import (ARTICLES_SCHEMA, CLAIMS_SCHEMA, DEALS_SCHEMA,
                                     FACTS_SCHEMA)
from pipeline.records import Claim, Deal, Fact

CONTRACT_CLAIM_COLUMNS = (
    "claim_id article_id doc_hash source_path url title outlet published_at sentence char_start "
    "char_end surface metric value value_high unit qualifier vague item subject counterparty "
    "predicate relation roles_from when hedged hedge_cues attribution rule_id pipeline_version "
    "model").split()
PROJECT_CLAIM_COLUMNS = ["fact_id", "deal_id", "value_usd", "value_high_usd", "fx_rate",
                         "fx_date"]
CONTRACT_ARTICLE_COLUMNS = (
    "article_id source_path doc_hash title outlet published_at url n_chars n_claims status "
    "reason").split()


def test_claims_schema_has_every_contract_column_and_matches_the_record():
    assert CLAIMS_SCHEMA.names == CONTRACT_CLAIM_COLUMNS + PROJECT_CLAIM_COLUMNS
    assert list(Claim.__dataclass_fields__) == CLAIMS_SCHEMA.names


def test_articles_schema_has_every_contract_column():
    assert set(CONTRACT_ARTICLE_COLUMNS) <= set(ARTICLES_SCHEMA.names)


@pytest.mark.parametrize("schema", [CLAIMS_SCHEMA, ARTICLES_SCHEMA, FACTS_SCHEMA,
                                    DEALS_SCHEMA])
def test_every_field_is_described(schema):
    for field in schema:
        assert field.metadata and field.metadata[b"description"].strip(), field.name


def test_fact_and_deal_records_match_their_schemas():
    assert list(Fact.__dataclass_fields__) == FACTS_SCHEMA.names
    assert list(Deal.__dataclass_fields__) == DEALS_SCHEMA.names


def test_the_data_dictionary_beside_the_tables(sample_run):
    import pandas as pd

    from pipeline import config
    from pipeline.outputs.schema import FIELDS

    table = pd.read_csv(sample_run[0] / config.COLUMNS_FILE, keep_default_na=False)
    assert list(table.columns) == ["table", "column", "type", "unit", "description"]
    for name, fields in FIELDS.items():
        rows = table[table.table == name]
        assert rows.column.tolist() == [f[0] for f in fields]
        assert rows.description.tolist() == [f[2] for f in fields]
        assert rows.unit.tolist() == [f[3] or "" for f in fields]
