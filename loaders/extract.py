"""One notice's text -> the rows of every table: the path from a sentence to a figure."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
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
    Meaning,
    build_metric,
    event_act,
    from_earlier,
    read_meaning,
    widen,
)
from loaders.themes import ThemeRules
from loaders.villages import Gazetteer, Mention, find_mentions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WHOLE_TOWN = re.compile(r"全(?:镇|街道?|市|区|县|乡)")
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
    spans: list[tuple[int, int]] = []
    starts = [f.start for f in figures or []]
    for start, end in paragraphs:
        pos = start
        for m in SENTENCE_END.finditer(text, start, end):
            spans.extend(bounded(text, pos, m.end(), figures or [], starts))
            pos = m.end()
        if pos < end:
            spans.extend(bounded(text, pos, end, figures or [], starts))
    return spans


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
    _mention_rows(report, text, outline, mentions)
    _figure_rows(report, text, outline, mentions, themes, raw.path)
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
    report: ParsedReport, text: str, outline: Outline, mentions: list[Mention]
) -> None:
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


def _villages_for(
    fig: Figure, clause, sentence, paragraph, mentions: list[Mention], starts: list[int], text: str
) -> list[str]:
    """Villages of a figure: those its sentence names; else the one village its paragraph
    named before it, unless the sentence speaks of the whole town (全镇, 全街道)."""

    def named(lo: int, hi: int) -> list[str]:
        first, last = bisect_left(starts, lo), bisect_left(starts, hi)
        return _distinct(m.village.name for m in mentions[first:last])

    own = named(*clause)  # the villages its own clause names, when it names any
    if not own and not WHOLE_TOWN.search(text, clause[0], clause[1]):
        own = named(*sentence)
    if own:
        return own
    if WHOLE_TOWN.search(text, sentence[0], sentence[1]):
        return []
    para = named(paragraph[0], fig.start)
    return para if len(para) == 1 else []


def _distinct(names) -> list[str]:
    return list(dict.fromkeys(names))


def _figure_rows(
    report: ParsedReport,
    text: str,
    outline: Outline,
    mentions: list[Mention],
    themes: ThemeRules,
    path: Path,
) -> None:
    doc_id = report.doc["doc_id"]
    protected = Protected(text, outline.label_spans)
    found = find_figures(text, 0, len(text), protected)
    if len(found) > MAX_FIGURES:
        raise ReportError(
            path,
            f"数字超过 {MAX_FIGURES:,} 个的上限 ({len(found):,} figures, limit {MAX_FIGURES:,})",
        )
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
        meanings, roles, pairs = _meanings(
            text, figures, clauses, pairs, sentence_text, sentence[0], carried, places
        )
        kinds = breakdown_kinds(
            text,
            figures,
            clauses,
            [
                figure_kind(text, f, c, sentence, roles.get(id(f), ""))
                for f, c in zip(figures, clauses, strict=True)
            ],
        )
        for fig, clause, meaning, kind in zip(figures, clauses, meanings, kinds, strict=True):
            item = outline.item_at(fig.start)
            metric = build_metric(meaning, fig.unit, roles.get(id(fig), ""))
            metrics[id(fig)] = (meaning.subject, metric)
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
                    "subject": meaning.subject,
                    "metric": metric,
                    "value": fig.value,
                    "unit": fig.unit,
                    "qualifier": fig.qualifier,
                    "kind": kind,
                    "change": figure_change(text, fig, clause),
                    "period": figure_period(text, fig, sentence),
                    "villages": _villages_for(
                        fig, clause, sentence, paragraph, mentions, mention_starts, text
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
ACT_UNITS = frozenset({*EVENT_UNITS, "人", "名", "宗", "件"})
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


def _meanings(
    text: str,
    figures: list[Figure],
    clauses: list,
    pairs: list,
    sentence_text: str,
    sentence_start: int,
    carried: dict[str, Meaning],
    places: frozenset[str] = frozenset(),
) -> tuple[list[Meaning], dict[int, str]]:
    """Each figure's subject and verb; a figure naming nothing takes the subject of the one
    before it in its unit (or, for a change, of the one before it); a pair shares one. A
    subject that is only villages of the sentence says where, not what (其中甲村3处)."""
    meanings: list[Meaning] = []
    for i, (fig, clause) in enumerate(zip(figures, clauses, strict=True)):
        lo = clause[0]
        if i and clauses[i - 1] == clause:
            lo = figures[i - 1].end
        meaning = _read_meaning(text, fig, clause, lo)
        if meaning.subject and places and set(meaning.subject.split("、")) <= places:
            meaning.modifier, meaning.subject = meaning.subject, None
        named = next((had for had in reversed(meanings) if had.subject), None)
        if meaning.subject and ATTRIBUTE.match(meaning.subject) and named:
            # 清理往来款项23笔,金额共计312.4万元: the amount of the 往来款项
            meaning.attribute = meaning.subject.removeprefix("涉及")
            meaning.subject, meaning.listed = named.subject, named.listed
            if meaning.verb and meaning.verb not in ("涉及", "合计", "累计", "共计"):
                # 拆除面积约2.76万平方米: the measure of its own verb's work
                meaning.attribute = meaning.verb + meaning.attribute
                meaning.verb = ""
        if meaning.subject and meaning.from_after and not meaning.verb:
            meaning.subject = widen(sentence_text, fig.start - sentence_start, meaning.subject)
        act = event_act(meaning.verb) if meaning.subject is None else ""
        if fig.unit in ACT_UNITS and len(act) >= 4:
            # 党纪政务处分4人,组织处理7人: an act of two verbs names its own count
            meaning.subject, meaning.verb = act, meaning.verb if meaning.verb != act else ""
        if meaning.subject is None:
            # 受理诉求40件,其中九成…: a share after 其中 is a share of what was counted before
            share = fig.unit == "%" and text[clause[0] : fig.start].startswith("其中")
            for prev, had in zip(reversed(figures[:i]), reversed(meanings), strict=False):
                same_clause = clauses[figures.index(prev)] == clause
                if had.subject and (
                    prev.unit == fig.unit or meaning.change_word or same_clause or share
                ):
                    meaning.subject = had.subject
                    meaning.listed = had.listed
                    own = text[lo : fig.start].strip(" 、,")
                    if own in DIMENSIONS and had.subject[-1:] in DIMENSIONS:
                        # 新建桥梁长46米、宽8.5米: the other side of the same thing, for the
                        # label only (桥梁宽 is not a word of the sentence)
                        meaning.subject, meaning.verb = None, had.verb
                        meaning.borrowed = had.subject[:-1] + own
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
        if meaning.subject is None and not meaning.borrowed and fig.unit in carried:
            # 已完成整改46个 after a sentence that named the 52个问题: the label says what is
            # counted; the subject stays a word of this sentence, so it is left empty
            meaning.borrowed = carried[fig.unit].subject
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
    for fig, m in zip(figures, meanings, strict=True):
        if m.subject and m.subject not in sentence_text:
            m.subject = None  # never a word the sentence does not hold
        if m.subject:
            carried[fig.unit] = m
    return meanings, roles, kept
