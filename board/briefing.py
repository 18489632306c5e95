"""The Word briefing (汇报材料): python-docx, A4, Chinese fonts, page numbers.

One notice, or all of them (全部), under the sidebar's filters; with notices chosen on 对比,
a comparison table. Charts are Plotly figures exported as PNG through kaleido with the
system Chromium; where there is none (or the export fails) the tables stand alone and the
document says so.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from board import charts, compare, queries
from board.export import date_text
from board.filters import Filters
from board.text import clean_text

log = logging.getLogger(__name__)

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
# What a figure's review state is until verdicts reach these frames (f11's views).
MACHINE_READING = "机器识别"
ATTENTION = ("推进中", "长期")
HEADLINE_ROWS = 30
COMPARED_FIGURES = 40
# The browser kaleido drives: $RECTIFY_CHROMIUM, else chromium on the PATH.
CHROMIUM_ENV = "RECTIFY_CHROMIUM"
CHART_WIDTH, CHART_SCALE = 900, 2
CHART_SECONDS = 90
CHART_ROWS = 25
# The A4 text area is 160 × 247 mm; a picture is scaled to fit it with room for its caption.
PICTURE_MM = (160, 225)
ATTENTION_ROWS = 60
NO_CHARTS = "本机未安装可用于导出图表的浏览器（Chromium），本材料仅含表格，表格即图表所示数据。"
# XML 1.0 forbids these; a report's text may hold them and Word would refuse the file.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    """Report text for Word: without control, format and bidi characters (as every
    output, board.text.clean_text) and what XML cannot hold."""
    if value is None or pd.isna(value):
        return ""
    return _XML_BAD.sub("", clean_text(value))


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


def chromium_path() -> str | None:
    """The Chromium kaleido can drive here, or None."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted is not None:
        return wanted if wanted and Path(wanted).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


async def _export(figures: list, browser: str) -> list[bytes]:
    import kaleido  # imported on use: only the briefing needs it

    # mathjax=False: kaleido otherwise puts MathJax from cdnjs.cloudflare.com into the page
    # that holds the report's figures (a request off this machine and a remote script
    # beside report data); no chart uses maths (board.text.plotly_text escapes every $).
    async with kaleido.Kaleido(n=1, path=browser, timeout=CHART_SECONDS, mathjax=False) as k:
        out = []
        for fig in figures:
            height = fig.layout.height or 400
            opts = {"format": "png", "width": CHART_WIDTH, "height": height, "scale": CHART_SCALE}
            out.append(await k.calc_fig(fig, opts=opts))
        return out


def chart_images(figures: list) -> list[bytes] | None:
    """Each Plotly figure as PNG bytes, or None when no browser is here or the export fails."""
    browser = chromium_path()
    if browser is None or not figures:
        return None
    try:
        return asyncio.run(_export(figures, browser))
    except Exception:  # any failure of the browser: the tables still make the briefing
        log.warning("chart export through kaleido failed", exc_info=True)
        return None


def _picture_size(fig) -> tuple[float, float]:
    """Width and height in mm of a chart on the page: full width, shrunk to fit the height."""
    width, most = PICTURE_MM
    height = width * (fig.layout.height or 400) / CHART_WIDTH
    if height > most:
        width, height = width * most / height, most
    return width, height


