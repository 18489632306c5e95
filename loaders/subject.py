"""What a figure counts (its subject) and the label a leader reads (its metric).

The subject is always a stretch of the figure's sentence, the head of the counted noun
phrase, read in this order:
- the noun phrase after the figure (设置12个学习专题 -> 学习专题; 为期45天的常规巡察);
- else the object of the verb before it (新增停车位122个 -> 停车位), a 、-list with its class
  kept whole (闲置校舍、厂房等资产), a category named whole (全面从严治党方面12个);
- else the noun a verb follows (雨水箅子应急清淤410个 -> 雨水箅子; 配套资金已到位);
- else a plain noun (餐饮企业1860家次).
Verbs inside a compound noun are part of it (党风廉政建设责任书, 程序不规范问题, 督查通报);
times, bounds and adverbs before the figure never are (2025年底前, 不少于, 积极向上).
A clause naming only its verb takes the subject an earlier clause of the sentence gave that
verb: the object of 对 (对农村自建房开展排查,共排查1862栋), the object of the same verb
(选派6名年轻干部…再选派4名), the noun the verb is part of (培训班1期,培训82人次). A measure
with no thing of its own (金额共计, 面积) measures the thing named before it. A figure whose
clause names nothing borrows the subject of the figure before it in the same unit
(排查安全隐患40个,已整改35个); a remainder (其余/剩余 N) takes the whole's subject; the two
figures of a done-of-total pair share the total's. Where nothing is named the subject is None
(the label may still borrow what a unit counted earlier in the same item).

The metric is the governing verb and the subject (已整改安全隐患, 应急清淤雨水箅子), a shared
word said once (完成整改措施), with the words before 的 that say which ones when they fit
(存在安全隐患的自建房), a list by its head and class (拆除违章建筑等, 盘活闲置校舍等资产);
for a rate or change the subject and its change (通水率提升), a rate of several owners by its
own words (专业人员占比提高到). 2-14 characters, cut only at whole words.

The word lists below are of the language (verbs, adverbs, function words), not of any report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from loaders.figures import Figure

# Verbs that govern a counted object, longest matched first.
VERBS = sorted(
    set(
        """
    完成 整改 整治 拆除 清拆 清理 清除 清运 清洗 清淤 清疏 疏浚 新增 新建 建成 建设 改造 提升 修复 维修
    修缮 更换 加装 安装 铺设 硬化 种植 补种 修剪 栽种 排查 检查 巡查 抽查 督查 核查 发现 查处 查办
    立案 处罚 收集 梳理 摸排 设置 形成 制定 印发 修订 出台 审议 召开 开展 组织 举办 培训 宣讲 走访
    约谈 招录 引进 成立 组建 指导 推动 督促 认领 消除 治理 处置 盘活 收回 签约 签订 培育 打造 申报
    创建 认定 解决 办结 化解 调处 受理 答复 销号 录入 移交 投入 发放 落实 实现 带动 吸引 拉动 覆盖
    参与 参加 撰写 学习 研讨 研究 部署 调研 入驻 供应 复耕 复种 垦造 流转 捐赠 筹集 争取 完工 动工
    开工 竣工 验收 编制 批复 配备 选派 轮训 考核 晋升 通报 问责 处理 聘请 检测 加固 挖掘 保护 提醒
    下达 推进 实施 征收 征集 关停 取缔 搬迁 腾退 收储 供地 出让 划定 复垦 申请 审批 报批 建立 健全
    整合 优化 规范 评选 表彰 慰问 帮扶 资助 救助 安置 接待 办理 协调 对接 签署 达成 引导 发动 动员
    举行 播放 发布 推送 张贴 悬挂 印制 派发 入户 宣传 放映 录制 拍摄 采购 购置 配置 储备 选拔 任用
    调整 交流 提拔 补充 招聘 吸纳 发展 设立 增设 增加 减少 降低 下降 增长 提高 达到 审计 追缴 退还
    实行 推行 成为 进入 纳入 列入 入选 获得 获评 进行 结对 挽回 节约 完善 修编 测评 反馈 开通 接入 改建 扩建 续建 启动 新招录 谋划 认领谋划 打通 疏通 整顿
    加快 巡察 辨识 上墙 派出 派驻 到位 清查 核实 核销 补办 补齐 补录 纠正 清收 清缴 补缴 开设 配齐 建档 归档 立项 回访 下发 转办 交办 督办 给予 追责 退赔 罚款 维护 养护 巡护 监测 采样 兑现 兑付 拨付 支付 返还 核减 审减 压减 节省 紧盯 明确 确定 驻村 驻点 涉及 受益 惠及 收到 接收 化解 提供 解答 入库 除险 退回 退缴 追回 收缴 联系 储备 挂牌 登记 备案 公示 约谈提醒 标准化 硬底化 亮化 绿化 美化 描边 清退 注销 查封 没收 拆建 植树 覆绿
    听取 督导 暗访 复绿 上门 扩容 坚持 投产 投用 评出 评定 用于 规范化
    暂停 取消 吊销 撤销 停止 终止 冻结 解除 责令 暂扣 停产 停业
    复核 转化 续签 招租 记入 超出 报送 偿还 清偿 降至 升至 降到 升到 指出 提出 响应 回复 答复 审核
    缩短 缩减 发出 上报 带队 确保
    配租 包案 并入 调度 比对 停发 补签 上缴 上交 细化 压缩
    """.split()
    ),
    key=len,
    reverse=True,
)
# Words that sit between a subject and its verb or before a verb: adverbs, aspect, agents' markers.
ADVERBS = sorted(
    set(
        """
    已经 已 均已 均 都 长期 全部 全面 积极 累计 共计 合计 总计 共 先后 陆续 持续 进一步 同步 有效 顺利 基本
    逐步 及时 主动 深入 切实 认真 依法 严格 全力 成功 广泛 常态化 应急 全速 正在 正
    目前 现已 再次 重新 再 又 还 并 也 另 另有 此外 同时 其中 一次性 统一 分别 新 先行 率先 提前 如期 按期
    全覆盖 初步 正式 及 和 与 以及 或 需 要 将 把 对 向 为 由 在 于 通过 按照 围绕 结合 依托 协助
    帮助 向上 积极向上 到 赴 已有 仍有 尚有 均有 了 过 着 约 近 超 逾 达 共有 现有 计 有 是 被 累计完成 阶段性 逐一 逐项 逐个 全年 年内 当年 巡察以来 以来 期间 每月 每年 每季度 每周 每天 每半年 至少 不少于 最少 不低于 多次
    分批 无偿 公开 连续 逐条 逐户 逐村 逐家 逐件
    """.split()
    ),
    key=len,
    reverse=True,
)


@dataclass
class Meaning:
    """What a figure counts and the words that govern it, as read from its clause."""

    subject: str | None
    verb: str = ""
    post_verb: str = ""
    change_word: str = ""
    listed: bool = False  # the subject heads a 、-list ending in 等
    from_after: bool = False  # the subject is the noun after the figure (N个X)
    borrowed: str | None = None  # named in an earlier sentence: for the label only
    remainder: bool = False  # 其余/剩余 N: what is left of the whole before it
    modifier: str = ""  # 存在安全隐患(的自建房): words before 的 that say which ones, label only
    attribute: str = ""  # (往来款项)金额: a measure of the thing an earlier clause named
    subset: str = ""  # 其中C级(28栋): the class of a part of the whole, label only
    earlier: bool = False  # the subject was named in an earlier sentence of the item
    named_as: str = ""  # 拆除面积(约2.76万平方米): the words naming a measure, its subject
    rate_of: str = ""  # (隐患)整改率: what a rate named by its act alone is of, label only


PLACE = re.compile(
    r"^(?:全(?:街道|镇|乡|区|县|市|村)|[\u4e00-\u9fff]{2}(?:街道|镇|乡)(?![党办人])"
    r"|各(?:村\(社区\)|村|社区|镇|部门|单位)|本辖区|辖区内?)"
)
# a clause opening with 比 compares what the clause before measured (…率为93.6%,比巡察前…提高)
COMPARISON = re.compile(
    r"同比|环比|相较于?|相比|对比|较|比上年|比去年|与上年相比|^\s*比(?![例重率对])"
)
CHANGE_WORDS = re.compile(
    r"(?:(?:提升|提高|增长|增加|上升|改善|扩大|下降|减少|降低|缩短|缩减|压缩|下滑)(?:了|到|至|为)?"
    r"|[降升](?:到|至|为))"  # 平均年龄由52岁降至45岁
)
RATE_TAIL = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:率|占比|比例|比重|指数|宗数|数量|总数|面积|产值|收入|人数|度)$"
)
OPEN_CLOSE = {"“": "”", "(": ")", "《": "》"}
# A modifier before 的 that describes rather than names (1篇高质量的调研报告).
DESCRIBING = re.compile(r"[高低好优强弱重大小新老多少较更最]|符合|规范|突出|明显|困难|优质")
ACT_COUNTS = frozenset("次 场 轮 期 批次".split())  # times an act was done, never people
EVENT_UNITS = {"次", "场", "场次", "期", "轮", "批次", "人次", "家次", "户次", "车次", "宗次"}
LEAD_ADVERBS = (
    "长期",
    "基本",
    "需",
    "已",
    "均已",
    "已经",
    "正在",
    "均",
    "应急",
    "新",
    "全面",
    "及时",
    "累计完成",
    "已全部",
)
VERB_SET = frozenset(VERBS)
ADVERB_SET = frozenset(ADVERBS) | {"以上", "左右", "以下", "以内", "之多", "多", "余", "以", "后"}
# Nouns a verb can modify to make a compound noun (检修井, 整改率, 巡查里程, 建设计划).
HEADS = frozenset(
    """
    率 组 部 站 点 井 量 员 者 队 所 室 会 中心 工作 制度 机制 台账 清单 方案 计划 报告 任务 面积
    里程 人数 次数 得分 分值 规模 专题 通报 总面积 金额 产量 产值 简报 台账 项目 行动 会议 活动 工程 资金 经费 范围 对象 单位 情况 成果 记录 设施 设备
    道路 线路 管网 体系 平台 窗口 基地 队伍 小组 专班 人员 力度 比例 占比 指数 能力 水平 标准 系统
    函 单 表 汇报 时间 时长 进展
    """.split()
)
# Verbs that also name a field of work inside a compound noun (党风廉政建设责任书,
# 环境卫生整治提升行动).
NOMINAL_VERBS = frozenset(
    "建设 整治 提升 治理 管理 保护 改造 发展 服务 监督 巡查 宣传 培训 防控 防汛 督查 通报".split()
)
NEGATION = ("不", "未", "无", "非")
# Words saying a deed was done wrongly: the verb after them describes its object
# (清退违规发放津补贴, 纠正未经集体研究事项), it does not govern the count.
WRONGLY = re.compile(r"^(?:违规|违法|违纪|违章|擅自|虚报|冒领|超标准?|超范围|未经|未按)")
DISTRIBUTIVE = re.compile(r"每[\u4e00-\u9fff]{1,3}")
ADJECTIVAL = frozenset("应急 全面 集中 重点 统一 常态化 阶段性 同步 主动 公开 无偿 连续".split())
DIRECTIONAL = frozenset(("出",))  # a directional complement jieba leaves alone
PUNCT = set(",;:。!?\n|\t")
LEADING_NOISE = re.compile(r"^(?:[一二三四五六七八九十]{1,2}是|是)")


def _words(phrase: str) -> list[str]:
    """jieba's words, with a “quoted name” or a (bracketed) part kept whole."""
    return list(_words_cached(phrase))


