"""Item status, its evidence and basis, one general shape a row (loaders/status.py)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.status import item_status


def status(body: str, title: str = "", long_term: bool = False) -> tuple[str, str, str]:
    text = normalise(body)
    return item_status(text, 0, len(text), title, long_term)


@pytest.mark.parametrize(
    ("body", "expected", "basis"),
    [
        # a status the notice states decides, whatever else the item says
        ("整改情况:新建站点3个,正在调试。\n整改状态:已完成", "已完成", "明示"),
        ("整改情况:完成方案编制。\n整改状态:阶段性完成", "推进中", "明示"),
        ("整改进展:完成排查。\n整改状态:持续推进", "推进中", "明示"),
        ("一是清理河道垃圾20吨。目前已完成整改。", "已完成", "明示"),
        ("一是修订制度2项。相关工作正在推进中。", "推进中", "明示"),
        # a done-of-total pair short of its total: not finished
        ("一是排查隐患点23处,已完成治理19处。", "推进中", "推断"),
        ("一是排查隐患点23处,已完成治理23处。", "已完成", "推断"),
        # a finished sub-step of an unfinished core task is not completion
        ("一是完成消防设计方案,同步开展用地报批手续。", "推进中", "推断"),
        # a 举一反三 remark about another project does not decide
        (
            "一是完成水闸主体工程并通水。二是举一反三,对正在前期的堤防工程开展排查。",
            "已完成",
            "推断",
        ),
        ("一是整治积水点5处。", "已完成", "推断"),
        # a status standing alone: a table cell, a sentence, a bracket after the title
        ("1 | 路灯缺失 | 增设路灯 | 已完成。新装路灯40盏 | 镇建设办", "已完成", "明示"),
        ("1 | 管网老化 | 更换管网 | 阶段性完成。已更换2公里 | 镇水务站", "推进中", "明示"),
        ("已完成。全镇11个村均建立台账。", "已完成", "明示"),
        ("(一)河道保洁不到位(已完成)\n一是清理河道垃圾20吨。", "已完成", "明示"),
        ("【阶段性完成】一是完成管网设计。", "推进中", "明示"),
        # other label words for the same statement
        ("一是新建站点3个。\n完成情况:已完成", "已完成", "明示"),
        ("一是完成方案编制。\n整改进展:持续推进", "推进中", "明示"),
        # N中的M short of N: part of the core task
        ("一是已联系失联党员12名中的10名。", "推进中", "推断"),
        # legal proceedings started are work under way; one to be started when due is not
        ("一是清收欠款,对欠租户启动起诉程序。", "推进中", "推断"),
        ("一是摸清资产底数,对拒不缴纳的适时启动法律程序追缴。", "已完成", "推断"),
        # a label's status word stands alone; one that starts what was done is no status
        ("一是新建站点3个。\n整改状态为已完成。", "已完成", "明示"),
        ("一是新建站点3个。\n【整改状态】已完成", "已完成", "明示"),
        ("一是新建站点3个。\n整改结果:已完成(已销号)", "已完成", "明示"),
        ("整改进展:已完成方案编制和用地勘测,项目正在办理用地报批手续。", "推进中", "推断"),
        ("一是修缮祠堂2座。\n整改进展:已完成设计招标,正在报批。", "推进中", "推断"),
        # statements of the whole rectification in other words
        ("一是新建站点3个。目前整改工作已全面完成。", "已完成", "明示"),
        ("一是新建站点3个。该问题已阶段性完成整改。", "推进中", "明示"),
        ("一是新建站点3个。整改工作已基本完成。", "推进中", "明示"),
        # a class of the whole done (其中…已全部整改) while the rest is still open
        (
            "一是排查隐患320项,已整改318项,其中重大隐患5项已全部整改销号,剩余2项一般隐患限期整改。",
            "推进中",
            "推断",
        ),
        # what is left, counted, in any unit: the core task is not finished
        ("一是排查问题路灯40盏,已修复36盏,剩余4盏分别位于甲村和乙村。", "推进中", "推断"),
        ("一是清收欠款,剩余12万元纳入分期还款计划。", "推进中", "推断"),
        ("一是改造危桥6座,尚有1座未通过验收。", "推进中", "推断"),
        # …unless the rest is said to be done too
        ("一是整治积水点5处,其余3处已全部完工。", "已完成", "推断"),
        # a rate of the core task short of 100%, a stage entered, the core work still to come
        ("一是累计完成整治38处,整治率达95%。", "推进中", "推断"),
        ("一是目前已进入施工阶段。", "推进中", "推断"),
        ("一是已制定方案,下步将组织实施。", "推进中", "推断"),
        # what a sentence says of the item before its 举一反三 remark is the item's
        ("一是已完成整改,并举一反三对其他村开展排查,正在整改问题3个。", "已完成", "明示"),
        # a share of the whole task short of all of it; work still waiting
        ("一是完成投资800万元,占总投资的64%。", "推进中", "推断"),
        ("一是完成投资800万元,占总投资的100%。", "已完成", "推断"),
        ("一是已签订施工合同,待进场施工。", "推进中", "推断"),
        ("一是建成安置房2栋,对在建项目、待建设项目分类整理。", "已完成", "推断"),
        # 已完成整改N宗 counts what is done and states no status: the rest still under way
        ("一是复核图斑120宗,已完成整改110宗,剩余10宗正在推进拆除。", "推进中", "推断"),
        ("一是清理合同80份,已完成整改12份;另有3份长期合同目前剩余2份正在协商。", "推进中", "推断"),
        ("一是排查隐患30处,已整改到位30处。", "已完成", "推断"),
        # …while the words standing alone still state it
        ("一是排查隐患30处。目前已完成整改。", "已完成", "明示"),
        # a sentence about the item itself after a 举一反三 remark is the item's again
        (
            "一是清理水塘2口。二是举一反三,对邻近片区正在开展排查。目前该问题已完成整改。",
            "已完成",
            "明示",
        ),
        (
            "一是清理水塘2口。二是举一反三,对邻近片区开展排查。该问题整改工作正在推进。",
            "推进中",
            "明示",
        ),
    ],
)
def test_status(body, expected, basis):
    got, evidence, got_basis = status(body)
    assert (got, got_basis) == (expected, basis)
    assert evidence


def test_long_term_items():
    # a long-term part's item that does not call itself long-term: inferred from its part
    assert status("一是持续巡查。", long_term=True)[::2] == ("长期", "推断")
    assert status("一是持续巡查。", title="长期坚持河湖巡查")[::2] == ("长期", "明示")
    assert status("一是对需要长期坚持的工作建立台账。", long_term=True)[::2] == ("长期", "明示")


@pytest.mark.parametrize(
    ("heading", "basis"),
    [
        # the part's heading states it of every item under it
        ("三、需长期整改事项推进情况", "明示"),
        ("三、需长期坚持的整改事项", "明示"),
        # a part of mechanisms or next steps leaves it to be inferred
        ("三、建立健全长效机制情况", "推断"),
        ("三、下一步工作打算", "推断"),
    ],
)
def test_a_long_term_item_gives_its_part_heading_as_evidence(heading, basis):
    text = normalise(
        f"二、整改情况\n1.问题一。已完成整改。\n{heading}\n(一)健全调度机制\n一是每月调度。"
    )
    start = text.index("(一)")
    assert item_status(text, start, len(text), "健全调度机制", True) == ("长期", heading, basis)


@pytest.mark.parametrize(
    ("body", "expected", "basis"),
    [
        # a deadline that is no deadline: the item is long-term, as the notice states
        ("整改情况:新建站点3个。\n整改时限:长期坚持", "长期", "明示"),
        ("整改情况:完善制度2项。\n完成时限:长期推进", "长期", "明示"),
        # the item called long-term in its own words, at the end of a clause
        ("一是完善组织生活制度,新发展党员4名。该项工作将长期坚持、常态推进。", "长期", "明示"),
        ("一是制定产业规划。二是该问题需长期推进,镇党委将持续跟踪。", "长期", "明示"),
        ("一是发展壮大集体经济,需长期坚持。", "长期", "明示"),
        # 长期坚持 before a verb is a way of working, not the item's status
        ("一是长期坚持开展河道巡查,已清理垃圾20吨。", "已完成", "推断"),
        # the problem or the work stated to be still going on
        ("一是清理沟渠5条。该问题正在持续推进。", "推进中", "明示"),
        ("一是完善台账制度。整改工作仍在持续推进。", "推进中", "明示"),
        # a project still being pushed is work under way, not a statement of the item
        ("一是启动泵站改造,目前项目正在加快推进。", "推进中", "推断"),
        # done, in the words 已整改完成 and 完成…反馈…问题整改
        ("一是拆除违建12处。该问题已整改完成。", "已完成", "明示"),
        ("一是完成巡察反馈“两违”问题整改,拆除违建8处。", "已完成", "明示"),
        ("一是完成巡察反馈问题整改方案编制,正在报批。", "推进中", "推断"),
        ("一是修缮村部3处。目前已基本完成整改。", "推进中", "明示"),
        ("一是清退补贴2.1万元。该问题已按期完成整改。", "已完成", "明示"),
        ("一是健全工作台账。整改工作持续推进。", "推进中", "明示"),
        ("一是新建公厕4座。该问题已于2025年6月整改完毕。", "已完成", "明示"),
        ("一是清退违规资金3万元。该问题已整改。", "已完成", "明示"),
        ("一是开展专项整治。目前整改工作已取得阶段性成效。", "推进中", "明示"),
        # a stage reached and the item called long-term in one breath: it is long-term
        (
            "一是开展明察暗访。该项整改已取得阶段性成效,作风建设将长期坚持、常抓不懈。",
            "长期",
            "明示",
        ),
        ("一是修订制度3项。整改工作取得阶段性成效,此项工作需长期坚持。", "长期", "明示"),
        # the core work still to come, or a remainder held back
        ("一是完成项目立项,下一步将启动建设。", "推进中", "推断"),
        ("一是拆除违建3处,剩余1处因涉及诉讼暂缓拆除。", "推进中", "推断"),
        ("一是清理河道垃圾。下一步将持续巩固整改成果。", "已完成", "推断"),
        ("一是落实资金200万元。整改进度:80%", "推进中", "推断"),
        # work started (or sent up for approval) and not said to be finished
        ("一是完成方案设计,项目已开工建设。", "推进中", "推断"),
        ("一是完成可行性研究报告编制,已上报县发改局审批。", "推进中", "推断"),
        ("一是项目于2024年3月开工建设,2025年1月竣工并投入使用。", "已完成", "推断"),
        # a completion rate short of all of it: not finished; a timeliness rate says nothing
        ("一是开展专项清理,整改完成率75%。", "推进中", "推断"),
        ("一是已完成整改任务的80%。", "推进中", "推断"),
        ("一是受理群众诉求86件,按时办结率98.7%。", "已完成", "推断"),
        # a subset done (其中…均已) does not make the item done: the pair short of its total does
        (
            "一是排查隐患30个,已整改26个,其余4个正在协调。其中,较大隐患3个,均已整改销号。",
            "推进中",
            "推断",
        ),
    ],
)
def test_stated_status_words(body, expected, basis):
    got, evidence, got_basis = status(body)
    assert (got, got_basis) == (expected, basis)
    if basis == "明示":
        assert evidence in normalise(body)


def test_evidence_is_the_deciding_phrase():
    _, evidence, _ = status("一是排查隐患点23处,已完成治理19处,其余4处落实监测。")
    assert "19处" in evidence


def test_a_status_the_notice_states_wins_over_the_pairs():
    got = status("一是排查隐患点23处,已完成治理19处。\n整改状态:已完成")
    assert got == ("已完成", "整改状态:已完成", "明示")


@pytest.mark.parametrize("word", ["已完成", "已整改", "阶段性完成", "持续推进", "长期坚持"])
def test_the_evidence_of_a_bare_cell_is_its_words(word):
    _, evidence, basis = status(f"1 | 问题 | 措施 | {word}。其余说明 | 责任单位")
    assert (evidence, basis) == (word, "明示")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a done-of-total pair across sentences, short of its total
        ("一是共排查燃气隐患23处。截至目前,已整改19处。", "推进中"),
        # …or reaching it
        ("一是共排查燃气隐患23处。截至目前,已整改23处。", "已完成"),
        # a pair in a 举一反三 sentence is about other work
        ("一是完成主体工程并通水。\n二是举一反三,排查其他项目12个,已整改9个。", "已完成"),
    ],
)
def test_status_from_a_pair_across_sentences(body, expected):
    from tests.test_subject import _report

    (item,) = _report(body).items
    assert (item["status"], item["status_basis"]) == (expected, "推断")
    assert item["status_evidence"]
