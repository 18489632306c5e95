"""Page building blocks: charts that lead to their sentence, figure tables, downloads."""

from __future__ import annotations

import html
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from board import export
from board.charts import chart_config
from board.filters import Filters
from board.text import figure_text, markdown_escape, markdown_text
from ui.page import guarded

SOURCE_PAGE = "pages/source.py"

LINK_COLUMN = st.column_config.LinkColumn("原文", display_text="查看原句", width="small")
FIGURE_COLUMNS = {
    "link": LINK_COLUMN,
    "metric": st.column_config.TextColumn("指标"),
    "value": st.column_config.NumberColumn("数值", format="%g"),
    "unit": st.column_config.TextColumn("单位", width="small"),
    "qualifier": st.column_config.TextColumn("限定", width="small"),
    "theme": st.column_config.TextColumn("主题"),
    "item_no": st.column_config.NumberColumn("事项", format="%d", width="small"),
    "period": st.column_config.TextColumn("时期"),
    "villages": st.column_config.ListColumn("村(社区)"),
    "sentence": st.column_config.TextColumn("原句", width="large"),
}


def figure_table(df: pd.DataFrame, key: str) -> None:
    """The figures as a table; each row links to its sentence in 原文."""
    if df.empty:
        st.info("暂无数据：当前筛选下没有指标。")
        return
    # Only the shown columns (and the figure's id) go to the browser: turning a frame into
    # Arrow is most of st.dataframe's cost, and the ledger draws one table per item.
    sent = [c for c in (*FIGURE_COLUMNS, "indicator_id") if c in df.columns]
    st.dataframe(
        df[sent],
        key=key,
        hide_index=True,
        column_order=list(FIGURE_COLUMNS),
        column_config=FIGURE_COLUMNS,
    )


def chart(fig: go.Figure, name: str, key: str) -> None:
    """Draw a figure; selecting a bar shows its sentence with a link to 原文."""
    event = st.plotly_chart(
        fig, key=key, config=chart_config(name), on_select="rerun", selection_mode="points"
    )
    points = event.selection.points if event and event.selection else []
    for point in points[:5]:
        link = (point.get("customdata") or [None])[0]
        if isinstance(link, str):
            sentence_link(
                link,
                label=f"查看所选指标的原句（{markdown_text(html.unescape(str(point.get('y', ''))))}）",
            )


def sentence_link(link: str, label: str = "在原文中查看") -> None:
    """A link to the 原文 page opened at one sentence (link from board.links.sentence_link)."""
    params = dict(parse_qsl(urlsplit(link).query))
    st.page_link(SOURCE_PAGE, label=label, icon=":material/article:", query_params=params)


# A snapshot's files are reused for this long: reruns (every click) would otherwise
# rebuild the Excel workbook each time, the slowest step of a page. Its time stamp says
# when the snapshot was made, at most this old.
SNAPSHOT_SECONDS = 60


@st.cache_data(ttl=SNAPSHOT_SECONDS, max_entries=64, show_spinner=False)
def _snapshot(
    _df: pd.DataFrame, rows: int, filters: Filters, source: str, published: object
) -> tuple[bytes, str, bytes, str]:
    """CSV and Excel bytes and file names of the figures; `rows` identifies `_df`."""
    del rows  # cache key only: which figures, in which order
    now = datetime.now()
    table = export.figure_table(_df)
    notes = export.snapshot_notes(filters, source, published, len(table), now)
    return (
        export.csv_bytes(table),
        export.snapshot_filename(published, filters, now, "csv"),
        export.xlsx_bytes(table, notes),
        export.snapshot_filename(published, filters, now, "xlsx"),
    )


def downloads(df: pd.DataFrame, filters: Filters, doc: dict[str, object], key: str) -> None:
    """CSV and Excel buttons for exactly the figures in `df`; if building them fails, one
    Chinese line says so and the rest of the page still draws."""
    with guarded("下载文件"):
        _download_buttons(df, filters, doc, key)


def _download_buttons(df: pd.DataFrame, filters: Filters, doc: dict[str, object], key: str) -> None:
    published = doc.get("published")
    source = str(doc.get("title") or doc.get("source_file") or "")
    # Which figures, in which order: one int, cheaper for the cache to hash than the rows.
    rows = hash((tuple(df["doc_id"]), tuple(df["indicator_id"])))
    csv_data, csv_name, xlsx_data, xlsx_name = _snapshot(df, rows, filters, source, published)
    left, right = st.columns(2)
    left.download_button(
        "下载 CSV",
        csv_data,
        key=f"{key}_csv",
        on_click="ignore",
        file_name=csv_name,
        mime="text/csv",
        icon=":material/download:",
    )
    right.download_button(
        "下载 Excel",
        xlsx_data,
        key=f"{key}_xlsx",
        on_click="ignore",
        file_name=xlsx_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
    )


def number_text(value: float, qualifier: object = None, unit: object = None) -> str:
    """331 处 / 约1900 亩 / 95.1 %: a figure as the report would say it."""
    return figure_text(value, qualifier, unit, grouped=True)


def headline_tile(theme: str, figures: pd.DataFrame) -> None:
    """One headline theme: its key figures, each naming the item and sentence it came from."""
    with st.container(border=True):
        st.subheader(markdown_text(theme))
        if figures.empty:
            st.caption("暂无数据")
            return
        for row in figures.itertuples():
            st.metric(
                label=markdown_text(row.metric),
                value=number_text(row.value, row.qualifier, row.unit),
            )
            where = f"第({int(row.item_no)})项" if pd.notna(row.item_no) else "总体情况"
            st.caption(f"来源：{where} · {markdown_escape(str(row.sentence)[:60])}…")
            if isinstance(row.link, str):
                sentence_link(row.link, label="查看原句")