@lru_cache(maxsize=8192)
def _words_cached(phrase: str) -> tuple[str, ...]:
    """One segmentation per distinct phrase: a figure's clause is read by several rules
    (its subject, its verb after the noun, an earlier clause's object), each asking again."""
    out: list[str] = []
    depth_close = ""
    for w in _merge_singles(_cut(phrase)):
        if depth_close:
            out[-1] += w
            if w == depth_close or w.endswith(depth_close):
                depth_close = ""
            continue
        if w in OPEN_CLOSE and OPEN_CLOSE[w] in phrase:
            depth_close = OPEN_CLOSE[w]
            out.append(w)
            continue
        out.append(w)
    return tuple(out)


def _merge_singles(words: list[str]) -> list[str]:
    """Single characters jieba left apart that together spell a verb or adverb (清/疏)."""
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        pair = words[i] + words[i + 1] if i + 1 < n else ""
        if pair in ("等次", "等级") and i > 0:
            out.append(pair)  # 优秀|等|次: a grade (等次), not the list marker 等
            i += 2
            continue
        if len(words[i]) == 1 and len(pair) == 3 and pair[:2] in VERB_SET and pair[2] in "至到出":
            out.append(pair)  # 压|减至: a verb and where it goes to, cut across
            i += 2
            continue
        if len(words[i]) == 1 and i + 1 < n and len(words[i + 1]) == 1:
            for size in (3, 2):
                part = words[i : i + size]
                if len(part) == size and all(len(w) == 1 for w in part):
                    joined = "".join(part)
                    if joined in VERB_SET or joined in ADVERB_SET:
                        out.append(joined)
                        i += size
                        break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return out


def _cut(phrase: str) -> list[str]:
    import jieba

    if not getattr(_cut, "ready", False):
        import logging

        jieba.setLogLevel(logging.WARNING)
        _cut.ready = True
    return jieba.lcut(phrase, HMM=False)


def _kind(w: str) -> str:
    if w in PUNCT or re.match(r"[\d.%]", w):
        return "p"
    if w == "、":
        return "s"
    if w == "的":
        return "d"
    if w == "等":
        return "e"
    if w in VERB_SET or (len(w) >= 3 and w[:-1] in VERB_SET and w[-1] in "出了到好完至"):
        return "v"
    if len(w) == 4 and w[:2] in VERB_SET and w[2:] in VERB_SET:
        return "v"  # 研究部署: two verbs read as one word
    for k in (1, 2):
        if len(w) > k + 1 and w[:k] in ADVERB_SET and w[k:] in VERB_SET:
            return "v"  # 全面完成, 已完成 read as one word
    if w in ADVERB_SET:
        return "a"
    if w[0] in OPEN_CLOSE:
        return "n"
    return "n" if re.search(r"[\u4e00-\u9fffA-Za-z]", w) else "p"


def _tokens(phrase: str) -> list[tuple[str, str]]:
    """('v'|'a'|'n'|'s'|'d'|'p', text) runs: verbs, adverbs, nouns, 、, 的, stops (a fresh
    list each call: callers pop from it)."""
    return list(_tokens_cached(phrase))


@lru_cache(maxsize=8192)
def _tokens_cached(phrase: str) -> tuple[tuple[str, str], ...]:
    """One reading per distinct phrase: the rules of a figure's subject and label read the
    same clause several times."""
    return tuple(_read_tokens(phrase))


def _read_tokens(phrase: str) -> list[tuple[str, str]]:
    words = _words(phrase)
    kinds = [_kind(w) for w in words]
    for i, w in enumerate(words):
        if kinds[i] == "n" and DISTRIBUTIVE.fullmatch(w):
            kinds[i] = "a"  # 每亩, 每日: per what, never what is counted
        elif (
            kinds[i] == "a"
            and w in ("超", "逾")
            and i + 1 < len(words)
            and kinds[i + 1] == "n"
            and len(words[i + 1]) == 1
        ):
            kinds[i] = "n"  # 超|付|资金: a word jieba split, not the bound 超
        elif (
            w == "在"
            and 0 < i < len(words) - 2
            and kinds[i - 1] == "n"
            and len(words[i + 1]) == 1
            and kinds[i + 1] == "n"
            and kinds[i + 2] == "n"
        ):
            kinds[i] = "n"  # 公办园|在|园|幼儿, 在|岗|职工: 在 inside a noun, not a place
    for i in range(1, len(words) - 1):
        if (
            words[i] == "均"
            and words[i - 1][-1:] in "人户亩村"
            and kinds[i - 1] == kinds[i + 1] == "n"
        ):
            kinds[i] = "n"  # 规上工业企业亩|均|税收: a per-head measure is one noun
    for i in range(len(words) - 1, -1, -1):
        if kinds[i] != "v" or i + 1 >= len(words) or kinds[i + 1] != "n":
            continue
        j = i + 1
        while j < len(words) and kinds[j] == "n":
            j += 1
        nominal = (
            len(words[i + 1]) == 1
            and words[i + 1] in HEADS  # 检修井, 整改率
            or (i == 0 and j == len(words) == 2 and words[1] in HEADS)  # 巡查里程, 拆除总面积
            or (
                i > 0
                and kinds[i - 1] == "n"
                # 专题会议|研究部署…: a new predicate; 高质量|调研报告: a describing word
                and (not _ends_with_head(words[i - 1]) or DESCRIBING.match(words[i - 1]))
                and j - i - 1 <= 2
                and (words[j - 1] in HEADS or words[j - 1].endswith("率"))
            )
        )  # 人居环境整治攻坚行动, 高标准农田种植粮食面积
        if nominal:
            kinds[i] = "n"
    _nominal_runs(words, kinds)
    _listed_acts(words, kinds)
    n = len(words)
    if (
        n >= 3
        and kinds[n - 3 :] == ["v", "v", "n"]
        and len(words[-1]) >= 2
        and words[-1] in HEADS
        and not words[-2].startswith(("完成", "实现", "达到", "已", *LIGHT_VERBS))
    ):
        kinds[n - 2] = "n"  # 纳入|监测|对象: a verb between the governing verb and a head names it
    for i in range(len(words) - 1):
        if kinds[i] == "a" and words[i] in ADJECTIVAL and kinds[i + 1] == "n":
            kinds[i] = "n"  # 应急预案, 专项资金: the adverb is an adjective before a noun
    for i in range(1, len(words)):
        if kinds[i] == "v" and kinds[i - 1] == "n" and words[i - 1][-1:] in "党团":
            kinds[i] = "n"  # 党组织
    for i in range(1, len(words) - 1):
        if words[i] in DIRECTIONAL and kinds[i - 1] == "v" and kinds[i + 1] == "n":
            kinds[i] = "v"  # 排查|出|撂荒地: 出 completes the verb, it is no part of the noun
    out: list[tuple[str, str]] = []
    for k, w in zip(kinds, words, strict=True):
        _push(out, k, w)
    return out


def _nominal_runs(words: list[str], kinds: list[str]) -> None:
    """Verbs inside a compound noun read as nouns: between a governed noun and the noun that
    ends the phrase (签订|党风廉政|建设|责任书, 开展|环境卫生|整治|提升|行动), after a negation
    (程序不|规范|问题), or after the governing verb where the run ends in a noun-like word
    (印发|督查|通报)."""
    n = len(words)
    i = 0
    while i < n:
        if kinds[i] != "v":
            i += 1
            continue
        k = i
        while k < n and kinds[k] == "v":
            k += 1
        j = k
        while j < n and kinds[j] == "n":
            j += 1
        run = words[i:k]
        gov = next((g for g in range(i - 2, -1, -1) if kinds[g] == "v"), None)
        governed = (
            gov is not None
            and kinds[i - 1] == "n"
            and words[gov] not in CAUSATIVE
            and not _ends_with_head(words[i - 1])  # 专题会议|研究部署…: a new predicate
        )
        ends_phrase = j == n or kinds[j] == "p"
        if (
            governed
            and j > k
            and ends_phrase
            and (words[j - 1] in HEADS or all(w in NOMINAL_VERBS for w in run))
        ):
            kinds[i:k] = ["n"] * (k - i)
        elif (
            i > 0
            and kinds[i - 1] == "n"
            and (words[i - 1].endswith(NEGATION) or _wrongly(words, kinds, i))
            and j > k
        ):
            kinds[i:k] = ["n"] * (k - i)  # 不规范问题: a negated verb describes the noun
        elif (
            k - i >= 2
            and (k == n or kinds[k] == "p")
            and words[k - 1] in HEADS
            and all(w in NOMINAL_VERBS for w in words[i + 1 : k])
        ):
            kinds[i + 1 : k] = ["n"] * (k - i - 1)  # 印发|督查通报
        i = k
    return None


