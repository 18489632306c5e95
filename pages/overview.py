"""总览: headline tiles, item status and progress, figures by theme."""

import streamlit as st

from board import charts, queries
from board.text import markdown_text
from ui.briefing import briefing_buttons
from ui.page import page_context
from ui.printing import print_stylesheet
from ui.widgets import chart, downloads, figure_table, headline_tile, sentence_link

HEADLINE_THEMES = ("拆违清拆", "隐患整改", "水环境", "耕地保护")

ctx = page_context(__file__)
print_stylesheet()  # browser print gives a clean A4 page
st.title("总览")
st.caption(markdown_text(ctx.doc.get("title")))

for column, theme in zip(st.columns(len(HEADLINE_THEMES)), HEADLINE_THEMES, strict=True):
    with column:
        headline_tile(theme, ctx.query(queries.headline_figures, ctx.filters, theme))

st.header("整改事项进展")
status = ctx.query(queries.item_status_counts, ctx.filters)
counts = dict(zip(status["status"], status["items"], strict=True))
for column, name in zip(st.columns(3), ("已完成", "推进中", "长期"), strict=True):
    column.metric(name, f"{int(counts.get(name, 0))} 项")
left, right = st.columns([1, 2])
with left:
    status_chart = ctx.figure(charts.status_bar, queries.item_status_counts, (ctx.filters,))
    chart(status_chart, "整改事项状态", key="overview_status")
with right:
    st.subheader("完成进度")
    progress = ctx.query(queries.progress, ctx.filters)
    if progress.empty:
        st.caption("暂无数据")
    for row in progress.itertuples():
        bar, link = st.columns([4, 1])
        share = 0.0 if row.share != row.share else min(max(row.share, 0.0), 1.0)
        bar.progress(
            share,
            text=f"{markdown_text(row.metric)}：已完成 {row.done:g}/{row.total:g} {markdown_text(row.unit)}",
        )
        with link:
            sentence_link(row.link, label="原句")

st.header("各主题指标")
figures = ctx.query(queries.indicators, ctx.filters)
chart(
    ctx.figure(charts.theme_count_bar, queries.theme_counts, (ctx.filters,)),
    "各主题指标数",
    "overview_themes",
)
st.caption(f"共 {len(figures)} 条指标；点击“查看原句”可定位到原文。")
figure_table(figures, key="overview_table")
downloads(figures, ctx.filters, ctx.doc, key="overview_dl")
briefing_buttons(ctx, key="overview_briefing")
