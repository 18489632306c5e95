"""Verdicts survive re-ingest (matched by text), re-match shifted notices, and orphan as 失配."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from board import reviews
from board.db import connect
from loaders import ingest_files
from loaders import verdicts as vs
from tests.conftest import BUNDLED, ROOT


def _db(tmp_path: Path, text: str) -> tuple[Path, Path]:
    notice = tmp_path / "notice.txt"
    notice.write_text(text, encoding="utf-8")
    db = tmp_path / "rectify.duckdb"
    ingest_files([notice], db)
    return db, notice


def _correct_first_headline_and_item(db: Path) -> tuple[float, str]:
    conn = connect(db)
    doc = conn.execute("SELECT doc_id FROM documents").fetchone()[0]
    queue = reviews.review_queue(conn, doc)
    figure = queue[queue["target"] == "indicator"].iloc[0].to_dict()
    item = queue[queue["target"] == "item"].iloc[0].to_dict()
    new_status = "推进中" if item["status"] != "推进中" else "已完成"
    vs.record(
        vs.default_store_path(db),
        [
            reviews.make_verdict(figure, vs.CORRECT, "审核员", "value", "4321"),
            reviews.make_verdict(item, vs.CORRECT, "审核员", "status", new_status),
        ],
    )
    conn.close()
    return 4321.0, new_status


def _corrected(db: Path) -> tuple[list, list]:
    conn = connect(db)
    figures = conn.execute(
        "SELECT value, review_state FROM reviewed_indicators WHERE review_state <> '机器识别'"
    ).fetchall()
    items = conn.execute(
        "SELECT status, review_state FROM reviewed_items WHERE review_state <> '机器识别'"
    ).fetchall()
    conn.close()
    return figures, items


def test_reingest_and_shifted_notice_keep_both_verdicts(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8")
    db, notice = _db(tmp_path, text)
    value, status = _correct_first_headline_and_item(db)
    expected = ([(value, "已更正")], [(status, "已更正")])
    assert _corrected(db) == expected
    ingest_files([notice], db)  # the same notice again: the file is rebuilt and swapped
    assert _corrected(db) == expected
    # A corrected notice: a paragraph inserted near the top moves every offset.
    head, tail = text.split("\n", 1)
    notice.write_text(head + "\n补充说明：本通报有关情况如下。\n" + tail, encoding="utf-8")
    ingest_files([notice], db)
    assert _corrected(db) == expected
    conn = connect(db)
    assert reviews.unmatched(conn).empty
    conn.close()


def test_a_removed_figure_is_listed_as_unmatched(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8")
    db, notice = _db(tmp_path, text)
    _correct_first_headline_and_item(db)
    [figure] = [v for v in vs.history(vs.default_store_path(db)) if v.target == "indicator"]
    notice.write_text(text.replace(figure.sentence, "", 1), encoding="utf-8")
    ingest_files([notice], db)
    conn = connect(db)
    orphans = reviews.unmatched(conn)
    assert list(orphans["raw"]) == [figure.raw]
    assert orphans["sentence"].iloc[0] == figure.sentence  # shown with its sentence
    assert _corrected(db)[0] == []
    conn.close()


def test_withdrawal_restores_the_machine_reading_and_keeps_history(tmp_path):
    db, _ = _db(tmp_path, BUNDLED.read_text(encoding="utf-8"))
    _correct_first_headline_and_item(db)
    store = vs.default_store_path(db)
    figure = next(v for v in vs.history(store) if v.target == "indicator")
    withdrawal = vs.Verdict(**{**figure.__dict__, "verdict": vs.WITHDRAW, "at": vs.now()})
    vs.record(store, [withdrawal])
    assert _corrected(db)[0] == []
    assert len(vs.history(store)) == 3


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", "verdicts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_export_import_round_trip_is_idempotent_and_bad_csv_writes_nothing(tmp_path):
    db, _ = _db(tmp_path, BUNDLED.read_text(encoding="utf-8"))
    _correct_first_headline_and_item(db)
    exported = _cli("export", "--db", str(db))
    assert exported.returncode == 0
    backup = tmp_path / "backup.csv"
    backup.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other" / "rectify.duckdb"
    other.parent.mkdir()
    other.write_bytes(db.read_bytes())
    for _ in range(2):
        assert _cli("import", str(backup), "--db", str(other)).returncode == 0
    assert len(vs.history(vs.default_store_path(other))) == 2
    assert _corrected(other) == _corrected(db)
    bad = tmp_path / "bad.csv"
    lines = exported.stdout.splitlines()
    bad.write_text("\n".join([*lines, lines[1].replace(",更正,", ",改了,")]), encoding="utf-8")
    before = vs.history(vs.default_store_path(other))
    result = _cli("import", str(bad), "--db", str(other))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {bad}: ") and len(result.stderr.splitlines()) == 1
    assert vs.history(vs.default_store_path(other)) == before
