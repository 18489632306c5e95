"""The bundled notice as a PDF: printed by Chromium (text layer) and scanned (images, OCR)."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from loaders.errors import ReportError
from loaders.extract import parse_report
from loaders.readers.ocr import engine
from loaders.readers.pdf import join_pages
from loaders.reading import read_report
from tests.conftest import BUNDLED
from tests.pdf_forms import print_pdf, scan_pdf
from tests.test_cli import digest, run


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "minzhong.pdf"
    return print_pdf(BUNDLED.read_text(encoding="utf-8"), out)


def figures(parsed, with_item=True) -> Counter:
    return Counter(
        (i["value"], i["unit"]) + ((i["part"], i["item_no"]) if with_item else ())
        for i in parsed.indicators
    )


def test_printed_pdf_gives_the_text_forms_items_and_figures(printed):
    base = parse_report(read_report(BUNDLED))
    raw = read_report(printed)
    assert raw.source_format == "pdf"
    parsed = parse_report(raw)
    assert [(i["part"], i["item_no"]) for i in parsed.items] == [
        (i["part"], i["item_no"]) for i in base.items
    ]
    want, got = figures(base), figures(parsed)
    assert sum((want & got).values()) >= 0.98 * sum(want.values())
    assert sum(got.values()) <= sum(want.values()) * 1.02
    assert "民众街道巡察整改进展情况公开" not in parsed.doc["text"]  # running header dropped
    assert (parsed.doc["doc_id"], parsed.doc["title"]) == (base.doc["doc_id"], base.doc["title"])


@pytest.mark.parametrize(
    "furniture",
    ["- {n} -", "—{n}—", "第{n}页", "第 {n} 页 共 12 页", "{n}/12", "{n}", "Page {n} of 12"],
)
def test_page_numbers_and_running_headers_are_dropped_and_lines_joined(furniture):
    heads = "一二三四"

    def body(n: int) -> list[str]:
        return [
            f"{heads[n]}、第{heads[n]}类问题整改情况",
            "全年共完成整改问题12个，清退资金",  # a sentence broken at the line end
            f"{n + 3}.5万元，追责问责{n}人。",
            f"（{heads[n]}）强化第{heads[n]}项责任",
        ]

    pages = ["\n".join(["某某街道工作通报", *body(n), furniture.format(n=n + 1)]) for n in range(4)]
    assert join_pages(pages).splitlines() == [
        line for n in range(4) for line in (body(n)[0], body(n)[1] + body(n)[2], body(n)[3])
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a large heading broken anywhere, after web-page furniture: joined back to its 关于 line
        (
            [
                "网站首页 政务公开",
                "中共青禾县委关于十三届县委第二轮巡察整",
                "改进展情况的通报",
                "根据县委部署，开展巡察。",
            ],
            [
                "网站首页政务公开",
                "中共青禾县委关于十三届县委第二轮巡察整改进展情况的通报",
                "根据县委部署，开展巡察。",
            ],
        ),
        (
            ["中共某某镇委员会关于", "巡察整改", "进展情况的报告", "一、总体情况"],
            ["中共某某镇委员会关于巡察整改进展情况的报告", "一、总体情况"],
        ),
        # issuer on its own line above a complete 关于 line: two lines as printed
        (
            ["中共某某镇委员会", "关于巡察整改进展情况的通报", "一、总体情况"],
            ["中共某某镇委员会", "关于巡察整改进展情况的通报", "一、总体情况"],
        ),
        # a sentence before the 通报 line is not part of a title
        (["经研究，现将有关情况", "通报"], ["经研究，现将有关情况", "通报"]),
        # justified letter-spacing: spaces next to Chinese characters go, Latin words keep theirs
        (
            ["地址：滨江路1 号 区 委 办 公 室 ; 邮 政 编 码 : 641300; 电 子 邮 箱 :"],
            ["地址：滨江路1号区委办公室;邮政编码:641300;电子邮箱:"],
        ),
        (["推广 Smart Farm 系统 覆盖农户 2.3 万户。"], ["推广Smart Farm系统覆盖农户2.3万户。"]),
    ],
)
def test_broken_titles_join_and_letter_spacing_goes(lines, joined):
    assert join_pages(["\n".join(lines)]).splitlines() == joined


def test_browser_default_header_and_footer_keep_the_text_forms_title(tmp_path):
    """Chromium's own header/footer (date, title, file URL, N/M) and a title in a big font."""
    from playwright.sync_api import sync_playwright

    title = "中共青禾县委关于十三届县委第二轮巡察整改进展情况的通报"
    body = ["根据县委统一部署，县委第二巡察组对青禾县开展巡察，反馈问题36个。", "一、整改总体情况"]
    for n in range(1, 40):
        body.append(
            f"（{n}）第{n}片区完成整改问题{n + 3}个，清理河道{n * 7}公里，"
            f"投入资金{n * 11}.5万元，覆盖农户{n * 130}户，整改完成率{50 + n}%。"
        )
    text = "\n".join([title, *body, "中共青禾县委", "2025年10月8日"])
    source = tmp_path / "qinghe.txt"
    source.write_text(text, encoding="utf-8")
    html_body = f"<h1 style='font-size:30pt'>{title}</h1>" + "".join(
        f"<p>{b}</p>" for b in [*body, "中共青禾县委", "2025年10月8日"]
    )
    out = tmp_path / "qinghe.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.set_content(
            f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body style='font-family:Noto Sans CJK SC'>{html_body}</body></html>"
        )
        page.pdf(path=str(out), format="A4", display_header_footer=True)
        browser.close()
    base, printed = parse_report(read_report(source)), parse_report(read_report(out))
    assert printed.doc["title"] == title
    assert printed.doc["doc_id"] == base.doc["doc_id"]
    assert figures(printed) == figures(base)


