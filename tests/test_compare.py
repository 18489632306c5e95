"""对比 and 全部 on a real database of several notices (tests/corpus.py, ingested by the loader).

What a leader expects of the corpus is known from its texts: 荷塘镇's later notice reports
item 二(5) done that was under way, no longer lists 二(6), newly lists 二(8), and its counts
grew by half (“非粮化”图斑 40 → 60 宗); 石岭镇 is another place of the same round.
"""

from __future__ import annotations

import json

import pytest
from corpus import (  # noqa: F401  (corpus_db: session fixture)
    DROPPED_FIRST,
    DROPPED_LATER,
    LATER_DATE,
    OTHER_PLACE,
    PLACE,
    corpus_db,
)
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from test_app_pages import PATIENT

from board import compare, queries
from board.db import connect
from board.filters import Filters


@pytest.fixture(scope="module")
def conn(corpus_db):  # noqa: F811
    conn = connect(corpus_db)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def ids(conn):
    docs = queries.documents(conn)
    by_place = {}
    for r in docs.itertuples():
        by_place.setdefault(r.place, []).append(r.doc_id)
    return {
        "rounds": tuple(by_place[PLACE]),  # newest first as listed: either order works
        "round_places": (by_place[PLACE][0], by_place[OTHER_PLACE][0]),
        "all": tuple(docs["doc_id"]),
        "label": {doc: label for label, doc in compare.choice_labels(docs).items()},
    }


@pytest.fixture
def app(corpus_db, monkeypatch):  # noqa: F811
    """The app as a running server runs it (see tests/test_app_pages.py)."""
    monkeypatch.setenv("RECTIFY_DB", str(corpus_db))
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)
    return AppTest.from_file("../dashboard.py", default_timeout=PATIENT)


def table_with(app, *columns):
    """The page's table that has these columns (AppTest does not keep a table's key)."""
    return next(df.value for df in app.dataframe if set(columns) <= set(df.value.columns))


def _label(part_no: tuple[str, int]) -> str:
    return f"{part_no[0]}({part_no[1]})"


@pytest.mark.parametrize(
    "rate, shown",
    [(0.8125, 81), (0.5, 50), (2 / 3, 67), (1.0, 100), (0.0, 0), (0.995, 100), (0.004, 0)],
)
def test_a_rate_is_shown_in_the_whole_percent_every_page_prints(rate, shown):
    from board.charts import whole_percent

    assert whole_percent(rate) == shown == int(f"{rate:.0%}"[:-1])


# --- board.compare on the real file -------------------------------------------------------


def test_rounds_of_one_place_follow_each_item_then_and_now(conn, ids):
    notices = compare.notices(conn, ids["rounds"])
    assert compare.mode(notices) == compare.ROUNDS
    assert list(notices["published"].astype(str)) == ["2024-12-01", LATER_DATE]  # oldest first
    items = compare.item_changes(conn, ids["rounds"]).set_index("item")
    assert (items.loc["二(5)", "then"], items.loc["二(5)", "now"]) == ("推进中", "已完成")
    assert items.loc["二(5)", "change"] == compare.CHANGED
    assert items.loc[_label(DROPPED_FIRST), "change"] == compare.NEW
    assert items.loc[_label(DROPPED_FIRST), "then"] == compare.ABSENT
    assert items.loc[_label(DROPPED_LATER), "change"] == compare.GONE
    assert items.loc["二(1)", "change"] == compare.SAME
    assert items.index.is_unique  # one row per item, not one per notice


def test_items_are_matched_by_title_when_their_numbers_differ():
    import pandas as pd

    items = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b"],
            "part": ["二"] * 5,
            "item_no": [1, 2, 3, 1, 3],
            "title": [
                "村级财务不规范",
                "道路建设滞后",
                "学习不够",
                "道路建设滞后",
                "学习制度不健全",
            ],
        }
    )
    threads = compare.thread_items(items, ["a", "b"])["thread"].tolist()
    assert threads[3] == threads[1]  # same title, renumbered
    assert threads[4] == threads[2]  # retitled: same part and number
    assert len(set(threads)) == 3  # 村级财务 is not matched to the renumbered 道路


def test_figures_side_by_side_only_in_one_subject_unit_and_kind(conn, ids):
    figures = compare.figure_changes(conn, ids["rounds"])
    first, later = list(compare.notices(conn, ids["rounds"])["label"])
    patches = figures[(figures["what"] == "“非粮化”图斑") & (figures["unit"] == "宗")]
    assert len(patches) == 1
    row = patches.iloc[0]
    assert (row[first], row[later], row["change"]) == (40, 60, "40 → 60 宗")
    assert row["ref"] == "二(4)" and row["review"] == "机器识别"
    # 覆盖率 in % and its rise in 百分点 are two rows, never one
    cover = figures[figures["what"] == "自然村污水治理覆盖率"]
    assert sorted(cover["unit"]) == ["%", "百分点"]
    # the item no longer reported keeps its figures, in the first notice only
    gone = figures[figures["ref"] == _label(DROPPED_LATER)]
    assert len(gone) and (gone["notices"] == 1).all() and gone[later].isna().all()