def _listed_acts(words: list[str], kinds: list[str]) -> None:
    """Items after the first of a 、-list ending in 等 are items, not verbs (诫勉谈话、批评教育、
    提醒谈话等): the list's first item says where it begins."""
    for e, w in enumerate(words):
        if w != "等":
            continue
        j = e - 1
        while j >= 0:
            k = j
            while k >= 0 and kinds[k] in "nv":
                k -= 1
            if k < 0 or words[k] != "、" or k == j:
                break
            kinds[k + 1 : j + 1] = ["n"] * (j - k)
            j = k - 1


def _wrongly(words: list[str], kinds: list[str], i: int) -> bool:
    """The noun run before word i begins with a word saying it was done wrongly."""
    g = i - 1
    while g > 0 and kinds[g - 1] == "n":
        g -= 1
    return i - g <= 3 and WRONGLY.search(words[g]) is not None


def _push(out: list[tuple[str, str]], kind: str, s: str) -> None:
    if out and out[-1][0] == kind and kind in "nv":
        out[-1] = (kind, out[-1][1] + s)
    else:
        out.append((kind, s))


def _clean_noun(noun: str) -> str:
    noun = noun.strip(" ,;:、")
    for _ in range(2):
        m = PLACE.match(noun)
        if m and len(noun) - m.end() >= 2 and place_opens(noun, m.group()):
            noun = noun[m.end() :]  # not 开发乡|村…: jieba read 乡村 there
    return noun


def _is_noun(s: str) -> bool:
    core = re.sub(r"[“”\"()《》]", "", s)
    return len(core) >= 2 and re.search(r"[\u4e00-\u9fff]", core) is not None


def read_after(
    text: str, start: int, end: int, event: bool = False, acts: bool = False
) -> str | None:
    """The noun phrase right after a figure (12个学习专题, 9个村(社区)党组织落实 -> 村(社区)党组织)."""
    modal = MODAL_AFTER.search(text, start, end)
    if modal:
        end = modal.start()  # 5000元以上(支出)须经…研究: what must be done is no noun
    toks = _tokens(text[start:end])
    i = 0
    while i < len(toks) and toks[i][0] == "a" and toks[i][1] in QUALIFIERS_AFTER:
        i += 1
    if i + 1 < len(toks) and toks[i][1] == "及" and toks[i + 1][1] in QUALIFIERS_AFTER:
        i += 2  # 65岁及以上老年人
    if (
        i < len(toks)
        and (
            toks[i][1] in ("在", "于", "从", "由", "按", "按照", "经", "向")
            or toks[i][1][0] == "按"
        )
        and not IN_STATE.match(text, start, end)
    ):
        return None  # 六成以上在集中整改的前两个月内办结: a place or time, not a noun
    if text[start:end].lstrip().startswith(CAUSES):
        return None  # 剩余1个因班子调整…: a cause begins a predicate, never a noun
    if re.match(r"逐[\u4e00-\u9fff]", text[start:end].lstrip()):
        return None  # 1,328台逐台核查: 逐台/逐户 is an adverb (one by one), not a noun
    if i < len(toks) and PER_HEAD.match(toks[i][1]):
        return None  # 312户户均增收: a rate per head follows, not what the figure counts
    rest = "".join(w for _, w in toks[i:])
    if (
        acts
        and len(toks) - i >= 2
        and toks[i][0] == "n"
        and toks[-1][0] == "v"
        and all(k in "nv" for k, _ in toks[i:])
        and 4 <= len(rest) <= 10
    ):
        return rest  # 开展1次作风建设专项督查: the act and its field, named whole
    if acts and i + 1 == len(toks) and toks[i][0] == "v" and not toks[i][1].endswith(LIGHT_VERBS):
        return toks[i][1]  # 每半年开展一次复核: the act named after its count is counted
    # "8个已动工项目建设": a relative verb before the noun
    lead = ""
    if i + 2 < len(toks) and toks[i][1] in ("已", "未", "正在", "被") and toks[i + 1][0] == "v":
        lead, i = toks[i][1] + toks[i + 1][1], i + 2
    if i + 1 < len(toks) and toks[i][1] in ("已", "未", "正在") and toks[i + 1][0] == "n":
        lead, i = toks[i][1], i + 1  # 8个已动工项目
    if i + 1 < len(toks) and toks[i][1] == "在" and IN_STATE.match(text, start, end):
        lead, i = "在", i + 1  # 23个在建工地: jieba cuts 在|建工|地
    # "1个基层亟须解决的问题": the noun after a relative clause ending in 的
    for j in range(i, len(toks) - 1):
        if toks[j][0] == "p":
            break
        if toks[j][1] in COPULAS or toks[j][1].endswith(COPULAS):
            break  # 23宗存量违建多为…的厂房加建: what follows 为 says what they are
        if toks[j][0] == "d" and toks[j + 1][0] in "nv":
            before = "".join(w for _, w in toks[i:j])
            if (
                any(k == "v" for k, _ in toks[i:j])
                or not before
                or DESCRIBING.search(before)
                or WRONGLY.search(before)  # 1名违规使用公车的干部
            ):
                k = j + 1
                noun = toks[k][1] if toks[k][0] == "n" else ""
                if toks[k][0] == "v" and k + 1 < len(toks) and toks[k + 1][0] == "n":
                    noun = toks[k][1] + toks[k + 1][1]  # 高质量的调研报告
                elif noun and k + 1 < len(toks) and toks[k + 1][0] == "v":
                    if k + 2 == len(toks) or toks[k + 2][0] == "p":
                        noun += toks[k + 1][1]  # 为期45天的常规巡察
                return noun if _is_noun(noun) else None
            break
    run = ""
    if (
        i + 1 < len(toks)
        and toks[i][0] == "v"
        and toks[i + 1][0] == "n"
        and (
            _ends_with_head(toks[i + 1][1])
            or (
                # 2个整治后进村实行挂牌督办: a verb and noun between N个 and the next verb
                not toks[i][1].startswith(("完成", "实现", "已", "达", *LIGHT_VERBS))
                and i + 2 < len(toks)
                and (
                    toks[i + 2][0] == "v"
                    # 26个反馈问题已完成整改22个: the predicate after an aspect word
                    or (
                        toks[i + 2][1] in ("已", "均已", "已经", "已全部", "正在")
                        and i + 3 < len(toks)
                        and toks[i + 3][0] == "v"
                    )
                )
            )
        )
    ):
        run, i = toks[i][1], i + 1  # N个 is followed by a noun: 学习专题, 调研报告
    if i < len(toks) and toks[i][0] == "n":
        run += toks[i][1]
        i += 1
        if (
            i < len(toks)
            and (run == toks[i - 1][1] or _ends_with_head(run) or toks[i][1] in NOMINAL_VERBS)
            and toks[i][0] == "v"
            and not toks[i][1].startswith(("完成", "实现", "已", "达"))
            and not toks[i][1].startswith(LIGHT_VERBS)
            and not re.search(r"(?:干部|人员|党员|群众|职工|代表|书记|队员|[员者])$", run)
            and (
                i + 1 == len(toks)
                or toks[i + 1][0] == "p"
                or toks[i + 1][1] in ("以及", "和", "及")
            )
        ):
            run += toks[i][1]  # 一次集体研讨, 1.6公里沥青铺设
    if not run:
        return None
    plan = re.search(r"(?:计划|预计|力争)(?=[于在到将再从明今后\d])", run)
    if not plan and re.search(r"(?:计划|预计|力争)$", run) and i < len(toks):
        plan = re.search(r"(?:计划|预计|力争)$", run) if toks[i][0] in "ap" else None
    if plan and plan.start() > 0:
        run = run[: plan.start()]  # 2个村计划于…: the plan is the clause's, not the noun's
    if len(run) >= 2 and run[-1] in "中内里" and not _ends_with_head(run):
        run = run[:-1]  # 11个村中: a place word, not part of the noun
    among = _words(run)
    if "中" in among[1:-1]:
        run = "".join(among[: among.index("中")])  # 12个社区书记中大专学历11名: those among
    if lead and (len(run) < 2 or lead.endswith(LIGHT_VERBS)):
        return None  # 2个正在推进中, 7宗正在开展司法处置: a predicate, not a relative clause
    run = lead + run
    if len(run) == 1:
        return run if run not in NOT_A_NOUN_CHAR else None
    return run if _is_noun(run) else None


# 在 opening a noun that says what state its things are in (在建工地, 在册党员, 在岗职工)
IN_STATE = re.compile(r"\s*在[建用册岗职校采营编库押逃读住]")
MODAL_AFTER = re.compile(r"(?:必须|均须|须|应当)(?=[经在于按由向报])")
# Single characters after a figure that are no noun: measure words, places, times, and the
# prepositions that begin a predicate (剩余2个因涉及…, 3处为…).
NOT_A_NOUN_CHAR = "个项次人名家位年月日内外前后间中里余多因为由被将经对向据按从并均都也且"


def _ends_with_head(noun: str) -> bool:
    return any(noun.endswith(h) for h in HEADS)


CAUSES = ("因", "由于")
COPULAS = ("为", "是", "系")
QUALIFIERS_AFTER = ("以上", "左右", "以下", "以内", "之多", "多", "余")
AVERAGE = re.compile(r"(?:平均|人均|户均|日均|月均|年均)")
PER_HEAD = re.compile(r"(?:人|户|亩|村|年|月|日)?均")


LEADING_TIME = re.compile(
    r"^(?:截至|至)?(?:\d{4}年(?:\d{1,2}月)?(?:以来|底|末|初|年底|度|全年)?|\d{1,2}月(?:底|末|初)|目前|当前|现|今年以来|今年|本年度|当年|全年|年内)"
    r"|^(?:巡察|巡察反馈|集中整改|整改|巡察整改)(?:以来|期间|期|阶段|前|时)|^其中"
)
TIME_ANY = re.compile(
    r"(?:截至|至|到|于)?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|初|上半年|下半年|汛期)?"
    r"(?:前|以前|之前)|(?:年底|年末|月底|汛)前"
)
COMPARATOR = re.compile(r"(?:不少于|不低于|不超过|不多于|不高于|多于|少于|高于|低于|超过|达到)$")
LEADING_MODAL = re.compile(r"^(?:计划|拟|预计|力争|将|争取)(?=[再新全完建实\d])")
TRAILING = frozenset(
    "约 近 超过 超 逾 达到 达 为 共计 累计 合计 总计 共 计 有 至少 不低于 不少于 高达 多达 共约 累计达".split()
)
CAUSATIVE = ("组织", "督促", "指导", "推动", "发动", "动员", "引导", "要求", "协调")
LIGHT_VERBS = ("开展", "召开", "组织", "进行", "举办", "实施", "组织召开", "组织开展")


