"""The Word briefing (汇报材料) for one notice: python-docx, A4, Chinese fonts, page numbers.

Charts are not drawn into this first version: the document says so and gives tables.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

import duckdb
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from board import queries
from board.export import date_text
from board.filters import Filters

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
# What a figure's review state is until verdicts reach these frames (f11's views).
MACHINE_READING = "机器识别"
ATTENTION = ("推进中", "长期")
HEADLINE_ROWS = 30
# XML 1.0 forbids these; a report's text may hold them and Word would refuse the file.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return _XML_BAD.sub("", str(value))


def _set_font(style, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _page_number_footer(section) -> None:
    """A centred PAGE field in the footer: Word and WPS fill in the number."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _text(text)


def source_ref(part: object, item_no: object) -> str:
    """二(8): the part and item a figure or item comes from."""
    part_text = _text(part)
    if item_no is None or pd.isna(item_no):
        return part_text
    return f"{part_text}({int(item_no)})"


def briefing_docx(
    conn: duckdb.DuckDBPyConnection, filters: Filters, now: datetime | None = None
) -> bytes:
    """The briefing of the chosen notice under the filters, as .docx bytes."""
    now = now or datetime.now()
    doc = queries.document_meta(conn, filters.doc_id)
    document = Document()
    for style_name in ("Normal", "Table Grid"):
        _set_font(document.styles[style_name], BODY_FONT, 12)
    for level, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 14)):
        _set_font(document.styles[level], HEADING_FONT, size)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    _page_number_footer(section)

    document.add_heading(_text(doc.get("title")) or "整改进展情况汇报", level=0)
    document.add_paragraph(f"截至 {date_text(doc.get('published'))}（通报发布日期）")
    document.add_paragraph(f"生成时间：{now.strftime('%Y-%m-%d %H:%M')}")
    described = filters.describe()
    document.add_paragraph(
        "筛选条件：" + ("；".join(f"{k}：{v}" for k, v in described) if described else "全部")
    )

    document.add_heading("整改事项进展", level=1)
    status = queries.item_status_counts(conn, filters)
    counts = dict(zip(status["status"], status["items"], strict=True))
    document.add_paragraph(
        "　".join(f"{name} {int(counts.get(name, 0))} 项" for name in ("已完成", "推进中", "长期"))
    )

    document.add_heading("主要指标", level=1)
    figures = queries.indicators(conn, filters).head(HEADLINE_ROWS)
    states = figures.get("review_state")
    _table(
        document,
        ["指标", "数值", "单位", "出处", "审核状态"],
        [
            [
                r.metric,
                f"{r.value:g}",
                r.unit,
                source_ref(r.part, r.item_no),
                MACHINE_READING if states is None else states.iloc[i],
            ]
            for i, r in enumerate(figures.itertuples())
        ],
    )
    document.add_paragraph(
        f"以上为前 {len(figures)} 条指标，审核状态为“{MACHINE_READING}”者未经人工核对。"
    )

    document.add_heading("需关注事项", level=1)
    ledger = queries.ledger(conn, filters)
    attention = ledger[ledger["status"].isin(ATTENTION)]
    deadlines = attention.get("deadline")
    _table(
        document,
        ["出处", "事项", "状态", "时限"],
        [
            [
                source_ref(r.part, r.item_no),
                r.title,
                r.status,
                "未载明" if deadlines is None else _text(deadlines.iloc[i]) or "未载明",
            ]
            for i, r in enumerate(attention.itertuples())
        ],
    )

    document.add_heading("图表", level=1)
    document.add_paragraph("本版汇报材料未嵌入图表图片，以上表格即图表所示数据。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
