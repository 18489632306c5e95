"""The 核实 page's blocks: one queue entry with its sentence, its reading and the verdicts.

Every verdict goes through loaders.verdicts.record (one transaction); the page then reruns,
the views apply it, and the picker (keyed by the store's version) moves to the next entry
still to review.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from board import reviews
from board.filters import KIND_LABELS
from board.labels import as_read, item_label, shown, written_figure
from board.text import Span, highlight_html, markdown_escape
from loaders import verdicts as vs
from ui.auth import User
from ui.widgets import review_word

FIELD_NAMES = {
    "": "",
    "value": "数值",
    "unit": "单位",
    "subject": "统计对象",
    "metric": "指标",
    "kind": "类型",
    "theme": "主题",
    "villages": "村(社区)",
    "item": "事项",
    "status": "状态",
    "owner": "责任单位",
    "deadline": "整改时限",
}
_FLASH = "_review_flash"
_CHANGED = "_review_changed_flash"
_PICKED = "_review_picked"  # (store version, entry key) the picker showed last
_OWN = "_review_own"  # this session's own verdict moved the store on
_DRAWN = "_review_drawn"  # {entry key: what the entry was when its forms were last drawn}
# The prefixes of an entry's widget keys (f"{prefix}_{entry key}"), cleared when it changed.
WIDGET_PREFIXES = ("note", "v", "u", "s", "m", "k", "t", "vil", "it", "cn", "st", "o", "d")
CHANGED_MESSAGE = (
    "您正在核实的条目已随通报重新导入而改变（现在显示的是更新后的内容），刚才的操作未记录。"
    "请核对后重新填写。"
)
NO_ITEM = "不属于任何事项"


def entry_key(row: dict) -> str:
    """A queue entry's id on this page (figure id, or item part-number)."""
    if row["target"] == vs.INDICATOR:
        return f"i{int(row['row_id'])}"
    return f"t{row['part']}-{int(row['item_no'])}"


def entry_title(row: dict) -> str:
    """The picker's line for an entry: state, what it is, why it is in the queue."""
    if row["target"] == vs.INDICATOR:
        what = f"{shown(row['subject']) or shown(row['metric'])} {_figure(row)}"
    else:
        what = f"事项 {item_label(row['part'], row['item_no'])} {shown(row['title'])}"
    return f"[{row['review_state']}] {what} · {row['reason']}"


def _figure(row: dict) -> str:
    raw = as_read(row["raw"], row["value"], row.get("orig_value"))
    return written_figure(row["value"], row["qualifier"], row["unit"], raw)


