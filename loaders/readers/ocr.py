"""Scanned PDF pages -> text by OCR, where an offline engine is installed.

Engines: Tesseract (Debian tesseract-ocr + tesseract-ocr-chi-sim, run as a subprocess, its
result read as TSV) by default; RapidOCR (`pip install rapidocr-onnxruntime`,
loaders.readers.ocr_rapid) when RECTIFY_OCR_ENGINE=rapidocr, or when it is the only one
installed. RapidOCR read the 150 dpi scan of the bundled report a little better (98.8 % of
figures against 97.6 %, docs/benchmarks.md "OCR engines") and serif type clearly better,
but it takes about twice the CPU and ~1 GB per page, over the few hundred MB an upload may
cost the server (issue 8), so it is chosen, not assumed. Each page is rendered
at 200 dpi in greyscale; either engine gives each printed line with its box, and the
lines of both go through the same paragraph joining and label repair below. Where neither
is installed, the file is refused with what to install.

Paragraphs come from the page's geometry, not from the recognised characters (OCR drops
and garbles the full stops and labels the text-layer rule relies on): a printed line
starts a paragraph when it is indented from the page's left margin (Chinese official
text indents each paragraph by two characters; centred titles and headers are indented
too) or when the line before it stops short of the right margin; any other line
continues its paragraph, across a page break as well. A ragged page (few lines reach a
common right edge) is joined by the text-layer rule instead (loaders.readers.pdf). Running headers and page numbers
are dropped as for a text layer.

Tesseract sometimes reads one printed row as two lines (words of a large-type title
split between them, out of order): lines whose boxes share the row are read again as one
line from that row's image. A heading printed in larger type than the body over several
lines (a centred title) is one paragraph.

Time: one budget for the whole scan (loaders.limits.OCR_SECONDS), checked before each page
and bounding each Tesseract run; over it the scan is refused, however many pages are left.

OCR confusions at the start of a paragraph are then undone where the outline says what
they must be: "-、"/"—、" is 一、, and a bracketed label whose inside is not a number
("全)", "(锥)", "人瑟)" for (一) (八) (五)) becomes the next number of the bracketed
sequence it stands in (counted from the last part heading). Nothing else is rewritten.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import ReportError
from loaders.limits import OCR_SECONDS

DPI = 200
PAGE_TIMEOUT = 120  # seconds a page may take before the scan is refused
MAX_PAGES = 50  # 10-20 CPU s a page (RapidOCR ~2x Tesseract): a longer scan is refused


ENGINES = ("tesseract", "rapidocr")  # preference order (RECTIFY_OCR_ENGINE overrides)
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


def ocr_pdf(
    path: Path, pdf, progress=None, name: str | None = None, budget: float = OCR_SECONDS
) -> str:
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
    until = time.monotonic() + budget
    with tempfile.TemporaryDirectory(prefix="rectify-ocr-") as tmp:
        for index in range(count):
            if time.monotonic() >= until:
                raise ReportError(path, over_budget(budget, index, count))
            if progress:
                progress(index, count, f"识别扫描件 第{index + 1}/{count}页")
            page = pdf[index]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            try:
                pages.append(page_lines(name, image, Path(tmp), path, until))
            except BudgetSpent:
                raise ReportError(path, over_budget(budget, index, count)) from None
    text = join_scanned(pages)
    if len("".join(text.split())) < 20:
        raise ReportError(path, "扫描件中没有可识别的文字 (no readable text in the scan)")
    return text


def over_budget(budget: float, done: int, count: int) -> str:
    return (
        f"扫描件识别超过{budget / 60:g}分钟上限，已识别{done}/{count}页 "
        f"(OCR time budget of {budget:g} s used up after {done} of {count} pages)"
    )


class BudgetSpent(Exception):
    """A Tesseract run was cut at the end of the scan's time budget."""


