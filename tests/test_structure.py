"""The outline parser on short notices that carry each quirk real notices have."""

from __future__ import annotations

from loaders.normalise import normalise
from loaders.structure import parse_outline

NOTICE = """某某镇委员会关于巡察整改进展情况的通报
一、党委履行巡察整改主体责任情况
(一)提高站位。镇党委召开专题会议3次。
二、巡察反馈问题整改落实情况
(一)关于贯彻落实决策部署方面
1.学习贯彻不够深入
(1)强化理论学习
一是严格落实学习制度。全年开展学习12次。
是强化督导检查。检查支部8个。
推进数字平台建设。
(2) 加强调查研究
一是开展调研形成报告5份
3 完善工作机制
一是建立台账。
4推动问题整改
一是完成整改。
2.基层治理存在短板
(5)整治人居环境
一是清理垃圾。正在加快推进。
三、需长期整改事项进展情况
(一)耕地保护
一是新增垦造水田约100亩。
(二)水污染治理
一是整治河涌3条。
四、下一步工作打算
(一)强化理论武装。
"""


def outline():
    return parse_outline(normalise(NOTICE))


def test_items_of_part_two_including_unbracketed_numbers():
    items = [(i.part, i.item_no, i.label) for i in outline().items if i.part == "二"]
    assert items == [
        ("二", 1, "(1)"),
        ("二", 2, "(2)"),
        ("二", 3, "3"),
        ("二", 4, "4"),
        ("二", 5, "(5)"),
    ]


def test_long_term_items_numbered_from_one():
    items = [(i.item_no, i.title, i.status) for i in outline().items if i.part == "三"]
    assert items == [(1, "耕地保护", "长期"), (2, "水污染治理", "长期")]


def test_measures_with_clipped_or_missing_markers():
    first = outline().items[0]
    assert [m.label for m in first.measures] == ["一是", "二是", "三是"]
    assert first.measures[1].title == "强化督导检查"


def test_missing_full_stop_keeps_the_measure():
    second = outline().items[1]
    assert [m.label for m in second.measures] == ["一是"]


def test_status_and_its_evidence():
    items = {i.item_no: i for i in outline().items if i.part == "二"}
    assert items[5].status == "推进中" and "正在" in items[5].status_evidence
    assert items[4].status == "已完成" and "完成" in items[4].status_evidence


def test_topics_are_the_group_titles():
    items = {i.item_no: i for i in outline().items if i.part == "二"}
    assert items[1].topic == "学习贯彻不够深入"
    assert items[5].topic == "基层治理存在短板"


def test_parts_one_and_four_hold_no_items():
    o = outline()
    text = normalise(NOTICE)
    assert o.item_at(text.index("专题会议3次")) is None
    assert o.part_at(text.index("专题会议3次")) == "一"
    assert o.item_at(text.index("强化理论武装")) is None


def test_labels_are_not_figures():
    o = outline()
    text = normalise(NOTICE)
    label_text = [text[s:e] for s, e in o.label_spans]
    assert "3 " in label_text and "4" in label_text


def test_bracketed_numbers_restarting_under_each_group_are_measures():
    text = normalise(
        "关于巡察整改进展情况的通报\n二、巡察反馈问题整改情况\n(一)关于学习方面\n1.学习不深入\n"
        "(1)开展学习12次。\n(2)形成报告3份。\n2.调研不够\n(1)调研5次。\n(2)检查8次。\n"
        "3.制度不完善\n(1)建立制度3项。\n"
    )
    items = [(i.item_no, i.label, i.title) for i in parse_outline(text).items]
    assert items == [(1, "1.", "学习不深入"), (2, "2.", "调研不够"), (3, "3.", "制度不完善")]


def test_notice_without_parts_reads_its_subsections_as_items():
    text = normalise("(一)强化学习\n一是开展学习12次。\n(二)完善制度\n一是建立制度3项。\n")
    items = [(i.part, i.item_no, i.title) for i in parse_outline(text).items]
    assert items == [("二", 1, "强化学习"), ("二", 2, "完善制度")]


def test_figures_of_a_notice_without_parts_sit_in_part_two():
    text = normalise("(一)强化学习\n一是开展学习12次。\n(二)完善制度\n一是建立制度3项。\n")
    o = parse_outline(text)
    assert o.part_at(text.index("12次")) == "二" == o.item_at(text.index("12次")).part
