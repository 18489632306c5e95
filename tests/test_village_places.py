"""Villages are one place's: two towns' 新村 are two villages under 全部 (?doc=all).

The corpus (tests/corpus.py) holds the bundled report of 民众街道 and a copy of it for
三角街道: the same village names (沙仔村, 新建村…) in two places, each with its own figures.
Also: the village views follow 只看已核实 (?verified=1).
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from corpus import corpus_db  # noqa: F401  (session fixture)
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from test_app_pages import PATIENT

from board import places, queries, reviews
from board.db import connect
from board.filters import Filters
from loaders import verdicts as vs

HOME, OTHER = "民众街道", "三角街道"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("新村（民众街道）", ("新村", "民众街道")),
        ("新村", ("新村", None)),
        ("新联（旧）村", ("新联（旧）村", None)),  # brackets inside a name are no place
        ("浪网社区（三角街道）", ("浪网社区", "三角街道")),
    ],
)
def test_a_village_choice_names_its_place(choice, expected):
    assert places.parse_choice(choice) == expected


def test_only_names_found_in_two_places_carry_their_place():
    rows = pd.DataFrame(
        {"village": ["新村", "新村", "东村", "东村"], "place": ["甲镇", "乙镇", "甲镇", "甲镇"]}
    )
    assert places.recurring(rows) == {"新村"}
    assert places.choices(rows) == ["新村（甲镇）", "新村（乙镇）", "东村"]


@pytest.fixture
def db(corpus_db, tmp_path):  # noqa: F811
    """A copy of the corpus with its own (empty) verdict store beside it."""
    path = tmp_path / "corpus.duckdb"
    shutil.copy(corpus_db, path)
    return path


@pytest.fixture
def conn(db):
    conn = connect(db)
    yield conn
    conn.close()


def _doc_of(conn, place: str) -> str:
    docs = queries.documents(conn)
    return docs.loc[docs["place"] == place, "doc_id"].iloc[0]


def _shared_villages(conn) -> list[str]:
    """The villages named in both places' notices, with figures in each."""
    home = queries.village_scorecard(conn, Filters(doc_id=_doc_of(conn, HOME)))
    other = queries.village_scorecard(conn, Filters(doc_id=_doc_of(conn, OTHER)))
    both = home.merge(other, on="village")
    return list(both.loc[both["figures_x"] > 0, "village"])


def _shared_village(conn) -> str:
    return _shared_villages(conn)[0]


def test_all_reports_keep_two_places_villages_apart(conn):
    village = _shared_village(conn)
    alone = queries.village_scorecard(conn, Filters(doc_id=_doc_of(conn, HOME)))
    alone = alone.set_index("village").loc[village]
    every = queries.village_scorecard(conn, Filters()).set_index("village")
    assert village not in every.index  # never one row for two villages
    for place in (HOME, OTHER):
        row = every.loc[places.qualified(village, place)]
        assert row["place"] == place
        # each village keeps its own notice's counts, not the two places' summed
        assert (row["figures"], row["mentions"], row["items"]) == (
            alone["figures"],
            alone["mentions"],
            alone["items"],
        )
    options = queries.filter_options(conn, None)["villages"]
    assert places.qualified(village, HOME) in options and village not in options
    matrix = queries.village_theme_matrix(conn, Filters())
    assert set(matrix.loc[matrix["village"].str.startswith(village), "village"]) == {
        places.qualified(village, HOME),
        places.qualified(village, OTHER),
    }


def test_choosing_a_village_with_its_place_keeps_that_place_only(conn):
    village = _shared_village(conn)
    home = _doc_of(conn, HOME)
    chosen = Filters(villages=(places.qualified(village, HOME),))
    figures = queries.indicators(conn, chosen)
    assert set(figures["doc_id"]) == {home}
    assert len(figures) == len(queries.indicators(conn, Filters(doc_id=home, villages=(village,))))
    mentions = queries.village_mentions(conn, chosen)
    assert set(mentions["doc_id"]) == {home} and len(mentions) > 0
    assert set(mentions["village"]) == {places.qualified(village, HOME)}
    assert list(queries.village_scorecard(conn, chosen)["village"]) == [chosen.villages[0]]
    assert set(queries.ledger(conn, chosen)["doc_id"]) == {home}
    assert queries.verified_share(conn, chosen)["figures"] == len(figures)


