"""What a figure means in its sentence: kind, change, period (the label is loaders.subject's)."""

from __future__ import annotations

import re

from loaders.figures import Figure, inside_name
from loaders.subject import REMAINDER, VERBS

# A table cell (" | ") ends a clause too: a figure never takes words from the cell before it.
# A thousands separator (2,300元) is not a clause mark.
CLAUSE_BREAK = re.compile(r"[;:。!?\n|\t]|(?<!\d),|,(?!\d{3}(?!\d))")
TARGET_WORDS = re.compile(
    r"(?<!年度)计划(?!的|生育|[\u4e00-\u9fff]{1,4}的)|确保(?=\d{4}年|年底|年内|明年)|预计|力争|目标(?!责任|分解|任务分解|任务完成|考核|绩效)|潜力|拟|有望|预期|规划建设|"
    # 争取年底前新建5个: a plan with its date (not 争取上级资金600万元, money won)
    r"争取(?=(?:于|在|到)?(?:\d{4}年|年底|年内|明年|今年|\d{1,2}月底))"
)
# Scope totals and stocks: what a result is measured against (下辖8个村, 共有11个行政村,
# 反馈问题67个, 4个巡察组, 共40家被巡察单位, 巡察前…, 巡察移交的问题线索6件; not 移交镇纪委
# 问题线索2件, which is work done).
STOCK_BEFORE = re.compile(
    r"(?:下辖|(?<![管所])辖|共有|现有|(?<!发)现存|辖有|原有|尚有|存有|(?:^|是)全(?:镇|村|区|县|乡|市|街道)有)"
    r"[^,;。]{0,12}$"
)
# what the inspection itself found: 巡察共发现问题4个方面23个
# and what it pointed out as it stood: 巡察指出县城建成区存在此类水体9条 (not 巡察指出的问题已整改12个)
INSPECTION_FOUND = re.compile(
    r"(?:巡察|巡视)[^,;。]{0,4}发现[^,;。]{0,10}问题[^,;。]{0,8}$|"
    r"(?:巡察|巡视)[^,;。]{0,4}指出(?![^,;。]*(?:已|完成|整改|正在))[^,;。]{0,16}$"
)
SCOPE_WORDS = re.compile(
    r"巡察组|被巡察|巡视组|反馈(?:的)?(?:问题|意见)|反馈[^,;。]{0,8}问题|"
    r"指出[^,;。]{0,10}问题|(?:提出|反馈)[^,;。]{0,4}整改(?:意见|建议)|"
    r"(?:(?:巡察|巡视)[^,;。]{0,6}(?:移交|交办)|(?:移交|交办)的)[^,;。]{0,6}(?:问题|线索|信访)|"
    # 对巡察发现的12个问题建立台账: what the inspection found
    r"(?:巡察|巡视)[^,;。\d]{0,4}发现的\d"
)
BEFORE_TIME = re.compile(r"(?:巡察前|整改前|巡察时|巡察反馈时|此前|原先|原来)[^,;。\d至到]{0,16}$")
# 整改前,全镇垃圾清运率仅为72%: a sentence that opens with its before-time is about then.
OPENS_BEFORE = re.compile(
    r"(?:^|(?<=[,;]))\s*(?:[一二三四五六七八九十]是)?(?:巡察前|整改前|巡察时|巡察反馈时)"
    r"(?:\s*[,，:：]|(?=仅|只|有|共))"
)
RULE_EVERY = re.compile(r"每(?:个)?(?:年|半月|月|季度|季|两周|周|半年|旬|天|日|星期|学期)")
RULE_STATEMENT = re.compile(r"规定|明确|要求|必须|须经|一律|严禁|不得")
RULE_WORDS = re.compile(r"期满|距离|以内|之内|限期|时限")
# Any verb of work done (the verbs of loaders/subject.py): a 共N after one is a result.
ACTION = re.compile("|".join(re.escape(v) for v in VERBS))
VERB_JUST_BEFORE = re.compile(f"(?:{ACTION.pattern})$")
# A benefit a project will bring: 建成后可惠及群众1.2万人.
WILL_BRING = re.compile(
    r"(?:建成|完工|投产|投用|实施|运营|投入使用)后(?:可|将|能)|"
    r"(?<![认许宁])可(?:惠及|带动|增加|新增|实现|解决|满足|覆盖|容纳|节约|减少|提供|吸纳|改善)"
)
# A stock of problems found, not work done: 其中存在破损问题的17座.
HAS_PROBLEM = re.compile(r"存在[^,;。]{0,12}(?:问题|隐患|风险|短板)的?$")
# 办理时间压缩至3个工作日以内, 控制在5天内: the level a change reached (not 做到24小时内发现)
LEVEL_REACHED = re.compile(r"(?:压缩|缩短|减少|降低|降|控制)(?:至|到|在)$|(?:至|(?<![做得])到)$")
BASELINE = re.compile(r"(?:由|从)[^,;。由从]{0,8}$")
# 将 of the future before a change or level: 改造后日处理能力将由2000吨提升至5000吨.
WILL = re.compile(
    r"(?<![即])将(?:由|从|达到|达|提升|提高|增加|新增|实现|惠及|覆盖|超过|突破|形成|带动|增至|扩大|"
    r"新建|建成|改建|扩建|开工|投用|投入使用|投入(?=资金|\d)|"
    # 2026年将完成改造4个 (not 将完成整改的9个问题纳入…, 将 taking its object)
    r"完成(?![^,;。\d]{0,8}的))"
)
# A threshold that marks out a class (35岁以下干部, 10万元以上的项目, 65岁及以上老年人,
# 年收入低于10万元的村, 收入超50万元的村): a standing criterion, not an outcome (not a share that
# did something, 六成以上在两个月内办结; a level every
# member reaches, 均达到10万元以上, is a result; in a plan, 力争…50万元以上的村达到10个, a target).
THRESHOLD_AFTER = re.compile(
    r"(?:及)?(?:以上|以下)(?=的|[\u4e00-\u9fff“(\d])(?![在均已都于被由为是达获得实完将正])"
)
CLASS_AFTER = re.compile(r"(?:及)?(?:以上|以下)?的[\u4e00-\u9fff“(]")
COMPARATOR = re.compile(r"(?:低于|高于|超过|超|不足|不到|少于|多于|大于|小于|不满)$")
# A quota for each member of a set: 逐一明确1名领导联系、1个部门帮扶, 每村配备1名网格员.
PER_MEMBER = re.compile(
    r"(?:逐一|逐个|每个[\u4e00-\u9fff]{0,3}|每(?:村|户|校|组|人))(?:都|均)?"
    r"(?:明确|配备|落实|安排|确定|选派|设立|设置)[^,;。]{0,16}$"
)
# A standard rate of a subsidy or fee (每亩100元的奖补): a rule.
RATE_STANDARD = re.compile(r"每(?:亩|人|户|吨|头|平方米|立方米|公里|村|个)$")
STANDARD_AFTER = re.compile(r"的(?:标准|奖补|补贴|补助|奖励|报酬|工作经费)")
# The whole set of an area, named by its membership in a state every member reaches:
# 全乡9个村集体经济收入均超过5万元, 7个村…全部达到5万元以上, 实现全街道12个村(社区)…全覆盖,
# 全乡1,026名党员全部纳入积分管理; and a measure spread over an area's whole set
# (在全镇14个村推行, 分解落实到全县16个乡镇).
AREA = r"全(?:镇|县|乡|区|市|村|街道|局|系统|州|旗)"
DOMAIN_BEFORE = re.compile(rf"(?:^|是)(?:实现|使|对)?(?:{AREA})?(?:共有|共)?$")
AREA_BEFORE = re.compile(rf"(?:^|是)(?:实现|使|对)?{AREA}$")
IN_AREA = re.compile(rf"(?:在|到|于|覆盖){AREA}$")
# 全村常住人口约2300人, 全镇柑橘种植面积约4.2万亩: an area's stock, its size named and counted
# with no verb (not 全县粮食播种面积达到52.3万亩, a level reached, nor 全街道划分网格128个).
AREA_STOCK = re.compile(
    r"(?:^|是)全(?:镇|县|乡|区|市|村|街道)[^,;。\d]{0,8}(?:面积|规模|总量|人数|数量|人口|户数)"
    r"(?:约|近|共|共计)?$"
)
DOMAIN_LEVEL = re.compile(
    r"^[^,;。\d]{0,20}?(?:(?:均|全部|都)(?:已)?|总额|合计|总计|人均|户均|平均)"
    r"(?:达到|达|超过|超|高于|不低于|为)"
    r"[^,;。\d]{0,3}[\d一二两三四五六七八九十百千]"
)
DOMAIN_STATE = re.compile(
    r"^[^,;。\d]{0,20}?(?:均|全部|都)(?:已)?(?:纳入|实现|建立|配备|享受|覆盖|完成)|^[^,;。\d]{0,24}全覆盖"
)
# The set a check or measure spans, named by where it lies, since when it exists or the state
# it is in: 对全县213处供水工程逐一开展检测, 对辖区内76家企业开展检查, 对2023年以来的217个
# 项目开展专项检查, 对尚未完成整改的4个问题继续挂账督办 (not 对负有责任的2名干部进行约谈,
# work on persons named by what they did, nor 对全镇6辆公务用车全部安装…, done to every member).
SET_BY_WHERE = r"全(?:镇|县|乡|区|市|村|街道)|辖区内?|境内|[镇乡县区局]属|所辖"
SET_BY_WHEN = (
    r"\d{4}年(?:以来|度|至\d{4}年)?[^,;。\d]{0,8}的|近[一二两三四五六七八九十\d]{1,2}年(?:来|以来)?[^,;。\d]{0,6}的|"
    r"[^,;。\d]{0,6}现有的"
)
SET_BY_PLACE = f"{SET_BY_WHERE}|{SET_BY_WHEN}"
# (正在推进的N个 is work under way, counted as it stands, like 其余N个正在推进)
SET_BY_STATE = r"(?:(?:尚未|未)(?:完成|整改)|阶段性完成)[^,;。\d]{0,4}的"
# A set named by when it arose sizes the set, the count right after its 的 (对2021年以来的46个
# 项目); a count after the noun (对2021年以来实施的工程项目57个开展回头看) counts what was checked.
CHECKED_SET = re.compile(rf"对(?:(?:{SET_BY_WHERE})[^,;。\d]{{0,14}}|(?:{SET_BY_WHEN}))$")
OPEN_SET = re.compile(rf"(?:对|聚焦|针对|紧盯|围绕|跟踪)(?:{SET_BY_STATE})[^,;。\d]{{0,4}}$")
CHECK_AFTER = re.compile(
    r"^[^,;。\d]{0,24}?(?<!全部)(?<!均)(?:开展|进行|实施|逐[一个项村户台条]|全面|落实|建立|实行|“)"
)
# The inspection's feedback runs on through its coordinated clauses: 共反馈问题4个方面31个,
# 提出意见建议6条,移交问题线索5件 (not 镇纪委移交…, work of the unit).
FEEDBACK_SENTENCE = re.compile(r"(?:巡察|巡视)[^。]{0,30}反馈|反馈了?[^。]{0,4}(?:巡察|巡视)")
FEEDBACK_CLAUSE = re.compile(r"^(?:并|同时)?(?:提出|移交|交办)[^,;。\d]{0,10}$")
# The measures or tasks drawn up for the inspection's feedback (对巡察反馈的26个问题,制定整改
# 措施81条; 巡察组共反馈问题38个,镇党委将其细化为整改任务112项) are the rectification's scope,
# what 已落实N条 is later counted against (not 召开会议7次,细化整改措施94条, nor 对照反馈问题
# 制定整改方案,细化整改措施126条, measures of a plan).
MEASURES = re.compile(
    r"(?:制定|细化|明确|形成|建立|列出|拟定|分解)[^,;。\d]{0,6}整改(?:措施|任务|举措)(?:共|共计)?$|"
    r"细化(?:为|成)整改(?:任务|措施|举措)$"
)
FEEDBACK_NAMED = re.compile(r"反馈[^,;。]{0,12}(?:问题|意见)")


