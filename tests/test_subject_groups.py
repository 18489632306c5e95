"""What 主题 may draw as one subject's bars (board.frames.subject_groups): one subject, unit
and kind across villages only, each bar named apart. Invented figures, one row a case."""

from __future__ import annotations

import pandas as pd
import pytest

from board.frames import subject_groups


def _figures(*rows: tuple) -> pd.DataFrame:
    """rows: (doc_id, item, subject, value, unit, kind, villages[, notice])."""
    columns = ["doc_id", "item", "subject", "value", "unit", "kind", "villages", "notice"]
    return pd.DataFrame([r + (None,) * (len(columns) - len(r)) for r in rows], columns=columns)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # one subject in two villages: one chart, a bar per village
        (
            [("a", "二(3)", "鱼塘", 12.0, "亩", "result", ["东村"]),
             ("a", "二(5)", "鱼塘", 8.0, "亩", "result", ["西村"])],
            [("鱼塘", "亩", ["东村", "西村"])],
        ),
        # the same plan restated in two items, no village: a list, not a chart
        (
            [("a", "二(4)", "道路计划", 28.0, "条", "target", None),
             ("a", "二(22)", "道路计划", 28.0, "条", "target", None)],
            [],
        ),
        # one village twice: nothing to compare
        (
            [("a", "二(1)", "鱼塘", 3.0, "亩", "result", ["东村"]),
             ("a", "二(2)", "鱼塘", 4.0, "亩", "result", ["东村"])],
            [],
        ),
        # a plan and a result are not one quantity: two kinds, no chart of either
        (
            [("a", "二(1)", "鱼塘", 3.0, "亩", "target", ["东村"]),
             ("a", "二(2)", "鱼塘", 4.0, "亩", "result", ["西村"])],
            [],
        ),
        # two units, a figure of two villages: neither is a bar
        (
            [("a", "二(1)", "鱼塘", 3.0, "亩", "result", ["东村"]),
             ("a", "二(2)", "鱼塘", 4.0, "平方米", "result", ["西村"]),
             ("a", "二(3)", "鱼塘", 5.0, "亩", "result", ["东村", "西村"])],
            [],
        ),
        # targets say so; a village with two figures is told apart by item
        (
            [("a", "二(1)", "鱼塘", 3.0, "亩", "target", ["东村"]),
             ("a", "二(2)", "鱼塘", 4.0, "亩", "target", ["东村"]),
             ("a", "二(3)", "鱼塘", 5.0, "亩", "target", ["西村"])],
            [("鱼塘·目标", "亩", ["东村 · 二(1)", "东村 · 二(2)", "西村"])],
        ),
        # 全部: two towns' 新村 are two bars, named with their notice
        (
            [("a", "甲镇 · 二(1)", "鱼塘", 3.0, "亩", "result", ["新村"], "甲镇"),
             ("b", "乙镇 · 二(1)", "鱼塘", 4.0, "亩", "result", ["新村"], "乙镇")],
            [("鱼塘", "亩", ["新村（甲镇）", "新村（乙镇）"])],
        ),
        # 全部: figures of no village, one per notice: a bar per notice
        (
            [("a", "甲镇 · 二(1)", "会议", 3.0, "次", "result", None, "甲镇"),
             ("b", "乙镇 · 二(2)", "会议", 4.0, "次", "result", None, "乙镇")],
            [("会议", "次", ["甲镇", "乙镇"])],
        ),
        # 全部: a notice with two such figures stands for neither; a village is no notice
        (
            [("a", "甲镇 · 二(1)", "会议", 1.0, "次", "result", None, "甲镇"),
             ("a", "甲镇 · 二(3)", "会议", 14.0, "次", "result", None, "甲镇"),
             ("b", "乙镇 · 二(2)", "会议", 4.0, "次", "result", None, "乙镇"),
             ("b", "乙镇 · 二(5)", "会议", 2.0, "次", "result", ["新村"], "乙镇")],
            [],
        ),
    ],
)  # fmt: skip
def test_only_one_subject_across_villages_is_drawn(rows, expected):
    groups = subject_groups(_figures(*rows))
    assert [(what, unit, list(df["where"])) for what, unit, df in groups] == expected
