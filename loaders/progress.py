"""Done-of-total pairs: "21处历史水浸点已完成整治19处", "11个行政村……其中已完成7个"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.figures import Figure

DONE_BEFORE = re.compile(
    r"(?<!阶段性)(?<!基本)(?<!未)(?<!没有)"
    r"(?:已完成|完成|已|整改|整治|动工|完工|建成|解决|销号|到位|实现|办结|化解)[\u4e00-\u9fff]{0,6}$"
)
# 化解隐性债务8.6亿元,完成年度化解任务7.2亿元的119.4%: the task is the whole, the amount done
# before it the done part, over the whole
TASK_SHARE_AFTER = re.compile(r"^的\s*\d+(?:\.\d+)?%")
TASK_LEAD = re.compile(r"完成[^,;。\d]{0,10}任务$")
# 已完成标准化规范化建设验收11个, 已完成续签或重新招租58份: a longer act after 已/已完成
# (a count only; 其中已争取上级补助资金800万元 is money of another kind, not a done part)
DONE_LONG_BEFORE = re.compile(r"(?:已完成|已)[^\W\d的_]{7,14}$")
# 已完成改造5个,目前已开工2个: work begun is no second done part of the whole
STARTED_ONLY = re.compile(r"开工|动工|启动|进场|开展")
BETWEEN = re.compile(r"其中|已完成|已|完成|中|办结|化解")
ALL_DONE = re.compile(
    r"^[^,;。]{0,12}?(?:已全部完成|全部完成|均已[\u4e00-\u9fff]{0,4}完成|已全部[\u4e00-\u9fff]{0,4}|均已完成)"
)
# 完成9座病险水库除险加固中的6座, 已联系失联党员12名中的10名: the part M of the whole N
PART_OF_BETWEEN = re.compile(r"^[^,;。:!?\d]{0,20}中的$")
PART_OF_LEAD = re.compile(r"完成|已")
CLAUSE_START = re.compile(r"[,，;；。:：!?\n|\t]")
# The clause of what is left or still open: 剩余2栋…, 其余6个正在推进, 正在推进2个, 需长期坚持1个
OPEN_CLAUSE = re.compile(
    r"^\s*(?:目前|现|另|尚)?(?:剩余|其余|剩下|余下|尚有|还有|仍有|未完成|尚未|正在|仍在|"
    r"推进中|需长期|需要长期|长期|阶段性完成|待)"
)
# …not one that did work itself (其余村拆除285处: a breakdown of what was done) or is said
# to be done after it (其余5处已全部拆除)
WORK_IN_LEAD = re.compile(r"已|完成|拆除|整治|整改|清理|建成|修复|办结|销号|复垦|复耕")
DONE_AFTER = re.compile(
    r"^[^,;。]{0,12}?(?:已|均已|全部)[\u4e00-\u9fff]{0,4}?"
    r"(?:完成|完工|整改|到位|销号|拆除|建成|办结|修复|治理|清理|化解)"
)
# 其中C级28栋 / 其中,在甲村拆除46处: a class or place of the whole, not a done part of it
SUBSET_CLAUSE = re.compile(r"^\s*其中(?![^,;。\d]{0,4}(?:已|完成))")
SUBSET_BEFORE = re.compile(r"其中\s*[,，]\s*$")
# a scope the work found or was given: 共排查隐患23处, 反馈问题12个, 纳入改造计划的9个
SCOPE_LEAD = re.compile(
    r"(?:排查|摸排|梳理|核查|清查|复核|发现|反馈|指出|交办|涉及|共有|共计|纳入|确定|列入|计划)"
    r"[^,;。:]{0,16}$|^\s*(?:共|全镇共|共有)"
)
# …and the done part said to be done in so many words (已整改19处, 完成改造7个; not 对整改
# 不力的1个村), where the whole is in another sentence
STRONG_DONE_BEFORE = re.compile(r"(?<!未)(?<!没有)(?:已|完成|办结|销号)[^,;。:\d]{0,10}$")
# an amount of change (较巡察反馈时增加102个)
CHANGE_LEAD = re.compile(r"(?:较|比|同比|环比)[^,;。\d]{0,12}(?:增加|减少|提高|下降|增长|新增)$")
# a 举一反三 between a whole and a done part: the part is of other work
SIDE = re.compile(r"举一反三")
# how far back the whole of a done part and its remainder may have been stated
WHOLE_REACH = 400
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
LONG_ACT_UNITS = COUNT_UNITS | {"份", "套", "口"}


@dataclass
class ProgressPair:
    done: float
    total: float
    unit: str
    total_figure: Figure
    done_figure: Figure | None = None  # None where the text says all of it is done
    task: bool = False  # the whole is a task done more than in full (完成年度任务N的110%)


def find_progress(
    text: str, figures: list[Figure], earlier: list[Figure] | tuple = ()
) -> list[ProgressPair]:
    """Pairs of one sentence's figures: a total, then a done part of it in the same unit.

    `earlier` are the figures of the same item (or paragraph) before the sentence: a done
    part followed by what is left (已完成整改46个,其余6个正在推进) pairs with the whole the
    two add up to, wherever the item stated it (共反馈问题52个。…)."""
    pairs: list[ProgressPair] = []
    as_done: dict[int, Figure] = {}  # a done part -> its whole
    as_total: set[int] = set()

    def add(done: Figure, total: Figure, task: bool = False) -> None:
        pairs.append(ProgressPair(done.value, total.value, total.unit, total, done, task))
        as_done[id(done)] = total
        as_total.add(id(total))

    for done, total in _done_and_left(text, figures, earlier):
        add(done, total)
    for total, done in zip(figures, figures[1:], strict=False):
        if (
            total.unit == done.unit
            and total.value > done.value
            and id(done) not in as_done
            and PART_OF_BETWEEN.match(text[total.end : done.start])
            and PART_OF_LEAD.search(_clause_lead(text, total) + text[total.end : done.start])
        ):
            add(done, total)
    for j, done in enumerate(figures):
        if id(done) in as_done or id(done) in as_total or not _done_before(text, done):
            continue
        # the nearest figure before it in its unit is its total ("反馈的4个方面15个问题,已完成
        # 整改10个,阶段性完成3个": 10 of 15; the 3, only partly done, has no pair)
        for total in reversed(figures[:j]):
            if total.unit != done.unit:
                continue
            between = text[total.end : done.start]
            if len(between) > 60:
                break
            if id(total) in as_done:
                # 项目8个,目前已开工6个,已建成投产2个: a second done part of the same whole
                whole = as_done[id(total)]
                if (
                    whole.value >= done.value
                    and _done_before(text, done, total.end)
                    and not STARTED_ONLY.search(text, max(total.end, done.start - 12), done.start)
                    # (已完工10个,累计完成投资1375万元,…,建成口袋公园3个: other work between)
                    and not any(total.end <= f.start < done.start for f in figures)
                ):
                    add(done, whole)
                break
            if total.value < done.value:
                break
            if TASK_SHARE_AFTER.match(text[done.end :]) and TASK_LEAD.search(
                text, total.end, done.start
            ):
                add(total, done, task=True)  # a task done more than in full: the task is the whole
            elif BETWEEN.search(between) and _done_before(text, done, total.end):
                add(done, _first_stated(text, figures, total))
            break
    for done, total in _scope_then_done(text, figures, earlier, as_done, as_total):
        add(done, total)
    before_all = [*earlier, *figures]
    for k, fig in enumerate(figures):
        if id(fig) in as_done or id(fig) in as_total or fig.unit not in COUNT_UNITS:
            continue
        # 排查企业27家,…,目前27家已全部整治完毕: all of it done, both numbers written (not
        # 其中重大隐患12处已全部整改 alone: no number states the done part)
        stated = any(
            f.unit == fig.unit and f.value == fig.value and 0 <= fig.start - f.end <= WHOLE_REACH
            for f in before_all[: len(earlier) + k]
        )
        if stated and ALL_DONE.search(text[fig.end : fig.end + 24]):
            pairs.append(ProgressPair(fig.value, fig.value, fig.unit, fig))
    return pairs


def _first_stated(text: str, figures: list[Figure], total: Figure) -> Figure:
    """The whole as first stated where the clause before restates all of it by an act (梳理信访
    积案25件,由局领导包案25件,目前已化解21件: 21 of the 25 cases, as first named)."""
    k = next(i for i, f in enumerate(figures) if f is total)
    for f in reversed(figures[:k]):
        if f.unit != total.unit:
            continue
        between = text[f.end : total.start]
        if (
            f.value == total.value
            and len(between) <= 20
            and not re.search(r"[;。]|已|完成", between)
        ):
            return f
        break
    return total


def _done_before(text: str, fig: Figure, lo: int = 0) -> bool:
    at = fig.start
    if DONE_BEFORE.search(text, max(lo, at - 12), at):
        return True
    return fig.unit in LONG_ACT_UNITS and bool(DONE_LONG_BEFORE.search(text, max(lo, at - 16), at))


def _clause_lead(text: str, fig: Figure) -> str:
    """The words of fig's clause before it (a 、 list stays one clause: 剩余7宗、234亩)."""
    lo = max(0, fig.start - 40)
    starts = [m.end() for m in CLAUSE_START.finditer(text, lo, fig.start)]
    return text[starts[-1] if starts else lo : fig.start]


