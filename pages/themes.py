"""主题: one theme's figures; charts only where they compare like with like."""

from dataclasses import replace

import streamlit as st

from board import charts, queries
from ui.page import PageContext, page_context
from ui.widgets import chart, downloads, figure_table

ctx = page_context(__file__)
st.title("主题", anchor=False)


@st.fragment
def one_theme(ctx: PageContext, sizes: dict[str, int]) -> None:
    """The theme picker and what it shows: a fragment, so the next theme reruns this alone."""
    theme = st.selectbox(
        "主题",
        list(sizes),
        key="page_theme",  # in the URL: ?page_theme=水环境
        bind="query-params",
        # the URL holds the shown label: no count in it, or a link breaks when filters change
        help="各主题的指标数见下方“指标明细”。",
    )
    filters = replace(ctx.filters, themes=(theme,))
    figures = ctx.query(queries.indicators, filters)
    like = ctx.query(queries.comparisons, filters)

    if not like["pairs"].empty:
        pairs = charts.progress_chart(like["pairs"], f"{theme}：完成进度（已完成 ÷ 总数）")
        chart(pairs, f"主题_{theme}_进度", key="themes_pairs")
    for n, (subject, unit, rows) in enumerate(like["groups"]):
        chart(
            charts.subject_comparison(rows, subject, unit), f"主题_{subject}", key=f"themes_cmp_{n}"
        )

    st.subheader(f"指标明细（{len(figures)} 条）", anchor=False)
    st.caption("各项指标统计的对象不同，列表展示，不放在同一坐标轴上比较。")
    figure_table(figures, key="themes_table")
    downloads(figures, filters, ctx.doc, "themes_dl", ctx.query(queries.ledger, filters))


counts = ctx.query(queries.theme_counts, ctx.filters)
if counts.empty:
    st.info("暂无数据：当前筛选下没有指标。")
    st.stop()
one_theme(ctx, {t: int(n) for t, n in zip(counts["theme"], counts["figures"], strict=True)})
