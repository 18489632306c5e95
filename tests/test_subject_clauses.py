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
        # …or by a verb and 后 alone (发现后); a task completed after it is what is limited
        ("一是新增违建发现后12小时内拆除到位。", "12小时", "新增违建", "拆除到位时限"),
        ("一是工程竣工后20个工作日内完成结算。", "20个工作日", "结算", "结算时限"),
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


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a grade alone counts the noun a later clause grades
        ("一是经鉴定,C级21栋、D级6栋;D级房屋已全部腾空。", "21栋", "房屋", "C级房屋"),
        ("一是经鉴定,D级6栋、C级21栋;D级房屋已全部腾空。", "6栋", "D级房屋", "D级房屋"),
        ("一是经评定,一类14个、三类3个,三类村已全部整顿。", "14个", None, "一类村"),
        # the done count of a graded noun keeps it
        ("一是经鉴定,C级21栋;C级房屋已完成加固18栋。", "18栋", "C级房屋", "C级房屋"),
        # …and a grade of a whole named before is that whole's
        ("一是排查自建房300栋,其中C级21栋。", "21栋", "自建房", "C级自建房"),
    ],
)
def test_a_grade_alone_counts_the_noun_it_grades(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # N个X中已完成…: 中 says among them; a verb and noun after the count are the noun
        (
            "一是截至6月底,18个巡察问题中已完成整改15个、正在推进3个。",
            "18个",
            "巡察问题",
            "巡察问题",
        ),
        ("一是截至6月底,18个反馈问题已完成整改15个,正在推进3个。", "18个", "反馈问题", "反馈问题"),
        # a figure taking the subject of the one before follows that one's pair
        (
            "一是截至6月底,18个反馈问题中已完成整改15个、正在推进3个。",
            "3个",
            "反馈问题",
            "反馈问题",
        ),
    ],
)
def test_the_parts_of_a_whole_share_its_noun(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a verb between the governing verb and a head noun is part of the noun
        ("一是新识别纳入监测对象12户,其中,东岭村5户、西岭村7户。", "12户", "监测对象", "监测对象"),
        ("一是新识别纳入监测对象12户,其中,东岭村5户、西岭村7户。", "7户", "监测对象", "监测对象"),
        ("一是全年纳入帮扶对象30户。", "30户", "帮扶对象", "帮扶对象"),
    ],
)
def test_a_head_noun_keeps_the_verb_naming_it(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a rate named by its act alone is the rate of what the clause before counted
        ("一是排查消防隐患120处,已整改114处,整改率95%。", "95%", "整改率", "消防隐患整改率"),
        ("一是受理群众投诉60件,已办结57件,办结率95%。", "95%", "办结率", "群众投诉办结率"),
        # …its adverb stays in its name
        ("一是坚持在15日内答复,按期答复率达到100%。", "100%", "按期答复率", "按期答复率"),
        # …a rate with its own noun keeps it
        ("一是排查消防隐患120处,消防隐患整改率95%。", "95%", None, "消防隐患整改率"),
    ],
)
def test_a_bare_rate_is_of_what_was_counted_before_it(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a level before a threshold says which; the noun after it is counted
        ("一是明确镇级5万元以上的工程支出须经班子会议研究。", "5万元", "工程支出", "工程支出"),
        # what must be done after a threshold is no noun of it
        ("一是规定单笔开支3000元以上须经集体研究。", "3000元", None, "单笔开支"),
        ("一是明确单笔3000元以上开支必须经集体研究。", "3000元", "开支", "开支"),
    ],
)
def test_a_threshold_names_what_it_bounds(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # people counted after an act done to those 对 names
        ("一是对相关责任人提醒谈话4人。", "4人", "相关责任人", "相关责任人"),
        ("一是对相关责任人提醒谈话4人。", "4人", "相关责任人", "提醒谈话"),
        ("一是对涉事网格员约谈5名。", "5名", "涉事网格员", "涉事网格员"),
    ],
)
def test_people_counted_after_an_act_are_those_it_was_done_to(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "in_label"),
    [
        # letters of a place read across a word (开发|乡村) cut nothing off the noun
        ("一是开发乡村公益性岗位30个。", "30个", "乡村公益性岗位"),
        ("一是建设乡村振兴示范点6个。", "6个", "乡村振兴示范点"),
    ],
)
def test_no_place_is_read_across_a_word(body, raw, in_label):
    _check(body, raw, None, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject"),
    [
        # 被 before the noun of a count says which ones: it stays in the noun
        ("一是收回被侵占集体山林120亩。", "120亩", "被侵占集体山林"),
        ("一是追回被挪用专项资金8万元。", "8万元", "被挪用专项资金"),
    ],
)
def test_a_passive_noun_keeps_its_bei(body, raw, subject):
    _check(body, raw, subject, subject)


