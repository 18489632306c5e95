"""Ruled tables of a PDF page -> rows of cells, rebuilt from where the characters stand.

A PDF's text layer gives a table one printed line at a time, each cell's wrapped lines
interleaved with its neighbours' (序 / 号 / 问题类 / 别 …), so rows and columns are lost. A
printed table draws its cell borders as thin ruled lines (Chromium, Word and WPS all do):
vertical rules give the columns, horizontal rules the rows. Each character goes to the cell
its centre falls in, a cell's characters are read line by line, left to right.

Merged cells: where no rule separates two grid cells they are one cell (a category cell
spanning rows, a title row spanning columns); its text belongs to each grid cell it covers,
as the other readers lay merged cells out (loaders.tables).

A row broken across a page: the next page's table opens with a row whose first cell is
empty (its 序号 printed on the page before) — its cells continue the last row's cells,
where only page furniture lies between the two tables (see stitch()).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULE = 2.0  # a rule is thinner than this (pt)
NEAR = 2.5  # rules this close are one
MIN_COLUMNS = 3
SHORT = 6  # characters
MIN_SHORT_LINES = 6


@dataclass
class Table:
    top: float
    bottom: float
    rows: list[list[str]]


@dataclass
class _Rule:
    lo: float  # along the rule
    hi: float
    at: float  # across it


def page_blocks(page, textpage) -> list[str | list[str]]:
    """The page's lines top to bottom: text lines, and each table row as a list of cells."""
    text = textpage.get_text_bounded() or ""
    if not _may_hold_a_table(text):
        return _lines(text)
    height = page.get_height()
    width = page.get_width()
    tables = _tables(page, textpage)
    if not tables:
        return _lines(text)
    blocks: list[str | list[str]] = []
    top = height
    for table in sorted(tables, key=lambda t: -t.top):
        blocks += _lines(textpage.get_text_bounded(0, table.top, width, top) or "")
        blocks += table.rows
        top = table.bottom
    blocks += _lines(textpage.get_text_bounded(0, 0, width, top) or "")
    return blocks


def _may_hold_a_table(text: str) -> bool:
    """Cells wrapping in narrow columns print many short lines (序 / 号, 李明 / 远, 2026年 /
    3月底); a page of prose has a few (headings, a paragraph's last line). Only such a
    page's objects are searched for ruled lines, which costs more than reading its text."""
    short = sum(1 for line in _lines(text) if 0 < len(re.sub(r"\s", "", line)) <= SHORT)
    return short >= MIN_SHORT_LINES


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _tables(page, textpage) -> list[Table]:
    vertical: list[_Rule] = []
    horizontal: list[_Rule] = []
    for left, bottom, right, top in _path_bounds(page):
        w, h = right - left, top - bottom
        if w <= RULE and h > RULE * 2:
            vertical.append(_Rule(bottom, top, (left + right) / 2))
        elif h <= RULE and w > RULE * 2:
            horizontal.append(_Rule(left, right, (bottom + top) / 2))
    if len(vertical) < MIN_COLUMNS + 1 or len(horizontal) < 2:
        return []
    chars = _chars(textpage)
    tables = []
    for group in _regions(vertical):
        table = _table(group, horizontal, chars)
        if table is not None:
            tables.append(table)
    return tables


def _path_bounds(page, depth: int = 2):
    """Bounds of the page's path objects (and those inside form objects), read through the
    raw API: a printed CJK page holds a text object per glyph, and wrapping each object
    in Python (page.get_objects) cost more than reading the whole page's text."""
    import ctypes

    import pypdfium2.raw as raw

    def walk(count, get, level):
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                box = [ctypes.c_float() for _ in range(4)]
                if raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(b) for b in box)):
                    yield tuple(b.value for b in box)
            elif kind == raw.FPDF_PAGEOBJ_FORM and level < depth:
                yield from walk(
                    raw.FPDFFormObj_CountObjects(obj),
                    lambda j, form=obj: raw.FPDFFormObj_GetObject(form, j),
                    level + 1,
                )

    yield from walk(
        raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0
    )


def _regions(vertical: list[_Rule]) -> list[list[_Rule]]:
    """Vertical rules grouped into tables: rules whose extents touch are one table."""
    groups: list[list[_Rule]] = []
    for rule in sorted(vertical, key=lambda r: -r.hi):
        if groups and rule.hi >= min(r.lo for r in groups[-1]) - NEAR:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= NEAR:
            continue
        out.append(v)
    return out


