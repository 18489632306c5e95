"""An item's status (已完成 / 推进中 / 长期), the phrase that decided it, and whether the notice
stated it (明示) or it was inferred from the facts (推断).

Judged on the item's own problem: sentences about other projects (举一反三) are set aside.
A status the notice states decides. Otherwise the core task's own completion: a done-of-total
pair short of its total, or work still under way (正在, 报批, 尚未…), means 推进中 — even where a
sub-step is finished (完成消防给水方案 while the land is at 报批); then words of completion.
"""

from __future__ import annotations

import re

DONE, ONGOING, LONG = "已完成", "推进中", "长期"
STATED, INFERRED = "明示", "推断"

# The words a notice uses to state a status, and what each means.
STATUS_WORDS = (
    "已完成阶段性目标|已完成整改|已全部完成|已整改到位|已整改完毕|已完成|已整改|完成整改|已办结|"
    "已销号|整改完成|基本完成|阶段性完成|部分完成|持续推进中|持续推进|推进中|正在推进|正在整改|"
    "整改中|未完成|长期坚持|长期整改|持续整改|长期推进"
)
# 整改状态：阶段性完成 / 整改进展：已完成 / 完成情况：已完成 — a label the notice gives the item.
# The status word stands alone (整改进展:已完成。), not as the verb of what was done
# (整改进展:已完成工程初步设计…); 整改状态为已完成 and 【整改状态】已完成 are labels too.
LABELLED = re.compile(
    r"[【\[]?(?:(?:整改|完成|办理|落实)?(?:状态|进度|结果|进展|完成情况)|整改情况|进展情况|当前状态)"
    rf"\s*(?:[】\]]\s*[:：]?|[:：]|为)\s*({STATUS_WORDS})"
    r"(?=\s*(?:[(（。;；,，!！|\t\n]|$))"
)
# A status standing alone: a table cell or a sentence that is only the status (已完成。…),
# or one in brackets after a title ((已完成), 【阶段性完成】).
# 整改时限：长期坚持 — a deadline that says the item has none: a long-term item, stated.
LABELLED_LONG = re.compile(
    r"(?:整改|完成|办理)?(?:时限|期限)\s*[:：]\s*(长期坚持|长期整改|长期推进)"
)
BARE = re.compile(rf"^\s*({STATUS_WORDS})\s*(?:[。;；,，!]|$)")
BRACKETED = re.compile(rf"[(（【\[]\s*({STATUS_WORDS})\s*[)）】\]]")
CELLS = re.compile(r"[|\t\n。;；]")
LABEL_STATUS = {
    "已完成": DONE, "已整改": DONE, "完成整改": DONE, "已办结": DONE, "已销号": DONE,
    "整改完成": DONE, "已完成整改": DONE, "已全部完成": DONE, "已整改到位": DONE,
    "已整改完毕": DONE, "长期坚持": LONG, "长期整改": LONG, "持续整改": LONG, "长期推进": LONG,
}  # fmt: skip
# Statements about the item's rectification as a whole.
STATED_ONGOING = re.compile(
    r"阶段性完成|正在(?:推进|整改|加快推进)整改|整改(?:工作)?正在推进|正在推进中|持续推进中|"
    r"尚未(?:全部)?完成整改|未完成整改|整改仍在推进|已?基本完成(?:整改)?|取得阶段性(?:成效|进展)|"
    # 该问题正在持续推进, 整改工作仍在持续推进, 整改工作持续推进: still going on
    r"(?:(?:问题|整改|工作)[^,;。]{0,3}(?:仍在|正在|还在)(?:持续|积极|全力|加快|有序)?|"
    r"(?:问题|整改|工作)(?:持续|积极|有序))推进(?:中)?(?=[,;。]|$)"
)
STATED_DONE = re.compile(
    # (已完成整改386宗 counts what is done, it states no status: a count follows)
    r"(?:目前|现)?已(?:全部|全面|按期|如期|按时)?完成(?:全部)?整改(?!任务的|措施的|工作的|\s*\d)|"
    r"整改(?:工作|任务)?(?:已|均已)(?:全部|全面|按期|如期)?完成(?!了?[^,;。]{0,6}(?:方案|设计|招标))|"
    r"已(?:于[^,;。]{1,12}?)?(?:全部)?整改(?:到位|完毕|完成|销号)(?!\s*\d)|已全面落实整改|已销号|"
    r"(?:该|此)问题(?:已|均已)(?:全部)?整改(?=[,;。]|$)|"
    # 完成巡察反馈“三清三拆”问题整改: the feedback problem's rectification, done
    r"完成(?:巡察)?反馈[^,;。\d]{0,20}问题(?:的)?整改(?!方案|工作方案)"
)
STATED_LONG = re.compile(r"长期坚持|需长期整改|长期推进")
# 该项工作将长期坚持, 该问题需长期推进, …，需长期坚持。 — the item itself called long-term
STATED_LONG_BODY = re.compile(
    r"(?:该|此|本)(?:项工作|项|问题|工作)[^,;。]{0,4}长期(?:坚持|推进|整改)|"
    r"(?:需|需要|将|须)长期(?:坚持|推进)(?=[,;。、]|$)"
)
# Words by which a long-term item (part 三) calls itself long-term.
LONG_WORDS = re.compile(r"长期坚持|长期推进|长期整改|需要长期|需长期|长期性")
PART_HEADING = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]{1,3}[、.．][^\n]{1,40}", re.M)
# Work under way: the core task is not finished.
UNDER_WAY = re.compile(
    r"正在|目前正|正加快|正陆续|尚未|未完成|推进中|全速建设|有序推动建设|有序推进建设|待完成|"
    # 待进场施工 (not 待建设项目, a kind of project)
    r"待(?:施工|开工|实施|验收|审批|批复|建设|招标|进场)(?![\u4e00-\u9fff]{0,2}(?:项目|工程)|的)|"
    r"逐步推进|加快推进建设|报批|审批中|招标中|开展招标|前期工作|施工中|建设中|"
    r"计划\d{4}年\d{1,2}月|预计\d{4}年|计划于|(?<!适时)(?<!将)启动[^,;。]{0,8}(?:结算|程序|诉讼)|起诉|诉讼中|"
    r"(?:剩余|其余)[^,;。]{0,12}(?:正在|尚未|未|暂缓|待)|"
    # 下一步将启动建设: the core work is still to come
    r"将(?:启动|开工|加快推进|推进|开展)[^,;。]{0,8}(?:建设|施工|改造)|"
    # 已制定方案,下步将组织实施: the core work is still to come
    r"(?:下步|下一步)(?:将|要)?(?:组织|启动|开展|全面)?(?:实施|施工|建设)"
)
# What is left, counted (剩余2栋…, 其余0.46亿元纳入预算分年偿还, 尚有3户未签约): the core task is
# not finished, unless its clause says the rest is done too (其余3处已全部完工)
LEFT = re.compile(
    r"(?:剩余|其余|剩下|余下|尚有|还有|仍有)[^,;。\d]{0,20}?(?<![\d.])(\d+(?:\.\d+)?)\s*(?:万|亿)?"
    r"[\u4e00-\u9fff%]"
)
LEFT_DONE = re.compile(
    r"^[^,;。]{0,16}?(?:已|均已|全部)[\u4e00-\u9fff]{0,4}?"
    r"(?:完成|完工|整改|到位|销号|拆除|建成|办结|修复|治理|清理|化解|达标|签订|落实)"
)
# Work started but not said to be finished: 项目已开工建设, 已进场施工, 已上报县发改局审批.
STARTED = re.compile(
    r"已开工|开工建设|进场施工|(?:上报|报送|提交)[^,;。]{0,10}(?:审批|审核|审查|批复)|"
    r"进入[^,;。]{0,4}(?:施工|实施|建设|招标|审批)(?:阶段|程序|环节)"
)
FINISHED = re.compile(r"竣工|完工|建成|投入使用|投用|投产|通车|通水|验收|获批|批复同意")
# Strongest first: the first pattern found anywhere in the item decides.
COMPLETED = (
    re.compile(r"已全部完成|全部完成|均已完成|全部实现"),
    re.compile(r"已完成|顺利完工|完成验收|已建成|整改到位|已整改|已落实|已全面|竣工|投入使用"),
    re.compile(r"完成"),
)
SIDE = re.compile(r"举一反三")
# …until a sentence speaks of the item itself again (…。目前该问题已完成整改。)
SIDE_END = re.compile(
    r"^\s*(?:目前|截至|当前|至此|综上)|(?:该|此|本)(?:项)?问题|(?:该|此|本)项(?:整改|工作)"
)
SUBSET = re.compile(r"\s*其中")
COUNT = (
    r"(\d+(?:\.\d+)?)\s*(个|处|项|件|宗|条|座|家|所|名|人|户|间|栋|台|辆|亩|公里|米|平方米)(?!次)"
)
# "排查隐患点23处,已完成治理19处", "21处历史水浸点已完成整治19处"
PAIR = re.compile(
    COUNT
    + r"[^。;!?\d]{0,30}?(?:已完成|已|完成)[^。;!?\d]{0,10}?(\d+(?:\.\d+)?)\s*\2(?![\u4e00-\u9fff]{0,2}率)"
)
# "已联系失联党员12名中的10名", "完成9座病险水库除险加固中的6座"
PART_OF = re.compile(COUNT + r"[^。;!?\d,]{0,16}?中的\s*(\d+(?:\.\d+)?)\s*\2")
# 整改完成率75%, 办结率96.6%, 已完成整改任务的80%: the core task's own completion short of all
# of it (not a timeliness rate, 按时办结率98.7%).
RATE = re.compile(
    r"(?:(?<!按时)(?<!按期)(?<!及时)(?:整改完成率|完成率|整改率|办结率|销号率|整改进度|进度|"
    r"整治率|处置率|化解率|修复率|清理率|完工率|复耕率)"
    r"(?:达到|达|为|[:：])?|"
    r"完成[^,;。\d]{0,8}的|"
    # 完成投资1200万元,占总投资的75%: the share of the whole task done
    r"占[^,;。\d]{0,6}(?:总投资|总任务|任务|计划|总量|总数|总工程量|工程量)的)\s*(\d+(?:\.\d+)?)%"
)
SENTENCE = re.compile(r"[^。!?\n]+[。!?]?")


