"""A small corpus of several notices for the comparison and 全部 tests, ingested by the loader.

Two rounds of one place (荷塘镇: the progress notice, then the one months later with its
figures grown by half, work under way reported done, one item no longer reported and one
item reported only now), a second place of the same inspection round (石岭镇), and one
notice of another place and round; and the bundled report with a copy of it for another
place of its round (三角街道), whose headline figures 总览 sums under 全部. Built from
tests/fixtures/notices/notice_a.txt, notice_b.txt and the bundled report, so every figure
below is known from their text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from board_db import REPORT, ROOT

from loaders.normalise import normalise
from loaders.structure import parse_outline

NOTICES = ROOT / "tests" / "fixtures" / "notices"
# notice_a's own figures that the tests follow through the rounds.
PLACE, OTHER_PLACE = "荷塘镇", "石岭镇"
FIRST_DATE, LATER_DATE = "2024-12-01", "2025-05-06"
DROPPED_FIRST = ("二", 8)  # not yet reported in the first round: new later
DROPPED_LATER = ("二", 6)  # reported in the first round only: gone later
GROWTH = 1.5
OVERDUE = ("二", 7)
OVERDUE_AFTER = "目前正在开展施工图设计。"  # the last sentence of 二(7)'s first measure
NUMBER = re.compile(r"(?<![\d.:年月])(\d+)(?=[余多]?[个项件宗处条座栋间台辆株次场人名户家亩米吨])")


def _without_item(text: str, part: str, item_no: int) -> str:
    item = next(i for i in parse_outline(text).items if (i.part, i.item_no) == (part, item_no))
    return text[: item.char_start] + text[item.char_end :]


def _dated(text: str, date: str) -> str:
    return re.sub(r"发布日期:\s*\d{4}-\d{1,2}-\d{1,2}", f"发布日期:{date}", text)


def grown(value: int) -> int:
    """A count of the first round as the later notice gives it."""
    return round(value * GROWTH)


def notice_texts() -> dict[str, str]:
    """file name -> text of each notice of the corpus."""
    base = normalise((NOTICES / "notice_a.txt").read_text(encoding="utf-8"))
    first = _dated(_without_item(base, *DROPPED_FIRST), FIRST_DATE)
    # 二(7) is still under way in the first round, past the deadline it states: overdue
    first = first.replace(OVERDUE_AFTER, OVERDUE_AFTER + "\n整改时限:2024年10月31日", 1)
    later = _without_item(base, *DROPPED_LATER)
    later = NUMBER.sub(lambda m: str(grown(int(m.group(1)))), later)
    later = _dated(later.replace("正在", "已"), LATER_DATE)
    other = _dated(base.replace("荷塘", "石岭"), "2025-05-10")
    return {
        "hetang_first.txt": first,
        "hetang_later.txt": later,
        "shiling.txt": other,
        "notice_b.txt": (NOTICES / "notice_b.txt").read_text(encoding="utf-8"),
        "minzhong.txt": REPORT.read_text(encoding="utf-8"),
        "sanjiao.txt": REPORT.read_text(encoding="utf-8").replace("民众", "三角"),
    }


def build_corpus_db(directory: Path) -> Path:
    """Write the notices to directory/ and ingest them into directory/corpus.duckdb (once)."""
    from loaders import ingest_files

    path = directory / "corpus.duckdb"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        files = []
        for name, text in notice_texts().items():
            (directory / name).write_text(text, encoding="utf-8")
            files.append(directory / name)
        ingest_files(files, path)
    return path


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the corpus database, shared by the whole session."""
    return build_corpus_db(tmp_path_factory.getbasetemp() / "compare_corpus")
