"""Subjects around a relative clause and one-by-one adverbs, one general shape a row
(loaders/subject.py read_meaning / read_after).

Every sentence is invented for the test; names, places and numbers are made up.
"""

from __future__ import annotations

import pytest

from tests.test_subject import rows


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
    ],
)
def test_relative_subject(body, raw, subject, in_label):
    got_subject, metric = _got(body)[raw]
    if subject is not None:
        assert got_subject == subject
    assert in_label in metric
