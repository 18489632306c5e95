"""The time phrase that governs each figure (loaders/context.py: figure_period), one shape a
row. The sentences are invented for the tests; none is copied from a notice of the repository.
"""

from __future__ import annotations

import pytest

from tests.test_kind import _figures


@pytest.mark.parametrize(
    ("body", "raw", "period"),
    [
        # a cut-off date, with or without its year, or a month
        ("截至2026年4月15日,反馈的18个问题已完成整改15个。", "15个", "截至2026年4月15日"),
        ("截至9月20日,已办结信访件32件。", "32件", "截至9月20日"),
        ("截至2026年3月,已建成驿站4个。", "4个", "截至2026年3月"),
        ("截至2026年3月底,已建成驿站4个。", "4个", "截至2026年3月底"),
        ("截至5月底,已清运垃圾80吨。", "80吨", "截至5月底"),
        ("截至2025年底,累计建成管网9公里。", "9公里", "截至2025年底"),
        # a span of months, a since-phrase
        ("2026年1—6月,全镇税收同比增长6.5%。", "6.5%", "2026年1—6月"),
        ("2026年2月以来,新增就业岗位70个。", "70个", "2026年2月以来"),
        ("2023年以来,全镇新建公厕11座。", "11座", "2023年以来"),
        # the times of the inspection and the rectification, the year spoken in
        ("巡察前,全村仅有路灯12盏。", "12盏", "巡察前"),
        ("整改以来,新建文化广场2个。", "2个", "整改以来"),
        ("整改期间,召开推进会6次。", "6次", "整改期间"),
        ("今年以来,受理群众诉求140件。", "140件", "今年以来"),
        ("计划年内再修订制度4项。", "4项", "年内"),
        ("全年接待游客3万人次。", "3万人次", "全年"),
        # a plan's date
        ("计划2027年底前再改造农房60栋。", "60栋", "2027年底前"),
        ("力争到2027年底,覆盖率达到98%。", "98%", "2027年底"),
        ("2025年新建网点9个,计划2026年再新建6个。", "6个", "2026"),
        # a year opening its clause governs it
        ("2025年,全镇新建公厕5座。", "5座", "2025"),
        # a comparison's reference is not the figure's time
        ("满意率达97%,较巡察前提升5个百分点。", "5个百分点", None),
        # a year that dates something else in the clause does not
        ("剩余3处纳入2026年度项目,计划投资约600万元。", "600万元", None),
        # a deadline ends at its semicolon; the cut-off before it governs what follows
        (
            "截至2026年5月31日,其余3个正在推进,预计2026年9月底前完成;40条措施已落实36条。",
            "36条",
            "截至2026年5月31日",
        ),
        # a phrase after the figure does not govern it
        ("截至2026年5月31日,其余3个问题预计2026年9月底前完成。", "3个", "截至2026年5月31日"),
        # no time phrase, no period; a span of years counted is no period
        ("新建公厕5座。", "5座", None),
        ("完成3年内到期合同续签20份。", "20份", None),
    ],
)
def test_period(body, raw, period):
    assert _figures(body)[raw]["period"] == period
