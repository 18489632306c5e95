"""Places holding full-width brackets (a title standing for the place, 三角街道（东区）) keep
their villages choosable under 全部, by the filter and by ?village= (redteam2)."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from corpus import corpus_db  # noqa: F401  (session fixture)
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from test_app_pages import PATIENT

from board import places, queries
from board.db import connect
from board.filters import Filters

HOME, OTHER = "民众街道", "三角街道"
BRACKETED = "三角街道（东区（北））"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("新村（三角街道（东区））", ("新村", "三角街道（东区）")),
        ("新村（一组）（甲镇（东））", ("新村（一组）", "甲镇（东）")),
        ("新村（甲镇）", ("新村", "甲镇")),
        ("新联（旧）村", ("新联（旧）村", None)),
        ("（甲镇）", ("（甲镇）", None)),  # no name before the place
        ("新村）", ("新村）", None)),
    ],
)
def test_a_place_may_hold_brackets(choice, expected):
    assert places.parse_choice(choice) == expected


@pytest.fixture
def conn(corpus_db, tmp_path):  # noqa: F811
    path = tmp_path / "corpus.duckdb"
    shutil.copy(corpus_db, path)
    with duckdb.connect(str(path)) as writer:
        writer.execute("UPDATE documents SET place = ? WHERE place = ?", [BRACKETED, OTHER])
    conn = connect(path)
    yield conn
    conn.close()


def test_a_village_of_a_bracketed_place_can_be_chosen(conn):
    options = queries.filter_options(conn, None)["villages"]
    ours = [o for o in options if o.endswith(f"（{BRACKETED}）")]
    assert ours
    docs = queries.documents(conn)
    other = docs.loc[docs["place"] == BRACKETED, "doc_id"].iloc[0]
    for choice in ours[:3]:
        village, place = places.parse_choice(choice)
        assert place == BRACKETED
        chosen = Filters(villages=(choice,))
        mentions = queries.village_mentions(conn, chosen)
        assert set(mentions["doc_id"]) == {other} and len(mentions) > 0
        assert set(mentions["village"]) == {choice}
        alone = queries.village_mentions(conn, Filters(doc_id=other, villages=(village,)))
        assert len(mentions) == len(alone)


PAYLOAD_PLACE = "[点我](http://198.51.100.1/x)<b>甲</b>:red[镇]$x$（东（北））" + "长" * 3000


@pytest.fixture
def payload_db(corpus_db, tmp_path, monkeypatch):  # noqa: F811
    path = tmp_path / "payload.duckdb"
    shutil.copy(corpus_db, path)
    with duckdb.connect(str(path)) as writer:
        writer.execute("UPDATE documents SET place = ? WHERE place = ?", [PAYLOAD_PLACE, OTHER])
    monkeypatch.setenv("RECTIFY_DB", str(path))
    monkeypatch.delenv("RECTIFY_VERDICTS", raising=False)
    return path


def test_a_payload_place_in_the_village_link_filters_and_renders_as_text(payload_db, monkeypatch):
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):  # as a running server (tests/test_app_pages.py)
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)

    conn = connect(payload_db)
    try:
        options = queries.filter_options(conn, None)["villages"]
    finally:
        conn.close()
    choice = next(o for o in options if o.endswith(f"（{PAYLOAD_PLACE}）"))
    at = AppTest.from_file("../dashboard.py", default_timeout=PATIENT)
    at.query_params["doc"] = "all"
    at.query_params["village"] = choice
    at.run()
    at.switch_page("pages/villages.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.multiselect(key="filter_villages").value == [choice]
    mentions = next(
        d.value
        for d in at.dataframe
        if "sentence" in d.value.columns and "topic" in d.value.columns
    )
    assert set(mentions["village"]) == {choice} and len(mentions) > 0
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any("](http" in s or "<b>" in s or ":red[" in s for s in shown)
