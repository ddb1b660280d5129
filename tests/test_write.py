"""The output schema and the atomic writer."""
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.records import Claim
from pipeline.write import (ARTICLES_SCHEMA, CLAIMS_SCHEMA, FACTS_SCHEMA, Outputs, StreamWriter,
                            read_table)

CONTRACT_CLAIM_COLUMNS = (
    "claim_id article_id doc_hash source_path url title outlet published_at sentence char_start "
    "char_end surface metric value value_high unit qualifier vague item subject counterparty "
    "predicate when hedged hedge_cues attribution rule_id pipeline_version model").split()
PROJECT_CLAIM_COLUMNS = ["fact_id"]
CONTRACT_ARTICLE_COLUMNS = (
    "article_id source_path doc_hash title outlet published_at url n_chars n_claims status "
    "reason").split()


def test_claims_schema_has_every_contract_column_and_matches_the_record():
    assert CLAIMS_SCHEMA.names == CONTRACT_CLAIM_COLUMNS + PROJECT_CLAIM_COLUMNS
    assert list(Claim.__dataclass_fields__) == CLAIMS_SCHEMA.names


def test_articles_schema_has_every_contract_column():
    assert set(CONTRACT_ARTICLE_COLUMNS) <= set(ARTICLES_SCHEMA.names)


@pytest.mark.parametrize("schema", [CLAIMS_SCHEMA, ARTICLES_SCHEMA, FACTS_SCHEMA])
def test_every_field_is_described(schema):
    for field in schema:
        assert field.metadata and field.metadata[b"description"].strip(), field.name


def test_stream_writer_writes_row_groups(tmp_path):
    schema = pa.schema([("x", pa.int64())])
    with StreamWriter(tmp_path, "t.parquet", schema, row_group_rows=10) as w:
        for i in range(35):
            w.add([{"x": i}])
    meta = pq.ParquetFile(w.tmp).metadata
    assert meta.num_rows == 35 and meta.num_row_groups == 4
    assert read_table(w.tmp, schema)["x"].tolist() == list(range(35))


def test_outputs_are_replaced_together_or_not_at_all(tmp_path):
    schema = pa.schema([("x", pa.int64())])
    with Outputs(tmp_path) as out:
        out.stage("a.parquet", schema).add([{"x": 1}])
        out.stage("b.parquet", schema).add([{"x": 1}])
        out.temporary("scratch.parquet", schema).add([{"x": 0}])
    with pytest.raises(RuntimeError):
        with Outputs(tmp_path) as out:
            out.stage("a.parquet", schema).add([{"x": 2}])
            out.stage("b.parquet", schema).add([{"x": 2}])
            raise RuntimeError("killed mid-run")
    for name in ("a.parquet", "b.parquet"):
        assert read_table(tmp_path / name, schema)["x"].tolist() == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "b.parquet"]
