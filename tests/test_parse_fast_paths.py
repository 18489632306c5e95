"""The parse's shortcuts change no row: each is compared with the plain way on real notices.

Protected (loaders/figures.py) tries its patterns only where one can start: its spans
must be those of the one alternation tried everywhere, on notices and on any text; the
same for the figure patterns, tried only where a number starts.

Ingest remembers what a clause means across notices (extract.MEANING_MEMO). Notices made
from the bundled report and the fixtures, with new village and town names and rescaled
figures (bench/corpus.py), repeat clauses in new surroundings: every row parsed with the
memo, warm from the notices before, must equal the row parsed without it.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import TEMPLATES, make_notice
from loaders import extract
from loaders.extract import load_rules, parse_report
from loaders.figures import (
    DURATION,
    FIGURE,
    HALF,
    HALF_START,
    NUMBER_START,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    RATIO,
    Protected,
    _qualifier,
    find_figures,
    scan,
)
from loaders.normalise import normalise
from loaders.reading import RawReport, read_report
from loaders.structure import parse_outline
from loaders.villages import _name_regex, _occurrences
from tests.conftest import BUNDLED, NOTICES, TOWNS

TABLES = ("doc", "sections", "items", "indicators", "progress", "mentions")


def _rows(report) -> dict:
    doc = {k: v for k, v in report.doc.items() if k != "ingested_at"}
    return {"doc": doc, **{t: getattr(report, t) for t in TABLES[1:]}}


def _notices(tmp_path) -> list[RawReport]:
    raws = [read_report(p) for p in [BUNDLED, *NOTICES, *TOWNS]]
    _, gazetteer = load_rules()
    rng = random.Random(5)
    for i in range(2 * len(TEMPLATES)):
        path = tmp_path / f"made_{i}.txt"
        path.write_text(make_notice(TEMPLATES[i % len(TEMPLATES)], i, rng, gazetteer), "utf-8")
        raws.append(read_report(path))
    return raws


def _parse_all(raws: list[RawReport]) -> list[dict]:
    extract._memo.clear()
    return [_rows(parse_report(raw)) for raw in raws]


def test_remembered_meanings_give_the_rows_of_a_fresh_reading(tmp_path, monkeypatch):
    raws = _notices(tmp_path)
    monkeypatch.setattr(extract, "MEANING_MEMO", 0)
    plain = _parse_all(raws)
    monkeypatch.setattr(extract, "MEANING_MEMO", 100_000)
    remembered = _parse_all(raws)
    assert len(extract._memo) > 0
    for raw, want, got in zip(raws, plain, remembered, strict=True):
        for table in TABLES:
            assert got[table] == want[table], (raw.path.name, table)


@pytest.mark.parametrize("size", [1, 7])
def test_a_small_memo_stays_small_and_still_gives_the_same_rows(tmp_path, monkeypatch, size):
    raws = _notices(tmp_path)[:6]
    monkeypatch.setattr(extract, "MEANING_MEMO", 0)
    plain = _parse_all(raws)
    monkeypatch.setattr(extract, "MEANING_MEMO", size)
    remembered = _parse_all(raws)
    assert len(extract._memo) <= size
    assert remembered == plain


PROTECTED_ALPHABET = (
    '《》“”"@.:-/~—至 \n年度月份内日号第邮政编码:wh'
    "0123456789١٣１２abcXYZ_%+一二两三四五六七八九十百千〇零村拆除违建处"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PROTECTED_ALPHABET, max_size=80))
def test_protected_spans_are_those_of_the_one_alternation(text):
    """Protected tries its patterns only where one can start: the spans of trying all of
    them everywhere (REGEX.finditer), whatever the text."""
    want = [m.span() for m in Protected.REGEX.finditer(text)]
    assert Protected.find(text) == want


def test_protected_spans_on_the_notices(tmp_path):
    for raw in _notices(tmp_path):
        text = raw.text
        assert Protected.find(text) == [m.span() for m in Protected.REGEX.finditer(text)]


FIGURE_ALPHABET = "0123456789١٣１,.:%‰ 一二两三四五六七八九十百千万亿零〇点余多个项处万元亿米亩吨人次内以用历时连续年比半"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FIGURE_ALPHABET, max_size=60), st.integers(0, 5), st.integers(0, 5))
def test_figure_patterns_are_tried_wherever_a_figure_can_start(text, cut_start, cut_end):
    """Figures, ratios and durations are looked for only where a number starts: the same
    matches as trying the pattern at every character, within any bounds."""
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    for regex in (FIGURE, RATIO, DURATION):
        want = [(m.span(), m.groupdict()) for m in regex.finditer(text, start, end)]
        got = [(m.span(), m.groupdict()) for m in scan(regex, NUMBER_START, text, start, end)]
        assert got == want
    want = [m.span() for m in HALF.finditer(text, start, end)]  # 一半: tried only at 一
    assert [m.span() for m in scan(HALF, HALF_START, text, start, end)] == want


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="新平村建社区沙仔、和", max_size=50),
    st.lists(st.text(alphabet="新平村建社区沙仔", min_size=1, max_size=4), max_size=6),
)
def test_names_found_by_form_are_found_again_as_the_alternation_finds_them(text, names):
    """find_mentions looks again for the names it recognised by form: str.find gives the
    places of the longest-first alternation of those names, left to right."""
    want = (
        [(m.start(), m.group()) for m in _name_regex(tuple(names)).finditer(text)] if names else []
    )
    assert _occurrences(text, tuple(names)) == want


def _qualifier_by_every_word(text: str, s: int, e: int) -> str | None:
    """The qualifier as figures.py read it before its lookup per length: every word tried."""
    for word in sorted(QUALIFIER_BEFORE, key=len, reverse=True):
        if text.startswith(word, s - len(word)):
            return QUALIFIER_BEFORE[word]
    for word in ("以上", "左右", "以下", "之多"):
        if text.startswith(word, e):
            return QUALIFIER_AFTER[word]
    clause = re.split(r"[,，。;；:：!?、\n]", text[max(0, s - 10) : s])[-1]
    for word in ("至少", "不少于", "不低于", "最少"):
        if word in clause:
            return QUALIFIER_BEFORE[word]
    return None


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="将近接约大超过逾不低于少至最足到多高达以上左右下之,、。5", max_size=16),
    st.data(),
)
def test_a_figure_qualifier_is_the_longest_word_before_it(text, data):
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    assert _qualifier(text, s, e) == _qualifier_by_every_word(text, s, e)


@pytest.mark.parametrize(
    "sentence",
    [
        "全镇共排查隐患12处、已整改10处。",  # short: one piece, the figures need not be read
        "一是" + "排查出安全隐患1,234处、已完成整改1,200处、" * 12 + "其余34处正在推进。",
        "二是" + "清理河道垃圾3.5吨" * 30 + "。",  # long, no clause mark: cut beside a figure
    ],
)
def test_figures_take_the_sentences_their_own_cut_gives(tmp_path, sentence):
    """The figures' sentences are those cut with the figures in view (never inside one),
    whether or not a long sentence was cut."""
    path = tmp_path / "made.txt"
    path.write_text(
        f"关于某镇巡察整改进展情况的通报\n一、整改落实情况\n（一）关于隐患的问题\n{sentence}\n"
    )
    raw = read_report(path)
    report = parse_report(raw)
    text = normalise(raw.text)
    outline = parse_outline(text)
    found = find_figures(text, 0, len(text), Protected(text, outline.label_spans))
    want = set(extract.sentence_spans(text, outline.paragraphs, found))
    assert report.indicators
    for row in report.indicators:
        lo = row["sentence_start"]
        assert (lo, lo + len(row["sentence"])) in want
