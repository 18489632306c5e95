"""主题: one theme's figures by metric, one panel per unit."""

from dataclasses import replace

import streamlit as st

from board import charts, queries
from board.text import markdown_text
from ui.page import page_context
from ui.widgets import chart, downloads, figure_table

ctx = page_context(__file__)
st.title("主题")

counts = ctx.query(queries.theme_counts, ctx.filters)
if counts.empty:
    st.info("暂无数据：当前筛选下没有指标。")
    st.stop()
themes = counts["theme"].tolist()
theme = st.selectbox(
    "主题",
    themes,
    key="themes_page_theme",
    format_func=lambda t: f"{t}（{int(counts.set_index('theme').at[t, 'figures'])} 条）",
)
filters = replace(ctx.filters, themes=(theme,))
figures = ctx.query(queries.indicators, filters)

units = figures["unit"].fillna("（无单位）").value_counts()
st.caption(
    "不同单位的指标分别成图，不相加、不共用坐标轴。"
    + "；".join(f"{markdown_text(u)}：{n} 条" for u, n in units.items())
)
by_unit = ctx.figure(charts.figures_by_unit, queries.indicators, (filters,), f"{theme}：各项指标")
chart(by_unit, f"主题_{theme}", key="themes_chart")

st.subheader("指标明细（按单位、指标排序）")
figure_table(figures.sort_values(["unit", "metric", "value"]), key="themes_table")
downloads(figures, filters, ctx.doc, key="themes_dl")