def _chars(textpage) -> list[tuple[float, float, float, str, int]]:
    """(x centre, y centre, height, character, index) of each printed character."""
    out = []
    for i in range(textpage.count_chars()):
        c = textpage.get_text_range(i, 1)
        if not c or c in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right <= left and not c.isspace():
            continue
        out.append(((left + right) / 2, (bottom + top) / 2, top - bottom, c, i))
    return out


def _table(group: list[_Rule], horizontal: list[_Rule], chars) -> Table | None:
    xs = _positions([r.at for r in group])
    if len(xs) < MIN_COLUMNS + 1:
        return None
    top = max(r.hi for r in group)
    bottom = min(r.lo for r in group)
    inside = [
        r for r in horizontal
        if bottom - NEAR <= r.at <= top + NEAR and r.lo < xs[-1] and r.hi > xs[0]
    ]  # fmt: skip
    ys = _positions([top, bottom, *(r.at for r in inside)])[::-1]  # top to bottom
    ys = [y for y in ys if bottom - NEAR <= y <= top + NEAR]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1:
        return None

    def ruled_below(row: int, col: int) -> bool:  # a rule between row and row + 1
        y, mid = ys[row + 1], (xs[col] + xs[col + 1]) / 2
        return any(abs(r.at - y) <= NEAR and r.lo <= mid <= r.hi for r in inside)

    def ruled_right(row: int, col: int) -> bool:  # a rule between col and col + 1
        x, mid = xs[col + 1], (ys[row] + ys[row + 1]) / 2
        return any(abs(r.at - x) <= NEAR and r.lo <= mid <= r.hi for r in group)

    # each grid cell's root: the top-left grid cell of the merged cell it belongs to
    root: dict[tuple[int, int], tuple[int, int]] = {}
    for row in range(n_rows):
        for col in range(n_cols):
            if col and not ruled_right(row, col - 1):
                root[(row, col)] = root[(row, col - 1)]
            elif row and not ruled_below(row - 1, col):
                root[(row, col)] = root[(row - 1, col)]
            else:
                root[(row, col)] = (row, col)
    found: dict[tuple[int, int], list[tuple[float, float, float, str, int]]] = {}
    for ch in chars:
        x, y = ch[0], ch[1]
        if not (xs[0] < x < xs[-1] and ys[-1] < y < ys[0]):
            continue
        col = next(c for c in range(n_cols) if x < xs[c + 1])
        row = next(r for r in range(n_rows) if y > ys[r + 1])
        found.setdefault(root[(row, col)], []).append(ch)
    text = {key: _cell_text(cs) for key, cs in found.items()}
    rows = [[text.get(root[(row, col)], "") for col in range(n_cols)] for row in range(n_rows)]
    return Table(top, bottom, [r for r in rows if any(c.strip() for c in r)])


def _cell_text(chars) -> str:
    """A cell's characters in the text layer's own order: whether it writes a table cell by
    cell or line by line across the row, within one cell that is line by line, left to right.
    (Boxes cannot order them: the box of 、 or ， sits below its line, 一 is a thin stroke.)"""
    return "".join(c[3] for c in sorted(chars, key=lambda c: c[4])).strip()


def stitch(pages: list[list[str | list[str]]], furniture) -> list[list[str | list[str]]]:
    """A row broken across pages is joined back: the first row of a page's first table,
    with an empty first cell, continues the last row of the page before's last table when
    only furniture (furniture(line) true) stands between them."""
    last: list[str] | None = None  # the last row of the previous page, if nothing after
    for blocks in pages:
        opened = last
        keep: list[str | list[str]] = []
        for block in blocks:
            if isinstance(block, list):
                if opened is not None and len(block) == len(opened) and not block[0].strip():
                    for i, cell in enumerate(block):
                        if cell and cell != opened[i]:
                            opened[i] += cell
                    opened = None
                    continue
                opened = None
                keep.append(block)
            else:
                if block.strip() and not furniture(block):
                    opened = None
                keep.append(block)
        blocks[:] = keep
        last = None
        for block in reversed(blocks):
            if isinstance(block, list):
                last = block
                break
            if block.strip() and not furniture(block):
                break
    return pages