def _document_meta(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    if filters.doc_id:
        return queries.document_meta(conn, filters.doc_id)
    return queries.all_documents_meta(conn)


def _styled_document():
    document = Document()
    for style_name in ("Normal", "Table Grid"):
        _set_font(document.styles[style_name], BODY_FONT, 12)
    for level, size in (("Title", 20), ("Heading 1", 16), ("Heading 2", 14)):
        _set_font(document.styles[level], HEADING_FONT, size)
    _set_font(document.styles["Caption"], BODY_FONT, 10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    _page_number_footer(section)
    return document


def _percent(rate: object) -> str:
    return "—" if rate is None or pd.isna(rate) else f"{float(rate):.0%}"


def _comparison(document, conn: duckdb.DuckDBPyConnection, notices: tuple[str, ...]) -> list:
    """The 对比 section; returns the charts it wants drawn."""
    chosen = compare.notices(conn, notices)
    summary = compare.place_summary(conn, notices)
    rounds = compare.mode(chosen) == compare.ROUNDS
    document.add_heading("通报对比", level=1)
    if rounds:
        summary = summary.sort_values("published", kind="stable")
        document.add_paragraph(
            f"{_text(chosen['place'].iloc[0])} 的 {len(chosen)} 次通报，按发布时间先后排列。"
        )
    else:
        document.add_paragraph(f"{len(chosen)} 份通报，按完成率从高到低排列。")
    _table(
        document,
        ["通报", "巡察轮次", "整改事项", "已完成", "推进中", "长期", "逾期未完成", "完成率"],
        [
            [r.label, r.round, str(r.items), str(r.done), str(r.doing), str(r.lasting),
             str(r.overdue), _percent(r.rate)]
            for r in summary.itertuples()
        ],
    )  # fmt: skip
    document.add_paragraph("完成率 = 已完成 ÷（已完成 + 推进中）；长期事项持续推进，不计入。")
    if rounds:
        items = compare.item_changes(conn, notices)
        moved = items[items["change"] != compare.SAME]
        if len(moved):
            document.add_heading("事项变化", level=2)
            _table(
                document,
                ["出处", "事项", "最初", "最新", "变化"],
                [[r.item, r.title, r.then, r.now, r.change] for r in moved.itertuples()],
            )
        figures = compare.figure_changes(conn, notices)
        changed = figures[(figures["notices"] >= 2) & (figures["delta"].fillna(0) != 0)]
        changed = changed.head(COMPARED_FIGURES)
        if len(changed):
            document.add_heading("指标变化（同一事项、统计对象、单位和类型）", level=2)
            _table(
                document,
                ["出处", "统计对象", "变化", "审核状态"],
                [[r.ref, r.what, r.change, r.review] for r in changed.itertuples()],
            )
    if len(summary) > CHART_ROWS:  # a bar per notice stays legible on one page
        ranked = summary.sort_values("rank").head(CHART_ROWS)
        return [charts.completion_bar(ranked, f"完成率前 {CHART_ROWS} 名")]
    return [charts.completion_bar(summary)]


def briefing_docx(
    conn: duckdb.DuckDBPyConnection,
    filters: Filters,
    now: datetime | None = None,
    notices: tuple[str, ...] = (),
    draw_charts: bool = True,
) -> bytes:
    """The briefing under the filters (one notice, or all when doc_id is None), as .docx bytes.

    `notices`: two or more notices chosen on 对比, for a comparison table; with 全部 and
    no choice, all notices are compared. `draw_charts=False` leaves the images out.
    """
    now = now or datetime.now()
    doc = _document_meta(conn, filters)
    document = _styled_document()
    everything = filters.doc_id is None
    if not notices and everything:
        notices = tuple(queries.documents(conn)["doc_id"])

    document.add_heading(_text(doc.get("title")) or "整改进展情况汇报", level=0)
    document.add_paragraph(f"截至 {date_text(doc.get('published'))}（通报发布日期）")
    document.add_paragraph(f"生成时间：{now.strftime('%Y-%m-%d %H:%M')}")
    described = filters.describe()
    document.add_paragraph(
        "筛选条件："
        + ("；".join(f"{k}：{_text(v)}" for k, v in described) if described else "全部")
    )

    document.add_heading("整改事项进展", level=1)
    status = queries.item_status_counts(conn, filters)
    counts = dict(zip(status["status"], status["items"], strict=True))
    summary = queries.status_summary(conn, filters)
    rate = summary["rate"]
    document.add_paragraph(
        f"共 {summary['items']} 项整改事项："
        + "　".join(
            f"{name} {int(counts.get(name, 0))} 项" for name in ("已完成", "推进中", "长期")
        )
        + ("" if rate is None else f"　完成率 {rate:.0%}")
    )
    if everything:
        document.add_paragraph(f"以上为 {len(notices)} 份通报的事项合计，完成率按全部事项计算。")

    document.add_heading("主要指标", level=1)
    figures = queries.indicators(conn, filters).head(HEADLINE_ROWS)
    _table(
        document,
        ["指标", "数值", "单位", "出处", "审核状态"],
        [
            [r.metric, f"{r.value:g}", r.unit, r.item or "总体情况", r.review_state]
            for r in figures.itertuples()
        ],
    )
    document.add_paragraph(
        f"以上为前 {len(figures)} 条指标，审核状态为“{MACHINE_READING}”者未经人工核对；"
        + ("各条指标分属不同通报，未相加。" if everything else "")
    )

    document.add_heading("需关注事项", level=1)
    ledger = queries.ledger(conn, filters)
    attention = ledger[ledger["status"].isin(ATTENTION)]
    rank = [  # overdue first, then 推进中, then 长期
        0 if bool(late) and not pd.isna(late) else ATTENTION.index(status) + 1
        for late, status in zip(attention["overdue"], attention["status"], strict=True)
    ]
    attention = attention.assign(_rank=rank).sort_values("_rank", kind="stable")
    _table(
        document,
        ["出处", "事项", "状态", "时限"],
        [
            [r.item, r.title, r.status, _text(r.deadline_text) or "未载明"]
            for r in attention.head(ATTENTION_ROWS).itertuples()
        ],
    )
    if len(attention) > ATTENTION_ROWS:
        document.add_paragraph(
            f"以上为逾期、推进中在前的 {ATTENTION_ROWS} 项，另有 "
            f"{len(attention) - ATTENTION_ROWS} 项见看板“整改台账”。"
        )

    wanted = []
    if len(notices) >= 2:
        wanted += _comparison(document, conn, notices)
    document.add_heading("图表", level=1)
    wanted = [
        charts.status_bar(status),
        charts.status_by_topic_bar(queries.status_by_topic(conn, filters)),
        charts.theme_count_bar(queries.theme_counts(conn, filters)),
        *wanted,
    ]
    images = chart_images(wanted) if draw_charts else None
    if images is None:
        document.add_paragraph(NO_CHARTS)
    else:
        for fig, image in zip(wanted, images, strict=True):
            width, height = _picture_size(fig)
            document.add_picture(io.BytesIO(image), width=Mm(width), height=Mm(height))
            document.add_paragraph(_text(fig.layout.title.text), style="Caption")
        document.add_paragraph("图表数据即上文表格所列；各图只比较同一单位的数量。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
