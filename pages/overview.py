"""总览: the status strip, the items needing attention, headline figures, progress."""

import streamlit as st

from board import charts, queries
from board.headlines import HEADLINE_THEMES
from board.labels import pair_text
from board.text import markdown_escape, markdown_text
from ui.briefing import briefing_buttons
from ui.page import PageContext, page_context
from ui.printing import print_stylesheet, print_table
from ui.summary import HEADLINE_CSS, attention_list, headline_tile, status_strip
from ui.widgets import chart, downloads, figure_table, sentence_link

ctx = page_context(__file__)
print_stylesheet(HEADLINE_CSS)  # browser print gives a clean A4 page
st.title("总览", anchor=False)
st.caption(markdown_text(ctx.doc.get("title")))

printed = ctx.filters.doc_id is not None  # the printed list: one notice's figures only
ctx.prefetch(  # a new filter's queries at once, not one after the other
    (queries.ledger, ctx.filters),
    (queries.headline_tiles, ctx.filters, HEADLINE_THEMES),
    (queries.progress, ctx.filters),
    (queries.theme_counts, ctx.filters),
    *([(queries.indicators, ctx.filters)] if printed else []),
)
items = ctx.query(queries.ledger, ctx.filters)  # one read for the strip and 需关注
status_strip(queries.summary_of(items))

st.subheader("需关注", anchor=False)
attention_list(queries.attention_of(items))

st.subheader("重点指标", anchor=False)
tiles = ctx.query(queries.headline_tiles, ctx.filters, HEADLINE_THEMES)
# One wrapping row of tiles, two to a line on a wide screen and one on a phone (HEADLINE_CSS):
# one block where st.columns(2) drew five (the row, two columns and their inner blocks).
with st.container(horizontal=True, key="headline_tiles"):
    for name in HEADLINE_THEMES:
        headline_tile(name, tiles[name])

st.subheader("完成进度", anchor=False)
progress = ctx.query(queries.progress, ctx.filters)
if progress.empty:
    st.caption("暂无数据")
for row in progress.itertuples():
    share = 0.0 if row.share != row.share else min(max(row.share, 0.0), 1.0)
    label = f"{row.item} {row.metric}：{pair_text(row.done, row.total, row.unit)}"
    st.progress(share, text=markdown_escape(label))
    sentence_link(row.link, label="原句")


@st.fragment
def all_figures(ctx: PageContext, count: int) -> None:
    """The full figure list, a chart and the downloads: built only while opened.

    A fragment, so opening or closing it reruns this part alone.
    """
    shown = st.expander(
        f"全部指标（{count} 条）、各主题指标数与下载", key="overview_all", bind="query-params"
    )
    if not shown.open:
        return
    with shown:
        figures = ctx.query(queries.indicators, ctx.filters)
        chart(
            ctx.figure(charts.theme_count_bar, queries.theme_counts, (ctx.filters,)),
            "各主题指标数",
            "overview_themes",
        )
        figure_table(figures, key="overview_table")
        downloads(
            figures, ctx.filters, ctx.doc, "overview_dl", ctx.query(queries.ledger, ctx.filters)
        )


all_figures(ctx, int(ctx.query(queries.theme_counts, ctx.filters)["figures"].sum()))
# On paper the expander's table is replaced by every figure, whole (issue 12: tables whole).
if printed:
    figures = ctx.query(queries.indicators, ctx.filters)
    print_table(
        figures, f"全部指标（{len(figures)} 条）", "overview_figures", (ctx.version, ctx.filters)
    )
briefing_buttons(ctx, key="overview_briefing")
