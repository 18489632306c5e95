"""A server-wide LRU of query results and charts that Streamlit's "clear cache" cannot empty.

Streamlit 1.67 accepts a `clear_cache` message on any session's websocket and answers it
by clearing st.cache_data and st.cache_resource for every user (AppSession
._handle_clear_cache_request; no configuration turns it off). One viewer could so make
every next page run all its queries again (11 s instead of 1.3 s). Results keyed by the
database file's signature never go stale, so they live here instead, out of its reach.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd


def kept(
    max_entries: int, copy: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Memoise fn on all arguments but the first (a connection, like st.cache_data's `_conn`).

    With copy, a DataFrame or dict is handed out as a copy (as st.cache_data does), so a
    caller changing its result cannot change what the next caller gets.
    """

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        entries: OrderedDict[tuple, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def cached(first: Any, *args: Any) -> Any:
            with lock:
                if args in entries:
                    entries.move_to_end(args)
                    return _out(entries[args], copy)
            value = fn(first, *args)  # outside the lock: other sessions go on meanwhile
            with lock:
                entries[args] = value
                entries.move_to_end(args)
                while len(entries) > max_entries:
                    entries.popitem(last=False)
            return _out(value, copy)

        cached.cache_clear = entries.clear  # type: ignore[attr-defined]
        cached.holds = lambda *args: args in entries  # type: ignore[attr-defined]
        return cached

    return wrap


def _out(value: Any, copy: bool) -> Any:
    if copy and isinstance(value, pd.DataFrame):
        return value.copy()
    if copy and isinstance(value, dict):
        return dict(value)
    return value
