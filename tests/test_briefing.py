"""The Word briefing, opened again with python-docx: sections, figures, references, fonts, A4."""

from __future__ import annotations

import io
from datetime import datetime

from board_db import report_db  # noqa: F401  (session fixture)
from corpus import LATER_DATE, PLACE, corpus_db  # noqa: F401  (session fixture)
from docx import Document
from docx.oxml.ns import qn
from download_files import file_id
from test_app_pages import app, cold_app, downloads  # noqa: F401  (fixtures)

from board import queries
from board.briefing import NO_CHARTS, briefing_docx
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


def _body_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_briefing_draws_its_charts_through_the_system_chromium(report_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("RECTIFY_CHROMIUM", "/usr/bin/chromium")
    conn = connect(report_db)
    filters = Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])
    data = briefing_docx(conn, filters)
    conn.close()
    document = Document(io.BytesIO(data))
    pictures = document.inline_shapes
    assert len(pictures) >= 3  # statuses, statuses by topic, figures per theme
    for shape in pictures:  # each fits the A4 text area (210 × 297 mm less 25 mm margins)
        assert shape.width.mm <= 160.5 and shape.height.mm <= 247
    blobs = [p.blob for p in document.part.package.parts if p.content_type == "image/png"]
    assert blobs and all(b.startswith(b"\x89PNG") and len(b) > 5000 for b in blobs)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "整改事项状态" in captions and "各议题整改事项状态" in captions
    assert NO_CHARTS not in _body_text(document)


def test_briefing_without_a_browser_gives_tables_and_says_so(report_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("RECTIFY_CHROMIUM", "/nonexistent/chromium")
    conn = connect(report_db)
    filters = Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])
    document = Document(io.BytesIO(briefing_docx(conn, filters)))
    conn.close()
    assert len(document.inline_shapes) == 0
    assert NO_CHARTS in _body_text(document)
    assert len(document.tables) == 2  # figures and items needing attention still there


def test_briefing_of_chosen_notices_compares_them(corpus_db, monkeypatch):  # noqa: F811
    monkeypatch.setenv("RECTIFY_CHROMIUM", "")
    conn = connect(corpus_db)
    docs = queries.documents(conn)
    rounds = tuple(docs.loc[docs["place"] == PLACE, "doc_id"])
    data = briefing_docx(conn, Filters(doc_id=rounds[0]), notices=rounds)
    everything = Document(io.BytesIO(briefing_docx(conn, Filters())))
    conn.close()

    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "通报对比" in headings and "事项变化" in headings
    tables = {t.rows[0].cells[0].text + "|" + t.rows[0].cells[-1].text: t for t in document.tables}
    summary = tables["通报|完成率"]
    assert [r.cells[0].text for r in summary.rows[1:]] == ["2024-12-01", LATER_DATE]
    figure_changes = next(t for t in document.tables if t.rows[0].cells[1].text == "统计对象")
    rows = [[c.text for c in r.cells] for r in figure_changes.rows[1:]]
    assert ["二(4)", "“非粮化”图斑", "40 → 60 宗", "机器识别"] in rows
    assert all(r[0] and r[3] for r in rows)  # every figure: its source and review state
    items = next(t for t in document.tables if t.rows[0].cells[-1].text == "变化")
    assert ["二(5)", "村级工业园改造进度较慢", "推进中", "已完成", "状态变化"] in [
        [c.text for c in r.cells] for r in items.rows[1:]
    ]

    # 全部: every notice in the comparison table, figures named by their notice, not summed
    text = _body_text(everything)
    assert "全部通报（6 份）" in text and "未相加" in text
    summary = next(t for t in everything.tables if t.rows[0].cells[-1].text == "完成率")
    assert len(summary.rows) - 1 == 6
    figures = everything.tables[0]
    assert [c.text for c in figures.rows[0].cells] == ["指标", "数值", "单位", "出处", "审核状态"]
    assert all(" · " in r.cells[3].text and r.cells[4].text for r in figures.rows[1:])
