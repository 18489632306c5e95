"""Browser print of 总览 (real headless Chromium, page.pdf): a clean A4 sheet."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from test_browser_journey import HANG_GUARD_MS, browser, server  # noqa: F401  (fixtures)

from board import queries
from board.db import connect
from board.filters import Filters

pytestmark = pytest.mark.browser

A4_POINTS = (595, 842)


def test_printed_overview_has_status_strip_whole_tables_and_no_buttons(
    server,  # noqa: F811
    browser,  # noqa: F811
    report_db,  # noqa: F811
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(server["base"])
    page.get_by_role("heading", name="需关注").wait_for()
    page.get_by_role(
        "button", name="生成 Word 汇报材料"
    ).first.wait_for()  # on screen, buttons are there
    on_screen = page.locator("table.print-table")
    assert on_screen.count() == 1 and not on_screen.is_visible()  # paper only
    page.emulate_media(media="print")
    assert not page.get_by_test_id("stSidebar").is_visible()
    printed = page.locator("table.print-table tbody tr")
    assert on_screen.is_visible()
    rows = printed.count()
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    context.close()

    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    width, height = doc[0].get_size()
    assert (round(width), round(height)) == A4_POINTS
    assert "需关注" in text
    for status in ("已完成", "推进中", "长期"):  # the status strip
        assert status in text
    assert "已完成 " in text and "项整改事项" in text  # its counts (links on screen) on paper too
    for label in ("生成 Word 汇报材料", "筛选", "下载"):  # buttons and the sidebar stay off paper
        assert label not in text
    # the table is whole: every figure of the notice, not the ten rows a screen grid shows
    conn = connect(report_db)
    figures = queries.indicators(conn, Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0]))
    conn.close()
    assert rows == len(figures) > 10
    assert f"全部指标（{len(figures)} 条）" in text
    last = figures.iloc[-1]["metric"]
    assert last in text.replace("\r\n", "").replace("\n", "")  # the last row reached paper
    assert len(doc) > 1  # a long table runs on over pages instead of being cut
