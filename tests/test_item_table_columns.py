"""An item table with a category column (序号 | 问题类别 | 存在问题 | 整改措施 | 整改完成情况 |
责任领导 | 完成时限) gives the same items in every form: .txt (tabs and " | "), .html (the
category one cell spanning its rows), .docx (a vertically merged cell) and the page printed
to PDF by Chromium (cells wrapping over lines, a row broken across two pages).

The category column is the items' topic, the 存在问题 column their title; owner from 责任领导,
deadline from 完成时限, and a status ending the progress cell is the item's status."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from loaders.extract import parse_report
from loaders.html_text import _rows_as_lines
from loaders.normalise import normalise
from loaders.readers.pdf_tables import stitch
from loaders.reading import read_report
from loaders.tables import table_header
from tests import item_tables
from tests.conftest import FIXTURES

FORMS = ("tab.txt", "bar.txt", "rowspan.html", "merged.docx", "printed.pdf")


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("table_columns")
    paths = {name: folder / f"notice_{name}" for name in FORMS}
    paths["tab.txt"].write_text(item_tables.as_text("\t"), encoding="utf-8")
    paths["bar.txt"].write_text(item_tables.as_text(" | "), encoding="utf-8")
    paths["rowspan.html"].write_text(item_tables.as_html(), encoding="utf-8")
    paths["merged.docx"].write_bytes(item_tables.as_docx())
    item_tables.as_pdf(paths["printed.pdf"])
    return paths


def parsed(path: Path):
    report = parse_report(read_report(path))
    items = [
        (i["item_no"], i["title"], i["topic"], i["owner"], str(i["deadline"]), i["status"])
        for i in report.items
    ]
    figures = Counter((i["item_no"], i["value"], i["unit"]) for i in report.indicators)
    return items, figures


EXPECTED = [
    (n, normalise(problem).strip(), category, owner, deadline, status)
    for (n, category, problem, _, _, owner, _), deadline, status in zip(
        (
            (int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6])
            for r in item_tables.table_rows()
        ),
        (
            "2026-03-31", "2026-04-30", "2026-06-30", "2026-02-28",
            "2026-09-30", "None", "2026-05-31",
        ),
        ("已完成", "已完成", "推进中", "已完成", "推进中", "长期", "已完成"),
        strict=True,
    )
]  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_every_form_gives_the_items_of_the_table(forms, form):
    items, _ = parsed(forms[form])
    assert items == EXPECTED


@pytest.mark.parametrize("form", FORMS[1:])
def test_every_form_gives_the_text_forms_figures(forms, form):
    _, text_figures = parsed(forms["tab.txt"])
    _, figures = parsed(forms[form])
    assert sum(text_figures.values()) >= 20
    assert figures == text_figures


@pytest.mark.parametrize(
    ("header", "problem", "topic", "owner", "deadline"),
    [
        ("序号 | 问题类别 | 存在问题 | 整改措施 | 整改完成情况 | 责任领导 | 完成时限", 2, 1, 5, 6),
        ("序号 | 问题类型 | 问题描述 | 整改进展 | 责任人", 2, 1, 4, None),
        ("序号 | 所属领域 | 具体问题 | 整改措施 | 牵头单位 | 整改时限", 2, 1, 4, 5),
        ("编号 | 反馈问题 | 问题分类 | 整改措施 | 完成情况", 1, 2, None, None),
        ("序号 | 反馈问题 | 整改措施 | 整改进展 | 责任单位 | 整改时限", 1, None, 4, 5),
    ],
)  # fmt: skip
def test_a_category_column_is_the_topic_and_the_problem_column_the_title(
    header, problem, topic, owner, deadline
):
    columns = table_header(header).columns
    assert columns.get("problem") == problem
    assert columns.get("topic") == topic
    assert columns.get("owner") == owner
    assert columns.get("deadline") == deadline


def grid_lines(table: str) -> list[str]:
    soup = BeautifulSoup(f"<div><table>{table}</table></div>", "lxml")
    _rows_as_lines(soup.div)
    return [line for line in soup.div.get_text("").splitlines() if line]


@pytest.mark.parametrize(
    ("table", "lines"),
    [
        (  # a category spanning two rows: the second row keeps every column in place
            "<tr><td>1</td><td rowspan=2>甲方面</td><td>问题一</td><td>已完成</td></tr>"
            "<tr><td>2</td><td>问题二</td><td>推进中</td></tr>",
            ["1 | 甲方面 | 问题一 | 已完成", "2 | 甲方面 | 问题二 | 推进中"],
        ),
        (  # a cell spanning two columns covers both
            "<tr><td>1</td><td colspan=2>问题一</td><td>已完成</td></tr>",
            ["1 | 问题一 | 问题一 | 已完成"],
        ),
        (  # the last column spanning rows comes after the row's own cells
            "<tr><td>1</td><td>问题一</td><td rowspan=2>镇纪委</td></tr>"
            "<tr><td>2</td><td>问题二</td></tr>",
            ["1 | 问题一 | 镇纪委", "2 | 问题二 | 镇纪委"],
        ),
        (  # a title row spanning the table is one line
            "<tr><td colspan=3>(一)政治建设方面</td></tr><tr><td>1</td><td>问题一</td><td>甲</td></tr>",
            ["(一)政治建设方面", "1 | 问题一 | 甲"],
        ),
        (  # a hostile span is bounded
            "<tr><td>1</td><td colspan=999999999>问题一</td></tr>",
            [" | ".join(["1"] + ["问题一"] * 64)],
        ),
    ],
)  # fmt: skip
def test_html_cells_are_laid_on_the_grid_before_joining(table, lines):
    assert grid_lines(table) == lines


@pytest.fixture(scope="module")
def printed_forms_table(tmp_path_factory) -> Path:
    """The forms fixture's table page (colspan category rows, portrait) printed to PDF."""
    from playwright.sync_api import sync_playwright

    out = tmp_path_factory.mktemp("forms_table") / "table_a.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.goto((FIXTURES / "forms" / "table_a.html").resolve().as_uri())
        page.pdf(path=str(out), format="A4")
        browser.close()
    return out


