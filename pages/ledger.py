"""整改台账: every item with its status; open one to see its measures and figures."""

import streamlit as st

from board import queries
from board.text import markdown_escape, markdown_text
from ui.page import page_context
from ui.widgets import LINK_COLUMN, downloads, figure_table, sentence_link

STATUS_ICONS = {
    "已完成": ":material/check_circle:",
    "推进中": ":material/pending:",
    "长期": ":material/all_inclusive:",
}

ctx = page_context(__file__)
st.title("整改台账")

items = ctx.query(queries.ledger, ctx.filters)
status = items["status"].fillna("未标注").value_counts()
st.caption("　".join(f"{s}：{n} 项" for s, n in status.items()) or "暂无数据")
st.dataframe(
    items,
    key="ledger_table",
    hide_index=True,
    column_order=[
        "link",
        "part",
        "item_no",
        "title",
        "topic",
        "status",
        "status_evidence",
        "figures",
    ],
    column_config={
        "part": st.column_config.TextColumn("部分", width="small"),
        "item_no": st.column_config.NumberColumn("序号", format="%d", width="small"),
        "title": st.column_config.TextColumn("整改事项", width="large"),
        "topic": "议题",
        "status": "状态",
        "status_evidence": "判定依据",
        "figures": st.column_config.NumberColumn("指标数", format="%d"),
        "link": LINK_COLUMN,
    },
)

figures = ctx.query(queries.indicators, ctx.filters)
downloads(figures, ctx.filters, ctx.doc, key="ledger_dl")
measures = ctx.query(queries.measures, ctx.filters)
progress = ctx.query(queries.progress, ctx.filters)


def by_item(df):
    """Rows per (part, item_no), split once rather than filtered again for every item."""
    groups = dict(tuple(df.groupby(["part", "item_no"], sort=False))) if len(df) else {}
    return lambda item: groups.get((item.part, item.item_no), df.iloc[0:0])


measures_of, progress_of, figures_of = by_item(measures), by_item(progress), by_item(figures)
st.subheader("逐项查看")
# One item open at a time: drawing all 48 items' details on every rerun made this page
# seven times slower than a bare page (docs/benchmarks.md).
rows = {f"{r.part}-{r.item_no}": r for r in items.itertuples()}
chosen = st.selectbox(
    "打开整改事项",
    list(rows),
    key="ledger_item",
    format_func=lambda k: (
        f"{k.split('-')[0]}-({rows[k].item_no}) {rows[k].title or ''} · "
        f"{rows[k].status or '未标注'}"
    ),
    placeholder="选择一项查看其措施、进度与指标",
)
item = rows.get(chosen)
if item is not None:
    with st.container(border=True):
        icon = STATUS_ICONS.get(item.status, ":material/help:")
        st.markdown(f"{icon} **{markdown_escape(item.title or '')}** · {item.status or '未标注'}")
        if isinstance(item.status_evidence, str) and item.status_evidence:
            st.caption("判定依据：" + markdown_escape(item.status_evidence))
        mine = measures_of(item)
        if mine.empty:
            st.caption("未识别到分项措施。")
        else:  # one element for all measures
            st.markdown("\n\n".join(markdown_escape(text) for text in mine["text"]))
        for pair in progress_of(item).itertuples():
            share = 0.0 if pair.share != pair.share else min(max(pair.share, 0.0), 1.0)
            st.progress(
                share,
                text=f"{markdown_text(pair.metric)}：{pair.done:g}/{pair.total:g} {markdown_text(pair.unit)}",
            )
        sentence_link(item.link, label="在原文中查看本项")
        figure_table(figures_of(item), key="ledger_item_figures")
