"""One notice's text -> the rows of every table: the path from a sentence to a figure."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from loaders.context import (
    breakdown_kinds,
    clause_bounds,
    figure_change,
    figure_kind,
    figure_period,
)
from loaders.errors import ReportError
from loaders.figures import Figure, Protected, find_figures
from loaders.limits import MAX_FIGURES, MAX_PARAGRAPHS, MAX_SENTENCE_CHARS, MAX_TEXT_CHARS
from loaders.metadata import read_metadata
from loaders.normalise import normalise
from loaders.progress import find_progress
from loaders.reading import RawReport
from loaders.status import short_pair_status
from loaders.structure import Outline, parse_outline
from loaders.subject import (
    ATTRIBUTE,
    COUNTED_UNITS,
    EVENT_UNITS,
    LEADING_NOISE,
    PLACE,
    Meaning,
    build_metric,
    event_act,
    from_earlier,
    place_opens,
    read_before,
    read_meaning,
    starts_with_verb,
    widen,
    without_places,
)
from loaders.subject import _tokens as subject_tokens
from loaders.themes import ThemeRules
from loaders.villages import Gazetteer, Mention, figure_villages, find_mentions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SENTENCE_END = re.compile(r"[。!?]+[”’\"]?")
CLAUSE_MARKS = "，,、；;：: "


@dataclass
class ParsedReport:
    """Everything the loader writes for one document, as plain rows."""

    doc: dict
    sections: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    progress: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)


@lru_cache(maxsize=4)
def _rules(themes_path: Path, villages_path: Path, _stamp: tuple) -> tuple[ThemeRules, Gazetteer]:
    return ThemeRules.load(themes_path), Gazetteer.load(villages_path)


def load_rules(data_dir: Path = DATA_DIR) -> tuple[ThemeRules, Gazetteer]:
    """The user-editable theme rules and gazetteer, re-read when either file changes."""
    themes, villages = data_dir / "themes.toml", data_dir / "villages.csv"
    if os.environ.get("RECTIFY_GAZETTEER"):  # python -m loaders ingest --gazetteer PATH
        villages = Path(os.environ["RECTIFY_GAZETTEER"])
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (themes, villages))
    return _rules(themes, villages, stamp)


def document_id(text: str, title: str | None, published: dt.date | None) -> str:
    """Stable id from the normalised text: its title and date, or its characters."""
    key = f"{title}|{published}" if title and published else re.sub(r"\s+", "", text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def sentence_spans(
    text: str, paragraphs: list[tuple[int, int]], figures: list[Figure] | None = None
) -> list[tuple[int, int]]:
    """Sentences of each paragraph, none longer than MAX_SENTENCE_CHARS (see bounded)."""
    return _spans(text, paragraphs, figures)[0]


def _spans(
    text: str, paragraphs: list[tuple[int, int]], figures: list[Figure] | None = None
) -> tuple[list[tuple[int, int]], bool]:
    """sentence_spans, and whether a sentence was cut (only a cut looks at the figures:
    without one, the spans are those of any figures)."""
    spans: list[tuple[int, int]] = []
    cut = False
    figures = figures or []
    starts = [f.start for f in figures]
    limit = MAX_SENTENCE_CHARS
    for start, end in paragraphs:
        pos = start
        for m in SENTENCE_END.finditer(text, start, end):
            stop = m.end()
            if stop - pos <= limit:  # most sentences: one piece, as bounded gives it
                spans.append((pos, stop))
            else:
                spans.extend(bounded(text, pos, stop, figures, starts))
                cut = True
            pos = stop
        if pos < end:
            spans.extend(bounded(text, pos, end, figures, starts))
            cut = cut or end - pos > limit
    return spans, cut


def bounded(
    text: str, start: int, end: int, figures: list[Figure], starts: list[int]
) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most MAX_SENTENCE_CHARS, at a clause mark if the
    piece's second half has one, never inside a figure.

    A sentence is where a figure's context is read and what its row stores; a notice whose
    lines never end (400 figures on one 4,000-character line) made every figure copy and
    scan the whole line: an 82 MB database from 50 KB, minutes of parsing for 2 MB.
    """
    pieces = []
    limit = MAX_SENTENCE_CHARS
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = max(text.rfind(mark, lo, hi) for mark in CLAUSE_MARKS) + 1 or hi
        i = bisect_right(starts, cut - 1) - 1  # the last figure starting before the cut
        if i >= 0 and figures[i].start < cut < figures[i].end:
            cut = figures[i].end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def parse_report(raw: RawReport, data_dir: Path = DATA_DIR) -> ParsedReport:
    """Normalise, outline, find figures and villages, and build the rows."""
    text = normalise(raw.text)
    _check_bounds(raw, text)
    outline = parse_outline(text)
    parts = [s for s in outline.sections if s.kind == "part" and s.label]
    if not outline.items and len(parts) < 2 and not _is_short_notice(text, outline):
        raise ReportError(
            raw.path,
            "没有找到通报结构(无“一、二、”部分、编号事项，也无巡察整改内容和数字) "
            "(no report structure)",
        )
    themes, gazetteer = load_rules(data_dir)
    meta = read_metadata(text)
    doc_id = document_id(text, meta.title, meta.published)
    report = ParsedReport(
        doc={
            "doc_id": doc_id,
            "title": meta.title,
            "issuer": meta.issuer,
            "place": meta.place,
            "round": meta.round,
            "published": meta.published,
            "inspection_start": meta.inspection_start,
            "inspection_end": meta.inspection_end,
            "source_file": raw.path.name,
            "source_format": raw.source_format,
            "encoding": raw.encoding,
            "sha256": raw.sha256,
            "text": text,
            "ingested_at": dt.datetime.now().replace(microsecond=0),
        }
    )
    _outline_rows(report, outline)
    mentions = find_mentions(text, gazetteer)
    spans, cut = _spans(text, outline.paragraphs)
    _mention_rows(report, text, outline, mentions, spans)
    # the figures' sentences are these unless a long one was cut (a cut avoids figures)
    _figure_rows(report, text, outline, mentions, themes, raw.path, None if cut else spans)
    for row in report.items:
        revised = short_pair_status(text, row, report.progress)
        if revised:  # a done-of-total pair short of its total, across sentences
            row["status"], row["status_evidence"], row["status_basis"] = revised
    return report


