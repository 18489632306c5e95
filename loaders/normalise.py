"""Normalise report text: NFKC, one paragraph a line, page chrome dropped."""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
CHROME_LINE = re.compile(
    r"^(无障碍|长者助手|您当前的位置|当前位置|您的位置|首页\s*[>》]|【?\s*字[体号]\s*[:：]|打印本页|"
    r"关闭窗口|扫一扫|分享到|返回顶部|\[?\s*(打印|关闭)\s*\]?$)"
)
CHROME_TAIL = re.compile(r"\s*(分享|分享到)\s*[:：]?\s*$")


def normalise(text: str) -> str:
    """NFKC-fold the text (full-width digits, punctuation, odd spaces) and drop page chrome."""
    text = unicodedata.normalize("NFKC", text.translate(INVISIBLE))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \u00a0\u3000]+", " ", line).strip()
        if not line or CHROME_LINE.match(line):
            continue
        line = CHROME_TAIL.sub("", line)
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"