def page_lines(name: str, image, tmp: Path, path: Path, until: float | None = None) -> list[Line]:
    """One rendered page -> its printed lines with their boxes, by the named engine
    (Tesseract stops at `until`, a time.monotonic() deadline: BudgetSpent)."""
    if name == "rapidocr":
        from loaders.readers.ocr_rapid import page_lines as rapid_lines

        return rapid_lines(image)
    until = time.monotonic() + OCR_SECONDS if until is None else until

    def tesseract(picture, psm: str, what: str) -> str:
        png = tmp / "page.png"
        picture.save(png)
        left = until - time.monotonic()
        try:
            return subprocess.run(
                [_tesseract() or "tesseract", str(png), "stdout", "-l", "chi_sim", "--psm", psm]
                + ([what] if what else []),
                capture_output=True,
                text=True,
                timeout=max(0.1, min(PAGE_TIMEOUT, left)),
                check=False,
            ).stdout
        except subprocess.TimeoutExpired:
            if left < PAGE_TIMEOUT:
                raise BudgetSpent from None
            raise ReportError(path, "OCR识别超时 (OCR timed out)") from None
        finally:
            png.unlink(missing_ok=True)

    lines = tsv_lines(tesseract(image, "6", "tsv"))
    out = []
    for row in rows_of(lines):
        if len(row) == 1:
            out.append(row[0])
            continue
        # one printed row read as several lines: read that row alone
        merged = joined_row(row)
        pad = merged.height // 4
        box = (
            merged.left - pad,
            merged.top - pad,
            merged.right + pad,
            merged.top + merged.height + pad,
        )
        text = _tidy(" ".join(tesseract(image.crop(box), "7", "").split()))
        out.append(Line(text or merged.text, merged.left, merged.right, merged.height, merged.top))
    return out


@dataclass
class Line:
    """One printed line as Tesseract saw it: its text and its box in pixels."""

    text: str
    left: int
    right: int
    height: int
    top: int = 0


