"""PDF -> text with pypdfium2 (PDFium: BSD/Apache): the text layer, lines joined back into
paragraphs, running headers, footers and page numbers dropped. A PDF whose pages carry
no text (a scan) goes to OCR (loaders.readers.ocr) where an engine is installed.

Paragraphs: PDF text comes one printed line at a time. A line continues the paragraph
before it unless that line ended a paragraph (it ends in 。！？：; or ” after one, or is
clearly shorter than the page's usual line) or this line opens with an outline label
(一、 （一） 1. （1） 问题一 一是) or is a table-like short heading.
A title printed in a large font breaks into short lines: among the first lines, a line ending
the genre's title (…通报, …报告, …的通知) without a 关于 of its own is joined back to the lines
before it, up to the one holding 关于, when none of them has sentence punctuation.
Letter-spacing: a justified line spreads its characters, and the text layer then puts a
space between them (办 公 室 ; 邮 政 编 码 : 641300). Chinese text has no spaces between
characters, so a space touching a Chinese character or a Chinese punctuation mark is
dropped; in a line spread that way (three or more such spaces) a space between a digit or
ASCII punctuation and what follows goes too; spaces between Latin words stay.
Tables: a ruled table's rows are rebuilt from where its characters stand
(loaders.readers.pdf_tables), one line of " | "-joined cells a row, a row broken across
pages joined back.
Furniture: a line that is only a page number (- 3 -, 第3页, 3/12, 第3页共12页) and a line
repeated at the top or bottom of most pages are dropped — unless it ends a sentence or opens
with an outline label (`65%。` or `（3）…` at the foot of every page is text, not furniture).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from loaders.errors import ReportError
from loaders.readers.pdf_tables import page_blocks as ruled_blocks
from loaders.readers.pdf_tables import stitch
from loaders.tables import join_cells

MAX_PAGES = 2000
MAX_CHARS = 5_000_000
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$",
    re.IGNORECASE,
)
PARAGRAPH_END = re.compile(r"(?:[。！？!?：:；;]\s*[”’」』\"]?|通报|的通知)\s*$")
TITLE_END = re.compile(r"(?:通报|报告|的通知|的决定)\s*$")
SENTENCE_MARK = re.compile(r"[。！？!?，,；;：:]")
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
CJK_SPACE = re.compile(rf"(?<=[{CJK}]) +(?=\S)|(?<=\S) +(?=[{CJK}])")
SPREAD_SPACE = re.compile(r"(?<=[\d.,;:()%]) +(?=\S)|(?<=\S) +(?=[\d.,;:()%])")
LABEL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|"
    r"\d{1,3}\s*[.．、](?!\d)|问题\s*[一二三四五六七八九十百\d]{1,4}|[一二三四五六七八九十]{1,3}是|"
    r"(?:整改情况|整改进展|整改落实情况|整改状态|责任单位|牵头单位|整改时限|完成时限|"
    r"信息来源|来源|发布日期|发布时间|成文日期|日期)\s*[:：])"
)


def pdf_to_text(path: Path, data: bytes, progress=None) -> tuple[str, str]:
    """(text, source_format): 'pdf' for a text layer, 'pdf-ocr' for a scan read by OCR."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReportError(path, "PDF已加密，请先解除密码 (encrypted PDF)") from None
        if getattr(exc, "err_code", None) == 0:  # parsed, but PDFium found no page to open
            raise ReportError(path, "PDF没有页面 (PDF has no pages)") from None
        raise ReportError(path, "无法读取PDF文件 (corrupt or unreadable PDF)") from None
    try:
        count = len(pdf)
        if count == 0:
            raise ReportError(path, "PDF没有页面 (PDF has no pages)")
        if count > MAX_PAGES:
            raise ReportError(path, f"PDF页数超过{MAX_PAGES}页上限 (too many pages: {count})")
        page_blocks: list[list[str | list[str]]] = []
        chars = 0
        for index in range(count):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                chars += textpage.count_chars()
                if chars > MAX_CHARS:
                    raise ReportError(path, "PDF文字过多 (text layer too large)")
                page_blocks.append(ruled_blocks(page, textpage))
                textpage.close()
            finally:
                page.close()
        pages = [
            "\n".join(b if isinstance(b, str) else join_cells(b) for b in blocks)
            for blocks in stitch(page_blocks, _between_tables)
        ]
        if sum(len(re.sub(r"\s+", "", p)) for p in pages) < 20 * count and _has_images(pdf):
            from loaders.readers.ocr import ocr_pdf

            return ocr_pdf(path, pdf, progress), "pdf-ocr"
    finally:
        pdf.close()
    text = join_pages(pages)
    if not text.strip():
        raise ReportError(path, "PDF中没有可读文字 (no readable text in the PDF)")
    return text, "pdf"


