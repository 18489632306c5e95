"""What a figure means in its sentence: kind, change, period, metric."""

from __future__ import annotations

import re

from loaders.figures import Figure, inside_name
from loaders.subject import REMAINDER, VERBS

# A table cell (" | ") ends a clause too: a figure never takes words from the cell before it.
# A thousands separator (2,300元) is not a clause mark.
CLAUSE_BREAK = re.compile(r"[;:。!?\n|\t]|(?<!\d),|,(?!\d{3}(?!\d))")
TARGET_WORDS = re.compile(
    r"(?<!年度)计划(?!的|生育)|预计|力争|目标(?!责任)|潜力|拟|有望|预期|规划建设"
)
# Scope totals and stocks: what a result is measured against (下辖8个村, 共有11个行政村,
# 反馈问题67个, 4个巡察组, 共40家被巡察单位, 巡察前…).
STOCK_BEFORE = re.compile(
    r"(?:下辖|(?<![管所])辖|共有|现有|辖有|原有|尚有|存有|(?:^|是)全(?:镇|村|区|县|乡|市|街道)有)"
    r"[^,;。]{0,12}$"
)
SCOPE_WORDS = re.compile(r"巡察组|被巡察|巡视组|反馈(?:的)?(?:问题|意见)|反馈[^,;。]{0,8}问题")
BEFORE_TIME = re.compile(r"(?:巡察前|整改前|巡察时|此前|原先|原来)[^,;。\d至到]{0,16}$")
RULE_EVERY = re.compile(r"每(?:个)?(?:年|月|季度|季|周|半年|天|日|星期|学期)")
RULE_STATEMENT = re.compile(r"规定|明确|要求|必须|须经|一律|严禁|不得")
RULE_WORDS = re.compile(r"期满|距离|以内|之内|限期|时限")
# Any verb of work done (the verbs of loaders/subject.py): a 共N after one is a result.
ACTION = re.compile("|".join(re.escape(v) for v in VERBS))
# A benefit a project will bring: 建成后可惠及群众1.2万人.
WILL_BRING = re.compile(
    r"(?:建成|完工|投产|投用|实施|运营|投入使用)后(?:可|将|能)|"
    r"(?<![认许宁])可(?:惠及|带动|增加|新增|实现|解决|满足|覆盖|容纳|节约|减少|提供|吸纳|改善)"
)
# A stock of problems found, not work done: 其中存在破损问题的17座.
HAS_PROBLEM = re.compile(r"存在[^,;。]{0,12}(?:问题|隐患|风险|短板)的?$")
BASELINE = re.compile(r"(?:由|从)[^,;。由从]{0,8}$")
# A forecast verb governs the rest of its sentence: "预计新增…300亩,可带动就业1500人".
FORECAST = re.compile(r"预计|力争|有望|预期|计划(?=\d|于|在|再|到|今|明|新)")
UP_WORDS = ("提升", "提高", "增长", "增加", "上升", "改善", "扩大", "增幅", "增")
DOWN_WORDS = ("下降", "减少", "降低", "缩短", "缩减", "下滑", "降幅", "减")
COMPARISON = re.compile(r"同比|环比|较|相较|相比|对比|比上年|比去年|与上年|提升了|下降了")
YEAR_PERIOD = re.compile(r"(?<![\d—-])(\d{4})年(?:全年|度)?(?![\d—-])(?!以来|底|末)")
PERIODS = (
    (re.compile(r"截至\s*(\d{4})年(?:底|末)|至\s*(\d{4})年(?:底|末)"), "截至{}年底"),
    (re.compile(r"截至\s*(\d{4}年\d{1,2}月)(?:底|末)"), "截至{}底"),
    (re.compile(r"截至(?:目前|当前|现在)"), "截至目前"),
    (re.compile(r"(\d{4})年以来"), "{}年以来"),
    (re.compile(r"巡察以来|巡察反馈以来"), "巡察以来"),
    (re.compile(r"集中整改(?:期间|期|以来|阶段)"), "集中整改期"),
)
LEADING_NOISE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}是|其中|共计|累计|合计|总计|共|全年|同时|另有|此外|并|已|均|还|再|及|和|对|在|为)+"
)
TRAILING_NOISE = re.compile(
    r"(?:共计|累计|合计|总计|共约|共|约|近|超过|超|逾|达到|达|为|等|计|有|至少|不低于|不少于|"
    r"同比|较巡察前|较|提升|提高|增长|增加|下降|减少|降低|改善)+$"
)


