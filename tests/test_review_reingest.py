"""A reviewer's form submitted after the notice was re-ingested under it (AppTest, real files).

The 核实 page keys an entry by its figure's row number. A re-ingest of an edited notice
renumbers the figures: the same number may then be another figure, and a correction typed
for the one on screen must never be recorded against another.
"""

from __future__ import annotations

from board_db import report_db  # noqa: F401  (session fixture)

from board import queries
from board.db import connect
from loaders import ingest_files
from loaders import verdicts as vs
from tests.conftest import BUNDLED
from tests.test_review_page import _as_reviewer, _button, _picked, app, db  # noqa: F401
from ui.review import CHANGED_MESSAGE


def test_a_correction_typed_before_a_reingest_never_lands_on_another_figure(app, db, tmp_path):  # noqa: F811
    _as_reviewer(app)
    key = _picked(app)
    conn = connect(db)
    doc = queries.documents(conn)["doc_id"].iloc[0]
    queue = queries.review_queue(conn, doc)
    shown = queue[queue["row_id"] == int(key[1:])].iloc[0]
    conn.close()
    # an admin re-imports the notice with its first figure sentence gone: rows renumber
    text = BUNDLED.read_text(encoding="utf-8")
    conn = connect(db)
    first_sentence = conn.execute(
        "SELECT sentence FROM indicators WHERE doc_id = ? ORDER BY indicator_id LIMIT 1", [doc]
    ).fetchone()[0]
    conn.close()
    notice = tmp_path / "notice.txt"
    notice.write_text(text.replace(first_sentence, "", 1), encoding="utf-8")
    ingest_files([notice], db)

    app.text_input(key=f"v_{key}").set_value("4321")
    _button(app, "保存更正").click().run()
    assert not app.exception
    recorded = vs.history(vs.default_store_path(db))
    for verdict in recorded:  # whatever was recorded is on the figure the reviewer saw
        assert (verdict.raw, verdict.sentence) == (shown["raw"], shown["sentence"]), verdict
    assert not recorded  # nothing: the page said the entry changed and showed it afresh
    assert any(w.value == CHANGED_MESSAGE for w in app.warning)
    now = app.text_input(key=f"v_{key}").value
    conn = connect(db)
    value = conn.execute(
        "SELECT value FROM indicators WHERE doc_id = ? AND indicator_id = ?", [doc, int(key[1:])]
    ).fetchone()[0]
    conn.close()
    assert float(now) == value  # the form now holds the figure that has this number


def test_an_entry_that_did_not_change_records_as_before(app, db):  # noqa: F811
    _as_reviewer(app)
    key = _picked(app)
    app.run()  # reruns without a change of the notice
    app.text_input(key=f"v_{key}").set_value("4321")
    _button(app, "保存更正").click().run()
    assert [v.after for v in vs.history(vs.default_store_path(db))] == ["4321"]


def test_a_second_verdict_on_the_same_entry_is_not_taken_for_a_change(app, db):  # noqa: F811
    _as_reviewer(app)
    app.pills(key="review_scope").set_value("全部").run()
    key = _picked(app)
    app.text_input(key=f"v_{key}").set_value("4321")
    _button(app, "保存更正").click().run()
    picker = next(s for s in app.selectbox if s.key.startswith("review_pick_"))
    picker.set_value(key).run()  # back to it: its value is now the corrected one
    assert not app.warning
    app.text_input(key=f"v_{key}").set_value("4322")
    _button(app, "保存更正").click().run()
    assert not app.warning
    assert [v.after for v in vs.history(vs.default_store_path(db))] == ["4321", "4322"]
