"""What every page starts from: the connection, the sidebar's filters, the chosen report."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb
import plotly.graph_objects as go
import streamlit as st

from board import charts, compare, narrow, queries
from board.db import FileSignature
from board.filters import Filters
from ui.cache import kept
from ui.database import connection_and_version, db_path
from ui.shell import filters_or_reroute

Result = TypeVar("Result")
log = logging.getLogger(__name__)
# Distinct (query, filters) results kept per server; each is a small DataFrame or dict.
QUERY_CACHE_ENTRIES = 512
# The modules whose read functions pages may cache: board.queries by bare name, the others
# as module.function (compare.item_changes).
QUERY_MODULES = {"queries": queries, "compare": compare}
# Threads that run a page's uncached queries side by side (PageContext.prefetch).
_PREFETCH = ThreadPoolExecutor(max_workers=4, thread_name_prefix="page-prefetch")


@kept(QUERY_CACHE_ENTRIES, copy=True)  # not st.cache_data: any viewer can clear that (ui.cache)
def _cached(
    _conn: duckdb.DuckDBPyConnection, version: tuple[str, FileSignature | None], name: str, args
):
    """One query's result per database file version, query and arguments.

    Every rerun (each widget click) would otherwise run every query of the page again.
    `version` is the file's path and signature, so a database the loader replaced is read
    afresh; the connection itself is not hashed (leading underscore).
    """
    module, _, attr = name.rpartition(".")
    if not module and narrow.applies(attr, args):  # a village of one report: no new plan
        return narrow.narrowed(attr, args, lambda n, a: _cached(_conn, version, n, a))
    return getattr(QUERY_MODULES[module or "queries"], attr)(_conn, *args)


@kept(128)  # the figure object itself, as st.cache_resource kept it
def _figure(
    _conn: duckdb.DuckDBPyConnection,
    version: tuple[str, FileSignature | None],
    build: str,
    query: str,
    args,
    extra,
) -> go.Figure:
    """A chart built from one cached query result, kept as the object itself.

    Building the per-unit panels costs more than the rest of a page; st.plotly_chart only
    reads the figure (to_dict copies it), so one object can serve every rerun and session.
    """
    return getattr(charts, build)(_cached(_conn, version, query, args), *extra)


def _query_name(fn: Callable) -> str:
    module = fn.__module__.rpartition(".")[2]
    return fn.__name__ if module == "queries" else f"{module}.{fn.__name__}"


def cached_query(fn: Callable[..., Result], *args: Any) -> Result:
    """fn(conn, *args) for a function of board.queries, cached across reruns (for the sidebar).

    The connection and the file version come together, so a result is never filed under
    a version it was not read from (the loader may replace the file at any moment).
    """
    conn, signature = connection_and_version()
    return _cached(conn, (str(db_path()), signature), _query_name(fn), args)


@dataclass(frozen=True)
class PageContext:
    conn: duckdb.DuckDBPyConnection
    filters: Filters
    doc: dict[str, object]
    version: tuple[str, FileSignature | None]

    def query(self, fn: Callable[..., Result], *args: Any) -> Result:
        """fn(conn, *args) for a function of board.queries, cached across reruns."""
        return _cached(self.conn, self.version, _query_name(fn), args)

    def prefetch(self, *calls: tuple[Any, ...]) -> None:
        """Run the listed queries (fn, *args) that are not cached yet, side by side.

        A filter never chosen before (a new village) ran every query of 总览 one after
        the other; DuckDB releases the GIL while a query runs, so they overlap on other
        cores. The page then reads each from the cache as before; a query that fails here
        is not cached and fails again, with its usual message, where the page reads it.
        """
        wanted = []
        for fn, *args in calls:
            name = _query_name(fn)
            if narrow.applies(name, tuple(args)):  # narrowed in pandas from these
                wanted += narrow.needs(name, tuple(args))
            else:
                wanted.append((name, tuple(args)))
        missing = [
            call
            for call in dict.fromkeys(wanted)
            if not _cached.holds(self.version, *call)  # type: ignore[attr-defined]
        ]
        if len(missing) > 1:  # one alone runs where the page reads it
            wait([_PREFETCH.submit(_cached, self.conn, self.version, *m) for m in missing])

    def figure(
        self, build: Callable[..., go.Figure], query: Callable, args: tuple, *extra: Any
    ) -> go.Figure:
        """build(query(conn, *args), *extra) for board.charts and board.queries, cached."""
        return _figure(self.conn, self.version, build.__name__, query.__name__, args, extra)


def page_context(page_file: str) -> PageContext:
    """The connection, the filters and the chosen report's metadata for this run.

    `page_file` is the calling page's __file__, to come back to it if Streamlit ran the
    page without dashboard.py (see ui.shell).
    """
    filters = filters_or_reroute(page_file)
    conn, signature = connection_and_version()
    version = (str(db_path()), signature)
    if filters.doc_id:
        doc = _cached(conn, version, "document_meta", (filters.doc_id,))
    else:  # 全部: a title naming how many notices, the latest date
        doc = _cached(conn, version, "all_documents_meta", ())
    return PageContext(conn, filters, doc, version)


@contextlib.contextmanager
def guarded(what: str) -> Iterator[None]:
    """Run one part of a page; if it fails, say so in a short Chinese line and log why.

    One bad value in a report used to take down the whole page for that report. st.stop,
    st.rerun and st.switch_page are BaseExceptions and pass through untouched.
    """
    try:
        yield
    except Exception:
        log.exception("page part failed: %s", what)
        st.error(f"{what}暂时无法显示，已记录错误；页面其余部分不受影响。")
