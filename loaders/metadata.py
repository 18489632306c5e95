"""Title, issuer, place, round, publication date and inspection period, from the text.

issuer: the words before 关于 in the title, else the signature above the closing date,
else a 来源: line near the top (a saved page's ContentSource meta tag gives one).
published: a 发布日期/成文日期/印发日期/日期/发布时间: line, else a date line under the
title or at the end (a saved page's PubDate meta tag gives a 发布日期 line).

place: the unit the notice concerns, read from the issuer (中共青溪县石坪镇委员会 -> 石坪镇;
中共莲溪县水利局党组 -> 莲溪县水利局; 云岭区委巡察办 -> 云岭区): the smallest administrative
unit its name opens with, or a department named after it; a village's or community's branch
(中共石坪镇上洋村支部委员会) concerns that village, named with its town (石坪镇上洋村). round: the inspection round
the title names, as written up to its 第N轮 (十三届县委第四轮巡察 -> 十三届县委第四轮,
第十五届市委第五轮常规巡察 -> 第十五届市委第五轮): 常规/集中/专项巡察 is the kind of
inspection, not the round, and notices of one round differ in it.

title: the line naming the genre (通报 + 巡察/整改); where the issuer stands alone on the
line above a title opening with 关于 (a two-line heading), the two lines are the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TITLE_WORDS = ("巡察", "巡视", "整改")
DATE_PATTERNS = (
    re.compile(
        r"(?:发布|成文|印发)?(?:日期|时间)\s*[:：]?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
    ),
    re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.MULTILINE),
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})日?"),
)
PERIOD = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:至|到|—|-|~)\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)


@dataclass
class Metadata:
    title: str | None
    issuer: str | None
    published: dt.date | None
    inspection_start: dt.date | None
    inspection_end: dt.date | None
    place: str | None = None
    round: str | None = None


def read_metadata(text: str) -> Metadata:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next(
        (
            line
            for line in lines[:12]
            if "通报" in line and any(w in line for w in TITLE_WORDS) and len(line) < 200
        ),
        None,
    )
    if title is None:
        title = next((line for line in lines[:12] if "关于" in line and len(line) < 200), None)
    title = _with_issuer_line(title, lines)
    issuer = None
    if title and "关于" in title:
        issuer = title.split("关于", 1)[0].strip() or None
    signed = _signature(lines)
    if issuer and signed and signed != issuer and signed.startswith(issuer):
        issuer = signed  # the title's short form (…区委) signed in full (…区委员会)
    if not issuer:
        issuer = signed
    if not issuer:
        issuer = _source_line(lines)
    start, end = _period(text)
    return Metadata(
        title,
        issuer,
        _published(text, lines),
        start,
        end,
        place_of(issuer or (title.split("关于", 1)[0] if title else "")),
        round_of(title or text[:400]),
    )


ADMIN_UNIT = re.compile(
    r"[\u4e00-\u9fff]{1,6}?(?:自治州|自治县|街道|省|市|州|盟|(?<!社)区|县|旗|镇|(?<!城)乡)"
)
UNIT_SUFFIX = "省市州盟区县旗"
PARTY_SUFFIX = re.compile(
    r"(?:机关)?(?:党组|党委|党工委|工作委员会|委员会|纪委|党总支部|党总支|党支部|总支|支部|巡察办|巡察工作领导小组办公室)$"
)
VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:村|社区|居委会)")
DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:局|委|办|院|厅|中心|公司|集团|学校|医院|部)$")
ROUND = re.compile(
    rf"((?:第?[{'一二三四五六七八九十'}\d]{{1,3}}届)?[\u4e00-\u9fff]{{0,6}}?[省市县区州旗]委"
    rf"(?:第?[{'一二三四五六七八九十'}\d]{{1,3}}届)?"
    rf"第[{'一二三四五六七八九十'}\d]{{1,3}}轮)[\u4e00-\u9fff]{{0,4}}?巡[察视]"
)


def _with_issuer_line(title: str | None, lines: list[str]) -> str | None:
    """中共某区某街道工作委员会 / 关于……的通报 on two lines: one title."""
    if not title or not title.startswith("关于"):
        return title
    n = lines.index(title)
    above = lines[n - 1] if n else ""
    if above and len(above) <= 40 and PARTY_SUFFIX.search(above) and ADMIN_UNIT.search(above):
        return above + title
    return title


def place_of(issuer: str) -> str | None:
    name = re.sub(r"^中(?:国)?共(?:产党)?", "", (issuer or "").strip())
    units, rest = [], name
    while True:
        m = ADMIN_UNIT.match(rest)
        if not m:
            break
        end = m.end()
        if rest[end : end + 1] in UNIT_SUFFIX and rest[end : end + 1]:  # 江州|市: one name
            end += 1
        units.append(rest[:end])
        rest = rest[end:]
    if not units:
        return None
    while PARTY_SUFFIX.search(rest):  # 支部委员会, 党总支部委员会: every layer of the party body
        rest = PARTY_SUFFIX.sub("", rest)
    if VILLAGE.fullmatch(rest) and units[-1].endswith(("镇", "乡", "街道")):
        return units[-1] + rest  # a village branch's notice concerns the village (石坪镇上洋村)
    if rest and not rest.startswith("委") and DEPARTMENT.fullmatch(rest):
        return units[-1] + rest
    return units[-1]


def round_of(title: str) -> str | None:
    m = ROUND.search(title or "")
    if not m:
        return None
    found = m.group(1)
    # the text before 县委/市委 is the place, not the round ("石坪镇关于县委…")
    head = re.search(r"(?:第?[一二三四五六七八九十\d]{1,3}届)?[省市县区州旗]委第", found)
    return found[head.start() :] if head else found


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _published(text: str, lines: list[str]) -> dt.date | None:
    m = DATE_PATTERNS[0].search(text[:2000])
    if m:
        return _date(*m.groups())
    for line in lines[:6]:  # "（2025年1月20日）" under the title
        m = DATE_PATTERNS[1].match(line.strip("()"))
        if m:
            return _date(*m.groups())
    for line in reversed(lines[-6:]):
        m = DATE_PATTERNS[1].match(line)
        if m:
            return _date(*m.groups())
    return None


def _signature(lines: list[str]) -> str | None:
    for i in range(len(lines) - 1, max(len(lines) - 6, 0), -1):
        if DATE_PATTERNS[1].match(lines[i]) and i > 0 and len(lines[i - 1]) < 40:
            return lines[i - 1]
    return None


SOURCE = re.compile(r"(?:^|\s)(?:信息)?来源\s*[:：]\s*([\u4e00-\u9fff][\u4e00-\u9fff()（）]{1,39})")
NOT_ISSUER = re.compile(r"(?:网|网站|门户|本站|日报|晚报|新闻|客户端|微信公众号)$")


def _source_line(lines: list[str]) -> str | None:
    """The 来源: of a government page near the top (its ContentSource meta tag gives one),
    unless it names a website or newspaper rather than the issuing body."""
    for line in lines[:15]:
        m = SOURCE.search(line)
        if m and not NOT_ISSUER.search(m.group(1)):
            return m.group(1)
    return None


def _period(text: str) -> tuple[dt.date | None, dt.date | None]:
    m = PERIOD.search(text[:3000])
    if not m:
        return None, None
    y1, m1, d1, y2, m2, d2 = m.groups()
    return _date(y1, m1, d1), _date(y2 or y1, m2, d2)


DEADLINE = re.compile(
    r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?|(上半年|下半年|年底|年末|底))"
)


def deadline_date(text: str) -> dt.date | None:
    """整改时限 -> date: 2025年6月底前 -> 2025-06-30, 2025年10月31日, 2025年底 -> 12-31;
    长期坚持 and text without a date -> None."""
    m = DEADLINE.search(text or "")
    if not m:
        return None
    year, month, day, half = m.groups()
    y = int(year)
    if half:
        return dt.date(y, 6, 30) if half == "上半年" else dt.date(y, 12, 31)
    mon = int(month)
    if not 1 <= mon <= 12:
        return None
    if day:
        return _date(year, month, day)
    last = (dt.date(y + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, mon, last)
