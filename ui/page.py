"""What every page starts from: the connection, the sidebar's filters, the chosen report."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from board import queries
from board.filters import Filters
from ui.database import connection
from ui.shell import filters_or_reroute


@dataclass(frozen=True)
class PageContext:
    conn: duckdb.DuckDBPyConnection
    filters: Filters
    doc: dict[str, object]


def page_context(page_file: str) -> PageContext:
    """The connection, the filters and the chosen report's metadata for this run.

    `page_file` is the calling page's __file__, to come back to it if Streamlit ran the
    page without dashboard.py (see ui.shell).
    """
    filters = filters_or_reroute(page_file)
    conn = connection()
    doc = queries.document_meta(conn, filters.doc_id) if filters.doc_id else {}
    return PageContext(conn, filters, doc)
