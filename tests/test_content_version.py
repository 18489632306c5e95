"""The read side's cache key follows the rows, not the file: a rewrite with the same rows
keeps every cached query; any changed row gives a new key."""

from __future__ import annotations

from conftest import NOTICES

from board.db import file_signature
from loaders import ingest_files
from ui.database import connection_and_version


def test_cache_key_survives_a_rewrite_that_changed_no_row(tmp_path, monkeypatch):
    db = tmp_path / "rectify.duckdb"
    monkeypatch.setenv("RECTIFY_DB", str(db))
    ingest_files(NOTICES[:2], db)
    first_file = file_signature(db)
    _, first = connection_and_version()

    ingest_files(NOTICES[:2], db)  # the same notices again: a new file, the same rows
    assert file_signature(db) != first_file
    _, again = connection_and_version()
    assert again == first

    ingest_files(NOTICES[2:3], db)  # one more notice: rows changed
    _, changed = connection_and_version()
    assert changed != first
