"""总览's blocks: the status strip, the items needing attention, the headline figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from board.labels import (
    BASIS_WORDS,
    OVERALL,
    as_read,
    blank,
    change_word,
    written_figure,
)
from board.text import markdown_escape
from ui.widgets import sentence_link

LEDGER_PAGE = "pages/ledger.py"
STATUS_ICONS = {
    "已完成": ":material/check_circle:",
    "推进中": ":material/pending:",
    "长期": ":material/all_inclusive:",
}


def _ledger_link(label: str, params: dict[str, str], icon: str | None = None) -> None:
    st.page_link(LEDGER_PAGE, label=label, icon=icon, query_params=params)


def status_strip(summary: dict[str, object]) -> None:
    """N 项 · 已完成 · 推进中 · 长期, the completion rate and how statuses are known.

    Every count opens 整改台账 narrowed to it (ledger's bound ?status= / ?basis= / ?review=).
    """
    done, doing, lasting = (int(summary[s]) for s in ("已完成", "推进中", "长期"))  # type: ignore[call-overload]
    rate = summary["rate"]
    with st.container(border=True, key="printed_links_status"):
        rate_text = "" if rate is None else f"　·　完成率 **{rate:.0%}**"
        st.markdown(f"**{summary['items']} 项整改事项**{rate_text}")
        row = st.container()  # stacked: page links in a horizontal row collapsed at 390 px
        with row:
            for status, n in (("已完成", done), ("推进中", doing), ("长期", lasting)):
                _ledger_link(f"{status} {n} 项", {"status": status}, STATUS_ICONS[status])
        if rate is not None:
            st.caption(
                f"完成率 = 已完成 ÷ 有完成要求的事项（{done + doing} 项）；长期事项持续推进，不计入。"
            )
        basis = st.container()
        with basis:
            st.markdown("状态来源：")
            for word, key in (("明示", "stated"), ("推断", "inferred")):
                _ledger_link(f"{BASIS_WORDS[word]} {summary[key]} 项", {"basis": word})
            _ledger_link(f"已人工核实 {summary['verified']} 项", {"review": "已核实"})
        if summary["unknown"]:
            st.caption(f"{summary['unknown']} 项的状态来源尚未标注（待识别或核实）。")
        if summary.get("verified_line"):
            st.caption(str(summary["verified_line"]))


def attention_list(items: pd.DataFrame, limit: int = 12) -> None:
    """The items not done: label, title, status, what remains, owner, deadline (逾期 marked)."""
    if items.empty:
        st.success("当前筛选下没有待推进的事项。")
        return
    for row in items.head(limit).itertuples():
        facts = [str(row.status)]
        if row.progress_text:
            facts.append(str(row.progress_text))
        if row.owner:
            facts.append(f"责任单位：{row.owner}")
        if row.deadline_text:
            facts.append(f"时限：{row.deadline_text}")
        if len(facts) == 1 and row.status_evidence:  # nothing else says why it is open
            facts.append(f"判定依据：{row.status_evidence}")
        late = ":red-badge[已逾期] " if bool(row.overdue) else ""
        st.markdown(
            f"{late}**{markdown_escape(row.item)}** {markdown_escape(row.title)}  \n"
            + markdown_escape(" · ".join(facts))
        )
    if len(items) > limit:
        st.caption(f"另有 {len(items) - limit} 项，见整改台账。")


# A figure's review state as a small coloured mark: a machine reading is a proposal.
REVIEW_BADGES = {
    "机器识别": ":gray-badge[机器识别]",
    "已核实": ":green-badge[:material/verified: 已核实]",
    "已更正": ":blue-badge[:material/edit: 已更正]",
    "有疑问": ":orange-badge[:material/help: 有疑问]",
}


def review_mark(state: object) -> None:
    """The review state under a figure (机器识别 when none was recorded)."""
    st.markdown(REVIEW_BADGES.get(str(state), REVIEW_BADGES["机器识别"]))


def headline_tile(theme: str, figures: pd.DataFrame) -> None:
    """One headline theme: each figure with its full label, as written, change and source."""
    with st.container(border=True, key=f"printed_links_{theme}"):
        st.subheader(theme)
        if figures.empty:
            st.caption("暂无数据")
            return
        for row in figures.itertuples():
            label = row.metric if blank(row.subject) else row.subject
            delta = change_word(row.change)
            if not blank(row.pair_total):
                unit = "" if blank(row.unit) else f" {row.unit}"
                value = f"{row.pair_done:g}/{row.pair_total:g}{unit}"
                left = row.pair_total - row.pair_done
                delta = f"剩余 {left:g}{unit}" if left > 0 else "已全部完成"
            else:
                raw = as_read(row.raw, row.value, getattr(row, "orig_value", None))
                value = written_figure(row.value, row.qualifier, row.unit, raw)
            st.metric(
                label=markdown_escape(str(label)),
                value=value,
                delta=delta or None,
                delta_color="off",
                delta_arrow="off",
            )
            where = row.item or OVERALL
            if blank(row.link):  # a sum over several notices: no one sentence holds it
                st.caption(f"来源：{markdown_escape(where)}，同一统计对象、单位和类型相加")
                continue
            with st.container(horizontal=True, vertical_alignment="center", gap="small"):
                sentence_link(row.link, label=f"来源：{where}")
                review_mark(getattr(row, "review_state", None))
