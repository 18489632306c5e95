"""CSV and Excel snapshots of the filtered figures, made to open right in Excel on Windows."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import datetime

import pandas as pd
import xlsxwriter

from board.filters import KIND_LABELS, Filters
from board.labels import blank, change_word, date_or_blank
from board.text import spreadsheet_cell

BOM = "\ufeff".encode()
# Cells Excel would read as a formula (CSV/formula injection): = + - @ tab CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Kept inside a cell: tab, line feed, carriage return. Every other control character is
# invalid in the XML of a workbook (a \x0c in a report made openpyxl raise).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc minus \t \n \r

# Column -> Chinese header, in export order.
FIGURE_COLUMNS: dict[str, str] = {
    "indicator_id": "指标编号",
    "item": "事项",
    "item_title": "整改事项",
    "topic": "议题",
    "theme": "主题",
    "subject": "统计对象",
    "metric": "指标",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定词",
    "kind": "类型",
    "change": "变化",
    "period": "时期",
    "villages": "村(社区)",
    "review_state": "核实状态",
    # 原值: the machine reading a reviewer corrected (blank where nothing was changed)
    "orig_value": "原值：数值",
    "orig_unit": "原值：单位",
    "orig_subject": "原值：统计对象",
    "orig_metric": "原值：指标",
    "orig_kind": "原值：类型",
    "orig_theme": "原值：主题",
    "orig_villages": "原值：村(社区)",
    "orig_item": "原值：事项",
    "sentence": "原句",
}

LEDGER_COLUMNS: dict[str, str] = {
    "item": "事项",
    "title": "整改事项",
    "topic": "议题",
    "status": "状态",
    "status_basis": "状态依据",
    "status_evidence": "判定原文",
    "progress_text": "完成进度",
    "owner": "责任单位",
    "deadline_text": "整改时限",
    "review_state": "核实状态",
    "orig_status": "原值：状态",
    "orig_owner": "原值：责任单位",
    "orig_deadline": "原值：整改时限",
    "figures": "指标数",
}


def strip_controls(text: str) -> str:
    """Text without control characters (tab, line feed and carriage return kept)."""
    return _CONTROLS.sub("", text)


def neutralise_cell(value: object) -> object:
    """Prefix ' to text that Excel would run as a formula; numbers and blanks are untouched.

    Characters an .xlsx cannot hold (a form feed made the whole export raise) go too.
    """
    return spreadsheet_cell(value)


def figure_table(df: pd.DataFrame) -> pd.DataFrame:
    """The figures as exported: chosen columns, Chinese headers, lists joined with 、."""
    out = df.reindex(columns=list(FIGURE_COLUMNS)).copy()
    for column in ("villages", "orig_villages"):
        out[column] = [_joined(v) for v in out[column]]
    for column in ("kind", "orig_kind"):
        out[column] = out[column].map(lambda k: KIND_LABELS.get(k, k))
    out["change"] = out["change"].map(change_word)
    for column in ("value", "orig_value"):
        out[column] = [_plain_number(v) for v in out[column]]
    out["orig_item"] = [
        "" if blank(p) and blank(n) else f"{'' if blank(p) else p}({int(n)})"
        for p, n in zip(df.get("orig_part", _blanks(df)), df.get("orig_item_no", _blanks(df)),
                        strict=True)
    ]  # fmt: skip
    moved = [
        not blank(o) and (p, n) != (op, on)
        for o, p, n, op, on in zip(
            out["orig_item"], df.get("part", _blanks(df)), df.get("item_no", _blanks(df)),
            df.get("orig_part", _blanks(df)), df.get("orig_item_no", _blanks(df)), strict=True,
        )
    ]  # fmt: skip
    out["orig_item"] = [o if m else "" for o, m in zip(out["orig_item"], moved, strict=True)]
    for column in ("value", "unit", "subject", "metric", "kind", "theme", "villages"):
        out[f"orig_{column}"] = _changed_only(out[column], out[f"orig_{column}"])
    return out.rename(columns=FIGURE_COLUMNS)


def _blanks(df: pd.DataFrame) -> list[None]:
    return [None] * len(df)


def _changed_only(now: pd.Series, before: pd.Series) -> list[object]:
    """The original reading where a correction changed it, else blank."""
    return [
        "" if blank(b) and blank(a) else ("" if _same(a, b) else ("" if blank(b) else b))
        for a, b in zip(now, before, strict=True)
    ]


def _same(a: object, b: object) -> bool:
    if blank(a) or blank(b):
        return blank(a) and blank(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return str(a) == str(b)


def ledger_table(df: pd.DataFrame) -> pd.DataFrame:
    """The items as exported (the 台账): status, its basis and evidence, progress, owner."""
    out = df.reindex(columns=list(LEDGER_COLUMNS)).copy()
    if "deadline" in df.columns and out["deadline_text"].isna().all():
        out["deadline_text"] = df["deadline"].map(date_or_blank)
    for column in ("status", "owner", "deadline"):
        now = df[column] if column in df.columns else pd.Series([None] * len(df), index=df.index)
        before = out[f"orig_{column}"]
        if column == "deadline":
            now, before = now.map(date_or_blank), before.map(date_or_blank)
        out[f"orig_{column}"] = _changed_only(now, before)
    return out.rename(columns=LEDGER_COLUMNS)


def _joined(villages: object) -> str:
    """A village list (list, tuple or numpy array from DuckDB) as one 、-joined cell."""
    if villages is None or isinstance(villages, float):
        return ""
    if isinstance(villages, str):
        return villages
    return "、".join(str(v) for v in villages)


def date_text(published: object) -> str:
    """A report date (date, datetime, Timestamp or None) as YYYY-MM-DD, or 未注明日期."""
    if published is None or published is pd.NaT or (isinstance(published, float)):
        return "未注明日期"
    return pd.Timestamp(published).strftime("%Y-%m-%d")


def _plain_number(value: object) -> object:
    """331.0 -> 331 so the CSV reads like the report; other values stay as they are."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM, formula-like text cells neutralised."""
    safe = table.map(neutralise_cell)
    safe.columns = [neutralise_cell(c) for c in safe.columns]
    return BOM + safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _display_width(text: str) -> int:
    """Columns a text takes in Excel: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Column widths are fitted to the first rows: measuring every cell of a large export
# cost as much as writing it.
WIDTH_SAMPLE_ROWS = 500


def _write_sheet(book: xlsxwriter.Workbook, name: str, table: pd.DataFrame) -> None:
    """One sheet: bold header, autofilter, frozen header row, widths fitted to the text."""
    sheet = book.add_worksheet(name)
    bold = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    headers = [str(neutralise_cell(c)) for c in table.columns]
    widths = [_display_width(h) + 2 for h in headers]
    sheet.write_row(0, 0, headers, bold)
    write_string, write_number = sheet.write_string, sheet.write_number
    for r, row in enumerate(table.itertuples(index=False), start=1):
        measure = r <= WIDTH_SAMPLE_ROWS
        for c, value in enumerate(row):
            cell = _excel_cell(value)
            if cell is None:
                continue
            if isinstance(cell, str):
                write_string(r, c, cell)  # never read as a formula or a number
                if measure:
                    widths[c] = max(widths[c], _display_width(cell[:60]) + 2)
            else:
                write_number(r, c, cell)
                if measure:
                    widths[c] = max(widths[c], len(f"{cell:g}") + 2)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width, 60), wrap if width > 60 else None)
    if len(table.columns):
        sheet.autofilter(0, 0, max(len(table), 1), len(table.columns) - 1)
    sheet.freeze_panes(1, 0)


def xlsx_bytes(
    table: pd.DataFrame, notes: list[tuple[str, str]], ledger: pd.DataFrame | None = None
) -> bytes:
    """An .xlsx workbook: sheet 指标, then 台账 (the items) when given, then 说明 (notes)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    _write_sheet(book, "指标", table)
    if ledger is not None:
        _write_sheet(book, "台账", ledger)
    _write_sheet(book, "说明", pd.DataFrame(notes, columns=["项目", "内容"]))
    book.close()
    return buf.getvalue()