def _check_bounds(raw: RawReport, text: str) -> None:
    """Refuse text beyond the bounds in loaders/limits.py before any parsing work."""
    if len(text) > MAX_TEXT_CHARS:
        raise ReportError(
            raw.path,
            f"正文超过 {MAX_TEXT_CHARS:,} 字的上限 (text of {len(text):,} characters, "
            f"limit {MAX_TEXT_CHARS:,})",
        )
    lines = text.count("\n")
    if lines > MAX_PARAGRAPHS:
        raise ReportError(
            raw.path,
            f"段落超过 {MAX_PARAGRAPHS:,} 个的上限 ({lines:,} paragraphs, limit {MAX_PARAGRAPHS:,})",
        )


GENRE_CUES = re.compile(r"巡察|巡视|整改|通报|反馈问题|反馈意见|问题线索|问责")


def _is_short_notice(text: str, outline: Outline) -> bool:
    """A notice of the genre without numbered items: its cues and at least one figure."""
    if not GENRE_CUES.search(text):
        return False
    protected = Protected(text, outline.label_spans)
    return next(iter(find_figures(text, 0, len(text), protected)), None) is not None


def _outline_rows(report: ParsedReport, outline: Outline) -> None:
    doc_id = report.doc["doc_id"]
    for s in outline.sections:
        report.sections.append({"doc_id": doc_id, **vars(s)})
    for it in outline.items:
        report.items.append(
            {
                "doc_id": doc_id,
                "item_no": it.item_no,
                "part": it.part,
                "label": it.label,
                "title": it.title,
                "topic": it.topic,
                "status": it.status,
                "status_evidence": it.status_evidence,
                "status_basis": getattr(it, "status_basis", None) or None,
                "owner": it.owner or None,
                "deadline": it.deadline,
                "char_start": it.char_start,
                "char_end": it.char_end,
            }
        )


