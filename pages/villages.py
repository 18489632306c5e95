"""村(社区): a scorecard per village, the village × theme matrix, chosen villages' details."""

import streamlit as st

from board import queries
from board.text import markdown_text
from ui.page import page_context
from ui.widgets import LINK_COLUMN, downloads, figure_table, item_column, village_matrix

ctx = page_context(__file__)
st.title("村(社区)", anchor=False)

chosen = ctx.filters.villages
if chosen:
    st.caption("已选：" + markdown_text("、".join(chosen)))
else:
    st.info("在左侧“村(社区)”筛选中选择一个或多个村(社区)，查看其指标与提及。")

if ctx.filters.doc_id is None:
    st.caption("全部通报：不同地方的同名村(社区)分开统计，名称后注明地方，如 新村（民众街道）。")
if ctx.filters.verified_only:
    st.caption(
        "只看已核实：只计核实员确认或更正过的数字与事项；提及只列含已核实数字、且该数字"
        "注明了这个村(社区)的原句。"
    )

st.subheader("各村(社区)情况", anchor=False)
scorecard = ctx.query(queries.village_scorecard, ctx.filters)
place = ["place"] if "place" in scorecard else []  # 地方 (全部 only) last: counts first on a phone
st.dataframe(
    scorecard,
    key="villages_scorecard",
    hide_index=True,
    column_order=[c for c in scorecard.columns if c != "place"] + place,
    column_config={
        "village": "村(社区)",
        "place": "地方",
        "items": st.column_config.NumberColumn("涉及事项", format="%d"),
        "done": st.column_config.NumberColumn("已完成", format="%d"),
        "doing": st.column_config.NumberColumn("推进中", format="%d"),
        "lasting": st.column_config.NumberColumn("长期", format="%d"),
        "figures": st.column_config.NumberColumn("指标数", format="%d"),
        "mentions": st.column_config.NumberColumn("提及次数", format="%d"),
    },
)
st.caption("涉及事项：原文提到该村(社区)或其指标所属的整改事项。")

st.subheader("村(社区) × 主题 指标数", anchor=False)
village_matrix(ctx.query(queries.village_theme_matrix, ctx.filters), key="villages_matrix")

if chosen:
    figures = ctx.query(queries.indicators, ctx.filters)
    st.subheader(f"指标（{len(figures)} 条）", anchor=False)
    figure_table(figures, key="villages_table")
    downloads(figures, ctx.filters, ctx.doc, "villages_dl", ctx.query(queries.ledger, ctx.filters))

    mentions = ctx.query(queries.village_mentions, ctx.filters)
    st.subheader(f"提及（{len(mentions)} 处，含无数字的句子）", anchor=False)
    st.dataframe(
        mentions[["link", "village", "item", "topic", "sentence"]],
        key="villages_mentions",
        hide_index=True,
        column_order=["link", "village", "item", "sentence", "topic"],  # the sentence first
        column_config={
            "village": "村(社区)",
            "item": item_column(mentions["item"]),
            "topic": "议题",
            "sentence": st.column_config.TextColumn("原句", width="large"),
            "link": LINK_COLUMN,
        },
    )
