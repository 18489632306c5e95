"""Write .docx files whose labels come from Word's automatic numbering (numbering.xml)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from loaders.numerals import chinese_to_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPED_LABELS = (  # outline level -> a typed label and the numFmt that draws it
    (r"^([一二三四五六七八九十]+)(、)", "chineseCounting"),
    (r"^([（(])([一二三四五六七八九十]+)([）)])", "chineseCounting"),
    (r"^(\d+)([.．、])(?!\d)", "decimal"),
    (r"^([（(])(\d+)([）)])", "decimal"),
)


@dataclass
class Level:
    fmt: str
    text: str  # lvlText, e.g. "%1、" or "（%2）"
    start: int = 1
    restart: int | None = None  # w:lvlRestart (1-based level whose advance restarts this)


def numbering_xml(
    abstracts: dict[int, dict[int, Level]], nums: dict[int, tuple[int, dict[int, int]]]
) -> bytes:
    """abstractNums with their levels; w:num per numId -> (abstractNumId, startOverrides)."""
    abstract_xml = "".join(
        f'<w:abstractNum w:abstractNumId="{aid}">'
        + "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{lv.start}"/><w:numFmt w:val="{lv.fmt}"/>'
            + (f'<w:lvlRestart w:val="{lv.restart}"/>' if lv.restart is not None else "")
            + f'<w:lvlText w:val="{lv.text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, lv in sorted(levels.items())
        )
        + "</w:abstractNum>"
        for aid, levels in sorted(abstracts.items())
    )
    num_xml = "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>'
        + "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for i, v in sorted(overrides.items())
        )
        + "</w:num>"
        for num_id, (aid, overrides) in sorted(nums.items())
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:numbering xmlns:w="{W}">{abstract_xml}{num_xml}</w:numbering>'
    ).encode()


def numbered_docx(
    paragraphs: list[tuple[str, int | None, int | None]],
    abstracts: dict[int, dict[int, Level]],
    nums: dict[int, tuple[int, dict[int, int]]],
    path: Path,
    style_level: int | None = None,
) -> Path:
    """paragraphs: (text, ilvl or None, numId or None). With style_level, paragraphs of that
    level get their numPr from the paragraph style "Heading 1" instead of their own pPr."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.part.numbering_part  # noqa: B018  (makes the part and its relationship)
    if style_level is not None:
        style = document.styles["Heading 1"].element
        style.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{style_level}"/>'
                f'<w:numId w:val="{min(nums)}"/></w:numPr>'
            )
        )
    for text, ilvl, num_id in paragraphs:
        if ilvl is not None and ilvl == style_level and num_id == min(nums):
            document.add_paragraph(text, style="Heading 1")
            continue
        p = document.add_paragraph(text)
        if ilvl is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                data = numbering_xml(abstracts, nums)
            out.writestr(item, data)
    return path


def write_numbered_notice(text: str, path: Path) -> Path:
    """The notice with its typed outline labels replaced by Word numbering.

    Each outline level is its own list (as a heading style's list often is): an
    abstractNum whose lvlText is the first typed label's punctuation around %1. Where the
    typed number is not the one the list would draw next (a new part restarts （一）, or the
    notice skips a number), a new w:num over the same abstractNum with a w:startOverride
    takes over, as Word writes when a user restarts a list or sets its value.
    """
    abstracts: dict[int, dict[int, Level]] = {}
    nums: dict[int, tuple[int, dict[int, int]]] = {}
    current: dict[int, tuple[int, int]] = {}  # level -> (numId in use, last number drawn)
    paragraphs: list[tuple[str, int | None, int | None]] = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        for ilvl, (pattern, fmt) in enumerate(TYPED_LABELS):
            m = re.match(pattern, line)
            if not m:
                continue
            number = m.group(1 if m.lastindex == 2 else 2)
            value = int(number) if number.isdigit() else int(chinese_to_number(number))
            template = m.group(0).replace(number, "%1", 1)
            level = abstracts.setdefault(ilvl, {0: Level(fmt, template)})[0]
            if level.text != template:
                break  # another punctuation: keep it typed
            num_id, last = current.get(ilvl, (None, 0))
            if num_id is None or value != last + 1:
                num_id = len(nums) + 1
                nums[num_id] = (ilvl, {} if value == 1 and ilvl not in current else {0: value})
            current[ilvl] = (num_id, value)
            paragraphs.append((line[m.end() :], 0, num_id))
            break
        else:
            paragraphs.append((line, None, None))
    return numbered_docx(paragraphs, abstracts, nums, path)


def write_numbered_table_notice(text: str, path: Path) -> Path:
    """The item-table notice (its rows tab-separated, as in the .txt form) as a Word table
    whose 序号 cells hold no typed digit: each is an empty paragraph of a decimal list, so
    Word draws the number. A row between the first and last tabbed lines with one cell is a
    category row merged across the table."""
    import docx
    from docx.oxml import parse_xml

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    tabbed = [i for i, line in enumerate(lines) if "\t" in line]
    first, last = tabbed[0], tabbed[-1]
    width = len(lines[first].split("\t"))
    document = docx.Document()
    document.part.numbering_part  # noqa: B018  (makes the part and its relationship)
    for line in lines[:first]:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=width)
    nums: dict[int, tuple[int, dict[int, int]]] = {}
    last_drawn = 0
    for line in lines[first : last + 1]:
        cells = line.split("\t")
        row = table.add_row().cells
        if len(cells) == 1:
            merged = row[0].merge(row[-1])
            merged.text = cells[0]
            continue
        for k, value in enumerate(cells):
            if k == 0 and value.isdigit():
                if int(value) != last_drawn + 1 or not nums:  # a list starts or jumps
                    nums[len(nums) + 1] = (0, {} if int(value) == 1 else {0: int(value)})
                last_drawn = int(value)
                p = row[0].paragraphs[0]
                p._p.get_or_add_pPr().append(
                    parse_xml(
                        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/>'
                        f'<w:numId w:val="{len(nums)}"/></w:numPr>'
                    )
                )
            else:
                row[k].text = value
    for line in lines[last + 1 :]:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                data = numbering_xml({0: {0: Level("decimal", "%1")}}, nums)
            out.writestr(item, data)
    return path
