"""Finding, building on first start, and caching the read-only database connection."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import duckdb
import streamlit as st

from board.db import CATALOG, FileSignature, LiveDatabase
from ui.cache import kept

APP_ROOT = Path(__file__).resolve().parent.parent
REPORTS_DIR = APP_ROOT / "data" / "reports"
log = logging.getLogger(__name__)


def db_path() -> Path:
    """$RECTIFY_DB, else data/rectify.duckdb beside the app (not the working directory)."""
    configured = os.environ.get("RECTIFY_DB")
    return Path(configured) if configured else APP_ROOT / "data" / "rectify.duckdb"


def _live(path: str) -> LiveDatabase:
    """One LiveDatabase per path for the whole server; it reopens when the file is replaced."""
    return _live_database(None, path)


@kept(4)  # not st.cache_resource: any viewer can clear that (ui.cache), and reopening
def _live_database(_first: None, path: str) -> LiveDatabase:  # matches the verdicts again
    return LiveDatabase(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The shared read-only connection; queries take their own cursor from it."""
    return _live(str(db_path())).connection()


def connection_and_version() -> tuple[duckdb.DuckDBPyConnection, str]:
    """The connection and the version of the data it reads, for keying st.cache_data.

    The version is a hash of the rows, not of the file: an ingest that rewrote the file
    without changing any row (the same notices again) keeps every cached query and chart;
    one that changed any row changes it. It is computed once per file version.
    """
    conn, signature = _live(str(db_path())).current()
    # The verdict store's counter too: a verdict changes what every page shows (the views
    # apply it) without changing a row of the file.
    content = _content_version(conn, str(db_path()), signature._replace(verdicts=0))
    return conn, f"{content} verdicts={signature.verdicts}"


def verdicts_path() -> Path:
    """The verdict store the read side applies (loaders.verdicts.default_store_path)."""
    return _live(str(db_path())).verdicts


# Columns that change on every ingest without changing what any page shows.
VOLATILE_COLUMNS = {"ingested_at"}


@kept(8)  # not st.cache_resource: any viewer can clear that (ui.cache)
def _content_version(_conn: duckdb.DuckDBPyConnection, path: str, signature: FileSignature) -> str:
    """Row count and an order-free sum of row hashes of every table of the file."""
    del path, signature  # the cache key: one computation per file version
    cur = _conn.cursor()
    try:
        tables = [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                "ORDER BY table_name",
                [CATALOG],
            ).fetchall()
        ]
        parts = []
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            columns = [
                '"' + c[0].replace('"', '""') + '"'
                for c in cur.execute(f"DESCRIBE {CATALOG}.main.{quoted}").fetchall()  # noqa: S608 - names from the catalog
                if c[0] not in VOLATILE_COLUMNS
            ]
            parts.append(
                f"SELECT count(*), sum(hash({', '.join(columns)})::HUGEINT) "  # noqa: S608 - names from the catalog
                f"FROM {CATALOG}.main.{quoted}"
            )
        rows = cur.execute(" UNION ALL ".join(parts)).fetchall() if parts else []
    finally:
        cur.close()
    return repr(list(zip(tables, rows, strict=True)))


def ensure_database() -> bool:
    """Build the database from data/reports/* on first start, showing progress.

    Returns False (after showing why) when there is no database and it cannot be built.
    """
    path = db_path()
    if path.exists():
        return True
    reports = sorted(p for p in REPORTS_DIR.glob("*") if p.is_file())
    if not reports:
        log.error("no database at %s and no reports in %s", path, REPORTS_DIR)
        st.error("还没有数据库，也没有可导入的通报。请联系管理员。")
        return False
    try:
        from loaders import ReportError, ingest_files
    except ImportError as exc:
        log.error("loader unavailable: %s", exc)
        st.error("导入模块不可用，无法建立数据库。请联系管理员。")
        return False
    bar = st.progress(0.0, text="首次启动：正在从通报建立数据库……")

    def report_progress(done: int, total: int, name: str) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"正在导入 {name}（{done}/{total}）")

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ingest_files(reports, path, progress=report_progress)
    except ReportError as exc:
        log.error("building the database failed: %s", exc)
        st.error(f"建立数据库失败：{Path(exc.path).name}：{exc.reason}")
        return False
    bar.progress(1.0, text="数据库已建立")
    bar.empty()
    return True
