"""导出: CSV and Excel snapshots of exactly the filtered figures and items."""

import streamlit as st

from board import queries
from board.text import markdown_text
from ui.briefing import briefing_buttons
from ui.page import page_context
from ui.widgets import downloads, figure_table

ctx = page_context(__file__)
st.title("导出", anchor=False)

figures = ctx.query(queries.indicators, ctx.filters)
items = ctx.query(queries.ledger, ctx.filters)
described = ctx.filters.describe()
st.markdown(
    f"当前筛选：{'；'.join(f'{k}：{markdown_text(v)}' for k, v in described) or '全部'}"
    f"　·　共 **{len(figures)}** 条指标、**{len(items)}** 项整改事项"
)
st.caption(
    "CSV 为带 BOM 的 UTF-8，可在 Excel 中直接打开；以 = + - @ 开头的文字前加 ' 以防被当作公式。"
    "Excel 文件含“指标”“台账”（整改事项的状态、依据、进度、责任单位、时限）和“说明”"
    "（筛选条件、来源通报和导出时间）三个工作表。"
)
downloads(figures, ctx.filters, ctx.doc, "export_dl", items, ledger_csv=True)
briefing_buttons(ctx, key="export_briefing")
st.subheader("预览", anchor=False)
figure_table(figures, key="export_table")
