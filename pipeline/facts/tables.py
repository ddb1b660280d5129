"""The facts stage's tables written: facts.parquet and deals.parquet, and a claims file with
its claims' fact and deal ids."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .. import config
from ..outputs import parquet, schema
from .build import Built


def write_facts(outputs: parquet.Outputs, built: Built, meta: dict | None) -> None:
    with outputs.stage(config.FACTS_FILE, schema.FACTS_SCHEMA, meta) as facts_out:
        facts_out.add([vars(f) for f in built.facts])
    with outputs.stage(config.DEALS_FILE, schema.DEALS_SCHEMA, meta) as deals_out:
        deals_out.add([vars(d) for d in built.deals])


def write_claims(outputs: parquet.Outputs, claims: Path, built: Built, meta: dict | None) -> None:
    """claims.parquet staged from the claims file `claims`, with their fact and deal ids."""
    with outputs.stage(config.CLAIMS_FILE, schema.CLAIMS_SCHEMA, meta) as claims_out:
        for batch in pq.ParquetFile(claims).iter_batches(batch_size=parquet.ROW_GROUP_ROWS):
            table = pa.Table.from_batches([batch])
            ids = table.column("claim_id").to_pylist()
            for name, of in (("fact_id", built.fact_of), ("deal_id", built.deal_of)):
                table = table.set_column(table.schema.get_field_index(name), name,
                                         pa.array([of.get(c) for c in ids], pa.string()))
            claims_out.add_table(table)
