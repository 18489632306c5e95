"""Labels that name what is counted in the shapes the first tables missed, one rule a row.

Every sentence is invented for the test (names, places and numbers are made up), each a
general shape of Chinese notices: a count of acts, a place saying where, a bound of the
count after it, a verb's own measure, a remainder naming its own noun, and so on.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_subject import _report, rows


def _got(body: str) -> dict[str, tuple[str | None, str]]:
    return {r: (s, m) for r, s, m, _ in rows(body)}


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a count of events whose clause names only an act: the act is counted
        ("一是组织开展消防演练3场,演练500余人次。", "3场", "消防演练", "消防演练"),
        # …an act of two verbs names a count of people, not the count before it
        ("一是给予诫勉谈话3人,通报批评2人。", "2人", "通报批评", "通报批评"),
        # …how often a doer does it: the act, not the doer
        ("一是落实护林员每日巡护不少于2次。", "2次", "巡护", "巡护"),
        ("一是要求包村干部每月至少上门走访3次。", "3次", "上门走访", "上门走访"),
        # a 、-list of acts ending in 等 and a verb: the verb names the class counted
        ("一是采取约谈、函询等组织处理9人次。", "9人次", "组织处理", "组织处理"),
        # a 、-list whose later items read as verbs is still one list
        ("一是开展谈心谈话、批评教育等12人次。", "12人次", None, "谈心谈话"),
        # a subject of villages says where; the count is of what the sentence counted
        (
            "一是排查沟渠堵塞点16处,其中东岭村5处、西岭村7处。",
            "5处",
            "沟渠堵塞点",
            "沟渠堵塞点",
        ),
        # a bound before the count after it counts the same thing (35岁以下的7名)
        ("一是新招录社区工作者12名,其中30岁以下的8名。", "30岁", "社区工作者", "社区工作者"),
        # 65岁及以上 is a bound of the noun after it
        ("一是为70岁及以上老人发放高龄津贴。", "70岁", None, "老人"),
        # a measure with its own verb is that verb's measure (拆除面积, 审减金额)
        ("一是清理占道摊点、棚架等84处,清理面积约900平方米。", "900平方米", None, "清理面积"),
        ("一是结算审计工程12个,审减金额约46万元。", "46万元", None, "审减金额"),
        # a remainder with its own noun after it names that noun
        ("一是完成村庄规划9个;剩余3个村计划明年完成。", "3个", "村", "村"),
        # …but a cause or a place after a remainder is not its noun
        (
            "一是排查路灯故障20处,已修复17处,剩余3处因线路老化需更换。",
            "3处",
            "路灯故障",
            "路灯故障",
        ),
        # a count of the thing worked on in the clause before, with no verb of its own
        ("一是对辖区内的加油站点进行再核查,共有9家。", "9家", "加油站点", "加油站点"),
        # the object the same verb had in the clause before
        ("一是每月专题听取安全生产工作汇报,今年已听取8次。", "8次", "安全生产工作汇报", "听取"),
        # the noun of a relative clause led by 被 after the count
        ("一是对12个被督查单位开展回访。", "12个", "被督查单位", "被督查单位"),
        # a prepositional phrase after a share is not what it counts
        ("一是受理诉求40件,其中九成以上在7天内办结。", "40件", "诉求", "诉求"),
        # a per-head rate after the count is not what the count counts
        ("一是帮扶脱贫户80户户均增收约1,500元。", "80户", "脱贫户", "脱贫户"),
        ("一是帮扶脱贫户80户户均增收约1,500元。", "1,500元", "户均增收", "户均增收"),
        # a verb done wrongly describes its object (违规发放津补贴, 未经审批事项)
        ("一是清退违规发放加班补贴2.4万元。", "2.4万元", None, "违规发放加班补贴"),
        ("一是纠正未经审批事项6件。", "6件", None, "未经审批事项"),
        # a word jieba split (超|付) stays whole: no half word in the label
        ("一是追回超付工程款9.6万元。", "9.6万元", None, "超付工程款"),
        # Latin letters are part of a noun
        ("一是关停闲置微信公众号、APP账号等15个。", "15个", None, "微信公众号"),
        # a modal in the words before 的 says which ones
        ("一是排查需更换的路灯14盏。", "14盏", None, "需更换的路灯"),
        # a status of problems after a done count: the problems
        ("一是反馈问题10个,已整改8个,需长期坚持2个。", "2个", "问题", "问题"),
        # a verb going somewhere (压|减至) is one verb, the count names the thing before
        ("一是机关办公用房由原来的30间压减至22间。", "30间", "机关办公用房", "机关办公用房"),
        # the verb that found a total stays in its label
        ("一是共梳理问题线索16条,已办结12条。", "16条", "问题线索", "梳理问题线索"),
        # a list short enough is named whole
        ("一是清理废弃渔网、浮球等42处。", "42处", None, "废弃渔网、浮球等"),
        # a plan word after the noun of a count is the clause's
        ("一是完成改造5个;剩余2个小区预计明年完工。", "2个", "小区", "小区"),
        # a thousands separator does not end the clause of the figure before it
        ("一是带动农户1,200户户均增收约3,100元。", "3,100元", "户均增收", "户均增收"),
    ],
)
def test_label_names_what_is_counted(body, raw, subject, in_label):
    subj, label = _got(body)[raw]
    if subject is not None:
        assert subj == subject, (body, subj, label)
    assert in_label in label, (body, subj, label)
    assert 2 <= len(label) <= 14
    assert subj is None or subj in body


def test_the_other_side_of_a_measured_thing_is_labelled_with_that_thing():
    got = _got("一是新建护岸长150米、高2.5米。\n二是补栽行道树300株。")
    assert got["150米"][1] == "新建护岸长"
    assert got["150米"][0] == "护岸"  # the thing measured; its side (长) is the label's
    assert got["2.5米"] == ("护岸", "新建护岸高")


def test_a_label_too_long_keeps_its_head_not_half_a_word():
    (_, label) = _got("一是东坑片区现代农业示范园区高标准农田储备项目种植水稻面积约600亩。")[
        "600亩"
    ]
    assert label.endswith("面积") and 2 <= len(label) <= 14


def test_a_share_is_never_labelled_with_the_time_after_it():
    (_, label) = _got("一是受理诉求40件,其中九成以上在7天内办结。")["九成"]
    assert "内" not in label and "办结" not in label


def test_a_remainder_with_a_plan_word_in_a_name_keeps_the_name():
    assert _got("一是完成3个年度计划。")["3个"][0] == "年度计划"


ACTS = st.sampled_from(["巡查", "巡护", "走访", "督导", "暗访"])
EVERY = st.sampled_from(["每日", "每周", "每月", "每季度"])
BOUND = st.sampled_from(["至少", "不少于", ""])
DOERS = st.sampled_from(["网格员", "护林员", "包村干部", "驻村工作队"])


@settings(max_examples=30, deadline=None)
@given(DOERS, EVERY, BOUND, ACTS, st.integers(1, 9))
def test_how_often_a_doer_acts_counts_the_act(doer, every, bound, act, n):
    act_words = f"{act}{bound}" if bound == "不少于" else f"{bound}{act}"  # 巡查不少于, 至少巡查
    body = f"一是落实{doer}{every}{act_words}{n}次。"
    ((_, subject, label, _),) = rows(body)
    assert subject == act
    assert act in label and 2 <= len(label) <= 14


PLACES = st.sampled_from(["东岭村", "西坑村", "南塘村", "北湾村"])
THINGS = st.sampled_from(["排水堵点", "危旧房屋", "违建", "隐患点位"])


@settings(max_examples=30, deadline=None)
@given(THINGS, PLACES, PLACES, st.integers(10, 99), st.integers(1, 9), st.integers(1, 9))
def test_places_of_a_breakdown_are_never_its_subject(thing, a, b, whole, x, y):
    if a == b:
        return
    report = _report(f"一是排查{thing}{whole}处,其中{a}{x}处、{b}{y}处。")
    for ind in report.indicators:
        assert ind["subject"] == thing, ind
        assert thing in ind["metric"] and 2 <= len(ind["metric"]) <= 14
        assert not re.search(r"^[,;:、。)”]|[,;:、(“]$", ind["metric"])
