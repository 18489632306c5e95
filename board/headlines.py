"""Which figures stand for a headline theme on 总览 (data/themes.toml, else a default rule)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import pandas as pd

from board.labels import blank

THEMES_FILE = Path(__file__).resolve().parent.parent / "data" / "themes.toml"
HEADLINE_THEMES = ("拆违清拆", "隐患整改", "水环境", "耕地保护")

# Words every item title and figure label uses; sharing them says nothing about a topic.
GENERIC_BIGRAMS = frozenset(
    "整改 推进 加强 加快 工作 建设 提升 开展 完成 全面 积极 持续 落实 强化 深入 不断 "
    "有效 进一步 一步 问题 情况 目前 共计 累计 全街 街道 新增 实施 推动 做好 切实 扎实".split()
)


@lru_cache(maxsize=4)
def _subjects(path: Path, _stamp: int) -> dict[str, tuple[str, ...]]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = {}
    for theme, body in data.items():
        words = body.get("headline", []) if isinstance(body, dict) else []
        out[theme] = tuple(w for w in words if isinstance(w, str) and w)
    return out


def headline_subjects(theme: str, path: Path = THEMES_FILE) -> tuple[str, ...]:
    """The headline subjects themes.toml lists for a theme (re-read when the file changes)."""
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return ()
    return _subjects(path, stamp).get(theme, ())


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} - GENERIC_BIGRAMS


def title_overlap(label: object, title: object) -> int:
    """How many telling two-character words a figure's label shares with its item's title."""
    if blank(label) or blank(title):
        return 0
    return len(_bigrams(str(label)) & _bigrams(str(title)))


def _label(row: pd.Series) -> str:
    subject = row.get("subject")
    return str(row["metric"] if blank(subject) else subject)


def pick_headlines(figures: pd.DataFrame, subjects: tuple[str, ...], limit: int) -> pd.DataFrame:
    """The theme's headline figures, a done-of-total pair counted once (as its total).

    `figures` are one theme's figures with `pair_done` / `pair_total` set on the total of
    a pair and `pair_member` on both figures. With listed subjects: figures naming them, in
    the listed order. Without: results with a pair first, then the figures the item's
    title is about, then the rest; reading order breaks ties.
    """
    if figures.empty:
        return figures
    df = figures[figures["value"].notna()].copy()
    df = df[~(df["pair_member"] & df["pair_total"].isna())]  # the done half of a pair
    labels = [_label(r) for _, r in df.iterrows()]
    df["is_result"] = (df["kind"] == "result").astype(int)
    df["has_pair"] = df["pair_total"].notna().astype(int)
    if subjects:
        rank = [
            next((i for i, s in enumerate(subjects) if s in label), len(subjects))
            for label in labels
        ]
        df["subject_rank"] = rank
        df = df[df["subject_rank"] < len(subjects)]
        order = ["subject_rank", "has_pair", "is_result", "char_start"]
        ascending = [True, False, False, True]
    else:
        df["about_item"] = [
            title_overlap(label, title)
            for label, title in zip(labels, df["item_title"], strict=True)
        ]
        df["is_rate"] = df["unit"].isin(["%", "百分点", "比", "倍"]).astype(int)
        df["result_pair"] = df["has_pair"] * df["is_result"]
        order = ["result_pair", "is_result", "about_item", "is_rate", "char_start"]
        ascending = [False, False, False, True, True]
    return df.sort_values(order, ascending=ascending, kind="stable").head(limit)