def tsv_lines(tsv: str) -> list[Line]:
    """Tesseract's TSV (level 4 rows: lines; level 5: their words) -> the page's lines."""
    lines: dict[tuple[str, str, str], Line] = {}
    words: dict[tuple[str, str, str], list[str]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            key = (row["block_num"], row["par_num"], row["line_num"])
            level, left, width = int(row["level"]), int(row["left"]), int(row["width"])
            height = int(row["height"])
        except (KeyError, TypeError, ValueError):
            continue
        if level == 4:
            lines[key] = Line("", left, left + width, height, int(row.get("top") or 0))
        elif level == 5 and (row.get("text") or "").strip():
            words.setdefault(key, []).append(row["text"].strip())
    out = []
    for key, line in lines.items():
        line.text = _join_words(words.get(key, []))
        if line.text:
            out.append(line)
    return out


def rows_of(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines that share a printed row (each one's middle within the other's
    height), as groups; most groups hold one line."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows:
            last = rows[-1][-1]
            mid, last_mid = line.top + line.height / 2, last.top + last.height / 2
            if (
                line.height
                and last.height
                and last.top <= mid <= last.top + last.height
                and line.top <= last_mid <= line.top + line.height
            ):
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


def joined_row(row: list[Line]) -> Line:
    """The lines of one printed row as one line: left to right, the row's box."""
    row = sorted(row, key=lambda line: line.left)
    top = min(line.top for line in row)
    bottom = max(line.top + line.height for line in row)
    text = _join_words([line.text for line in row])
    return Line(text, row[0].left, max(line.right for line in row), bottom - top, top)


def _join_words(words: list[str]) -> str:
    """Words of a line joined as printed: no space except between two Latin words/numbers."""
    text = ""
    for word in words:
        if (
            text
            and text[-1].isascii()
            and text[-1].isalnum()
            and word[0].isascii()
            and (word[0].isalnum())
        ):
            text += " "
        text += word
    return text.strip()


def _margins(lines: list[Line]) -> tuple[int, int, int, bool]:
    """(character height, left margin, right margin, justified): the leftmost left edge
    several lines share (within half a character: a stray speck or the indented lines do
    not move it), the right edge of the longest lines, and whether a third of the lines
    reach it and none runs past it (justified text; a ragged page of short lines is
    joined by its words instead)."""
    char = sorted(line.height for line in lines)[len(lines) // 2] or 1
    enough = min(len(lines), max(3, len(lines) // 4))
    lefts = sorted(line.left for line in lines)
    left = next(
        (
            x
            for i, x in enumerate(lefts[: len(lefts) - enough + 1])
            if lefts[i + enough - 1] - x <= char / 2
        ),
        lefts[0],
    )
    right = sorted((line.right for line in lines), reverse=True)[enough - 1]
    full = sum(1 for line in lines if line.right >= right - char / 2)
    beyond = sum(1 for line in lines if line.right > right + char)  # none in justified text
    return char, left, right, full * 3 >= len(lines) and beyond <= len(lines) // 20


def _ends_paragraph(previous, line: Line) -> bool:
    """The line before ends its paragraph: it stops short of its page's right margin, or on
    a ragged page, the text-layer rule says so."""
    from loaders.readers.pdf import _continues

    if previous is None:
        return True
    before, char, margin_right, justified, usual = previous
    if justified:
        return margin_right - before.right > 2 * char
    return not _continues(before.text, line.text, usual)


def _same_heading(before: Line, line: Line, char: int) -> bool:
    """Two lines in one larger type than the body's: a heading wrapped over lines."""
    large = 1.3 * char
    return (
        before.height >= large
        and line.height >= large
        and abs(before.height - line.height) <= 0.15 * before.height
        and not PARAGRAPH_END_MARK.search(before.text)
    )


PARAGRAPH_END_MARK = re.compile(r"[。！？!?：:；;]\s*$")


def _centred_short(line: Line, margin_left: int, margin_right: int, char: int) -> bool:
    """A page number or running line: a few characters in the middle of the page."""
    return (
        len(line.text) <= 8
        and line.left - margin_left > 4 * char
        and margin_right - line.right > 4 * char
    )


def join_scanned(pages: list[list[Line]]) -> str:
    """Pages of printed lines -> paragraphs, one a line, by indentation and line ends."""
    from loaders.readers.pdf import PAGE_NUMBER, _furniture_key, _running_lines

    furniture = _running_lines([[line.text for line in page] for page in pages])
    everything = [line for page in pages for line in page] or [Line("", 0, 0, 1)]
    paragraphs: list[str] = []
    previous = None  # the last line kept (of this page or the one before) and its page's measures
    for page in pages:
        kept = [
            line
            for line in page
            if not PAGE_NUMBER.match(line.text) and _furniture_key(line.text) not in furniture
        ]
        if not kept:
            continue
        # a page of a few lines (the last one) takes its margins from the whole scan
        char, margin_left, margin_right, justified = _margins(
            kept if len(kept) >= 8 else everything
        )
        usual = sorted(len(line.text) for line in kept)[len(kept) * 4 // 5]
        while kept and _centred_short(kept[-1], margin_left, margin_right, char):
            kept.pop()  # a page number Tesseract garbled ("- 引 -")
        while kept and _centred_short(kept[0], margin_left, margin_right, char):
            kept.pop(0)
        for line in kept:
            indented = line.left - margin_left > 1.2 * char
            if paragraphs and previous and _same_heading(previous[0], line, char):
                paragraphs[-1] += line.text  # a title printed large over several lines
            elif paragraphs and not indented and not _ends_paragraph(previous, line):
                paragraphs[-1] += line.text  # also the first line of a page, when not indented
            else:
                paragraphs.append(line.text)
            previous = (line, char, margin_right, justified, usual)
    return "\n".join(repair_labels(paragraphs))


CN_NUMBERS = "一二三四五六七八九十"
DASH_PART = re.compile(r"^[-—–_~]\s*、")
PART_HEAD = re.compile(rf"^[{CN_NUMBERS}]{{1,3}}\s*、")
BRACKET = re.compile(r"^[（(]?([^\s()（）]{1,3}?)[)）]")


def repair_labels(paragraphs: list[str]) -> list[str]:
    """Undo OCR confusions of outline labels at the start of paragraphs (module docstring)."""
    from loaders.numerals import chinese_to_number

    out, last = [], 0
    for text in paragraphs:
        text = DASH_PART.sub("一、", text)
        if PART_HEAD.match(text):
            last = 0
        m = BRACKET.match(text)
        if m:
            inside = m.group(1)
            if all(c in CN_NUMBERS for c in inside):
                last = int(chinese_to_number(inside) or last)
            elif not inside.isdigit() and re.fullmatch(r"[\u4e00-\u9fff]{1,3}", inside):
                last += 1
                text = f"({_chinese(last)})" + text[m.end() :]
        out.append(text)
    return out


def _chinese(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    if n < 20:
        return "十" + CN_NUMBERS[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUMBERS[tens - 1] + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def _tidy(text: str) -> str:
    """Tesseract writes spaces between CJK characters; a line keeps its words joined."""
    cjk = r"[\u4e00-\u9fff，。、；：！？（）“”《》%]"
    text = re.sub(rf"(?<={cjk}) +(?={cjk})", "", text)
    text = re.sub(rf"(?<={cjk}) +(?=\d)|(?<=\d) +(?={cjk})", "", text)
    return text