def test_places_of_one_round_ranked_by_completion(conn, ids):
    summary = compare.place_summary(conn, ids["all"])
    assert len(summary) == len(ids["all"]) == 6
    assert list(summary["rank"]) == list(range(1, 7))
    rates = summary["rate"].tolist()
    assert rates == sorted(rates, reverse=True)
    for r in summary.itertuples():  # each notice counted on its own
        ledger = queries.ledger(conn, Filters(doc_id=r.doc_id))
        assert r.items == len(ledger)
        assert r.done == (ledger["status"] == "已完成").sum()
        assert r.doing == (ledger["status"] == "推进中").sum()
    first_round = summary[summary["label"] == f"{PLACE} 2024-12-01"].iloc[0]
    assert first_round["overdue"] == 1  # 二(7): under way, its deadline before the notice
    assert summary[summary["label"] != f"{PLACE} 2024-12-01"]["overdue"].eq(0).all()
    places = compare.notices(conn, ids["round_places"])
    assert compare.mode(places) == compare.PLACES
    assert set(places["label"]) == {f"{PLACE} {LATER_DATE}", f"{OTHER_PLACE} 2025-05-10"}


def test_a_subject_is_ranked_one_figure_per_notice(conn, ids):
    choices = compare.subject_choices(conn, ids["all"])
    assert (choices["notices"] >= 2).all()
    row = choices[(choices["what"] == "积水点") & (choices["kind"] == "result")].iloc[0]
    ranking = compare.subject_ranking(conn, ids["all"], row.what, row.unit, row.kind)
    assert ranking["label"].is_unique and len(ranking) == row.notices
    assert ranking["value"].tolist() == sorted(ranking["value"], reverse=True)
    assert set(ranking["unit"]) == {"处"}
    assert ranking.iloc[0]["value"] == 18  # 荷塘镇's later notice: 12 处 grown by half


# --- 对比 page -----------------------------------------------------------------------------


def test_compare_page_without_a_choice_asks_for_two_notices(app):
    app.run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert [t.value for t in app.title] == ["对比"]
    assert any("两份或以上" in i.value for i in app.info)


def test_compare_page_shows_rounds_of_one_place_from_the_url(app, ids):
    wanted = [ids["label"][d] for d in ids["rounds"]]
    assert sorted(wanted) == [f"2024-12-01 {PLACE}", f"{LATER_DATE} {PLACE}"]  # short, readable
    app.query_params["notices"] = wanted
    app.switch_page("pages/compare.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.multiselect(key="notices").value == wanted
    items = table_with(app, "title", "change").set_index("item")
    assert items.loc["二(5)", "change"] == "状态变化"
    assert items.loc[_label(DROPPED_FIRST), "change"] == "新增"
    figures = table_with(app, "what", "change")
    assert "40 → 60 宗" in set(figures["change"])
    shown = " ".join(str(v) for df in app.dataframe for v in df.value.astype(str).values.ravel())
    assert "None" not in shown and "nan" not in shown
    app.pills(key="cmp_change").set_value("新增").run()
    assert set(table_with(app, "title", "change")["change"]) == {"新增"}


def test_compare_page_ranks_places_and_builds_a_briefing(app, ids, monkeypatch):
    monkeypatch.setenv("RECTIFY_CHROMIUM", "")  # the tables alone: kaleido is tested below
    app.query_params["notices"] = [ids["label"][d] for d in ids["all"]]
    app.switch_page("pages/compare.py").run()
    assert not app.exception, [e.value for e in app.exception]
    summary = table_with(app, "done", "rate")
    assert len(summary) == 6
    # The table's rate is the whole percent its bar is labelled with (never 81.25 % beside 81 %).
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    bars = next(
        s["data"][0] for s in specs if s["layout"]["xaxis"]["title"]["text"] == "完成率（%）"
    )
    labelled = dict(zip(bars["y"], bars["text"], strict=True))
    for row in summary.dropna(subset=["rate"]).itertuples():
        assert labelled[row.label] == f"{row.rate}%"
        assert row.rate == round(row.rate)
    subject = app.selectbox(key="cmp_subject")
    assert "积水点（处，成效）" in subject.options
    subject.set_value("积水点（处，成效）").run()
    ranking = table_with(app, "rank", "value")
    assert ranking["label"].is_unique and set(ranking["unit"]) == {"处"}
    assert ranking["value"].tolist() == sorted(ranking["value"], reverse=True)
    app.button(key="compare_briefing_build").click().run()
    assert not app.exception
    assert any(b.label == "下载 Word 汇报材料" for b in app.download_button)


# --- 全部 ----------------------------------------------------------------------------------


def test_all_notices_overview_counts_every_notice_once(app, conn):
    app.run()
    select = app.selectbox(key="filter_doc_id")
    assert "全部（6 份通报）" in select.options
    select.set_value("all").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.query_params["doc"] == "all"
    total = sum(
        len(queries.ledger(conn, Filters(doc_id=d))) for d in queries.documents(conn)["doc_id"]
    )
    assert any(f"{total} 项整改事项" in m.value for m in app.markdown)
    assert any("全部通报（6 份）" in c.value for c in app.caption)
    # a headline sum says so, and only one subject, unit and kind is summed
    # (each headline figure is one HTML block, ui.summary.figure_html; its note says so)
    sums = [h.value for h in app.html if "合计（" in h.value]
    assert sums and all("份通报）" in h and "相加" in h for h in sums)


def test_all_notices_ledger_names_the_notice_and_source_asks_for_one(app):
    app.query_params["doc"] = "all"
    app.switch_page("pages/ledger.py").run()
    assert not app.exception, [e.value for e in app.exception]
    items = table_with(app, "item", "status")
    assert items["item"].str.contains(f"{OTHER_PLACE} · 二\\(1\\)").any()
    assert items["item"].str.contains(f"{PLACE} {LATER_DATE} · 二\\(5\\)").any()
    app.switch_page("pages/source.py").run()
    assert not app.exception
    assert any("一次显示一份通报" in i.value for i in app.info)


@pytest.mark.parametrize("page", ["pages/themes.py", "pages/villages.py", "pages/export.py"])
def test_all_notices_pages_run(app, page):
    app.query_params["doc"] = "all"
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="filter_doc_id").value == "all"