def item_status(
    text: str, start: int, end: int, title: str = "", long_term: bool = False
) -> tuple[str, str, str]:
    """(status, evidence, basis) for the item whose body is text[start:end]."""
    body = text[start:end]
    m = LABELLED.search(body)
    if m:
        return LABEL_STATUS.get(m.group(1), ONGOING), m.group(0), STATED
    m = LABELLED_LONG.search(body)
    if m:
        return LONG, m.group(0), STATED
    if long_term:
        # a part of long-term items: stated where the item or its part says so, else
        # inferred from the part it stands in (its heading is the evidence)
        for where in (title or "", body):
            m = LONG_WORDS.search(where)
            if m:
                sentence = next(s for s in SENTENCE.findall(where) if m.group() in s)
                return LONG, _clause(sentence, *_span(sentence, m.group())), STATED
        heading = _part_heading(text, start)
        # 三、需长期整改事项推进情况 states it of every item under it; 三、建立健全长效机制情况
        # or 三、下一步工作打算 leaves it to be inferred
        if heading is None:
            return LONG, "长期事项部分所列", INFERRED
        return LONG, heading, STATED if LONG_WORDS.search(heading) else INFERRED
    if STATED_LONG.search(title or ""):
        return LONG, STATED_LONG.search(title).group(), STATED
    for where in (title or "", body):
        m = BRACKETED.search(where)
        if m:
            return LABEL_STATUS.get(m.group(1), ONGOING), m.group(0), STATED
    for cell in CELLS.split(body):
        m = BARE.match(cell)
        if m:
            return LABEL_STATUS.get(m.group(1), ONGOING), m.group(1), STATED
    own = _own_sentences(body)
    for regex, status in (
        (STATED_ONGOING, ONGOING),
        (STATED_DONE, DONE),
        (STATED_LONG_BODY, LONG),
    ):
        for sentence in own:
            if status == DONE and SUBSET.match(sentence):
                continue  # 其中重大隐患2个,均已整改销号: a part of the item is done, not the item
            for m in regex.finditer(sentence):
                if status == DONE and _in_subset(sentence, m.start()):
                    continue  # …,其中重大隐患11项已全部整改销号,剩余14项…: a class of it is done
                long = STATED_LONG_BODY.search(sentence) if status == ONGOING else None
                if long:  # 已取得阶段性成效,作风建设将长期坚持: the item calls itself long-term
                    return LONG, _clause(sentence, long.start(), long.end()), STATED
                return status, _clause(sentence, m.start(), m.end()), STATED
    for sentence in own:
        for m in (*PAIR.finditer(sentence), *PART_OF.finditer(sentence)):
            total, done = float(m.group(1)), float(m.group(3))
            if done < total:
                return ONGOING, _clause(sentence, m.start(), m.end()), INFERRED
        for m in RATE.finditer(sentence):
            if float(m.group(1)) < 100:
                return ONGOING, _clause(sentence, m.start(), m.end()), INFERRED
        for m in LEFT.finditer(sentence):
            if float(m.group(1)) > 0 and not LEFT_DONE.match(sentence[m.end(1) :]):
                return ONGOING, _clause(sentence, m.start(), m.end()), INFERRED
    for sentence in own:
        m = UNDER_WAY.search(sentence)
        if m:
            return ONGOING, _clause(sentence, m.start(), m.end()), INFERRED
    if not any(FINISHED.search(sentence) for sentence in own):
        for sentence in own:
            m = STARTED.search(sentence)
            if m:
                return ONGOING, _clause(sentence, m.start(), m.end()), INFERRED
    for regex in COMPLETED:
        for sentence in own:
            m = regex.search(sentence)
            if m:
                return DONE, _clause(sentence, m.start(), m.end()), INFERRED
    return DONE, "未见“正在、尚未、推进中”等在办表述", INFERRED