def read_before(phrase: str, event: bool = False) -> Meaning:
    """Subject and verb from the words of a clause before its figure.

    The subject is the noun group nearest the figure (for a count of events, 次/场次, the
    first object of the first verb: 召开党工委会议谋划部署…工作29次 -> 党工委会议); its verb
    is the verb run before it, or, for an object put first, the verb run after it
    (雨水箅子应急清淤410个, 项目已完成5个)."""
    phrase = LEADING_NOISE.sub("", phrase.strip())
    phrase = re.sub(r"(?<![到抵送])(?:达到|高达|多达|达)$", "", phrase)
    phrase = COMPARATOR.sub("", phrase)  # 储备后备干部不少于: the bound is the figure's
    phrase = TIME_ANY.sub("", phrase)  # 计划2025年底前再选派: a time is never what is counted
    for _ in range(2):
        phrase = LEADING_TIME.sub("", phrase).lstrip(",、 ")
        phrase = LEADING_MODAL.sub("", phrase)
    category = re.fullmatch(r"([\u4e00-\u9fff“”]{1,12}方面)(?:问题|共|有)?", phrase)
    if category:
        return Meaning(category.group(1))  # 全面从严治党方面12个: a category, named whole
    start_at = re.search(r"(?:由|从)[^,;。由从]{0,8}$", phrase)
    if start_at and start_at.start() > 0:
        phrase = phrase[: start_at.start()]  # 资金支出率由巡察时的61%提高到…
    change = ""
    cmp = COMPARISON.search(phrase)
    if cmp:
        cw = CHANGE_WORDS.search(phrase, cmp.end())
        change = cw.group() if cw else ""
        phrase = phrase[: cmp.start()]
    else:
        cw = re.search(CHANGE_WORDS.pattern + r"(?:约|近|超|逾|达)?$", phrase)
        if cw:
            change = re.sub(r"[约近超逾达]$", "", cw.group())
            phrase = phrase[: cw.start()]
    toks = _tokens(phrase)
    while toks and toks[-1][0] in "ap" and toks[-1][1] in TRAILING:
        toks.pop()
    listed = bool(toks) and toks[-1][0] == "e"
    if listed:
        toks.pop()
    groups = _groups(toks)
    if event and toks and toks[-1][0] == "v":
        run = _verb_run_before(toks, len(toks))
        act = event_act(run)
        if act and listed_class(toks):
            # 开展诫勉谈话、提醒谈话等组织处理17人次: the class the list is of is counted
            return Meaning(act, "", "", change)
        if act and groups and _agent_before(toks, groups[-1]):
            # 网格员每周巡查不少于2次: what the agent does is counted, not the agent
            return Meaning(act, run if run != act else "", "", change)
        if act and groups and run.startswith(LIGHT_VERBS) and _verbs_after(toks, groups[-1]):
            # 采取“四不两直”方式开展督导检查2轮: the act a light verb opens is counted, not
            # the means named before it
            return Meaning(act, run if run != act else "", "", change)
    if not groups:
        verb = _verb_run_before(toks, len(toks))
        return Meaning(None, verb, "", change, listed)
    if event:
        verbs = [i for i, (k, w) in enumerate(toks) if k == "v"]
        if len(verbs) > 1 and toks[verbs[0]][1] in CAUSATIVE:
            verbs = verbs[1:]  # 组织各部门检查企业场所: the second verb's object is counted
        light = [i for i in verbs if toks[i][1].endswith(LIGHT_VERBS)]
        first_verb = (light or verbs or [None])[0]
        after = [g for g in groups if first_verb is not None and g[0] > first_verb]
        chosen = after[0] if after else groups[-1]
    else:
        chosen = groups[-1]
    lo, hi, noun = chosen
    if (
        len(noun) > 2
        and noun[-1] in "中里"
        and not _ends_with_head(noun)
        and (hi == len(toks) or toks[hi][0] in "ad")
    ):
        noun = noun[:-1]  # 反馈问题中(已完成整改19个): those among them, a place word
    if change or cmp:
        # a rate or change: the whole phrase names the quantity (拆除低效用地宗地平均面积)
        whole = _clean_noun("".join(w for k, w in toks[_first_content(toks) :]))
        if noun in whole and len(whole) <= 14:
            return Meaning(whole, "", "", change, listed)
    verb = _verb_run_before(toks, lo)
    if lo > 0 and toks[lo - 1] == ("a", "被"):
        noun = "被" + noun  # 收回被侵占集体土地: those that were taken, 被 and all
    if not verb and lo > 0 and toks[lo - 1][0] == "d":
        verb = (
            _verb_run_before(toks, next(i for i, (k, _) in enumerate(toks) if k == "v") + 1)
            if any(k == "v" for k, _ in toks[:lo])
            else ""
        )
    trailing = "".join(w for _, w in toks[hi:]) if all(k in "vas" for k, _ in toks[hi:]) else ""
    # 第五轮巡察共派出: the verb that governs the count is the one after a total adverb
    trailing = re.split(r"共计|累计|合计|总计|共", trailing)[-1] or trailing
    if not verb and trailing and any(k == "v" for k, _ in toks[hi:]):
        if trailing.endswith(LIGHT_VERBS):
            return Meaning(None, trailing, "", change, listed)  # 全体成员每月开展 (an agent)
        if event and _named_act(toks, hi, noun):
            # 公务接待488批次, 业务培训320人次: a count of acts, and the noun with its act
            # right after it names them (a compound, not an object put first)
            return Meaning(noun + trailing, "", "", change, listed)
        if _is_agent(toks, lo, noun):
            # 街道纪工委已办结, 向区纪委移交, 由局领导包案: who did the work, never what it
            # was done to (the figure counts what the clause before named)
            return Meaning(None, trailing, "", change, listed)
        # the object put first: 雨水箅子应急清淤, 项目已完成
        return Meaning(noun, trailing, "", change, listed)
    if not verb and hi < len(toks) and not trailing:
        # 全体成员每月开展: an agent before a verb with nothing after it is not what is counted
        return Meaning(None, _verb_run_before(toks, len(toks)), "", change, listed)
    if verb and trailing and all(k in "vs" for k, _ in toks[hi:]):
        noun = noun + trailing  # 开展“第一议题”学习, 完成“三线”整治
    if (
        verb
        and hi == len(toks)
        and lo >= 3
        and toks[lo - 1] == ("v", verb)
        and toks[lo - 2][0] == "n"
        and len(toks[lo - 2][1]) >= 2
        and toks[lo - 3][0] == "v"
        and not toks[lo - 3][1].startswith((*CAUSATIVE, *STATING))
        and len(toks[lo - 2][1] + verb + noun) <= 10
    ):
        # 核查补贴发放信息: the first verb's object is the compound after it (补贴发放信息), not
        # the last noun with the verb inside the compound read as its verb
        first = _verb_run_before(toks, lo - 2)
        return Meaning(toks[lo - 2][1] + verb + noun, first, "", change, listed)
    if verb and lo >= 2 and toks[lo - 1] == ("v", verb) and AVERAGE.fullmatch(toks[lo - 2][1]):
        # 平均办理时长由…: an average of the act's measure, one name (not 办理 its verb)
        return Meaning(toks[lo - 2][1] + verb + noun, "", "", change, listed)
    return Meaning(noun, verb, "", change, listed, modifier=_modifier(toks, lo, verb))


# The heads of bodies and officials that do work (纪委, 党工委, 局, 领导), and the words
# marking a noun as the doer or the receiver of the verb after it (由, 向, 经).
AGENT_HEAD = re.compile(r"(?:委|委员会|党组|政府|领导|部门|局|办)$")
AGENT_MARK = ("由", "向", "经", "被")


def _is_agent(toks: list[tuple[str, str]], lo: int, noun: str) -> bool:
    """The noun before a verb run names who did the work: a body or an official by its head,
    or any noun after 由/向/经."""
    marked = lo > 0 and toks[lo - 1][0] == "a" and toks[lo - 1][1] in AGENT_MARK
    return marked or bool(AGENT_HEAD.search(noun))


# Verbs that say only that work was done: never the thing a count of events names.
BARE_ACTS = frozenset(
    "完成 整改 整治 实现 推进 落实 达到 解决 办结 处置 开展 组织 进行 实施 举办 召开 新增 增加 减少".split()
)


def _named_act(toks: list[tuple[str, str]], hi: int, noun: str) -> bool:
    """A noun and one act of two or more characters right after it, the last words before
    a count of acts (公务|接待, 业务|培训): the pair names the act counted, as one compound;
    a bare completion verb (完成, 召开) or an adverb between (项目|已|完成) is no compound."""
    rest = toks[hi:]
    return (
        len(rest) == 1
        and rest[0][0] == "v"
        and len(rest[0][1]) >= 2
        and rest[0][1] not in BARE_ACTS
        and len(noun) >= 2
    )


def event_act(run: str) -> str:
    """The act a count of events or people names, from the verb run before it (开展培训 ->
    培训, 问责处理 -> 问责处理, 每季度至少上门走访 -> 上门走访); empty for bare work verbs."""
    run = run.removesuffix("了")
    for light in sorted((*LIGHT_VERBS, "参加", "参与", "接受"), key=len, reverse=True):
        if light != "组织" and run.startswith(light) and len(run) > len(light):
            run = run[len(light) :]
            break
    run = re.sub(r"^(?:已经|均已|已|正在|共|累计|再|又|还|并)+", "", run)
    if len(run) < 2 or run in BARE_ACTS or run[:2] in ("完成", "实现", "达到"):
        return ""
    return run if all(_kind(w) == "v" or w in "、和及并" for w in _words(run)) else ""


def listed_class(toks: list[tuple[str, str]]) -> bool:
    """The clause ends in a 、-list, 等 and a verb run: the verbs name the list's class."""
    k = len(toks)
    while k > 0 and toks[k - 1][0] in "va":
        k -= 1
    return 0 < k < len(toks) and toks[k - 1][0] == "e" and any(t == "s" for t, _ in toks[:k])