def flash() -> None:
    """Say what the last verdict did (it was recorded on the run before this one)."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message)
    if st.session_state.pop(_CHANGED, None):
        st.warning(CHANGED_MESSAGE)


def unless_changed(key: str, row: dict) -> None:
    """Drop this run's clicks if entry `key` is no longer what its forms were drawn for.

    The queue is keyed by row number; a re-ingest of an edited notice renumbers the rows,
    so a correction typed for one figure would otherwise be recorded against whichever
    figure now has its number. The entry's typed values are cleared and the page reruns
    (a rerun clears the buttons' clicks) with a warning.
    """
    reading = repr(reviews.verdict_key(row))  # its identity, as the verdict store has it
    before = st.session_state.get(_DRAWN, {}).get(key)
    st.session_state[_DRAWN] = {key: reading}
    if before is None or before == reading:
        return
    for prefix in WIDGET_PREFIXES:
        st.session_state.pop(f"{prefix}_{key}", None)
    st.session_state[_CHANGED] = True
    st.rerun()


def _record(store: Path, verdicts: list[vs.Verdict], done: str) -> None:
    if not verdicts:
        st.info("没有改动，未记录。")
        return
    try:
        vs.record(store, verdicts)
    except vs.VerdictError as exc:
        st.error(f"未能记录：{exc}")
        return
    st.session_state[_FLASH] = done
    st.session_state[_OWN] = True
    st.rerun()


def held_entry(version: object, entries: dict[str, dict]) -> str | None:
    """The entry this reviewer had open when another reviewer's verdict changed the store.

    The picker starts again at the first entry of the scope after every verdict, so the
    next one comes up by itself; but when someone else's verdict moves the open entry out
    of the scope (待核实 -> 已核实), this reviewer's typed correction and next click would
    land on a form no longer drawn and be lost without a word. The entry stays open.
    """
    last = st.session_state.get(_PICKED)
    own = st.session_state.pop(_OWN, False)
    if last is None or own or last[0] == version or last[1] not in entries:
        return None
    return last[1]


def remember_pick(version: object, key: str) -> None:
    st.session_state[_PICKED] = (version, key)


def sentence_block(row: dict) -> None:
    """The sentence with the figure highlighted (every piece escaped), or the item's title."""
    if row["target"] == vs.INDICATOR:
        sentence = shown(row["sentence"])
        base = int(row["sentence_at"]) if not pd.isna(row["sentence_at"]) else 0
        start, end = row["char_start"], row["char_end"]
        spans = []
        if not pd.isna(start) and not pd.isna(end) and 0 <= int(start) - base < len(sentence):
            spans = [Span(int(start), int(end))]
        elif shown(row["raw"]) and shown(row["raw"]) in sentence:
            at = base + sentence.index(shown(row["raw"]))
            spans = [Span(at, at + len(shown(row["raw"])))]
        body = highlight_html(sentence, spans, base=base)
    else:
        label = item_label(row["part"], row["item_no"])
        body = highlight_html(f"{label} {shown(row['title'])}", [])
        evidence = shown(row["sentence"])
        if evidence:
            body += "<br><small>判定依据：" + highlight_html(evidence, []) + "</small>"
    st.markdown(
        f'<div style="padding:.6rem .8rem;border-left:4px solid #f0b400;'
        f'background:rgba(240,180,0,.08)">{body}</div>',
        unsafe_allow_html=True,
    )


def reading_block(row: dict) -> None:
    """What the machine (or the last correction) reads now."""
    if row["target"] == vs.INDICATOR:
        facts = [
            ("数值", _figure(row)),
            ("统计对象", shown(row["subject"])),
            ("指标", shown(row["metric"])),
            ("类型", KIND_LABELS.get(shown(row["kind"]), shown(row["kind"]))),
            ("主题", shown(row["theme"])),
            ("村(社区)", shown(row["villages"])),
            ("事项", item_label(row["part"], row["item_no"]) or "总体情况"),
        ]
        state = review_word(row["review_state"], row.get("ocr", False))
    else:
        facts = [
            ("状态", shown(row["status"])),
            ("状态来源", shown(row["status_basis"])),
            ("责任单位", shown(row["owner"])),
            ("整改时限", shown(row["deadline"])),
        ]
        state = shown(row["review_state"])
    line = " · ".join(
        f"**{name}** {markdown_escape(value) or '（未识别）'}" for name, value in facts
    )
    st.markdown(f"{line}  \n核实状态：**{markdown_escape(state)}**")


def quick_verdicts(row: dict, user: User, store: Path, key: str) -> None:
    """核实无误 (Enter) or 有疑问 with a note, in one form."""
    with st.form(f"quick_{key}", border=False):
        note = st.text_input("备注（有疑问时必填）", key=f"note_{key}", max_chars=vs.MAX_WORDS)
        buttons = st.container(horizontal=True)
        confirm = buttons.form_submit_button("核实无误", type="primary", icon=":material/check:")
        doubt = buttons.form_submit_button("有疑问", icon=":material/help:")
    if confirm:
        verdict = reviews.make_verdict(row, vs.CONFIRM, user.name, note=note)
        _record(store, [verdict], "已记录：核实无误。")
    elif doubt:
        if not note.strip():
            st.warning("请在备注中写明疑问。")
            return
        verdict = reviews.make_verdict(row, vs.DOUBT, user.name, note=note)
        _record(store, [verdict], "已记录：有疑问。")


def correction_form(
    row: dict, user: User, store: Path, key: str, themes: list[str], items: pd.DataFrame
) -> None:
    """更正: the entry's fields, prefilled; every changed field becomes one 更正 verdict."""
    target = row["target"]
    title = "更正数字" if target == vs.INDICATOR else "确认或更改状态、责任单位、时限"
    with st.form(f"correct_{key}"):
        st.markdown(f"**{title}**")
        after: dict[str, str] = {}
        if target == vs.INDICATOR:
            left, right = st.columns(2)
            after["value"] = left.text_input("数值", _plain(row["value"]), key=f"v_{key}")
            after["unit"] = right.text_input("单位", shown(row["unit"]), key=f"u_{key}")
            after["subject"] = left.text_input("统计对象", shown(row["subject"]), key=f"s_{key}")
            after["metric"] = right.text_input("指标", shown(row["metric"]), key=f"m_{key}")
            kinds = list(vs.KINDS)
            kind = shown(row["kind"])
            after["kind"] = left.selectbox(
                "类型", kinds, index=kinds.index(kind) if kind in kinds else 0,
                format_func=lambda k: KIND_LABELS.get(k, k), key=f"k_{key}",
            )  # fmt: skip
            theme_options = list(dict.fromkeys([*themes, shown(row["theme"])]))
            theme_options = [t for t in theme_options if t]
            theme = shown(row["theme"])
            after["theme"] = right.selectbox(
                "主题", theme_options,
                index=theme_options.index(theme) if theme in theme_options else 0,
                key=f"t_{key}", accept_new_options=True,
            )  # fmt: skip
            after["villages"] = left.text_input(
                "村(社区)（以、分隔）", shown(row["villages"]), key=f"vil_{key}"
            )
            keys = list(items["key"])
            labels = dict(zip(items["key"], items["display"], strict=True))
            current = (
                f"{row['part']}-{int(row['item_no'])}"
                if shown(row["part"]) and not pd.isna(row["item_no"])
                else ""
            )
            options = keys if current else [NO_ITEM, *keys]
            after["item"] = right.selectbox(
                "事项", options, index=options.index(current) if current in options else 0,
                format_func=lambda k: labels.get(k, k), key=f"it_{key}",
            )  # fmt: skip
            if after["item"] == NO_ITEM:
                after["item"] = ""
            before = {
                "value": _plain(row["value"]), "unit": shown(row["unit"]),
                "subject": shown(row["subject"]), "metric": shown(row["metric"]),
                "kind": kind, "theme": theme, "villages": shown(row["villages"]),
                "item": current,
            }  # fmt: skip
        else:
            statuses = list(vs.STATUSES)
            status = shown(row["status"])
            after["status"] = st.selectbox(
                "状态", statuses, index=statuses.index(status) if status in statuses else 0,
                key=f"st_{key}",
            )  # fmt: skip
            after["owner"] = st.text_input("责任单位", shown(row["owner"]), key=f"o_{key}")
            after["deadline"] = st.text_input(
                "整改时限（年-月-日，如 2025-06-30）", _date(row["deadline"]), key=f"d_{key}"
            )
            before = {"status": status, "owner": shown(row["owner"]),
                      "deadline": _date(row["deadline"])}  # fmt: skip
        note = st.text_input("更正说明", key=f"cn_{key}", max_chars=vs.MAX_WORDS)
        label = "保存更正" if target == vs.INDICATOR else "保存"
        saved = st.form_submit_button(label, type="primary", icon=":material/edit:")
    if not saved:
        return
    changed = {f: a.strip() for f, a in after.items() if _canon(f, a) != _canon(f, before[f])}
    if target == vs.ITEM and not changed:
        verdict = reviews.make_verdict(row, vs.CONFIRM, user.name, note=note)
        _record(store, [verdict], "已记录：状态、责任单位、时限核实无误。")
        return
    verdicts = [
        reviews.make_verdict(row, vs.CORRECT, user.name, field, value, note)
        for field, value in changed.items()
    ]
    names = "、".join(FIELD_NAMES[f] for f in changed)
    _record(store, verdicts, f"已记录更正：{names}。")


def _canon(field: str, text: str) -> str:
    text = (text or "").strip()
    if field == "value":
        try:
            return repr(float(text))
        except ValueError:
            return text
    if field == "villages":
        return "、".join(n for n in vs.corrected_value(vs.INDICATOR, "villages", text))
    return text


def _plain(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else repr(number)


def _date(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)[:10]


def withdraw_button(row: dict, user: User, store: Path, key: str) -> None:
    """撤回: clears every verdict in force on this entry (the history keeps them)."""
    if row["review_state"] == vs.MACHINE:
        return
    if st.button("撤回本条的核实结果", key=f"withdraw_{key}", icon=":material/undo:"):
        verdict = reviews.make_verdict(row, vs.WITHDRAW, user.name)
        _record(store, [verdict], "已撤回，本条恢复为机器识别。")


def history_block(store: Path, row: dict) -> None:
    """Every verdict ever recorded on this entry, oldest first."""
    past = reviews.history_of(store, row)
    with st.expander(f"核实历史（{len(past)} 条）"):
        if not past:
            st.caption("尚无核实记录。")
            return
        st.dataframe(history_frame(past), hide_index=True, key=f"history_{entry_key(row)}")


def history_frame(past: list[vs.Verdict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "时间": [local_time(v.at) for v in past],
            "核实员": [v.reviewer for v in past],
            "操作": [v.verdict for v in past],
            "字段": [FIELD_NAMES.get(v.field, v.field) for v in past],
            "原值": [v.before for v in past],
            "新值": [v.after for v in past],
            "备注": [v.note for v in past],
        }
    )


def local_time(at: str) -> str:
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


TARGET_WORDS = {vs.INDICATOR: "数字", vs.ITEM: "事项"}


def unmatched_block(orphans: pd.DataFrame) -> None:
    """失配: verdicts whose figure or item is gone from the database, with their sentence."""
    st.subheader("失配的核实记录", anchor=False)
    if orphans.empty:
        st.caption("没有失配的核实记录：每条核实都找到了对应的数字或事项。")
        return
    st.warning(
        f"{len(orphans)} 条核实记录找不到对应的数字或事项（通报重新导入后原句已改动或删除），"
        "这些核实暂未生效，请对照原句重新核实。"
    )
    table = pd.DataFrame(
        {
            "对象": [TARGET_WORDS.get(t, "") for t in orphans["target"]],
            "数字或事项": orphans["raw"].map(shown),
            "原句": orphans["sentence"].map(shown),
            "核实结果": orphans["review_state"].map(shown),
            "记录": orphans["verdicts"].map(shown),
            "核实员": orphans["reviewer"].map(shown),
            "时间": orphans["reviewed_at"].map(lambda a: local_time(shown(a))),
            "备注": orphans["note"].map(shown),
        }
    )
    st.dataframe(table, hide_index=True, key="review_unmatched")
