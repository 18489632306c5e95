"""Scanned PDF pages -> text by OCR, where an offline engine is installed.

Engine: Tesseract (Debian tesseract-ocr + tesseract-ocr-chi-sim), run as a subprocess
on each page rendered at 200 dpi in greyscale; its lines go through the same paragraph
joining as a text layer. Where it is missing, the file is refused with what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from loaders.errors import ReportError

DPI = 200
PAGE_TIMEOUT = 120  # seconds a page may take before the scan is refused
MAX_PAGES = 50  # Tesseract takes 10-20 s a page here: a longer scan is refused, not queued


def engine() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return exe if "chi_sim" in langs.split() else None


def ocr_pdf(path: Path, pdf, progress=None) -> str:
    from loaders.readers.pdf import join_pages

    exe = engine()
    if exe is None:
        raise ReportError(
            path,
            "扫描件需要OCR引擎，请安装 tesseract-ocr 和 tesseract-ocr-chi-sim "
            "(scanned PDF: install tesseract-ocr tesseract-ocr-chi-sim)",
        )
    pages = []
    count = len(pdf)
    if count > MAX_PAGES:
        raise ReportError(
            path,
            f"扫描件超过{MAX_PAGES}页，无法识别 (scanned PDF has {count} pages, OCR limit {MAX_PAGES})",
        )
    with tempfile.TemporaryDirectory(prefix="rectify-ocr-") as tmp:
        for index in range(count):
            if progress:
                progress(index, count, f"OCR 第{index + 1}/{count}页")
            page = pdf[index]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            png = Path(tmp) / f"p{index}.png"
            image.save(png)
            try:
                done = subprocess.run(
                    [exe, str(png), "stdout", "-l", "chi_sim", "--psm", "6"],
                    capture_output=True,
                    text=True,
                    timeout=PAGE_TIMEOUT,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise ReportError(path, "OCR识别超时 (OCR timed out)") from None
            pages.append(_tidy(done.stdout))
            png.unlink(missing_ok=True)
    text = join_pages(pages)
    if len("".join(text.split())) < 20:
        raise ReportError(path, "扫描件中没有可识别的文字 (no readable text in the scan)")
    return text


def _tidy(text: str) -> str:
    """Tesseract writes spaces between CJK characters; a line keeps its words joined."""
    import re

    cjk = r"[\u4e00-\u9fff，。、；：！？（）“”《》%]"
    text = re.sub(rf"(?<={cjk}) +(?={cjk})", "", text)
    text = re.sub(rf"(?<={cjk}) +(?=\d)|(?<=\d) +(?={cjk})", "", text)
    return text
