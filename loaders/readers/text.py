"""Plain text in any common Chinese encoding: UTF-8 (BOM or not), UTF-16/32, the GB family.

Tab-separated lines (a table saved as text, one row a line) become rows of cells joined
by " | ", as the other readers write table rows.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.errors import ReportError
from loaders.tables import join_cells

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
CJK_CHARS = re.compile(r"[\u4e00-\u9fff]")
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp936"}


def table_rows(text: str) -> str:
    """Lines of two or more tab-separated cells -> " | "-joined rows."""
    if "\t" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        parts = line.split("\t")
        if sum(1 for p in parts if p.strip()) >= 2:
            line = join_cells(parts)
        lines.append(line)
    return "\n".join(lines)


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not), UTF-16/32 or the GB family; refuse binary."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(path, data.decode(codec)), codec
            except UnicodeDecodeError:
                raise ReportError(path, f"无法按 {codec} 解码 (undecodable {codec} text)") from None
    try:  # valid UTF-8 wins over any declaration: legacy text is never valid UTF-8 by chance
        return _checked(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            text = None  # the bytes contradict the declaration: not trusted
        if text is not None and _readable(text):
            return _checked(path, text), declared
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReportError(path, "二进制文件，不是文本报告 (binary data, not a text report)")
        try:
            return _checked(path, data.decode(codec)), codec
        except UnicodeDecodeError:
            raise ReportError(path, "二进制文件，不是文本报告 (binary data)") from None
    text, codec = _decode_legacy(path, data)
    return _checked(path, text), codec


# <meta charset="big5">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">,
# <?xml version="1.0" encoding="gb2312"?>: read from the first bytes, which are ASCII.
DECLARED = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})"
    rb"|<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{2,40})",
    re.IGNORECASE,
)
# Declared names -> the codec that reads what such pages really hold (supersets).
CHARSET_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "big5": "cp950", "big5-hkscs": "big5hkscs", "x-big5": "cp950",
}  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The charset a page or XML prolog declares (a codec Python knows), else None."""
    m = DECLARED.search(data[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    name = CHARSET_SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The ~6,800 most used characters: GB2312 level 1 (simplified) and Big5 level 1
    (traditional). Real notices are >= 99 % these; Big5 bytes read as GB18030 are ~50 %."""
    chars = set()
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                with contextlib.suppress(UnicodeDecodeError):
                    chars.add(bytes((lead, trail)).decode(codec))
    return frozenset(chars)


READABLE_SHARE = 0.85


def _readable(text: str) -> bool:
    """Chinese text a reader can read, not the gibberish of a wrong double-byte codec."""
    hanzi = CJK_CHARS.findall(text[:20000])
    if len(hanzi) < 20:
        return _cjk_ratio(text) > 0.05
    common = _common_hanzi()
    return sum(ch in common for ch in hanzi) / len(hanzi) >= READABLE_SHARE


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of ASCII-heavy lines has NULs in every other byte; CJK text rarely does."""
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) / 2
    if odd > 0.1 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.1 * half and odd < 0.02 * half:
        return "utf-16-be"
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.3 and _control_ratio(text) < 0.01:
            return codec
    return None


def _decode_legacy(path: Path, data: bytes) -> tuple[str, str]:
    """GB18030 (a superset of GB2312/GBK), then Big5; charset-normalizer only when both fail.

    charset-normalizer alone is known to call short GBK text Big5 or cp1252, so the GB
    family is tried first. Every candidate must read as Chinese (_readable): Big5 bytes
    decode as GB18030 without an error, into gibberish that used to be accepted.
    """
    for codec in ("gb18030", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.2 and _control_ratio(text) < 0.01 and _readable(text):
            return text, codec
    best = from_bytes(data).best()
    if best is None:
        raise ReportError(path, "无法识别文本编码 (undecodable text)")
    encoding = best.encoding.lower()
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReportError(path, "无法识别文本编码 (undecodable text)") from None
    if _cjk_ratio(text) < 0.05:
        raise ReportError(path, "不是中文文本报告 (no Chinese text found)")
    if not _readable(text):
        raise ReportError(path, "文本解码后是乱码，请另存为 UTF-8 (text decodes only to gibberish)")
    return text, encoding


def _checked(path: Path, text: str) -> str:
    if _control_ratio(text) > 0.01:
        raise ReportError(path, "二进制文件，不是文本报告 (binary data, not a text report)")
    if not text.strip():
        raise ReportError(path, "文件只有空白 (file holds only whitespace)")
    return text


def _cjk_ratio(text: str) -> float:
    sample = re.sub(r"\s+", "", text[:20000])
    if not sample:
        return 0.0
    return len(CJK_CHARS.findall(sample)) / len(sample)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(CONTROL_CHARS.findall(sample)) / len(sample)
