"""Report text made safe for every output (Markdown, HTML, Plotly, spreadsheets), and the
report as HTML: sentences, figure highlights and search hits."""

from __future__ import annotations

import html
import re
from bisect import bisect_left
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


# --- One escaping rule per output ------------------------------------------------------
# Characters no output should carry: C0/C1 controls (tab and line feed kept), zero-width
# and direction marks, bidi embeddings/overrides/isolates, BOM. The loader removes the
# same set at load (loaders.normalise.FORBIDDEN, kept equal by a test); the read side
# removes them again so a database written before that rule is shown safely too.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Inserted after ':' '@' and 'www' in Markdown: Streamlit turns bare URLs, e-mail
# addresses and :emoji: shortcodes into links/images after Markdown escapes are undone
# (they match on text nodes), so only a character between the pieces stops them.
WORD_JOINER = "\u2060"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BREAK_AFTER = {":": ":" + WORD_JOINER, "@": "@" + WORD_JOINER}
_WWW_DOT = re.compile(r"(www)\.", re.IGNORECASE)  # in HTML: www&#46; is not a bare URL
_WWW = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)  # after escaping: www\.
# Entities for HTML: Markdown's own signs too, so nothing in an HTML body reads as
# Markdown, a :directive:, maths or a shortcode if Streamlit parses it as Markdown.
_HTML_EXTRA = {ord(c): f"&#{ord(c)};" for c in ":$[]\\*_`~@!|{}"}


def clean_text(text: object) -> str:
    """str(text) without control, format and bidi-override characters (None -> '')."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    if type(text).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return ""
    return FORBIDDEN.sub("", str(text))


def markdown_text(text: object) -> str:
    """Report text made literal for any Streamlit Markdown: st.markdown, captions, titles,
    labels, alerts, progress text. No emphasis, link, image, autolink, HTML, :directive:,
    :material/…: icon, :emoji:, $maths$ or table survives; the words read the same.
    """
    out = []
    for ch in clean_text(text):
        if ch in _ASCII_PUNCTUATION:
            out.append("\\" + _BREAK_AFTER.get(ch, ch))
        else:
            out.append(ch)
    return _WWW.sub(r"\1" + WORD_JOINER, "".join(out))


markdown_escape = markdown_text  # the name the pages used first


def html_text(text: object, quote: bool = True) -> str:
    """Report text for an HTML body or attribute (also when that HTML passes through
    st.markdown(unsafe_allow_html=True)): entities for markup and for Markdown's signs."""
    escaped = html.escape(clean_text(text), quote=quote).translate(_HTML_EXTRA)
    return _WWW_DOT.sub(r"\1&#46;", escaped)


def plotly_text(text: object) -> str:
    """Report text for a Plotly string (title, axis/tick label, bar text, hover text):
    Plotly renders <a>, <b>, <br>, <span style> in strings and $…$ as maths."""
    return html.escape(clean_text(text), quote=False).replace("$", "&#36;")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# FORBIDDEN less the carriage return, which a cell may hold (and which starts a formula).
_CELL_FORBIDDEN = re.compile(FORBIDDEN.pattern.replace("\x0b-\x1f", "\x0b\x0c\x0e-\x1f"))


def spreadsheet_cell(value: object) -> object:
    """A cell for CSV/Excel: text that Excel would run as a formula gets a leading ',
    characters an .xlsx cannot hold are removed; numbers and blanks are untouched."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        return "'" + _CELL_FORBIDDEN.sub("", value)
    value = _CELL_FORBIDDEN.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """The [start, end) of the sentence holding character `offset` (clamped to the text)."""
    if not text:
        return 0, 0
    offset = min(max(offset, 0), len(text) - 1)
    # str.rfind/find per mark, not a walk per character: a sentence may be megabytes long.
    start = max(text.rfind(mark, 0, offset) for mark in SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(mark, offset) for mark in SENTENCE_ENDS) if i >= 0]
    end = min(ends) if ends else len(text)
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
        out.append(html_text(text[pos:start]))
        title = f' title="{html_text(span.title)}"' if span.title else ""
        out.append(f"<{tag}{title}>{html_text(text[start:end])}</{tag}>")
        pos = end
    out.append(html_text(text[pos:]))
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
    starts = [s.start for s in spans]
    parts: list[str] = []
    pos = lo
    for line in text[lo:hi].split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        # Linear in text + spans: each line takes its slice of the sorted spans by bisection
        # (filtering every span for every line took 159 s for 10^5 figures).
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        inside = [s for s in spans[first:last] if s.end <= end]
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
