"""Chinese numerals -> numbers: cn2an, wrapped against the forms it gets wrong."""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
CN_NUMERAL = f"[{CN_DIGITS}{CN_UNITS}点]+"
_NEXT_LOWER = {"亿": "千万", "万": "千", "千": "百", "百": "十"}
_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def chinese_to_number(text: str) -> float | None:
    """Value of a Chinese numeral such as 三万五 (35000), 一千零十 (1010), 两千 or 三点五."""
    if not text or any(c not in CN_DIGITS + CN_UNITS + "点" for c in text):
        return None
    if text.count("点") > 1 or text.startswith("点") or text.endswith("点"):
        return None
    if not any(c in CN_UNITS for c in text) and "点" not in text:
        return float(int("".join(str(_DIGIT_VALUE[c]) for c in text)))
    text = _expand_abbreviation(text)
    try:
        value = cn2an.cn2an(text.replace("两", "二").replace("〇", "零"), "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def _expand_abbreviation(text: str) -> str:
    """Spoken short forms drop the last unit: 三万五 is 三万五千, 一百二 is 一百二十."""
    match = re.fullmatch(rf"(.*[{CN_UNITS}])([一二两三四五六七八九])", text)
    if match and "点" not in text:
        head, digit = match.groups()
        unit = head[-1]
        if unit in _NEXT_LOWER and not head.endswith("零"):
            return head + digit + _NEXT_LOWER[unit][-1] if unit != "亿" else head + digit + "千万"
    return text
