"""原文: the report with figures highlighted, ?q= search, and ?sentence=<offset> deep links."""

import streamlit as st

from board import queries
from board.labels import written_figure
from board.links import offset_param, sentence_at
from board.text import (
    Span,
    markdown_text,
    paragraph_bounds,
    paragraphs_html,
    query_spans,
    search_hits,
)
from ui.page import page_context
from ui.widgets import figure_table

ctx = page_context(__file__)
st.title("原文", anchor=False)

if not ctx.filters.doc_id:
    st.info("原文一次显示一份通报：请在左侧“通报”中选择一份（当前为全部通报）。")
    st.stop()
doc = ctx.query(queries.document, ctx.filters.doc_id)
text = str(doc.get("text") or "")
if not text:
    st.info("暂无数据：未找到通报原文。")
    st.stop()
st.caption(markdown_text(doc.get("title")))

spans = [
    Span(
        int(r.char_start),
        int(r.char_end),
        f"{r.metric}：{written_figure(r.value, r.qualifier, r.unit)}",
    )
    for r in ctx.query(queries.figure_spans, ctx.filters.doc_id).itertuples()
]
# All HTML below comes from paragraphs_html, which escapes every piece of report text
# before adding its own <p>, <mark> and <span> tags.

offset = offset_param(st.query_params.get("sentence"))
focus = None
if offset is not None and offset < len(text):
    focus = sentence_at(text, offset)
    with st.container(border=True):
        st.subheader("定位的句子", anchor=False)
        paragraph = paragraph_bounds(text, focus[0])
        st.markdown(paragraphs_html(text, spans, focus, window=paragraph), unsafe_allow_html=True)
        figures = ctx.query(queries.indicators, ctx.filters)
        in_sentence = figures[figures["char_start"].between(focus[0], focus[1] - 1)]
        figure_table(in_sentence, key="source_focus")

query = st.text_input(
    "搜索原文", key="q", bind="query-params", placeholder="输入关键词，如 水浸点、沙仔村"
)
if query.strip():
    hits = search_hits(text, query)
    st.caption(f"找到 {len(hits)} 句（最多显示 50 句）")
    for start, end in hits:
        html_hit = paragraphs_html(text, query_spans(text, query, start, end), window=(start, end))
        st.markdown(html_hit, unsafe_allow_html=True)

with st.expander("通报全文（数字已高亮）", expanded=not (focus or query.strip())):
    st.markdown(paragraphs_html(text, spans, focus), unsafe_allow_html=True)
