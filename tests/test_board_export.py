"""Exports: Excel-safe CSV with BOM, neutralised formulas, untouched numbers, a 说明 sheet."""

import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from board import export
from board.filters import Filters

NOW = datetime(2025, 5, 1, 9, 30, 5)


def sample_figures():
    return pd.DataFrame(
        {
            "indicator_id": [1, 2, 3],
            "part": ["二", "二", "三"],
            "item_no": [12, 15, None],
            "item_title": ["拆违", "耕地", None],
            "topic": ["人居环境", '=HYPERLINK("http://x")', "长效"],
            "theme": ["拆违清拆", "耕地保护", "其他"],
            "metric": ["拆除违章建筑", "+新增水田", "@下降"],
            "value": [331.0, 1900.0, -2.5],
            "unit": ["处", "亩", "%"],
            "qualifier": [None, "约", None],
            "kind": ["result", "target", "result"],
            "change": [None, None, "down"],
            "period": ["集中整改期", "2025", None],
            "villages": [["沙仔村", "新平村"], [], None],
            "sentence": ["拆除违章建筑等331处。", "\t新增约1900亩。", "-2.5%同比下降。"],
            "char_start": [10, 20, 30],
            "link": ["source?doc=d&sentence=1", None, None],
        }
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("沙仔村", "沙仔村"),
        ("", ""),
        (-2.5, -2.5),
        (331, 331),
        (None, None),
    ],
)
def test_neutralise_cell(cell, expected):
    assert export.neutralise_cell(cell) == expected


def test_csv_has_bom_and_parses_back_to_the_rows():
    table = export.figure_table(sample_figures())
    data = export.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == list(export.FIGURE_COLUMNS.values())
    assert back["数值"].tolist() == [331, 1900, -2.5]  # numbers untouched, negatives too
    assert back["指标"].tolist() == ["拆除违章建筑", "'+新增水田", "'@下降"]
    assert back["议题"][1].startswith("'=")
    assert back["原句"].tolist()[1:] == ["'\t新增约1900亩。", "'-2.5%同比下降。"]
    assert back["村(社区)"].tolist() == ["沙仔村、新平村", "", ""]
    assert back["类型"].tolist() == ["成效", "目标", "成效"]
    assert "link" not in back.columns


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_round_trips_through_csv(values):
    table = pd.DataFrame({"原句": values})
    text = export.csv_bytes(table).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["原句"]
    assert [row[0] if row else "" for row in rows[1:]] == [
        export.neutralise_cell(v) for v in values
    ]


def test_xlsx_has_the_rows_and_a_notes_sheet():
    table = export.figure_table(sample_figures())
    filters = Filters(doc_id="d", themes=("耕地保护",), villages=("沙仔村",))
    notes = export.snapshot_notes(
        filters, "民众街道通报", pd.Timestamp("2025-04-27"), len(table), NOW
    )
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(table, notes)))
    assert book.sheetnames == ["指标", "说明"]
    rows = list(book["指标"].iter_rows(values_only=True))
    assert list(rows[0]) == list(table.columns) and len(rows) == 1 + len(table)
    value = list(table.columns).index("数值")
    assert rows[1][value] == 331 and rows[3][value] == -2.5
    assert rows[2][list(table.columns).index("议题")].startswith("'=")  # not a formula
    notes_sheet = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes_sheet["来源通报"] == "民众街道通报"
    assert notes_sheet["发布日期"] == "2025-04-27"
    assert notes_sheet["导出时间"] == "2025-05-01 09:30:05"
    assert notes_sheet["筛选：主题"] == "耕地保护" and notes_sheet["筛选：村(社区)"] == "沙仔村"


def test_file_name_says_date_filters_and_time():
    name = export.snapshot_filename(
        pd.Timestamp("2025-04-27"), Filters(themes=("耕地保护", "水环境")), NOW, "csv"
    )
    assert name == "整改指标_2025-04-27_主题-耕地保护+水环境_20250501-093005.csv"
    assert (
        export.snapshot_filename(None, Filters(), NOW, ".xlsx")
        == "整改指标_未注明日期_全部_20250501-093005.xlsx"
    )
    long = Filters(villages=tuple(f"村{i:03d}" for i in range(60)))
    assert len(export.snapshot_filename(None, long, NOW, "csv")) < 140
