"""Word's automatic numbering: an auto-numbered .docx reads like its typed text."""

from __future__ import annotations

import pytest

from loaders.extract import parse_report
from loaders.reading import read_report
from tests.conftest import BUNDLED
from tests.numbering import Level, numbered_docx, write_numbered_notice
from tests.test_forms import figure_rows

OUTLINE = {
    0: Level("chineseCounting", "%1、"),
    1: Level("chineseCounting", "（%2）"),
    2: Level("decimal", "%3."),
}


def test_auto_numbered_notice_reads_like_its_typed_text(tmp_path):
    path = write_numbered_notice(BUNDLED.read_text(encoding="utf-8"), tmp_path / "n.docx")
    import re

    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    numbered = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) > 90  # the labels are numbering, not typed
    typed = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\.)")
    assert not [p.text for p in paragraphs if typed.match(p.text)]
    base_doc, base = figure_rows(BUNDLED)
    doc, rows = figure_rows(path)
    assert len(parse_report(read_report(path)).items) == len(
        parse_report(read_report(BUNDLED)).items
    )
    assert rows == base
    assert doc["doc_id"] == base_doc["doc_id"]


CASES = {
    "deeper level restarts when a higher one advances": (
        {0: OUTLINE},
        {1: (0, {})},
        [(0, 1), (1, 1), (1, 1), (0, 1), (1, 1), (2, 1), (2, 1)],
        None,
        ["一、", "（一）", "（二）", "二、", "（一）", "1.", "2."],
    ),
    "startOverride of a new list instance": (
        {0: OUTLINE},
        {1: (0, {}), 2: (0, {0: 3})},
        [(0, 1), (0, 2), (0, 2), (1, 2)],
        None,
        ["一、", "三、", "四、", "（一）"],
    ),
    "numbering from the paragraph style": (
        {0: OUTLINE},
        {1: (0, {})},
        [(0, 1), (1, 1), (0, 1), (1, 1)],
        0,
        ["一、", "（一）", "二、", "（一）"],
    ),
    "numId 0 means not numbered": (
        {0: OUTLINE},
        {1: (0, {})},
        [(0, 1), (0, 0), (0, 1)],
        None,
        ["一、", "", "二、"],
    ),
    "several %n and w:start": (
        {0: {0: Level("decimal", "%1.", start=2), 1: Level("decimal", "%1.%2")}},
        {1: (0, {})},
        [(0, 1), (1, 1), (1, 1), (0, 1), (1, 1)],
        None,
        ["2.", "2.1", "2.2", "3.", "3.1"],
    ),
    "lvlRestart 0: a level that never restarts": (
        {0: {0: OUTLINE[0], 1: Level("decimal", "（%2）", restart=0)}},
        {1: (0, {})},
        [(0, 1), (1, 1), (1, 1), (0, 1), (1, 1)],
        None,
        ["一、", "（1）", "（2）", "二、", "（3）"],
    ),
    "lvlRestart 1: restarts only when level 1 advances": (
        {0: {**OUTLINE, 2: Level("decimal", "%3.", restart=1)}},
        {1: (0, {})},
        [(0, 1), (1, 1), (2, 1), (1, 1), (2, 1), (0, 1), (2, 1)],
        None,
        ["一、", "（一）", "1.", "（二）", "2.", "二、", "1."],
    ),
    "formats": (
        {
            0: {
                0: Level("decimalEnclosedCircle", "%1"),
                1: Level("upperLetter", "%2)"),
                2: Level("upperRoman", "%3."),
                3: Level("ideographTraditional", "%4、"),
            }
        },
        {1: (0, {})},
        [(0, 1), (0, 1), (1, 1), (1, 1), (2, 1), (2, 1), (3, 1), (3, 1)],
        None,
        ["①", "②", "A)", "B)", "I.", "II.", "甲、", "乙、"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_numbering_rules(case, tmp_path):
    abstracts, nums, paragraphs, style_level, labels = CASES[case]
    texts = [f"第{i}段文字" for i in range(len(paragraphs))]
    path = numbered_docx(
        [(t, ilvl, num) for t, (ilvl, num) in zip(texts, paragraphs, strict=True)],
        abstracts,
        nums,
        tmp_path / "list.docx",
        style_level=style_level,
    )
    from loaders.readers.docx import docx_to_text

    lines = [line for line in docx_to_text(path, path.read_bytes()).splitlines() if line]
    assert lines == [label + t for label, t in zip(labels, texts, strict=True)]


def test_an_item_table_numbered_by_word_reads_like_its_typed_table(tmp_path):
    """序号 cells that are empty numbered paragraphs: Word draws 1, 2, 3…, so must we, or
    the table's items vanish (an item row is known by its number)."""
    from loaders.readers.docx import docx_to_text
    from loaders.tables import SEPARATOR
    from tests.conftest import FIXTURES
    from tests.numbering import write_numbered_table_notice

    typed = FIXTURES / "forms" / "table_a.txt"
    path = write_numbered_table_notice(typed.read_text(encoding="utf-8"), tmp_path / "t.docx")
    import docx

    first_cells = [row.cells[0].text for row in docx.Document(str(path)).tables[0].rows]
    assert not [c for c in first_cells if c.isdigit()]  # no typed number in the table
    read = [line for line in docx_to_text(path, path.read_bytes()).splitlines() if line]
    rows_read = [line.split(SEPARATOR)[0] for line in read if SEPARATOR in line]
    assert rows_read[1:4] == ["1", "2", "3"]
    doc, rows = figure_rows(path)
    base_doc, base = figure_rows(typed)
    assert rows == base
    assert doc["doc_id"] == base_doc["doc_id"]
    items = [(i["item_no"], i["title"]) for i in parse_report(read_report(path)).items]
    assert items == [(i["item_no"], i["title"]) for i in parse_report(read_report(typed)).items]
    assert len(items) >= 12
