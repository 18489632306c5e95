"""Plain text in any common Chinese encoding: UTF-8 (BOM or not), UTF-16/32, the GB family.

Tab-separated lines (a table saved as text, one row a line) become rows of cells joined
by " | ", as the other readers write table rows.
"""

from __future__ import annotations

import codecs
import re
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
    try:
        return _checked(path, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReportError(path, "二进制文件，不是文本报告 (binary data, not a text report)")
        try:
            return _checked(path, data.decode(codec)), codec
        except UnicodeDecodeError:
            raise ReportError(path, "二进制文件，不是文本报告 (binary data)") from None
    return _checked(path, _decode_legacy(path, data)), _legacy_name(data)


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


def _decode_legacy(path: Path, data: bytes) -> str:
    """GB18030 is a superset of GB2312/GBK; charset-normalizer decides only when it fails.

    charset-normalizer alone is known to call short GBK text Big5 or cp1252, so the GB
    family is tried first and accepted when it yields Chinese text.
    """
    try:
        text = data.decode("gb18030")
        if _cjk_ratio(text) > 0.2 and _control_ratio(text) < 0.01:
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReportError(path, "无法识别文本编码 (undecodable text)")
    encoding = best.encoding.lower()
    if encoding in GB_FAMILY:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReportError(path, "无法识别文本编码 (undecodable text)") from None
    if _cjk_ratio(text) < 0.05:
        raise ReportError(path, "不是中文文本报告 (no Chinese text found)")
    return text


def _legacy_name(data: bytes) -> str:
    try:
        data.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "detected"


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
