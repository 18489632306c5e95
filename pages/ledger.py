"""整改台账: every item with status, basis, progress, owner, deadline; open one for details."""

import streamlit as st

from board import charts, queries
from board.frames import ledger_view
from board.text import markdown_escape
from ui.page import page_context
from ui.summary import STATUS_ICONS
from ui.widgets import LINK_COLUMN, chart, downloads, figure_table, item_column, sentence_link

ctx = page_context(__file__)
st.title("整改台账", anchor=False)

everything = ctx.query(queries.ledger, ctx.filters)
# The page's own choices live in the URL (?status=推进中&basis=明示&open=二-8).
choices = st.container(horizontal=True)
status = choices.pills("状态", ["已完成", "推进中", "长期"], key="status", bind="query-params")
basis = choices.pills("状态来源", ["明示", "推断"], key="basis", bind="query-params")
review = choices.pills("核实", ["已核实", "机器识别", "有疑问"], key="review", bind="query-params")
items = ledger_view(everything, status, basis, review)
st.caption(f"共 {len(items)} 项（全部 {len(everything)} 项）")
# The item and its status first: on a 390 px phone only the first columns show.
SHOWN = [
    "item",
    "status",
    "title",
    "progress_text",
    "deadline_text",
    "owner",
    "status_basis",
    "review_state",
    "link",
    "status_evidence",
    "figures",
]
st.dataframe(
    items[SHOWN],  # only what is shown goes to the browser
    key="ledger_table",
    hide_index=True,
    column_order=SHOWN,
    column_config={
        "link": LINK_COLUMN,
        "item": item_column(items["item"]),  # 全部: 民众街道 · 二(26)
        "title": st.column_config.TextColumn("整改事项", width="large"),
        "status": st.column_config.TextColumn("状态", width="small"),
        "status_basis": st.column_config.TextColumn("来源", width="small"),
        "progress_text": st.column_config.TextColumn("完成进度", width="medium"),
        "owner": "责任单位",
        "deadline_text": "整改时限",
        "review_state": st.column_config.TextColumn("核实", width="small"),
        "status_evidence": "判定依据",
        "figures": st.column_config.NumberColumn("指标数", format="%d"),
    },
)
figures = ctx.query(queries.indicators, ctx.filters)
downloads(figures, ctx.filters, ctx.doc, "ledger_dl", items, ledger_csv=True)

topics = ctx.figure(charts.status_by_topic_bar, queries.status_by_topic, (ctx.filters,))
chart(topics, "各议题整改事项状态", key="ledger_topics")

st.subheader("逐项查看", anchor=False)
# One item open at a time: drawing all 48 items' details on every rerun made this page
# seven times slower than a bare page (docs/benchmarks.md).
# ?open=二-8; under 全部 the same number recurs in every notice, so the key names the notice
rows = {
    f"{r.part}-{r.item_no}" + ("" if ctx.filters.doc_id else f"@{r.doc_id}"): r
    for r in items.itertuples()
}
chosen = st.selectbox(
    "打开整改事项",
    list(rows),
    index=None,
    key="open",
    bind="query-params",
    # the URL holds the shown label: no status in it, or a reviewer's correction breaks links
    format_func=lambda k: f"{rows[k].item} {rows[k].title}",
    placeholder="选择一项查看其措施、进度与指标",
)
item = rows.get(chosen)
if item is not None:
    with st.container(border=True):
        icon = STATUS_ICONS.get(item.status, ":material/help:")
        st.markdown(f"{icon} **{markdown_escape(item.item)} {markdown_escape(item.title)}**")
        facts = [item.status, item.status_basis, item.owner, item.deadline_text]
        if item.review_state != "机器识别":  # 已核实 / 已更正 / 有疑问: a reviewer's word
            facts.append(item.review_state)
        st.caption(markdown_escape(" · ".join(f for f in facts if f)))
        if item.status_evidence:
            st.caption("判定依据：" + markdown_escape(item.status_evidence))
        if item.progress_text:
            st.markdown(markdown_escape(item.progress_text))
        key = (item.part, item.item_no)
        mine = ctx.query(queries.measures, ctx.filters)
        mine = mine[
            (mine["part"] == key[0]) & (mine["item_no"] == key[1]) & (mine["doc_id"] == item.doc_id)
        ]
        st.markdown("\n\n".join(markdown_escape(t) for t in mine["text"]) or "未识别到分项措施。")
        sentence_link(item.link, label="在原文中查看本项")
        own = figures[
            (figures["part"] == key[0])
            & (figures["item_no"] == key[1])
            & (figures["doc_id"] == item.doc_id)
        ]
        figure_table(own, key="ledger_item_figures")
