"""How the dashboard names things for a leader: items, figures as written, changes, blanks."""

from __future__ import annotations

import math
import re

import pandas as pd

from board.text import figure_text

CHANGE_WORDS = {"up": "上升", "down": "下降"}
STATUS_ORDER = ("已完成", "推进中", "长期")
BASIS_WORDS = {"明示": "通报明示", "推断": "系统推断"}
OVERALL = "总体情况"
VERIFIED_STATES = ("已核实", "已更正")  # review states a reviewer has settled

# An item label as the notice writes it: (8), （九）, 15, 5、 -> the numeral inside.
_LABEL_CORE = re.compile(r"[\s()（）.、．]+")
# The number part of a figure as written (raw minus its unit): 20万, 7094.3, 10余, 1,900.
_WRITTEN_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?[万亿]?[余多]?")


def blank(value: object) -> bool:
    """True for None, NaN, NaT, pd.NA and empty or whitespace text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def shown(value: object) -> str:
    """A cell for a leader's screen: blank for missing, 8 for 8.0, text as it is."""
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def item_label(part: object, item_no: object, label: object = None) -> str:
    """One way to name an item everywhere: 二(8), 三(九); blank outside numbered items.

    The numeral is the notice's own (part 三 numbers its items 一, 二, …); where the label
    is missing the item number stands in.
    """
    core = "" if blank(label) else _LABEL_CORE.sub("", str(label))
    if not core and not blank(item_no):
        core = str(int(float(item_no)))  # type: ignore[arg-type]
    if not core:
        return ""
    return f"{'' if blank(part) else part}({core})"


def written_figure(value: object, qualifier: object, unit: object, raw: object = None) -> str:
    """A figure as the report writes it: 近20万 平方米, 约7094.3 亩, 10余 次, 19/21 处.

    The number is taken from the raw text when it is written in digits (keeping 万 and
    余); otherwise (Chinese numerals, 六成) the value is spelled with digits.
    """
    if blank(value):
        return ""
    u = "" if blank(unit) else str(unit)
    q = "" if blank(qualifier) else str(qualifier)
    number = ""
    if not blank(raw):
        text = str(raw).strip()
        if u and text.endswith(u):
            text = text[: -len(u)]
        match = _WRITTEN_NUMBER.fullmatch(text.strip())
        number = match.group() if match else ""
    if not number:
        return figure_text(float(value), q, u, grouped=True)  # type: ignore[arg-type]
    if q and q not in number and q in ("以上", "左右", "以下"):
        return f"{number} {u}{q}".strip()
    if q and q not in number:
        number = q + number
    return f"{number} {u}".strip()


def as_read(raw: object, value: object, original: object) -> object:
    """The raw text of a figure while it still says its value; None once a reviewer changed
    the value (the text as written would show the machine's reading, not the correction)."""
    if blank(original) or blank(value):
        return raw
    return raw if float(value) == float(original) else None  # type: ignore[arg-type]


def pair_text(done: object, total: object, unit: object) -> str:
    """已完成 19/21 处 (剩余 2 处): a done-of-total pair as a leader reads it."""
    if blank(done) or blank(total):
        return ""
    u = "" if blank(unit) else f" {unit}"
    text = f"已完成 {float(done):g}/{float(total):g}{u}"  # type: ignore[arg-type]
    left = float(total) - float(done)  # type: ignore[arg-type]
    return text + (f"，剩余 {left:g}{u}" if left > 0 else "")


def change_word(change: object) -> str:
    """上升 / 下降 for the loader's up / down; blank otherwise."""
    return CHANGE_WORDS.get(str(change), "") if not blank(change) else ""


# Words a label may already say its change with (通水率提升, 事故宗数下降).
_SAYS_CHANGE = {
    "up": ("提升", "提高", "增长", "增加", "上升", "扩大", "增"),
    "down": ("下降", "减少", "降低", "缩短", "缩减", "下滑", "降", "减"),
}


def figure_label(metric: object, subject: object, summed: bool = False) -> str:
    """The words a leader reads above one figure: its metric, the verb and what is counted
    (拆除田园窝棚 says what was done, 田园窝棚 does not); the subject for a sum over several
    notices (their labels differ, the thing counted is one); whichever exists."""
    first, second = (subject, metric) if summed else (metric, subject)
    return shown(second) if blank(first) else shown(first)


def change_shown(change: object, label: str) -> str:
    """上升 / 下降 beside a figure, blank where its label already says so (通水率提升)."""
    if blank(change) or any(w in label for w in _SAYS_CHANGE.get(str(change), ())):
        return ""
    return change_word(change)


def date_or_blank(value: object) -> str:
    """YYYY-MM-DD, or blank for a missing date."""
    if blank(value):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return ""


def whole_words(text: object, width: int = 14) -> str:
    """Text that fits `width` characters, cut only between words and marked with …
    (巩固提升巡察、审计等监督发现问题 -> 巩固提升巡察、审计等…, never 监督发…)."""
    value = shown(text)
    if len(value) <= width:
        return value
    import logging

    import jieba  # the loader's segmenter: its words are the ones the labels were built of

    jieba.setLogLevel(logging.WARNING)
    out = ""
    for word in jieba.lcut(value, HMM=False):
        if len(out) + len(word) > width - 1:
            break
        out += word
    for o, c in (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》")):
        if out.count(o) > out.count(c):
            out = out[: out.rfind(o)]  # 美丽圩镇“七个一…: a quoted name is kept whole or left out
    out = out.rstrip("、，,；;：: 和及与的")
    return (out or value[: width - 1]) + "…"
