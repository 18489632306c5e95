"""Hand-over between dashboard.py and the page it runs, for one script run.

Streamlit treats an app with a `pages/` folder beside its entry point as a legacy
multipage app until `st.navigation` has run once in the process; until then it may run
a page file directly, without dashboard.py (a cold server opened at a deep link, and
every AppTest rerun). A page then sends the run through dashboard.py and back.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from board.filters import Filters

_RUN = threading.local()  # a script run executes on one thread, page included
_RESUME = "_resume_page"
APP_ROOT = Path(__file__).resolve().parent.parent


def run_page(page: StreamlitPage, filters: Filters) -> None:
    """Run the chosen page with this run's filters available to it."""
    _RUN.filters = filters
    try:
        page.run()
    finally:
        _RUN.filters = None


def _current_query() -> dict[str, list[str]]:
    """The query string with every value of a repeated key (?notices=a&notices=b).

    A list of (key, value) pairs kept only the last value of each key: st.switch_page
    loads it like a dict.
    """
    return {key: st.query_params.get_all(key) for key in st.query_params}


def filters_or_reroute(page_file: str) -> Filters:
    """This run's filters; if dashboard.py did not run, go through it and come back."""
    filters = getattr(_RUN, "filters", None)
    if filters is not None:
        return filters
    st.session_state[_RESUME] = Path(page_file).resolve().relative_to(APP_ROOT).as_posix()
    st.switch_page(str(APP_ROOT / "dashboard.py"), query_params=_current_query())
    raise AssertionError("unreachable: st.switch_page stops the run")


def resume_page() -> None:
    """Called by dashboard.py after st.navigation: return to the page that was asked for."""
    target = st.session_state.pop(_RESUME, None)
    if target:
        st.switch_page(target, query_params=_current_query())