def _verbs_after(toks: list[tuple[str, str]], group: tuple[int, int, str]) -> bool:
    """Only verbs and adverbs follow the last noun group: the group is no object of them."""
    between = toks[group[1] :]
    return bool(between) and all(k in "va" for k, _ in between)


def _agent_before(toks: list[tuple[str, str]], group: tuple[int, int, str]) -> bool:
    """The last noun group is the doer of the verb run after it: how often or how many times
    at least stands between them (网格员每周巡查, 干部每季度至少上门走访)."""
    between = toks[group[1] :]
    return all(k in "va" for k, _ in between) and any(
        k == "a" and (w.startswith("每") or w in ("至少", "最少", "不少于")) for k, w in between
    )


def _modifier(toks: list[tuple[str, str]], lo: int, verb: str) -> str:
    """The words before 的 that say which of the subject are counted (存在安全隐患的自建房,
    大专以上学历的占比), up to the governing verb, at most 8 characters."""
    if lo < 2 or toks[lo - 1][0] != "d":
        return ""
    k = lo - 2
    while k >= 0 and toks[k][0] in "nv" and not (toks[k][0] == "v" and verb.endswith(toks[k][1])):
        k -= 1
    if k >= 0 and toks[k][0] == "a" and toks[k][1] in ("需", "需要", "应", "待", "未", "尚未"):
        k -= 1  # 需维修加固的桥梁: a modal says which ones too
    words = "".join(w for _, w in toks[k + 1 : lo - 1])
    return words if 2 <= len(words) <= 8 else ""


def starts_with_verb(words: str) -> bool:
    """The words begin with a verb (记入不良行为记录, 已整改): a predicate, not a noun."""
    toks = _tokens(words[:12])
    return bool(toks) and toks[0][0] == "v"


def _first_content(toks: list[tuple[str, str]]) -> int:
    return next((i for i, (k, _) in enumerate(toks) if k in "nv"), len(toks))


def widen(sentence: str, upto: int, subject: str) -> str:
    """A short subject (项目) widened to the fuller name an earlier clause of the sentence
    gave it (美丽圩镇“七个一”项目建设,目前5个项目顺利完工 -> 美丽圩镇“七个一”项目)."""
    if len(subject) > 3:
        return subject
    head = sentence[:upto]
    cut = max(head.rfind(c) for c in ",;:")
    if cut <= 0:
        return subject
    for _, _, noun in reversed(_groups(_tokens(head[:cut]))):
        at = noun.find(subject)
        if at > 1:
            return noun[: at + len(subject)]
    return subject


