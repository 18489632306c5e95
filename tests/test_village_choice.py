"""Which villages a figure is of (issue 9, DESIGN.md): those its own clause names, not every
village of its sentence; a village opening an earlier clause of the statement is its topic;
a sentence that names none takes the one village its measure (一是…) named.

The sentences are written for the tests, each a general shape of the genre; the villages are
invented and known only by their form (a short name + 村 / 社区).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import parse_report
from loaders.reading import RawReport
from loaders.villages import Gazetteer, find_mentions


def _villages(body: str) -> dict[str, list[str]]:
    text = (
        "某镇党委关于巡察整改进展情况的通报\n二、巡察反馈问题整改落实情况\n(1)整治环境\n"
        + body
        + "\n"
    )
    raw = RawReport(
        path=Path("t.txt"), text=text, source_format="txt", encoding="utf-8", sha256="0"
    )
    return {i["raw"]: sorted(i["villages"]) for i in parse_report(raw).indicators}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the clause's own villages only, not those of another clause of the sentence
        (
            "排查隐患树木40棵,已处置36棵,其中东岸村、西岸村处置20棵。",
            {"40棵": [], "36棵": [], "20棵": ["东岸村", "西岸村"]},
        ),
        (
            "新建蓄水池5口,蓄水能力约2万立方米,优先安排在南洲村、北坪村。",
            {"5口": [], "2万立方米": []},
        ),
        # villages after a verb are that clause's object, and no more
        (
            "新设南洲社区、北坪村服务站2个,引进医生9名。",
            {"2个": ["北坪村", "南洲社区"], "9名": []},
        ),
        (
            "针对东岸、西岸2个村缺水问题,新建水窖6口。",
            {"2个": ["东岸村", "西岸村"], "6口": []},
        ),
        # counted village by village: each figure its own village
        (
            "整治违建30处,其中东岸村12处、西岸村10处,其余8处位于两村交界。",
            {"30处": [], "12处": ["东岸村"], "10处": ["西岸村"], "8处": []},
        ),
        (
            "剩余3个小区(南洲社区2个、北坪社区1个)正在施工。",
            {"3个": ["北坪社区", "南洲社区"], "2个": ["南洲社区"], "1个": ["北坪社区"]},
        ),
        # a village opening a clause is the topic of the clauses after it, to a semicolon
        (
            "其中,东岸村清理杂物80处,建成小菜园15个;西岸村拆除旧房9间,新建停车场2个。",
            {"80处": ["东岸村"], "15个": ["东岸村"], "9间": ["西岸村"], "2个": ["西岸村"]},
        ),
        (
            "在南洲村,新增停车位60个,受益农户120户。",
            {"60个": ["南洲村"], "120户": ["南洲村"]},
        ),
        (
            "推动东岸村、西岸村开展整治,清理堆放点46处。",
            {"46处": ["东岸村", "西岸村"]},
        ),
        (
            "北坪村处置问题21宗,已办结19宗,剩余2宗正在调处。",
            {"21宗": ["北坪村"], "19宗": ["北坪村"], "2宗": ["北坪村"]},
        ),
        # ...but not a clause that speaks of the others, or of the whole town
        (
            "东岸村拆除违建6处,其余村拆除14处。",
            {"6处": ["东岸村"], "14处": []},
        ),
        (
            "西岸村新增绿地3亩,全镇新增绿地25亩。",
            {"3亩": ["西岸村"], "25亩": []},
        ),
    ],
)
def test_a_figure_is_of_the_villages_its_own_clause_names(body, expected):
    assert _villages(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a measure about one village: its sentences that name none are that village's
        (
            "一是改造旧市场。加快南洲村旧市场改造。目前已吸引商户90余户入驻。",
            {"90余户": ["南洲村"]},
        ),
        # a measure names two villages: none is chosen for a sentence naming neither
        (
            "一是改造旧市场。加快南洲村、北坪村旧市场改造。目前已吸引商户90余户入驻。",
            {"90余户": []},
        ),
        # another measure's village does not carry over
        (
            "一是整顿。剩余北坪村1个正在调整。二是强化力量。选派驻村工作队员42名。",
            {"1个": ["北坪村"], "42名": []},
        ),
        # a paragraph without measures gives its village to no other sentence
        (
            "对积案集中的东岸社区,选派调解员3名。全年受理来访642件次。",
            {"3名": [], "642件次": []},
        ),
    ],
)
def test_a_sentence_naming_no_village_takes_its_measures_one_village(body, expected):
    assert _villages(body) == expected


def names(text: str) -> list[str]:
    return [m.village.name for m in find_mentions(text, Gazetteer([]))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a three-character first name is kept whole where it opens at a boundary
        ("目前,黄泥岭村、上冲村两个村已通过验收", ["黄泥岭村", "上冲村"]),
        ("新增黄竹坑、石岗2个村为示范点", ["黄竹坑村", "石岗村"]),
        # ...and the words leading into the list still go
        ("在东岸村、西岸村开展整治", ["东岸村", "西岸村"]),
        ("新增南洲、北坪3个村", ["南洲村", "北坪村"]),
        # a village named after a garden, a bridge or a stream, in a list or before 社区
        ("在桂园村、溪口村开展美丽屋场创建", ["桂园村", "溪口村"]),
        ("延伸巡察柳塘、石桥、湖滨3个社区党委", ["柳塘社区", "石桥社区", "湖滨社区"]),
        ("在石桥社区召开居民议事会", ["石桥社区"]),
        # a counted list naming the villages' kind between its count and 村
        ("串联白鹤、青岗、荷塘3个示范村", ["白鹤村", "青岗村", "荷塘村"]),
        ("东岸、西岸2个重点村完成整治", ["东岸村", "西岸村"]),
        # 村集中 is not 村集体
        ("在水南村、枫岭村集中连片建设农田", ["水南村", "枫岭村"]),
        ("东岸、西岸村集体经济收入增长", []),
        # words that only look like villages
        ("举办村党组织书记轮训班2期", []),
        ("调整社区党组织书记3名,储备社区后备干部48名", []),
        ("清查社区集体资产1.2亿元", []),
        ("建成社区长者食堂5个", []),
        ("新选配村党组织副书记4名", []),
        ("推动问题逐村清零", []),
        ("推动两个村对标典型村开展整治", []),
        ("上述村均已完成整改,驻村工作队全程参与", []),
        ("村级问题已完成整改44个", []),
        ("利用原沙湾旧村委会闲置用房改建食堂", []),
    ],
)
def test_villages_a_gazetteer_has_never_seen(text, expected):
    assert names(text) == expected
