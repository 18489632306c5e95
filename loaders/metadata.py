"""Title, issuer, publication date and inspection period, read from the notice's text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

TITLE_WORDS = ("巡察", "巡视", "整改")
DATE_PATTERNS = (
    re.compile(r"发布(?:日期|时间)\s*:?\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"),
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
    issuer = None
    if title and "关于" in title:
        issuer = title.split("关于", 1)[0].strip() or None
    if not issuer:
        issuer = _signature(lines)
    start, end = _period(text)
    return Metadata(title, issuer, _published(text, lines), start, end)


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


def _period(text: str) -> tuple[dt.date | None, dt.date | None]:
    m = PERIOD.search(text[:3000])
    if not m:
        return None, None
    y1, m1, d1, y2, m2, d2 = m.groups()
    return _date(y1, m1, d1), _date(y2 or y1, m2, d2)