def _groups(toks: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Noun groups (start token, end token, text): nouns joined by 、/和/及 stay one list."""
    out: list[tuple[int, int, str]] = []

    def kinds_of(a: int, b: int) -> set[str]:
        return {k for k, _ in toks[a:b]}

    i = 0
    while i < len(toks):
        if toks[i][0] != "n":
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            k, w = toks[j]
            if k == "n":
                j += 1
            elif (
                (
                    k == "s"
                    or w in ("和", "及", "与", "以及")
                    or (k == "e" and "s" in kinds_of(i, j))
                )
                and j + 1 < len(toks)
                and toks[j + 1][0] == "n"
            ):
                j += 2  # 闲置校舍、厂房等资产: a list and the class it is of stay one group
            else:
                break
        text = "".join(w for _, w in toks[i:j])
        cleaned = _clean_noun(text)
        if _is_noun(cleaned):
            out.append((i, j, cleaned))
        i = j
    return out


def _verb_run_before(toks: list[tuple[str, str]], at: int) -> str:
    """The verbs (with their aspect adverbs and joiners) right before token `at`."""
    j = at - 1
    while j >= 0 and toks[j][0] == "a" and toks[j][1] not in LEAD_ADVERBS:
        j -= 1
    end = j + 1
    while j >= 0 and (
        toks[j][0] == "v"
        or (
            toks[j][0] in "sa"
            and j > 0
            and toks[j - 1][0] == "v"
            and toks[j][1] in ("、", "并", "和", "及", "或")
        )
    ):
        j -= 1
    if j + 1 == end:
        return ""
    while j >= 0 and toks[j][0] == "a" and toks[j][1] in LEAD_ADVERBS:
        j -= 1
    run = [w for _, w in toks[j + 1 : end]]
    while run and run[0] in ("、", "并", "和", "及"):
        run.pop(0)
    while run and run[-1] in ("、", "并", "和", "及"):
        run.pop()  # a joiner standing alone, never the end of a verb (惠及, 涉及)
    return "".join(run)


def from_earlier(sentence: str, upto: int, verb: str) -> str | None:
    """The subject an earlier clause of the sentence gave a figure whose own clause names only
    its verb: the object of 对 that the verb's work was done on (对农村自建房开展安全隐患排查,
    共排查1862栋 -> 农村自建房), else the object of the same verb said before
    (选派6名年轻干部…, 再选派4名 -> 年轻干部), else the noun the verb is part of
    (入党积极分子培训班1期,培训82人次 -> 入党积极分子)."""
    head = sentence[:upto]
    cut = max(head.rfind(c) for c in ",;:")
    if cut <= 0:
        return None
    head = head[:cut]
    if not verb:
        # 对危险化学品经营单位进行再梳理,共有6家: a count with no verb counts what the clause
        # right before it worked on
        last = list(ON_OBJECT.finditer(head))
        if last and not re.search(r"[,;:]", head[last[-1].end() :]):
            groups = _groups(_tokens(last[-1].group(1)))
            return groups[-1][2] if groups else None
        return None
    core = (verb[:-1] if verb[-1:] in DIRECTIONAL and len(verb) > 2 else verb)[-2:]
    for m in reversed(list(ON_OBJECT.finditer(head))):
        if core in m.group(2) or core in m.group(3):
            groups = _groups(_tokens(m.group(1)))
            if groups:
                return groups[-1][2]
    at = head.rfind(core)
    if at == -1:
        return None
    rest = head[at + len(core) :]
    count = COUNT_AHEAD.match(rest)
    if count:
        noun = read_after(rest, count.end(), len(rest))
        if noun:
            return noun
    for _, _, noun in reversed(_groups(_tokens(head))):
        where = noun.find(core)
        if where >= 2:
            return noun[:where]
    own = _groups(_tokens(rest))
    if own and own[0][0] == 0 and not re.search(r"[,;:]", rest):
        return own[0][2]  # 专题听取意识形态工作汇报,今年已听取3次: the object the verb had
    return None


ON_OBJECT = re.compile(r"对((?:[^,;:。对]|对象){2,20}?)(开展|进行|实施|组织)([^,;:。]{0,12})")
COUNT_AHEAD = re.compile(
    r"\s*[\d.一二两三四五六七八九十百千万]+\s*(?:个|名|人|处|项|件|座|家|次|期|场|栋|户|条|亩|批|所)"
)
# A measure with no thing of its own (金额共计312.4万元): it measures what came before.
ATTRIBUTE = re.compile(
    r"^(?:涉及|总|合计|累计)?(?:金额|面积|数量|总数|人数|总额|长度|里程)$|^(?:总|全)长$"
)
# A remainder named by what is left: a list of names, or one place (剩余望江村, 剩余甲、乙两校).
NAMED_REST = re.compile(
    r"(其余|剩余|余下|尚余)(?:的)?(?:[^,;:。、]{2,12}、[^,;:。]{2,24}|[^,;:。、]{1,8}(?:村|社区|小区|居委会))$"
)
REMAINDER = re.compile(r"(?:其余|剩余|余下|尚余|还有|另有)(?:的)?$")


def _part_taken(before: str) -> str | None:
    """The verb (or 对) a part of an earlier whole is the object of (对其中27户…, 已追回其中
    24人…): the verb, '' for 对; None when the words do not end so."""
    if not before.endswith("其中") or len(before) < 3:
        return None
    head = before[:-2]
    if head.endswith("对"):
        return ""
    toks = _tokens(head[-12:])
    return toks[-1][1] if toks and toks[-1][0] == "v" else None


# The value a change starts from (由巡察前的2个降为0个) and the change said right after it;
# the measure that changes, named by its act and what it measures (审批时限, 办理时长).
MEASURE_NAME = re.compile(r"(?:时限|时长|时间|天数|周期|年龄)$")
FROM_VALUE = re.compile(r"(?:由|从)[^,;。由从]{0,8}$")
CHANGED_TO = re.compile(
    r"\s*(?:[降升](?:到|至|为)|(?:压缩|缩短|缩减|减少|下降|降低|提高|提升|增加|增长|上升|扩大)(?:到|至|为))"
)


def read_meaning(text: str, fig: Figure, clause: tuple[int, int], lo: int) -> Meaning:
    """The meaning of one figure from its clause; lo is where its own words begin (after the
    figure before it in the clause)."""
    before = text[max(clause[0], lo) : fig.start]
    rest = REMAINDER.search(re.sub(r"(?:约|近|超过|超|逾)$", "", before))
    taken = _part_taken(before)
    if taken is not None and not rest:
        own = read_after(text, fig.end, clause[1])
        upto = text.find(own, fig.end, clause[1]) if own else -1
        relative = own and "的" in text[fig.end : upto + len(own) if upto >= 0 else fig.end]
        if not own or relative or starts_with_verb(own) or NOT_A_REST.match(own):
            # 已对其中27户按程序停发低保: a part of the whole counted before, as the object
            # of the verb (or 对) before 其中
            return Meaning(None, taken.removeprefix("已"), remainder=True)
    if rest:
        own = (
            None
            if text[fig.end : fig.end + 1] in "已未正"
            else read_after(text, fig.end, clause[1])
        )
        named_whole = (
            own
            and len(own) <= 10
            and (own[-1] in HEAD_CHARS or _ends_with_head(own))
            and _words(own)[0] not in VERB_SET  # 剩余12处纳入…工程: a predicate
        )
        if (
            own
            and (len(own) <= 4 or named_whole)  # 剩余7处道路交通隐患点: a noun with its head
            and "的" not in own
            and not starts_with_verb(own)  # 剩余5件实行领导包案: a predicate
            and not NOT_A_REST.match(own)
            and not RATE_TAIL.search(own)
        ):
            return Meaning(own, rest.group()[:2], from_after=True)  # 剩余2个村计划…
        # 其余3个已进入…: the subject of the whole it is left of
        return Meaning(None, rest.group()[:2], remainder=True)
    named = NAMED_REST.search(before)
    if named and (
        not text[fig.end : clause[1]].strip() or not read_after(text, fig.end, clause[1])
    ):
        # 剩余望江村1个, 剩余甲小区、乙小区2个: the remainder by the names of what is left
        return Meaning(None, named.group(1)[:2], remainder=True)
    m = read_before(before, fig.unit in EVENT_UNITS)
    after = read_after(text, fig.end, clause[1], fig.unit in EVENT_UNITS, fig.unit in ACT_COUNTS)
    if FROM_VALUE.search(before) and CHANGED_TO.match(text, fig.end, clause[1]):
        after = None  # 办理时限由5个工作日压缩至3个: the value it changed from, no noun after
        if m.verb and m.subject and MEASURE_NAME.search(m.subject) and m.verb + m.subject in before:
            m = replace(m, subject=m.verb + m.subject, verb="")  # 审批时限: one name
    if (
        re.match(r"(?:以上|以下|以内)的", text[fig.end : clause[1]])
        and m.subject
        and not m.subject.endswith("级")
    ):
        # 年收入300万元以下的村: a threshold of the words before it (but 村级2万元以上的
        # 资金支出: a level says which, the noun after is counted)
        after = None
    if after and fig.unit.endswith("元") and m.subject and _tokens(after)[0][0] == "v":
        after = None  # 投入资金3,150万元实施…工程: a sum is no classifier of the act after it
    if (
        after
        and fig.unit in EVENT_UNITS
        and m.subject
        and AGENDA.match(text, fig.end, clause[1])
        and _ends_with_noun(re.sub(r"(?:先后|共计|累计|共|已)+$", "", before.rstrip()))
    ):
        after = None  # 召开专题会议6次研究部署…: the meetings are counted, not what they did
    if after and not m.change_word:
        # N个X: the noun after the figure is what it counts
        post = _post_verb(text, fig.end, clause[1], after)
        return Meaning(after, m.verb, post if not m.verb else "", "", False, True)
    elided = ELIDED.search(before) if fig.unit in COUNTED_UNITS else None
    if elided and not after and not m.change_word and not re.search("由|从", elided.group(1)):
        # 全镇共有自然村87个,巡察前已建成污水处理设施的仅29个: the head noun is left out; the
        # figure counts what the figure before it counted, those the words before 的 name
        words = LEADING_TIME.sub("", elided.group(1))
        verb = _verb_run_before(_tokens(words), 1) if _tokens(words)[:1] else ""
        if verb and words.startswith(verb) and len(words) - len(verb) >= 2:
            words = words[len(verb) :]  # 排查出|粪污处理设施不达标(的): the verb governs the count
        else:
            verb = ""
        describes = 2 <= len(words) <= 10 and words not in QUALIFIERS_AFTER
        return Meaning(None, verb, modifier=words if describes else "")
    head = HEAD_AFTER_DE.search(before)
    if (
        head
        and not after
        and not m.change_word
        and not (m.subject or "").endswith(head.group(1))
        and _head_noun(head.group(1))
    ):
        # 收入较低的薄弱村有4个, 超50万元的村3个: the noun after the last 的 is the head
        return Meaning(head.group(1), m.verb)
    if m.subject and not after and before.rstrip().endswith(m.subject + "的"):
        # 清退不符合条件的41人: a 的 phrase with no head noun names those counted, 的 and all
        return replace(m, subject=m.subject + "的")
    return m


def _ends_with_noun(words: str) -> bool:
    toks = _tokens(words[-16:])
    return bool(toks) and toks[-1][0] == "n"


# What meetings or sessions did, said after their count (6次专题研究部署, 3次集中学习).
AGENDA = re.compile(
    r"\s*(?:专题|专门|集中|逐项|逐一)?(?:研究|部署|听取|审议|学习|调度|推进|讨论|分析|研判|督办)"
)
# The head noun after a relative clause's 的, right before a count (较低的薄弱村有4个).
HEAD_AFTER_DE = re.compile(r"的([\u4e00-\u9fff]{1,5}?)(?:有|共有|共|达到|达|由|从)?$")
HEAD_CHARS = set("村户人家企业所站点处")


def _head_noun(noun: str) -> bool:
    if RATE_TAIL.search(noun) or ATTRIBUTE.match(noun) or re.search("[的是为在有每]", noun):
        return False
    return noun[-1] in HEAD_CHARS or (len(noun) >= 2 and _is_noun(noun))


# What follows a remainder that is not its noun: a cause, a place, a plan (剩余2个因设备老化…).
NOT_A_REST = re.compile(
    r"因|由于|位于|涉及|按|由|经|计划|预计|拟|正|已|均|需|待|主要|大多|多为|全部"
)
# A relative clause with its head noun left out, right before a count (…设施的仅29个).
ELIDED = re.compile(r"([^,;:。的]{2,16})的(?:仅|只有|仅有|有|共|达)?$")
COUNTED_UNITS = frozenset("个 名 户 处 座 家 栋 所 条 项 件 间 宗 口 台 辆 套".split())


def _post_verb(text: str, start: int, end: int, noun: str) -> str:
    at = text.find(noun, start, end)
    if at == -1:
        return ""
    rest = text[at + len(noun) : end]
    toks = _tokens(rest)
    out = ""
    for k, s in toks:
        if k == "v" or (k == "a" and s in ASPECT):
            out += s
        else:
            break
    return (
        out if out and toks and toks[0][1] in ASPECT and any(k == "v" for k, _ in toks[:3]) else ""
    )


ASPECT = ("已", "均已", "已经", "顺利", "全速", "正在", "全部", "已全部", "基本", "正式")


def shorten(label: str, limit: int = 14) -> str:
    """Quotes and brackets that pair, no dangling punctuation, and no joiner left hanging
    at the end (召开党委会议和 -> 召开党委会议)."""
    for o, c in (("“", "”"), ("(", ")"), ("《", "》")):
        if not _paired(label, o, c):
            label = label.replace(o, "").replace(c, "")
    before = None
    while before != label:
        before = label
        label = re.sub(r"^[\s,;:、。!?)”》]+|[\s,;:、。!?(“《]+$", "", label)
        if label and label[-1] in DANGLING_END:
            label = label[:-1]
    return label


def _paired(label: str, o: str, c: str) -> bool:
    depth = 0
    for ch in label:
        depth += (ch == o) - (ch == c)
        if depth < 0:
            return False
    return depth == 0


WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
DANGLING_END = "和及与或、"  # 的 may end a label: 清退不符合条件的 (41人) names those counted


def _rate_tail(subject: str, limit: int = 10) -> str:
    """The rate a subject ends with, as whole words after the last list joiner
    (局机关和下属单位水利相关专业人员占比 -> 水利相关专业人员占比)."""
    last = _clean_noun(list_items(subject)[-1])
    out = ""
    for w in reversed(_words(last)):
        if len(out) + len(w) > limit:
            break
        out = w + out
    return out if RATE_TAIL.search(out) and len(out) >= 2 else ""


def _cut_words(label: str, limit: int = 14) -> str:
    """The longest run of whole words from the start that fits (never half a word)."""
    out = ""
    for w in _words(label):
        if len(out) + len(w) > limit:
            break
        out += w
    return shorten(out) if len(out) >= 2 else shorten(label[:limit])


def _tail_words(label: str, limit: int = 14) -> str:
    """The longest run of whole words from the end that fits: a Chinese noun phrase ends in
    its head, so the head and its nearest modifiers stay (高标准农田储备项目种植粮食面积 ->
    农田储备项目种植粮食面积), never half a word."""
    out = ""
    for w in reversed(_words(label)):
        if len(out) + len(w) > limit:
            break
        out = w + out
    out = shorten(out)
    return out if len(out) >= 2 else _cut_words(label, limit)


def list_head(subject: str) -> str:
    """The first of a list (违章建筑 of 违章建筑、窝棚; 事故宗数 of 事故宗数和亡人数量); a
    list inside brackets or quotes is no list of the subject's (“三堆”(柴堆、粪堆))."""
    return list_items(_unbracketed(subject))[0] or subject


@lru_cache(maxsize=4096)
def list_items(subject: str, joiners: str = "、|和|及|与") -> tuple[str, ...]:
    """The items of a list, split only outside quotes and brackets (“双随机、一公开”抽查)."""
    if not re.search(joiners, subject):
        return (subject,)
    out, depth, last = [], 0, 0
    for m in re.finditer(rf"[“(《]|[”)》]|{joiners}", subject):
        if m.group() in "“(《":
            depth += 1
        elif m.group() in "”)》":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(subject[last : m.start()])
            last = m.end()
    return (*out, subject[last:])


def listed(subject: str) -> bool:
    """The subject is a 、-list at its own level (not 、 inside a “quoted name”)."""
    return len(list_items(subject, "、")) > 1


def place_opens(words: str, place: str) -> bool:
    """The place is the first words of these (新塘村|违章建筑), not letters of a word jieba read
    across it (开发|乡村公益性岗位 of a township 开发乡) nor a verb and 村 (选配|村党组织)."""
    if not words.startswith(place) or len(words) == len(place):
        return words == place
    cut = _words(words)
    ends = {sum(len(w) for w in cut[: k + 1]) for k in range(len(cut))}
    if len(place) not in ends:
        return False
    first = cut[0]
    return not (first in VERB_SET and len(place) - len(first) == 1)


def without_places(subject: str, places: frozenset[str] | set[str]) -> str:
    """The subject without the villages it opens with, for the label (枫岭村、石门村违章建筑、
    窝棚 -> 违章建筑、窝棚): the villages column says where, the label what."""
    out = []
    for item in list_items(subject, "、"):
        if item in places or any(item.endswith(p) and len(item) - len(p) <= 1 for p in places):
            continue  # 东湖村, (新)设北岸社区: a place, with at most a stray character
        for place in sorted(places, key=len, reverse=True):
            if place_opens(item, place) and len(item) - len(place) >= 2:
                item = item[len(place) :]
                break
        out.append(item)
    return "、".join(out) if out and out[0] else subject


