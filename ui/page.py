"""What every page starts from: the connection, the sidebar's filters, the chosen report."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from board import queries
from board.filters import Filters
from ui.database import connection
from ui.sidebar import current_filters


@dataclass(frozen=True)
class PageContext:
    conn: duckdb.DuckDBPyConnection
    filters: Filters
    doc: dict[str, object]


def page_context() -> PageContext:
    """The connection, the filters and the chosen report's metadata for this run."""
    conn = connection()
    filters = current_filters()
    doc = queries.document_meta(conn, filters.doc_id) if filters.doc_id else {}
    return PageContext(conn, filters, doc)
