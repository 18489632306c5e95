"""Write parsed reports into DuckDB: all files of a call or none, never a half-written file.

The new database is built in a temporary file beside the live one and moved over it with
os.replace once complete, so readers (the app opens it read-only) see the old file or
the new one, and a crash at any moment leaves the old one exactly as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from loaders.extract import ParsedReport
from loaders.schema import DDL, TABLES

ROW_LISTS = {
    "sections": "sections",
    "items": "items",
    "indicators": "indicators",
    "progress": "progress",
    "village_mentions": "mentions",
}
Progress = Callable[[int, int, str], None]


def default_db_path() -> Path:
    """$RECTIFY_DB, else data/rectify.duckdb beside the code."""
    env = os.environ.get("RECTIFY_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data" / "rectify.duckdb"


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """One writer at a time: a second ingest waits for the first to finish."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _stale_temps(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f".{db_path.name}.tmp-*"))


def write_reports(
    reports: list[ParsedReport], db_path: Path, progress: Progress | None = None
) -> None:
    """Replace these documents' rows (keyed by doc_id) in one atomic swap of the file."""
    db_path = Path(db_path)
    with writer_lock(db_path):
        for stale in _stale_temps(db_path):  # left by a writer that was killed
            stale.unlink(missing_ok=True)
        tmp = db_path.with_name(f".{db_path.name}.tmp-{os.getpid()}")
        try:
            if db_path.exists():
                shutil.copyfile(db_path, tmp)
            _write_into(tmp, reports, progress)
            _fsync(tmp)
            os.replace(tmp, db_path)
            _fsync(db_path.parent)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)


def _write_into(path: Path, reports: list[ParsedReport], progress: Progress | None) -> None:
    unique = list({r.doc["doc_id"]: r for r in reports}.values())
    conn = duckdb.connect(str(path))
    try:
        conn.execute(DDL)
        conn.execute("BEGIN TRANSACTION")
        ids = pd.DataFrame({"doc_id": [r.doc["doc_id"] for r in unique]})
        conn.register("replaced_ids", ids)
        for table in TABLES:
            conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")  # noqa: S608 - table names are constants
        conn.unregister("replaced_ids")
        _insert(conn, "documents", [r.doc for r in unique])
        for n, (table, attr) in enumerate(ROW_LISTS.items(), start=1):
            rows = [row for r in unique for row in getattr(r, attr)]
            _insert(conn, table, rows)
            if progress:
                progress(n, len(ROW_LISTS), f"写入 {table}")
        conn.execute("COMMIT")
        conn.execute("CHECKPOINT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


# DuckDB column type -> Arrow type of the rows handed to it. Types come from the table,
# never from the data: a pandas frame let DuckDB infer each column from a sample of rows,
# so 10^5 figures whose first thousand had no qualifier failed (VARCHAR -> "NULL").
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    described = conn.execute(f"DESCRIBE {table}").fetchall()
    schema = pa.schema([(name, _arrow_type(kind)) for name, kind, *_ in described])
    columns = {name: [_cell(row.get(name), kind) for row in rows] for name, kind, *_ in described}
    incoming = pa.Table.from_pydict(columns, schema=schema)
    conn.register("incoming", incoming)
    try:
        select = ", ".join(_cast(table, name) for name in schema.names)
        conn.execute(f"INSERT INTO {table} SELECT {select} FROM incoming")  # noqa: S608 - constants
    finally:
        conn.unregister("incoming")


def _arrow_type(kind: str) -> pa.DataType:
    if kind not in ARROW_TYPES:
        raise TypeError(f"no Arrow type for DuckDB column type {kind}")
    return ARROW_TYPES[kind]


def _cell(value: object, kind: str) -> object:
    """A row's value as its column's type takes it (lists from tuples, NaN as NULL)."""
    if kind == "VARCHAR[]":
        return list(value or [])
    if isinstance(value, float) and value != value and kind != "DOUBLE":
        return None
    return value


def _cast(table: str, column: str) -> str:
    return f'"{column}"'


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
