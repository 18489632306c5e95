"""Links from any figure or mention to its sentence on the 原文 page."""

from __future__ import annotations

from bisect import bisect_right
from urllib.parse import urlencode

SOURCE_PAGE = "source"  # url_path of pages/source.py, relative to the app root


def sentence_link(doc_id: str | None, offset: int | None) -> str | None:
    """Relative URL of the 原文 page opened at the sentence holding character `offset`."""
    if doc_id is None or offset is None:
        return None
    return f"{SOURCE_PAGE}?{urlencode({'doc': doc_id, 'sentence': int(offset)})}"


MAX_OFFSET_DIGITS = 12  # no report reaches 10^12 characters


def offset_param(raw: object) -> int | None:
    """A ?sentence= value as a character offset, or None unless it is plain ASCII digits.

    str.isdigit accepts '²' and other digits int() refuses; this never raises.
    """
    if not isinstance(raw, str) or not (0 < len(raw) <= MAX_OFFSET_DIGITS):
        return None
    return int(raw) if raw.isascii() and raw.isdecimal() else None


def sentence_spans_of(text: str) -> list[tuple[int, int]]:
    """The report's sentences exactly as the loader cut them (its own pure functions).

    Imported on use: the loader's modules are not needed until 原文 opens a sentence.
    """
    from loaders.extract import sentence_spans
    from loaders.structure import paragraphs

    return sentence_spans(text, paragraphs(text))


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the loader's sentence holding `offset` (clamped to the text).

    The loader does not cut at ；, so neither may the page: a figure's link must light up
    the sentence its row quotes.
    """
    spans = sentence_spans_of(text)
    if not spans:
        return 0, len(text)
    offset = min(max(offset, 0), len(text) - 1)
    i = max(bisect_right([s for s, _ in spans], offset) - 1, 0)
    return spans[i]
