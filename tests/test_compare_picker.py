"""对比's notice picker at many notices: the newest few or a search's finds, never all of
them, and a link's choice kept whatever the list shows (ui.pickers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from board import compare, queries
from board.db import connect
from loaders import ingest_files
from tests.conftest import ROOT
from ui.pickers import MAX_QUERY, MAX_WORDS, narrowed, search_words

PLACES = "安宝昌春大东丰凤福富高光广和河恒洪华怀佳江金锦康乐良林龙隆平启庆仁荣瑞"
TEXTS = {"2025-01-02 甲镇": "2025-01-02 甲镇 第五轮", "2024-12-01 乙镇": "2024-12-01 乙镇 第四轮"}


@pytest.mark.parametrize(
    ("words", "keep", "limit", "expected", "found"),
    [
        ([], [], 1, ["2025-01-02 甲镇"], True),  # no search: the newest
        (["乙镇"], [], 5, ["2024-12-01 乙镇"], True),
        (["第五轮", "甲"], [], 5, ["2025-01-02 甲镇"], True),  # every word, in any text
        (["丙镇"], [], 1, ["2025-01-02 甲镇"], False),  # nothing found: the newest
        (["甲镇"], ["2024-12-01 乙镇"], 5, ["2024-12-01 乙镇", "2025-01-02 甲镇"], True),
        ([], ["2024-12-01 乙镇", "不存在"], 1, ["2024-12-01 乙镇", "2025-01-02 甲镇"], True),
    ],
)
def test_the_picker_lists_the_newest_or_the_finds_and_keeps_the_chosen(
    words, keep, limit, expected, found
):
    assert narrowed(list(TEXTS), TEXTS, words, keep, limit) == (expected, found)


@pytest.fixture(scope="module")
def many_db(tmp_path_factory) -> Path:
    """More notices than the picker lists, each a different town on a different day."""
    tmp = tmp_path_factory.mktemp("picker_notices")
    base = (ROOT / "tests" / "fixtures" / "notices" / "notice_b.txt").read_text(encoding="utf-8")
    files = []
    for n in range(24):
        path = tmp / f"n{n:02d}.txt"
        text = base.replace("杨和", PLACES[n] + PLACES[-n - 1])
        path.write_text(text.replace("2025-03-18", f"2025-03-{n + 1:02d}"), encoding="utf-8")
        files.append(path)
    db = tmp / "many.duckdb"
    ingest_files(files, db)
    return db


@pytest.fixture
def server_like(monkeypatch):
    """Pages run through dashboard.py as in a running server (see tests/test_app_pages.py)."""
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)


def _picker(at: AppTest):
    return at.multiselect(key="notices")


def test_compare_lists_the_newest_then_finds_an_old_notice_and_the_link_keeps_it(
    many_db, monkeypatch, server_like
):
    monkeypatch.setenv("RECTIFY_DB", str(many_db))
    conn = connect(many_db)
    labels = list(compare.choice_labels(queries.documents(conn)))  # newest first
    conn.close()
    at = AppTest.from_file("../dashboard.py", default_timeout=300)
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _picker(at).options == labels[:20]  # not all 24
    assert not _picker(at).proto.select_all  # Streamlit's English “Select all” option off
    oldest = labels[-1]
    at.text_input(key="cmp_search").input(oldest.split()[-1]).run()
    assert _picker(at).options == [oldest]
    _picker(at).select(oldest).run()
    at.text_input(key="cmp_search").input("").run()
    _picker(at).select(labels[0]).run()
    assert _picker(at).value == [oldest, labels[0]]
    assert oldest in _picker(at).options  # chosen, though not among the newest
    assert next(df.value for df in at.dataframe if "rate" in df.value.columns).shape[0] == 2
    # the link (?notices=…, which the browser writes as the choice changes) reproduces
    # the view, the old notice included
    fresh = AppTest.from_file("../dashboard.py", default_timeout=300)
    fresh.query_params["notices"] = [oldest, labels[0]]
    fresh.run()
    fresh.switch_page("pages/compare.py").run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert _picker(fresh).value == [oldest, labels[0]]
    at.text_input(key="cmp_search").input("不存在的地方").run()
    assert any("没有找到匹配的通报" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲镇  第五轮", ["甲镇", "第五轮"]),
        ("镇 " * 100_000, ["镇"]),  # one word repeated is searched once
        ("a" * 10_000, ["a" * MAX_QUERY]),
        (" ".join(f"w{n}" for n in range(50)), [f"w{n}" for n in range(MAX_WORDS)]),
        (".*[( <script> ![](http://x)", [".*[(", "<script>", "![](http://x)"]),  # plain text
        (None, []),
    ],
)
def test_a_search_is_read_as_a_few_distinct_words(text, expected):
    assert search_words(text) == expected


def test_a_huge_search_is_bounded_in_both_pickers(many_db, monkeypatch, server_like):
    """A client may send any text (max_chars is the browser's): 200,000 characters of one
    word found in every notice took 10 s per rerun at 1000 notices before the bound."""
    monkeypatch.setenv("RECTIFY_DB", str(many_db))
    at = AppTest.from_file("../dashboard.py", default_timeout=300)
    at.run()
    at.switch_page("pages/compare.py").run()
    huge = ".*[( " + "镇 " * 100_000  # a regex-looking word no notice holds, then one they all do
    at.text_input(key="cmp_search").set_value(huge).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(_picker(at).options) == 20  # nothing matches every word: the newest
    assert any("没有找到匹配的通报" in c.value for c in at.caption)
    sidebar_search = next(t for t in at.sidebar.text_input if t.label == "查找通报")
    sidebar_search.set_value(huge).run()
    assert not at.exception, [e.value for e in at.exception]
