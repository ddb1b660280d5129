"""The atomic writer."""
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.outputs.parquet import Outputs, StreamWriter, read_table


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
