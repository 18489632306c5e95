"""Two reviewers on the 核实 page while an admin re-imports the notice (redteam2).

Each session's form is checked against the figure it was drawn for (ui.review): a reviewer
who opened the entry before the re-import records nothing and is told so; one who opened
it after records on the figure now shown.
"""

from __future__ import annotations

from board_db import report_db  # noqa: F401  (session fixture)
from streamlit.testing.v1 import AppTest
from test_app_pages import PATIENT

from board import queries
from board.db import connect
from loaders import ingest_files
from loaders import verdicts as vs
from tests.conftest import BUNDLED
from tests.test_review_page import _as_reviewer, _button, _picked, app, db  # noqa: F401
from ui.review import CHANGED_MESSAGE


def _row(path, key: str) -> tuple:
    conn = connect(path)
    try:
        doc = queries.documents(conn)["doc_id"].iloc[0]
        queue = queries.review_queue(conn, doc)
        row = queue[queue["row_id"] == int(key[1:])].iloc[0]
        return row["raw"], row["sentence"]
    finally:
        conn.close()


def _reimport_without_first_figure(path, tmp_path) -> None:
    conn = connect(path)
    first = conn.execute("SELECT sentence FROM indicators ORDER BY indicator_id LIMIT 1").fetchone()
    conn.close()
    notice = tmp_path / "notice.txt"
    text = BUNDLED.read_text(encoding="utf-8")
    notice.write_text(text.replace(first[0], "", 1), encoding="utf-8")
    ingest_files([notice], path)


def _save(page: AppTest, key: str, value: str) -> None:
    page.text_input(key=f"v_{key}").set_value(value)
    _button(page, "保存更正").click().run()
    assert not page.exception, [e.value for e in page.exception]


def test_two_reviewers_around_a_reimport_each_save_only_what_they_saw(app, db, tmp_path):  # noqa: F811
    first = _as_reviewer(app)
    key = _picked(first)
    second = _as_reviewer(AppTest.from_file("../dashboard.py", default_timeout=PATIENT))
    assert _picked(second) == key
    before = _row(db, key)
    _reimport_without_first_figure(db, tmp_path)
    after = _row(db, key)
    assert after != before  # the same number is now another figure
    third = _as_reviewer(AppTest.from_file("../dashboard.py", default_timeout=PATIENT))
    if _picked(third) != key:  # the number the others have open
        picker = next(s for s in third.selectbox if s.key.startswith("review_pick_"))
        picker.set_value(key).run()
    _save(first, key, "4321")
    _save(second, key, "4322")
    assert not vs.history(vs.default_store_path(db))  # neither stale form recorded
    for stale in (first, second):
        assert any(w.value == CHANGED_MESSAGE for w in stale.warning)
        assert _picked(stale) == key  # shown afresh, on the figure that has the number now
    _save(third, key, "4323")
    recorded = vs.history(vs.default_store_path(db))
    assert [v.after for v in recorded] == ["4323"]  # the one drawn after the re-import
    assert (recorded[0].raw, recorded[0].sentence) == after


def test_an_entry_another_reviewer_settles_stays_open_and_the_typed_correction_is_kept(app, db):  # noqa: F811
    """Two reviewers on one entry: B confirms it (it leaves 待核实); A's typed correction is
    still saved, as a later verdict, instead of vanishing with the form."""
    first = _as_reviewer(app)
    key = _picked(first)
    first.text_input(key=f"v_{key}").set_value("4321")  # A types, has not saved yet
    second = _as_reviewer(AppTest.from_file("../dashboard.py", default_timeout=PATIENT))
    assert _picked(second) == key
    _button(second, "核实无误").click().run()  # B settles the same entry
    assert [v.after for v in vs.history(vs.default_store_path(db))] != []
    _button(first, "保存更正").click().run()  # A saves what A typed
    assert not first.exception, [e.value for e in first.exception]
    recorded = vs.history(vs.default_store_path(db))
    assert "4321" in [v.after for v in recorded]  # A's correction is not lost
    assert len(recorded) >= 2  # B's confirmation and A's correction, both kept
