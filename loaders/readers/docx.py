"""Word .docx -> text: paragraphs and table rows in document order, with the labels that
Word's automatic numbering shows (numbering.xml) written in front of their paragraphs.

Bounded work: the archive's uncompressed size and its compression ratio are limited before
anything is read; the document part is streamed (each paragraph or table dropped once
read), its element count and depth limited as it goes, and reading stops as soon as the
text is over the loader's character or paragraph bound; a DOCTYPE (Word never writes one)
is refused, comments and processing instructions are dropped, entities never expanded.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from loaders.errors import ReportError
from loaders.limits import (
    DOCX_MAX_UNCOMPRESSED_BYTES,
    DOCX_MAX_XML_ELEMENTS,
    MAX_PARAGRAPHS,
    MAX_TEXT_CHARS,
    XML_MAX_DEPTH,
)
from loaders.tables import join_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED = DOCX_MAX_UNCOMPRESSED_BYTES
MAX_PART = 120 * 1024 * 1024
MAX_RATIO = 200
MAX_ELEMENTS = DOCX_MAX_XML_ELEMENTS
MAX_DEPTH = XML_MAX_DEPTH
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
CN_DIGITS = "〇一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def docx_to_text(path: Path, data: bytes) -> str:
    zf, infos = _archive(path, data)
    parts = _parts(path, zf, infos, PARTS[1:])
    numbering = Numbering(
        _xml(path, parts["word/numbering.xml"]) if "word/numbering.xml" in parts else None,
        _xml(path, parts["word/styles.xml"]) if "word/styles.xml" in parts else None,
    )
    lines: list[str] = []
    counted = Budget(path)
    for child in _body_children(path, zf, infos["word/document.xml"]):
        if child.tag == f"{W}p":
            lines.append(counted(numbering.label(child) + _text(child)))
        elif child.tag == f"{W}tbl":
            for cells in _grid_rows(child, numbering):
                lines.append(counted(join_cells(cells)))
    return "\n".join(lines)


MAX_SPAN = 64


def _grid_rows(tbl: etree._Element, numbering: Numbering):
    """Each row's cells on the table's grid: a cell spanning columns (w:gridSpan) gives its
    text to each column it covers, and a cell continuing a vertical merge (w:vMerge without
    restart, left empty by Word) the text of the merged cell above it."""
    above: dict[int, str] = {}
    for row in tbl.iter(f"{W}tr"):
        cells: list[str] = []
        for tc in row.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = _attr(props.find(f"{W}gridSpan")) if props is not None else None
            merge = props.find(f"{W}vMerge") if props is not None else None
            width = min(int(span), MAX_SPAN) if span and span.isdigit() and int(span) > 0 else 1
            if merge is not None and _attr(merge) in (None, "continue"):
                text = above.get(len(cells), "")
            else:
                text = _cell_text(tc, numbering)
            for _ in range(width):
                above[len(cells)] = text
                cells.append(text)
        yield cells


class Budget:
    """Refuse a document while it is read, as soon as its text is surely over the loader's
    bounds (non-blank characters and non-empty lines survive normalisation)."""

    def __init__(self, path: Path) -> None:
        self.path, self.chars, self.lines = path, 0, 0

    def __call__(self, line: str) -> str:
        chars = len(line) - sum(1 for c in line if c.isspace())
        self.chars += chars
        self.lines += chars > 0
        if self.chars > MAX_TEXT_CHARS:
            raise ReportError(
                self.path,
                f"正文超过 {MAX_TEXT_CHARS:,} 字的上限 (.docx text over {MAX_TEXT_CHARS:,} "
                "characters)",
            )
        if self.lines > MAX_PARAGRAPHS:
            raise ReportError(
                self.path,
                f"段落超过 {MAX_PARAGRAPHS:,} 个的上限 (.docx over {MAX_PARAGRAPHS:,} paragraphs)",
            )
        return line


def _body_children(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The body's paragraphs and tables one at a time, each dropped once read: the document
    part is streamed from the archive, never held whole beside its parsed tree."""
    if info.file_size > MAX_PART:
        raise ReportError(path, f".docx 的 {info.filename} 过大 (part too large)")
    try:
        with zf.open(info) as fh:
            head = fh.read(65536).lower()
        if b"<!doctype" in head or b"<!entity" in head:
            raise ReportError(path, ".docx 含 DOCTYPE 声明，拒绝读取 (DOCTYPE in a .docx part)")
        with zf.open(info) as fh:
            events = etree.iterparse(
                _Capped(fh, MAX_PART),
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
            depth = count = 0
            body = False
            for event, node in events:
                if event == "start":
                    depth += 1
                    count += 1
                    if depth > MAX_DEPTH or count > MAX_ELEMENTS:
                        raise ReportError(path, ".docx 结构过深或过大 (XML too deep or too large)")
                    if depth == 2 and node.tag == f"{W}body":
                        body = True
                    continue
                depth -= 1
                if depth == 2 and body:
                    yield node
                    node.clear()
                    while node.getprevious() is not None:
                        del node.getparent()[0]
            if not body:
                raise ReportError(path, "不是有效的 .docx 文档 (no document body)")
    except (etree.XMLSyntaxError, ValueError):
        raise ReportError(path, "无法读取 .docx 文档 (malformed XML in the .docx)") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ReportError(path, "无法读取 .docx 文档 (corrupt .docx archive)") from None


class _Capped:
    """A stream that refuses to give more than `limit` bytes (a part larger than its
    header says)."""

    def __init__(self, fh, limit: int) -> None:
        self.fh, self.left = fh, limit

    def read(self, n: int = -1) -> bytes:
        blob = self.fh.read(n if n >= 0 else self.left + 1)
        self.left -= len(blob)
        if self.left < 0:
            raise ValueError("part larger than allowed")
        return blob


def _archive(path: Path, data: bytes) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = {i.filename: i for i in zf.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReportError(path, "无法读取 .docx 文档 (corrupt .docx archive)") from None
    if "word/document.xml" not in infos:
        raise ReportError(path, "不是有效的 .docx 文档 (no word/document.xml)")
    total = sum(i.file_size for i in infos.values())
    packed = max(sum(i.compress_size for i in infos.values()), 1)
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise ReportError(path, ".docx 解压后过大 (archive expands too much: zip bomb?)")
    return zf, infos


def _parts(
    path: Path, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], names
) -> dict[str, bytes]:
    out = {}
    for name in names:
        info = infos.get(name)
        if info is None:
            continue
        if info.file_size > MAX_PART:
            raise ReportError(path, f".docx 的 {name} 过大 (part too large)")
        try:
            with zf.open(info) as fh:
                blob = fh.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise ReportError(path, "无法读取 .docx 文档 (corrupt .docx archive)") from None
        if len(blob) > MAX_PART:
            raise ReportError(path, f".docx 的 {name} 过大 (part too large)")
        out[name] = blob
    return out


def _xml(path: Path, blob: bytes) -> etree._Element:
    head = blob[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in blob[:65536].lower():
        raise ReportError(path, ".docx 含 DOCTYPE 声明，拒绝读取 (DOCTYPE in a .docx part)")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(blob, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise ReportError(path, "无法读取 .docx 文档 (malformed XML in the .docx)") from None
    count = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            raise ReportError(path, ".docx 结构过深或过大 (XML too deep or too large)")
        stack.extend((c, depth + 1) for c in node)
    return root


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _cell_text(tc: etree._Element, numbering: Numbering) -> str:
    # a 序号 cell is often a numbered paragraph with no text of its own: Word still draws
    # its number there, so a cell's paragraph keeps its label even when empty
    return "".join(numbering.label(p, empty=True) + _text(p) for p in tc.iter(f"{W}p"))


def _attr(node: etree._Element | None, name: str = "val") -> str | None:
    return None if node is None else node.get(f"{W}{name}")


class Numbering:
    """Counters of Word's lists: numId -> abstractNum levels, restarts and overrides."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            for an in numbering.iterchildren(f"{W}abstractNum"):
                levels = {}
                for lvl in an.iterchildren(f"{W}lvl"):
                    levels[int(_attr(lvl, "ilvl") or 0)] = {
                        "start": int(_attr(lvl.find(f"{W}start")) or 1),
                        "fmt": _attr(lvl.find(f"{W}numFmt")) or "decimal",
                        "text": _attr(lvl.find(f"{W}lvlText")) or "",
                        "restart": _attr(lvl.find(f"{W}lvlRestart")),
                    }
                self.abstract[_attr(an, "abstractNumId") or ""] = levels
            for num in numbering.iterchildren(f"{W}num"):
                overrides = {}
                for ov in num.iterchildren(f"{W}lvlOverride"):
                    start = ov.find(f"{W}startOverride")
                    if start is not None:
                        overrides[int(_attr(ov, "ilvl") or 0)] = int(_attr(start) or 1)
                self.nums[_attr(num, "numId") or ""] = (
                    _attr(num.find(f"{W}abstractNumId")) or "",
                    overrides,
                )
        if styles is not None:
            for style in styles.iterchildren(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    num_id = _attr(num_pr.find(f"{W}numId"))
                    if num_id:
                        ilvl = int(_attr(num_pr.find(f"{W}ilvl")) or 0)
                        self.style_num[_attr(style, "styleId") or ""] = (num_id, ilvl)

    def label(self, p: etree._Element, empty: bool = False) -> str:
        """The label Word shows before this paragraph ("" where it is not numbered; with
        empty=False also "" for a paragraph without text, a blank line of the body)."""
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(f"{W}numPr")
        num_id, ilvl = None, 0
        style = _attr(ppr.find(f"{W}pStyle"))
        if style in self.style_num:
            num_id, ilvl = self.style_num[style]
        if num_pr is not None:
            num_id = _attr(num_pr.find(f"{W}numId")) or num_id
            ilvl = int(_attr(num_pr.find(f"{W}ilvl")) or ilvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        if not empty and not _text(p).strip():
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = overrides.get(ilvl, levels[ilvl]["start"])
        for deeper in [lv for lv in counters if lv > ilvl]:
            # a higher level restarts the levels below it, unless w:lvlRestart says
            # otherwise (0: never; n: only when level n, 1-based, or one above it advances)
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or (restart.isdigit() and int(restart) != 0 and ilvl < int(restart)):
                del counters[deeper]
        text = levels[ilvl]["text"]
        if levels[ilvl]["fmt"] in ("bullet", "none"):
            return ""
        for lv in range(8, -1, -1):
            token = f"%{lv + 1}"
            if token in text:
                value = counters.get(lv, levels.get(lv, {}).get("start", 1))
                fmt = levels.get(lv, {}).get("fmt", "decimal")
                text = text.replace(token, format_number(value, fmt))
        return text


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):  # fmt: skip
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",):
        return HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sign in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                        (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                        (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + sign, n - value
    return out
