"""Item tables: a row is one line of cells joined by " | " (every reader writes them so).

A header is recognised by what its columns mean, not by exact words: a problem column
(问题 / 反馈问题 / 存在问题) and at least one column of measures or progress (整改措施,
举措, 整改进展, 完成情况, 落实情况); owner (责任单位, 牵头单位, 责任部门, 责任领导, 责任人) and
deadline (整改时限, 完成时限) columns are read where present, and a 序号 column numbers the rows.
A column naming a class of problems (问题类别, 问题类型, 所属方面, 领域, 分类) is the rows'
topic, not their problem, though it says 问题: the problem is the column naming the problem
itself (存在问题, 问题描述…). Rows whose topic cell is empty share the topic of the row above
(a merged cell a reader left empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR = " | "
SPLIT = re.compile(r"\s*\|\s*")
MEANINGS = (
    ("number", re.compile(r"^(序号|编号|序)$")),
    ("topic", re.compile(r"类别|类型|方面|领域|分类")),
    ("deadline", re.compile(r"时限|期限|完成时间|整改时间")),
    ("owner", re.compile(r"责任(单位|部门|领导|人)|牵头(单位|部门|领导)|配合单位")),
    ("measures", re.compile(r"措施|举措")),
    ("progress", re.compile(r"进展|进度|完成情况|落实情况|整改情况|整改结果|整改状态")),
    ("problem", re.compile(r"问题|意见")),
)
ROW_NUMBER = re.compile(r"^(\d{1,3})[.、]?$")


@dataclass(frozen=True)
class TableHeader:
    columns: dict[str, int]

    def cell(self, row: list[str], meaning: str) -> str:
        i = self.columns.get(meaning)
        return row[i].strip() if i is not None and i < len(row) else ""

    def number(self, row: list[str]) -> int | None:
        """The row's number where the row is an item (its 序号 cell, or a number first)."""
        if len(row) < 2:
            return None
        i = self.columns.get("number", 0)
        m = ROW_NUMBER.match(row[i].strip()) if i < len(row) else None
        return int(m.group(1)) if m else None


def cells(line: str) -> list[str]:
    return SPLIT.split(line.strip()) if "|" in line else [line.strip()]


def table_header(line: str) -> TableHeader | None:
    """The header's columns by meaning, or None where the line is not an item-table header."""
    if "|" not in line or len(line) > 200:
        return None
    row = cells(line)
    if len(row) < 3 or any(len(c) > 12 for c in row):
        return None
    columns: dict[str, int] = {}
    for i, cell in enumerate(row):
        for meaning, regex in MEANINGS:
            if regex.search(cell) and meaning not in columns:
                columns[meaning] = i
                break
    if "problem" in columns and ("measures" in columns or "progress" in columns):
        return TableHeader(columns)
    return None


def join_cells(texts: list[str]) -> str:
    """One table row as a line; a row with a single non-empty cell is a category line."""
    texts = [re.sub(r"\s+", " ", t).strip() for t in texts]
    filled = [t for t in texts if t]
    if len(set(filled)) <= 1:  # merged cells repeat their text in each grid cell
        return filled[0] if filled else ""
    return SEPARATOR.join(texts)