def _encrypted_pdf() -> bytes:
    """A one-page PDF with a Standard security handler whose password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"ab" * 32
        + b"> /U <"
        + b"cd" * 32
        + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<" + b"01" * 16 + b"> <"
    out += b"01" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _empty_pdf() -> bytes:
    import io

    import pypdfium2 as pdfium

    buf = io.BytesIO()
    pdfium.PdfDocument.new().save(buf)
    return buf.getvalue()


def _blank_scan(path):
    from PIL import Image

    Image.new("L", (1240, 1754), 255).save(path, resolution=150)
    return path


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("corrupt", "corrupt"),
        ("truncated", "corrupt"),
        ("no pages", "no pages"),
        ("encrypted", "encrypted"),
        ("blank scan", "no readable text"),
    ],
)
def test_bad_pdfs_exit_2_with_one_line_and_change_nothing(case, reason, printed, tmp_path):
    bad = tmp_path / f"{case.replace(' ', '_')}.pdf"
    if case == "corrupt":
        bad.write_bytes(b"%PDF-1.7\n" + bytes(200))
    elif case == "truncated":
        bad.write_bytes(printed.read_bytes()[:50_000])
    elif case == "no pages":
        bad.write_bytes(_empty_pdf())
    elif case == "encrypted":
        bad.write_bytes(_encrypted_pdf())
    elif engine() is None:
        pytest.skip("no OCR engine")
    else:
        _blank_scan(bad)
    db = tmp_path / "rectify.duckdb"
    assert run("ingest", str(BUNDLED), db=db).returncode == 0
    before = digest(db)
    result = run("ingest", str(bad), db=db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: "), result.stderr
    assert reason in lines[0]
    assert digest(db) == before


@pytest.mark.skipif(engine() is None, reason="no OCR engine (rapidocr-onnxruntime or tesseract)")
def test_scan_of_two_pages_is_read_by_ocr_with_progress_per_page(printed, tmp_path):
    import pypdfium2 as pdfium

    text_pdf = pdfium.PdfDocument(str(printed))
    two = pdfium.PdfDocument.new()
    two.import_pages(text_pdf, [0, 1])
    two_path = tmp_path / "two.pdf"
    two.save(str(two_path))
    scan = scan_pdf(two_path, tmp_path / "scan.pdf", pages=2)
    seen = []
    raw = read_report(scan, progress=lambda i, n, message: seen.append((i, n)))
    assert raw.source_format == "pdf-ocr"
    assert seen == [(0, 2), (1, 2)]
    want = figures(parse_report(read_report(two_path)), with_item=False)
    got = figures(parse_report(raw), with_item=False)
    assert want and sum((want & got).values()) >= 0.9 * sum(want.values())


def test_scan_without_an_engine_names_what_to_install(printed, tmp_path, monkeypatch):
    scan = scan_pdf(printed, tmp_path / "scan.pdf", pages=1)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # nor rapidocr
    with pytest.raises(ReportError, match="tesseract-ocr-chi-sim"):
        read_report(scan)


# --- paragraphs of a scan from its geometry (loaders.readers.ocr docstring) --------------

CHAR = 34  # a printed character's height in pixels at the OCR resolution
LEFT, RIGHT = 193, 1466


def line_of(text: str, indent: int = 0, short: int = 0):
    """A printed line: indented by `indent` characters, stopping `short` characters early."""
    from loaders.readers.ocr import Line

    return Line(text, LEFT + indent * CHAR, RIGHT - short * CHAR, CHAR)


def test_scanned_lines_join_by_indent_and_line_end_not_by_their_characters():
    """Justified text: a line continues unless it is indented or the one before stops short."""
    from loaders.readers.ocr import join_scanned

    page_one = [
        line_of("某镇巡察整改公开", indent=14, short=14),  # running header, centred
        line_of("二、巡察反馈问题整改情况", indent=2, short=20),
        line_of("(一)关于学习不深入的问题", indent=2, short=22),
        line_of("一是开展集中学习6次。建立学习制度", indent=2),  # full stop lost, line full
        line_of("3项"),  # continues
        line_of("1.2万元用于培训,已全部完成。", short=20),  # "1." by chance, not indented
        line_of("二是建立学习制度,", indent=2),
        line_of("每月集中学习"),
        line_of("一次,"),
        line_of("全年共计12次。", short=25),
        line_of("- 1 -", indent=17, short=17),
    ]
    page_two = [
        line_of("某镇巡察整改公开", indent=14, short=14),
        line_of("(二)关于资金管理不规范的问题", indent=2, short=20),
        line_of("一是追回资金3万元,退还群众", indent=2),
        line_of("- 2 -", indent=17, short=17),
    ]
    page_three = [
        line_of("某镇巡察整改公开", indent=14, short=14),
        line_of("1.5万元。", short=25),  # continues the paragraph across the page break
        line_of("- 引 -", indent=17, short=17),  # a garbled page number
    ]
    assert join_scanned([page_one, page_two, page_three]).split("\n") == [
        "二、巡察反馈问题整改情况",
        "(一)关于学习不深入的问题",
        "一是开展集中学习6次。建立学习制度3项1.2万元用于培训,已全部完成。",
        "二是建立学习制度,每月集中学习一次,全年共计12次。",
        "(二)关于资金管理不规范的问题",
        "一是追回资金3万元,退还群众1.5万元。",
    ]


@pytest.mark.parametrize(
    ("ocr", "repaired"),
    [
        (["三、长期事项", "全)守牢耕地", "(二)建设圩镇", "伍)发挥示范"], "(一) (二) (三)"),
        (["三、长期事项", "(十三)巩固提升", "(填四)清拆违建", "(十五)发挥作用"], "(十三) (十四) (十五)"),
        (["-、总体情况", "(一)强化学习", "人瑟)完善制度"], "(一) (二)"),
    ],
)  # fmt: skip
def test_garbled_outline_labels_take_their_place_in_the_sequence(ocr, repaired):
    from loaders.readers.ocr import repair_labels

    out = repair_labels(ocr)
    assert out[0][:2] in ("三、", "一、")
    assert " ".join(line[: line.index(")") + 1] for line in out[1:]) == repaired


def test_prose_and_arabic_labels_are_not_rewritten():
    from loaders.readers.ocr import repair_labels

    lines = ["二、整改情况", "(1)强化学习", "(2)完善制度", "目前)已完成", "(l5)整治"]
    assert repair_labels(lines)[:3] == lines[:3]


def test_ragged_scanned_lines_fall_back_to_the_text_layer_rule():
    """Short lines of different lengths (no common right edge): joined by their words."""
    from loaders.readers.ocr import join_scanned

    page = [
        line_of("某镇关于巡察整改进展情况的通报", short=12),
        line_of("一、整改工作开展情况", short=17),
        line_of("镇党委召开专题会议3次,研究整改问题12个。", short=5),
        line_of("(一)关于理论学习不深入的问题", short=12),
        line_of("一是开展集中学习6次。", short=17),
    ]
    assert join_scanned([page]).split("\n") == [line.text for line in page]


# --- one printed row read as two lines; a large title over lines; the time budget --------


def test_lines_sharing_a_printed_row_are_one_row_left_to_right():
    from loaders.readers.ocr import Line, joined_row, rows_of

    lines = [
        Line("某镇巡察整改公开", 655, 1002, 23, 50),
        Line("委员会关于县委", 660, 1440, 53, 255),  # one row, split and out of order
        Line("中共某县某镇", 223, 650, 53, 256),
        Line("第五轮巡察整改情况的通报", 300, 1300, 53, 344),
        Line("正文第一行", 193, 1466, 34, 420),
    ]
    rows = rows_of(lines)
    assert [len(row) for row in rows] == [1, 2, 1, 1]
    row = joined_row(rows[1])
    assert (row.text, row.left, row.right, row.top, row.height) == (
        "中共某县某镇委员会关于县委", 223, 1440, 255, 54,
    )  # fmt: skip


def test_a_title_printed_large_over_lines_is_one_paragraph():
    from loaders.readers.ocr import Line, join_scanned

    body = [line_of("根据县委统一部署,现将整改情况通报如下。" * 2, indent=2) for _ in range(8)]
    page = [
        Line("中共某县某镇委员会关于县委", 260, 1400, 53),
        Line("第五轮巡察整改情况的通报", 300, 1360, 52),
        line_of("一、整改工作开展情况", indent=2, short=20),
        *body,
    ]
    assert join_scanned([page]).split("\n")[:2] == [
        "中共某县某镇委员会关于县委第五轮巡察整改情况的通报",
        "一、整改工作开展情况",
    ]


@pytest.mark.skipif(engine() != "tesseract", reason="needs tesseract-ocr + chi_sim")
@pytest.mark.parametrize("budget", [0, 0.2])
def test_a_scan_over_its_ocr_budget_is_refused(printed, tmp_path, budget):
    """Before its first page (budget 0) or with Tesseract cut at the budget's end."""
    import pypdfium2 as pdfium

    from loaders.readers.ocr import ocr_pdf

    scan = scan_pdf(printed, tmp_path / "scan.pdf", pages=1)
    pdf = pdfium.PdfDocument(str(scan))
    try:
        with pytest.raises(ReportError, match=r"扫描件识别超过.*分钟上限.*OCR time budget") as err:
            ocr_pdf(scan, pdf, budget=budget)
    finally:
        pdf.close()
    assert "0/1" in err.value.reason


@pytest.mark.skipif(engine() != "tesseract", reason="needs tesseract-ocr + chi_sim")
def test_the_scan_gives_the_text_forms_doc_id(printed, tmp_path):
    """Its first page holds the title (printed large, over three lines) and the date."""
    scan = scan_pdf(printed, tmp_path / "scan.pdf", pages=1)
    got = parse_report(read_report(scan)).doc
    want = parse_report(read_report(BUNDLED)).doc
    assert (got["title"], got["published"]) == (want["title"], want["published"])
    assert got["doc_id"] == want["doc_id"]