def _has_images(pdf) -> bool:
    import pypdfium2.raw as raw

    for index in range(min(len(pdf), 5)):
        page = pdf[index]
        try:
            if any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2)):
                return True
        finally:
            page.close()
    return False


def join_pages(pages: list[str]) -> str:
    """Pages' printed lines -> paragraphs, one a line, without page furniture."""
    page_lines = [
        [line.strip() for line in p.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        for p in pages
    ]
    page_lines = [[line for line in lines if line] for lines in page_lines]
    furniture = _running_lines(page_lines)
    lines = [
        _unspread(line)
        for lines in page_lines
        for line in lines
        if not PAGE_NUMBER.match(line) and _furniture_key(line) not in furniture
    ]
    lines = _join_title(lines)
    widths = sorted(len(line) for line in lines if len(line) > 10 and "|" not in line)
    usual = widths[int(len(widths) * 0.8)] if widths else 40
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line, usual):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def _unspread(line: str) -> str:
    """Drop the spaces a justified line's letter-spacing leaves between Chinese characters."""
    spread = len(CJK_SPACE.findall(line)) >= 3
    line = CJK_SPACE.sub("", line)
    return SPREAD_SPACE.sub("", line) if spread else line


def _join_title(lines: list[str], look: int = 12, most: int = 4) -> list[str]:
    """The first lines broken out of one title: back from a line ending in 通报 (with no
    关于 of its own) over lines without sentence punctuation, to the line holding 关于."""
    for end in range(min(look, len(lines))):
        if not TITLE_END.search(lines[end]) or "关于" in lines[end]:
            continue
        for start in range(end - 1, max(end - most, -1), -1):
            if SENTENCE_MARK.search(lines[start]) or LABEL_START.match(lines[start]):
                break
            if "关于" in lines[start]:
                return [*lines[:start], "".join(lines[start : end + 1]), *lines[end + 1 :]]
        return lines
    return lines


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _running_lines(page_lines: list[list[str]]) -> set[str]:
    """Lines (digits folded) at the top or bottom of at least half the pages (3 or more)."""
    if len(page_lines) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in page_lines:
        edge = set(lines[:2] + lines[-2:])
        counts.update({_furniture_key(line) for line in edge if not _is_prose(line)})
    return {key for key, n in counts.items() if n >= max(3, len(page_lines) // 2)}


def _is_prose(line: str) -> bool:
    """A sentence's end or an outline label: body text, never furniture, however regular."""
    return bool(re.search(r"[。！？!?；;，,]\s*[”’」』\"]?\s*$", line) or LABEL_START.match(line))


def _between_tables(line: str) -> bool:
    """A line that may stand between the two halves of a table broken across pages."""
    line = line.strip()
    return bool(PAGE_NUMBER.match(line)) or (len(line) <= 40 and not _is_prose(line))


def _continues(previous: str, line: str, usual: int) -> bool:
    if PARAGRAPH_END.search(previous) or LABEL_START.match(line):
        return False
    if "|" in previous or "|" in line:
        return False
    return len(previous) >= usual * 0.85