def _open(text: str, fig: Figure) -> bool:
    """fig counts what is left or still open (剩余2栋, 其余6个正在推进, 正在推进2个)."""
    lead = _clause_lead(text, fig)
    m = OPEN_CLAUSE.match(lead)
    if not m or DONE_AFTER.match(text[fig.end : fig.end + 20]):
        return False
    return not (m.group().strip() in ("其余", "剩余") and WORK_IN_LEAD.search(lead, m.end()))


def _subset(text: str, fig: Figure) -> bool:
    lead = _clause_lead(text, fig)
    lo = fig.start - len(lead)
    return bool(SUBSET_CLAUSE.match(lead) or SUBSET_BEFORE.search(text, max(0, lo - 4), lo))


def _scope_then_done(
    text: str, figures: list[Figure], earlier, as_done: dict, as_total: set
) -> list[tuple[Figure, Figure]]:
    """(done, whole) where the first figure of its unit in a sentence is a done part (已整改
    19处) and the item's last figure of that unit before it is a scope it found or was given
    (共排查隐患23处。…已整改19处)."""
    out = []
    for j, done in enumerate(figures):
        named = _named_whole(text, done, earlier)
        if (
            id(done) in as_done
            or id(done) in as_total
            or (named is None and any(f.unit == done.unit for f in figures[:j]))
            or _subset(text, done)
            or not STRONG_DONE_BEFORE.search(text, max(0, done.start - 16), done.start)
        ):
            continue
        if any(
            f.unit == done.unit
            and (
                DONE_AFTER.match(text[f.end : f.end + 24])
                or ALL_DONE.match(text[f.end : f.end + 24])
            )
            for f in figures[j + 1 :]
        ):
            continue  # 已治理8处,其余4处已全部完工: the rest is done too
        # the last count of its unit before it that could hold it (涉及7个单位 cannot hold 11)
        whole = named or next(
            (f for f in reversed(earlier) if f.unit == done.unit and f.value >= done.value),
            None,
        )
        if (
            whole is None
            or id(whole) in as_done
            or done.start - whole.end > WHOLE_REACH
            or _done_before(text, whole)
            or not SCOPE_LEAD.search(_clause_lead(text, whole))
            or SIDE.search(text, whole.end, done.start)
        ):
            continue
        out.append((done, whole))
    return out