@pytest.mark.parametrize(
    ("body", "raw", "subject"),
    [
        # a remainder naming a longer noun with its head after it counts that noun
        ("一是确保剩余5处农村道路安全隐患点在年底前整治到位。", "5处", "农村道路安全隐患点"),
        # …but a predicate after it (纳入…工程) is no noun of it
        ("一是排查混接点40处,已改造31处,剩余9处纳入市级提质工程。", "9处", "混接点"),
    ],
)
def test_a_remainder_names_its_own_noun(body, raw, subject):
    _check(body, raw, subject, subject)


@pytest.mark.parametrize(
    ("body", "raw", "subject"),
    [
        # a per-head measure jieba splits (亩|均) is one noun with what it is of
        ("一是园区工业企业亩均产值由80万元提高到96万元。", "80万元", "园区工业企业亩均产值"),
        ("一是园区工业企业亩均产值由80万元提高到96万元。", "96万元", "园区工业企业亩均产值"),
    ],
)
def test_a_per_head_measure_is_named_whole(body, raw, subject):
    _check(body, raw, subject, subject)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a count of those past a threshold names the measure, the bound and the head whole
        (
            "一是集体收入5万元以下的村由6个降至1个。",
            "6个",
            "集体收入5万元以下的村",
            "5万元以下的村",
        ),
        (
            "一是集体收入5万元以下的村由6个降至1个。",
            "1个",
            "集体收入5万元以下的村",
            "5万元以下的村",
        ),
        # 由 or 达到 after the head of a 的 phrase is no part of it
        ("一是收入较低的薄弱村由9个减少到2个。", "9个", "薄弱村", "薄弱村"),
    ],
)
def test_a_count_past_a_threshold_names_those_it_bounds(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a measure opening the sentence's figures measures what the clause before names
        (
            "一是全面清理拖欠工程款台账,涉及金额2.6亿元,已偿还2.1亿元。",
            "2.6亿元",
            None,
            "拖欠工程款",
        ),
        (
            "一是全面清理拖欠工程款台账,涉及金额2.6亿元,已偿还2.1亿元。",
            "2.1亿元",
            None,
            "拖欠工程款",
        ),
        (
            "一是闲置校舍经评估后改建为村级养老服务站,面积360平方米。",
            "360平方米",
            None,
            "养老服务站面积",
        ),
    ],
)
def test_a_measure_first_measures_the_clause_before(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a noun and its act right before a count of acts name them as one compound
        ("一是梳理2024年以来公务接待312批次。", "312批次", "公务接待", "公务接待"),
        ("一是全年党员干部走访260人次。", "260人次", "党员干部走访", "党员干部走访"),
        ("一是今年以来安全巡查46次。", "46次", "安全巡查", "安全巡查"),
        ("一是查出超标准接待4批次。", "4批次", None, "超标准接待"),
        # an adverb between, or a bare completion verb, keeps the object-first reading
        ("一是排查隐患点位已整改5次。", "5次", None, "隐患点位"),
    ],
)
def test_a_noun_and_its_act_name_a_count_of_acts(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # work of two verbs done to things counted before in the unit counts those things
        (
            "一是排查出违规占用林地14宗。二是分类处置。已拆除复绿11宗。",
            "11宗",
            "违规占用林地",
            "违规占用林地",
        ),
        (
            "一是排查出违规占用林地14宗。二是分类处置。已拆除复绿11宗;剩余3宗正在推进。",
            "3宗",
            "违规占用林地",
            "违规占用林地",
        ),
        ("一是梳理信访积案21件,已化解办结16件。", "16件", "信访积案", "信访积案"),
        # with nothing counted in the unit before, the act of two verbs names its own count
        ("一是今年已立案查处12件。", "12件", None, "立案查处"),
    ],
)
def test_work_done_counts_what_was_counted_before(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # an average opening the act and its measure belongs to the measure's name
        (
            "一是平均审批时长由12个工作日缩短至5个工作日。",
            "12个工作日",
            "平均审批时长",
            "平均审批时长",
        ),
        ("一是平均审批时长由12个工作日缩短至5个工作日。", "5个工作日", None, "平均审批时长"),
        ("一是人均处理时间由30分钟缩短至12分钟。", "30分钟", "人均处理时间", "人均处理时间"),
    ],
)
def test_an_average_belongs_to_the_measure(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a clause opening with 比 changes what the clause before measured, not its own words
        (
            "一是问题整改完成率为92%,比巡察后首月提高15个百分点。",
            "15个百分点",
            "问题整改完成率",
            "完成率提高",
        ),
        ("一是村集体经济收入达到86万元,比上年度增长12万元。", "12万元", "村集体经济收入", "增长"),
        ("一是办事群众满意率为95.1%,比去年同期提高3.2个百分点。", "3.2个百分点", None, "满意率"),
    ],
)
def test_a_clause_opening_with_bi_changes_what_was_measured(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a verb's object may be a compound with a verb inside it: the compound is counted
        ("一是比对核查低保发放数据2.4万条。", "2.4万条", "低保发放数据", "低保发放数据"),
        ("一是清理工程结算资料316份。", "316份", None, "工程结算资料"),
        # an agent set to work by a causative verb is no part of the compound
        ("一是督促企业整改隐患12处。", "12处", "隐患", "整改隐患"),
    ],
)
def test_a_compound_with_a_verb_inside_is_counted_whole(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a body or an official before the verb did the work: the count is of the thing
        # named before (问题线索), never of who did it
        ("一是梳理问题线索8条,向县纪委监委移交5条。", "5条", "问题线索", "问题线索"),
        ("一是收到移交的6件问题线索,镇纪委已办结4件。", "4件", "问题线索", "问题线索"),
        ("一是排查信访积案20件,由镇领导包案20件,已化解16件。", "16件", "信访积案", "信访积案"),
        ("一是排查信访积案18件,由镇领导包案18件。", "18件", "信访积案", "包案信访积案"),
        # a noun that is no body keeps its place as the object put first
        ("一是排查安全隐患30处,项目已完成12个。", "12个", "项目", "项目"),
    ],
)
def test_an_agent_is_never_what_is_counted(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # a remainder whose words go on with a predicate takes the whole's noun
        ("一是排查问题点位20处,已修复16处,其余4处并入明年计划。", "4处", "问题点位", "问题点位"),
        ("一是梳理信访积案10件,已化解8件,剩余2件实行领导包案。", "2件", "信访积案", "信访积案"),
        ("一是排查排污口30个,已整治22个,剩余8个主要为历史遗留。", "8个", "排污口", "排污口"),
        # …and the words saying which ones it was, said in an earlier sentence
        (
            "一是核查不符合条件的低保户12户。已对其中9户停发低保,其余3户因病暂缓。",
            "3户",
            "低保户",
            "不符合条件的低保户",
        ),
        # a part taken by a verb or 对 before 其中 is a part of the whole
        (
            "一是核查不符合条件的低保户12户。已对其中9户按程序停发低保。",
            "9户",
            "低保户",
            "不符合条件的低保户",
        ),
        (
            "一是排查冒领人员12人,涉及资金3.2万元。目前已追回其中10人冒领的资金2.8万元。",
            "10人",
            "冒领人员",
            "冒领人员",
        ),
        # a remainder naming its own noun keeps it
        ("一是排查安全隐患30处,已整改26处,剩余4处道路隐患点正在整改。", "4处", None, "隐患点"),
        # a month a count was made by is never the thing counted
        ("一是排查空置公租房150套,截至9月底已配租120套。", "120套", "空置公租房", "公租房"),
    ],
)
def test_a_remainder_or_part_takes_the_wholes_noun(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # parts after 其中 that add up to the whole and name only the act done to each count
        # the whole's thing, the act in the label
        (
            "一是清理不规范合同30份,其中重新公开招租12份、依法解除合同8份、签订补充协议10份。",
            "8份",
            "不规范合同",
            "解除不规范合同",
        ),
        (
            "一是清理不规范合同30份,其中重新公开招租12份、依法解除合同8份、签订补充协议10份。",
            "10份",
            "不规范合同",
            "不规范合同",
        ),
        ("一是处置闲置土地9宗,其中无偿收回3宗、督促动工6宗。", "6宗", "闲置土地", "闲置土地"),
        ("一是收回违规资金50万元,其中拨付使用30万元、上缴20万元。", "20万元", "违规资金", "上缴"),
        # parts naming nouns of their own keep them
        ("一是排查自建房120栋,其中经营性自建房70栋、出租房50栋。", "50栋", "出租房", "出租房"),
        # parts that do not add up to the whole are no breakdown of it
        ("一是清理不规范合同30份,其中签订补充协议10份。", "10份", "补充协议", "补充协议"),
    ],
)
def test_acts_breaking_down_a_whole_count_its_thing(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)


@pytest.mark.parametrize(
    ("body", "raw", "subject", "in_label"),
    [
        # the value a measure changes from names the measure before 由, never the change after
        ("一是一般登记办理时限由5个工作日压缩至3个工作日。", "5个工作日", None, "登记办理时限"),
        ("一是审批时限由20个工作日压缩至8个工作日。", "8个工作日", None, "审批时限"),
        ("一是劣V类断面由巡察前的2个降为0个。", "2个", "劣V类断面", "劣V类断面"),
        ("一是劣V类断面由巡察前的2个降为0个。", "0个", "劣V类断面", "劣V类断面"),
        # 在 opening a noun of state (在建, 在册) is part of the noun after the figure
        ("一是对辖区23个在建工地全部安装扬尘监测设备。", "23个", "在建工地", "在建工地"),
        # an adverb of one by one ends the noun after the figure
        ("一是对巡察反馈的18个问题逐条细化整改措施。", "18个", "问题", "问题"),
    ],
)
def test_the_noun_of_a_changing_or_stated_count(body, raw, subject, in_label):
    _check(body, raw, subject, in_label)