def test_a_cold_deep_link_keeps_every_chosen_notice(corpus_db, ids, monkeypatch):  # noqa: F811
    """A fresh server runs the page file first and goes through dashboard.py and back
    (ui.shell); both notices of ?notices=a&notices=b must survive the trip."""
    monkeypatch.setenv("RECTIFY_DB", str(corpus_db))
    cold = AppTest.from_file("../dashboard.py", default_timeout=PATIENT)
    wanted = [ids["label"][d] for d in ids["rounds"]]
    cold.query_params["notices"] = wanted
    cold.switch_page("pages/compare.py").run()
    assert not cold.exception, [e.value for e in cold.exception]
    assert cold.multiselect(key="notices").value == wanted
    assert table_with(cold, "title", "change") is not None


def test_all_notices_ledger_opens_the_item_of_the_notice_chosen(app, conn):
    """Under 全部 every notice has a 二(1): opening one shows that notice's item only."""
    app.query_params["doc"] = "all"
    app.switch_page("pages/ledger.py").run()
    picker = app.selectbox(key="open")
    ledger = queries.ledger(conn, Filters())
    assert len(picker.options) == len(ledger)  # none lost to a number another notice shares
    other = queries.documents(conn).query("place == @OTHER_PLACE")["doc_id"].iloc[0]
    mine = queries.ledger(conn, Filters(doc_id=other)).iloc[0]
    picker.set_value(f"{mine['part']}-{mine['item_no']}@{other}").run()
    assert not app.exception, [e.value for e in app.exception]
    shown = "\n".join(m.value for m in app.markdown).replace("\\", "")
    assert f"{OTHER_PLACE} · {mine['item']}" in shown
    measures = queries.measures(conn, Filters(doc_id=other))
    own = measures[(measures["part"] == mine["part"]) & (measures["item_no"] == mine["item_no"])]
    assert own["text"].str[:8].map(lambda t: t in shown).all()
    elsewhere = queries.measures(conn, Filters())
    elsewhere = elsewhere[
        (elsewhere["part"] == mine["part"])
        & (elsewhere["item_no"] == mine["item_no"])
        & (elsewhere["doc_id"] != other)
    ]
    foreign = set(elsewhere["text"].str[:12]) - set(own["text"].str[:12])
    assert not any(t in shown for t in foreign)  # no other notice's measures


def test_a_sentence_link_under_all_notices_opens_that_notice(app, conn):
    """A figure's 原文 link names its notice (?doc=…&sentence=…): followed from 全部, the
    report choice switches to that notice and 原文 shows the sentence."""
    app.query_params["doc"] = "all"
    app.switch_page("pages/overview.py").run()
    assert app.selectbox(key="filter_doc_id").value == "all"
    figure = queries.indicators(conn, Filters()).iloc[-1]
    app.query_params["doc"] = figure["doc_id"]
    app.query_params["sentence"] = str(int(figure["sentence_at"]))
    app.switch_page("pages/source.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key="filter_doc_id").value == figure["doc_id"]
    assert "定位的句子" in [s.value for s in app.subheader]


def test_all_notices_headline_tiles_for_every_village(conn):
    """全部 with one village: a headline theme with no figure there is an empty tile, not an
    exception (pd.concat of no reports' figures raised and took 总览 down)."""
    from board.headlines import HEADLINE_THEMES

    villages = queries.filter_options(conn, None)["villages"]
    assert villages
    empty = 0
    for village in villages:
        tiles = queries.headline_tiles(conn, Filters(villages=(village,)), HEADLINE_THEMES)
        assert set(tiles) == set(HEADLINE_THEMES)
        empty += sum(t.empty for t in tiles.values())
    assert empty  # the case that raised is among them
