"""A hostile verdict CSV or a hostile reviewer's text: refused whole, or stored inert.

`verdicts import` of a CSV someone else wrote must never take the dashboard down, leave
half a file imported, or print a traceback; `verdicts export` must not hand a spreadsheet
a formula a reviewer typed; a reviewer's note cannot carry bidi or control characters to
other users.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from board.db import connect
from loaders import verdicts as vs
from tests.conftest import BUNDLED
from tests.test_verdicts import _cli, _correct_first_headline_and_item, _db


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list[str], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("hostile_verdicts")
    db, _ = _db(tmp, BUNDLED.read_text(encoding="utf-8"))
    _correct_first_headline_and_item(db)
    rows = list(csv.reader(io.StringIO(_cli("export", "--db", str(db)).stdout)))
    return db, rows[0], dict(zip(rows[0], rows[1], strict=True))


def _csv(header: list[str], *rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[c] for c in header])
    return out.getvalue()


def _copy(db: Path, tmp_path: Path) -> Path:
    other = tmp_path / "rectify.duckdb"
    other.write_bytes(db.read_bytes())
    return other


@pytest.mark.parametrize(
    "change",
    [
        {"char_start": "3000000000"},  # beyond the views' INTEGER: every page went down
        {"item_no": "3000000000"},
        {"item_no": "99999999999999999999999"},  # beyond SQLite's INTEGER: a traceback
        {"char_start": "-5"},
        {"reviewer": "x" * 200_000},  # beyond csv's field limit: a traceback
        {"note": "备" * 50_000},
    ],
    ids=["char_start_int32", "item_no_int32", "item_no_int64", "negative", "huge_field", "long"],
)
def test_a_bad_row_is_refused_whole_with_its_line_and_the_board_stays_up(
    exported, tmp_path, change
):
    db, header, good = exported
    other = _copy(db, tmp_path)
    before = vs.history(vs.default_store_path(other))
    bad = tmp_path / "bad.csv"
    fresh = dict(good, at="2027-01-01T00:00:00+00:00", note="新的一条")
    bad.write_text(_csv(header, fresh, dict(good, **change)), encoding="utf-8")
    result = _cli("import", str(bad), "--db", str(other))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: {bad}: 第3行"), result.stderr
    assert "internal error" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert vs.history(vs.default_store_path(other)) == before  # nothing half-imported
    conn = connect(other)  # and every page can still open the database
    assert conn.execute("SELECT count(*) FROM reviewed_indicators").fetchone()[0] > 0
    conn.close()


def test_a_file_that_is_not_a_csv_gets_a_message(exported, tmp_path):
    db, header, good = exported
    other = _copy(db, tmp_path)
    bad = tmp_path / "nul.csv"
    bad.write_text(_csv(header, good).replace("审核员", "审\x00核员"), encoding="utf-8")
    result = _cli("import", str(bad), "--db", str(other))
    # a NUL is removed like every control character, or the file is refused; never stored
    assert "internal error" not in result.stderr
    assert all("\x00" not in v.reviewer for v in vs.history(vs.default_store_path(other)))


def test_export_holds_a_reviewers_formula_inert_and_imports_it_back_unchanged(tmp_path):
    db, _ = _db(tmp_path, BUNDLED.read_text(encoding="utf-8"))
    conn = connect(db)
    from board import reviews

    doc = conn.execute("SELECT doc_id FROM documents").fetchone()[0]
    row = reviews.review_queue(conn, doc).iloc[0].to_dict()
    conn.close()
    formula = '=HYPERLINK("http://127.0.0.2/x","点击")'
    store = vs.default_store_path(db)
    vs.record(
        store,
        [
            reviews.make_verdict(row, vs.CORRECT, "@审核员", "subject", "+拆除面积", formula),
            reviews.make_verdict(row, vs.CORRECT, "审核员", "value", "-5", "-1+1"),
        ],
    )
    text = _cli("export", "--db", str(db)).stdout
    cells = [c for r in csv.reader(io.StringIO(text)) for c in r]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    backup = tmp_path / "backup.csv"
    backup.write_text(text, encoding="utf-8")
    other = tmp_path / "other" / "rectify.duckdb"
    other.parent.mkdir()
    other.write_bytes(db.read_bytes())
    assert _cli("import", str(backup), "--db", str(other)).returncode == 0
    assert vs.history(vs.default_store_path(other)) == vs.history(store)


def test_a_reviewers_text_loses_bidi_and_control_characters(tmp_path):
    db, _ = _db(tmp_path, BUNDLED.read_text(encoding="utf-8"))
    conn = connect(db)
    from board import reviews

    doc = conn.execute("SELECT doc_id FROM documents").fetchone()[0]
    row = reviews.review_queue(conn, doc).iloc[0].to_dict()
    conn.close()
    store = vs.default_store_path(db)
    vs.record(
        store,
        [
            reviews.make_verdict(
                row, vs.CORRECT, "审核\u202e员", "subject", "拆除\u202e001", "备\x0c注"
            )
        ],
    )
    (v,) = vs.history(store)
    assert (v.reviewer, v.after, v.note) == ("审核员", "拆除001", "备注")


def test_an_entrys_history_among_many_verdicts_is_its_own_oldest_first(tmp_path):
    """The 核实 page reads one entry's history on every rerun (at 100,000 verdicts reading
    the whole store took 3.9 s); it must be exactly that entry's, items (no sentence hash)
    and figures alike."""
    from board import reviews

    db, _ = _db(tmp_path, BUNDLED.read_text(encoding="utf-8"))
    conn = connect(db)
    doc = conn.execute("SELECT doc_id FROM documents").fetchone()[0]
    queue = reviews.review_queue(conn, doc)
    conn.close()
    figures = queue[queue["target"] == "indicator"].head(3).to_dict("records")
    item = queue[queue["target"] == "item"].iloc[0].to_dict()
    store = vs.default_store_path(db)
    for n in range(3):
        vs.record(store, [reviews.make_verdict(r, vs.CONFIRM, f"核实员{n}", note=str(n))
                          for r in [*figures, item]])  # fmt: skip
    for row in [*figures, item]:
        mine = reviews.history_of(store, row)
        assert [v.reviewer for v in mine] == ["核实员0", "核实员1", "核实员2"]
        assert {v.key for v in mine} == {reviews.verdict_key(row)}
