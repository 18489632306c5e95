"""The one place that opens the rectification database for reading."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import NamedTuple

import duckdb

log = logging.getLogger(__name__)

# What a viewer sees: no server path, no DuckDB text (a damaged file showed its absolute
# path and a checksum message to everyone). The detail goes to the log and to .detail.
MISSING_MESSAGE = "数据库文件不存在，请联系管理员导入通报。"
BROKEN_MESSAGE = "无法打开数据库，请联系管理员检查数据库文件。"


class DatabaseUnavailable(Exception):
    """The database could not be opened; str(e) is a generic message a viewer can read,
    `detail` what went wrong (for the log and the admin, never the page)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def _unavailable(message: str, detail: str) -> DatabaseUnavailable:
    log.error("database unavailable: %s", detail)
    return DatabaseUnavailable(message, detail)


class FileSignature(NamedTuple):
    """What changes when the loader replaces the database file (os.replace gives a new inode)."""

    inode: int
    mtime_ns: int
    size: int


def file_signature(path: Path) -> FileSignature | None:
    """The file's identity now, or None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return FileSignature(st.st_ino, st.st_mtime_ns, st.st_size)


CATALOG = "rectify"
# The loader's tables (loaders.schema.TABLES; not imported: the loader package is heavy).
TABLES = ("documents", "sections", "items", "indicators", "progress", "village_mentions")


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the database read-only; every failure becomes DatabaseUnavailable.

    The file is ATTACHed to a fresh in-memory connection rather than opened by path:
    DuckDB keeps one instance per path in a process, so opening the path again while an
    old connection lives would hand back the old file's data after the loader has
    replaced it. An attached file is opened anew each time.
    """
    path = Path(path)
    if not path.is_file():
        raise _unavailable(MISSING_MESSAGE, f"{path}: no such file")
    conn = duckdb.connect(":memory:")
    try:
        literal = "'" + str(path.resolve()).replace("'", "''") + "'"
        conn.execute(f"ATTACH {literal} AS {CATALOG} (READ_ONLY)")
        conn.execute(f"USE {CATALOG}")
        create_review_views(conn)
        # Touch every table once, so a damaged catalog is found here, at start, and not
        # halfway through drawing a page.
        for table in TABLES:
            conn.execute(f"SELECT count(*) FROM {CATALOG}.main.{table}").fetchone()  # noqa: S608
        return conn
    except duckdb.Error as exc:
        conn.close()
        raise _unavailable(BROKEN_MESSAGE, f"{path}: {type(exc).__name__}: {exc}") from exc


# Views over the loader's tables live in the in-memory catalog (the file is read-only);
# the search path finds the file's tables first, then these views.
SEARCH_PATH = f"SET search_path = '{CATALOG}.main,memory.main'"


def create_review_views(conn: duckdb.DuckDBPyConnection) -> None:
    """reviewed_indicators / reviewed_items: what every page reads (DESIGN: Reviews).

    Until verdicts are applied here, every reading is the machine's: review_state 机器识别.
    """
    for view, table in (("reviewed_indicators", "indicators"), ("reviewed_items", "items")):
        conn.execute(
            f"CREATE OR REPLACE VIEW memory.main.{view} AS "  # noqa: S608 - constant names
            f"SELECT t.*, '机器识别' AS review_state FROM {CATALOG}.main.{table} t"
        )
    conn.execute(SEARCH_PATH)


def cursor(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A fresh cursor for one query (a connection is not shared across threads)."""
    cur = conn.cursor()
    cur.execute(f"USE {CATALOG}")
    cur.execute(SEARCH_PATH)
    return cur


class LiveDatabase:
    """The current read-only connection to a file the loader may replace at any moment.

    Hands out one shared connection (callers take a cursor per query) and opens the file
    anew when its signature changes. A replaced connection is not closed here: other
    threads may still be reading through cursors taken from it; it goes when they do.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._signature: FileSignature | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection to the file as it is now; DatabaseUnavailable if there is none."""
        return self.current()[0]

    def current(self) -> tuple[duckdb.DuckDBPyConnection, FileSignature]:
        """The connection and the signature of the file version it reads, taken together.

        Use the signature as a cache key for query results: a signature stat'ed apart
        from the connection could name a newer file than the one that was read.
        """
        signature = file_signature(self.path)
        if signature is None:
            raise _unavailable(MISSING_MESSAGE, f"{self.path}: no such file")
        with self._lock:
            if self._conn is None or signature != self._signature:
                # Stat before open: if the file is replaced in between, this connection
                # may read a newer file than its signature says; the next call sees the
                # newest signature and opens again, so a key is never newer than its data.
                self._conn = connect(self.path)
                self._signature = signature
            return self._conn, signature
