"""The 核实 page through AppTest on a real database file and a real verdict store.

A reviewer's verdict recorded on the page must reach every view: reviewed_indicators, the
总览 tile, the 只看已核实 filter; a verdict whose figure is gone is listed as 失配.
"""

from __future__ import annotations

import html
import re
import shutil

import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from board import queries
from board.db import connect
from board.filters import Filters
from board.labels import figure_label
from loaders import ingest_files
from loaders import verdicts as vs
from tests.conftest import BUNDLED
from ui.auth import User

PATIENT = 600  # AppTest needs a timeout; generous, so nothing depends on machine speed
REVIEWER = User("李核实", "reviewer", "test")  # seeded by code, as ui.auth allows tests


@pytest.fixture
def db(report_db, tmp_path, monkeypatch):  # noqa: F811
    """A copy of the report database with its own (empty) verdict store beside it."""
    path = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, path)
    monkeypatch.setenv("RECTIFY_DB", str(path))
    monkeypatch.delenv("RECTIFY_VERDICTS", raising=False)
    return path


@pytest.fixture
def app(db, monkeypatch):
    """The app as a running server runs it (see tests/test_app_pages.py: app)."""
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)
    return AppTest.from_file("../dashboard.py", default_timeout=PATIENT)


def _as_reviewer(app: AppTest) -> AppTest:
    app.session_state["_auth_user"] = REVIEWER
    app.run()
    app.switch_page("pages/review.py").run()
    assert not app.exception, [e.value for e in app.exception]
    assert [t.value for t in app.title] == ["核实"]
    return app


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def _picked(app: AppTest) -> str:
    return next(s for s in app.selectbox if s.key and s.key.startswith("review_pick_")).value


def _progress(app: AppTest) -> str:
    return next(p.proto.text for p in app.get("progress") if "已核实" in p.proto.text)


def _tile_metrics(app: AppTest) -> dict[str, str]:
    """总览's headline figures (one HTML block each, ui.summary.figure_html): label -> value."""
    found = (
        re.search(r'class="hf-label">(.*?)</div><div class="hf-value">(.*?)</div>', h.value)
        for h in app.html
    )
    return {html.unescape(m[1]): html.unescape(m[2]) for m in found if m}


def test_correcting_a_headline_figure_reaches_the_views_and_the_overview_tile(app, db):
    conn = connect(db)
    doc = queries.documents(conn)["doc_id"].iloc[0]
    queue = queries.review_queue(conn, doc)
    first = queue.iloc[0]
    conn.close()
    assert first["reason"] == "总览重点指标"  # what a leader sees first is reviewed first

    app.run()
    before_tiles = _tile_metrics(app)
    _as_reviewer(app)
    key = _picked(app)
    assert key == f"i{int(first['row_id'])}"
    assert _progress(app) == f"已核实 0 / {len(queue)}"
    # The sentence is shown with the figure marked.
    assert any("<mark>" in m.value and first["raw"] in m.value for m in app.markdown)

    app.text_input(key=f"v_{key}").set_value("4321")
    app.text_input(key=f"cn_{key}").set_value("按台账核对")
    _button(app, "保存更正").click().run()
    assert not app.exception
    assert any("已记录更正：数值" in s.value for s in app.success)
    assert _progress(app) == f"已核实 1 / {len(queue)}"
    assert _picked(app) != key  # the next entry came up

    conn = connect(db)
    value, state, original = conn.execute(
        "SELECT value, review_state, orig_value FROM reviewed_indicators "
        "WHERE doc_id = ? AND indicator_id = ?",
        [doc, int(first["row_id"])],
    ).fetchone()
    conn.close()
    assert (value, state, original) == (4321.0, "已更正", first["value"])

    app.switch_page("pages/overview.py").run()
    assert not app.exception
    tiles = _tile_metrics(app)
    label = figure_label(first.get("metric"), first["subject"])  # the tile's own label
    corrected = [v for k, v in tiles.items() if k.startswith(label)]
    assert corrected and "4,321" in corrected[0], tiles
    figures = [h.value for h in app.html if 'class="headline-figure"' in h.value]
    assert any(">已更正</span>" in f for f in figures)  # the mark on the tile figure
    assert tiles != before_tiles
    # The share verified is on the page (sidebar) and in the status strip.
    assert any("已核实 1 / " in c.value for c in app.sidebar.caption)


