"""Scanned PDF pages -> text by OCR, where an offline engine is installed.

Engine: Tesseract (Debian tesseract-ocr + tesseract-ocr-chi-sim), run as a subprocess
on each page rendered at 200 dpi in greyscale, its result read as TSV (each printed line
with its box). Where it is missing, the file is refused with what to install.

Paragraphs come from the page's geometry, not from the recognised characters (OCR drops
and garbles the full stops and labels the text-layer rule relies on): a printed line
starts a paragraph when it is indented from the page's left margin (Chinese official
text indents each paragraph by two characters; centred titles and headers are indented
too) or when the line before it stops short of the right margin; any other line
continues its paragraph, across a page break as well. A ragged page (few lines reach a
common right edge) is joined by the text-layer rule instead (loaders.readers.pdf). Running headers and page numbers
are dropped as for a text layer.

OCR confusions at the start of a paragraph are then undone where the outline says what
they must be: "-、"/"—、" is 一、, and a bracketed label whose inside is not a number
("全)", "(锥)", "人瑟)" for (一) (八) (五)) becomes the next number of the bracketed
sequence it stands in (counted from the last part heading). Nothing else is rewritten.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
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
                progress(index, count, f"识别扫描件 第{index + 1}/{count}页")
            page = pdf[index]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            png = Path(tmp) / f"p{index}.png"
            image.save(png)
            try:
                done = subprocess.run(
                    [exe, str(png), "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
                    capture_output=True,
                    text=True,
                    timeout=PAGE_TIMEOUT,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise ReportError(path, "OCR识别超时 (OCR timed out)") from None
            pages.append(tsv_lines(done.stdout))
            png.unlink(missing_ok=True)
    text = join_scanned(pages)
    if len("".join(text.split())) < 20:
        raise ReportError(path, "扫描件中没有可识别的文字 (no readable text in the scan)")
    return text


@dataclass
class Line:
    """One printed line as Tesseract saw it: its text and its box in pixels."""

    text: str
    left: int
    right: int
    height: int


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
            lines[key] = Line("", left, left + width, height)
        elif level == 5 and (row.get("text") or "").strip():
            words.setdefault(key, []).append(row["text"].strip())
    out = []
    for key, line in lines.items():
        line.text = _join_words(words.get(key, []))
        if line.text:
            out.append(line)
    return out


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
            if paragraphs and not indented and not _ends_paragraph(previous, line):
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
