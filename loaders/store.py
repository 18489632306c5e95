"""Write parsed reports into DuckDB: all files of a call or none, never a half-written file.

The new database is built in a fresh temporary file beside the live one and moved over it
with os.replace once complete, so readers (the app opens it read-only) see the old file or
the new one, and a crash at any moment leaves the old one exactly as it was.

Reports are written as they arrive, a batch at a time, so a call's memory does not grow
with the number of files it ingests. The new file is built from scratch: the call's
documents first, then the old file's rows of every other document, copied table by table
(never DELETE + INSERT in place, which leaves freed blocks behind), so a rewritten
database is no larger than a fresh build of the same notices.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
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
WRITE_STEPS = 2  # steps write_reports reports after the last report: merge, flush to disk
BATCH_ROWS = 20_000  # indicator rows held before a batch is written
BATCH_REPORTS = 64
WRITER_MEMORY = "128MB"  # DuckDB's buffer pool in the writer: spills beyond, never grows
# One DuckDB thread in the writer: its appends are small and serial, and on a machine the
# parse workers keep busy, extra threads only spin: the write of 1000 notices took 7.8 CPU
# s with two threads, 3.3 with one (and less wall time), the same file.
WRITER_THREADS = 1
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()),
}


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
    reports: Iterable[ParsedReport | Packed], db_path: Path, progress: Progress | None = None
) -> None:
    """Replace these documents' rows (keyed by doc_id) in one atomic swap of the file.

    `reports` may be a generator (parsing as it goes): each is written into the new file
    when its batch is full and then dropped. An exception from it, or from the write,
    leaves the old file untouched. A doc_id given twice keeps the later report.
    """
    db_path = Path(db_path)
    with writer_lock(db_path):
        for stale in _stale_temps(db_path):  # left by a writer that was killed
            stale.unlink(missing_ok=True)
        tmp = db_path.with_name(f".{db_path.name}.tmp-{os.getpid()}")
        try:
            _build(tmp, reports, db_path if db_path.exists() else None, progress)
            _fsync(tmp)
            os.replace(tmp, db_path)
            _fsync(db_path.parent)
        finally:
            tmp.unlink(missing_ok=True)
            Path(str(tmp) + ".wal").unlink(missing_ok=True)


def _build(
    path: Path,
    reports: Iterable[ParsedReport | Packed],
    old: Path | None,
    progress: Progress | None,
) -> None:
    path.unlink(missing_ok=True)
    # Each batch commits to the WAL (so memory stays bounded: one long transaction keeps
    # its rows in memory) and the file is checkpointed once, at the end: checkpoints after
    # every few batches would rewrite row groups and leave freed blocks in the file.
    # Nothing is visible to anyone before the swap, so the batches need no transaction.
    conn = duckdb.connect(
        str(path),
        config={
            "memory_limit": WRITER_MEMORY,
            "checkpoint_threshold": "1TB",
            "threads": WRITER_THREADS,
        },
    )
    try:
        conn.execute(DDL)
        writer = _BatchWriter(conn)
        for report in reports:
            writer.add(report)
        writer.flush()
        if progress:
            progress(1, WRITE_STEPS, "合并原有通报")
        if old is not None:
            _attach_old(conn, old)
            _copy_other_documents(conn)
            conn.execute("DETACH old")
        conn.execute("CHECKPOINT")
        if progress:
            progress(2, WRITE_STEPS, "写入磁盘")
    finally:
        conn.close()


@dataclass
class Packed:
    """One parsed report as one typed Arrow table per table: what a parse worker sends
    back and the writer appends. Sending the rows as dicts and building the columns in the
    writer made the writer's process a third of an ingest's CPU, one process for all."""

    doc_id: str
    tables: dict[str, pa.Table]

    # Sent from a worker as one Arrow IPC stream per table: pickling the tables themselves
    # went through Python per buffer, 1.6 ms a notice in the worker and 1.35 ms in the
    # writer's process to undo; as IPC bytes, 0.26 and 0.74 ms, the same tables.
    def __getstate__(self) -> tuple[str, dict[str, bytes]]:
        return self.doc_id, {name: _to_ipc(table) for name, table in self.tables.items()}

    def __setstate__(self, state: tuple[str, dict[str, bytes]]) -> None:
        self.doc_id = state[0]
        self.tables = {name: pa.ipc.open_stream(data).read_all() for name, data in state[1].items()}


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return sink.getvalue().to_pybytes()


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[tuple[str, str]]]:
    """(name, DuckDB type) of each column of each table, from the DDL."""
    conn = duckdb.connect(config={"threads": 1})
    try:
        conn.execute(DDL)
        return {t: _columns(conn, t) for t in TABLES}
    finally:
        conn.close()


def pack(report: ParsedReport | Packed) -> Packed:
    """The report's rows as Arrow tables, each built by Arrow from the rows in one call
    (Table.from_pylist against the table's schema: 2.8× faster than a Python list per
    column, the same table)."""
    if isinstance(report, Packed):
        return report
    schemas = table_schemas()
    tables = {"documents": _arrow([report.doc], schemas["documents"])}
    for table, attr in ROW_LISTS.items():
        tables[table] = _arrow(getattr(report, attr), schemas[table])
    return Packed(report.doc["doc_id"], tables)


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """Each table's Arrow schema: its columns, in table order, as ARROW_TYPES maps them."""
    return {
        table: pa.schema([(name, ARROW_TYPES.get(sql_type)) for name, sql_type in columns])
        for table, columns in table_columns().items()
    }


