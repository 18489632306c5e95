"""A constant @media print stylesheet, so a browser's print of a page gives a clean A4 sheet."""

from __future__ import annotations

import streamlit as st

# Constant CSS only: no report text ever goes into this string.
PRINT_CSS = """
<style>
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="collapsedControl"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPageLink"],
  [data-testid="stElementToolbar"], .modebar-container, footer { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .main,
  [data-testid="stMainBlockContainer"], .block-container {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important;
    overflow: visible !important; height: auto !important;
  }
  [data-testid="stDataFrame"], [data-testid="stTable"], table, .js-plotly-plot,
  [data-testid="stMetric"], [data-testid="stPlotlyChart"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
"""


def print_stylesheet() -> None:
    """Add the print stylesheet to the page (takes no room on screen)."""
    st.html(PRINT_CSS)
