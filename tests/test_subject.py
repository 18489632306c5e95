"""What a figure counts (subject) and the label a leader reads (metric), one shape a row.

The sentences are written for the tests, each a general shape of the genre; none is copied
from the bundled report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import parse_report
from loaders.reading import RawReport


def _report(body: str):
    text = (
        "某镇党委关于巡察整改进展情况的通报\n二、巡察反馈问题整改落实情况\n(1)整治环境\n"
        + body
        + "\n"
    )
    raw = RawReport(
        path=Path("t.txt"),
        text=text,
        source_format="txt",
        encoding="utf-8",
        sha256="0",
    )
    return parse_report(raw)


def rows(body: str) -> list[tuple[str, str | None, str, str]]:
    return [(i["raw"], i["subject"], i["metric"], i["kind"]) for i in _report(body).indicators]


@pytest.mark.parametrize(
    ("body", "raw", "subject", "metric"),
    [
        # X N个: the object of the verb before the figure
        ("一是新增车位80个。", "80个", "车位", "新增车位"),
        # N个X: the noun after the figure
        ("一是设置8个宣讲专题。", "8个", "宣讲专题", "设置宣讲专题"),
        # the object put first, its verb after it
        ("一是排水井应急清淤20个。", "20个", "排水井", "应急清淤排水井"),
        # 发现并整改X N项
        ("一是发现并整改各类隐患96项。", "96项", "各类隐患", "发现并整改各类隐患"),
        # a 、-list ending in 等: its head names it
        ("一是拆除棚屋、旱厕等45处。", "45处", "棚屋、旱厕", "拆除棚屋、旱厕等"),
        # a plain noun
        ("一是检查门店30家次,餐馆12家次。", "12家次", "餐馆", "餐馆"),
        # a count of meetings names the meeting, not the agenda after it
        ("一是组织召开专题会议研究部署治水工作6次。", "6次", "专题会议", "组织召开专题会议"),
        # a rate says what changed
        ("一是污水收集率较巡察前提升12%。", "12%", "污水收集率", "污水收集率提升"),
    ],
)
def test_subject_and_metric(body, raw, subject, metric):
    got = {r: (s, m) for r, s, m, _ in rows(body)}
    assert got[raw] == (subject, metric)


@pytest.mark.parametrize(
    ("body", "total", "done"),
    [
        ("一是排查安全隐患40个,已整改35个。", "40个", "35个"),
        ("一是全村12处积水点已完成整治9处。", "12处", "9处"),
        ("一是共有8个自然村需改造管网,其中已完成5个。", "8个", "5个"),
    ],
)
def test_a_pair_shares_its_subject(body, total, done):
    got = {r: s for r, s, _, _ in rows(body)}
    assert got[total] and got[total] == got[done]


def test_remainder_and_bare_verbs_are_never_subjects():
    got = rows("一是排查问题点位30个,已整改26个,其余4个正在推进。")
    subjects = {r: s for r, s, _, _ in got}
    assert subjects["4个"] == subjects["30个"] == "问题点位"
    assert not any(s in ("其余", "整改", "完成", "剩余") for _, s, _, _ in got)


@pytest.mark.parametrize(
    ("body", "raw", "kind"),
    [
        ("一是反馈的3个方面12个问题已全部整改。", "12个", "baseline"),
        ("一是全村路灯共60盏。", "60盏", "baseline"),
        ("一是全村12处积水点已完成整治9处。", "12处", "baseline"),
        ("一是全村12处积水点已完成整治9处。", "9处", "result"),
        ("一是计划新建公厕5座。", "5座", "target"),
        ("一是落实计划生育奖励扶助对象36人。", "36人", "result"),
        ("一是每月至少开展1次巡查。", "1次", "rule"),
    ],
)
def test_kind(body, raw, kind):
    assert {r: k for r, _, _, k in rows(body)}[raw] == kind


def test_percentage_points_fold_to_one_unit():
    (ind,) = _report("一是覆盖率较巡察前提高6个百分点。").indicators
    assert (ind["unit"], ind["change"]) == ("百分点", "up")


NOUNS = st.sampled_from(["隐患", "车位", "排水井", "积水点", "宣传栏", "问题", "路灯"])
VERBS = st.sampled_from(["排查", "新增", "清理", "发现", "整治", "安装"])
UNITS = st.sampled_from(["个", "处", "项", "座"])


@settings(max_examples=40, deadline=None)
@given(VERBS, NOUNS, UNITS, st.integers(2, 999), st.integers(0, 999), st.booleans())
def test_subjects_are_words_of_their_sentence_and_pairs_share_one(verb, noun, unit, a, b, after):
    done = min(a, b)
    first = f"{verb}{a}{unit}{noun}" if after else f"{verb}{noun}{a}{unit}"
    report = _report(f"一是{first},已整改{done}{unit}。")
    for ind in report.indicators:
        assert ind["subject"] is None or ind["subject"] in ind["sentence"]
        assert 2 <= len(ind["metric"]) <= 14
    for pair in report.progress:
        total = next(i for i in report.indicators if i["char_start"] == pair["char_start"])
        assert pair["subject"] == total["subject"]
    subjects = {i["subject"] for i in report.indicators}
    if report.progress:
        assert len(subjects) == 1