def _arrow(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """Rows -> a table of the schema's columns (a key a row lacks is NULL, keys the
    schema lacks are left out); a figure's villages are a list, never NULL."""
    if "villages" in schema.names and any(row.get("villages") is None for row in rows):
        rows = [{**row, "villages": row.get("villages") or []} for row in rows]
    return pa.Table.from_pylist(rows, schema=schema)


class _BatchWriter:
    """Collects packed reports and appends them to the new file, one Arrow table per table."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        self.pending: dict[str, Packed] = {}
        self.pending_rows = 0
        self.written: set[str] = set()
        self.columns = {t: _columns(conn, t) for t in TABLES}

    def add(self, report: ParsedReport | Packed) -> None:
        packed = pack(report)
        doc_id = packed.doc_id
        if doc_id in self.written:  # the same notice again in this call: the later one wins
            for table in TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])  # noqa: S608 - constant names
            self.written.discard(doc_id)
        self.pending.pop(doc_id, None)
        self.pending[doc_id] = packed
        self.pending_rows += packed.tables["indicators"].num_rows
        if len(self.pending) >= BATCH_REPORTS or self.pending_rows >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch = list(self.pending.values())
        for table in TABLES:
            rows = pa.concat_tables([p.tables[table] for p in batch])
            _insert(self.conn, table, rows, self.columns[table])
        self.written.update(self.pending)
        self.pending.clear()
        self.pending_rows = 0


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column, in table order."""
    return [(c[0], c[1]) for c in conn.execute(f"DESCRIBE {table}").fetchall()]


def _insert(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    rows: pa.Table,
    columns: list[tuple[str, str]],
) -> None:
    """Append an Arrow table of this table's columns."""
    if not rows.num_rows:
        return
    conn.register("incoming", rows)
    try:
        names = ", ".join(f'"{name}"' for name, _ in columns)
        select = ", ".join(_cast(table, name) for name, _ in columns)
        conn.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM incoming")  # noqa: S608 - constants
    finally:
        conn.unregister("incoming")


def _cast(table: str, column: str) -> str:
    if table == "indicators" and column == "villages":
        return "CAST(villages AS VARCHAR[])"
    return f'"{column}"'


def _attach_old(conn: duckdb.DuckDBPyConnection, old: Path) -> None:
    literal = "'" + str(old.resolve()).replace("'", "''") + "'"
    conn.execute(f"ATTACH {literal} AS old (READ_ONLY)")


def _copy_other_documents(conn: duckdb.DuckDBPyConnection) -> None:
    """Copy every row of the old file (attached as `old`) whose document this call did
    not replace.

    Columns are matched by name (a column the old file lacks is left NULL), and tables
    the loader does not know are copied whole, so nothing of the old file is lost.
    """
    old_tables = {
        name: [c[0] for c in conn.execute(f"DESCRIBE old.main.{name}").fetchall()]  # noqa: S608 - names from the catalog
        for (name,) in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'old' "
            "AND schema_name = 'main'"
        ).fetchall()
    }
    conn.execute("CREATE TEMP TABLE new_ids AS SELECT doc_id FROM main.documents")
    for table, old_columns in old_tables.items():
        quoted = '"' + table.replace('"', '""') + '"'
        if table not in TABLES:
            conn.execute(f"CREATE TABLE main.{quoted} AS SELECT * FROM old.main.{quoted}")  # noqa: S608 - names from the catalog
            continue
        common = [n for n, _ in _columns(conn, table) if n in set(old_columns)]
        names = ", ".join(f'"{n}"' for n in common)
        conn.execute(
            f"INSERT INTO main.{table} ({names}) SELECT {names} FROM old.main.{table} "  # noqa: S608 - names from the catalog
            "WHERE doc_id NOT IN (SELECT doc_id FROM new_ids)"
        )
    conn.execute("DROP TABLE new_ids")


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
