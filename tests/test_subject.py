"""What a figure counts (subject) and the label a leader reads (metric), one shape a row.

The sentences are written for the tests, each a general shape of the genre; none is copied
from the bundled report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import parse_report
from loaders.reading import RawReport


def _report(body: str):
    text = (
        "某镇党委关于巡察整改进展情况的通报\n二、巡察反馈问题整改落实情况\n(1)整治环境\n"
        + body
        + "\n"
    )
    raw = RawReport(
        path=Path("t.txt"),
        text=text,
        source_format="txt",
        encoding="utf-8",
        sha256="0",
    )
    return parse_report(raw)


def rows(body: str) -> list[tuple[str, str | None, str, str]]:
    return [(i["raw"], i["subject"], i["metric"], i["kind"]) for i in _report(body).indicators]


@pytest.mark.parametrize(
    ("body", "raw", "subject", "metric"),
    [
        # X N个: the object of the verb before the figure
        ("一是新增车位80个。", "80个", "车位", "新增车位"),
        # N个X: the noun after the figure
        ("一是设置8个宣讲专题。", "8个", "宣讲专题", "设置宣讲专题"),
        # the object put first, its verb after it
        ("一是排水井应急清淤20个。", "20个", "排水井", "应急清淤排水井"),
        # 发现并整改X N项
        ("一是发现并整改各类隐患96项。", "96项", "各类隐患", "发现并整改各类隐患"),
        # a 、-list ending in 等: its head names it
        ("一是拆除棚屋、旱厕等45处。", "45处", "棚屋、旱厕", "拆除棚屋、旱厕等"),
        # a plain noun
        ("一是检查门店30家次,餐馆12家次。", "12家次", "餐馆", "餐馆"),
        # a count of meetings names the meeting, not the agenda after it
        ("一是组织召开专题会议研究部署治水工作6次。", "6次", "专题会议", "组织召开专题会议"),
        # a rate says what changed
        ("一是污水收集率较巡察前提升12%。", "12%", "污水收集率", "污水收集率提升"),
    ],
)
def test_subject_and_metric(body, raw, subject, metric):
    got = {r: (s, m) for r, s, m, _ in rows(body)}
    assert got[raw] == (subject, metric)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "metric"),
    [
        # a verb inside a compound noun is part of the noun
        ("一是签订安全生产责任书30份。", "30份", "安全生产责任书", "签订安全生产责任书"),
        ("一是发现台账不规范问题5个。", "5个", "台账不规范问题", "发现台账不规范问题"),
        ("一是共计印发督查通报12期。", "12期", "督查通报", "印发督查通报"),
        # an adverb before the verb is not what is counted
        ("一是积极向上争取奖补资金300万元。", "300万元", "奖补资金", "争取奖补资金"),
        # the object put first, its verb after it (到位)
        ("一是配套资金已到位40万元。", "40万元", "配套资金", "已到位配套资金"),
        # a list and the class it is of: the list's head and the class
        ("一是清理废旧厂房、仓库等闲置资产9处。", "9处", "废旧厂房、仓库等闲置资产", None),
        # the words before 的 that say which ones are counted stay in the label
        ("其中存在渗漏问题的水池12座。", "12座", "水池", "存在渗漏问题的水池"),
        # a time or a bound before the figure is never its subject
        ("一是计划2025年底前再新建公厕3座。", "3座", "公厕", "新建公厕"),
        ("一是每村储备后备干部不少于3名。", "3名", "后备干部", "储备后备干部"),
        # a verb that repeats a shared word is said once
        ("一是制定整改措施20条,已完成整改15条。", "15条", "整改措施", "已完成整改措施"),
        # a verb ending in a joiner's character keeps it (惠及, not 惠)
        ("一是新建文化广场1个,惠及群众5000人。", "5000人", "群众", "惠及群众"),
        # the verb after a total adverb governs the count
        ("一是本轮巡察共派出3个巡察组。", "3个", "巡察组", "派出巡察组"),
    ],
)
def test_subject_and_metric_of_compound_shapes(body, raw, subject, metric):
    subj, label = {r: (s, m) for r, s, m, _ in rows(body)}[raw]
    assert subj == subject
    if metric is not None:
        assert label == metric
    assert subj is None or subj in body
    assert 2 <= len(label) <= 14


def test_a_list_and_its_class_label_names_the_head():
    ((_, subject, metric, _),) = rows("一是清理废旧厂房、仓库等闲置资产9处。")
    assert metric.startswith("清理废旧厂房") and metric.endswith("等闲置资产")


@pytest.mark.parametrize(
    ("body", "raw", "subject"),
    [
        # a clause naming only its verb: the object of 对 the work was done on
        ("一是对辖区内沿街商铺开展消防检查,共检查210家。", "210家", "沿街商铺"),
        # …or the object the same verb had before
        ("一是选派8名干部驻村帮扶,年内再选派3名。", "3名", "干部"),
        # …or the noun that verb is part of
        ("一是举办网格员培训班2期,培训160人次。", "160人次", "网格员"),
        # a measure with no thing of its own measures the thing named before it
        ("一是清理往来款项40笔,金额共计86万元。", "86万元", "往来款项"),
        # a remainder takes the whole's subject as the pair left it
        ("一是对排查出的8处危房,已完成加固5处,其余3处正在施工。", "3处", "危房"),
    ],
)
def test_subject_from_an_earlier_clause(body, raw, subject):
    assert {r: s for r, s, _, _ in rows(body)}[raw] == subject


def test_a_count_whose_head_noun_is_left_out_counts_what_the_figure_before_counted():
    got = {r: (s, m) for r, s, m, _ in rows("一是全镇共有行政村12个,已建成文化礼堂的仅5个。")}
    assert got["5个"] == ("行政村", "已建成文化礼堂的行政村")
    # a before-figure 由…的N% is not a left-out head
    got = {r: s for r, s, _, _ in rows("一是垃圾分类覆盖率由巡察前的40%提升至90%。")}
    assert got["40%"] == got["90%"] == "垃圾分类覆盖率"


def test_a_measure_is_labelled_with_its_thing():
    got = {r: m for r, _, m, _ in rows("一是清理往来款项40笔,金额共计86万元。")}
    assert got["86万元"] == "往来款项金额"


def test_a_rate_of_several_owners_is_labelled_by_its_own_words():
    got = {r: m for r, _, m, _ in rows("一是镇机关和各村专业技术人员占比由20%提高到35%。")}
    assert got["35%"].startswith("专业技术人员占比")
    assert "提高" in got["35%"]


def test_a_table_cell_ends_a_clause():
    body = (
        "序号 | 问题 | 整改措施 | 整改进展\n1 | 管网不全 | 完善管网收集系统 | 已完成5个村治理任务"
    )
    got = {r: (s, m) for r, s, m, _ in rows(body)}
    assert "收集" not in got["5个"][1]


def test_a_unit_carries_through_the_paragraphs_of_one_item():
    body = "一是全面摸排。摸排撂荒耕地120亩。\n二是分类复耕。已复耕复种100亩。"
    got = {r: m for r, _, m, _ in rows(body)}
    assert "撂荒耕地" in got["100亩"]


@pytest.mark.parametrize(
    ("body", "total", "done"),
    [
        ("一是排查安全隐患40个,已整改35个。", "40个", "35个"),
        ("一是全村12处积水点已完成整治9处。", "12处", "9处"),
        ("一是共有8个自然村需改造管网,其中已完成5个。", "8个", "5个"),
    ],
)
def test_a_pair_shares_its_subject(body, total, done):
    got = {r: s for r, s, _, _ in rows(body)}
    assert got[total] and got[total] == got[done]


def test_remainder_and_bare_verbs_are_never_subjects():
    got = rows("一是排查问题点位30个,已整改26个,其余4个正在推进。")
    subjects = {r: s for r, s, _, _ in got}
    assert subjects["4个"] == subjects["30个"] == "问题点位"
    assert not any(s in ("其余", "整改", "完成", "剩余") for _, s, _, _ in got)


@pytest.mark.parametrize(
    ("body", "raw", "kind"),
    [
        ("一是反馈的3个方面12个问题已全部整改。", "12个", "baseline"),
        ("一是全村路灯共60盏。", "60盏", "baseline"),
        ("一是全村12处积水点已完成整治9处。", "12处", "baseline"),
        ("一是全村12处积水点已完成整治9处。", "9处", "result"),
        ("一是计划新建公厕5座。", "5座", "target"),
        ("一是落实计划生育奖励扶助对象36人。", "36人", "result"),
        ("一是每月至少开展1次巡查。", "1次", "rule"),
        # 共N after a verb of work is what was done, not a stock
        ("一是退回违规发放的补贴共计2.3万元。", "2.3万元", "result"),
        ("一是对3条道路共12处坑槽完成修补。", "12处", "result"),
        # what is left of a total is counted as the work stands
        ("一是排查隐患10处,已整改8处,剩余2处正在推进。", "2处", "result"),
        # the whole of a part (N中的M)
        ("一是完成8座山塘除险加固中的5座。", "8座", "baseline"),
        ("一是完成8座山塘除险加固中的5座。", "5座", "result"),
        # a stock of problems found, the scope a problem spans, the units inspected
        ("一是全镇路灯共80盏,其中存在损坏问题的12盏。", "12盏", "baseline"),
        ("一是问题涉及东坑、西坑2个村。", "2个", "baseline"),
        ("一是县委巡察组对全县9个乡镇开展常规巡察。", "9个", "baseline"),
        # a breakdown of a stock or scope total is a baseline too; a done part is not
        ("一是反馈问题20个,其中组织建设方面8个,其他方面12个。", "8个", "baseline"),
        ("一是反馈问题20个,其中组织建设方面8个,其他方面12个。", "12个", "baseline"),
        ("一是全村有五保户40户,其中集中供养9户。", "9户", "baseline"),
        ("一是全镇共有公厕30座,其中已改造18座。", "18座", "result"),
        ("一是镇辖12个行政村。", "12个", "baseline"),
        ("一是全镇15个村中,已有9个完成改厕。", "15个", "baseline"),
        ("一是全镇15个村中,已有9个完成改厕。", "9个", "result"),
        # a yearly outcome is a result; a yearly duty is a rule
        ("一是盘活厂房2处,每年增加村集体收入8万元。", "8万元", "result"),
        ("一是村干部每年至少参加培训2次。", "2次", "rule"),
        # a benefit a project will bring is a forecast
        ("一是项目建成后可惠及群众3000人。", "3000人", "target"),
    ],
)
def test_kind(body, raw, kind):
    assert {r: k for r, _, _, k in rows(body)}[raw] == kind


def test_percentage_points_fold_to_one_unit():
    (ind,) = _report("一是覆盖率较巡察前提高6个百分点。").indicators
    assert (ind["unit"], ind["change"]) == ("百分点", "up")


NOUNS = st.sampled_from(["隐患", "车位", "排水井", "积水点", "宣传栏", "问题", "路灯"])
VERBS = st.sampled_from(["排查", "新增", "清理", "发现", "整治", "安装"])
UNITS = st.sampled_from(["个", "处", "项", "座"])


@settings(max_examples=40, deadline=None)
@given(VERBS, NOUNS, UNITS, st.integers(2, 999), st.integers(0, 999), st.booleans())
def test_subjects_are_words_of_their_sentence_and_pairs_share_one(verb, noun, unit, a, b, after):
    done = min(a, b)
    first = f"{verb}{a}{unit}{noun}" if after else f"{verb}{noun}{a}{unit}"
    report = _report(f"一是{first},已整改{done}{unit}。")
    for ind in report.indicators:
        assert ind["subject"] is None or ind["subject"] in ind["sentence"]
        assert 2 <= len(ind["metric"]) <= 14
    for pair in report.progress:
        total = next(i for i in report.indicators if i["char_start"] == pair["char_start"])
        assert pair["subject"] == total["subject"]
    subjects = {i["subject"] for i in report.indicators}
    if report.progress:
        assert len(subjects) == 1


SHAPES = st.sampled_from(
    [
        "{verb}{noun}{a}{unit},已整改{b}{unit}",
        "{a}{unit}{noun}已完成整治{b}{unit}",
        "对{a}{unit}{noun},已完成整改{b}{unit},其余{c}{unit}正在推进",
        "完成{a}{unit}{noun}整治中的{b}{unit}",
    ]
)


@settings(max_examples=40, deadline=None)
@given(SHAPES, VERBS, NOUNS, UNITS, st.integers(3, 999), st.integers(1, 999))
def test_pairs_share_a_subject_and_subjects_are_words_of_the_sentence(
    shape, verb, noun, unit, a, b
):
    b = min(a - 1, b)
    body = "一是" + shape.format(verb=verb, noun=noun, unit=unit, a=a, b=b, c=a - b) + "。"
    report = _report(body)
    subjects = [i["subject"] for i in report.indicators]
    assert all(s is None or s in body for s in subjects)
    assert all(not s or s not in ("其余", "剩余", "整改", "完成", "已完成") for s in subjects)
    named = {s for s in subjects if s}
    assert len(named) <= 1, (body, subjects)
    for pair in report.progress:
        assert pair["subject"] in (None, *named)
