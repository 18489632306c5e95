"""Place, round and a two-line title (loaders.metadata docstring), and how the held-out
scorer compares them with an annotator's (eval.notice_score.same_meta)."""

from __future__ import annotations

import pytest

from eval.notice_score import same_meta
from loaders.metadata import place_of, read_metadata, round_of

ROUNDS = {
    "届 and 常规巡察": ("某镇关于第十二届市委第三轮常规巡察整改情况的通报", "第十二届市委第三轮"),
    "届 without 第": ("关于九届县委第二轮巡察反馈问题整改的通报", "九届县委第二轮"),
    "no 届, 集中整改": ("关于区委第十一轮巡察集中整改进展情况的通报", "区委第十一轮"),
    "巡视 of a province": ("关于省委第7轮巡视整改进展情况的通报", "省委第7轮"),
    "the place before 县委 is not the round": ("平湖镇关于县委第六轮巡察整改的通报", "县委第六轮"),
    "届 after 县委": (
        "中共某局党组关于县委第十一届第三轮巡察整改进展情况的通报",
        "县委第十一届第三轮",
    ),
    "no round named": ("关于巡察整改工作情况的通报", None),
}


@pytest.mark.parametrize(("title", "expected"), ROUNDS.values(), ids=ROUNDS)
def test_round_of(title, expected):
    assert round_of(title) == expected


PLACES = {
    "a town under a county": ("中共平湖县河口镇委员会", "河口镇"),
    "a street's 工作委员会": ("中共江门市北岸区白鹭街道工作委员会", "白鹭街道"),
    "a county department keeps its county": ("中共平湖县交通运输局党组", "平湖县交通运输局"),
    "a district's 巡察办": ("南川市东区委巡察办", "东区"),
    "a city named …州 before 市": ("中共江州市云港区委", "云港区"),
    "a 州 city then a county": ("中共青州市临河县委员会", "临河县"),
    "城乡 in a department is not a township": (
        "中共平湖县住房和城乡建设局党组",
        "平湖县住房和城乡建设局",
    ),
    "a village branch's 支部委员会 concerns the village": (
        "中共柘溪县石坪镇上洋村支部委员会",
        "石坪镇上洋村",
    ),
    "a community's 党总支": ("中共白鹭街道河湾社区党总支部委员会", "白鹭街道河湾社区"),
    "a 村 inside a department's name is no village": (
        "中共平湖县新村开发中心党组",
        "平湖县新村开发中心",
    ),
    "no unit named": ("某某单位", None),
}


@pytest.mark.parametrize(("issuer", "expected"), PLACES.values(), ids=PLACES)
def test_place_of(issuer, expected):
    assert place_of(issuer) == expected


TITLES = {
    "issuer on the line above 关于": (
        "中共平湖县河口镇委员会\n关于县委第六轮巡察整改情况的通报\n(2025年3月1日)\n正文。\n",
        ("中共平湖县河口镇委员会关于县委第六轮巡察整改情况的通报", "中共平湖县河口镇委员会", "河口镇"),
    ),
    "a page's menu above the title stays out": (
        "首页 > 政务公开\n关于县委第六轮巡察整改情况的通报\n正文。\n中共平湖县河口镇委员会\n"
        "2025年3月1日\n",
        ("关于县委第六轮巡察整改情况的通报", "中共平湖县河口镇委员会", "河口镇"),
    ),
    "one-line title": (
        "中共平湖县河口镇委员会关于县委第六轮巡察整改情况的通报\n正文。\n",
        ("中共平湖县河口镇委员会关于县委第六轮巡察整改情况的通报", "中共平湖县河口镇委员会", "河口镇"),
    ),
    "the title's 区委 signed in full as 区委员会": (
        "中共平湖县委关于市委第六轮巡察整改情况的通报\n正文。\n中共平湖县委员会\n2025年3月1日\n",
        ("中共平湖县委关于市委第六轮巡察整改情况的通报", "中共平湖县委员会", "平湖县"),
    ),
    "another body's signature does not replace the title's issuer": (
        "中共平湖县河口镇委员会关于县委第六轮巡察整改情况的通报\n正文。\n河口镇人民政府\n"
        "2025年3月1日\n",
        ("中共平湖县河口镇委员会关于县委第六轮巡察整改情况的通报", "中共平湖县河口镇委员会", "河口镇"),
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TITLES.values(), ids=TITLES)
def test_title_issuer_place(text, expected):
    meta = read_metadata(text)
    assert (meta.title, meta.issuer, meta.place) == expected


SAME = {
    "round with 巡察 after it": ("round", "九届县委第二轮", "九届县委第二轮巡察", True),
    "round with a leading 第 and 常规巡察": ("round", "九届县委第二轮", "第九届县委第二轮常规巡察", True),
    "another round": ("round", "九届县委第二轮", "九届县委第三轮", False),
    "place with its county": ("place", "河口镇", "平湖县河口镇", True),
    "place with city and district": ("place", "白鹭街道", "江门市北岸区白鹭街道", True),
    "another town of that name's tail": ("place", "口镇", "平湖县河口镇", False),
    "another town": ("place", "河口镇", "平湖县石门镇", False),
    "no place read": ("place", None, "河口镇", False),
}  # fmt: skip


@pytest.mark.parametrize(("field", "ours", "theirs", "same"), SAME.values(), ids=SAME)
def test_scorer_compares_place_and_round_by_what_they_name(field, ours, theirs, same):
    assert same_meta(field, ours, theirs) is same