def _unbracketed(subject: str) -> str:
    """The subject without a bracketed gloss that lists what it means (“三堆”(柴堆、粪堆、
    土堆) -> “三堆”), or without a gloss left open (小区(春晖社区): the name is what a leader
    reads, the gloss stays in the sentence."""
    bare = re.sub(r"\([^()]*[、,和及][^()]*\)", "", subject)
    if bare.count("(") > bare.count(")"):
        bare = bare[: bare.rfind("(")]
    return bare if len(bare) >= 2 else subject


def subject_heads(subject: str) -> set[str]:
    """The head (the last whole word) of each item of a subject's list: a label names
    what is counted when it holds one of them (拆除违章建筑等 holds 违章建筑's 建筑)."""
    core = _unbracketed(subject).removesuffix("的").removesuffix("等")
    heads = set()
    for part in list_items(core, "、|和|及|与|等"):
        words = [w for w in _cut(part) if re.search(r"[\u4e00-\u9fffA-Za-z]", w)]
        if words:
            heads.add(words[-1])
    return heads


def _join(verb: str, noun: str) -> str:
    """Verb and noun without saying a shared word twice (完成整改+整改措施 -> 完成整改措施,
    巡察+巡察组 -> 巡察组, 已完成建设+农田建设任务 -> 已完成农田建设任务)."""
    for k in range(min(len(verb), len(noun)), 1, -1):
        if verb.endswith(noun[:k]):
            return verb[: len(verb) - k] + noun if len(verb) > k else noun
    words = _words(verb)
    if len(words) >= 2:
        kept = [w for w in words if len(w) < 2 or w not in noun]
        if kept != words and any(_kind(w) == "v" for w in kept):
            return "".join(kept) + noun  # 已规范整改+不规范合同 -> 已整改不规范合同
    return verb + noun


DONE_WORDS = re.compile(r"完成|整改|整治|已|解决|办结|销号|实现|到位")


AGAIN = re.compile(r"(?:再|又|还|并|另)+")  # again, also: no part of what was done
# A verb that pushed or spread the work before the completion verb: the completion is what
# the figure counts (全覆盖完成…排查, 督促完成竣工验收).
PUSHED_DONE = re.compile(
    r"(?:覆盖|推动|督促|指导|组织|协调|帮助|协助|全面)((?:已)?(?:完成|实现).*)"
)
# Verbs that state a rule or set others to work (明确…每月召开, 督促…退还): the verb the
# agent after them does governs the count.
STATING = ("明确", "要求", "规定", "督促", "责令", "指导", "推动", "引导", "动员", "发动", "协调")
DONE_LEAD = re.compile(r"^(?:已经|均已|已|共|累计|全面|基本|全部)*(?:完成|实现)$")
# What a figure measures where its clause names no thing (unit -> measure word).
UNIT_MEASURE = {"%": "比例", "元": "金额", "亩": "面积", "米": "长度", "公里": "长度", "人": "人数"}
TIME_SPAN_UNITS = frozenset("天 日 周 月 年 小时 个月 个工作日 工作日 个小时".split())


def governing(m: Meaning, before: str, event: bool = False) -> Meaning:
    """The meaning with the verb nearest the figure where another verb than the one read
    governs it, for the label only: a stating or causative verb sets an agent to the verb
    that counts (明确领导小组每月至少召开1次调度会 -> 召开调度会); a count after the figure
    takes the verb right before it (对已完成整改的问题每半年开展1次“回头看” -> 开展); a bare
    completion verb with an object put first names the object and its own verb
    (已完成消毒设备更换3处 -> 更换消毒设备)."""
    if not before:
        return m
    whole = _runs_on(m, before, event) or _rate_phrase(m, before) or _own_object(m, before)
    if whole:
        return whole
    if not m.verb:
        return m
    core = re.sub(r"^(?:已经|均已|已|共|累计|再|又|并)+", "", m.verb)
    if not (core.startswith(STATING) or m.from_after or DONE_LEAD.match(m.verb)):
        return m  # no rule below reads another verb for this one
    toks = _tokens(LEADING_NOISE.sub("", before.strip()))
    if core.startswith(STATING):
        done = _agent_verb(toks, core)  # 督促相关人员退还…补贴: 退还 governs the sum
        if done:
            return replace(m, verb=done, modifier="")
    while toks and toks[-1][0] in "ap" and toks[-1][1] not in LEAD_ADVERBS:
        toks.pop()
    if not toks or toks[-1][0] != "v":
        return m
    near = _verb_run_before(toks, len(toks))
    last = len(toks) - 1
    if not near or near in m.verb or m.verb in near:
        return m
    at = next(
        (j for j in range(last - 1, -1, -1) if toks[j][0] == "v" and toks[j][1] in m.verb), None
    )
    if at is None or not any(
        k == "n" or (k == "a" and (w.startswith("每") or w in ("至少", "不少于")))
        for k, w in toks[at + 1 : last]
    ):
        return m  # no agent, object or how-often between: one verb run, as read
    if m.from_after:
        return replace(m, verb=near, modifier="")
    between = toks[at + 1 : last]
    while between and between[-1][0] == "a":
        between = between[:-1]  # 应急(清疏): the near verb's own adverb
    subject = m.subject or m.borrowed or ""
    if (
        DONE_LEAD.match(m.verb)
        and between
        and between[-1][0] == "n"
        and all(k in "nvs" for k, _ in between)
        and near not in subject
    ):
        obj = "".join(w for _, w in between)
        if subject and subject not in obj and obj not in subject:
            # 5处供水工程,已完成消毒设备更换3处: the works counted, and what was done to them
            return replace(m, verb=near, attribute=obj, modifier="")
        return replace(m, subject=obj, borrowed=None, verb=near, modifier="", listed=False)
    return m


NAME_HEADS = ("班", "活动", "行动", "工程", "赛", "展")


def _runs_on(m: Meaning, before: str, event: bool = False) -> Meaning | None:
    """The subject as the label's words where it stops short of the figure: a doer and how
    often it acts (镇安委会成员|每季度至少|带队检查1次 -> 镇安委会成员带队检查), or a name
    that runs on into a longer one (村干部能力|提升培训班3期 -> 村干部能力提升培训班)."""
    subject = m.subject or ""
    at = before.rfind(subject) if subject and not listed(subject) else -1
    if at == -1 or m.from_after or m.change_word:
        return None
    tail = before[at + len(subject) :]
    if len(tail) < 2:
        return None  # the figure follows the subject: nothing runs on
    rest = _tokens(tail)
    while rest and rest[-1][0] in "ap" and rest[-1][1] in ("不少于", "至少", "共", "共计", "累计"):
        rest.pop()
    kinds = "".join(k for k, _ in rest)
    often = any(w.startswith("每") for _, w in rest)
    if often and (re.fullmatch("a+[nv]*v", kinds) or event and re.fullmatch("a+[nv]+", kinds)):
        act = "".join(w for k, w in rest if k != "a")
        return replace(m, subject=subject + act, verb="", modifier="", listed=False)
    words = "".join(w for _, w in rest)
    named = all(w in NOMINAL_VERBS for k, w in rest if k == "v") or rest[-1][1].endswith(
        NAME_HEADS
    )  # 能力|提升|培训班, 宣讲|进社区活动 (not 专题会议|研究部署|治水工作, a new predicate)
    if (
        re.fullmatch("[nv]*v[nv]*n", kinds)
        and named
        and len(rest[-1][1]) >= 2
        and len(subject + words) <= 12
    ):
        return replace(m, subject=subject + words, modifier="")
    return None


def _own_object(m: Meaning, before: str) -> Meaning | None:
    """A figure counting what an earlier clause named, whose own clause names the work and
    its object (应建未建党组织的企业14家,已新建党组织12家 -> 企业已新建党组织): the
    things counted, then what was done to them."""
    subject = m.subject or ""
    if not subject or not m.verb or m.from_after or subject in before or len(subject) > 6:
        return None
    toks = _tokens(LEADING_TIME.sub("", before.strip()))
    while toks and toks[0][0] == "a" and not toks[0][1].startswith(("已", "均")):
        toks.pop(0)
    kinds = "".join(k for k, _ in toks)
    if not re.fullmatch("a?vn", kinds) or len(toks[-1][1]) < 2 or toks[-1][1] in subject:
        return None
    done = "".join(w for k, w in toks if k != "n")
    if m.verb not in done:
        return None
    return replace(m, verb=done, attribute=toks[-1][1], modifier="")


RATIO = re.compile(r"(?:率|占比|比例|比重)$")


def _rate_phrase(m: Meaning, before: str) -> Meaning | None:
    """A rate or measure named by the whole noun phrase its clause opens with (问题整改完成率,
    初信初访按期办结率), not its last word only: a rate says of what."""
    subject = m.subject or ""
    if not RATIO.search(subject) or m.from_after or m.change_word and m.verb:
        return None
    words = _clean_noun(LEADING_TIME.sub("", LEADING_NOISE.sub("", before.strip())))
    toks = _tokens(words)
    while toks and toks[-1][0] == "a":
        toks.pop()
    phrase = "".join(w for _, w in toks)
    if (
        not phrase.endswith(subject)
        or not 2 + len(subject) <= len(phrase) <= 12
        or toks[0][0] != "n"
        or any(k in "pdse" for k, _ in toks)
        or (m.verb and m.verb not in phrase)
    ):
        return None
    return replace(m, subject=phrase, verb="")  # 问题|整改|完成率: the verb is inside the name


def _agent_verb(toks: list[tuple[str, str]], stating: str) -> str:
    """The verb run of the agent a stating verb names (明确|运维单位|每月至少|开展 -> 开展)."""
    at = next((j for j, (k, w) in enumerate(toks) if k == "v" and stating.startswith(w)), None)
    if at is None:
        return ""
    j = at + 1
    while j < len(toks) and toks[j][0] != "n":
        if toks[j][0] in "pv":
            return ""  # 要求整改…: no agent, the stating verb's own object follows
        j += 1
    while j < len(toks) and toks[j][0] != "v":
        if toks[j][0] == "p" or toks[j][0] == "d":
            return ""
        j += 1
    if j == len(toks):
        return ""
    k = j
    while k + 1 < len(toks) and toks[k + 1][0] == "v":
        k += 1
    return "".join(w for _, w in toks[j : k + 1])


