"""总览's headline figure as one HTML block (ui.summary.figure_html): text stays text."""

from __future__ import annotations

import html
import re

import pytest

from ui.summary import REVIEW_MARKS, figure_html

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "**粗体** [链接](http://evil.example) :red[红] $x^2$",
    "www.example.com 与 &lt;b&gt;",
    "整治\u202e反向\x0c分页",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", ["label", "value", "delta", "note"])
def test_report_text_in_any_field_is_shown_as_text(text, field):
    parts = {"label": "拆除违建", "value": "12 宗", "delta": "", "note": "", field: text}
    body = figure_html(parts["label"], parts["value"], parts["delta"], "已核实", parts["note"])
    tags = re.findall(r"<\s*([a-zA-Z]+)", body)
    assert set(tags) <= {"div", "span"}  # only the block's own markup
    for sign in ("*", "[", "$", ":", "\u202e", "\x0c"):
        assert sign not in re.sub(r'class="[^"]*"', "", body)
    shown = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert text.replace("\u202e", "").replace("\x0c", "") in shown


@pytest.mark.parametrize(
    ("state", "mark"),
    [
        ("已核实", "已核实"),
        ("已更正", "已更正"),
        ("有疑问", "有疑问"),
        ("机器识别", "机器识别"),
        (None, "机器识别"),  # no verdict recorded: a machine reading
        (float("nan"), "机器识别"),
        ("<b>伪造</b>", "机器识别"),  # never a state taken from the data as markup
    ],
)
def test_each_figure_carries_one_readable_review_mark(state, mark):
    body = figure_html("整治河涌", "3/5 条", "剩余 2 条", state)
    assert re.findall(r'class="hf-mark hf-(\w+)">([^<]+)</span>', body) == [
        (REVIEW_MARKS[mark], mark)
    ]
