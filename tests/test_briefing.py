"""The Word briefing, opened again with python-docx: sections, figures, references, fonts, A4."""

from __future__ import annotations

import io
from datetime import datetime

from board_db import report_db  # noqa: F401  (session fixture)
from docx import Document
from docx.oxml.ns import qn
from download_files import file_id
from test_app_pages import app, cold_app, downloads  # noqa: F401  (fixtures)

from board import queries
from board.briefing import briefing_docx
from board.db import connect
from board.filters import Filters


def test_briefing_has_sections_figures_references_and_page_numbers(report_db):  # noqa: F811
    conn = connect(report_db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    filters = Filters(doc_id=doc_id)
    status = queries.item_status_counts(conn, filters)
    shown = queries.indicators(conn, filters).head(30).reset_index(drop=True)
    first = shown.iloc[0]
    placed = shown[shown["part"].notna() & shown["item_no"].notna()].index[0]
    placed_ref = f"{shown.at[placed, 'part']}({int(shown.at[placed, 'item_no'])})"
    data = briefing_docx(conn, filters, now=datetime(2025, 5, 1, 9, 30))
    conn.close()

    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["整改事项进展", "主要指标", "需关注事项", "图表"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "截至 2025-04-27" in text and "筛选条件：全部" in text
    for name, items in zip(status["status"], status["items"], strict=True):
        assert f"{name} {int(items)} 项" in text
    figures, attention = document.tables
    assert [c.text for c in figures.rows[0].cells] == ["指标", "数值", "单位", "出处", "审核状态"]
    row = [c.text for c in figures.rows[1].cells]
    assert row[:3] == [first["metric"], f"{first['value']:g}", first["unit"]]
    assert row[4]  # a review state on every figure
    assert figures.rows[placed + 1].cells[3].text == placed_ref  # e.g. 二(8)
    assert all(r.cells[2].text in ("推进中", "长期") for r in attention.rows[1:])
    assert len(attention.rows) - 1 == int(
        status.set_index("status")["items"].get("推进中", 0)
    ) + int(status.set_index("status")["items"].get("长期", 0))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "PAGE" in section.footer._element.xml
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"


def test_export_page_builds_the_briefing_only_when_asked(app, downloads):  # noqa: F811
    app.switch_page("pages/export.py").run()
    assert not app.exception
    assert not [b for b in app.download_button if b.label == "下载 Word 汇报材料"]
    app.button(key="export_briefing_build").click().run()
    assert not app.exception
    button = next(b for b in app.download_button if b.label == "下载 Word 汇报材料")
    data, filename = downloads[file_id(button)]
    assert filename.endswith(".docx") and filename.startswith("汇报材料")
    document = Document(io.BytesIO(data))
    assert "主要指标" in [p.text for p in document.paragraphs]
    app.run()  # a rerun keeps the built file without building it again
    assert any(b.label == "下载 Word 汇报材料" for b in app.download_button)