def test_a_printed_table_with_category_rows_gives_the_text_forms_items(printed_forms_table):
    assert parsed(printed_forms_table) == parsed(FIXTURES / "forms" / "table_a.txt")


def test_the_printed_notice_breaks_its_table_across_pages(forms):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(forms["printed.pdf"]))
    try:
        assert len(pdf) >= 2
        assert "|" not in pdf[1].get_textpage().get_text_bounded()
    finally:
        pdf.close()


FURNITURE = re.compile(r"^-\s*\d+\s*-$").match


@pytest.mark.parametrize(
    ("pages", "joined"),
    [
        (  # the row's second half opens the next page: its cells continue the row's
            [["a", ["1", "问题前半", "已完"], "- 1 -"], [["", "截断", "成"], ["2", "问题", "乙"]]],
            [["a", ["1", "问题前半截断", "已完成"], "- 1 -"], [["2", "问题", "乙"]]],
        ),
        (  # prose between the tables: a new table, nothing joined
            [[["1", "问题", "甲"], "下表为第二批问题。"], [["", "问题", "乙"]]],
            [[["1", "问题", "甲"], "下表为第二批问题。"], [["", "问题", "乙"]]],
        ),
        (  # a numbered first row starts its own row
            [[["1", "问题", "甲"]], [["2", "问题", "乙"]]],
            [[["1", "问题", "甲"]], [["2", "问题", "乙"]]],
        ),
        (  # a table of another width is another table
            [[["1", "问题", "甲"]], [["", "乙"]]],
            [[["1", "问题", "甲"]], [["", "乙"]]],
        ),
    ],
)  # fmt: skip
def test_a_row_broken_across_pages_is_joined_back(pages, joined):
    assert stitch(pages, FURNITURE) == joined
