"""对比: two or more notices side by side — rounds of one place, or places of one round."""

import pandas as pd
import streamlit as st

from board import charts, compare, queries
from board.labels import blank
from board.text import markdown_text
from ui.briefing import briefing_buttons
from ui.page import page_context
from ui.pickers import MAX_QUERY, narrowed, search_words
from ui.widgets import LINK_COLUMN, chart

PICKER_OPTIONS = 20  # as the sidebar's report picker (ui.sidebar)
ctx = page_context(__file__)
st.title("对比", anchor=False)

docs = ctx.query(queries.documents)
choices = compare.choice_labels(docs)  # label -> doc_id; the URL keeps the labels
if len(choices) < 2:
    st.info("数据库中只有一份通报，导入同一地方的后续通报或同一轮次其他地方的通报后可对比。")
    st.stop()
options = list(choices)  # newest first
if len(options) > PICKER_OPTIONS:  # many notices: the newest, or those a search finds
    words = st.text_input(
        "查找通报",
        key="cmp_search",
        placeholder="输入地名、标题、轮次或日期查找",
        help=f"共 {len(options)} 份通报；下面列出最新的 {PICKER_OPTIONS} 份或查找结果，已选的保留。",
        max_chars=MAX_QUERY,
    )
    words = search_words(words)
    texts = {
        label: " ".join(str(v) for v in (label, r.title, r.round) if not blank(v))
        for label, r in zip(choices, docs.itertuples(), strict=True)
    }
    wanted = [*st.session_state.get("notices", []), *st.query_params.get_all("notices")]
    options, found = narrowed(options, texts, words, wanted, PICKER_OPTIONS)
    if not found:
        st.caption("没有找到匹配的通报，下面列出最新的通报。")
chosen = st.multiselect(
    "选择两份或以上通报",
    options,
    key="notices",  # in the URL: ?notices=2024-12-01+荷塘镇&notices=2025-05-06+荷塘镇
    bind="query-params",
    placeholder="选择通报（发布日期 地方）",
    select_all=False,  # an English “Select all” that chose every listed notice at once
)
st.caption("对比不受左侧筛选影响：每份通报按其全部整改事项与指标比较。")
if len(chosen) < 2:
    st.info("请选择两份或以上通报：同一地方的前后几次通报，或同一轮巡察中不同地方的通报。")
    st.stop()

if len(chosen) > compare.MAX_NOTICES:
    st.warning(
        f"一次最多对比 {compare.MAX_NOTICES} 份通报，以下只对比所选的前"
        f" {compare.MAX_NOTICES} 份；请减少所选通报。"
    )
    chosen = chosen[: compare.MAX_NOTICES]
picked = tuple(choices[c] for c in chosen)
notices = ctx.query(compare.notices, picked)
summary = ctx.query(compare.place_summary, picked)
SUMMARY_COLUMNS = {
    "rank": st.column_config.NumberColumn("排名", format="%d"),
    "label": "通报",
    "round": "巡察轮次",
    "items": st.column_config.NumberColumn("整改事项", format="%d"),
    "done": st.column_config.NumberColumn("已完成", format="%d"),
    "doing": st.column_config.NumberColumn("推进中", format="%d"),
    "lasting": st.column_config.NumberColumn("长期", format="%d"),
    "overdue": st.column_config.NumberColumn("逾期未完成", format="%d"),
    "rate": st.column_config.ProgressColumn("完成率", format="%d%%", min_value=0, max_value=100),
}


def _shown(summary):
    """The summary as the table shows it: the rate in whole percent, as on the chart beside it."""
    rate = summary["rate"].map(lambda r: None if pd.isna(r) else charts.whole_percent(r))
    return summary.assign(rate=rate.astype("Int64"))


