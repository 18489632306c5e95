"""整改指标看板: entry point (`streamlit run dashboard.py`): navigation and shared filters."""

import logging
from pathlib import Path

import duckdb
import streamlit as st

from board.db import BROKEN_MESSAGE, DatabaseUnavailable
from board.filters import Filters
from ui.auth import locked_page, may, sidebar_control
from ui.chrome import chinese_chrome
from ui.database import connection, ensure_database
from ui.page import guarded
from ui.shell import resume_page, run_page
from ui.sidebar import sidebar_filters
from ui.warmup import freeze_heap_once, warm_up_frontend

# An emoji favicon is drawn in the page; a :material/…: one is fetched from fonts.gstatic.com
# by every viewer's browser (a request off this server on each page load).
st.set_page_config(page_title="整改指标看板", page_icon="📋", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
    st.Page("pages/themes.py", title="主题", icon=":material/category:", url_path="themes"),
    st.Page(
        "pages/villages.py", title="村(社区)", icon=":material/home_work:", url_path="villages"
    ),
    st.Page("pages/ledger.py", title="整改台账", icon=":material/checklist:", url_path="ledger"),
    st.Page("pages/source.py", title="原文", icon=":material/article:", url_path="source"),
    st.Page("pages/compare.py", title="对比", icon=":material/compare_arrows:", url_path="compare"),
    st.Page("pages/export.py", title="导出", icon=":material/download:", url_path="export"),
]

# Listed only for the roles that may use them (others meet a hidden stand-in asking them to
# sign in, ui.auth.locked_page); each page checks the role again itself
# (ui.auth.require_role), whatever URL or websocket message asked for it.
IMPORT_PAGE = st.Page(
    "pages/import_reports.py", title="导入", icon=":material/upload_file:", url_path="import"
)
REVIEW_FILE = Path(__file__).resolve().parent / "pages" / "review.py"

REVIEW_ICON, IMPORT_ICON = ":material/fact_check:", ":material/upload_file:"
restricted = []
if REVIEW_FILE.exists():
    if may("reviewer"):
        restricted.append(
            st.Page("pages/review.py", title="核实", url_path="review", icon=REVIEW_ICON)
        )
    else:  # a link to 核实 opened before signing in: a Chinese sign-in, not "Page not found"
        restricted.append(locked_page("reviewer", "核实", "review", REVIEW_ICON))
restricted.append(
    IMPORT_PAGE if may("admin") else locked_page("admin", "导入", "import", IMPORT_ICON)
)
chinese_chrome()  # the uploader's and text inputs' English hints, in Chinese
page = st.navigation(PAGES + restricted)
resume_page()
sidebar_control()

filters = None
if ensure_database():
    try:
        filters = sidebar_filters(connection())
    except DatabaseUnavailable as exc:
        st.error(str(exc))
    except duckdb.Error:  # a damaged block the start-up check did not read
        logging.getLogger("ui.page").error("sidebar query failed", exc_info=True)
        st.error(BROKEN_MESSAGE)
    else:
        if filters is None and page is not IMPORT_PAGE:
            st.info("数据库中还没有通报，请先用 `python -m loaders ingest 文件` 导入。")
warm_up_frontend()  # charts' and tables' browser code, loaded after the first paint
if filters is None and page is not IMPORT_PAGE:
    st.stop()

with guarded(page.title):  # a failing page says so in Chinese and logs the detail
    run_page(page, filters or Filters())  # 导入 also works on an empty database
freeze_heap_once()  # the first run's heap out of the full collector's walks
