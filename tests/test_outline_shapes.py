"""The rule that decides what is an item, on every outline shape (loaders.structure docstring)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.structure import next_steps_part, parse_outline

HEAD = "某镇委员会关于巡察整改进展情况的通报\n"
CASES = {
    "problem list, numbers continue across category parts": (
        "一、关于学习方面的问题\n问题一:学习不深入。\n整改情况:开展学习6次。\n整改状态:已完成\n"
        "二、关于作风方面的问题\n问题二:作风不实。\n整改进展:查处问题3个。\n",
        [
            ("问题一", "学习不深入", "关于学习方面的问题"),
            ("问题二", "作风不实", "关于作风方面的问题"),
        ],
    ),
    "problem list, numbers restart under (一) categories, 1. 2. are measures": (
        "(一)决策部署方面的问题\n问题1:河长制不到位。\n整改情况:\n1.清理河道3处。\n2.巡河18次。\n"
        "(二)从严治党方面的问题\n问题1:责任不够有力。\n整改情况:召开会议2次。\n",
        [
            ("问题1", "河长制不到位", "决策部署方面的问题"),
            ("问题1", "责任不够有力", "从严治党方面的问题"),
        ],
    ),
    "problem alone on its line, title from 存在问题": (
        "一、具体问题整改情况\n问题一\n存在问题:台账不全。\n整改落实情况:补录台账12本。\n"
        "问题二\n存在问题:制度缺失。\n整改落实情况:建立制度3项。\n",
        [("问题一", "台账不全", "具体问题整改情况"), ("问题二", "制度缺失", "具体问题整改情况")],
    ),
    "(1) only under some 1. is a sub-point, 1. are the items": (
        "二、巡察反馈问题整改情况\n(一)决策部署方面\n1.耕地保护不到位\n(1)复耕撂荒地30亩。\n"
        "(2)整治图斑5个。\n2.安全隐患排查不彻底\n排查隐患40个。\n3.违建治理不够\n拆除违建9处。\n",
        [
            ("1.", "耕地保护不到位", "耕地保护不到位"),
            ("2.", "安全隐患排查不彻底", "安全隐患排查不彻底"),
            ("3.", "违建治理不够", "违建治理不够"),
        ],
    ),  # fmt: skip
    "item table rows, category rows as topics": (
        "二、巡察反馈问题整改落实情况\n序号 | 反馈问题 | 整改措施 | 整改进展 | 责任单位 | 整改时限\n"
        "一、党的建设方面\n1 | 学习不深入 | 修订制度 | 已完成。学习9次 | 镇党政办 | 2024年10月底前\n"
        "二、从严治党方面\n2 | 资金违规 | 专项清查 | 追回资金16万元 | 镇纪委 | 2025年6月底前\n",
        [("1", "学习不深入", "党的建设方面"), ("2", "资金违规", "从严治党方面")],
    ),
    "short notice: no items": ("截至5月底,反馈的12个问题已完成整改10个。\n", []),
}


@pytest.mark.parametrize(("body", "expected"), CASES.values(), ids=CASES)
def test_items_labels_titles_topics(body, expected):
    outline = parse_outline(normalise(HEAD + body))
    assert [(i.label, i.title, i.topic) for i in outline.items] == expected


def test_table_rows_give_owner_and_deadline_as_dates():
    body = CASES["item table rows, category rows as topics"][0]
    items = parse_outline(normalise(HEAD + body)).items
    assert [(i.owner, str(i.deadline)) for i in items] == [
        ("镇党政办", "2024-10-31"),
        ("镇纪委", "2025-06-30"),
    ]


def test_field_lines_give_owner_and_deadline():
    text = normalise(HEAD + "一、关于学习方面的问题\n问题一:学习不深入。\n整改情况:学习6次。\n"
                     "责任单位:镇党政综合办公室\n整改时限:2025年3月底前\n问题二:作风不实。\n")  # fmt: skip
    items = parse_outline(text).items
    assert (items[0].owner, str(items[0].deadline)) == ("镇党政综合办公室", "2025-03-31")
    assert (items[1].owner, items[1].deadline) == ("", None)


@pytest.mark.parametrize(
    ("progress", "owner", "deadline"),
    [
        # fields closing the progress paragraph, after its last sentence
        ("整改进展:修缮村部3处。整改状态:推进中。责任单位:镇农业办;整改时限:2026年12月底。",
         "镇农业办", "2026-12-31"),
        ("整改进展:修缮村部3处。整改状态:已完成。责任单位:镇自然资源所、镇执法队。",
         "镇自然资源所、镇执法队", "None"),
        ("整改进展:修缮村部3处。整改时限:2025年6月底前", "", "2025-06-30"),
        # a field word inside a sentence is no field
        ("整改进展:明确责任单位:各村,修缮村部3处。", "", "None"),
    ],
)  # fmt: skip
def test_fields_closing_a_paragraph_give_owner_and_deadline(progress, owner, deadline):
    text = normalise(
        HEAD + "二、问题整改情况\n1.关于学习不深入的问题\n" + progress + "\n2.关于作风的问题\n"
    )
    items = parse_outline(text).items
    assert (items[0].owner, str(items[0].deadline)) == (owner, deadline)
    assert (items[1].owner, items[1].deadline) == ("", None)


# The item level is decided in each part on its own (loaders.structure docstring): part 三's
# long-term items may sit at another level than part 二's, and a problem list in part 二 does
# not make part 三's numbered headings into measures.
PART_ONE = "一、整改工作开展情况\n镇党委召开专题会议3次。\n"
PART_CASES = {
    "(一) items with 一是 measures, part 三 1. items": (
        "二、巡察反馈问题整改落实情况\n(一)关于理论学习不深入的问题\n一是开展集中学习6次。\n"
        "二是建立学习制度2项。\n(二)关于资金管理不规范的问题\n一是追回资金3万元。\n"
        "三、需长期坚持的整改事项\n1.持续推进学习教育。开展培训4次。\n"
        "2.持续加强资金监管。检查5次。\n3.持续改进工作作风。\n四、下一步工作打算\n继续努力。\n",
        [
            ("二", 1, "(一)", "关于理论学习不深入的问题", 2),
            ("二", 2, "(二)", "关于资金管理不规范的问题", 1),
            ("三", 1, "1.", "持续推进学习教育", 0),
            ("三", 2, "2.", "持续加强资金监管", 0),
            ("三", 3, "3.", "持续改进工作作风", 0),
        ],
    ),
    "1. items restarting under each (一) category, prose under each": (
        "二、巡察反馈问题整改落实情况\n(一)落实决策部署方面\n1.理论学习不深入\n开展学习6次。\n"
        "2.制度建设缺失\n建立制度3项。\n(二)保障民生方面\n1.污水治理滞后\n建设管网2公里。\n"
        "三、需要持续推进的整改事项\n(一)持续推进学习教育。每季度开展1次。\n"
        "(二)持续加强制度执行。\n",
        [
            ("二", 1, "1.", "理论学习不深入", 1),
            ("二", 2, "2.", "制度建设缺失", 1),
            ("二", 3, "1.", "污水治理滞后", 1),
            ("三", 1, "(一)", "持续推进学习教育", 0),
            ("三", 2, "(二)", "持续加强制度执行", 0),
        ],
    ),
    "1. restarting under each (一), each a paragraph of its own: measures of (一)": (
        "二、巡察反馈问题整改落实情况\n(一)关于理论学习不深入的问题\n1.开展学习6次。\n"
        "2.建立制度3项。\n(二)关于污水治理滞后的问题\n1.建设管网2公里。\n",
        [
            ("二", 1, "(一)", "关于理论学习不深入的问题", 2),
            ("二", 2, "(二)", "关于污水治理滞后的问题", 1),
        ],
    ),
    "problem list in part 二, part 三 1. items with prose": (
        "二、巡察反馈问题整改落实情况\n问题一:理论学习不深入。\n整改情况:开展学习6次。\n"
        "问题二:资金管理不规范。\n整改情况:追回资金3万元。\n三、需长期坚持的整改事项\n"
        "1.持续推进学习教育\n开展培训4次。\n2.持续加强资金监管\n检查5次。\n",
        [
            ("二", 1, "问题一", "理论学习不深入", 1),
            ("二", 2, "问题二", "资金管理不规范", 1),
            ("三", 1, "1.", "持续推进学习教育", 1),
            ("三", 2, "2.", "持续加强资金监管", 1),
        ],
    ),
    "part 三 about long-term mechanisms (长效机制), (一) items": (
        "二、巡察反馈问题整改落实情况\n1.理论学习不深入\n开展学习6次。\n2.制度建设缺失\n"
        "建立制度3项。\n三、建立健全长效机制情况\n(一)健全整改督查机制。每月督查1次。\n"
        "(二)完善制度执行机制。修订制度4项。\n四、下一步工作打算\n1.加强学习。\n",
        [
            ("二", 1, "1.", "理论学习不深入", 1),
            ("二", 2, "2.", "制度建设缺失", 1),
            ("三", 1, "(一)", "健全整改督查机制", 0),
            ("三", 2, "(二)", "完善制度执行机制", 0),
        ],
    ),
    "part 二 naming both rectification and 长效 holds the rectification items": (
        "二、问题整改落实及长效机制建设情况\n(一)关于理论学习不深入的问题\n一是开展学习6次。\n"
        "(二)关于资金管理不规范的问题\n一是追回资金3万元。\n",
        [
            ("二", 1, "(一)", "关于理论学习不深入的问题", 1),
            ("二", 2, "(二)", "关于资金管理不规范的问题", 1),
        ],
    ),
    "part 三 without items": (
        "二、巡察反馈问题整改落实情况\n(一)关于理论学习不深入的问题\n一是开展学习6次。\n"
        "(二)关于资金管理不规范的问题\n一是追回资金3万元。\n三、需长期坚持的整改事项\n"
        "对上述问题持续跟踪,防止反弹。\n四、下一步工作打算\n1.加强学习。\n2.完善制度。\n",
        [
            ("二", 1, "(一)", "关于理论学习不深入的问题", 1),
            ("二", 2, "(二)", "关于资金管理不规范的问题", 1),
        ],
    ),
}


@pytest.mark.parametrize(("body", "expected"), PART_CASES.values(), ids=PART_CASES)
def test_item_level_is_decided_in_each_part(body, expected):
    outline = parse_outline(normalise(HEAD + PART_ONE + body))
    got = [(i.part, i.item_no, i.label, i.title, len(i.measures)) for i in outline.items]
    assert got == expected


def test_figures_of_a_part_without_items_stand_outside_every_item():
    text = normalise(HEAD + PART_ONE + PART_CASES["part 三 without items"][0])
    outline = parse_outline(text)
    assert outline.item_at(text.index("防止反弹")) is None
    assert outline.item_at(text.index("3万元")).label == "(二)"


# A 下一步/打算 part holds the long-term items only where no other part does and it comes
# right after the items part (loaders.structure docstring).
NEXT_STEPS_CASES = {
    "下一步 right after the items part, no long-term part": (
        [
            ("整改工作开展情况", "plain"),
            ("反馈问题整改落实情况", "item"),
            ("下一步工作打算", "plain"),
        ],
        2,
    ),
    "下步打算 after several problem-category item parts": (
        [("关于学习方面的问题", "item"), ("关于作风方面的问题", "item"), ("下步打算", "plain")],
        2,
    ),
    "a long-term part already holds them": (
        [("反馈问题整改情况", "item"), ("需长期坚持的事项", "long"), ("下一步工作打算", "plain")],
        None,
    ),
    "下一步 after a part that is not the items part": (
        [("反馈问题整改情况", "item"), ("履行主体责任情况", "plain"), ("下一步工作计划", "plain")],
        None,
    ),
    "no items part at all": ([("工作开展情况", "plain"), ("下一步打算", "plain")], None),
    "a plain part after the items part that is not 下一步": (
        [("问题整改情况", "item"), ("群众监督方式", "plain")],
        None,
    ),
}


@pytest.mark.parametrize(("parts", "expected"), NEXT_STEPS_CASES.values(), ids=NEXT_STEPS_CASES)
def test_next_steps_part(parts, expected):
    assert next_steps_part(parts) == expected


NEXT_STEPS_OUTLINES = {
    "numbered next steps after the items: long-term items, inferred unless stated": (
        "二、巡察反馈问题整改情况\n(一)关于台账不全的问题\n补录台账12本。该问题已完成整改。\n"
        "三、下一步工作打算\n1.巩固整改成果。每季度回访1次。\n"
        "2.抓好长期任务。对需长期坚持的事项建立清单。\n",
        [
            ("二", 1, "(一)", "已完成"),
            ("三", 1, "1.", "长期", "推断", "下一步工作打算"),
            ("三", 2, "2.", "长期", "明示", "长期坚持"),
        ],
    ),
    "next steps in prose only: no items": (
        "二、巡察反馈问题整改情况\n(一)关于台账不全的问题\n补录台账12本。该问题已完成整改。\n"
        "三、下一步打算\n镇党委将持续巩固整改成果,防止问题反弹。\n",
        [("二", 1, "(一)", "已完成")],
    ),
    "next steps after a long-term part: plans, not items": (
        "二、巡察反馈问题整改情况\n(一)关于台账不全的问题\n补录台账12本。该问题已完成整改。\n"
        "三、需长期坚持的整改事项\n1.持续规范台账管理。每月检查1次。\n"
        "四、下一步工作打算\n(一)强化学习。\n(二)压实责任。\n",
        [("二", 1, "(一)", "已完成"), ("三", 1, "1.", "长期")],
    ),
}


@pytest.mark.parametrize(
    ("body", "expected"), NEXT_STEPS_OUTLINES.values(), ids=NEXT_STEPS_OUTLINES
)
def test_next_steps_entries_are_long_term_items(body, expected):
    items = parse_outline(normalise(HEAD + PART_ONE + body)).items
    got = [(i.part, i.item_no, i.label, i.status, i.status_basis, i.status_evidence) for i in items]
    assert [g[: len(e)] for g, e in zip(got, expected, strict=False)] == expected
    assert len(got) == len(expected)