if compare.mode(notices) == compare.ROUNDS:
    place = markdown_text(notices["place"].iloc[0])
    st.markdown(f"**{place}** 的 {len(notices)} 次通报，按发布时间先后对比。")
    by_date = summary.sort_values("published", kind="stable")
    st.dataframe(
        _shown(by_date)[[c for c in SUMMARY_COLUMNS if c not in ("rank", "round")]],
        key="compare_rounds_summary",
        hide_index=True,
        column_config=SUMMARY_COLUMNS,
    )
    st.caption("完成率 = 已完成 ÷（已完成 + 推进中）；长期事项持续推进，不计入。")

    items = ctx.query(compare.item_changes, picked)
    counts = items["change"].value_counts()
    st.subheader("整改事项前后对比", anchor=False)
    st.markdown(
        "　·　".join(
            f"{word} **{int(counts.get(word, 0))}** 项"
            for word in (compare.CHANGED, compare.NEW, compare.GONE)
        )
    )
    only = st.pills(
        "只看",
        [compare.CHANGED, compare.NEW, compare.GONE],
        key="cmp_change",
        bind="query-params",
    )
    shown = items[items["change"] == only] if only else items
    steps = list(notices["label"])
    st.dataframe(
        shown[["link", "item", "title", *steps, "change"]],
        key="compare_items",
        hide_index=True,
        column_config={
            "link": LINK_COLUMN,
            "item": st.column_config.TextColumn("事项", width="small"),
            "title": st.column_config.TextColumn("整改事项", width="large"),
            "change": "变化",
        },
    )
    st.caption("同一事项：问题标题相同，或标题不同而编号相同；“未列出”指该次通报没有这一项。")

    figures = ctx.query(compare.figure_changes, picked)
    both = figures[figures["notices"] >= 2]
    st.subheader(f"指标前后对比（{len(both)} 条）", anchor=False)
    st.dataframe(
        both[["ref", "what", "kind", *steps, "change", "review"]],
        key="compare_figures",
        hide_index=True,
        column_config={
            "ref": st.column_config.TextColumn("出处", width="small"),
            "what": "统计对象",
            "kind": st.column_config.TextColumn("类型", width="small"),
            **{step: st.column_config.NumberColumn(step, format="localized") for step in steps},
            "change": "变化",
            "review": "核实状态",
        },
    )
    st.caption("只对比同一事项中统计对象、单位和类型都相同的指标，不同单位不放在一起。")
else:
    st.markdown(f"{len(notices)} 份通报横向对比（不同地方或不同轮次）。")
    st.subheader("各通报完成情况（按完成率排序）", anchor=False)
    st.dataframe(
        _shown(summary)[list(SUMMARY_COLUMNS)],
        key="compare_places_summary",
        hide_index=True,
        column_config=SUMMARY_COLUMNS,
    )
    st.caption(
        "完成率 = 已完成 ÷（已完成 + 推进中）；长期事项持续推进，不计入。"
        "逾期未完成：时限早于通报发布日期而尚未完成的事项。"
    )
    chart(charts.completion_bar(summary), "各通报完成率", key="compare_rates")

    st.subheader("同一指标各地排名", anchor=False)
    subjects = ctx.query(compare.subject_choices, picked)
    if subjects.empty:
        st.info("所选通报之间没有统计对象、单位和类型都相同的指标。")
    else:
        key = st.selectbox(
            "统计对象（单位，类型）",
            list(subjects["key"]),
            key="cmp_subject",  # in the URL: ?cmp_subject=积水点（处，成效）
            bind="query-params",
        )
        row = subjects.set_index("key").loc[key]
        st.caption(f"{row.notices} 份通报有这一统计对象（同一单位、同一类型）。")
        ranking = ctx.query(compare.subject_ranking, picked, row.what, row.unit, row.kind)
        chart(charts.ranking_bar(ranking, row.what, row.unit), f"排名_{row.what}", "cmp_rank")
        st.dataframe(
            ranking[["rank", "label", "value", "unit", "ref", "figures", "review_state", "link"]],
            key="compare_ranking",
            hide_index=True,
            column_config={
                "rank": st.column_config.NumberColumn("排名", format="%d"),
                "label": "通报",
                "value": st.column_config.NumberColumn("数值", format="localized"),
                "unit": "单位",
                "ref": "出处",
                "figures": st.column_config.NumberColumn("该通报同名指标数", format="%d"),
                "review_state": "核实状态",
                "link": LINK_COLUMN,
            },
        )
        st.caption(
            "每份通报取一条：优先全镇(街道)层面的数字，否则取最先出现的一条；未提及的不计为零。"
        )

briefing_buttons(ctx, key="compare_briefing", notices=picked)
