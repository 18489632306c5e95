"""Labels of figures whose counted noun is elsewhere in the clause: a time limit's object, a
count of meetings with the work after it, a place before a breakdown, one rule a table.

Every sentence is invented for the test (names, places and numbers are made up); each row is
a general shape of Chinese notices. Every label names what is counted, 2-14 characters with
no dangling punctuation, and every subject is words of its own sentence.
"""

from __future__ import annotations

import re

import pytest

from tests.test_subject import _report


def _got(body: str) -> dict[str, tuple[str | None, str]]:
    return {i["raw"]: (i["subject"], i["metric"]) for i in _report(body).indicators}


def _check(body: str, raw: str, subject: str | None, in_label: str) -> None:
    subj, label = _got(body)[raw]
    if subject is not None:
        assert subj == subject, (body, subj, label)
    assert in_label in label, (body, subj, label)
    assert 2 <= len(label) <= 14, label
    assert not re.search(r"^[,;:、。)”]|[,;:、(“]$", label), label
    assert subj is None or subj in body, (body, subj)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # 对X right before the limit: the limit is on X
        ("一是对巡查发现的漏点5日内修复到位。", "5日", "巡查发现的漏点", "漏点修复到位时限"),
        # the noun right before the limit, past the words requiring it
        ("一是坚持群众来信10日内答复。", "10日", "群众来信", "群众来信答复时限"),
        ("一是要求整改台账3个工作日内报送镇纪委。", "3个工作日", "整改台账", "报送时限"),
        # …past the words saying when it starts (在…后, 自…起)
        ("一是要求违规搭建在发现后12小时内上报。", "12小时", "违规搭建", "违规搭建上报时限"),
        ("一是规定投诉件自收到之日起7日内回复。", "7日", "投诉件", "投诉件回复时限"),
        # a two-character noun keeps the verb naming it (新增违建, 销号材料)
        ("一是明确新增违建做到2小时内发现。", "2小时", "新增违建", "新增违建发现时限"),
        # the next limit of the same thing, after 、
        ("一是坚持群众来信10日内受理、30日内办结。", "30日", "群众来信", "群众来信办结时限"),
        ("一是要求违规搭建在发现后12小时内上报、2天内拆除。", "2天", "违规搭建", "拆除时限"),
        # an act of two words keeps both (首次响应); its object after it is what is limited
        (
            "一是要求便民热线工单在2个工作日内首次响应。",
            "2个工作日",
            "便民热线工单",
            "首次响应时限",
        ),
        ("一是要求业主在完工后10个工作日内申请竣工验收。", "10个工作日", None, "申请竣工验收时限"),
        # a limit with nothing before it names its act alone
        ("一是要求在受理后5个工作日内答复。", "5个工作日", None, "答复时限"),
    ],
)
def test_a_time_limit_is_on_what_the_clause_names(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize("village", ["新塘村", "新岭村", "大塘村", "高坪村"])
@pytest.mark.parametrize(("thing", "unit"), [("违章搭建", "宗"), ("危旧房屋", "栋")])
def test_a_subject_never_lies_on_a_village_name(village, thing, unit):
    # jieba splits some names (新|塘村): their tail is never what a breakdown counts
    body = (
        f"一是排查{thing}40{unit},已处置35{unit}。其中,东岭村12{unit},已处置10{unit};"
        f"{village}28{unit},已处置25{unit},剩余3{unit}正在推进。"
    )
    for ind in _report(body).indicators:
        subject = ind["subject"] or ""
        assert subject == thing, (village, ind)
        assert thing in ind["metric"] and 2 <= len(ind["metric"]) <= 14, ind
        at = body.find(village)
        spots = [k for k in range(len(body)) if body.startswith(subject, k)]
        assert spots and not all(at <= k < at + len(village) for k in spots), ind


def test_a_village_after_a_verb_is_no_place_of_the_noun_after_it():
    # 建成|社区: a place read across a verb does not cut the noun (社区长者食堂)
    _check("一是利用闲置用房建成社区长者食堂6个。", "6个", "社区长者食堂", "社区长者食堂")


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # meetings counted, what they did after the count
        ("一是镇党委召开专题会议4次研究部署整改工作。", "4次", "专题会议", "专题会议"),
        ("一是先后召开班子会议、推进会议6次专题研究整改。", "6次", None, "班子会议"),
        ("一是先后召开党委会议3次、整改推进会2次集中调度整改工作。", "2次", None, "推进会"),
        # a body meeting, its count after an adverb
        ("一是镇党委会先后5次专题听取整改汇报。", "5次", "镇党委会", "镇党委会"),
        # …but an agent before its verb says who meets: the meeting after the count is counted
        ("一是明确专班每周至少召开1次调度会。", "1次", "调度会", "调度会"),
        # …and a noun after the count that is no agenda is what is counted
        ("一是组织开展3次专题培训。", "3次", "专题培训", "专题培训"),
    ],
)
def test_a_count_of_meetings_is_not_labelled_with_what_they_did(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)
