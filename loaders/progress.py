"""Done-of-total pairs: "21处历史水浸点已完成整治19处", "11个行政村……其中已完成7个"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.figures import Figure

DONE_BEFORE = re.compile(
    r"(?:已完成|完成|已|整改|整治|动工|完工|建成|解决|销号|到位|实现)[\u4e00-\u9fff]{0,6}$"
)
BETWEEN = re.compile(r"其中|已完成|已|完成|中")
ALL_DONE = re.compile(
    r"^[^,;。]{0,12}?(?:已全部完成|全部完成|均已[\u4e00-\u9fff]{0,4}完成|已全部[\u4e00-\u9fff]{0,4}|均已完成)"
)
COUNT_UNITS = {
    "个",
    "处",
    "项",
    "件",
    "宗",
    "条",
    "座",
    "家",
    "所",
    "名",
    "人",
    "户",
    "间",
    "栋",
    "幢",
    "台",
    "辆",
}


@dataclass
class ProgressPair:
    done: float
    total: float
    unit: str
    total_figure: Figure
    done_figure: Figure | None = None  # None where the text says all of it is done


def find_progress(text: str, figures: list[Figure]) -> list[ProgressPair]:
    """Pairs within one sentence: a total, then a done part of it in the same unit."""
    pairs: list[ProgressPair] = []
    used: set[int] = set()
    for j, done in enumerate(figures):
        if id(done) in used or not DONE_BEFORE.search(text[max(0, done.start - 12) : done.start]):
            continue
        # the nearest figure before it in its unit is its total ("反馈的4个方面15个问题,已完成
        # 整改10个,阶段性完成3个": 10 of 15; the 3 has no total of its own left)
        for total in reversed(figures[:j]):
            if total.unit != done.unit:
                continue
            between = text[total.end : done.start]
            if id(total) in used or len(between) > 60 or total.value < done.value:
                break
            if BETWEEN.search(between) and DONE_BEFORE.search(
                text[max(total.end, done.start - 12) : done.start]
            ):
                pairs.append(ProgressPair(done.value, total.value, total.unit, total, done))
                used.update((id(done), id(total)))
            break
    for fig in figures:
        if id(fig) in used or fig.unit not in COUNT_UNITS:
            continue
        if ALL_DONE.search(text[fig.end : fig.end + 24]):
            pairs.append(ProgressPair(fig.value, fig.value, fig.unit, fig))
    return pairs
