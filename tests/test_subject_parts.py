"""Subjects of parts, remainders and changes of a whole, one rule a row.

Every sentence is invented for the test (names, places and numbers are made up), each a
general shape: a part named only by its grade or by what happened to it, a remainder named
by what is left, a change 由A降至B, a count of the classes before a count of the whole, a
list of measures counted in what they were taken on, a share 占…的, a figure whose noun an
earlier sentence of the same item named.
"""

from __future__ import annotations

import pytest

from tests.test_subject import _report


def _got(body: str) -> dict[str, tuple[str | None, str]]:
    return {i["raw"]: (i["subject"], i["metric"]) for i in _report(body).indicators}


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a part named by its grade counts what the whole counted
        ("一是排查危旧校舍30间,其中B级12间、C级18间。", "12间", "危旧校舍", "B级"),
        ("一是排查危旧校舍30间,其中B级12间、C级18间。", "18间", "危旧校舍", "C级危旧校舍"),
        # a part whose clause goes on with a verb: the whole's noun, not the verb phrase
        ("一是约谈物业企业9家,其中4家列入信用黑名单。", "4家", "物业企业", "物业企业"),
        # a change from one value to another: the thing before 由, never the verb 降至
        ("一是班子成员平均年龄由51岁降至44岁。", "51岁", "班子成员平均年龄", "平均年龄"),
        ("一是班子成员平均年龄由51岁降至44岁。", "44岁", "班子成员平均年龄", "平均年龄降至"),
        ("一是窗口平均办理时长由40分钟缩短至25分钟,缩短15分钟。", "15分钟", None, "时长"),
        # a count of the classes, then a count of the whole: the second counts the noun
        ("一是县委巡察组共反馈问题5个方面27个。", "27个", "问题", "反馈问题"),
        ("一是县委巡察组共反馈问题5个方面27个。", "5个", "方面", "方面"),
        # a list of measures is not what a count of buildings counts
        ("一是排查危旧厂房16栋。已采取封闭、拆除等措施13栋。", "13栋", "危旧厂房", "危旧厂房"),
        # a share of a whole names the part it is a share of
        ("一是新提拔女干部9名,占同期提拔干部的30%。", "30%", "女干部", "女干部占比"),
        # a count of those among a group: the noun ends at 中
        ("一是全镇18个村支部书记中高中以上学历15名。", "18个", "村支部书记", "村支部书记"),
        # a remainder with a cause after it: the cause is not its noun
        ("一是维修路灯40盏,剩余3盏因线路老化需更换。", "3盏", "路灯", "路灯"),
        # a remainder named by the names of what is left
        (
            "一是改造排水管网12段。目前已完工10段,剩余东街、西街2段因涉及燃气管线,年底前完工。",
            "2段",
            "排水管网",
            "排水管网",
        ),
        (
            "一是排查软弱党支部5个。已完成整顿4个,剩余东岭村1个因班子调整暂缓。",
            "1个",
            "软弱党支部",
            "软弱党支部",
        ),
        # an act named after its count of times is counted
        ("一是每季度开展一次回访。", "一次", "回访", "回访"),
        # a measure with its own verb is named by the text's own words (拆除面积)
        ("一是清理占道棚架、摊点等60处,清理面积约700平方米。", "700平方米", "清理面积", "清理面积"),
        # a time limit is the limit of an act on what the sentence's 对 names
        ("一是对企业提出的诉求,要求在5个工作日内答复。", "5个工作日", "企业提出的诉求", "诉求"),
        ("一是对企业提出的诉求,要求在5个工作日内答复。", "5个工作日", None, "时限"),
        # …else on the object of the act after 内
        ("一是要求社区在收到材料后3个工作日内完成审核。", "3个工作日", "审核", "审核时限"),
        # a part named by a threshold or a state counts what the whole counted
        ("一是引进护理人员14名,其中中级以上职称5名。", "5名", "护理人员", "中级以上职称"),
        ("一是排查净水设备20台,其中运行不正常6台,已修复4台。", "6台", "净水设备", "净水设备"),
        ("一是排查净水设备20台,其中运行不正常6台,已修复4台。", "4台", "净水设备", "净水设备"),
        # 上述X points back to what an earlier sentence of the item counted
        (
            "一是排查燃气隐患点位90处。目前上述隐患已整改84处。",
            "84处",
            "燃气隐患点位",
            "燃气隐患点位",
        ),
        # …but a name after 上述村 is a noun of its own
        ("一是上述村山林承包租金由每亩30元提高至每亩45元。", "30元", None, "租金"),
        # a change …缩短为: the thing before 由; a verb inside it stays (办结时间)
        ("一是投诉平均办结时间由6天缩短为2.5天。", "2.5天", "投诉平均办结时间", "办结时间"),
        # a single-character head after a verb is one noun with it (督办函, 提醒函)
        ("一是下发督办函7份。", "7份", "督办函", "下发督办函"),
        # a count of times with the noun after it counts that noun
        ("一是站长每月至少听取1次工作进展汇报。", "1次", "工作进展汇报", "工作进展汇报"),
        # a copula after the noun of a remainder ends it
        ("一是剩余14宗违建多为历史遗留的仓库加建。", "14宗", "违建", "违建"),
        # two figures joined by 、 share the verb of the first
        ("一是改造供水管网8公里,受益农户900余户、3,000余人。", "3,000余人", "农户", "受益农户"),
        # a time limit on the noun before 在 where no 对 names it
        ("一是巡查发现隐患在2个工作日内上报。", "2个工作日", "隐患", "隐患上报时限"),
        # villages leading a list say where; the list says what
        ("一是拆除东湾村、西湾村违章建筑、窝棚等40处。", "40处", "违章建筑、窝棚", "违章建筑"),
        # a target after a time (力争2026年底达到) rates what the clause before named
        ("一是垃圾分类覆盖率达到80%,力争2026年底达到95%以上。", "95%", "垃圾分类覆盖率", "覆盖率"),
        # a light verb opening the act after a means: the act is counted
        ("一是采取“双随机”方式开展督导检查3轮。", "3轮", "督导检查", "督导检查"),
        # a count of times with the act and its field after it names them whole
        ("一是坚持每月至少开展1次安全生产专项检查。", "1次", "安全生产专项检查", "专项检查"),
        # an excess over a plan is of what the figure before it counted
        ("一是完成供水管网改造8.5公里,超出年度计划1.5公里。", "1.5公里", None, "超出年度计划"),
        # 涉及N户 after a figure: the households the thing before it concerns
        ("一是追回冒领补贴资金2.1万元,涉及18户。", "18户", "冒领补贴资金", "涉及户数"),
        # a length of a thing: the thing is the subject, its side the label's
        ("一是硬化村道长2.5公里、宽4米。", "4米", "村道", "硬化村道宽"),
        # …but a title ending in 长 counted in people is a noun (河长, 站长)
        ("一是新增村级河长12名。", "12名", "村级河长", "河长"),
        # …and an 对 of an earlier count (对…审核1次) is not what the limit is on
        (
            "一是监委会每月对村级账目审核1次,审核发现的问题须在15日内整改到位。",
            "15日",
            "问题",
            "问题整改到位时限",
        ),
        # the noun of a count before it and 、 are no part of the next figure's words
        ("一是清理补助资金15个项目、资金860万元,已拨付800万元。", "860万元", "资金", "资金"),
        ("一是清理补助资金15个项目、资金860万元,已拨付800万元。", "800万元", "资金", "拨付资金"),
        # 在 between a noun and a one-character word is inside a noun (在园幼儿, 在岗职工)
        ("一是民办园在园幼儿占比由40%降至31%。", "31%", "民办园在园幼儿占比", "在园幼儿占比"),
        # a verb between a noun and a rate is part of the rate's name (问题整改完成率)
        ("一是信访事项办结完成率达98%。", "98%", None, "信访事项办结完成率"),
        # verbs joined by 或 are one verb run; the done count is of the total's noun
        ("一是40份到期租约已完成清理或重新签订36份。", "36份", "到期租约", "到期租约"),
        # 涉及 names no act: a short noun after it takes the fuller name said before
        ("一是对镇级小型水利工程开展审计,共涉及工程38个。", "38个", None, "小型水利工程"),
        # 等次/等级 is a grade, not the list marker 等
        ("一是对30名村干部开展考评,评出优秀等次5名。", "5名", "优秀等次", "优秀等次"),
        ("一是评定合格等级学校12所。", "12所", None, "合格等级学校"),
        # a predicate after a count (正在推进中) is never its noun
        ("一是认领问题6个,已整改4个,2个正在推进中。", "2个", "问题", "问题"),
    ],
)
def test_parts_and_remainders_name_the_whole(body, raw, subject, in_label):
    subj, label = _got(body)[raw]
    if subject is not None:
        assert subj == subject, (body, subj, label)
    assert in_label in label, (body, subj, label)
    assert 2 <= len(label) <= 14
    assert subj is None or subj in body


@pytest.mark.parametrize(
    ("body", "raw", "subject"),
    [
        # the noun named by an earlier sentence of the item is what a bare count counts
        ("一是梳理突出问题12项。截至目前,已完成9项,其余3项正在推进。", "9项", "突出问题"),
        ("一是梳理突出问题12项。截至目前,已完成9项,其余3项正在推进。", "3项", "突出问题"),
        ("一是摸排撂荒地80亩。已复耕72亩,剩余8亩改种苗木。", "72亩", "撂荒地"),
    ],
)
def test_a_count_takes_the_noun_an_earlier_sentence_of_its_item_named(body, raw, subject):
    subj, label = _got(body)[raw]
    assert subj == subject, (body, subj, label)
    assert subject in label


def test_the_noun_of_an_earlier_sentence_never_crosses_into_another_item():
    report = _report("一是梳理突出问题12项。\n(2)规范管理\n二是已完成9项。")
    nine = next(i for i in report.indicators if i["raw"] == "9项")
    assert nine["subject"] in (None, "突出问题")
    if nine["item_no"] != report.indicators[0]["item_no"]:
        assert nine["subject"] is None
