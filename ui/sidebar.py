"""The shared sidebar filters: kept in session state across pages, mirrored to the URL."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from board import queries
from board.export import date_text
from board.filters import KIND_LABELS, QUERY_KEYS, Filters
from ui.cache import kept
from ui.database import connection_and_version, db_path
from ui.page import cached_query
from ui.pickers import MAX_QUERY, search_words

# Widget key of each Filters field.
WIDGET_KEYS = {name: f"filter_{name}" for name in QUERY_KEYS}
# The report choice that stands for every notice (?doc=all); Filters.doc_id is then None.
ALL = "all"
_URL_READ = "_filters_read_from_url"
_URL_DOC = "_doc_written_to_url"


def _url_filters() -> Filters:
    return Filters.from_query_params({k: st.query_params.get_all(k) for k in QUERY_KEYS.values()})


def _seed_from_url(docs: pd.DataFrame) -> None:
    """On a session's first run, put the URL's filters into the widgets (invalid ones dropped).

    Later, a link naming another report (a sentence of one notice, opened under 全部)
    switches the report choice to it.
    """
    if st.session_state.get(_URL_READ):
        url_doc = st.query_params.get(QUERY_KEYS["doc_id"])
        written = st.session_state.get(_URL_DOC)
        if url_doc and written and url_doc != written and url_doc in set(docs["doc_id"]):
            st.session_state[WIDGET_KEYS["doc_id"]] = url_doc
        return
    st.session_state[_URL_READ] = True
    wanted = _url_filters()
    if wanted.doc_id in set(docs["doc_id"]) or (wanted.doc_id == ALL and len(docs) > 1):
        st.session_state[WIDGET_KEYS["doc_id"]] = wanted.doc_id
    for name in ("themes", "topics", "items", "villages", "kinds", "periods"):
        if getattr(wanted, name):
            st.session_state[WIDGET_KEYS[name]] = list(getattr(wanted, name))
    if wanted.verified_only:
        st.session_state[WIDGET_KEYS["verified_only"]] = True


def _multiselect(label: str, name: str, options: list[str], fmt=str) -> tuple[str, ...]:
    key = WIDGET_KEYS[name]
    if key in st.session_state:  # a value from the URL or another report may not exist here
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.sidebar.multiselect(
        label, options, key=key, format_func=fmt, placeholder="全部", select_all=False
    )
    return tuple(chosen)


# Beyond this many reports the picker lists the newest (and the chosen one) and a search
# box finds the rest: at 1000 reports every name went to every session on every rerun
# (142 KB of a 237 KB first load).
PICKER_OPTIONS = 20
SEARCH_KEY = "filter_doc_search"


@kept(16)
def _report_labels(docs: pd.DataFrame, version: object) -> dict[str, str]:
    """doc_id -> 日期 标题, newest first, once per database version (docs: its documents)."""
    del version  # the cache key: docs is read from this version
    return {
        r.doc_id: f"{date_text(r.published)} {r.title or r.source_file}" for r in docs.itertuples()
    }


def _report_picker(docs: pd.DataFrame) -> str:
    """The report selectbox; with many reports, a search box and the matching newest ones."""
    _, signature = connection_and_version()
    labels = dict(_report_labels(docs, (str(db_path()), signature)))
    key = WIDGET_KEYS["doc_id"]
    options = list(labels)
    if len(options) > 1:  # 全部: pages that make sense across notices aggregate them
        labels[ALL] = f"全部（{len(options)} 份通报）"
    if len(options) > PICKER_OPTIONS:
        words = st.sidebar.text_input(
            "查找通报",
            key=SEARCH_KEY,
            placeholder="输入地名、标题或日期查找",
            help=f"共 {len(options)} 份通报；下拉框列出最新的 {PICKER_OPTIONS} 份或查找结果。",
            max_chars=MAX_QUERY,
        )
        words = search_words(words)
        matching = [d for d in options if all(w in labels[d] for w in words)]
        chosen = st.session_state.get(key)
        options = (matching or options)[:PICKER_OPTIONS]  # nothing found: the newest
        if chosen in labels and chosen != ALL and chosen not in options:
            options.insert(0, chosen)  # the report on screen stays choosable
        if words and not matching:
            st.sidebar.caption("没有找到匹配的通报。")
    if ALL in labels:
        options.append(ALL)
    return st.sidebar.selectbox(
        "通报", options, key=key, format_func=lambda d: labels[d], placeholder="选择通报"
    )


def sidebar_filters(conn: duckdb.DuckDBPyConnection) -> Filters | None:
    """Draw the filters and return them; None when the database holds no report."""
    del conn  # the cached queries take the live connection with its file version
    docs = cached_query(queries.documents)
    if docs.empty:
        st.sidebar.warning("数据库中还没有通报。")
        return None
    _seed_from_url(docs)
    st.sidebar.header("筛选", anchor=False)
    chosen = _report_picker(docs)
    doc_id = None if chosen == ALL else chosen
    options = cached_query(queries.filter_options, doc_id)
    items = cached_query(queries.item_options, doc_id)
    item_labels = dict(zip(items["key"], items["display"], strict=True))
    filters = Filters(
        doc_id=doc_id,
        themes=_multiselect("主题", "themes", options["themes"]),
        topics=_multiselect("议题", "topics", options["topics"]),
        items=_multiselect("整改事项", "items", list(item_labels), lambda k: item_labels[k]),
        villages=_multiselect("村(社区)", "villages", options["villages"]),
        kinds=_multiselect("类型", "kinds", options["kinds"], lambda k: KIND_LABELS.get(k, k)),
        periods=_multiselect("时期", "periods", options["periods"]),
        verified_only=st.sidebar.toggle(
            "只看已核实",
            key=WIDGET_KEYS["verified_only"],
            help="只显示核实员确认或更正过的数字与事项",
        ),
    )
    _mirror_to_url(filters, chosen)
    # Every page: how much of what it shows a reviewer has checked (DESIGN: Reviews).
    st.sidebar.caption(cached_query(queries.verified_line, filters))
    return filters


def _mirror_to_url(filters: Filters, doc_choice: str) -> None:
    """Write the filters to the query string so a copied link reproduces the view."""
    wanted = {**filters.to_query_params(), QUERY_KEYS["doc_id"]: doc_choice}
    st.session_state[_URL_DOC] = doc_choice
    for key in QUERY_KEYS.values():
        value = wanted.get(key)
        new = [value] if isinstance(value, str) else list(value or [])
        if st.query_params.get_all(key) == new:
            continue
        if new:
            st.query_params[key] = new
        elif key in st.query_params:
            del st.query_params[key]
