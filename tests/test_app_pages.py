"""The Streamlit app through AppTest: every page runs, filters narrow, downloads are exact."""

import csv
import io
import json
import re

import pytest
from board_db import ROOT, report_db  # noqa: F401  (session fixture)
from download_files import file_id, record_downloads
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from board import queries
from board.db import connect
from board.export import FIGURE_COLUMNS
from board.filters import Filters

PAGES = {
    "pages/overview.py": "总览",
    "pages/themes.py": "主题",
    "pages/villages.py": "村(社区)",
    "pages/ledger.py": "整改台账",
    "pages/source.py": "原文",
    "pages/export.py": "导出",
}
# AppTest needs a timeout; this one is generous so no test depends on machine speed.
PATIENT = 600


@pytest.fixture
def cold_app(report_db, monkeypatch):  # noqa: F811
    """The app as a freshly started server runs it (legacy pages/ detection still on)."""
    monkeypatch.setenv("RECTIFY_DB", str(report_db))
    return AppTest.from_file("../dashboard.py", default_timeout=PATIENT)


@pytest.fixture
def app(cold_app, monkeypatch):
    """The app as a running server runs it.

    In a server, the first st.navigation call turns Streamlit's legacy pages/ detection off
    for the whole process. AppTest turns it back on before every run (PagesManager is
    rebuilt and sees our pages/ folder), which would run page files without dashboard.py;
    keep it off after construction, as the server does.
    """
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)
    return cold_app


