"""Done-of-total pairs, one general shape a row (loaders/progress.py find_progress).

Every sentence is invented for the test; names, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from tests.test_subject import _report


def pairs(body: str) -> list[tuple[float, float, str]]:
    return sorted((p["done"], p["total"], p["unit"]) for p in _report(body).progress)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a done part and what is left add up to the whole, whatever the done verb
        ("一是摸排破损护栏80处,更换71处,剩余9处纳入明年计划。", [(71, 80, "处")]),
        # …the whole stated in an earlier sentence of the item, as the scope
        (
            "一是共梳理信访积案31件。截至9月底,已化解28件,其余3件正在跟进。",
            [(28, 31, "件")],
        ),
        # …across the item's paragraphs (一是 / 二是)
        (
            "一是摸清底数。对辖区约260亩抛荒地逐块登记。\n二是分类复耕。已复耕约245亩,剩余15亩改种苗木。",
            [(245, 260, "亩")],
        ),
        # …a remainder naming its members before the count
        (
            "一是对计划改造的14条背街小巷建立台账。目前已完工12条,剩余东门巷、西门巷2条正在施工。",
            [(12, 14, "条")],
        ),
        # …two units of the same whole, the second in the remainder's 、 list
        (
            "一是核查荒废地块共18宗、560亩。二是分类处置。已盘活13宗、410亩,剩余5宗、150亩正在协商。",
            [(13, 18, "宗"), (410, 560, "亩")],
        ),
        # …several open parts after the done one: 已完成N,正在推进R1,长期坚持R2
        (
            "一是巡察反馈的4个方面20个问题,镇党委细化整改措施60条。截至目前,已完成整改16个,"
            "正在推进3个,需长期坚持1个。",
            [(16, 20, "个")],
        ),
        # …the nearest same-unit figure is a class of the whole (其中A级…), not the whole
        (
            "一是复查危旧房屋500栋,发现存在隐患的31栋,其中B级20栋、C级11栋。已采取加固措施29栋,剩余2栋由专人盯守。",
            [(29, 31, "栋")],
        ),
        # a breakdown after 其中 that adds up to the whole is no done-of-total pair
        (
            "一是拆除违建共60处,其中,在甲乙两片拆除22处,其余片区拆除38处。",
            [],
        ),
        # a remainder said to be done too leaves nothing open, and 已全部 with one number
        # writes no done part of its own: no pair (only pairs both of whose numbers are written)
        ("一是共有积水点12处。已治理8处,其余4处已全部完工。", []),
        ("一是排查隐患56项,其中重大隐患3项已全部整改。", []),
        # …while a whole written twice, the second time all done, is all of it
        ("一是排查企业20家,目前20家已全部整治完毕。", [(20, 20, "家")]),
        # a change or a class done between a done part and what is left is passed over
        (
            "一是需整治排口90个。截至目前,已完成整治70个,较上年增加30个;剩余20个正在施工。",
            [(70, 90, "个")],
        ),
        (
            "一是发现隐患300项。已整改280项,5项重大隐患全部整改销号;剩余20项正在整改。",
            [(280, 300, "项")],
        ),
        # a whole restated in full by an act (由…包案) pairs as first stated
        ("一是梳理信访积案18件,由班子成员包案18件,目前已化解15件。", [(15, 18, "件")]),
        # done parts that name their own wholes by their nouns
        (
            "一是对反馈的镇级问题12个、村级问题30个建立清单。截至目前,镇级问题已完成整改10个,村级问题已完成整改27个。",
            [(10, 12, "个"), (27, 30, "个")],
        ),
        # 办结 and 化解 are done verbs
        ("一是受理群众诉求600条,办结588条。", [(588, 600, "条")]),
        # a task done more than in full: the task is the whole, the amount done its done part
        ("一是化解债务5.5亿元,完成年度化解任务5亿元的110%。", [(5.5e8, 5e8, "元")]),
        # a long act between 已完成 and the count
        ("一是全系统9个党支部中,已完成标准化规范化达标验收7个。", [(7, 9, "个")]),
        ("一是42份到期合同已完成续签或重新发包39份。", [(39, 42, "份")]),
        # …but money won for another purpose is no done part of an investment
        ("一是项目总投资约900万元,其中已争取上级补助资金600万元。", []),
        # N中的M after a done verb; a sample of N with no done verb is no pair
        ("一是完成12座山塘清淤扩容中的8座。", [(8, 12, "座")]),
        ("一是对下辖20个村中的5个村开展延伸检查。", []),
        # a second done part of the same whole, after a first one begun
        ("一是谋划光伏项目10个,目前已开工7个,已建成并网3个。", [(3, 10, "个"), (7, 10, "个")]),
        # …but not after other work counted in between
        (
            "一是计划实施项目12个,已完工10个,完成投资800万元,建成口袋公园3个。",
            [(10, 12, "个")],
        ),
        # …but work begun after work done is no second done part
        ("一是纳入改造的小区共12个,已完成改造8个,目前已开工3个,剩余1个正在设计。", [(8, 12, "个")]),
        # a scope found or given in an earlier sentence, the done part in a later one
        ("一是共排查燃气隐患23处。截至目前,已整改19处。", [(19, 23, "处")]),
        ("一是巡察指出作风问题15个,涉及7个单位。目前已完成整改11个。", [(11, 15, "个")]),
        # …not a count of work done before, nor a count of something else in the sentence
        ("一是已清理河道12处。已完成验收10处。", []),
        ("一是排查隐患23处。另新建监控点位8处,已完成安装6处。", [(6, 8, "处")]),
        # a done part of other work (举一反三) or a count of those who did badly is not
        ("一是共梳理问题24个。\n二是举一反三,对下属单位开展自查,整改问题9个。", []),
        ("一是共梳理问题24个。对整改不力的1个村进行通报。", []),
        # what is not yet done is no done part
        ("一是共梳理问题9个。对尚未完成的3个问题挂账督办。", []),
        # a part only partly done has no pair of its own
        ("一是反馈问题18个,已完成整改12个,阶段性完成4个,持续推进2个。", [(12, 18, "个")]),
    ],
)
def test_pairs(body, expected):
    assert pairs(body) == [(float(d), float(t), u) for d, t, u in expected]


def test_a_whole_in_another_item_is_not_taken():
    body = "一是排查隐患点30处。\n(2)整治河道\n一是已清理河道27处,其余3处正在清理。"
    assert pairs(body) == []


def test_a_pair_across_sentences_takes_the_wholes_subject():
    report = _report("一是共排查病险山塘25座。截至目前,已除险加固21座,剩余4座正在施工。")
    (pair,) = report.progress
    assert (pair["done"], pair["total"]) == (21.0, 25.0)
    assert pair["subject"] == "病险山塘"