DONE_TAIL = re.compile(
    r"(?:目前|现)?(?:已|均已)?(?:完成|整改|办结|销号|化解|处置)[\u4e00-\u9fff]{0,4}$"
)


def _named_whole(text: str, done: Figure, earlier) -> Figure | None:
    """The earlier whole the done part names by its own noun: 反馈的镇级问题18个、村级问题47个。
    …镇级问题已完成整改16个,村级问题已完成整改44个 (16 of 18, 44 of 47)."""
    lead = _clause_lead(text, done)
    tail = DONE_TAIL.search(lead)
    noun = lead[: tail.start()].strip() if tail else ""
    if len(noun) < 2 or not tail:
        return None
    for f in reversed(earlier):
        if f.unit != done.unit or f.value < done.value:
            continue
        own = _clause_lead(text, f).rsplit("、", 1)[-1]
        if own.endswith(noun):
            return f
    return None


def _done_and_left(text: str, figures: list[Figure], earlier) -> list[tuple[Figure, Figure]]:
    """(done, whole) where a done part M is followed in its sentence by what is left or still
    open (剩余R, 其余R正在…, 正在推进R, 长期坚持R) and an earlier figure of the item in the
    unit is M + R: 排查损毁设施64处,修复58处,剩余6处; 共反馈问题52个。…已完成整改46个,其余
    6个正在推进中; 问题12个…。已完成整改9个,正在推进2个,长期坚持1个."""
    out: list[tuple[Figure, Figure]] = []
    taken: set[int] = set()
    before_all = [*earlier, *figures]
    offset = len(earlier)
    for j, done in enumerate(figures):
        if id(done) in taken or _open(text, done) or _subset(text, done):
            continue
        left, sums = 0.0, []
        for fig in figures[j + 1 :]:
            if fig.unit != done.unit:
                continue
            if not _open(text, fig):
                # 已完成整治163个,较巡察反馈时增加102个;剩余23个 / 已整改671项,4项重大隐患全部
                # 销号;剩余18项: a change or a class done, said in between, is passed over
                if CHANGE_LEAD.search(_clause_lead(text, fig)) or DONE_AFTER.match(
                    text[fig.end : fig.end + 24]
                ):
                    continue
                break
            left += fig.value
            sums.append(left)
        whole = None
        for added in reversed(sums):
            want = done.value + added
            found = [
                cand
                for cand in before_all[: offset + j]
                if cand.unit == done.unit
                and abs(cand.value - want) < 1e-6
                and id(cand) not in taken
                and done.start - cand.end <= WHOLE_REACH
                and not SIDE.search(text, cand.end, done.start)
            ]
            # the whole as first stated, not a done count equal to it (已完成核查112个)
            whole = next((c for c in reversed(found) if not _done_before(text, c)), None) or (
                found[-1] if found else None
            )
            if whole is not None:
                break
        if whole is not None:
            out.append((done, whole))
            taken.update((id(done), id(whole)))
    return out