def test_confirm_doubt_withdraw_and_history_on_an_item(app, db):
    _as_reviewer(app)
    app.pills(key="review_reason").set_value("状态为推断").run()
    key = _picked(app)
    assert key.startswith("t")
    # 有疑问 without a note is refused; with one it is recorded.
    _button(app, "有疑问").click().run()
    assert any("请在备注中写明疑问" in w.value for w in app.warning)
    app.text_input(key=f"note_{key}").set_value("状态待与责任单位确认")
    _button(app, "有疑问").click().run()
    assert any("有疑问" in s.value for s in app.success)
    app.pills(key="review_scope").set_value("有疑问").run()
    assert _picked(app) == key
    history = next(d.value for d in app.dataframe if "操作" in d.value.columns)
    assert history["操作"].tolist() == ["有疑问"]
    assert history["备注"].tolist() == ["状态待与责任单位确认"]
    # Change the status: the item becomes 已更正 with the old status as 原值.
    status = app.selectbox(key=f"st_{key}")
    new = next(s for s in vs.STATUSES if s != status.value)
    old = status.value
    status.set_value(new)
    _button(app, "保存").click().run()
    store = vs.default_store_path(db)
    assert [(v.verdict, v.field, v.before, v.after) for v in vs.history(store)][-1] == (
        "更正", "status", old, new,
    )  # fmt: skip
    conn = connect(db)
    states = conn.execute(
        "SELECT status, orig_status, review_state FROM reviewed_items WHERE review_state <> '机器识别'"
    ).fetchall()
    conn.close()
    assert states == [(new, old, "已更正")]
    # Withdraw: back to the machine reading; the history keeps all three acts.
    app.pills(key="review_scope").set_value("已核实").run()
    assert _picked(app) == key
    _button(app, "撤回本条的核实结果").click().run()
    conn = connect(db)
    assert conn.execute(
        "SELECT count(*) FROM reviewed_items WHERE review_state <> '机器识别'"
    ).fetchone() == (0,)
    conn.close()
    assert [v.verdict for v in vs.history(store)] == ["有疑问", "更正", "撤回"]


def test_a_viewer_cannot_open_the_review_page(app, db):
    # Listed for a reviewer only; once the session is a viewer's, the page is gone.
    _as_reviewer(app)
    del app.session_state["_auth_user"]
    app.run()
    assert [t.value for t in app.title] != ["核实"]
    assert not any(b.label == "核实无误" for b in app.button)
    # Run directly (as a crafted request for its script would), the page stops itself.
    direct = AppTest.from_file("../pages/review.py", default_timeout=PATIENT).run()
    assert any("核实员权限" in w.value for w in direct.warning)
    assert not direct.title and not any(b.label == "核实无误" for b in direct.button)


def test_verified_only_filter_keeps_reviewed_figures_and_lives_in_the_url(app, db):
    _as_reviewer(app)
    key = _picked(app)
    _button(app, "核实无误").click().run()  # the first headline figure: confirmed as read
    app.switch_page("pages/overview.py").run()
    app.toggle(key="filter_verified_only").set_value(True).run()
    assert not app.exception
    assert app.query_params["verified"] == "1"
    strip = next(m.value for m in app.markdown if "项整改事项" in m.value)
    assert strip.startswith("**0 项整改事项**")  # no item is verified yet
    app.switch_page("pages/export.py").run()  # the filter holds across pages
    table = next(d.value for d in app.dataframe if "metric" in d.value.columns)
    assert table["indicator_id"].tolist() == [int(key[1:])]
    assert set(table["review_state"]) == {"已核实"}
    # A link with ?verified=1 reproduces the view.
    fresh = AppTest.from_file("../dashboard.py", default_timeout=PATIENT)
    fresh.query_params["verified"] = "1"
    fresh.run()
    assert fresh.toggle(key="filter_verified_only").value is True
    fresh.switch_page("pages/export.py").run()
    assert len(next(d.value for d in fresh.dataframe if "metric" in d.value.columns)) == 1


def test_a_verdict_whose_sentence_is_gone_is_listed_as_unmatched(app, db, tmp_path):
    conn = connect(db)
    doc = queries.documents(conn)["doc_id"].iloc[0]
    row = queries.review_queue(conn, doc).iloc[0].to_dict()
    conn.close()
    from board import reviews

    store = vs.default_store_path(db)
    vs.record(store, [reviews.make_verdict(row, vs.CORRECT, "王核实", "value", "99", "核对")])
    notice = tmp_path / "notice.txt"
    notice.write_text(BUNDLED.read_text(encoding="utf-8").replace(row["sentence"], "", 1),
                      encoding="utf-8")  # fmt: skip
    ingest_files([notice], db)
    _as_reviewer(app)
    assert any("找不到对应的数字或事项" in w.value for w in app.warning)
    orphans = next(d.value for d in app.dataframe if "原句" in d.value.columns)
    assert orphans["原句"].tolist() == [row["sentence"]]
    assert orphans["数字或事项"].tolist() == [row["raw"]]
    assert "更正（value：99）" in orphans["记录"].iloc[0]
    conn = connect(db)
    assert len(queries.indicators(conn, Filters(doc_id=doc, verified_only=True))) == 0
    conn.close()
