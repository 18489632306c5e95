"""Subjects around a relative clause, one-by-one adverbs, directional complements and sums
before a verb phrase, one general shape a row
(loaders/subject.py read_meaning / read_after, loaders/extract.py _meanings).

Every sentence is invented for the test; names, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from tests.test_subject import _report, rows


def _got(body: str) -> dict[str, tuple[str | None, str]]:
    return {r: (s, m) for r, s, m, _ in rows(body)}


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # 的 + head noun (+有) right before the count: the head noun is counted, not the
        # noun inside the relative clause
        ("一是全镇31家餐馆中,后厨卫生较差的小餐馆有6家。", "6家", "小餐馆", "小餐馆"),
        ("一是经济收入超30万元的村4个。", "4个", "村", "村"),
        ("一是安全评估不达标的民宿共7家。", "7家", "民宿", "民宿"),
        # …but a rate or a per-unit word after 的 is not a head noun
        ("一是全村党员中高中以上学历的占比达六成。", "六成", None, "占比"),
        # a 的 phrase with no head noun names those counted, 的 and all
        ("一是清退不具备条件的18人。", "18人", "不具备条件的", "不具备条件的"),
        ("一是补录符合政策的9人。", "9人", "符合政策的", "符合政策的"),
        # 逐台/逐户 after a count is an adverb (one by one): the noun before is counted
        ("一是对购置的收割机126台逐台登记。", "126台", "收割机", "收割机"),
        ("一是对申报补助的农户342户逐户核实。", "342户", "农户", "农户"),
        # 出 after a verb completes it (排查出, 梳理出): it is no part of the noun counted
        ("一是开展拉网排查,共排查出破损护栏46处,已修复40处。", "46处", "破损护栏", "破损护栏"),
        (
            "一是开展拉网排查,共排查出破损护栏46处,已修复40处。",
            "40处",
            "破损护栏",
            "已修复破损护栏",
        ),
        ("一是梳理出信访积案17件。", "17件", "信访积案", "梳理出信访积案"),
        # a sum before a verb phrase is no classifier of it: the money named before is counted
        ("一是落实专项经费56万元用于购置设备。", "56万元", "专项经费", "专项经费"),
        ("一是投入专项资金95万元实施村道硬化工程。", "95万元", "专项资金", "专项资金"),
        # a penalty verb after N家X ends the noun (取消, 吊销 are verbs, not part of the name)
        ("一是对2名失职人员取消年度评优资格。", "2名", "失职人员", "失职人员"),
        ("一是对4家超范围经营的商户吊销营业执照。", "4家", "商户", "商户"),
        # how often an act is done (每月巡查3次) counts the act, not a noun said before it
        ("一是建立村务监督定期巡查制度,每月巡查3次。", "3次", "巡查", "巡查"),
        # a part that names its own noun after 的 is no done-of-total pair with the whole
        ("一是全县18个村级党组织全部完成整顿,按期完成换届的党支部6个。", "6个", "党支部", "党支部"),
    ],
)
def test_relative_subject(body, raw, subject, in_label):
    got_subject, metric = _got(body)[raw]
    if subject is not None:
        assert got_subject == subject
    assert in_label in metric


def test_part_naming_its_own_noun_is_no_pair():
    body = "一是全县18个村级党组织全部完成整顿,按期完成换届的党支部6个。"
    assert [(p["done"], p["total"]) for p in _report(body).progress] == []
    # …while a part with its noun left out still pairs with the whole
    body = "一是全县18个村级党组织中,已完成换届的6个。"
    assert [(p["done"], p["total"]) for p in _report(body).progress] == [(6.0, 18.0)]


@pytest.mark.parametrize(
    ("body", "raw", "kind"),
    [
        # an area's whole set all in one state is the scope, not work counted
        ("一是全镇12所学校全部完成校舍改造。", "12所", "baseline"),
        # …a part of it done is a result
        ("一是全镇12所学校已完成校舍改造9所。", "9所", "result"),
    ],
)
def test_whole_set_done_kind(body, raw, kind):
    assert {r: k for r, _, _, k in rows(body)}[raw] == kind
