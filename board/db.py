"""The one place that opens the rectification database for reading."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import NamedTuple

import duckdb

from board import reviews
from loaders import verdicts as verdict_store

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
    """What changes when the loader replaces the database file (os.replace gives a new inode).

    `verdicts` is the verdict store's change counter (LiveDatabase fills it), so results
    cached under a signature are read afresh once a reviewer records a verdict.
    """

    inode: int
    mtime_ns: int
    size: int
    verdicts: int = 0


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


def connect(path: Path, verdicts: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database read-only with the verdicts applied; failures become DatabaseUnavailable.

    `verdicts` is the verdict store (default: loaders.verdicts.default_store_path).

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
        create_review_views(conn, verdicts or verdict_store.default_store_path(path))
        # Touch every table once, so a damaged catalog is found here, at start, and not
        # halfway through drawing a page.
        for table in TABLES:
            conn.execute(f"SELECT count(*) FROM {CATALOG}.main.{table}").fetchone()  # noqa: S608
        return conn
    except sqlite3.Error as exc:
        conn.close()
        raise _unavailable("无法读取核实记录。", f"{verdicts}: {exc}") from exc
    except duckdb.Error as exc:
        conn.close()
        raise _unavailable(BROKEN_MESSAGE, f"{path}: {type(exc).__name__}: {exc}") from exc


# Views over the loader's tables live in the in-memory catalog (the file is read-only);
# the search path finds the file's tables first, then these views.
SEARCH_PATH = f"SET search_path = '{CATALOG}.main,memory.main'"


def create_review_views(conn: duckdb.DuckDBPyConnection, verdicts: Path) -> None:
    """reviewed_indicators / reviewed_items: what every page reads (DESIGN: Reviews).

    The loader's rows with reviewers' corrections applied, review_state ('机器识别',
    '已核实', '已更正', '有疑问') and the original reading in orig_* columns.
    """
    reviews.load_verdicts(conn, CATALOG, Path(verdicts))
    for statement in reviews.view_sql(CATALOG):
        conn.execute(statement)
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

    def __init__(self, path: Path, verdicts: Path | None = None) -> None:
        self.path = Path(path)
        self.verdicts = Path(verdicts) if verdicts else verdict_store.default_store_path(path)
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
        try:
            signature = signature._replace(verdicts=verdict_store.version(self.verdicts))
        except sqlite3.Error as exc:
            raise _unavailable("无法读取核实记录。", f"{self.verdicts}: {exc}") from exc
        with self._lock:
            if self._conn is None or signature != self._signature:
                # Stat before open: if the file is replaced in between, this connection
                # may read a newer file than its signature says; the next call sees the
                # newest signature and opens again, so a key is never newer than its data.
                self._conn = connect(self.path, self.verdicts)
                self._signature = signature
            return self._conn, signature
