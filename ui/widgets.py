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
from board.labels import OVERALL, as_read, change_word, shown, written_figure
from board.text import markdown_text
from ui.deferred import deferred
from ui.page import guarded

SOURCE_PAGE = "pages/source.py"

LINK_COLUMN = st.column_config.LinkColumn("原文", display_text="查看原句", width="small")
# What a figure is and its value first: on a 390 px phone only the first columns show.
FIGURE_COLUMNS = {
    "metric": st.column_config.TextColumn("指标"),
    "figure": st.column_config.TextColumn("数值"),
    "item": st.column_config.TextColumn("事项", width="small"),
    "change": st.column_config.TextColumn("变化", width="small"),
    "review_state": st.column_config.TextColumn("核实", width="small"),
    "link": LINK_COLUMN,
    "theme": st.column_config.TextColumn("主题"),
    "villages": st.column_config.TextColumn("村(社区)"),
    "sentence": st.column_config.TextColumn("原句", width="large"),
}
# Sent with the table but not shown: what tests and selections identify rows by.
HIDDEN_FIGURE_COLUMNS = ("indicator_id", "value", "unit")


def figure_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The figures as a leader reads them: value with unit as written, 上升/下降, no blanks shown."""
    out = pd.DataFrame(index=df.index)
    for column in ("link", "item", "metric", "theme", "review_state", "sentence"):
        out[column] = df[column].map(shown) if column in df else ""
    out["item"] = out["item"].replace("", OVERALL)  # a figure outside numbered items
    out["figure"] = [
        written_figure(v, q, u, raw)
        for v, q, u, raw in zip(
            df["value"],
            df["qualifier"],
            df["unit"],
            [
                as_read(raw, value, original)
                for raw, value, original in zip(
                    df["raw"] if "raw" in df else [None] * len(df),
                    df["value"],
                    df["orig_value"] if "orig_value" in df else [None] * len(df),
                    strict=True,
                )
            ],
            strict=True,
        )
    ]
    if "ocr" in df and "review_state" in df:  # issue 8: an OCR reading says so until reviewed
        out["review_state"] = [
            review_word(state, ocr)
            for state, ocr in zip(df["review_state"], df["ocr"], strict=True)
        ]
    out["change"] = df["change"].map(change_word) if "change" in df else ""
    out["villages"] = [village_text(v) for v in df["villages"]] if "villages" in df else ""
    for column in HIDDEN_FIGURE_COLUMNS:
        if column in df:
            out[column] = df[column]
    return out


def review_word(state: object, ocr: object = False) -> str:
    """A figure's 核实 cell: 机器识别(OCR) for an unreviewed figure read by OCR."""
    text = shown(state)
    return f"{text}(OCR)" if text == "机器识别" and bool(ocr) else text


def village_text(villages: object) -> str:
    """A village list as 沙仔村、新平村 (blank when none)."""
    if villages is None or isinstance(villages, (float, str)):
        return shown(villages)
    return "、".join(str(v) for v in villages)


def figure_table(df: pd.DataFrame, key: str) -> None:
    """The figures as a table; each row links to its sentence in 原文."""
    if df.empty:
        st.info("暂无数据：当前筛选下没有指标。")
        return
    # Only the shown columns (and the figure's id) go to the browser: turning a frame into
    # Arrow is most of st.dataframe's cost, and the ledger draws one table per item.
    rows = figure_rows(df)
    st.dataframe(
        rows,
        key=key,
        hide_index=True,
        column_order=list(FIGURE_COLUMNS),
        column_config={**FIGURE_COLUMNS, "item": item_column(rows["item"])},
    )


def item_column(items: pd.Series) -> st.column_config.Column:
    """The 事项 column: narrow for 二(8), wide enough for 全部's 民众街道 · 二(26)."""
    longest = int(items.astype(str).str.len().max()) if len(items) else 0
    return st.column_config.TextColumn("事项", width="small" if longest <= 7 else "medium")


def village_matrix(df: pd.DataFrame, key: str) -> None:
    """Figures per village (rows) and theme (columns) as a table of counts; blank for none.

    A table, not a heatmap: seventeen theme names do not fit level on a phone's axis.
    """
    if df.empty:
        st.info("暂无数据：当前筛选下没有与村(社区)相关的指标。")
        return
    matrix = df.pivot_table(
        index="village", columns="theme", values="figures", fill_value=0, aggfunc="sum"
    )
    matrix = matrix.astype(int).astype(str).replace("0", "")
    st.dataframe(matrix.rename_axis("村(社区)").reset_index(), key=key, hide_index=True)


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


CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(
    df: pd.DataFrame,
    filters: Filters,
    doc: dict[str, object],
    key: str,
    items: pd.DataFrame | None = None,
    ledger_csv: bool = False,
) -> None:
    """CSV and Excel buttons; if drawing them fails, one Chinese line says so and the
    rest of the page still draws."""
    with guarded("下载文件"):
        _download_buttons(df, filters, doc, key, items, ledger_csv)


def _download_buttons(
    df: pd.DataFrame,
    filters: Filters,
    doc: dict[str, object],
    key: str,
    items: pd.DataFrame | None = None,
    ledger_csv: bool = False,
) -> None:
    """CSV and Excel of exactly the figures in `df`; the Excel adds the items as 台账.

    Each file is built only when its button is clicked (st.download_button with a callable):
    building the workbook on every rerun was the slowest part of a page. Its name and its
    说明 sheet carry the time the page was drawn, the moment the rows were read.
    `ledger_csv` adds a third button: the 台账 (the items) as CSV.
    """
    items = items if items is not None else pd.DataFrame(columns=list(export.LEDGER_COLUMNS))
    published = doc.get("published")
    source = str(doc.get("title") or doc.get("source_file") or "")
    now = datetime.now()

    def figures_csv() -> bytes:
        return export.csv_bytes(export.figure_table(df))

    def workbook() -> bytes:
        table = export.figure_table(df)
        notes = export.snapshot_notes(filters, source, published, len(table), now)
        return export.xlsx_bytes(table, notes, export.ledger_table(items))

    def ledger() -> bytes:
        return export.csv_bytes(export.ledger_table(items))

    buttons = st.container(horizontal=True)
    common = {"on_click": "ignore", "width": "content"}
    if ledger_csv:
        buttons.download_button(
            "下载台账 CSV", deferred("台账 CSV", ledger), key=f"{key}_ledger_csv",
            file_name=export.snapshot_filename(published, filters, now, "csv", what="整改台账"),
            mime=CSV_MIME, icon=":material/checklist:", **common,
        )  # fmt: skip
    buttons.download_button(
        "下载 CSV", deferred("CSV", figures_csv), key=f"{key}_csv",
        file_name=export.snapshot_filename(published, filters, now, "csv"), mime=CSV_MIME,
        icon=":material/download:", **common,
    )  # fmt: skip
    buttons.download_button(
        "下载 Excel", deferred("Excel", workbook), key=f"{key}_xlsx",
        file_name=export.snapshot_filename(published, filters, now, "xlsx"), mime=XLSX_MIME,
        icon=":material/table:", **common,
    )  # fmt: skip