def _cut_inside(subject: str, before: str) -> bool:
    """The subject ends inside a noun of the words before the figure (党工委会议、专题|推进
    会议): its last list item is half a word."""
    at = before.rfind(subject)
    if at == -1:
        return False
    end, pos = at + len(subject), 0
    for k, w in _tokens(before):
        if pos < end < pos + len(w):
            return k == "n"
        pos += len(w)
    rest = _tokens(before[end:])
    while rest and rest[-1][0] in "ap":
        rest.pop()
    # 专题|推进会议 up to the figure: the last item goes on into a noun (not 等, not a verb)
    return bool(rest) and rest[-1][0] == "n" and all(k in "nv" for k, _ in rest)


PART_OF = re.compile(r"\s*其中(?:约|近|超过|超|逾|有)?")
SHARE_BEFORE = re.compile(
    r"^\s*(?:其中|分别|约|共)?占(?![比用地有])([\u4e00-\u9fff“”()]{2,10}?)(?:的)?(?:比例|比重)?"
    r"(?:约|近|达|为)?$"
)


def _own_words(before: str) -> str:
    """The clause's words before the figure, without time, bounds and adverbs, as whole
    words from the end (共下发督办函 -> 下发督办函); empty where they name nothing."""
    words = LEADING_TIME.sub("", LEADING_NOISE.sub("", before.strip()))
    toks = _tokens(words)
    while toks and toks[0][0] in "ap":
        toks.pop(0)
    while toks and toks[-1][0] in "ap":
        toks.pop()
    if not toks or "p" in {k for k, _ in toks} or not any(k == "n" for k, _ in toks):
        return ""
    last_verb = max(
        (i for i, (k, _) in enumerate(toks) if k == "v" and i and toks[i - 1][0] == "a"),
        default=-1,
    )
    if last_verb > 0 and all(k == "n" for k, _ in toks[last_verb + 1 :]):
        toks = toks[last_verb:]  # 街道纪工委共|下发督办函: the act and its object, not the doer
    text = "".join(w for _, w in toks)
    return _tail_words(text) if len(text) >= 3 else ""


def _unnamed(unit: str, before: str) -> list[str]:
    """Labels for a figure whose clause names no thing: a share of a whole names the whole
    (占应收总额的八成 -> 占应收总额比例); else the measure its unit is of (比例, 金额)."""
    share = SHARE_BEFORE.match(before)
    out = []
    if share and unit in ("%", "成", "倍"):
        out.append("占" + share.group(1) + "比例")
    own = _own_words(before)
    if own:
        out.append(own)  # 共下发督办函9份: the clause's own words say what
    if unit in UNIT_MEASURE or unit.endswith("元"):
        out.append(UNIT_MEASURE.get(unit, "金额"))
    return out


def build_metric(m: Meaning, unit: str, role: str = "", before: str = "", after: str = "") -> str:
    """The label: verb and subject, or subject and change, 2-14 characters; before and after
    are the clause's words before the figure (its own, after any figure before it) and after
    it."""
    return _metric_cached(tuple(m.__dict__.items()), unit, role, before, after)


@lru_cache(maxsize=8192)
def _metric_cached(fields: tuple, unit: str, role: str, before: str, after: str) -> str:
    """One label per distinct reading: notices repeat their clauses (已完成整改N个)."""
    return _build_metric(Meaning(**dict(fields)), unit, role, before, after)


def _done_to(m: Meaning, after: str) -> str:
    """The work a count of things had done to them, said after the figure with 的
    (已完成10个村(社区)的环境品质提升 -> 已完成环境品质提升村(社区)); empty otherwise."""
    if not (m.verb and m.subject):
        return ""
    hit = DONE_TO.match(after)
    if not hit or not m.subject.endswith(hit.group(1)):
        return ""
    work = hit.group(2)
    if not any(k == "v" for k, _ in _tokens(work)):
        return ""  # 3个村的集体经济收入: a noun of theirs, not work done to them
    label = shorten(_join(m.verb.removesuffix("了"), work) + m.subject)
    return label if 2 <= len(label) <= 14 else ""


DONE_TO = re.compile(r"\s*([^,;:。的\d]{1,10})的([^,;:。的\d并]{2,8})(?:并[^,;:。\d]*)?$")


def _build_metric(m: Meaning, unit: str, role: str, before: str, after: str = "") -> str:
    m = governing(m, before, unit in EVENT_UNITS)
    done_to = _done_to(m, after)
    if done_to:
        return done_to
    again = AGAIN.match(m.verb)
    if again and len(m.verb) - again.end() >= 2:
        m = replace(m, verb=m.verb[again.end() :])  # 再启动改造小区 -> 启动改造小区
    pushed = PUSHED_DONE.fullmatch(m.verb)
    if pushed:
        m = replace(m, verb=pushed.group(1))  # 督促完成竣工验收 -> 完成竣工验收
    if (
        unit in TIME_SPAN_UNITS
        and m.subject
        and re.match(r"(?:以内|之内|内)[即须需要]?", m.subject)
    ):
        # 15个工作日内办结: a time limit of the act after it (办结时限), not a noun 内办结
        act = re.sub(r"^(?:以内|之内|内)[即须需要]?", "", m.subject)
        if 2 <= len(act) <= 10:
            return act + "时限"
    subject = m.subject or m.borrowed or ""
    if "(" in subject:
        subject = _unbracketed(subject)
    if listed(subject) and _cut_inside(subject, before):
        subject = list_head(subject) + "等"  # 召开党工委会议、专题(推进会议) -> 党工委会议等
    kind_of = re.search(r"等([^、等]{2,})$", subject)  # 闲置校舍、厂房等资产: the class named
    head = list_head(subject) + ("等" if (listed(subject) or m.listed) else "")
    if kind_of:
        head = list_head(subject).removesuffix("等" + kind_of.group(1)) + "等" + kind_of.group(1)
    shown = subject if len(subject) <= 10 else head
    if m.listed and not shown.endswith("等"):
        shown += "等"
    if (
        m.attribute
        and subject
        and m.verb
        and len(m.attribute) >= 2
        and not ATTRIBUTE.match(m.attribute)
    ):
        # 供水工程更换消毒设备: the things counted and the work done on them
        shown = head = subject + _join(m.verb, m.attribute)
        m = replace(m, verb="")
    elif m.attribute and subject:
        shown = head = subject + m.attribute  # 往来款项金额
        if subject in m.attribute:
            shown = head = m.attribute  # 申请规划核实时限: the act's object is in its words
    elif m.rate_of and len(m.rate_of) + len(shown) <= 14:
        shown = m.rate_of + shown  # 整改率 after 已整改509处(隐患): 隐患整改率
    elif m.subset and len(m.subset) + len(shown) <= 14:
        shown = m.subset + shown  # 其中C级(28栋): C级自建房
    elif m.modifier and len(m.modifier) + len(shown) < 13:
        shown = m.modifier + "的" + shown  # 存在安全隐患的自建房
    if len(subject) == 1 and not (m.subset and shown == m.subset + subject):
        shown = head = subject + "数"  # 4个村 -> 村数 (but 一类村 of 一类14个)
    # a short list is named whole (拆除棚屋、旱厕等), a longer one by its head (拆除棚屋等)
    described = bool(m.modifier) and shown.startswith(m.modifier + "的")
    named_whole = listed(subject) and not m.attribute and not described
    whole = [subject + ("等" if m.listed and not subject.endswith("等") else "")] * named_whole
    share = SHARE_BEFORE.match(before) if unit == "%" else None
    part = unit == "%" and PART_OF.fullmatch(before) and not RATE_TAIL.search(subject)
    if share and subject and not m.verb:
        # 收缴租金186.3万元,占应收总额的八成: the share that the thing counted takes
        candidates = [subject + "占比", head + "占比", "占" + share.group(1) + "比例"]
    elif part and subject and not m.verb:
        # 受理诉求40件,其中九成…: the share of what the figure before counted
        candidates = [subject + "占比", head + "占比", subject]
    elif m.change_word and subject:
        head = list_head(subject)
        tail = _rate_tail(subject)
        candidates = [subject + m.change_word, re.sub("[“”]", "", subject) + m.change_word]
        if RATE_TAIL.search(head):
            candidates.append(head + m.change_word)  # 事故宗数(和亡人数量)下降
        if tail and head != subject:
            candidates.append(tail + m.change_word)  # (局机关和下属单位)专业人员占比提高
        candidates += [subject, head + m.change_word]
        if tail:
            candidates.append(tail + m.change_word)
        candidates.append(head)
    elif RATE_TAIL.search(subject) and head != subject and _rate_tail(subject):
        candidates = [subject, _rate_tail(subject), head]  # a rate of a list of owners
        if kind_of:
            candidates[1:1] = [_join(m.verb, head) if m.verb else head]  # 彩钢棚等违建面积
    elif role == "total":
        candidates = [*whole, shown, head]
        verb = m.verb.removesuffix("了")
        if verb and not DONE_WORDS.search(verb):
            # 反馈问题67个, 排查安全隐患40个: the verb that found the whole names it
            candidates[:0] = [_join(verb, w) for w in (*whole, shown)]
    elif m.verb and subject:
        verb = m.verb.removesuffix("了")
        candidates = [*(_join(verb, w) for w in whole), _join(verb, shown), _join(verb, head)]
        candidates.append(head)
    elif subject and m.post_verb:
        candidates = [shown + m.post_verb, shown, head]
    elif subject:
        candidates = [*whole, shown, head]
    elif m.verb:
        candidates = [m.verb + ("" if unit in ("个", "项", "件", "处") else unit)]
    else:
        candidates = _unnamed(unit, before)
    if unit in ("%", "成"):
        # 完成年度任务的103%: a share of what the words before 的 name
        candidates = [c[:-1] + "比例" if c.endswith("的") else c for c in candidates]
    candidates = [c for c in candidates if WORDY.search(c)]
    for c in candidates:
        c = shorten(c)
        if 2 <= len(c) <= 14:
            return c
    if candidates:
        c = shorten(candidates[-1])
        if len(c) > 14:
            c = shorten(c[-14:]) if m.change_word else _tail_words(c)
        if 2 <= len(c) <= 14:
            return c
    if len(unit) >= 2:
        return unit
    return "人数" if unit in "人名" else unit + "数" if unit in "次户家处项件栋座" else "数量"