@pytest.fixture(scope="module")
def facts(report_db):  # noqa: F811
    """What the database says, to compare the pages against."""
    conn = connect(report_db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    doc = Filters(doc_id=doc_id)
    village_counts = queries.indicators(conn, doc).explode("villages")["villages"].value_counts()
    yield {
        "doc_id": doc_id,
        "all": len(queries.indicators(conn, doc)),
        "village": village_counts.index[0],
        "village_figures": int(village_counts.iloc[0]),
        "theme": queries.theme_counts(conn, doc)["theme"].iloc[0],
        "conn": conn,
    }
    conn.close()


@pytest.fixture
def downloads(monkeypatch):
    """Bytes and name of every file the app hands to st.download_button, by file id."""
    return record_downloads(monkeypatch)


def figure_tables(at):
    return [df.value for df in at.dataframe if "metric" in df.value.columns]


def plotly_specs(at):
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart_titled(at, title):
    return next(s for s in plotly_specs(at) if s["layout"]["title"]["text"] == title)


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_every_page_runs_and_shows_its_title(app, path, title):
    app.run()
    assert not app.exception
    app.switch_page(path).run()
    assert not app.exception, [e.value for e in app.exception]
    assert [t.value for t in app.title] == [title]


def test_overview_has_headline_tiles_and_status(app):
    app.run()
    subheaders = [s.value for s in app.subheader]
    # each tile's heading is drawn in its first block (one element fewer per tile)
    tiles = [re.search(r'<h3 class="hf-theme">([^<]*)</h3>', h.value) for h in app.html]
    tiles = [m.group(1) for m in tiles if m]
    assert tiles == ["拆违清拆", "隐患整改", "水环境", "耕地保护"]
    assert subheaders[:2] == ["需关注", "重点指标"]  # the tiles come after 需关注
    assert any("项整改事项" in m.value for m in app.markdown)  # the status strip


def test_overview_builds_the_full_list_only_when_opened(app):
    app.run()
    assert not figure_tables(app) and not app.download_button  # first paint: no list
    [expander] = [e for e in app.get("expander") if "全部指标" in e.label]
    app.query_params["overview_all"] = "true"  # the leader opens it (it is in the URL)
    app.run()
    assert figure_tables(app) and chart_titled(app, "各主题指标数")
    assert {b.label for b in app.download_button} >= {"下载 CSV", "下载 Excel"}


def test_choosing_a_village_narrows_table_and_chart(app, facts):
    app.run()
    app.query_params["overview_all"] = "true"  # the full list is built only when opened
    app.run()
    before_table = figure_tables(app)[0]
    before_bars = sum(chart_titled(app, "各主题指标数")["data"][0]["x"])
    app.multiselect(key="filter_villages").set_value([facts["village"]]).run()
    assert not app.exception
    table = figure_tables(app)[0]
    assert len(table) == facts["village_figures"] < len(before_table)
    assert all(facts["village"] in v.split("、") for v in table["villages"])
    bars = sum(chart_titled(app, "各主题指标数")["data"][0]["x"])
    assert bars == facts["village_figures"] < before_bars


def test_village_page_shows_chosen_village_figures_and_mentions(app, facts):
    app.run()
    app.multiselect(key="filter_villages").set_value([facts["village"]]).run()
    app.switch_page("pages/villages.py").run()
    assert not app.exception
    table = figure_tables(app)[0]
    assert len(table) == facts["village_figures"]
    mentions = next(df.value for df in app.dataframe if "village" in df.value.columns)
    assert set(mentions["village"]) == {facts["village"]}
    matrix = next(df.value for df in app.dataframe if "村(社区)" in df.value.columns)
    assert matrix["村(社区)"].tolist() == [facts["village"]]


def test_choosing_a_theme_keeps_only_its_figures(app, facts):
    app.run()
    app.multiselect(key="filter_themes").set_value([facts["theme"]]).run()
    app.switch_page("pages/themes.py").run()
    assert not app.exception
    table = figure_tables(app)[0]
    assert set(table["theme"]) == {facts["theme"]}


def test_csv_download_is_exactly_the_filtered_rows(app, facts, downloads):
    app.run()
    app.multiselect(key="filter_villages").set_value([facts["village"]]).run()
    app.switch_page("pages/export.py").run()
    assert not app.exception
    button = next(b for b in app.download_button if b.label == "下载 CSV")
    data, filename = downloads[file_id(button)]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    expected = queries.indicators(
        facts["conn"], Filters(doc_id=facts["doc_id"], villages=(facts["village"],))
    )
    assert len(rows) == len(expected) == facts["village_figures"]
    assert [int(r[FIGURE_COLUMNS["indicator_id"]]) for r in rows] == expected[
        "indicator_id"
    ].tolist()
    assert all(facts["village"] in r[FIGURE_COLUMNS["villages"]].split("、") for r in rows)
    assert (
        filename.endswith(".csv")
        and f"村(社区)-{facts['village']}".replace("(", "").replace(")", "") in filename
    )


def test_filters_are_written_to_the_url(app, facts):
    app.run()
    app.multiselect(key="filter_villages").set_value([facts["village"]]).run()
    assert app.query_params["village"] == facts["village"]
    assert app.query_params["doc"] == facts["doc_id"]
    app.switch_page("pages/ledger.py").run()  # filters hold across pages
    assert app.multiselect(key="filter_villages").value == [facts["village"]]
    assert app.query_params["village"] == facts["village"]


def test_query_string_reproduces_a_filter(app, facts):
    app.query_params["village"] = facts["village"]
    app.query_params["theme"] = "不存在的主题"  # stale values are dropped, not fatal
    app.query_params["overview_all"] = "true"  # 总览's full list, opened
    app.run()
    assert not app.exception
    assert app.multiselect(key="filter_villages").value == [facts["village"]]
    assert app.multiselect(key="filter_themes").value == []
    assert len(figure_tables(app)[0]) == facts["village_figures"]


def test_sentence_link_opens_source_at_that_sentence(app, facts):
    figure = queries.indicators(facts["conn"], Filters(doc_id=facts["doc_id"])).iloc[0]
    app.run()
    app.query_params["sentence"] = str(int(figure["sentence_at"]))
    app.switch_page("pages/source.py").run()
    assert not app.exception
    assert "定位的句子" in [s.value for s in app.subheader]
    focus = next(m.value for m in app.markdown if 'id="focus"' in m.value)
    assert "<mark" in focus
    shown = [t for t in figure_tables(app) if figure["indicator_id"] in set(t["indicator_id"])]
    assert shown, "the figure of the linked sentence is listed"


def test_source_search_finds_sentences(app, facts):
    app.run()
    app.switch_page("pages/source.py").run()
    app.text_input(key="q").input(facts["village"]).run()
    assert not app.exception
    assert any(c.value.startswith("找到 ") for c in app.caption)
    assert any(f"<mark>{facts['village']}</mark>" in m.value for m in app.markdown)


def test_ledger_items_open_to_their_measures(app, facts):
    app.run()
    app.switch_page("pages/ledger.py").run()
    assert not app.exception
    ledger = next(df.value for df in app.dataframe if "status" in df.value.columns)
    assert len(ledger) > 0
    assert set(ledger["status"]) <= {"已完成", "推进中", "长期"}
    assert ledger["link"].str.startswith("source?").all()
    picker = app.selectbox(key="open")
    assert len(picker.options) == len(ledger)
    second = ledger.iloc[1]
    row = queries.ledger(facts["conn"], Filters(doc_id=facts["doc_id"])).iloc[1]
    assert row["item"] == second["item"]
    picker.set_value(f"{row['part']}-{row['item_no']}").run()
    assert not app.exception
    assert any("判定依据" in c.value for c in app.caption)
    assert any(str(second["title"])[:6] in m.value for m in app.markdown)
    assert any("是" in m.value for m in app.markdown)  # its measures 一是/二是


def test_cold_deep_link_goes_through_the_dashboard(cold_app, facts):
    """A fresh server opened at /source?sentence=… still gets the sidebar and the sentence."""
    figure = queries.indicators(facts["conn"], Filters(doc_id=facts["doc_id"])).iloc[0]
    cold_app.query_params["doc"] = facts["doc_id"]
    cold_app.query_params["sentence"] = str(int(figure["sentence_at"]))
    cold_app.switch_page("pages/source.py").run()
    assert not cold_app.exception
    assert [t.value for t in cold_app.title] == ["原文"]
    assert "定位的句子" in [s.value for s in cold_app.subheader]
    assert cold_app.selectbox(key="filter_doc_id").value == facts["doc_id"]


def test_first_start_builds_the_database_then_follows_replacements(tmp_path, monkeypatch):
    """No database yet: the app ingests data/reports/* with a progress bar, then reads it."""
    from loaders import ingest_files

    db = tmp_path / "fresh" / "rectify.duckdb"
    monkeypatch.setenv("RECTIFY_DB", str(db))
    at = AppTest.from_file("../dashboard.py", default_timeout=PATIENT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert db.exists()
    assert [t.value for t in at.title] == ["总览"]
    at.switch_page("pages/export.py").run()  # 导出 previews every figure
    before = len(figure_tables(at)[0])
    # The loader replaces the file (new inode); the app reopens it instead of failing.
    ingest_files(sorted((ROOT / "data" / "reports").glob("*")), db)
    at.run()
    assert not at.exception
    assert len(figure_tables(at)[0]) == before


def test_figures_outside_numbered_items_say_so(app):
    """A part 一 total has no item: its 事项 cell reads 总体情况, not a blank a leader must guess."""
    app.query_params["overview_all"] = "true"
    app.run()
    items = set().union(*(set(t["item"]) for t in figure_tables(app)))
    assert "总体情况" in items and "" not in items
