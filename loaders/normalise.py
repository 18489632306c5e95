"""Normalise report text: NFKC, one paragraph a line, page chrome dropped."""

from __future__ import annotations

import re
import unicodedata

# Control, format and bidi characters are removed at load, before any offset is taken:
# a U+202E override made a bar read 完成拆除100处 while its value was 35, and a form feed
# or \x01 made the Excel export raise. Tab and line feed stay. board.text.FORBIDDEN is the
# same set (a test keeps them equal) for text read from an older database.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Controls that separate lines or pages (vertical tab, form feed, file/group/record
# separators, NEL, line/paragraph separators) end a paragraph rather than vanish, so the
# words on either side are not run together.
LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# NFKC would turn these into Latin letters (㎡ -> m2) that read like codes; spell them out.
UNIT_SIGNS = {
    "㎡": "平方米",
    "㎢": "平方公里",
    "㎞": "公里",
    "㎏": "千克",
    "㎥": "立方米",
    "m²": "平方米",
    "m³": "立方米",
}
# Circled numbers mark sub-points, not items: NFKC would make ① a bare 1 at a line start.
CIRCLED = {chr(0x2460 + i): f"[{i + 1}]" for i in range(20)}
_CIRCLED_TABLE = str.maketrans(CIRCLED)
_ANY_CIRCLED = re.compile(f"[{''.join(CIRCLED)}]")
_SPACES = re.compile(r"[ \u00a0\u3000]+")
CHROME_LINE = re.compile(
    r"^(无障碍|长者助手|您当前的位置|当前位置|您的位置|首页\s*[>》]|【?\s*字[体号]\s*[:：]|打印本页|"
    r"关闭窗口|扫一扫|分享到|返回顶部|\[?\s*(打印|关闭)\s*\]?$)"
)
CHROME_TAIL = re.compile(r"\s*(分享|分享到)\s*[:：]?\s*$")


def strip_forbidden(text: str) -> str:
    """Line-separating controls -> line feeds; other control/format/bidi characters removed."""
    return FORBIDDEN.sub("", LINE_BREAKS.sub("\n", text))


def normalise(text: str) -> str:
    """NFKC-fold the text (full-width digits, punctuation, odd spaces) and drop page chrome."""
    text = strip_forbidden(text)
    for sign, word in UNIT_SIGNS.items():
        text = text.replace(sign, word)
    if _ANY_CIRCLED.search(text):  # translate looks every character up in a dict: skip it
        text = text.translate(_CIRCLED_TABLE)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\t", " ")
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if not line or CHROME_LINE.match(line):
            continue
        line = CHROME_TAIL.sub("", line)
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"
