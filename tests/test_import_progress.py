"""The 导入 page shows a line per OCR page while a scan is read in the sandbox's child."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from board.db import connect
from loaders.readers.ocr import engine
from tests.board_db import report_db  # noqa: F401  (session fixture)
from tests.test_app_security import logged_in

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PAGES = (
    [
        "某镇关于巡察整改进展情况的通报",
        "一、整改工作开展情况",
        "镇党委召开专题会议3次，研究整改问题12个。",
        "二、巡察反馈问题整改落实情况",
        "（一）关于理论学习不深入的问题",
        "一是开展集中学习6次。",
    ],
    [
        "（二）关于资金管理不规范的问题",
        "一是追回违规资金3万元。",
        "二是建立财务制度2项。",
    ],
)


def scanned_pdf(path: Path, dpi: int = 150) -> Path:
    """Two A4 pages of printed lines, greyscale images only (no text layer), as scanned."""
    from PIL import Image, ImageDraw, ImageFont

    size = (int(8.27 * dpi), int(11.69 * dpi))
    font = ImageFont.truetype(str(FONT), int(16 / 72 * dpi))
    images = []
    for lines in PAGES:
        image = Image.new("L", size, 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((int(dpi * 1.2), int(dpi * (1.2 + 0.45 * row))), line, fill=0, font=font)
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


@pytest.fixture
def import_db(report_db, tmp_path) -> Path:  # noqa: F811
    db = tmp_path / "rectify.duckdb"
    shutil.copyfile(report_db, db)
    return db


@pytest.mark.skipif(engine() is None or not FONT.exists(), reason="no tesseract chi_sim / font")
def test_scan_upload_shows_a_line_per_ocr_page(import_db, monkeypatch, tmp_path):
    scan = scanned_pdf(tmp_path / "scan.pdf")
    at = logged_in(monkeypatch, import_db)
    at.file_uploader[0].upload("扫描件 第2期.pdf", scan.read_bytes(), "application/pdf").run()
    at.button(key="import_go").click().run()
    assert not at.exception and not at.error
    assert "扫描件 第2期" in at.success[0].value and "2 项整改事项" in at.success[0].value
    [log] = [e for e in at.expander if e.label == "导入过程"]
    # as written on screen, without the escapes that keep Markdown out of it
    lines = [m.value.replace("\\", "").replace("\u2060", "") for m in log.markdown]
    ocr_lines = [line for line in lines if "识别扫描件" in line]
    assert len(ocr_lines) == 2, lines  # one line per page, in order, with the user's name
    assert "第1/2页" in ocr_lines[0] and "第2/2页" in ocr_lines[1]
    assert all("扫描件 第2期" in line for line in ocr_lines)
    with connect(import_db) as con:
        formats = con.execute(
            "SELECT source_format FROM documents WHERE source_file LIKE '%scan%' "
            "OR source_file LIKE '%2期%'"
        ).fetchall()
    assert formats == [("pdf-ocr",)]
