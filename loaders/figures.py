"""Find the figures in a stretch of report text: value, unit, qualifier and exact span."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from loaders.numerals import chinese_to_number

# Longest first: the unit is the longest measure word written after the figure.
UNITS = sorted(
    """
    个百分点 百分点 平方公里 平方千米 平方米 立方米 公顷 公里 千米 厘米 毫米 米 亩 吨 千克 公斤 斤
    元 美元 人次 家次 场次 户次 车次 宗次 批次 架次 班次 期次 个次 队次 件次 台次 条次 人 名 位 户 家 个月 个工作日
    工作日 个季度 日 个 项 件 宗 起 条 处 座 栋 幢 间 套 台 辆 艘 株 棵 只 头 次 场 期 篇 份 本 册 张 所 支 队
    组 批 类 种 块 段 层 盏 根 口 眼 道 轮 部 课时 学时 小时 分钟 天 周岁 周 岁 倍 % ‰ 成 分 万人 个点
    千瓦 兆瓦 千瓦时 立方 方 笔 片 节 延米 平米 箱 袋 尾 羽 家庭 场所 卷 大类
    """.split(),
    key=len,
    reverse=True,
)
UNIT_RE = "|".join(re.escape(u) for u in UNITS if u not in ("万人", "个点"))
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = r"(?:[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|零)(?:点[零〇一二三四五六七八九]+)?"
# 近百人次, 逾千户: a lone 百/千 after a qualifier is a round hundred or thousand (数百, 上千
# are vague and stay text).
ROUND_HUNDRED = r"(?<=[近逾超])[百千]"
MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
# 1,328台(套), 56个(次): a second measure word in brackets belongs to the unit.
ALTERNATIVE_UNIT = r"(?P<alt>\((?:套|台|个|次|件|户|人|处|座|家|项|条)\))?"
FIGURE = re.compile(
    rf"(?P<num>{ARABIC}|{CHINESE}|{ROUND_HUNDRED})(?P<approx>余|多)?\s?(?P<mag>万亿|千万|百万|万|亿)?"
    rf"(?P<approx2>余|多)?\s?(?P<unit>{UNIT_RE}){ALTERNATIVE_UNIT}(?P<deadline>内|以内)?"
)
RATIO = re.compile(r"(?P<a>\d+(?:\.\d+)?):(?P<b>\d+(?:\.\d+)?)")
# A duration is a figure only where the text spends it: "用五年时间", "连续3年".
DURATION = re.compile(
    rf"(?:(?<=用)|(?<=历时|经过|花费|连续|持续))(?P<num>{ARABIC}|{CHINESE})(?P<unit>个?年)"
)
# Where a figure can start (a digit or a Chinese numeral): FIGURE is tried only there (see
# scan), not at every character of the notice.
NUMBER_START = re.compile(r"[\d一二两三四五六七八九十零百千]")
ARABIC_ONLY_UNITS = {"方", "片", "节", "尾", "羽", "箱", "袋"}
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE})")
# 减少约一半, 一半以上的村: half is 50 %.
HALF = re.compile(r"(?<![一二两三四五六七八九十])一半")
HALF_START = re.compile("一")  # where HALF can start: its lookbehind kept sre from skipping ahead
QUALIFIER_BEFORE = {
    "将近": "近", "接近": "近", "近": "近", "大约": "约", "约": "约", "超过": "超", "超": "超",
    "逾": "逾", "不低于": "不低于", "不少于": "至少", "至少": "至少", "最少": "至少", "不足": "不足",
    "不到": "不足", "多达": "超", "高达": None,
}  # fmt: skip
_BEFORE_LONGEST_FIRST = sorted(QUALIFIER_BEFORE, key=len, reverse=True)
_NONE = object()  # 高达 qualifies to None: a missing word is told apart from it
QUALIFIER_AFTER = {"以上": "以上", "左右": "左右", "以下": "以下", "之多": "多", "多": "多"}
FAR_QUALIFIERS = ("至少", "不少于", "不低于", "最少")
# 一 on its own is mostly the indefinite article (一批, 一个美丽乡镇入口通道); it is a
# figure only with these units, or where a rule says how often (每月至少开展一次).
LONE_ONE_UNITS = {"倍", "成"}
TIME_UNITS = {"个月", "天", "日", "周", "工作日", "个工作日", "小时", "分钟", "个季度", "年"}
PHASE_WORDS = ("工程", "项目", "道路", "提升", "建设", ")", "、")


@dataclass
class Figure:
    """One figure as written: folded value, base unit, qualifier, and its span in the text."""

    value: float
    unit: str
    qualifier: str | None
    start: int
    end: int
    raw: str
    deadline: bool = False


class Protected:
    """Spans of text whose numbers are not figures: names, titles, dates, codes, labels."""

    PATTERNS = (
        r"《[^《》\n]{0,80}》",
        r"“[^“”\n]{0,30}”",
        r"\"[^\"\n]{0,30}\"",
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        r"https?://\S+|www\.\S+",
        r"(?<!\d)\d{3,4}-\d{7,8}(?:-\d+)?|(?<!\d)1[3-9]\d{9}(?!\d)",
        r"(?<!\d)\d{1,2}:\d{2}(?:\s*[-—~至]\s*\d{1,2}:\d{2})?",
        r"\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}",
        r"(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年(?:度)?(?:\s*[-—至]\s*\d{4}\s*年)?",
        r"(?<!\d)\d{1,2}\s*月(?:\s*\d{1,2}\s*日|(?!份?内))|[一二三四五六七八九十]{1,2}月",
        r"(?<![A-Za-z])[A-Za-z]+\d+[A-Za-z\d]*|(?<!\d)\d+[A-Za-z]+",
        r"(?:邮政编码|邮编)\s*[:：]?\s*\d{6}",
        r"第[零〇一二两三四五六七八九十百千\d]+",
        r"[零〇一二两三四五六七八九十\d]+号",
    )
    REGEX = re.compile("|".join(f"(?:{p})" for p in PATTERNS))
    # Every character a pattern above can start with (\d: any Unicode digit, as theirs);
    # a new pattern adds its first characters here (tests/test_parse_fast_paths.py checks).
    # REGEX.finditer tried all fourteen patterns at every character of the notice; the scan
    # below tries them only where one can start, with REGEX itself, so the spans are the same.
    FIRST = re.compile(r"[《“\"A-Za-z0-9._%+\-\d一二两三四五六七八九十〇零邮第]")

    def __init__(self, text: str, extra: list[tuple[int, int]] | None = None) -> None:
        spans = self.find(text)
        spans.extend(extra or [])
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.spans = spans

    @classmethod
    def find(cls, text: str) -> list[tuple[int, int]]:
        """The spans of REGEX.finditer(text), left to right, without trying every position."""
        spans = []
        search, match = cls.FIRST.search, cls.REGEX.match
        candidate = search(text)
        while candidate is not None:
            at = candidate.start()
            m = match(text, at)  # a lookbehind still sees the text before `at`
            if m is None:
                candidate = search(text, at + 1)
                continue
            spans.append((at, m.end()))
            candidate = search(text, max(m.end(), at + 1))
        return spans

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0 and self.spans[i][0] < end:
            s, e = self.spans[i]
            if s < end and start < e:
                return True
            i -= 1
            if i >= 0 and self.spans[i][1] <= start and self.starts[i] < start - 200:
                break
        return False


def scan(
    regex: re.Pattern[str], first: re.Pattern[str], text: str, start: int, end: int
) -> list[re.Match[str]]:
    """The matches of regex.finditer(text, start, end), trying regex only where `first`
    (every character a match can start with) matches. Same matches, same order."""
    out = []
    search, match = first.search, regex.match
    candidate = search(text, start, end)
    while candidate is not None:
        at = candidate.start()
        m = match(text, at, end)  # a lookbehind still sees the text before `at`
        if m is None:
            candidate = search(text, at + 1, end)
            continue
        out.append(m)
        candidate = search(text, max(m.end(), at + 1), end)
    return out


def find_figures(text: str, start: int, end: int, protected: Protected) -> list[Figure]:
    """Every figure between start and end, left to right."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for fig in _ratios(text, start, end, protected):
        found.append(fig)
        taken.append((fig.start, fig.end))
    for m in PERCENT_WORDS.finditer(text, start, end):
        value = _number(m.group("num"))
        if value is not None and not protected.covers(m.start(), m.end()):
            found.append(
                Figure(value, "%", _qualifier(text, m.start(), m.end()), *m.span(), m.group())
            )
            taken.append(m.span())
    for m in scan(HALF, HALF_START, text, start, end):
        if not protected.covers(m.start(), m.end()):
            found.append(
                Figure(50.0, "%", _qualifier(text, m.start(), m.end()), *m.span(), m.group())
            )
            taken.append(m.span())
    for m in DURATION.finditer(text, start, end):
        value = _number(m.group("num"))
        if value is not None and not protected.covers(m.start(), m.end()):
            found.append(Figure(value, "年", None, *m.span(), m.group(), deadline=False))
            taken.append(m.span())
    for m in scan(FIGURE, NUMBER_START, text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        fig = _figure(text, m, protected)
        if fig is not None:
            found.append(fig)
    found.sort(key=lambda f: f.start)
    return found


def _ratios(text: str, start: int, end: int, protected: Protected) -> list[Figure]:
    out = []
    for m in RATIO.finditer(text, start, end):
        before = text[max(start, m.start() - 8) : m.start()]
        if "比" not in before:
            continue
        a, b = float(m.group("a")), float(m.group("b"))
        if a == 0:
            continue
        out.append(Figure(round(b / a, 6), "比", None, m.start(), m.end(), m.group()))
    return out


def _figure(text: str, m: re.Match[str], protected: Protected) -> Figure | None:
    num, unit = m.group("num"), m.group("unit")
    s, e = m.start(), m.end("alt") if m.group("alt") else m.end("unit")
    is_chinese = not num[0].isdigit()
    if protected.covers(s, m.end("num")) or _glued_to_code(text, s):
        return None
    before = text[max(0, s - 6) : s]
    after = text[e : e + 4]
    if before.endswith(("第", "首", "初", "周", "星期")) or (
        before.endswith(("前", "后")) and unit in ("名", "位")
    ):
        return None
    if is_chinese and not _chinese_ok(text, num, unit, s, before, after):
        return None
    if unit == "日" and not m.group("deadline"):
        return None  # a day of the month; only "30日内" counts days
    if unit == "期" and (is_chinese or after.startswith(PHASE_WORDS)):
        return None
    if is_chinese and (unit == "分" or unit in ARABIC_ONLY_UNITS):
        return None
    if is_chinese and unit == "项" and after.startswith("规定"):
        return None  # 中央八项规定 is a name
    if num == "二" and unit == "次" and re.match(r"[\u4e00-\u9fff]", after[:1]):
        return None  # 二次复核, 二次供水: "second", not a count
    if num.isdigit() and len(num) == 4 and unit in ("个", "项") and before.endswith("年"):
        return None
    value = _number(num)
    if value is None:
        return None
    value *= MAGNITUDE.get(m.group("mag") or "", 1.0)
    if unit == "成":
        value, unit = value * 10, "%"
    unit += m.group("alt") or ""
    if unit == "个百分点":
        unit = "百分点"  # DESIGN: 个百分点 folds to 百分点
    approx = m.group("approx") or m.group("approx2")
    qualifier = _qualifier(text, s, e) or ({"余": "余", "多": "多"}[approx] if approx else None)
    deadline = bool(m.group("deadline")) and unit in TIME_UNITS
    return Figure(round(value, 6), unit, qualifier, s, e, text[s:e], deadline=deadline)


def _chinese_ok(text: str, num: str, unit: str, s: int, before: str, after: str) -> bool:
    """Chinese numerals are figures only where they count; 一 alone rarely does."""
    if unit in ("类", "层", "口", "眼", "道", "篇", "本", "张", "块", "段", "根", "组"):
        return False
    if num == "一":
        if unit in LONE_ONE_UNITS:
            return True
        clause = before[-6:]
        return unit == "次" and bool(
            re.search(r"每半?[年月周日天季]|每季度|至少|不少于|最少", clause)
        )
    if num == "两" and unit == "个" and after.startswith(("确立", "维护", "责任")):
        return False
    prev = text[s - 1] if s > 0 else ""
    # a numeral glued to the word before it is part of a name (民三联围, 海口三社), unless
    # that word is not a name (其中六成, 扩大一倍)
    if text[max(0, s - 2) : s] in NOT_NAME_ENDS:
        return True
    return not (
        prev and re.match(r"[\u4e00-\u9fff]", prev) and prev in "民口墩沙新老大小东西南北中"
    )


NOT_NAME_ENDS = {"其中", "之中", "当中", "扩大", "加大", "增大", "缩小", "减小"}


def _glued_to_code(text: str, s: int) -> bool:
    prev = text[s - 1] if s > 0 else ""
    return bool(prev) and (prev.isascii() and (prev.isalpha() or prev in "-+/.#"))


def _number(num: str) -> float | None:
    if num[0].isdigit():
        return float(num.replace(",", ""))
    return chinese_to_number("一" + num if num in ("百", "千") else num)


_BEFORE_LENGTHS = sorted({len(w) for w in QUALIFIER_BEFORE}, reverse=True)
CLAUSE_MARK = re.compile(r"[,，。;；:：!?、\n]")


def _qualifier(text: str, s: int, e: int) -> str | None:
    if s >= _BEFORE_LENGTHS[0]:
        # the longest word ending at s (one word of each length can): a lookup per length
        for size in _BEFORE_LENGTHS:
            word = QUALIFIER_BEFORE.get(text[s - size : s], _NONE)
            if word is not _NONE:
                return word
    else:  # near the start a negative start of startswith counts from the end: kept as it was
        for word in _BEFORE_LONGEST_FIRST:
            if text.startswith(word, s - len(word)):
                return QUALIFIER_BEFORE[word]
    for word in ("以上", "左右", "以下", "之多"):
        if text.startswith(word, e):
            return QUALIFIER_AFTER[word]
    clause = CLAUSE_MARK.split(text[max(0, s - 10) : s])[-1]
    for word in FAR_QUALIFIERS:
        if word in clause:
            return QUALIFIER_BEFORE[word]
    return None


def inside_name(text: str, pos: int) -> bool:
    """True inside a 《document title》 or a short “quoted name”."""
    for opener, closer, reach in (("《", "》", 80), ("“", "”", 30)):
        left = text.rfind(opener, max(0, pos - reach), pos)
        if left != -1 and text.find(closer, left, pos) == -1:
            right = text.find(closer, pos, pos + reach)
            if right != -1:
                return True
    return False
