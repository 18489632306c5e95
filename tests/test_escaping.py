"""One escaping rule per output (board.text) and the characters removed at load."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from board import text as board_text
from board.links import offset_param
from board.text import (
    WORD_JOINER,
    clean_text,
    html_text,
    markdown_text,
    paragraphs_html,
    plotly_text,
    spreadsheet_cell,
)
from loaders import normalise

PAYLOADS = [
    "![](http://127.0.0.2/x)",
    "[点此](https://evil.example/)",
    "<https://evil.example/a>",
    "https://evil.example/bare",
    "www.evil.example",
    "mail a@evil.example",
    ":red[红字]",
    ":material/home:",
    ":smile:",
    "$x^2$",
    "<a href='http://x'>a</a><b>b</b><br>",
    "**粗** _斜_ `code` ~~删~~ # 标题",
    "| a | b |",
    "完成拆除\u202e53处\u202c",
]


def unescaped_markdown(escaped: str) -> str:
    """What Markdown shows for text made of backslash escapes: the escapes undone."""
    return re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_leaves_nothing_live(payload):
    out = markdown_text(payload)
    # every ASCII punctuation mark is escaped, so no Markdown construct can open
    assert not re.search(r"(?<!\\)[!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~]", out.replace("\\\\", ""))
    # the parts Streamlit matches on text nodes are broken apart by a word joiner
    plain = re.sub(r"\\(.)", r"\1", out)
    for live in ("http://", "https://", "www.", ":material", ":red[", ":smile:", "@evil"):
        assert live not in plain
    # and it still reads the same, minus the invisible override
    assert unescaped_markdown(out) == clean_text(payload)


def test_html_text_holds_no_markup_and_no_markdown_signs():
    out = html_text('<img src=x onerror=1> :material/home: $x$ [a](b) "q"')
    assert "<" not in out and '"' not in out
    for sign in ":$[]":
        assert sign not in out
    assert html.unescape(out) == '<img src=x onerror=1> :material/home: $x$ [a](b) "q"'


def test_plotly_text_shows_tags_as_text():
    out = plotly_text("<a href='x'>链接</a><b>粗</b><br>$x$\u202e35")
    assert "<" not in out and "$" not in out and "\u202e" not in out
    assert html.unescape(out) == "<a href='x'>链接</a><b>粗</b><br>$x$35"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("\x01=1+1", "'=1+1"),  # a control before the = is gone, and the formula still inert
        ("分页\x0c之后", "分页之后"),
        ("\u202e右到左", "右到左"),
        (12.5, 12.5),
        (None, None),
    ],
)
def test_spreadsheet_cell(value, cell):
    assert spreadsheet_cell(value) == cell


@given(st.text())
def test_any_text_makes_a_valid_xlsx_cell(value):
    ws = Workbook().active
    ws.append([spreadsheet_cell(value)])  # openpyxl raises IllegalCharacterError otherwise


def test_loader_and_read_side_remove_the_same_characters():
    every = "".join(chr(c) for c in range(0x3000))
    assert normalise.FORBIDDEN.findall(every) == board_text.FORBIDDEN.findall(every)
    for ch in "\x00\x01\x1f\x7f\x9f\u200b\u200f\u202a\u202e\u2066\u2069\ufeff":
        assert board_text.FORBIDDEN.match(ch)
    for ch in "\n\t 中a。":
        assert not board_text.FORBIDDEN.match(ch)


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_normalised_text_holds_no_forbidden_character(raw):
    out = normalise.normalise(raw)
    assert not normalise.FORBIDDEN.search(out)
    assert all(unicodedata.category(c) != "Cc" or c == "\n" for c in out)


def test_form_feed_ends_a_paragraph():
    assert normalise.normalise("第一页末句。\x0c第二页首句。") == "第一页末句。\n第二页首句。\n"


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("١٢", None),
        ("", None),
        ("-1", None),
        ("1e3", None),
        (" 1", None),
        ("9" * 13, None),
        (None, None),
    ],
)
def test_offset_param_accepts_only_ascii_digits(raw, offset):
    assert offset_param(raw) == offset


def test_paragraphs_html_is_linear_in_figures():
    """10^5 figures on 10^4 lines: every figure highlighted once (this was quadratic)."""
    line = "".join(f"完成{i % 90 + 10}处，" for i in range(10)) + "。"
    text = "\n".join(line for _ in range(10_000))
    spans, pos = [], 0
    for ln in text.split("\n"):
        for m in re.finditer(r"\d+", ln):
            spans.append(board_text.Span(pos + m.start(), pos + m.end()))
        pos += len(ln) + 1
    out = paragraphs_html(text, spans)
    assert len(spans) == 100_000 and out.count("<mark>") == 100_000
