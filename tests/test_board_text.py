"""Report text to HTML: sentences, escaping before highlighting, search."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from board.text import (
    Span,
    figure_text,
    highlight_html,
    markdown_escape,
    paragraph_bounds,
    paragraphs_html,
    query_spans,
    search_hits,
    sentence_bounds,
)

TEXT = "一是拆除违建331处。二是整治水浸点19处；\n  三是新增水田约1900亩。"


@pytest.mark.parametrize(
    ("offset", "sentence"),
    [
        (0, "一是拆除违建331处。"),
        (7, "一是拆除违建331处。"),
        (12, "二是整治水浸点19处；"),
        (len(TEXT) - 1, "三是新增水田约1900亩。"),
        (10_000, "三是新增水田约1900亩。"),  # clamped
        (-5, "一是拆除违建331处。"),
    ],
)
def test_sentence_bounds(offset, sentence):
    start, end = sentence_bounds(TEXT, offset)
    assert TEXT[start:end] == sentence


def test_paragraph_bounds():
    start, end = paragraph_bounds(TEXT, 3)
    assert TEXT[start:end] == "一是拆除违建331处。二是整治水浸点19处；"


def test_highlight_escapes_text_before_wrapping_figures():
    text = "<script>alert(1)</script>拆除331处&"
    pos = text.index("331")
    html = highlight_html(text, [Span(pos, pos + 3, 'a"b<')])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark title="a&quot;b&lt;">331</mark>' in html
    assert html.endswith("处&amp;")


def test_highlight_skips_overlapping_and_out_of_range_spans():
    html = highlight_html("abcdef", [Span(1, 4), Span(2, 5), Span(10, 12)])
    assert html == "a<mark>bcd</mark>ef"


def test_highlight_uses_report_offsets_with_base():
    assert highlight_html("xyz", [Span(101, 102)], base=100) == "x<mark>y</mark>z"


def test_paragraphs_mark_focus_sentence_and_figures():
    pos = TEXT.index("19")
    focus = sentence_bounds(TEXT, pos)
    html = paragraphs_html(TEXT, [Span(pos, pos + 2)], focus)
    assert html.count("<p>") == 2
    assert '<span id="focus"' in html
    focus_html = html.split('<span id="focus"', 1)[1].split("</span>", 1)[0]
    assert "<mark>19</mark>" in focus_html and "二是整治水浸点" in focus_html


def test_paragraphs_window_shows_only_that_stretch():
    start, end = sentence_bounds(TEXT, TEXT.index("1900"))
    html = paragraphs_html(TEXT, [], window=(start, end))
    assert html == "<p>三是新增水田约1900亩。</p>"


def test_search_hits_and_query_spans():
    hits = search_hits(TEXT, "处")
    assert [TEXT[a:b] for a, b in hits] == ["一是拆除违建331处。", "二是整治水浸点19处；"]
    assert search_hits(TEXT, "  ") == []
    start, end = hits[1]
    assert [TEXT[s.start : s.end] for s in query_spans(TEXT, "水浸", start, end)] == ["水浸"]


@given(st.text())
def test_highlight_never_lets_a_tag_through(text):
    html = highlight_html(text, [Span(0, min(3, len(text)))] if text else [])
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


def test_markdown_escape_makes_report_text_literal():
    assert markdown_escape("*重点*[链接](x)") == "\\*重点\\*\\[链接\\]\\(x\\)"


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "expected"),
    [
        (331, None, "处", "331 处"),
        (1900, "约", "亩", "约1900 亩"),
        (300, "余", "个", "300余 个"),
        (10, "以上", "亩", "10 亩以上"),
        (50000, "超", "人次", "超50000 人次"),
    ],
)
def test_figure_text_puts_the_qualifier_where_the_report_does(value, qualifier, unit, expected):
    assert figure_text(value, qualifier, unit) == expected
