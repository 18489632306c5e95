"""Scanned PDF pages -> text by OCR, where an offline engine is installed.

Engines, in order of preference (the first installed one reads the scan; the environment
variable RECTIFY_OCR_ENGINE=rapidocr|tesseract picks one): RapidOCR (`pip install
rapidocr-onnxruntime`, loaders.readers.ocr_rapid; it read the 150 dpi scan of the bundled
report better, docs/benchmarks.md "OCR engines"), then Tesseract (Debian tesseract-ocr +
tesseract-ocr-chi-sim, run as a subprocess). Each page is rendered at 200 dpi in
greyscale; whichever engine read it, its lines go through the same paragraph joining.
Where neither is installed, the file is refused with what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from loaders.errors import ReportError

DPI = 200
PAGE_TIMEOUT = 120  # seconds a page may take before the scan is refused
MAX_PAGES = 50  # 10-20 CPU s a page (RapidOCR ~2x Tesseract): a longer scan is refused


ENGINES = ("rapidocr", "tesseract")  # preference order
NO_ENGINE = (
    "扫描件需要OCR引擎，请安装 rapidocr-onnxruntime 或 tesseract-ocr 和 tesseract-ocr-chi-sim "
    "(scanned PDF: pip install rapidocr-onnxruntime, or apt install tesseract-ocr "
    "tesseract-ocr-chi-sim)"
)


def engine() -> str | None:
    """The name of the OCR engine that will read a scan, or None when none is installed."""
    wanted = os.environ.get("RECTIFY_OCR_ENGINE", "").strip().lower()
    for name in ENGINES:
        if wanted in ("", name) and _installed(name):
            return name
    return None


def _installed(name: str) -> bool:
    if name == "rapidocr":
        from loaders.readers.ocr_rapid import available

        return available()
    return _tesseract() is not None


def _tesseract() -> str | None:
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


def ocr_pdf(path: Path, pdf, progress=None, name: str | None = None) -> str:
    name = name or engine()
    if name is None:
        raise ReportError(path, NO_ENGINE)
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
            pages.append(page_lines(name, image, Path(tmp), path))
    text = join_ocr(pages)
    if len("".join(text.split())) < 20:
        raise ReportError(path, "扫描件中没有可识别的文字 (no readable text in the scan)")
    return text


def page_lines(name: str, image, tmp: Path, path: Path) -> list:
    """One rendered page -> its printed lines (objects with .text), by the named engine."""
    if name == "rapidocr":
        from loaders.readers.ocr_rapid import page_lines as rapid_lines

        return rapid_lines(image)
    png = tmp / "page.png"
    image.save(png)
    try:
        done = subprocess.run(
            [_tesseract() or "tesseract", str(png), "stdout", "-l", "chi_sim", "--psm", "6"],
            capture_output=True,
            text=True,
            timeout=PAGE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ReportError(path, "OCR识别超时 (OCR timed out)") from None
    finally:
        png.unlink(missing_ok=True)
    from loaders.readers.ocr_rapid import Line

    return [Line(line, 0, 0, 0) for line in _tidy(done.stdout).splitlines()]


def join_ocr(pages: list[list]) -> str:
    """Pages of printed lines -> paragraphs, the same for every engine."""
    from loaders.readers.pdf import join_pages

    return join_pages(["\n".join(line.text for line in page) for page in pages])


def _tidy(text: str) -> str:
    """Tesseract writes spaces between CJK characters; a line keeps its words joined."""
    import re

    cjk = r"[\u4e00-\u9fff，。、；：！？（）“”《》%]"
    text = re.sub(rf"(?<={cjk}) +(?={cjk})", "", text)
    text = re.sub(rf"(?<={cjk}) +(?=\d)|(?<=\d) +(?={cjk})", "", text)
    return text
