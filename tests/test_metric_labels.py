"""The label a leader reads (metric): one rule a row, then properties over generated notices.

Every sentence is invented for the test (names, places and numbers are made up); each row is
a general shape of Chinese notices, not a phrase of any notice the loader was tuned on.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import parse_report
from loaders.reading import read_report
from loaders.subject import Meaning, build_metric, list_items, shorten, subject_heads
from tests.conftest import BUNDLED, NOTICES, TOWNS
from tests.test_subject import _report, rows

DANGLING = re.compile(r"^[,;:、。!?)”》\s]|[,;:、。!?(“《\s和及与或]$")


def _label(body: str, raw: str) -> str:
    return {r: m for r, _, m, _ in rows(body)}[raw]


@pytest.mark.parametrize(
    ("body", "raw", "label"),
    [
        # a stating verb names an agent; the agent's verb governs the count
        ("一是明确各村每季度至少召开1次村民议事会。", "1次", "召开村民议事会"),
        ("一是督促施工单位退还多收的押金5.2万元。", "5.2万元", "退还押金"),
        ("一是责令相关单位补缴违规减免的租金3.4万元。", "3.4万元", "补缴租金"),
        # N次X after the figure: the verb right before it, not one inside a 的-phrase
        ("一是对已完成整改的问题每年开展1次专项复核。", "1次", "开展专项复核"),
        # a completion verb, the object put first and its own verb: the work done on the
        # things the pair counted
        ("一是排查老旧泵站8座,已完成电机更换5座。", "5座", "老旧泵站更换电机"),
        # …or the work and its own object, said of the things the pair counted
        ("一是摸排无物业小区18个,已成立业委会11个。", "11个", "无物业小区已成立业委会"),
        ("一是排查安全隐患40个,已整改35个。", "35个", "已整改安全隐患"),
        # the work done to the things counted, said after the figure with 的
        ("一是全镇9个村中,已完成6个村的污水管网铺设。", "6个", "已完成污水管网铺设村"),
        # …but a noun of theirs is no work (3个村的集体经济收入)
        ("一是全镇9个村中,已核查5个村的集体经济收入。", "5个", "已核查村数"),
        # a time limit of an act is that act's 时限, never a noun 内答复
        ("一是要求在受理后7个工作日内答复。", "7个工作日", "答复时限"),
        # a share of a whole: what the figure before it counted, and 占比
        ("一是清收历年拖欠水费42万元,占应收总额的七成。", "七成", "历年拖欠水费占比"),
        # …or after 其中, a share of what the figure before it counted
        ("一是受理群众诉求40件,其中九成已办结。", "九成", "群众诉求占比"),
        # a share of what the words before 的 name
        ("一是全年完成年度计划的96%。", "96%", "完成年度计划比例"),
        # a bracketed gloss listing what a quoted name means stays in the sentence
        ("一是清理“四乱”(乱占、乱采、乱堆、乱建)63处。", "63处", "清理“四乱”"),
        # a word of the verb the noun already says is said once
        ("一是已规范整改不规范台账15本。", "15本", "已整改不规范台账"),
        ("一是目前已完成建设示范农田建设任务800亩。", "800亩", "已完成示范农田建设任务"),
        # villages after 其中 say where (the villages column), not what is counted
        ("一是清理河道垃圾30吨,其中东坪村12吨、西坪村18吨。", "12吨", "河道垃圾"),
        # a list whose last item runs on into a longer name is named by its head
        ("一是先后召开党委会、专题推进会议9次。", "9次", "召开党委会等"),
        # …while a whole short list is named whole
        ("一是拆除违章建筑、窝棚等31处。", "31处", "拆除违章建筑、窝棚等"),
        # the villages a list opens with say where: the label names the things
        ("一是拆除东湖村、西湖村违章棚屋、废旧猪圈等52处。", "52处", "拆除违章棚屋、废旧猪圈等"),
        # a doer and how often it acts: the doer and the act, not the verb that set it
        ("一是落实包片干部每周至少带队巡河1次。", "1次", "包片干部带队巡河"),
        # a name that runs on past the noun read first is named whole
        ("一是举办网格员业务提升培训班4期。", "4期", "举办网格员业务提升培训班"),
        # a rate is named by the whole noun phrase its clause opens with
        ("一是完成整改28项,信访事项按期受理率达98%。", "98%", "信访事项按期受理率"),
        ("一是设置岗位40个,本地户籍人员占比为75%。", "75%", "本地户籍人员占比"),
        # a verb that pushed the work before the completion verb: the completion counts
        ("一是督促完成竣工结算工程项目11个。", "11个", "完成竣工结算工程项目"),
        # again/also is no part of what was done
        ("一是计划明年再启动改造老旧厂房6处。", "6处", "启动改造老旧厂房"),
        # a clause naming no subject: its own act and object, not its doer
        ("一是县纪委共印发提醒函7份。", "7份", "印发提醒函"),
    ],
)
def test_label_rule(body, raw, label):
    assert _label(body, raw) == label


def test_a_nominal_de_keeps_its_de():
    """清退不符合条件的41人: 的 names those counted, it does not dangle."""
    assert _label("一是清退不符合条件的低保对象,共清退不符合条件的12人。", "12人").endswith(
        "不符合条件的"
    )


@pytest.mark.parametrize(
    ("subject", "items"),
    [
        ("违章建筑、窝棚", ["违章建筑", "窝棚"]),
        ("“双随机、一公开”抽查比例", ["“双随机、一公开”抽查比例"]),
        ("“三堆”(柴堆、粪堆)和垃圾", ["“三堆”(柴堆、粪堆)", "垃圾"]),
    ],
)
def test_list_items_split_only_outside_quotes_and_brackets(subject, items):
    assert list(list_items(subject)) == items


@pytest.mark.parametrize(
    ("unit", "before", "label"),
    [
        ("%", "占镇级收入的", "占镇级收入比例"),
        ("万元", "", "金额"),
        ("个", "", "数量"),
        ("名", "", "人数"),
    ],
)
def test_a_figure_naming_nothing_still_gets_a_two_character_label(unit, before, label):
    assert build_metric(Meaning(None), unit.removeprefix("万"), "", before) == label


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
PIECES = st.lists(
    st.one_of(CJK, st.sampled_from(list("、“”()《》,;:的和及等"))), min_size=0, max_size=24
).map("".join)
VERBS = st.sampled_from(["", "已完成", "排查", "清理", "新建", "督促", "完成整改", "明确"])
UNITS = st.sampled_from(["个", "处", "%", "元", "人", "次", "个工作日", "亩", "米"])


@settings(max_examples=300)
@given(PIECES, VERBS, UNITS, st.booleans(), PIECES, PIECES)
def test_any_meaning_gives_a_label_of_2_to_14_characters_with_nothing_dangling(
    subject, verb, unit, listed, modifier, before
):
    m = Meaning(subject or None, verb, listed=listed, modifier=modifier[:8])
    label = build_metric(m, unit, "", before)
    assert 2 <= len(label) <= 14, label
    assert not DANGLING.search(label), label
    assert label == shorten(label)


# Generated notices: invented nouns, verbs and units in the genre's usual shapes.
NOUNS = st.sampled_from(
    ["路灯", "排水沟", "危旧房", "违建棚屋", "化粪池", "垃圾收集点", "消防栓", "安全隐患"]
    + ["村级台账", "破损护栏", "废旧仓库", "积水点", "问题线索", "空心房"]
)
DOING = st.sampled_from(["排查", "清理", "拆除", "新建", "维修", "整治", "更换", "发现"])
DONE = st.sampled_from(["已整改", "已完成整治", "已修复", "已拆除", "已处置"])
MEASURES = st.sampled_from(["处", "个", "座", "条", "间"])


@st.composite
def notice_sentences(draw) -> tuple[str, int, int]:
    """One sentence of one of the usual shapes, its total and done count where it has any."""
    noun, unit = draw(NOUNS), draw(MEASURES)
    total = draw(st.integers(min_value=2, max_value=900))
    done = draw(st.integers(min_value=1, max_value=total))
    other = draw(NOUNS)
    shape = draw(st.integers(min_value=0, max_value=4))
    if shape == 0:  # 排查X N个,已整改M个
        return f"一是{draw(DOING)}{noun}{total}{unit},{draw(DONE)}{done}{unit}。", total, done
    if shape == 1:  # N个X
        return f"一是{draw(DOING)}{total}{unit}{noun}。", total, -1
    if shape == 2:  # X、Y等N个
        return f"一是{draw(DOING)}{noun}、{other}等{total}{unit}。", total, -1
    if shape == 3:  # X共N个,其中…
        return f"一是全面{draw(DOING)}{noun},共{draw(DOING)}{total}{unit}。", total, -1
    return f"一是{noun}{draw(DOING)}{total}{unit},{draw(DOING)}{other}{done}{unit}。", total, -1


@settings(max_examples=100)
@given(notice_sentences())
def test_labels_of_generated_notices_keep_the_label_rules(case):
    body, total, done = case
    parsed = _report(body)
    by_value = {}
    for ind in parsed.indicators:
        subject, metric = ind["subject"], ind["metric"]
        # a subject is always a stretch of its own sentence
        assert subject is None or subject in ind["sentence"], (subject, body)
        # a metric is 2-14 characters with nothing dangling
        assert 2 <= len(metric) <= 14 and not DANGLING.search(metric), (metric, body)
        # the metric names the subject's head when there is a subject
        if subject:
            assert any(h in metric for h in subject_heads(subject)), (metric, subject, body)
        by_value[ind["value"]] = ind
    # a done-of-total pair shares its subject
    for pair in parsed.progress:
        assert pair["subject"] == by_value[pair["total"]]["subject"]
        assert by_value[pair["done"]]["subject"] == pair["subject"], body
    if done > 0 and done < total:
        assert parsed.progress, body


@pytest.mark.parametrize("path", [*NOTICES, *TOWNS, BUNDLED], ids=lambda p: p.name)
def test_every_label_of_the_test_notices_keeps_the_label_rules(path):
    parsed = parse_report(read_report(path))
    starts = {ind["char_start"]: ind for ind in parsed.indicators}
    for ind in parsed.indicators:
        subject, metric = ind["subject"], ind["metric"]
        # (a subject inside its sentence is checked on generated notices above: a subject
        # named in an earlier sentence, named_as, may stand here)
        assert 2 <= len(metric) <= 14 and not DANGLING.search(metric), metric
        assert not subject or any(h in metric for h in subject_heads(subject)), (subject, metric)
    for pair in parsed.progress:
        assert pair["subject"] == starts[pair["char_start"]]["subject"]
