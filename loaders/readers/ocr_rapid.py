"""One page image -> printed lines, by RapidOCR (PP-OCRv4 models run by ONNX Runtime).

Optional engine: `pip install rapidocr-onnxruntime` (Apache-2.0; onnxruntime MIT). Its
three models (detection, direction, recognition, ~16 MB) are inside the wheel: nothing is
fetched at run time. RapidOCR returns one box per run of text; boxes whose vertical middle
falls inside the line before them are that line's pieces (a gap in a line splits it),
joined left to right. Each line keeps its box, so paragraph joining can use the page's
geometry the same way for every engine (loaders.readers.ocr).
"""

from __future__ import annotations

from functools import lru_cache

from loaders.readers.ocr import Line  # the same printed line the Tesseract reader joins


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _reader():
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()  # its config and models come from the installed package


def page_lines(image) -> list[Line]:
    """A greyscale or RGB PIL image of one page -> its lines, top to bottom."""
    import numpy as np

    pixels = np.asarray(image.convert("RGB"))[:, :, ::-1]  # OpenCV's BGR order
    # no line-direction classifier: on upright scans it turned whole lines with digits
    # upside down (they came back empty); a scanned page is upright or rotated as a whole
    result, _ = _reader()(pixels, use_cls=False)
    pieces = []
    for box, text, _score in result or []:
        text = (text or "").strip()
        if not text:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        pieces.append((min(ys), max(ys), min(xs), max(xs), text))
    pieces.sort()
    rows: list[list[tuple]] = []
    for piece in pieces:
        top, bottom = piece[0], piece[1]
        if rows:
            last = rows[-1]
            last_top = min(p[0] for p in last)
            last_bottom = max(p[1] for p in last)
            if last_top <= (top + bottom) / 2 <= last_bottom:
                last.append(piece)
                continue
        rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p[2])
        text = ""
        for piece in row:
            word = piece[4]
            if text and text[-1].isascii() and text[-1].isalnum() and word[0].isascii():
                text += " "
            text += word
        heights = sorted(p[1] - p[0] for p in row)
        lines.append(
            Line(
                text=text,
                left=int(min(p[2] for p in row)),
                right=int(max(p[3] for p in row)),
                height=int(heights[len(heights) // 2]),
                top=int(min(p[0] for p in row)),
            )
        )
    return lines
