"""The report text as safe HTML: sentences, figure highlights and search hits."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

# A sentence ends at these marks or at a line break (the notices use full-width punctuation).
SENTENCE_ENDS = "。！？；!?;\n"


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the report: [start, end) with a tooltip."""

    start: int
    end: int
    title: str = ""


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$")


def markdown_escape(text: str) -> str:
    """Report text made literal for st.markdown (no emphasis, links, HTML or maths)."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the sentence holding character `offset` (clamped to the text)."""
    if not text:
        return 0, 0
    offset = min(max(offset, 0), len(text) - 1)
    start = offset
    while start > 0 and text[start - 1] not in SENTENCE_ENDS:
        start -= 1
    end = offset
    while end < len(text) and text[end] not in SENTENCE_ENDS:
        end += 1
    if end < len(text) and text[end] != "\n":
        end += 1  # keep the closing mark with its sentence
    while start < end and text[start].isspace():
        start += 1
    return start, end


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the line (paragraph) holding character `offset`."""
    offset = min(max(offset, 0), len(text))
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def highlight_html(text: str, spans: Iterable[Span], base: int = 0, tag: str = "mark") -> str:
    """HTML of `text` with each span wrapped in <tag>; every piece is escaped before wrapping.

    `base` is the offset of `text` within the report, so spans use report offsets.
    Overlapping spans are skipped rather than nested.
    """
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start, end = span.start - base, span.end - base
        if start < pos or end <= start or start >= len(text):
            continue
        end = min(end, len(text))
        out.append(html.escape(text[pos:start]))
        title = f' title="{html.escape(span.title, quote=True)}"' if span.title else ""
        out.append(f"<{tag}{title}>{html.escape(text[start:end])}</{tag}>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def paragraphs_html(
    text: str,
    spans: Iterable[Span],
    focus: tuple[int, int] | None = None,
    window: tuple[int, int] | None = None,
) -> str:
    """The report (or its [start, end) `window`) as escaped <p> paragraphs.

    Spans are wrapped in <mark>, the focus sentence in a highlighted <span id="focus">;
    all offsets are report offsets.
    """
    lo, hi = window or (0, len(text))
    spans = sorted(spans, key=lambda s: s.start)
    parts: list[str] = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        inside = [s for s in spans if start <= s.start and s.end <= end]
        parts.append(f"<p>{_with_focus(line, inside, start, focus)}</p>")
    return "\n".join(parts)


def _with_focus(line: str, spans: list[Span], base: int, focus: tuple[int, int] | None) -> str:
    """One paragraph's HTML, the focus sentence (if inside it) wrapped in a styled span."""
    end = base + len(line)
    if focus is None or focus[1] <= base or focus[0] >= end:
        return highlight_html(line, spans, base)
    f0, f1 = max(focus[0], base), min(focus[1], end)
    before = [s for s in spans if s.end <= f0]
    inside = [s for s in spans if s.start >= f0 and s.end <= f1]
    after = [s for s in spans if s.start >= f1]
    return (
        highlight_html(line[: f0 - base], before, base)
        + '<span id="focus" style="background:#fff3b0;outline:2px solid #e0a800">'
        + highlight_html(line[f0 - base : f1 - base], inside, f0)
        + "</span>"
        + highlight_html(line[f1 - base :], after, f1)
    )


def _fold(s: str) -> str:
    """Lower-case for matching, unless that would shift offsets (e.g. 'İ')."""
    low = s.lower()
    return low if len(low) == len(s) else s


def search_hits(text: str, query: str, limit: int = 50) -> list[tuple[int, int]]:
    """Sentence bounds of the first `limit` sentences containing `query` (case-insensitive)."""
    query = query.strip()
    if not query:
        return []
    hay, needle = _fold(text), _fold(query)
    hits: list[tuple[int, int]] = []
    pos = hay.find(needle)
    while pos >= 0 and len(hits) < limit:
        bounds = sentence_bounds(text, pos)
        if not hits or hits[-1] != bounds:
            hits.append(bounds)
        pos = hay.find(needle, max(bounds[1], pos + 1))
    return hits


def query_spans(text: str, query: str, start: int, end: int) -> list[Span]:
    """Spans of every occurrence of `query` inside [start, end) of the report."""
    query = query.strip()
    if not query:
        return []
    hay, needle = _fold(text[start:end]), _fold(query)
    spans, pos = [], hay.find(needle)
    while pos >= 0:
        spans.append(Span(start + pos, start + pos + len(needle)))
        pos = hay.find(needle, pos + len(needle))
    return spans


# Where each qualifier stands as the report writes it: 约331处, 300余个, 10亩以上.
QUALIFIER_AFTER_NUMBER = {"余", "多"}
QUALIFIER_AFTER_UNIT = {"以上", "左右", "以下"}


def figure_text(
    value: float, qualifier: object = None, unit: object = None, grouped: bool = False
) -> str:
    """A figure as the report would say it: 约1,900 亩, 300余 个, 10 亩以上."""
    q = qualifier if isinstance(qualifier, str) else ""
    u = unit if isinstance(unit, str) else ""
    number = f"{value:,.10g}" if grouped else f"{value:g}"
    if q in QUALIFIER_AFTER_NUMBER:
        return f"{number}{q} {u}".strip()
    if q in QUALIFIER_AFTER_UNIT:
        return f"{number} {u}{q}".strip()
    return f"{q}{number} {u}".strip()
