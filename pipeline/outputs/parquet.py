"""The output tables written atomically (temp file in the same folder, then os.replace), in
row groups; read back with nullable pandas dtypes."""
from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP_ROWS = 5000
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


class StreamWriter:
    """Rows -> one Parquet file in row groups of `row_group_rows`, written to a temp file in
    `out` (removed again if the writing fails)."""

    def __init__(self, out: Path, name: str, schema: pa.Schema,
                 row_group_rows: int | None = None, metadata: dict | None = None):
        if metadata:
            schema = schema.with_metadata(metadata)
        self.schema, self.row_group_rows = schema, row_group_rows or ROW_GROUP_ROWS
        self.tmp = temp_file(out, name)
        self.rows: list[dict] = []
        self.writer = pq.ParquetWriter(self.tmp, schema)

    def __enter__(self) -> "StreamWriter":
        return self

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.row_group_rows:
            self.flush()

    def add_table(self, table: pa.Table) -> None:
        self.flush()
        self.writer.write_table(table.cast(self.schema))

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(to_table(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        if self.writer is not None:
            try:
                self.flush()
            finally:
                self.writer.close()
                self.writer = None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        finally:
            if exc_type is not None:
                self.tmp.unlink(missing_ok=True)


class Outputs:
    """The files of one run, staged as temp files in the output folder and put in place
    together at the very end: a reader, or a run killed at any moment, finds the previous
    outputs or the new ones, never half of one."""

    def __init__(self, out: Path):
        self.out = out
        self.staged: dict[str, StreamWriter] = {}
        self.scratch: list[StreamWriter] = []

    def stage(self, name: str, schema: pa.Schema, metadata: dict | None = None) -> StreamWriter:
        self.staged[name] = StreamWriter(self.out, name, schema, metadata=metadata)
        return self.staged[name]

    def temporary(self, name: str, schema: pa.Schema) -> StreamWriter:
        """A working file of this run, deleted at its end."""
        self.scratch.append(StreamWriter(self.out, name, schema))
        return self.scratch[-1]

    def __enter__(self) -> "Outputs":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        writers = [*self.staged.values(), *self.scratch]
        try:
            for writer in writers:
                writer.close()
            if exc_type is None:
                for name, writer in self.staged.items():
                    os.replace(writer.tmp, self.out / name)
        finally:
            for writer in writers:
                writer.tmp.unlink(missing_ok=True)


def temp_file(folder: Path, name: str) -> Path:
    """A new empty file in `folder` to write `name` into before it is moved in place (a reader
    never sees half a file), named .<name>.<random>.tmp."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
    return Path(tmp)


class OutputBusy(OSError):
    """Another run is writing into the same output folder."""


@contextmanager
def locked(out: Path):
    """The output folder, made if need be and locked for this run (an advisory lock on the
    folder itself, so no lock file is left behind): a second run into it fails at once instead
    of removing the first run's temporary files. At the end the run's temporary files are gone
    and a folder this run made and left empty (it stopped before writing) is removed again."""
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"another run is writing into '{out}'; wait for it to finish or "
                             "choose another --out") from None
        try:
            yield out
        finally:  # the lock is still ours: a temp file left here, even by Ctrl-C, is this run's
            remove_stale_temp_files(out)
            if made and not any(out.iterdir()):
                out.rmdir()
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str | bytes) -> None:
    """A small file put in place whole (temp file, then os.replace); no temp file is left when
    the writing fails."""
    tmp = temp_file(path.parent, path.name)
    try:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def remove_stale_temp_files(out: Path) -> None:
    """Temp files a killed run left behind (a finished run leaves none)."""
    if out.is_dir():
        for stale in out.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Nullable pandas dtypes: strings, Int64, boolean; timestamps stay UTC."""
    mapping = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(),
               pa.bool_(): pd.BooleanDtype()}
    return table.to_pandas(types_mapper=mapping.get)


def read_table(path: Path, schema: pa.Schema) -> pd.DataFrame:
    return to_pandas(pq.read_table(path, schema=schema))
