"""A constant @media print stylesheet, so a browser's print of a page gives a clean A4 sheet.

On screen a table is a scrolling grid that shows about ten rows; paper gets every row
from print_table, a plain HTML table that only print shows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from board.text import html_text
from ui.cache import kept
from ui.widgets import figure_rows

PRINT_ONLY_KEY = "print_only"  # a container keyed print_only_* is drawn on paper only

# Constant CSS only: no report text ever goes into this string.
PRINT_CSS = """
<style>
[class*="st-key-print_only"] { display: none !important; }
@media print {
  [class*="st-key-print_only"] { display: block !important; }
  [data-testid="stExpander"] { display: none !important; }
  table.print-table { width: 100%; border-collapse: collapse; font-size: 9pt; break-inside: auto; }
  table.print-table th, table.print-table td { border: 1px solid #999; padding: 2px 4px;
    text-align: left; vertical-align: top; }
  table.print-table thead { display: table-header-group; }
  table.print-table tr { break-inside: avoid; }
  @page { size: A4; margin: 15mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="collapsedControl"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPageLink"],
  [data-testid="stElementToolbar"], .modebar-container, footer { display: none !important; }
  /* the status strip's counts and the headline figures' sources are links worth printing */
  [class*="st-key-printed_links"] [data-testid="stPageLink"] { display: block !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .main,
  [data-testid="stMainBlockContainer"], .block-container {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important;
    overflow: visible !important; height: auto !important;
  }
  [data-testid="stDataFrame"], [data-testid="stTable"], .js-plotly-plot,
  [data-testid="stMetric"], [data-testid="stPlotlyChart"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
"""


def print_stylesheet(extra_css: str = "") -> None:
    """Add the print stylesheet (and a page's own constant CSS) to the page, as one element
    that takes no room on screen."""
    st.html(PRINT_CSS + extra_css)


PRINTED_FIGURE_COLUMNS = {
    "item": "事项",
    "metric": "指标",
    "figure": "数值",
    "theme": "主题",
    "review_state": "核实状态",
}


def print_table(figures: pd.DataFrame, title: str, key: str, version: object = None) -> None:
    """Every figure as a plain table that appears only on paper (every cell escaped).

    With `version` (what identifies the rows: the database version and the filters), the
    HTML is built once and reused by every rerun and session that shows the same rows.
    """
    body = _table_html(figures, title, version) if version is not None else None
    with st.container(key=f"{PRINT_ONLY_KEY}_{key}"):
        st.html(body if body is not None else _html(figures, title))


@kept(64)
def _table_html(figures: pd.DataFrame, title: str, version: object) -> str:
    del version  # the cache key: figures are the rows read under it
    return _html(figures, title)


def _html(figures: pd.DataFrame, title: str) -> str:
    rows = figure_rows(figures)
    head = "".join(f"<th>{html_text(label)}</th>" for label in PRINTED_FIGURE_COLUMNS.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{html_text(row[c])}</td>" for c in PRINTED_FIGURE_COLUMNS) + "</tr>"
        for _, row in rows.iterrows()
    )
    return (
        f"<h3>{html_text(title)}</h3>"
        f'<table class="print-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )
