"""One notice's text -> the rows of every table: the path from a sentence to a figure."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders.context import clause_bounds, figure_change, figure_kind, figure_metric, figure_period
from loaders.errors import ReportError
from loaders.figures import Figure, Protected, find_figures
from loaders.metadata import read_metadata
from loaders.normalise import normalise
from loaders.progress import find_progress
from loaders.reading import RawReport
from loaders.structure import Outline, parse_outline
from loaders.themes import ThemeRules
from loaders.villages import Gazetteer, Mention, find_mentions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WHOLE_TOWN = re.compile(r"全(?:镇|街道?|市|区|县|乡)")
SENTENCE_END = re.compile(r"[。!?]+[”’\"]?")


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
    stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in (themes, villages))
    return _rules(themes, villages, stamp)


def document_id(text: str, title: str | None, published: dt.date | None) -> str:
    """Stable id from the normalised text: its title and date, or its characters."""
    key = f"{title}|{published}" if title and published else re.sub(r"\s+", "", text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def sentence_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in paragraphs:
        pos = start
        for m in SENTENCE_END.finditer(text, start, end):
            spans.append((pos, m.end()))
            pos = m.end()
        if pos < end:
            spans.append((pos, end))
    return spans


def parse_report(raw: RawReport, data_dir: Path = DATA_DIR) -> ParsedReport:
    """Normalise, outline, find figures and villages, and build the rows."""
    text = normalise(raw.text)
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
    _figure_rows(report, text, outline, mentions, themes)
    return report


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

    own = named(*sentence)
    if WHOLE_TOWN.search(text, clause[0], clause[1]):
        own = named(*clause)
    if own:
        return own
    if WHOLE_TOWN.search(text, sentence[0], sentence[1]):
        return []
    para = named(paragraph[0], fig.start)
    return para if len(para) == 1 else []


def _distinct(names) -> list[str]:
    return list(dict.fromkeys(names))


def _figure_rows(
    report: ParsedReport, text: str, outline: Outline, mentions: list[Mention], themes: ThemeRules
) -> None:
    doc_id = report.doc["doc_id"]
    protected = Protected(text, outline.label_spans)
    spans = sentence_spans(text, outline.paragraphs)
    starts = [s for s, _ in spans]
    mention_starts = [m.start for m in mentions]
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for fig in find_figures(text, 0, len(text), protected):
        by_sentence.setdefault(_sentence_of(spans, starts, fig.start), []).append(fig)
    for sentence, figures in by_sentence.items():
        sentence_text = text[sentence[0] : sentence[1]]
        paragraph = outline.paragraph_at(sentence[0])
        metrics = {}
        previous = None
        for fig in figures:
            clause = clause_bounds(text, fig.start, fig.end, *sentence)
            item = outline.item_at(fig.start)
            metric = figure_metric(text, fig, clause, previous)
            previous = metric
            metrics[id(fig)] = metric
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
                        item.title if item else None,
                        item.topic if item else None,
                    ),
                    "metric": metric,
                    "value": fig.value,
                    "unit": fig.unit,
                    "qualifier": fig.qualifier,
                    "kind": figure_kind(text, fig, clause, sentence),
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
        for pair in find_progress(text, figures):
            item = outline.item_at(pair.total_figure.start)
            report.progress.append(
                {
                    "doc_id": doc_id,
                    "item_no": item.item_no if item else None,
                    "part": outline.part_at(pair.total_figure.start),
                    "metric": metrics[id(pair.total_figure)],
                    "done": pair.done,
                    "total": pair.total,
                    "unit": pair.unit,
                    "sentence": sentence_text,
                    "char_start": pair.total_figure.start,
                }
            )
