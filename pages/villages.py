"""村(社区): the chosen villages' figures and mentions, and the village × theme matrix."""

import streamlit as st

from board import charts, queries
from board.text import markdown_text
from ui.page import page_context
from ui.widgets import LINK_COLUMN, chart, downloads, figure_table

ctx = page_context(__file__)
st.title("村(社区)")

chosen = ctx.filters.villages
if chosen:
    st.caption("已选：" + markdown_text("、".join(chosen)))
else:
    st.info("在左侧“村(社区)”筛选中选择一个或多个村(社区)，查看其指标与提及。")

heatmap = ctx.figure(charts.village_theme_heatmap, queries.village_theme_matrix, (ctx.filters,))
chart(heatmap, "村社区_主题矩阵", key="villages_matrix")

if chosen:
    figures = ctx.query(queries.indicators, ctx.filters)
    chart(
        ctx.figure(
            charts.figures_by_unit, queries.indicators, (ctx.filters,), "所选村(社区)的指标"
        ),
        "村社区_指标",
        key="villages_chart",
    )
    st.subheader(f"指标（{len(figures)} 条）")
    figure_table(figures, key="villages_table")
    downloads(figures, ctx.filters, ctx.doc, key="villages_dl")

    mentions = ctx.query(queries.village_mentions, ctx.filters)
    st.subheader(f"提及（{len(mentions)} 处，含无数字的句子）")
    st.dataframe(
        mentions,
        key="villages_mentions",
        hide_index=True,
        column_order=["link", "village", "item_no", "topic", "sentence"],
        column_config={
            "village": "村(社区)",
            "item_no": st.column_config.NumberColumn("事项", format="%d"),
            "topic": "议题",
            "sentence": st.column_config.TextColumn("原句", width="large"),
            "link": LINK_COLUMN,
        },
    )