ACTION_BEFORE = re.compile(
    r"(?<![需应要待])(?:完成|整改|整治|排查|检查|发现|拆除|清理|新增|新建|建成|解决|处置|查处|收集|梳理|摸排|"
    r"开展|召开|组织|培训|改造|修复|种植|消除|认领|推动|实现|办结|实施|谋划)[^,;。]{0,12}$"
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
    剩余N, the done part of a pair). A breakdown after 其中 is settled in breakdown_kinds."""
    words = text[clause[0] : clause[1]]
    before = text[clause[0] : fig.start]
    if (
        TARGET_WORDS.search(words)
        or FORECAST.search(text, sentence[0], fig.start)
        or WILL_BRING.search(before)
    ):
        return "target"
    every = RULE_EVERY.search(before)
    if every and re.search(
        r"增加|增收|减少|提高|提升|节约|带动|实现|产生|创收", before[every.end() :]
    ):
        every = None  # 盘活后每年增加村集体收入12万元: a yearly outcome, not a rule
    if fig.deadline or every or RULE_WORDS.search(before):
        return "rule"
    if fig.qualifier in ("至少", "不低于"):
        return "rule"  # "列出至少1个", "不低于5名": a requirement, not an outcome
    if fig.qualifier in ("以上", "以下", "以内") and RULE_STATEMENT.search(
        text, sentence[0], sentence[1]
    ):
        return "rule"  # "规定投资额10万元以上的项目须公开招标": a threshold in a rule
    if fig.unit in ("个月", "天", "周", "工作日", "个工作日") and re.match(
        r"内|以内|之内", text[fig.end :]
    ):
        return "rule"
    after = text[fig.end : min(clause[1], fig.end + 12)]
    if re.match(r"[^,;。\d]{0,16}中的\s*\d", text[fig.end : clause[1]]):
        return "baseline"  # 完成9座病险水库除险加固中的6座: the whole the part is of
    if REMAINDER.search(before):
        return "result"  # 剩余2个: what is left of a total, counted as the work stands
    if role == "total" and (not ACTION_BEFORE.search(before) or before.endswith("的")):
        return "baseline"  # 21处历史水浸点已完成整治19处: the total a result is measured against
    if re.search(r"共(?:有|计)?$", before) and not (
        ACTION.search(text, sentence[0], fig.start) or ACTION.search(after)
    ):
        return "baseline"  # 全镇农村公厕共46座: a stock, no work done
    if HAS_PROBLEM.search(before):
        return "baseline"
    rest = text[fig.end : clause[1]]
    if (
        re.fullmatch(r"[\u4e00-\u9fff()“”]{1,12}中", rest)
        and not ACTION.search(rest)
        and not re.search(r"正在|已|在", rest)
    ):
        return "baseline"  # 全镇11个村中,已有8个…: the whole the next clause counts within
    if re.search(r"涉及(?!的)[^,;。\d]{0,12}$", before) and re.match(r"[\u4e00-\u9fff(“]", rest):
        return "baseline"  # 涉及新塘、石门3个村: the scope a problem spans (not 涉及人员27人)
    if re.match(r"[^,;。]{0,20}?(?:开展|进行|实施)[^,;。]{0,6}(?:巡察|巡视)", rest):
        return "baseline"  # 对全县12个乡镇开展常规巡察: the units inspected
    stock = STOCK_BEFORE.search(before)
    if (stock and not ACTION.search(stock.group(), 1)) or SCOPE_WORDS.search(
        before[-10:] + text[fig.start : fig.end] + after
    ):
        return "baseline"  # 下辖8个村, 对辖区11个站点开展排查 (not 辖区内排查出隐患N处)
    if BEFORE_TIME.search(before) and not figure_change(text, fig, clause):
        return "baseline"
    if BASELINE.search(before) and re.match(
        r"\s*(?:[^,。;]{0,12})(?:提升|提高|增加|增长|下降|减少|降低)?(?:至|到)",
        text[fig.end : clause[1]],
    ):
        return "baseline"
    return "result"


def breakdown_kinds(
    text: str, figures: list[Figure], clauses: list[tuple[int, int]], kinds: list[str]
) -> list[str]:
    """A breakdown of a baseline is a baseline: the figures after 其中 that split a stock or
    scope total by category, with no verb of work of their own (反馈问题30个,其中党的建设
    方面12个,其他方面8个; 全镇有低保户216户,其中重点保障对象35户)."""
    out = list(kinds)
    split: set[int] = set()  # figures made a baseline as parts of a breakdown
    for i, fig in enumerate(figures):
        if out[i] != "result":
            continue
        for j in range(i - 1, -1, -1):
            if figures[j].unit != fig.unit:
                continue
            between = text[figures[j].end : fig.start]
            own = text[clauses[i][0] : fig.start] + text[fig.end : clauses[i][1]]
            own = re.sub(r"[^,;。]{0,10}方面", "", own)  # 党的建设方面: a category's name
            if (
                out[j] == "baseline"
                and ("其中" in between or (j in split and not ACTION.search(between)))
                and not ACTION.search(own)
                and not re.search(r"已|正在|尚未|未", own)
            ):
                out[i] = "baseline"
                split.add(i)
            break
    return out


def figure_change(text: str, fig: Figure, clause: tuple[int, int]) -> str | None:
    """up or down where the figure is a stated change (同比下降57.3%, 较巡察前提升425.6亩)."""
    before = text[clause[0] : fig.start]
    tail = re.sub(r"(?:了|约|近|超过|超|逾|达到|达|幅度为|为)+$", "", before)
    compared = COMPARISON.search(before) or fig.unit in ("%", "倍", "个百分点", "百分点")
    if not compared:
        return None
    if tail.endswith(UP_WORDS):
        return "up"
    if tail.endswith(DOWN_WORDS):
        return "down"
    return None


def figure_period(text: str, fig: Figure, sentence: tuple[int, int]) -> str | None:
    """The latest period marker before the figure in its sentence (2024年, 集中整改期, …)."""
    lo = sentence[0]
    best: tuple[int, str] | None = None
    for regex, template in PERIODS:
        for m in regex.finditer(text, lo, fig.start):
            if inside_name(text, m.start()):
                continue
            year = next((g for g in m.groups() if g), "")
            best = max(best or (-1, ""), (m.start(), template.format(year)))
    for m in YEAR_PERIOD.finditer(text, lo, fig.start):
        if inside_name(text, m.start()):
            continue
        if re.search(
            r"(?:同比|较|相较|相比|对比|比)\s*$", text[max(lo, m.start() - 3) : m.start()]
        ):
            continue
        if best is None or m.start() > best[0]:
            best = (m.start(), m.group(1))
    return best[1] if best else None


def figure_metric(
    text: str, fig: Figure, clause: tuple[int, int], previous: str | None = None
) -> str:
    """A few Chinese words from the clause that say what is counted.

    The counted noun after the figure wins ("设置12个学习专题" -> 学习专题); else the words
    before it, cut to the phrase that governs the figure.
    """
    after = text[fig.end : clause[1]]
    after = re.sub(r"^(?:以上|左右|以下|以内|之多|内)", "", after)
    noun = NOUN_END.split(after, maxsplit=1)[0]
    raw_before = text[clause[0] : fig.start].strip()
    before = _governing_phrase(raw_before)
    if len(noun) >= 2 and not re.match(r"[\d一二三四五六七八九十约近超]", noun):
        subject = before if before and len(before) <= 8 else ""
        return (subject + noun)[:16] if subject and len(subject + noun) <= 16 else noun[:16]
    if before:
        return before[:16]
    if previous and raw_before:
        # "3.88万吨,同比增长8.2%": the change of the figure before it
        return f"{previous}({raw_before})"[:24]
    return previous or fig.unit


NOUN_END = re.compile(r"[、的并已及和与等,]|进行|开展|完成|成为|参与|参加|约|近|超")
PLACE_PREFIX = re.compile(
    r"^(?:\d{4}年(?:全年|度)?|全(?:街道|镇|乡|区|县|市)|[\u4e00-\u9fff]{2}(?:街道|镇)(?!党|办|人))"
    r"(?=[\u4e00-\u9fff]{3})"
)
GOVERNORS = re.compile(r"^(?:组织|对|由|在|通过|按照|围绕|结合|指导|督促|推动|协调|联合|依托)")


def _governing_phrase(before: str) -> str:
    """The part of the words before a figure that names what it counts."""
    before = TRAILING_NOISE.sub("", LEADING_NOISE.sub("", before.strip()))
    if not GOVERNORS.match(before):
        before = PLACE_PREFIX.sub("", PLACE_PREFIX.sub("", before))
    if len(before) <= 12:
        return before
    if GOVERNORS.match(before):
        # "组织街道相关部门、公有企业、各村(社区)检查企业场所" -> 检查企业场所
        tail = re.split(r"[、)等]", before)[-1]
        tail = re.sub(r"^[^\u4e00-\u9fff]+|^(?:多种方式|方式)", "", tail)
        return tail if len(tail) >= 3 else before[-12:]
    head = before.split("、", 1)[0]
    # "拆除村内违章建筑、乱搭乱建、危旧房…" -> 拆除村内违章建筑等
    return head + "等" if "、" in before and 4 <= len(head) <= 12 else before[:16]
