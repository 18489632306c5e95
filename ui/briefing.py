"""The Word briefing's buttons: built only when asked, then offered for download."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from board.briefing import briefing_docx
from board.export import snapshot_filename
from ui.page import PageContext, guarded

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def briefing_buttons(ctx: PageContext, key: str, notices: tuple[str, ...] = ()) -> None:
    """A 生成 button; the built file is kept for these filters until they change.

    `notices`: the notices chosen on 对比, for the briefing's comparison table.
    """
    with guarded("Word 汇报材料"):
        state_key = f"{key}_docx"
        if st.button("生成 Word 汇报材料", key=f"{key}_build"):
            now = datetime.now()
            name = snapshot_filename(ctx.doc.get("published"), ctx.filters, now, "docx")
            with st.spinner("正在生成汇报材料（含图表）…"):
                data = briefing_docx(ctx.conn, ctx.filters, now, notices=notices)
            st.session_state[state_key] = (
                (ctx.filters, notices),
                name.replace("整改指标", "汇报材料", 1),
                data,
            )
        built = st.session_state.get(state_key)
        if built and built[0] == (ctx.filters, notices):
            st.download_button(
                "下载 Word 汇报材料", built[2], file_name=built[1], mime=DOCX_MIME, key=f"{key}_dl"
            )
