"""核实: reviewers confirm or correct figures and items, most important first."""

import streamlit as st

from board import queries
from board.labels import VERIFIED_STATES
from board.text import markdown_text
from loaders import verdicts as vs
from ui import review
from ui.auth import require_role
from ui.database import verdicts_path
from ui.page import page_context

user = require_role("reviewer")
ctx = page_context(__file__)
st.title("核实", anchor=False)
st.caption(markdown_text(ctx.doc.get("title")))
review.flash()

store = verdicts_path()
queue = ctx.query(queries.review_queue, ctx.filters.doc_id)
settled = int(queue["review_state"].isin(VERIFIED_STATES).sum())
doubted = int((queue["review_state"] == vs.DOUBTED).sum())
pending = int((queue["review_state"] == vs.MACHINE).sum())
st.progress(settled / len(queue) if len(queue) else 0.0, text=f"已核实 {settled} / {len(queue)}")
st.caption(
    f"待核实 {pending} 条 · 有疑问 {doubted} 条 · 按重要性排序：总览重点指标、状态推断、推进中事项的数字、低置信度读数"
)

scopes = {
    "待核实": queue["review_state"] == vs.MACHINE,
    "有疑问": queue["review_state"] == vs.DOUBTED,
    "已核实": queue["review_state"].isin(VERIFIED_STATES),
    "全部": queue["review_state"].notna(),
}
choices = st.container(horizontal=True)
scope = choices.pills("范围", list(scopes), default="待核实", key="review_scope") or "全部"
reasons = list(dict.fromkeys(queue["reason"]))
reason = choices.pills("类别", reasons, key="review_reason")
shown_queue = queue[scopes[scope] & ((queue["reason"] == reason) if reason else True)]

version = vs.version(store)
rows = {review.entry_key(r): r for r in shown_queue.to_dict("records")}
entries = {review.entry_key(r): r for r in queue.to_dict("records")}
held = review.held_entry(version, entries)
if held is not None and held not in rows:  # another reviewer just settled the open entry
    rows = {held: entries[held], **rows}
    st.info(
        f"您打开的条目刚由其他核实人员处理（现为「{markdown_text(rows[held]['review_state'])}」），"
        "仍为您保留；您填写的内容保存后将作为新的记录。"
    )
if not rows:
    st.success("这一范围内没有需要核实的条目。")
else:
    # Keyed by the store's version: after each verdict the picker starts again at the
    # first entry still in this scope, so the next one comes up by itself.
    chosen = st.selectbox(
        f"条目（{len(rows)} 条，按重要性排序）",
        list(rows),
        index=list(rows).index(held) if held in rows else 0,
        format_func=lambda k: review.entry_title(rows[k]),
        key=f"review_pick_{version}_{scope}_{reason}",
    )
    review.remember_pick(version, chosen)
    row = rows[chosen]
    review.unless_changed(chosen, row)  # a re-ingest may have renumbered the rows under us
    with st.container(border=True):
        st.markdown(f"**{markdown_text(row['reason'])}**")
        review.sentence_block(row)
        review.reading_block(row)
        review.quick_verdicts(row, user, store, chosen)
        options = ctx.query(queries.filter_options, ctx.filters.doc_id)
        items = ctx.query(queries.item_options, ctx.filters.doc_id)
        review.correction_form(row, user, store, chosen, options["themes"], items)
        review.withdraw_button(row, user, store, chosen)
        review.history_block(store, row)

review.unmatched_block(ctx.query(queries.unmatched_verdicts))