def _excel_cell(value: object) -> object:
    """A cell's value for xlsxwriter: None for blanks, neutralised text, plain numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    return neutralise_cell(str(value))


def snapshot_notes(
    filters: Filters, source: str, published: object, rows: int, now: datetime
) -> list[tuple[str, str]]:
    """What the 说明 sheet records: source report, filters, row count and time."""
    notes = [
        ("来源通报", source),
        ("发布日期", date_text(published)),
        ("导出时间", now.strftime("%Y-%m-%d %H:%M:%S")),
        ("行数", str(rows)),
    ]
    described = filters.describe()
    notes += [(f"筛选：{label}", value) for label, value in described] or [("筛选", "全部")]
    return notes


def snapshot_filename(
    published: object, filters: Filters, now: datetime, extension: str, what: str = "整改指标"
) -> str:
    """e.g. 整改指标_2025-04-27_主题-耕地保护_20250501-0930.csv (filters shortened, safe chars).

    `what` names the content: 整改指标 (the figures) or 整改台账 (the items).
    """
    parts = [what, date_text(published)]
    described = filters.describe()
    if described:
        parts += [f"{label}-{value}" for label, value in described]
    else:
        parts.append("全部")
    parts.append(now.strftime("%Y%m%d-%H%M%S"))
    stem = "_".join(parts)
    stem = re.sub(r'[\\/:*?"<>|\s()（）]+', "", stem.replace("、", "+"))
    if len(stem) > 120:
        stem = stem[:100] + "等_" + now.strftime("%Y%m%d-%H%M%S")
    return f"{stem}.{extension.lstrip('.')}"
