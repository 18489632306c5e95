"""The village matcher: gazetteer names, shared-suffix lists, and names known only by form."""

from __future__ import annotations

import pytest

from loaders.villages import Gazetteer, find_mentions

GAZETTEER = Gazetteer(
    [
        {"name": "沙仔村", "type": "行政村", "aliases": "沙仔"},
        {"name": "新平村", "type": "行政村", "aliases": "新平"},
        {"name": "新建村", "type": "行政村", "aliases": "新建"},
        {"name": "群安村", "type": "行政村", "aliases": "群安"},
        {"name": "新伦村", "type": "行政村", "aliases": "新伦"},
        {"name": "锦标村", "type": "行政村", "aliases": "锦标"},
        {"name": "浪网社区", "type": "社区", "aliases": "浪网"},
    ]
)


def names(text: str, gazetteer: Gazetteer = GAZETTEER) -> list[str]:
    return [m.village.name for m in find_mentions(text, gazetteer)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("统筹协调沙仔村旧市场改造", ["沙仔村"]),
        ("新增新平、新建、群安、新伦4个村成为典型村", ["新平村", "新建村", "群安村", "新伦村"]),
        ("截至目前,锦标、沙仔村范围内无劣V类河涌", ["锦标村", "沙仔村"]),
        ("组织浪网社区全体“两委”班子成员", ["浪网社区"]),
        ("推进锦标、沙仔等村(社区)未达标水体整治", ["锦标村", "沙仔村"]),
        # places named after villages, and words that only look like villages
        ("加快推进金湾、大骏、锦标、沙仔四大片区雨水管网清疏", []),
        ("组织村(社区)干部开展培训,加强农村集体资产管理", []),
        ("指导各村(社区)推行积分制,驻村工作组走访", []),
        ("新建村道7.2公里", []),
        ("完成民众街道社区卫生服务中心修缮", []),
    ],
)
def test_with_gazetteer(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组织东岸、西岸、南洲3个村开展环境整治", ["东岸村", "西岸村", "南洲村"]),
        ("松岗、泰和、塘尾3个村入选典型村培育名单", ["松岗村", "泰和村", "塘尾村"]),
        ("完成大田村、坑口村村道硬底化改造", ["大田村", "坑口村"]),
        ("在渔港居委会建成养老服务站", ["渔港居委会"]),
        ("新圩、河西社区已完成改造", ["新圩社区", "河西社区"]),
        ("一是建设社区养老服务站,统一社区财务报销", []),
        ("力争村均经营性收入增长", []),
        # a community may be named after a street (新街社区), as after a bridge (新桥社区)
        ("班子调整补强,新街社区建立网格党小组11个", ["新街社区"]),
        ("对青溪、新街2个社区老旧小区开展治理", ["青溪社区", "新街社区"]),
        ("老街社区、东街社区完成改造", ["老街社区", "东街社区"]),
        ("各街社区全面铺开", []),
        # a name never opens right after a number: the character there is its unit
        ("要求机关干部每周至少2天下村入户走访", []),
        ("每月安排3次下村走访,第2轮上门核实", []),
        ("在1.石岭村完成改造", ["石岭村"]),
    ],
)
def test_villages_known_only_by_form(text, expected):
    assert names(text, Gazetteer([])) == expected


def test_a_name_found_by_form_counts_everywhere_in_the_document():
    text = "完成大田村、坑口村改造。推动大田村集体经济发展,统筹大田村旧市场改造。"
    assert names(text, Gazetteer([])) == ["大田村", "坑口村", "大田村", "大田村"]


def test_areas_named_after_villages_are_not_the_villages():
    assert names("打通接源、沿江片区以及污水处理厂主干管网通水堵点", GAZETTEER_WITH_YANJIANG) == []


GAZETTEER_WITH_YANJIANG = Gazetteer(
    [
        {"name": "接源村", "type": "行政村", "aliases": "接源"},
        {"name": "沿江村", "type": "行政村", "aliases": "沿江"},
    ]
)