def _for_feedback(text: str, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """The feedback's problems named in the clause itself or as the whole clause before it."""
    if FEEDBACK_NAMED.search(text, clause[0], clause[1]):
        return True
    lo = sentence[0]
    for m in CLAUSE_BREAK.finditer(text, sentence[0], max(sentence[0], clause[0] - 1)):
        lo = m.end()
    prior = text[lo : max(lo, clause[0] - 1)]
    named = list(FEEDBACK_NAMED.finditer(prior))
    return bool(named) and not re.search(r"方案|制度|清单", prior[named[-1].end() :])


# The stock a relative clause describes: 应建未建党组织的企业有14家, 收入较低的薄弱村有4个.
DESCRIBED_HAS = re.compile(r"的[\u4e00-\u9fff“”()]{1,10}(?<![已还另仍尚均都共现])有$")
PLAN_OVER = re.compile(
    r"(?<!年度)计划(?!的|生育|[\u4e00-\u9fff]{1,4}的)|确保|预计|力争|争取|目标(?!责任|考核|绩效)"
)
# A forecast verb governs the rest of its sentence: "预计新增…300亩,可带动就业1500人".
FORECAST = re.compile(
    r"预计|力争|有望|预期|计划(?=\d|于|在|再|到|今|明|新|年底|年内|年前)(?![\u4e00-\u9fff]{1,5}的)|"
    # 计划投入资金300万元,新建道路2公里: a plan's verb governs the clauses after it
    # (not 按计划推进, nor 年度计划改造…, this year's scope)
    r"(?<![按度])计划(?=投入|投资|实施|完成|改造|建设|启动|实现|新增|打造)(?![\u4e00-\u9fff]{1,5}的)|"
    r"目标(?=(?:是|为)?(?:到|在|于)?(?:\d{4}年|年底|明年))|将于\d{4}年"
)
UP_WORDS = ("提升", "提高", "增长", "增加", "上升", "改善", "扩大", "增幅", "增")
DOWN_WORDS = ("下降", "减少", "降低", "缩短", "缩减", "下滑", "降幅", "减")
# Words that name an amount of change by themselves, with no 同比/较 beside them.
# (审减率达6.3% is a rate: a level, no change)
# An income gain per household, per person or per year is the change of a level (户均增收
# 2800元, 年增收租金19万元); a lump sum earned (通过招租实现增收260万元) is a result.
SELF_UP = re.compile(r"(?:(?:户均|人均|亩均|村均|年|每年)增收|涨幅|增幅)[^\W\d率]{0,3}$")
SELF_DOWN = re.compile(r"(?:减收|降价幅度|下降幅度|降幅)[^\W\d率]{0,4}$")
COMPARISON = re.compile(r"同比|环比|较|相较|相比|对比|比上年|比去年|与上年|提升了|下降了")
YEAR_PERIOD = re.compile(r"(?<![\d—-])(\d{4})年(?:全年|度)?(?![\d—-])(?!以来|底|末)")
# Time phrases that govern the figures after them in their sentence, most specific first; the
# label is the phrase as a reader writes it (截至2025年5月31日, 2025年1—8月, 整改以来).
_D = r"\d{1,2}"
PERIODS = (
    (re.compile(r"截至\s*(\d{4})年(?:底|末)|(?<!截)至\s*(\d{4})年(?:底|末)"), "截至{}年底"),
    (re.compile(rf"截至\s*(\d{{4}}年{_D}月)(?:底|末)"), "截至{}底"),
    (re.compile(rf"截至\s*((?:\d{{4}}年)?{_D}月{_D}日)"), "截至{}"),
    (re.compile(rf"截至\s*(\d{{4}}年{_D}月)(?![\d底末])"), "截至{}"),
    (re.compile(rf"截至\s*({_D}月)(?:底|末)"), "截至{}底"),
    (re.compile(r"截至(?:目前|当前|现在)"), "截至目前"),
    (re.compile(rf"(\d{{4}}年{_D})\s*[—–\-至到~]\s*({_D}月)(?!{_D}日|\d)"), "{}—{}"),
    (re.compile(rf"(\d{{4}}年{_D}月)以来"), "{}以来"),
    (re.compile(r"(\d{4})年以来"), "{}年以来"),
    (re.compile(r"(\d{4}年(?:\d{1,2}月)?)(?:底|末)前"), "{}底前"),
    (
        re.compile(r"(?:力争|计划|预计|争取)(?:到|于|在)?(\d{4}年(?:\d{1,2}月)?)(?:底|末)(?!前)"),
        "{}底",
    ),
    (re.compile(r"巡察以来|巡察反馈以来"), "巡察以来"),
    (re.compile(r"集中整改(?:期间|期|以来|阶段)"), "集中整改期"),
    (
        re.compile(
            r"(?<!集中)整改(?:以来|期间)|(?<![较比由从])(?:巡察(?:前|时|期间)|整改前)|今年以来|近[一二两三四五六七八九十\d]年(?:来|以来)?"
        ),
        "",
    ),
    (
        # 计划年内再新建…, 全年节约…, 今年已…: the year the notice speaks in (not 3年内)
        re.compile(r"(?<![\d一二两三四五六七八九十半])年内|(?<=[,;:。\n|是])(?:全年|今年)"),
        "",
    ),
)
ACTION_BEFORE = re.compile(
    r"(?<![需应要待])(?:完成|整改|整治|排查|检查|发现|拆除|清理|新增|新建|建成|解决|处置|查处|收集|梳理|摸排|"
    r"开展|召开|组织|培训|改造|修复|种植|消除|认领|推动|实现|办结|实施|谋划)[^,;。]{0,12}$"
)


# The verb of the work that found or did a pair's total, anywhere in its clause before it
# (审计发现未按规定招投标、超付工程款等问题14个,已整改12个; 核实…地块37块、面积213.6亩).
WORK_BEFORE = re.compile(
    ACTION_BEFORE.pattern.replace("{0,12}$", "{0,28}$").replace(
        "(?:完成|", "(?:完成|核实|核查|审计|清查|"
    )
)
VERB_HINT = ACTION_BEFORE.pattern.removesuffix("[^,;。]{0,12}$").removeprefix("(?<![需应要待])")


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The comma-delimited clause around [start, end), kept within the sentence [lo, hi)."""
    left = lo
    for m in CLAUSE_BREAK.finditer(text, lo, start):
        left = m.end()
    m = CLAUSE_BREAK.search(text, end, hi)
    return left, (m.start() if m else hi)


def figure_kind(
    text: str, fig: Figure, clause: tuple[int, int], sentence: tuple[int, int], role: str = ""
) -> str:
    """target for plans and forecasts (计划, 预计, 建成后可惠及; not 计划生育), rule for standing
    rules and deadlines (每月至少, 9个月内; not a yearly outcome 每年增加), baseline for scope
    totals, stocks and before-figures (反馈问题67个, 4个巡察组, 下辖/共有/全镇有…, 对辖区N个X,
    对N个单位开展巡察, 涉及…N个村, 存在…问题的N座, the whole of N中的M, the total of a pair
    with no verb of work, 巡察前…, 由N提高到), otherwise result (共N after a verb of work,
    剩余N, the done part of a pair). A remainder is a result even where a plan takes it up
    (剩余4口已列入建设计划; not where a forecast verb governs it); a threshold that marks out a
    class is a rule (35岁以下干部, 低于10万元的村); an area's whole set in one state is a
    baseline (全县42个村卫生室实现…全覆盖, 在全乡8个村推行). A breakdown after 其中 is
    settled in breakdown_kinds."""
    words = text[clause[0] : clause[1]]
    before = text[clause[0] : fig.start]
    rest = text[fig.end : clause[1]]
    # (对辖区内其余6个社区开展排查: the other members of a set, not what is left)
    remainder = REMAINDER.search(before) and not re.search(rf"对(?:{SET_BY_PLACE})其余$", before)
    if remainder:
        # 计划年底前完成剩余23个, 确保剩余18项…9月底前整改到位: the plan takes up what is left;
        # 剩余4口已列入2026年建设计划: what is left, counted as the work stands (剩余4座计划于
        # 4月底前完成, a forecast of its own clause, is read as a target below)
        if _plan_over(text, fig, sentence):
            return "target"
        if not FORECAST.search(words):
            return "result"
    if BASELINE.search(before) and re.match(
        r"\s*(?:[^,。;]{0,12})(?:提升|提高|增加|增长|下降|减少|降低|扩容|压减|缩短)?(?:至|到|为)",
        rest,
    ):
        return "baseline"  # 由原来的每日800吨扩容至…, 将由2000吨提升至: the value before
    if _scope(before, rest):
        return "baseline"  # an area's whole set is counted as it stands, even in a plan
    if TARGET_WORDS.search(words) or WILL_BRING.search(before) or WILL.search(before):
        return "target"
    if _threshold(before, rest) or _lasting(before, rest, fig):
        return "rule"
    # A forecast verb governs the rest of its sentence up to a semicolon, which opens the
    # next statement (预计3月底前完成;126条措施已落实119条); a standing rule of its own
    # clause stays a rule (力争…,并对…每半年至少开展1次回头看).
    reach = max(sentence[0], text.rfind(";", sentence[0], fig.start) + 1)
    forecast = list(FORECAST.finditer(text, reach, fig.start))
    if (
        forecast
        and not _standing(before, fig)
        # 2025年计划改造小区6个,目前已完工4个: work done since the plan is counted as it stands
        and not re.search(r"目前|现已|截至|(?<![将预])已", text[forecast[-1].end() : fig.start])
    ):
        return "target"
    every = RULE_EVERY.search(before)
    if every and (
        re.search(
            r"(?:至|(?<!落实)到|为|由|从|达)(?:每[\u4e00-\u9fff]{1,3})?$",
            before[: every.start()],
        )
        or re.search(r"(?:至|到|为)$", before[every.end() :])
    ):
        every = None  # 由每日800吨扩容至每日2000吨, 租金仅为每亩每年420元: a rate's level
    if every and re.search(
        r"增加|增收|减少|提高|提升|节约|带动|实现|产生|创收", before[every.end() :]
    ):
        every = None  # 盘活后每年增加村集体收入12万元: a yearly outcome, not a rule
    # 在集中整改的前两个月内即办结: a window of the work done, not a time limit
    # 压缩至3个工作日以内: the level a time was cut to, not a time limit
    window = before.endswith("的前") or bool(LEVEL_REACHED.search(before))
    # 时限由5个工作日压缩至3个工作日: the level the limit was cut to (压缩至7个工作日内 is
    # the limit itself)
    cut_to = window and not re.match(r"\s*(?:内|以内|之内)", text[fig.end :])
    if (fig.deadline and not window) or every or (RULE_WORDS.search(before) and not cut_to):
        return "rule"
    if PER_MEMBER.search(before):
        return "rule"  # 逐一明确1名领导联系: a quota for each member of a set
    if fig.qualifier in ("至少", "不低于"):
        return "rule"  # "列出至少1个", "不低于5名": a requirement, not an outcome
    if fig.qualifier in ("以上", "以下", "以内") and RULE_STATEMENT.search(
        text, sentence[0], sentence[1]
    ):
        return "rule"  # "规定投资额10万元以上的项目须公开招标": a threshold in a rule
    if re.search(
        r"每(?:亩|人|户|吨|头|餐|次|平方米|立方米|公里|村|个)(?:每(?:月|年))?"
        r"(?:补贴|补助|奖励|奖补|给予|发放)(?:标准)?(?:为)?$",
        before,
    ):
        return "rule"  # 对80周岁以上老人每餐补贴3元: a standard rate
    if RATE_STANDARD.search(before) and STANDARD_AFTER.match(rest):
        return "rule"  # 实行每亩100元的奖补: a standard rate
    if (
        fig.unit in ("个月", "天", "日", "周", "工作日", "个工作日", "小时", "个小时")
        and re.match(r"内|以内|之内", text[fig.end :])
        and not window
    ):
        return "rule"
    after = text[fig.end : min(clause[1], fig.end + 12)]
    if re.match(r"[^,;。\d]{0,16}中的\s*\d", text[fig.end : clause[1]]):
        return "baseline"  # 完成9座病险水库除险加固中的6座: the whole the part is of
    if remainder:
        return "result"  # 剩余2个: what is left of a total, counted as the work stands
    if role == "total":
        # 21处积水点已完成整治19处, 排查出病险山塘23口,已除险加固19口: the total of a pair is the
        # stock the done part is measured against, whether the work found it or it was known
        return "baseline"
    if re.search(r"共(?:有|计)?$", before) and not (
        ACTION.search(text, sentence[0], fig.start) or ACTION.search(after)
    ):
        return "baseline"  # 全镇农村公厕共46座: a stock, no work done
    if re.search(r"(?:计划|纳入)[\u4e00-\u9fff]{1,6}的[^,;。\d]{1,10}共(?:有|计)?$", before):
        return "baseline"  # 2024年计划改造的老旧小区共17个: the year's scope, named by its plan
    if re.search(r"(?:^|[出现有])(?:历史)?存量[^,;。\d]{0,10}$", before) or (
        re.search(r"总投资(?:额)?(?:约|共|为|达)?$", before)
        and not re.search(r"引进|招引|签约|招商|落地", text[sentence[0] : fig.start])
    ):
        # 梳理出存量违建186宗, 项目总投资2650万元: a stock, a project's size (not 引进项目3个,
        # 总投资1.2亿元, the investment brought in)
        return "baseline"
    has_problem = HAS_PROBLEM.search(before)
    if has_problem and not re.search(
        r"(?:发现|排查出|查出|摸排出|核查出|检查出)$", before[: has_problem.start()]
    ):
        return "baseline"
    within = re.match(
        r"[\u4e00-\u9fff()“”]{1,12}?中(?!心|学|央|期|型|旬|标|小|医|队|药|转|介)", rest
    )
    if (
        within
        and not re.search(r"正在|已|在", within.group())
        and ((within.end() == len(rest) and not ACTION.search(rest)) or AREA_BEFORE.search(before))
    ):
        return "baseline"  # 全镇11个村中,已有8个…: the whole the next clause counts within
    if re.search(r"涉及(?:居民|群众|农户|村民|住户|家庭)$", before):
        return "baseline"  # 改造老旧小区6个,涉及居民2350户: the people a project spans
    if (
        re.search(r"涉及(?!的)[^,;。\d]{0,12}$", before)
        and re.match(r"[\u4e00-\u9fff(“]", rest)
        and not re.match(r"(?:已|均|全部|正在)", rest)
    ):
        return "baseline"  # 涉及新塘、石门3个村: the scope a problem spans (not 涉及人员27人)
    if re.search(r"针对[^,;。\d]{0,12}$", before) and re.match(r"[^,;。\d]{1,16}问题", rest):
        return "baseline"  # 针对东坑、西坑2个村饮水不足问题: the scope of the problem met
    if re.match(r"[^,;。]{0,20}?(?:开展|进行|实施)[^,;。]{0,6}(?:巡察|巡视)", rest) or re.search(
        r"(?:巡察|巡视)了[^,;。\d]{0,30}$|延伸(?:巡察|巡视)[^,;。\d]{0,12}$", before
    ):
        return "baseline"  # 对全县12个乡镇开展常规巡察, 延伸巡察了…等3家单位: the units inspected
    if (CHECKED_SET.search(before) and CHECK_AFTER.match(rest)) or OPEN_SET.search(before):
        return "baseline"
    if re.search(r"(?:^|[\u4e00-\u9fff])(?:对|将)$", before) and re.match(
        r"(?:具体|各类|项)?问题", rest
    ):
        return "baseline"  # 对28个具体问题逐一建立台账, 将13项问题细化为任务: the notice's problems
    if FEEDBACK_CLAUSE.match(before) and FEEDBACK_SENTENCE.search(text, sentence[0], clause[0]):
        return "baseline"
    if MEASURES.search(before) and _for_feedback(text, clause, sentence):
        return "baseline"  # 对巡察反馈的23个问题,制定整改措施76条: the rectification's scope
    stock = STOCK_BEFORE.search(before)
    if stock and VERB_JUST_BEFORE.search(before[: stock.start()]):
        stock = None  # 走访辖区企业136家: the work done in the area, not its stock
    if INSPECTION_FOUND.search(before):
        return "baseline"
    if (stock and not ACTION.search(stock.group(), 1)) or SCOPE_WORDS.search(
        before[-10:] + text[fig.start : fig.end] + after
    ):
        return "baseline"  # 下辖8个村, 对辖区11个站点开展排查 (not 辖区内排查出隐患N处)
    # the latest before-time of the sentence
    opens = next(reversed(list(OPENS_BEFORE.finditer(text[sentence[0] : fig.start]))), None)
    if opens and re.search(r"后|目前|现|已|截至", text[sentence[0] + opens.end() : fig.start]):
        opens = None  # 巡察前,…整改后新建4座: a later time takes over
    if (BEFORE_TIME.search(before) or opens) and not figure_change(text, fig, clause):
        return "baseline"
    if BASELINE.search(before) and re.match(
        r"\s*(?:[^,。;]{0,12})(?:提升|提高|增加|增长|下降|减少|降低)?(?:至|到)",
        text[fig.end : clause[1]],
    ):
        return "baseline"
    return "result"


def _plan_over(text: str, fig: Figure, sentence: tuple[int, int]) -> bool:
    """A plan word before the figure in its statement (up to a semicolon) with no work done
    said between them: 计划年底前完成剩余23个…, 确保剩余18项…,剩余4件…年内化解到位 (not
    计划改造6个,已完工4个,其余2个: the plan's part already done, the rest counted)."""
    reach = max(sentence[0], text.rfind(";", sentence[0], fig.start) + 1)
    plans = list(PLAN_OVER.finditer(text, reach, fig.start))
    return bool(plans) and not re.search(r"已|正在|目前", text[plans[-1].end() : fig.start])


def _standing(before: str, fig: Figure) -> bool:
    """每月至少召开1次, 每半年不少于2次: a frequency with its floor, a rule wherever it sits."""
    every = RULE_EVERY.search(before)
    return bool(
        every
        and re.search(r"至少|不少于|不低于", before[every.end() :])
        or (every and fig.qualifier in ("至少", "不低于"))
    )


def _threshold(before: str, rest: str) -> bool:
    """35岁以下干部, 10万元以上的项目, 低于10万元的村: a criterion marking out a class."""
    if THRESHOLD_AFTER.match(rest):
        return True
    return bool(COMPARATOR.search(before) and CLASS_AFTER.match(rest))


def _lasting(before: str, rest: str, fig: Figure) -> bool:
    """对连续3个月未参加组织生活的党员, 超过30天未办结的工单: a duration marking out a class."""
    return (
        fig.unit in ("个月", "天", "日", "年", "周", "个工作日", "工作日", "小时")
        and bool(re.search(r"(?:连续|超过|超|满|逾期|逾)$", before))
        and bool(re.match(r"[^,;。\d]{0,10}的[\u4e00-\u9fff“]", rest))
    )


def _scope(before: str, rest: str) -> bool:
    """An area's whole set (see AREA), a stock a relative clause describes."""
    if IN_AREA.search(before) or DESCRIBED_HAS.search(before) and not re.search(r"\d", before):
        return True
    if DOMAIN_BEFORE.search(before) and DOMAIN_LEVEL.match(rest):
        return True  # 7个村集体经济收入全部达到5万元以上
    if AREA_BEFORE.search(before) and DOMAIN_STATE.match(rest):
        return True
    return bool(AREA_STOCK.search(before) and not rest.strip())


# The size of the stock just counted, with no verb of its own (、面积2.17万亩, ,总长14.6公里).
MEASURE_OF = re.compile(
    r"\s*[、,]\s*(?:涉及)?(?:总长|总面积|面积|长度|总金额|金额)(?:约|共|共计|达|为)?\s*"
)
# the next member of a 、 list, named by a noun alone
LIST_NEXT = re.compile(r"\s*、[^,;。\d、]{1,12}")


def breakdown_kinds(
    text: str,
    figures: list[Figure],
    clauses: list[tuple[int, int]],
    kinds: list[str],
    totals: frozenset[int] | set[int] = frozenset(),
) -> list[str]:
    """A breakdown of a baseline is a baseline: the figures after 其中 that split a stock or
    scope total by category, with no verb of work of their own (反馈问题30个,其中党的建设
    方面12个,其他方面8个; 全镇有低保户216户,其中重点保障对象35户), the next member of a 、
    list of a baseline (反馈的镇级问题18个、村级问题47个) and the size of a stock (废弃矿山共38处、
    面积2.17万亩; not of the total of work done, given by `totals`, the indices of pair totals)."""
    out = list(kinds)
    split: set[int] = set()  # figures made a baseline as parts of a breakdown
    for i, fig in enumerate(figures):
        if out[i] != "result":
            continue
        if (
            i
            and out[i - 1] == "baseline"
            and i - 1 not in totals  # (清理款项23笔,金额312.4万元,已销号19笔: work's total)
            and MEASURE_OF.fullmatch(text[figures[i - 1].end : fig.start])
        ):
            out[i] = "baseline"  # 废弃矿山共38处、面积2.17万亩: the size of the same stock
            continue
        for j in range(i - 1, -1, -1):
            if figures[j].unit != fig.unit:
                continue
            between = text[figures[j].end : fig.start]
            # its own words: from the list item before it in its clause, up to the next one
            lo = max(clauses[i][0], text.rfind("、", clauses[i][0], fig.start) + 1)
            own = text[lo : fig.start] + text[fig.end : clauses[i][1]].split("、")[0]
            own = re.sub(r"[^,;。]{0,10}方面", "", own)  # 党的建设方面: a category's name
            if (
                out[j] == "baseline"
                and ("其中" in between or (j in split and not ACTION.search(between)))
                and not ACTION.search(own)
                and not re.search(r"已|正在|尚未|未|\d", own)
            ) or (
                # 反馈的镇级问题18个、村级问题47个建立清单: the list's verb after it is the
                # whole list's
                out[j] == "baseline"
                and LIST_NEXT.fullmatch(between)
                and not ACTION.search(between)
                and not re.search(r"已|正在|尚未|未", between)
            ):
                out[i] = "baseline"
                split.add(i)
            break
    return out


def figure_change(text: str, fig: Figure, clause: tuple[int, int]) -> str | None:
    """up or down where the figure is a stated change (同比下降57.3%, 较巡察前提升425.6亩)."""
    before = text[clause[0] : fig.start]
    tail = re.sub(r"(?:了|约|近|超过|超|逾|达到|达|幅度为|为)+$", "", before)
    if SELF_UP.search(tail):
        return "up"  # 户均增收约2800元, 年增收租金19万元: the verb is itself a change
    if SELF_DOWN.search(tail):
        return "down"  # 平均降价幅度超过五成 (审减资金N万元 is the sum cut: a result)
    compared = COMPARISON.search(before) or fig.unit in ("%", "倍", "个百分点", "百分点")
    if not compared and re.fullmatch(r"\s*(?:共|累计|同步)?(?:[^\W\d]{2})", tail):
        # 平均年龄由49.6岁降至46.8岁,下降2.8岁: the clause after a 由A至B names its amount
        earlier = text[max(0, clause[0] - 60) : clause[0]]
        earlier = earlier[earlier.rfind("。") + 1 :]
        compared = re.search(r"(?:由|从)[^,;。]{0,20}(?:至|到)[^,;。]{0,12}[,,]\s*$", earlier)
    if not compared:
        return None
    if tail.endswith(UP_WORDS):
        return "up"
    if tail.endswith(DOWN_WORDS):
        return "down"
    return None


def figure_period(text: str, fig: Figure, sentence: tuple[int, int]) -> str | None:
    """The latest time phrase before the figure in its sentence (截至2025年5月31日, 2024年以来,
    集中整改期, 巡察前, 2024年, …). A bare year that does not open its clause dates something else
    (纳入2026年度项目, 力争2026年汛期前开工), not the figure; nor is a before-time compared
    against (较巡察前提升4.8个百分点) the figure's time."""
    lo = sentence[0]
    best: tuple[int, str] | None = None

    def offer(start: int, label: str) -> None:
        nonlocal best
        if inside_name(text, start):
            return
        if best is None or start > best[0]:
            best = (start, label)

    for regex, template in PERIODS:
        for m in regex.finditer(text, lo, fig.start):
            if template.endswith("底前") and ";" in text[m.end() : fig.start]:
                continue  # 预计3月底前完成;126条措施已落实119条: a deadline ends at its semicolon
            groups = [g for g in m.groups() if g]
            label = template.format(*groups) if template else m.group()
            offer(m.start(), label.replace(" ", ""))
    for m in YEAR_PERIOD.finditer(text, lo, fig.start):
        if re.search(
            r"(?:同比|较|相较|相比|对比|比)\s*$", text[max(lo, m.start() - 3) : m.start()]
        ):
            continue
        if not _opens_clause(text, lo, m.start()):
            continue  # 纳入2026年度项目, 力争2026年汛期前: a year of something else
        if best is not None and best[0] <= m.start() < best[0] + 12:
            continue  # the year of a longer phrase already read (2025年1—8月)
        offer(m.start(), m.group(1))
    return best[1] if best else None


def _opens_clause(text: str, lo: int, start: int) -> bool:
    """A year at the head of its clause (2025年,全镇…; 2025年新建…; 一是2025年…)."""
    head = text[lo:start]
    cut = max(head.rfind(c) for c in ",;:|")
    head = head[cut + 1 :]
    return bool(
        re.fullmatch(
            r"\s*(?:[一二三四五六七八九十]是|其中|同时|并|在|于|截至|自|从|"
            r"(?:计划|力争|预计|争取)(?:到|于|在)?)?\s*",
            head,
        )
    )