def _in_subset(sentence: str, at: int) -> bool:
    """The clause at `at` is a class of the whole, opened by 其中 (其中重大隐患11项已…)."""
    left = max(sentence.rfind(c, 0, at) for c in ",;。:") + 1
    return sentence[left:at].lstrip().startswith("其中") or sentence[max(0, left - 3) : left] in (
        "其中,",
        "其中:",
    )


def _own_sentences(body: str) -> list[str]:
    """The item's sentences, without those about other work (举一反三 and what follows it in
    its paragraph)."""
    return [body[lo:hi] for lo, hi in _own_spans(body, 0, len(body))]


def _span(text: str, words: str) -> tuple[int, int]:
    at = text.find(words)
    return at, at + len(words)


def _part_heading(text: str, start: int) -> str | None:
    """The heading of the part an item stands in (三、建立健全长效机制情况)."""
    heading = None
    for m in PART_HEADING.finditer(text, 0, start):
        heading = m
    return heading.group().strip() if heading else None


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ",;。:\n") + 1
    ends = [i for i in (text.find(c, end) for c in ",;。\n") if i != -1]
    return text[left : min(ends) if ends else len(text)].strip()


def short_pair_status(text: str, item: dict, pairs: list[dict]) -> tuple[str, str, str] | None:
    """推进中 (推断) for an item inferred 已完成 whose own done-of-total pair falls short of its
    total where the words alone did not show it (共排查隐患23处。…已整改19处。): the pair may
    span sentences. None where the item keeps its status."""
    if item.get("status") != DONE or item.get("status_basis") != INFERRED:
        return None
    start, end = item.get("char_start", -1), item.get("char_end", -1)
    own = _own_spans(text, start, end)
    for pair in pairs:
        at = pair.get("char_start", -1)
        if not (start <= at < end) or pair["done"] >= pair["total"]:
            continue
        if not any(lo <= at < hi for lo, hi in own):
            continue  # a pair in a 举一反三 sentence is about other work
        sentence = pair.get("sentence") or ""
        done = f"{pair['done']:g}"
        m = re.search(
            rf"(?<![\d.]){re.escape(done)}\s*(?:万|亿)?{re.escape(pair['unit'])}", sentence
        )
        evidence = _clause(sentence, m.start(), m.end()) if m else sentence[:40]
        return ONGOING, evidence or f"完成{done}{pair['unit']}/共{pair['total']:g}", INFERRED
    return None


def _own_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the item's own sentences: not those about other work (举一反三 and what
    follows it in its paragraph, until a sentence speaks of the item again)."""
    spans: list[tuple[int, int]] = []
    at = start
    for paragraph in text[start:end].split("\n"):
        side = False
        for m in SENTENCE.finditer(paragraph):
            aside = SIDE.search(m.group())
            if aside:
                # 已完成整改,并举一反三对其他村开展排查: what it said before the remark is the item's
                head = m.group()[: aside.start()].rstrip(",;、并同时")
                if not side and len(head) > 2:
                    spans.append((at + m.start(), at + m.start() + len(head)))
                side = True
            elif side and SIDE_END.search(m.group()):
                side = False
            if not side:
                spans.append((at + m.start(), at + m.end()))
        at += len(paragraph) + 1
    return spans
