"""The write path builds a fresh file each call: no growth on rewrite, nothing lost, all or none."""

from __future__ import annotations

import hashlib
import os
import shutil

import duckdb
import pytest
from conftest import BUNDLED, NOTICES, TOWNS

from loaders import ReportError, ingest_files
from loaders.ingest import _parsed
from loaders.schema import TABLES

ALL = [BUNDLED, *NOTICES, *TOWNS]


def _rows(db) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the ingest time (which differs by design)."""
    conn = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            exclude = " EXCLUDE (ingested_at)" if table == "documents" else ""
            out[table] = sorted(
                conn.execute(f"SELECT *{exclude} FROM {table}").fetchall(),  # noqa: S608 - constants
                key=repr,
            )
        return out
    finally:
        conn.close()


def test_rewriting_the_same_notices_does_not_grow_the_file(tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    ingest_files(ALL, fresh)
    rewritten = tmp_path / "rewritten.duckdb"
    ingest_files(ALL, rewritten)
    for _ in range(3):
        ingest_files(ALL, rewritten)
    assert rewritten.stat().st_size <= fresh.stat().st_size
    assert _rows(rewritten) == _rows(fresh)


def test_adding_notices_one_call_at_a_time_equals_one_fresh_build(tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    ingest_files(ALL, fresh)
    stepwise = tmp_path / "stepwise.duckdb"
    for path in ALL:
        ingest_files([path], stepwise)
    ingest_files(ALL[:2], stepwise)  # and replacing some of them again
    assert _rows(stepwise) == _rows(fresh)
    assert stepwise.stat().st_size <= fresh.stat().st_size * 1.1  # row-group rounding


def test_tables_the_loader_does_not_know_survive_a_rewrite(tmp_path):
    db = tmp_path / "db.duckdb"
    ingest_files(ALL[:2], db)
    conn = duckdb.connect(str(db))
    conn.execute("CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)")
    conn.execute("INSERT INTO notes VALUES ('x', '保留')")
    conn.close()
    ingest_files(ALL[2:4], db)
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT note FROM notes").fetchall() == [("保留",)]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    conn.close()


@pytest.mark.parametrize("parallel", [False, True])
def test_a_bad_file_late_in_a_streamed_call_leaves_the_old_file(parallel, tmp_path):
    db = tmp_path / "db.duckdb"
    ingest_files(ALL[:2], db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是通报。", encoding="utf-8")
    copies = []
    for n in range(10):  # enough files for the worker pool; the bad one comes last
        copy = tmp_path / f"copy_{n}.txt"
        shutil.copy(ALL[n % len(ALL)], copy)
        copies.append(copy)
    with pytest.raises(ReportError) as caught:
        ingest_files([*copies, bad], db, parallel=parallel)
    assert str(caught.value.path) == str(bad)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".db.duckdb.tmp-*"))


PARENT = os.getpid()


def _die_in_a_worker(path, report):
    """A finish step that kills the worker process it runs in (as the OOM killer would)."""
    if os.getpid() != PARENT:
        os._exit(9)
    return path.name, len(report.indicators)


def test_a_worker_that_dies_does_not_lose_or_reorder_files(tmp_path):
    """The pool breaking (a killed worker, a crashed fork) is not an error of the notices:
    the files from there on are parsed in the calling process, in order, none lost."""
    copies = []
    for n in range(10):
        copy = tmp_path / f"copy_{n}.txt"
        shutil.copy(ALL[n % len(ALL)], copy)
        copies.append(copy)
    got = list(_parsed(copies, None, True, _die_in_a_worker))
    assert [name for name, _ in got] == [p.name for p in copies]
    assert all(count > 0 for _, count in got)