def _sentence_of(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    i = max(bisect_right(starts, offset) - 1, 0)
    return spans[i]


def _mention_rows(
    report: ParsedReport,
    text: str,
    outline: Outline,
    mentions: list[Mention],
    spans: list[tuple[int, int]] | None = None,
) -> None:
    if spans is None:
        spans = sentence_spans(text, outline.paragraphs)
    starts = [s for s, _ in spans]
    for m in mentions:
        lo, hi = _sentence_of(spans, starts, m.start)
        item = outline.item_at(m.start)
        report.mentions.append(
            {
                "doc_id": report.doc["doc_id"],
                "village": m.village.name,
                "village_type": m.village.type,
                "item_no": item.item_no if item else None,
                "part": outline.part_at(m.start),
                "sentence": text[lo:hi],
                "char_start": m.start,
            }
        )


def _figure_rows(
    report: ParsedReport,
    text: str,
    outline: Outline,
    mentions: list[Mention],
    themes: ThemeRules,
    path: Path,
    spans: list[tuple[int, int]] | None = None,
) -> None:
    doc_id = report.doc["doc_id"]
    protected = Protected(text, outline.label_spans)
    found = find_figures(text, 0, len(text), protected)
    if len(found) > MAX_FIGURES:
        raise ReportError(
            path,
            f"数字超过 {MAX_FIGURES:,} 个的上限 ({len(found):,} figures, limit {MAX_FIGURES:,})",
        )
    if spans is None:
        spans = sentence_spans(text, outline.paragraphs, found)
    starts = [s for s, _ in spans]
    mention_starts = [m.start for m in mentions]
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for fig in found:
        by_sentence.setdefault(_sentence_of(spans, starts, fig.start), []).append(fig)
    carried: dict[str, Meaning] = {}
    carried_paragraph = None
    scope_figures: list[Figure] = []  # the item's (or paragraph's) figures so far
    metrics: dict[int, tuple] = {}
    for sentence, figures in by_sentence.items():
        sentence_text = text[sentence[0] : sentence[1]]
        paragraph = outline.paragraph_at(sentence[0])
        # what a unit counted carries on through one item's paragraphs (一是…撂荒耕地310亩 /
        # 二是…已复耕复种298亩), never into another item
        scope = outline.item_at(sentence[0]) or paragraph
        if scope is not carried_paragraph and scope != carried_paragraph:
            carried, carried_paragraph = {}, scope
            scope_figures, metrics = [], {}
        clauses = [clause_bounds(text, f.start, f.end, *sentence) for f in figures]
        pairs = find_progress(text, figures, scope_figures)
        scope_figures.extend(figures)
        first, last = (
            bisect_left(mention_starts, sentence[0]),
            bisect_left(mention_starts, sentence[1]),
        )
        places = frozenset(m.village.name for m in mentions[first:last])
        # named places only: a bare 社区 in 社区长者食堂 is part of a noun
        place_spans = tuple((m.start, m.end) for m in mentions[first:last] if m.end - m.start > 2)
        meanings, roles, pairs = _meanings(
            text,
            figures,
            clauses,
            pairs,
            sentence_text,
            sentence[0],
            carried,
            places,
            place_spans,
        )
        kinds = breakdown_kinds(
            text,
            figures,
            clauses,
            [
                figure_kind(text, f, c, sentence, roles.get(id(f), ""))
                for f, c in zip(figures, clauses, strict=True)
            ],
            {i for i, f in enumerate(figures) if roles.get(id(f)) == "total"},
        )
        for i, (fig, clause, meaning, kind) in enumerate(
            zip(figures, clauses, meanings, kinds, strict=True)
        ):
            item = outline.item_at(fig.start)
            lo = figures[i - 1].end if i and clauses[i - 1] == clause else clause[0]
            shown = meaning
            if meaning.subject and places:
                shown = replace(meaning, subject=without_places(meaning.subject, places))
            metric = build_metric(
                shown,
                fig.unit,
                roles.get(id(fig), ""),
                text[lo : fig.start],
                text[fig.end : clause[1]],
            )
            subject = meaning.named_as or meaning.subject
            metrics[id(fig)] = (subject, metric)
            report.indicators.append(
                {
                    "doc_id": doc_id,
                    "indicator_id": len(report.indicators) + 1,
                    "part": outline.part_at(fig.start),
                    "item_no": item.item_no if item else None,
                    "topic": outline.topic_at(fig.start),
                    "theme": themes.assign(
                        metric + text[clause[0] : clause[1]],
                        sentence_text,
                        item.title[:MAX_SENTENCE_CHARS] if item and item.title else None,
                        item.topic[:MAX_SENTENCE_CHARS] if item and item.topic else None,
                    ),
                    "subject": subject,
                    "metric": metric,
                    "value": fig.value,
                    "unit": fig.unit,
                    "qualifier": fig.qualifier,
                    "kind": kind,
                    "change": figure_change(text, fig, clause),
                    "period": figure_period(text, fig, sentence),
                    "villages": figure_villages(
                        text, fig.start, lo, clause, sentence, paragraph, mentions, mention_starts
                    ),
                    "sentence": sentence_text,
                    "sentence_start": sentence[0],
                    "char_start": fig.start,
                    "char_end": fig.end,
                    "raw": fig.raw,
                }
            )
        for pair in pairs:
            item = outline.item_at(pair.total_figure.start)
            subject, metric = metrics[id(pair.total_figure)]
            report.progress.append(
                {
                    "doc_id": doc_id,
                    "item_no": item.item_no if item else None,
                    "part": outline.part_at(pair.total_figure.start),
                    "subject": subject,
                    "metric": metric,
                    "done": pair.done,
                    "total": pair.total,
                    "unit": pair.unit,
                    "sentence": sentence_text,
                    "char_start": pair.total_figure.start,
                }
            )


DIMENSIONS = frozenset("长 宽 高 深 厚".split())
LENGTHS = frozenset("米 公里 千米 厘米 毫米".split())
# A grade or class of a part of a whole (其中C级28栋, 一类12个, 三星级5家): it says which, the
# whole says what.
GRADE = re.compile(r"[A-Za-z0-9一二三四五六七八九十甲乙丙丁ⅠⅡⅢⅣⅤ]{1,3}(?:级|类|档|等|星级?)(?:的)?")
# A part named by a threshold, a qualification or a state, not by a noun of its own
# (其中副高以上职称3名, 大专以上学历29名, 运行不正常9个): those of the whole that are so.
CLASS_OF_PART = re.compile(
    r"[\u4e00-\u9fff]{0,6}(?:以上|以下|及以上)(?:职称)?(?:的)?"
    r"|[\u4e00-\u9fff]{0,4}[不未](?:正常|达标|合格|到位|规范|完善|落实|健全|符合要求)(?:的)?"
)
PLAN = re.compile(r"(?:计划|目标|任务)$")
ANAPHORA = re.compile(r"(?:上述|前述|这些|该批|此类)[\u4e00-\u9fff]{1,3}")
# A list of measures taken (采取停止使用、加固等措施): a class of acts, counted by 项/条, never by
# the 栋 or 户 they were taken on.
MEASURES = re.compile(r"(?:措施|方式|办法|手段|举措)$")
ACT_COUNTERS = frozenset("项 条 个 种 类 套 次 批 项次 轮".split())
SHARE_OF = re.compile(r"占[^,;:。]{1,14}?的?(?:比例|比重)?(?:为|达|约)?$")
ACT_UNITS = frozenset({*EVENT_UNITS, "人", "名", "宗", "件"})
# 其中九成…, 占应收总额的八成: a share of what the figure before it counted
SHARE_NAMED = re.compile(r"其中|\s*(?:分别|约|共)?占(?![比用地有])[^,;。\d]{2,12}$")
THRESHOLD_OF_NEXT = re.compile(r"(?:及)?(?:以上|以下|以内)的?")

MEANING_MEMO = 8192  # clauses remembered per process (0: none); bounded, whatever the file count
_memo: dict[tuple, Meaning] = {}


def _read_meaning(text: str, fig: Figure, clause: tuple[int, int], lo: int) -> Meaning:
    """subject.read_meaning, remembered per process.

    read_meaning reads the words of the clause before the figure (from lo, or the clause's
    start), the words after it to the clause's end, and the figure's unit; the key is
    exactly those (and the figure's other fields, except its number and place). Notices
    repeat their clauses with new numbers (已完成整改N个, 排查安全隐患N处), and jieba's
    segmentation of them was about a third of a parse. Should read_meaning read more of
    the text, that goes into the key: tests/test_parse_fast_paths.py parses notices with
    and without the memo. The caller changes the Meaning it gets: each gets its own copy.
    """
    if not MEANING_MEMO:
        return read_meaning(text, fig, clause, lo)
    key = (
        text[max(clause[0], lo) : fig.start],
        text[fig.end : clause[1]],
        fig.unit,
        fig.qualifier,
        fig.deadline,
    )
    known = _memo.get(key)
    if known is None:
        known = _copy(read_meaning(text, fig, clause, lo))
        if len(_memo) >= MEANING_MEMO:
            del _memo[next(iter(_memo))]  # the oldest entry
        _memo[key] = known
    return _copy(known)


def _copy(meaning: Meaning) -> Meaning:
    """A shallow copy (its fields are strings and flags), without copy.copy's dispatch."""
    twin = object.__new__(Meaning)
    twin.__dict__.update(meaning.__dict__)
    return twin


def _count_of_the_classes(
    text: str, prev: Figure, fig: Figure, prev_meaning: Meaning, prev_lo: int
) -> Meaning | None:
    """反馈问题4个方面23个: where only the noun after the figure before stands between the two,
    the second counts what the words before the first name."""
    between = text[prev.end : fig.start].strip(" ")
    if not prev_meaning.subject or between != prev_meaning.subject:
        return None
    whole = read_before(text[prev_lo : prev.start])
    if not whole.subject or whole.change_word or PLACE.match(whole.subject):
        return None  # 全街道12个书记中…11名: a place says where, not what
    return Meaning(whole.subject, whole.verb, listed=whole.listed)


def _act_words(words: str) -> bool:
    """The words are an act (重新公开招租, 依法解除合同, 督促动工), not a noun of their own:
    past adverbs, a verb, or a word opening with one."""
    toks = subject_tokens(words)
    k = 0
    while k < len(toks) and toks[k][0] == "a":
        k += 1
    if k == len(toks):
        return False
    kind, word = toks[k]
    return kind == "v" or (kind == "n" and len(word) > 2 and starts_with_verb(word[:2]))


def _acts_of_a_whole(
    text: str, figures: list[Figure], clauses: list, meanings: list[Meaning]
) -> None:
    """整改不规范合同41份,其中重新招租19份、依法解除合同6份、签订补充协议16份: parts after
    其中 that add up to the whole before them and name only what was done count the whole's
    thing (合同), the act done to each part in its label; a part naming a noun keeps it."""
    i = 0
    while i < len(figures):
        lead = text[clauses[i][0] : figures[i].start].lstrip(" ,;、")
        if not lead.startswith("其中"):
            i += 1
            continue
        unit = figures[i].unit
        parts = [i]
        while (
            parts[-1] + 1 < len(figures)
            and figures[parts[-1] + 1].unit == unit
            and not re.search(
                r"[,;:。]", text[figures[parts[-1]].end : figures[parts[-1] + 1].start]
            )
        ):
            parts.append(parts[-1] + 1)
        whole = next(
            (j for j in range(i - 1, -1, -1) if figures[j].unit == unit and meanings[j].subject),
            None,
        )
        i = parts[-1] + 1
        if whole is None or len(parts) < 2:
            continue
        total = sum(figures[k].value for k in parts)
        if abs(total - figures[whole].value) > 1e-6 * max(1.0, figures[whole].value):
            continue
        named = meanings[whole].subject or ""
        for k in parts:
            lo = figures[k - 1].end if k in parts[1:] else clauses[k][0]
            own = text[lo : figures[k].start].strip(" ,;、").removeprefix("其中")
            if not _act_words(own) or len(own) > 10:
                continue
            act = own
            for size in range(min(len(own) - 2, 4), 1, -1):
                if named.endswith(own[-size:]):
                    act = own[:-size]  # 依法解除(合同): the part's object is the whole's thing
                    break
            m = meanings[k]
            m.subject, m.listed, m.verb = named, meanings[whole].listed, act
            m.from_after, m.modifier, m.post_verb, m.attribute = False, "", "", ""


def _part_of_whole(
    text: str, fig: Figure, clause: tuple[int, int], lo: int, m: Meaning, before: list[Meaning]
) -> None:
    """A part of a whole that names no noun of its own counts what the whole counted: a grade
    (其中C级28栋), a count whose clause goes on with a verb (其中3家记入…), a list of measures
    counted in what they were taken on (采取加固、拆除等措施40栋), a share (占…的38.6%).
    The subject is left empty here for the figure before it to give; the words stay in the
    label."""
    own = text[lo : fig.start].strip(" 、")
    part = text[clause[0] : fig.start].lstrip(" ,;、").startswith("其中")
    words = own.removeprefix("其中").lstrip(",")
    grade = GRADE.fullmatch(words) or CLASS_OF_PART.fullmatch(words)
    if (part or (before and before[-1].subset)) and grade and m.subject:
        m.subset, m.subject, m.verb, m.listed = grade.group().removesuffix("的"), None, "", False
    elif part and own == "其中" and m.from_after and m.subject:
        after = text[fig.end : clause[1]]
        if starts_with_verb(after):
            m.post_verb, m.subject, m.from_after = after[:10], None, False
    elif m.subject and MEASURES.search(m.subject) and fig.unit not in ACT_COUNTERS:
        m.modifier = (m.verb + m.subject[-2:]).removeprefix("已") if m.verb else ""
        m.subject, m.verb, m.listed = None, "", False
    if m.subject and m.verb.endswith(("超出", "超过", "超额完成")) and PLAN.search(m.subject):
        # 超出年度计划2.4公里: the excess of what the figure before it counted
        m.post_verb, m.subject, m.verb = m.verb.removeprefix("已") + m.subject, None, ""
    share = SHARE_OF.search(own)
    if share and share.start() == 0 and fig.unit == "%":
        named = next((had for had in reversed(before) if had.subject), None)
        if named is not None:
            m.subject, m.listed, m.verb, m.attribute = named.subject, named.listed, "", "占比"


ON_WHAT = re.compile(r"对((?:[^,;:。对在]|对象){2,16}?)(?:,|要求|均|一律|须|必须|应|在)")
DIGIT = re.compile(r"\d")
WITHIN = re.compile(r"\s*(?:以内|之内|内)(?:即|须|必须|要|应|均)?")


def _without_places(subject: str, places: frozenset[str]) -> str:
    """拆除甲村、乙村违章建筑、窝棚等: the villages leading a list say where, the rest what."""
    items = subject.split("、")
    k = 0
    while k < len(items) - 1 and items[k] in places:
        k += 1
    if not k:
        return subject
    first = items[k]
    lead = next((p for p in sorted(places, key=len, reverse=True) if place_opens(first, p)), "")
    if lead and len(first) - len(lead) >= 2:
        first = first[len(lead) :]  # 下塘村违章建筑 -> 违章建筑
    elif lead:
        return subject
    return "、".join([first, *items[k + 1 :]])


# What a time limit's words lead with before the figure: when it starts (在发现后, 自受理之日起)
LIMIT_STARTS = re.compile(
    r"(?:须|必须|应|要|均|需)?(?:在[^,;:。在]{1,8}?后|(?:自|从)[^,;:。]{1,10}?起|在|于)$"
)
LIMIT_ACT_END = re.compile(r"[、,;:。]")


def _limit_act(text: str, start: int, end: int) -> str:
    """The act a time limit bounds: the words after 内 up to the next pause when they are
    short or end in a verb (整改到位, 首次响应, 申请规划核实), else the verb they open with
    (报送 of 报送区委巡察办)."""
    words = text[start:end]
    stop = LIMIT_ACT_END.search(words)
    words = re.sub(r"^(?:即|须|必须|要|应|均)", "", words[: stop.start()] if stop else words)
    toks = subject_tokens(words[:16]) if words else []
    if not toks or re.search(r"[\d]", words):
        return ""
    if 2 <= len(words) <= 4 or (len(words) <= 6 and toks[-1][0] == "v"):
        return words  # not 报送|镇纪委: a place it goes to is no part of the act
    return toks[0][1] if toks[0][0] == "v" else ""


def _limited_noun(text: str, lo: int, hi: int) -> str:
    """The noun right before a time limit (信访事项(15日内告知)), past the words saying when it
    starts (销号材料|在发现后) and the words requiring it (要求|建设单位, 新增违建|做到); a
    one- or two-character noun keeps the verb it is named by (新增违建, 销号材料). Empty where
    the words there name no noun."""
    head = text[lo:hi]
    starts = LIMIT_STARTS.search(head)
    if starts:
        head = head[: starts.start()]
    elif head.endswith("后"):
        toks = subject_tokens(head[:-1])
        if toks and toks[-1][0] == "v":
            head = head[: -1 - len(toks[-1][1])]  # 新增违建|发现后: when it starts
    head = LEADING_NOISE.sub("", head.strip(" ,、"))
    head = LIMIT_LEAD.sub("", head)
    head = LIMIT_TAIL.sub("", head)
    if not head or re.search(r"[,;:。、]", head):
        return ""
    named = read_before(head)
    noun = named.subject
    if not noun or not head.endswith(noun) or starts_with_verb(noun):
        return ""
    if len(noun) <= 2 and len(named.verb) == 2 and head.endswith(named.verb + noun):
        noun = named.verb + noun
    return noun


# the words of the time limit before it in the clause (15日|内告知、|60日内办结)
LIMIT_BEFORE = re.compile(r"(?:以内|之内|内)[^,;:。、]{0,8}[、,]?")
LIMIT_LEAD = re.compile(r"^(?:要求|明确|规定|坚持|督促|责令|确保|做到)+")
LIMIT_TAIL = re.compile(r"(?:做到|确保|必须|须|应|要|均|需|一律)+$")


# 10万元|以下的村由|2个: the head a threshold figure bounds, right before a count of them
PAST_THRESHOLD = re.compile(
    r"(?:及)?(?:以上|以下|以内)的([\u4e00-\u9fff]{1,4}?)"
    r"(?:(?:由|从)[^,;:。\d]{0,8}|达到|达|有|共有|共)?"
)


def _those_past_a_threshold(
    text: str, bound: Figure, fig: Figure, bounds: Meaning, m: Meaning
) -> None:
    """经营性收入10万元以下的村由2个降至0个: the count is of those the threshold names, the
    measure, the bound and the head named whole (经营性收入10万元以下的村), not 村由."""
    past = PAST_THRESHOLD.fullmatch(text, bound.end, fig.start)
    measure = bounds.subject
    if not past or not measure or not text.endswith(measure, 0, bound.start):
        return
    m.subject = text[bound.start - len(measure) : past.end(1)]
    m.verb, m.listed, m.from_after, m.modifier = "", False, False, ""


def _clause_before(text: str, sentence_start: int, at: int, sentence: str) -> Meaning | None:
    """What the clause right before names (梳理拖欠企业账款台账,涉及金额4.37亿元; 改建为村级
    农产品展销中心,面积420平方米): a measure opening the sentence's figures is of it."""
    head = text[sentence_start:at].rstrip(" ,;:、")
    cut = max(head.rfind(c) for c in ",;:")
    words = LEADING_NOISE.sub("", head[cut + 1 :].strip())
    if not words or DIGIT.search(words):
        return None
    named = read_before(words)
    if not named.subject or not words.endswith(named.subject) or named.subject not in sentence:
        return None
    return Meaning(named.subject, listed=named.listed)


PEOPLE_UNITS = frozenset("人 名 户 家".split())


def _people_of_on(own: str, m: Meaning) -> None:
    """对相关责任人提醒谈话4人: the people counted are those 对 names, the act is the verb."""
    toks = subject_tokens(LEADING_NOISE.sub("", own.strip(" ,;、")))
    if len(toks) < 3 or toks[0] != ("a", "对") or toks[1][0] != "n" or toks[2][0] != "v":
        return
    act = "".join(w for _, w in toks[2:])
    if len(act) > 6 or any(k not in "nv" for k, _ in toks[2:]) or len(toks[1][1]) < 2:
        return
    m.subject, m.verb, m.listed, m.from_after = toks[1][1], act, False, False


# A rate named by its act alone (整改率, 按期办结率): of what the clause before counted.
BARE_RATE = re.compile(r"(?:按期|按时|及时|如期)?([\u4e00-\u9fff]{2})率")


def _rate_of_named(own: str, sentence: str, m: Meaning, named: Meaning | None) -> None:
    """排查隐患516处,已整改509处,整改率98.6%: a rate that opens its clause and names only an
    act is the rate of the thing the figure before it counted: its label says so (隐患整改率),
    its subject stays the rate's own words, with the text's adverb (按期办结率)."""
    words = own.strip(" ,;、")
    rate = BARE_RATE.match(words)
    if not rate or not re.fullmatch(r"(?:达到|达|为|约|是)?", words[rate.end() :]):
        return
    toks = subject_tokens(rate.group(1))
    if len(toks) != 1 or toks[0][0] != "v" or rate.group() not in sentence:
        return
    m.subject, m.verb = rate.group(), ""
    if named is None or not named.subject or named.attribute:
        return
    if named.subject not in sentence or named.subject.endswith("率"):
        return
    if WITHIN.match(named.subject) or len(named.subject) + len(rate.group()) > 14:
        return  # (60日)内办结: a time limit's act, no thing a rate is of
    m.rate_of = named.subject


GRADED = re.compile(GRADE.pattern.removesuffix("(?:的)?") + r"(?:的)?([\u4e00-\u9fff]{2,8})")


def _graded_noun(sentence: str, m: Meaning) -> None:
    """A grade alone (C级41栋、D级9栋) counts the noun the sentence grades elsewhere (D级房屋已
    全部停用): C级房屋 where the sentence says so, else the grade of that noun."""
    for hit in GRADED.finditer(sentence):
        toks = subject_tokens(hit.group(1))
        if not toks or toks[0][0] != "n" or len(toks[0][1]) < 2 and toks[0][1] not in "村户校园":
            continue
        noun = toks[0][1]
        if m.subject + noun in sentence:
            m.subject = m.subject + noun
        else:
            m.subset, m.subject = m.subject, noun
        return


def _off_places(
    text: str, fig: Figure, clause: tuple[int, int], m: Meaning, spans: tuple[tuple[int, int], ...]
) -> str | None:
    """The subject where it lies on no place of the sentence: jieba splits a village's name
    (新|塘村31宗) and its tail is no noun counted; a place opening a longer subject is cut
    off it (新塘村违章建筑 -> 违章建筑)."""
    subject = m.subject or ""
    at = (
        text.find(subject, fig.end, clause[1])
        if m.from_after
        else text.rfind(subject, clause[0], fig.start)
    )
    if at < 0:
        return subject
    # a mention whose words before the subject are a verb (建成|社区长者食堂) is no place
    spans = tuple(
        (a, b) for a, b in spans if a >= at or not (at - a >= 2 and starts_with_verb(text[a:at]))
    )
    covered = [k for k in range(at, at + len(subject)) if any(a <= k < b for a, b in spans)]
    if not covered:
        return subject
    if covered[-1] - at + 1 == len(covered) and len(subject) - len(covered) >= 2:
        if not place_opens(subject, subject[: len(covered)]):
            return subject  # 开发|乡村公益性岗位: jieba reads no place there
        return subject[len(covered) :]  # the place opens it
    return None if len(subject) - len(covered) < 2 else subject


def _time_limit(
    text: str,
    fig: Figure,
    clause: tuple[int, int],
    sentence_start: int,
    m: Meaning,
    lo: int,
    prior: str = "",
) -> None:
    """A time limit (3个工作日内办结) is the limit of an act: on what the sentence's 对 names
    (对群众反映的问题,要求在3个工作日内响应), else on the noun before it (信访事项15日内告知,
    新增违建在发现后24小时内报告), else on the object of the act (5日内完成初审), else on what
    the limit before it in the sentence was on (15日内告知、60日内办结); the label is what, the
    act and 时限."""
    within = WITHIN.match(text, fig.end)
    if not within:
        return
    act = _limit_act(text, within.end(), clause[1])
    if not act:
        return
    toks = subject_tokens(text[within.end() : clause[1]][:16])
    base = max(clause[0], lo)
    skip = LIMIT_BEFORE.match(text, base, fig.start)  # 15日|内告知、|60日内办结
    base = skip.end() if skip else base
    on = [m for m in ON_WHAT.finditer(text, sentence_start, fig.start) if not DIGIT.search(m[1])]
    what = on[-1].group(1) if on else ""  # 对群众反映的问题,要求在3个工作日内响应
    if not what:
        right_before = ON_BEFORE.search(text, max(clause[0], sentence_start), fig.start)
        what = right_before.group(1) if right_before else ""  # 对检查发现的隐患7日内整改到位
    direct = LIMIT_STARTS.search(text, base, fig.start)
    starts = bool(direct) or text.endswith("后", base, fig.start)  # 在发现后, 竣工后
    if not what and (not starts or direct and direct.group().endswith(("在", "于"))):
        # 发现问题在3个工作日内上报, 信访事项60日内办结: the limit is on the noun before it
        what = _limited_noun(text, base, fig.start)
    if not what and act.startswith("完成") and event_act(act[2:]):
        what, act = act[2:], "完成"  # 3日内完成审核: the act limited is what is counted
    if not what and len(toks) > 1 and toks[1][0] == "n" and len(toks[1][1]) >= 2:
        # 在接到申请后5个工作日内完成初审, 在竣工后15个工作日内申请规划核实: what is to be done
        what = toks[1][1]
        if act.startswith(toks[0][1] + what) and not act.startswith("完成"):
            what = act[len(toks[0][1]) :]  # (申请)规划核实: the act's whole object
    if not what and starts:
        what = _limited_noun(text, base, fig.start)  # 新增违建在发现后
    if not what and prior and not text[base : fig.start].strip(" ,、"):
        what = prior  # 15日内告知、60日内办结: the same thing's next limit
    if not what:
        return
    own_object = not on
    m.subject, m.verb, m.listed, m.from_after, m.modifier = what, "", False, False, ""
    act = "" if own_object and act == "完成" else act
    m.attribute = act + "时限" if len(what) + len(act) <= 12 else "时限"


ON_BEFORE = re.compile(r"对((?:[^,;:。对在\d]|对象){2,16})$")


DONE_ASPECT = re.compile(r"^(?:截至[^,;:。]{0,8})?(?:均已|已经|已全部|已)")


def _done_to_counted(
    fig: Figure, meaning: Meaning, before: list[Figure], carried: dict[str, Meaning]
) -> bool:
    """A count of things (宗, 件) whose clause says only work done to them (已拆除复耕), after
    a count in the same unit: it counts those things, not the act (an act names a count of
    people or events of its own: 党纪政务处分4人)."""
    if fig.unit in EVENT_UNITS or fig.unit in PEOPLE_UNITS or fig.unit == "名":
        return False
    if not DONE_ASPECT.match(meaning.verb):
        return False
    return fig.unit in carried or any(f.unit == fig.unit for f in before)


def _meanings(
    text: str,
    figures: list[Figure],
    clauses: list,
    pairs: list,
    sentence_text: str,
    sentence_start: int,
    carried: dict[str, Meaning],
    places: frozenset[str] = frozenset(),
    place_spans: tuple[tuple[int, int], ...] = (),
) -> tuple[list[Meaning], dict[int, str]]:
    """Each figure's subject and verb; a figure naming nothing takes the subject of the one
    before it in its unit (or, for a change, of the one before it); a pair shares one. A
    subject that is only villages of the sentence says where, not what (其中甲村3处)."""
    meanings: list[Meaning] = []
    los: list[int] = []
    lent: dict[int, int] = {}  # a figure naming nothing -> the one it took its subject from
    # what earlier sentences of the item counted: words of the item, a figure may count them
    earlier = {had.subject for had in carried.values() if had.subject}
    for i, (fig, clause) in enumerate(zip(figures, clauses, strict=True)):
        lo = clause[0]
        if i and clauses[i - 1] == clause:
            lo = figures[i - 1].end
        if i and clauses[i - 1] == clause and meanings[i - 1].from_after:
            # 专项资金27个项目、资金1860.5万元: the noun of the count before is no part of
            # this one's words
            joined = meanings[i - 1].subject + "、"
            if text.startswith(joined, lo) and fig.start - lo > len(joined) + 1:
                lo += len(joined)
        meaning = _read_meaning(text, fig, clause, lo)
        if meaning.subject and places and set(meaning.subject.split("、")) <= places:
            # 其中甲村3处: the village says where (its villages column), not what is counted
            meaning.subject = None
        elif meaning.subject and places:
            meaning.subject = _without_places(meaning.subject, places)
        if meaning.subject and place_spans:
            meaning.subject = _off_places(text, fig, clause, meaning, place_spans)
        if i and clauses[i - 1] == clause and meanings[i - 1].from_after and not meaning.from_after:
            # 反馈问题4个方面23个: the second count counts what the words before the first name
            whole = _count_of_the_classes(text, figures[i - 1], fig, meanings[i - 1], los[i - 1])
            meaning = whole or meaning
        _part_of_whole(text, fig, clause, lo, meaning, meanings)
        if fig.unit in PEOPLE_UNITS:
            _people_of_on(text[lo : fig.start], meaning)
        if fig.deadline:
            prior = next(
                (h.subject for h in reversed(meanings) if h.attribute.endswith("时限")), ""
            )
            _time_limit(text, fig, clause, sentence_start, meaning, lo, prior or "")
        if meaning.subject and GRADE.fullmatch(meaning.subject):
            _graded_noun(sentence_text, meaning)
        los.append(lo)
        named = next((had for had in reversed(meanings) if had.subject), None)
        if meaning.subject and ATTRIBUTE.match(meaning.subject) and named is None:
            named = _clause_before(text, sentence_start, clause[0], sentence_text)
        if meaning.subject and ATTRIBUTE.match(meaning.subject) and named:
            # 清理往来款项23笔,金额共计312.4万元: the amount of the 往来款项
            meaning.attribute = meaning.subject.removeprefix("涉及")
            meaning.subject, meaning.listed = named.subject, named.listed
            if meaning.verb and meaning.verb not in ("涉及", "合计", "累计", "共计"):
                # 拆除面积约2.76万平方米: the measure of its own verb's work
                meaning.attribute = meaning.verb + meaning.attribute
                meaning.verb = ""
                if meaning.attribute in sentence_text:
                    meaning.named_as = meaning.attribute  # what the text calls the measure
        if meaning.subject and fig.unit == "%" and not meaning.change_word:
            _rate_of_named(text[lo : fig.start], sentence_text, meaning, named)
        if (
            meaning.subject
            and fig.unit in LENGTHS
            and meaning.subject[-1] in DIMENSIONS
            and len(meaning.subject) >= 3
        ):
            # 新建桥梁长46米: the length of the 桥梁 (a 河长 is no length: the unit says so)
            meaning.subject, meaning.attribute = meaning.subject[:-1], meaning.subject[-1]
        if meaning.subject and (meaning.from_after and not meaning.verb or meaning.verb == "涉及"):
            meaning.subject = widen(sentence_text, fig.start - sentence_start, meaning.subject)
        act = event_act(meaning.verb) if meaning.subject is None else ""
        if act and _done_to_counted(fig, meaning, figures[:i], carried):
            act = ""  # 违法占用耕地18宗 / 已拆除复耕15宗: the work done to what was counted
        if fig.unit in ACT_UNITS and len(act) >= 4:
            # 党纪政务处分4人,组织处理7人: an act of two verbs names its own count
            meaning.subject, meaning.verb = act, meaning.verb if meaning.verb != act else ""
        if meaning.subject is None:
            # 受理诉求40件,其中九成…: a share after 其中 is a share of what was counted before
            share = fig.unit == "%" and SHARE_NAMED.match(text[clause[0] : fig.start])
            for prev, had in zip(reversed(figures[:i]), reversed(meanings), strict=False):
                same_clause = clauses[figures.index(prev)] == clause
                if had.subject and (
                    prev.unit == fig.unit or meaning.change_word or same_clause or share
                ):
                    meaning.subject = had.subject
                    meaning.listed = had.listed
                    lent[i] = figures.index(prev)
                    own = text[lo : fig.start].strip(" 、,")
                    if same_clause and not own and not meaning.verb and not meaning.change_word:
                        meaning.verb = had.verb  # 受益群众4200余户、1.5万余人: one verb for both
                    if own in DIMENSIONS and had.attribute in DIMENSIONS:
                        # 新建桥梁长46米、宽8.5米: the other side of the same thing
                        meaning.verb, meaning.attribute = had.verb, own
                    break
        if (
            meaning.subject is None
            and fig.unit in EVENT_UNITS
            and re.match(r"每(?:个)?(?:半年|年|季度|季|月|周|星期|日|天)", text[lo : fig.start])
        ):
            # 建立定期公示制度,每季度公示一次: how often an act is done counts the act, not a
            # noun it was part of earlier in the sentence
            act = event_act(meaning.verb)
            if act:
                meaning.subject, meaning.verb = act, meaning.verb if meaning.verb != act else ""
        if (
            meaning.subject is None
            and not meaning.remainder
            and (meaning.verb or fig.unit in COUNTED_UNITS)
        ):
            meaning.subject = from_earlier(sentence_text, fig.start - sentence_start, meaning.verb)
        if meaning.subject and ANAPHORA.fullmatch(meaning.subject) and fig.unit in carried:
            meaning.subject = None  # 上述隐患已整改297处: the thing an earlier sentence counted
        if meaning.subject is None and meaning.verb == "涉及" and fig.unit in COUNTED_UNITS:
            # 追回违规领取资金3.8万元,涉及36户: the households the thing before concerns
            named = next((had for had in reversed(meanings) if had.subject), None)
            if named is not None:
                meaning.subject, meaning.listed, meaning.verb = named.subject, named.listed, ""
                meaning.post_verb = f"涉及{fig.unit}数"
        if meaning.subject is None and not meaning.borrowed and fig.unit in carried:
            # 已完成整改46个 after a sentence of the same item that named the 52个问题: the
            # figure counts what that sentence counted (a word of the item's text)
            meaning.borrowed = meaning.subject = carried[fig.unit].subject
            meaning.listed, meaning.earlier = carried[fig.unit].listed, True
            if meaning.remainder and not meaning.modifier:
                meaning.modifier = carried[fig.unit].modifier  # 其余4户: of those said before
        if meaning.subject is None and not meaning.borrowed and fig.unit in ACT_UNITS:
            # 开展培训2期, 问责处理4人: a count of events or people names the act
            act = event_act(meaning.verb)
            if act and fig.unit in EVENT_UNITS:
                meaning.subject, meaning.verb = act, meaning.verb if meaning.verb != act else ""
        meanings.append(meaning)
    for i, fig in enumerate(figures):
        # 其中35岁以下的7名: a bound of the count after it in its clause counts the same thing
        if meanings[i].subject is None and i + 1 < len(figures) and clauses[i + 1] == clauses[i]:
            if THRESHOLD_OF_NEXT.fullmatch(text[fig.end : figures[i + 1].start]):
                meanings[i].subject = meanings[i + 1].subject
                meanings[i].listed = meanings[i + 1].listed
    for i in range(1, len(figures)):
        if clauses[i] == clauses[i - 1]:
            _those_past_a_threshold(text, figures[i - 1], figures[i], meanings[i - 1], meanings[i])
    roles: dict[int, str] = {}
    index = {id(f): i for i, f in enumerate(figures)}
    kept = []
    for pair in pairs:
        if id(pair.total_figure) not in index:
            kept.append(pair)  # a whole stated in an earlier sentence keeps its own meaning
            continue
        total = meanings[index[id(pair.total_figure)]]
        if pair.done_figure is None:
            kept.append(pair)
            continue
        done = meanings[index[id(pair.done_figure)]]
        done_clause = text[clauses[index[id(pair.done_figure)]][0] : pair.done_figure.start]
        if pair.task and done.subject:
            # 化解隐性债务8.6亿元,完成年度化解任务7.2亿元的119.4%: the task counts the same thing
            # (拆除面积3.86万平方米,完成年度拆违任务3.5万平方米的110.3%: a bare measure done
            # leaves the task its own name)
            kept.append(pair)
            roles[id(pair.total_figure)] = "total"
            if total.subject and re.search(r"(?:面积|金额|资金|数量|总量|规模)$", done.subject):
                done.subject, done.listed = total.subject, total.listed
            else:
                total.subject, total.listed = done.subject, done.listed
            continue
        if (
            total.subject
            and done.subject
            and done.subject not in total.subject
            and total.subject not in done.subject
            and (
                done_clause.lstrip(" ,;、").startswith(done.subject)
                # 26个基层党组织…,完成换届的党支部8个: the part names its own noun
                or re.search(f"的{re.escape(done.subject)}(?:有|共)?$", done_clause.rstrip())
            )
        ):
            continue  # 补助资金1268.5万元,配套资金已到位86万元: two things, not a pair
        kept.append(pair)
        roles[id(pair.total_figure)] = "total"
        if total.subject:
            done.subject, done.listed = total.subject, total.listed
        elif done.subject:
            total.subject = done.subject
    for i, k in sorted(lent.items()):
        m, had = meanings[i], meanings[k]
        same_unit = figures[i].unit == figures[k].unit
        if had.subject and m.subject != had.subject and not m.attribute and same_unit:
            # 19个已完成整改、阶段性完成3个: a figure that took the subject of the one before
            # it follows that one's pair (23个反馈问题中…), so a pair shares one subject
            m.subject, m.listed = had.subject, had.listed
    for i, m in enumerate(meanings):
        if m.remainder:
            # 其余2处 takes the whole's subject as the pairs left it (对5处供水工程,已完成
            # 消毒设备更换3处,其余2处 -> 供水工程)
            prev = next(
                (meanings[k] for k in range(i - 1, -1, -1) if figures[k].unit == figures[i].unit),
                None,
            )
            if prev is not None and prev.subject:
                m.subject, m.listed = prev.subject, prev.listed
                m.modifier = m.modifier or prev.modifier
    _acts_of_a_whole(text, figures, clauses, meanings)
    for fig, m in zip(figures, meanings, strict=True):
        if m.subject and m.subject not in sentence_text and m.subject not in earlier:
            m.subject = None  # never a word the sentence (or an earlier one) does not hold
        if m.subject:
            carried[fig.unit] = m
    return meanings, roles, kept
