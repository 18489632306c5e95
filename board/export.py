"""CSV and Excel snapshots of the filtered figures, made to open right in Excel on Windows."""

from __future__ import annotations

import io
import re
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from board.filters import KIND_LABELS, Filters
from board.text import spreadsheet_cell

BOM = "\ufeff".encode()

# Column -> Chinese header, in export order.
FIGURE_COLUMNS: dict[str, str] = {
    "indicator_id": "指标编号",
    "part": "部分",
    "item_no": "事项序号",
    "item_title": "整改事项",
    "topic": "议题",
    "theme": "主题",
    "metric": "指标",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定词",
    "kind": "类型",
    "change": "变化",
    "period": "时期",
    "villages": "村(社区)",
    "sentence": "原句",
    "char_start": "原文位置",
}


def neutralise_cell(value: object) -> object:
    """Prefix ' to text that Excel would run as a formula; numbers and blanks are untouched.

    Characters an .xlsx cannot hold (a form feed made the whole export raise) go too.
    """
    return spreadsheet_cell(value)


def figure_table(df: pd.DataFrame) -> pd.DataFrame:
    """The figures as exported: chosen columns, Chinese headers, lists joined with 、."""
    out = df.reindex(columns=list(FIGURE_COLUMNS)).copy()
    out["villages"] = [_joined(v) for v in out["villages"]]
    out["kind"] = out["kind"].map(lambda k: KIND_LABELS.get(k, k))
    out["value"] = [_plain_number(v) for v in out["value"]]
    out["item_no"] = out["item_no"].astype("Int64")
    out["char_start"] = out["char_start"].astype("Int64")
    return out.rename(columns=FIGURE_COLUMNS)


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


def xlsx_bytes(table: pd.DataFrame, notes: list[tuple[str, str]]) -> bytes:
    """An .xlsx workbook: the rows on sheet 指标, then a 说明 sheet of (label, value) notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append([str(neutralise_cell(c)) for c in table.columns])
    for row in table.itertuples(index=False):
        ws.append([_excel_cell(v) for v in row])
    for i, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 60 if col == "原句" else 14
    ws.freeze_panes = "A2"
    notes_ws = wb.create_sheet("说明")
    notes_ws.append(["项目", "内容"])
    for label, value in notes:
        notes_ws.append([label, str(neutralise_cell(value))])
    notes_ws.column_dimensions["A"].width = 16
    notes_ws.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _excel_cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        # openpyxl stores a string starting with = as a formula: neutralise it like the CSV.
        return neutralise_cell(value)
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


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


def snapshot_filename(published: object, filters: Filters, now: datetime, extension: str) -> str:
    """e.g. 整改指标_2025-04-27_主题-耕地保护_20250501-0930.csv (filters shortened, safe chars)."""
    parts = ["整改指标", date_text(published)]
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
