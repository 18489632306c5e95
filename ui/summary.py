"""总览's blocks: the status strip, the items needing attention, the headline figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from board.labels import (
    BASIS_WORDS,
    OVERALL,
    as_read,
    blank,
    change_shown,
    figure_label,
    written_figure,
)
from board.text import html_text, markdown_escape
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
        # how the rate is counted, in the same block (one element fewer on every run)
        rule = (
            ""
            if rate is None
            else f"  \n:gray[:small[完成率 = 已完成 ÷ 有完成要求的事项（{done + doing} 项）；"
            "长期事项持续推进，不计入。]]"
        )
        st.markdown(f"**{summary['items']} 项整改事项**{rate_text}{rule}")
        # stacked in the strip's own column: page links in a horizontal row collapsed at 390 px
        for status, n in (("已完成", done), ("推进中", doing), ("长期", lasting)):
            _ledger_link(f"{status} {n} 项", {"status": status}, STATUS_ICONS[status])
        st.markdown("状态来源：")
        for word, key in (("明示", "stated"), ("推断", "inferred")):
            _ledger_link(f"{BASIS_WORDS[word]} {summary[key]} 项", {"basis": word})
        _ledger_link(f"已人工核实 {summary['verified']} 项", {"review": "已核实"})
        notes = []  # one caption: each element is drawn and laid out by the browser on every run
        if summary["unknown"]:
            notes.append(f"{summary['unknown']} 项的状态来源尚未标注（待识别或核实）。")
        if summary.get("verified_line"):
            notes.append(str(summary["verified_line"]))
        if notes:
            st.caption("  \n".join(notes))


def attention_list(items: pd.DataFrame, limit: int = 12) -> None:
    """The items not done: label, title, status, what remains, owner, deadline (逾期 marked)."""
    if items.empty:
        st.success("当前筛选下没有待推进的事项。")
        return
    lines = []  # one Markdown block, not one element per item: the browser lays out each
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
        lines.append(
            f"{late}**{markdown_escape(row.item)}** {markdown_escape(row.title)}  \n"
            + markdown_escape(" · ".join(facts))
        )
    st.markdown("\n\n".join(lines))
    if len(items) > limit:
        st.caption(f"另有 {len(items) - limit} 项，见整改台账。")


# A figure's review state as a small coloured mark: a machine reading is a proposal.
REVIEW_MARKS = {
    "机器识别": "machine",
    "已核实": "verified",
    "已更正": "corrected",
    "有疑问": "doubt",
}
# Constant CSS only (no report text): a headline figure drawn as st.metric draws it.
HEADLINE_CSS = """
<style>
.st-key-headline_tiles > div { flex: 1 1 22rem; min-width: 0; }
.hf-theme { font-size: 1.5rem; font-weight: 600; line-height: 1.2; margin: 0 0 0.75rem 0;
  padding: 0.5rem 0 0 0; scroll-margin-top: 3.75rem; }
.headline-figure { margin: 0 0 0.25rem 0; line-height: 1.4; }
.headline-figure .hf-label { font-size: 0.875rem; color: rgba(49, 51, 63, 0.75); }
.headline-figure .hf-value { font-size: 2rem; line-height: 1.3; overflow-wrap: anywhere; }
.headline-figure .hf-delta, .headline-figure .hf-note {
  font-size: 0.875rem; color: rgba(49, 51, 63, 0.75); }
.headline-figure .hf-delta { display: inline-block; margin-right: 0.5rem; padding: 0 0.4rem;
  border-radius: 0.5rem; background: rgba(49, 51, 63, 0.08); }
.headline-figure .hf-mark { display: inline-block; font-size: 0.8rem; padding: 0 0.4rem;
  border-radius: 0.5rem; }
.hf-machine { color: #31333f; background: rgba(49, 51, 63, 0.1); }
.hf-verified { color: #177233; background: rgba(33, 195, 84, 0.12); }
.hf-corrected { color: #0054a3; background: rgba(28, 131, 225, 0.12); }
.hf-doubt { color: #8a4b00; background: rgba(255, 164, 33, 0.16); }
@media print { .headline-figure { break-inside: avoid; } }
</style>
"""


def figure_html(label: str, value: str, delta: str, state: object, note: str = "") -> str:
    """One headline figure as one HTML block (every text escaped): label, value, change or
    what is left, its review state (机器识别 when none was recorded), an optional note.

    One block instead of st.metric plus a review badge in a row: the browser builds, lays
    out and re-renders each Streamlit element on every run, and 总览 had 48 for 12 figures.
    """
    state = str(state) if str(state) in REVIEW_MARKS else "机器识别"
    parts = [
        f'<div class="hf-label">{html_text(label)}</div>',
        f'<div class="hf-value">{html_text(value)}</div>',
        "<div>",
        f'<span class="hf-delta">{html_text(delta)}</span>' if delta else "",
        f'<span class="hf-mark hf-{REVIEW_MARKS[state]}">{html_text(state)}</span>',
        "</div>",
        f'<div class="hf-note">{html_text(note)}</div>' if note else "",
    ]
    return f'<div class="headline-figure">{"".join(parts)}</div>'


def headline_tile(theme: str, figures: pd.DataFrame) -> None:
    """One headline theme: each figure with its full label, as written, change and source."""
    with st.container(border=True, key=f"printed_links_{theme}"):
        # The theme's heading goes into its first block: one element fewer per tile to
        # build and lay out on every run (st.html is the cheapest element to draw).
        heading = f'<h3 class="hf-theme">{html_text(theme)}</h3>'
        if figures.empty:
            st.html(f'{heading}<div class="hf-note">暂无数据</div>')
            return
        for row in figures.itertuples():
            summed = blank(row.link)  # a sum over several notices: no one sentence holds it
            label = figure_label(row.metric, row.subject, summed)
            delta = change_shown(row.change, label)
            if not blank(row.pair_total):
                unit = "" if blank(row.unit) else f" {row.unit}"
                value = f"{row.pair_done:g}/{row.pair_total:g}{unit}"
                left = row.pair_total - row.pair_done
                delta = f"剩余 {left:g}{unit}" if left > 0 else "已全部完成"
            else:
                raw = as_read(row.raw, row.value, getattr(row, "orig_value", None))
                value = written_figure(row.value, row.qualifier, row.unit, raw)
            where = row.item or OVERALL
            note = f"来源：{where}，同一统计对象、单位和类型相加" if summed else ""
            state = getattr(row, "review_state", None)
            st.html(heading + figure_html(str(label), value, delta, state, note))
            heading = ""
            if not summed:
                sentence_link(row.link, label=f"来源：{where}")