def _confirm_a_village_figure(db, conn) -> tuple[str, dict]:
    """Record 核实无误 on a figure of HOME of one shared village only, whose sentence names
    that village (a list may name it bare: 沙仔、沿江等5家…); the village and its queue row."""
    home = _doc_of(conn, HOME)
    queue = queries.review_queue(conn, home)
    for village in _shared_villages(conn):
        said = set(
            queries.village_mentions(conn, Filters(doc_id=home, villages=(village,)))["sentence"]
        )
        named = [  # villages: 、-joined
            str(v or "").split("、") == [village] and sentence in said
            for v, sentence in zip(queue["villages"], queue["sentence"], strict=True)
        ]
        if any(named):
            row = queue[named].iloc[0].to_dict()
            vs.record(vs.default_store_path(db), [reviews.make_verdict(row, vs.CONFIRM, "李核实")])
            return village, row
    raise AssertionError("no shared village has a figure of its own")


def test_village_views_follow_verified_only(db, conn):
    village, row = _confirm_a_village_figure(db, conn)
    checked = connect(db)  # a connection reads the verdicts as it opens
    try:
        home = Filters(doc_id=_doc_of(checked, HOME), verified_only=True)
        card = queries.village_scorecard(checked, home).set_index("village")
        assert list(card.index) == [village]  # no other village has a checked figure
        assert card.loc[village, "figures"] == 1
        assert card.loc[village, "items"] == 0  # its item is not verified
        mentions = queries.village_mentions(checked, home)
        assert set(mentions["sentence"]) == {row["sentence"]}
        matrix = queries.village_theme_matrix(checked, home)
        assert matrix["figures"].sum() == 1
        everything = queries.village_mentions(checked, Filters(doc_id=home.doc_id))
        assert len(everything) > len(mentions)
    finally:
        checked.close()


@pytest.fixture
def app(db, monkeypatch):
    """The app as a running server runs it (see tests/test_app_pages.py)."""
    monkeypatch.setenv("RECTIFY_DB", str(db))
    monkeypatch.delenv("RECTIFY_VERDICTS", raising=False)
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)
    return AppTest.from_file("../dashboard.py", default_timeout=PATIENT)


def test_village_page_under_all_reports_names_the_place(app, conn):
    village = _shared_village(conn)
    app.query_params["doc"] = "all"
    app.run()
    app.switch_page("pages/villages.py").run()
    assert not app.exception, [e.value for e in app.exception]
    card = next(d.value for d in app.dataframe if "mentions" in d.value.columns)
    assert places.qualified(village, HOME) in set(card["village"])
    assert places.qualified(village, OTHER) in set(card["village"])
    assert village not in set(card["village"])
    assert any("不同地方的同名村(社区)分开统计" in c.value for c in app.caption)
    app.multiselect(key="filter_villages").set_value([places.qualified(village, OTHER)]).run()
    assert app.query_params["village"] == places.qualified(village, OTHER)  # the link holds it
    mentions = next(
        d.value
        for d in app.dataframe
        if "sentence" in d.value.columns and "topic" in d.value.columns
    )
    assert set(mentions["village"]) == {places.qualified(village, OTHER)}
    assert all(item.startswith(OTHER) for item in mentions["item"])


def test_village_page_says_it_shows_verified_only(app, db, conn):
    village, _row = _confirm_a_village_figure(db, conn)
    app.query_params["doc"] = _doc_of(conn, HOME)
    app.query_params["verified"] = "1"
    app.run()
    app.switch_page("pages/villages.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert any(c.value.startswith("只看已核实") for c in app.caption)
    card = next(d.value for d in app.dataframe if "mentions" in d.value.columns)
    assert list(card["village"]) == [village]
