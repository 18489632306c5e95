"""One notice, every new form: an item table as .txt/.html/.docx, the bundled report printed
to PDF by Chromium, and typed as a .docx whose headings use Word's automatic numbering."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from loaders.extract import parse_report
from loaders.reading import read_report
from tests.conftest import BUNDLED, FIXTURES

FORMS = FIXTURES / "forms"


def rows(path: Path):
    parsed = parse_report(read_report(path))
    items = [
        (i["item_no"], i["title"], i["topic"], i["owner"], i["deadline"]) for i in parsed.items
    ]
    figures = [(i["item_no"], i["value"], i["unit"], i["qualifier"]) for i in parsed.indicators]
    return parsed.doc, items, figures


def test_item_table_as_text_page_and_word_gives_the_same_rows():
    doc, items, figures = rows(FORMS / "table_a.txt")
    assert len(items) == 12 and items[2][3] == "镇组织办" and str(items[2][4]) == "2025-06-30"
    assert {it[2] for it in items} == {
        "党的建设方面",
        "全面从严治党方面",
        "推动高质量发展和民生实事方面",
    }
    for suffix in ("html", "docx"):
        other_doc, other_items, other_figures = rows(FORMS / f"table_a.{suffix}")
        assert other_doc["doc_id"] == doc["doc_id"], suffix
        assert other_items == items, suffix
        assert other_figures == figures, suffix


@pytest.fixture(scope="module")
def bundled_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    lines = [line.strip() for line in BUNDLED.read_text(encoding="utf-8").splitlines()]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    page = folder / "report.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:25mm}'
        "body{font-family:'Noto Serif CJK SC';font-size:15pt;line-height:1.6}"
        "p{text-indent:2em;margin:0 0 4pt}</style></head><body>" + body + "</body></html>",
        encoding="utf-8",
    )
    pdf = folder / "report.pdf"
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip
    return pdf


def test_bundled_report_printed_to_pdf_gives_its_items_and_figures(bundled_pdf):
    doc, items, figures = rows(BUNDLED)
    pdf_doc, pdf_items, pdf_figures = rows(bundled_pdf)
    assert pdf_doc["source_format"] == "pdf"
    assert pdf_doc["doc_id"] == doc["doc_id"]
    assert [i[:2] for i in pdf_items] == [i[:2] for i in items] and len(items) == 63
    shared = sum((Counter(figures) & Counter(pdf_figures)).values())
    assert shared >= 0.98 * len(figures)
    assert not re.search(r"^\s*-?\s*\d+\s*-?\s*$", pdf_doc["text"], re.MULTILINE)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = [  # (regex of the typed label, numFmt, lvlText)
    (re.compile(r"^([一二三四五六七八九十]+)、"), "chineseCounting", "%1、"),
    (re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]"), "chineseCountingThousand", "（%2）"),
    (re.compile(r"^(\d+)\.(?!\d)"), "decimal", "%3."),
    (re.compile(r"^[(（](\d+)[)）]"), "decimal", "（%4）"),
]
CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return CN[text]
    return (CN[text[0]] if text[0] != "十" else 1) * 10 + (
        CN.get(text[-1], 0) if len(text) > 1 and text[-1] != "十" else 0
    )


def numbered_docx(source: Path, path: Path) -> Path:
    """The report as Word would hold it with automatic numbering: typed labels removed,
    numPr on the paragraph; where Word's counter would differ from the typed number, a new
    w:num with a startOverride continues from the typed number (as Word's 'set value')."""
    counters: dict[int, dict[int, int]] = {1: {}}
    num_id, overrides = 1, {1: {}}
    paras = []
    for line in source.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        numbered = None
        for ilvl, (regex, _fmt, _text) in enumerate(LEVELS):
            m = regex.match(line)
            if m:
                numbered, value, line = ilvl, _number(m.group(1)), line[m.end() :]
                break
        ppr = ""
        if numbered is not None:
            current = counters[num_id]
            expected = current.get(numbered, 0) + 1 if numbered in current else 1
            if value != expected:
                num_id += 1
                overrides[num_id] = {numbered: value}
                counters[num_id] = {}
                current = counters[num_id]
            current[numbered] = value
            for deeper in [lv for lv in current if lv > numbered]:
                del current[deeper]
            ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{numbered}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        paras.append(f"<w:p>{ppr}<w:r><w:t>{html.escape(line)}</w:t></w:r></w:p>")
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (_r, fmt, text) in enumerate(LEVELS)
    )
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="0"/>'
        + "".join(
            f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
            for lv, v in ov.items()
        )
        + "</w:num>"
        for n, ov in overrides.items()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            + "".join(paras) + "</w:body></w:document>",
        )  # fmt: skip
        zf.writestr(
            "word/numbering.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>{nums}</w:numbering>',
        )
    return path


def test_word_numbering_reads_like_the_typed_labels(tmp_path):
    doc, items, figures = rows(BUNDLED)
    path = numbered_docx(BUNDLED, tmp_path / "numbered.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "<w:t>一、" not in xml and "<w:t>(1)" not in xml  # the labels come from Word
    assert xml.count("<w:numPr>") > 80
    w_doc, w_items, w_figures = rows(path)
    assert len(w_items) == 63
    assert [i[:2] for i in w_items] == [i[:2] for i in items]
    assert w_figures == figures
    assert w_doc["doc_id"] == doc["doc_id"]
