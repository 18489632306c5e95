"""Ingest while the app serves: reader threads never fail and see each new report."""

from __future__ import annotations

import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest

from board import queries
from board.db import LiveDatabase
from board.filters import Filters
from tests.conftest import BUNDLED, NOTICES, ROOT

INGESTS = 20
READERS = 4
PAUSE = 0.25  # seconds between a reader's rounds (pacing only, never asserted)
SOURCES = [*NOTICES, BUNDLED]


def renamed_copy(source: Path, batch: int, directory: Path) -> Path:
    """The notice with its title marked 第N批, so every ingest adds a new document."""
    lines = source.read_text(encoding="utf-8-sig").split("\n")
    title_at = next(i for i, line in enumerate(lines) if "通报" in line)
    lines[title_at] = f"第{batch}批" + lines[title_at].strip()
    path = directory / f"batch_{batch:02d}_{source.name}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def cli_ingest(path: Path, db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", str(path), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def read_everything(conn, doc_id: str) -> int:
    """What the pages ask for one report; checks it is one consistent file version."""
    filters = Filters(doc_id=doc_id)
    figures = queries.indicators(conn, filters)
    options = queries.filter_options(conn, doc_id)
    queries.item_options(conn, doc_id)
    queries.theme_counts(conn, filters)
    queries.headline_figures(conn, filters, "拆违清拆")
    queries.item_status_counts(conn, filters)
    queries.progress(conn, filters)
    queries.ledger(conn, filters)
    queries.measures(conn, filters)
    queries.village_theme_matrix(conn, filters)
    queries.figure_spans(conn, doc_id)
    if options["villages"]:
        queries.village_mentions(conn, Filters(doc_id=doc_id, villages=(options["villages"][0],)))
    assert queries.document(conn, doc_id)["text"], "a listed report has its text"
    assert queries.document_meta(conn, doc_id)["doc_id"] == doc_id
    return len(figures)


class Reader(threading.Thread):
    """One Streamlit session: runs the app's queries in a loop through the shared database."""

    def __init__(self, live: LiveDatabase, done: threading.Event) -> None:
        super().__init__(daemon=True)
        self.live, self.done = live, done
        self.errors: list[str] = []
        self.rounds = 0
        self.counts_seen: set[int] = set()
        self.final_titles: set[str] | None = None

    def run(self) -> None:
        while not self.errors:
            final = self.done.is_set()  # set only after the last ingest has exited
            try:
                conn = self.live.connection()
                docs = queries.documents(conn)
                self.counts_seen.add(len(docs))
                newest = docs.sort_values("ingested_at").iloc[-1]
                rotating = docs.iloc[self.rounds % len(docs)]
                for row in (newest, rotating):
                    assert read_everything(conn, row["doc_id"]) == row["n_indicators"] > 0
            except BaseException:  # noqa: BLE001 - every failure is the finding
                self.errors.append(traceback.format_exc())
                return
            self.rounds += 1
            if final:
                self.final_titles = set(docs["title"])
                return
            self.done.wait(PAUSE)  # sessions pause between reruns; leave the loader a core


@pytest.fixture
def live_db(tmp_path) -> tuple[Path, LiveDatabase]:
    db = tmp_path / "live" / "rectify.duckdb"
    db.parent.mkdir()
    cli_ingest(SOURCES[0], db)
    return db, LiveDatabase(db)


def test_readers_never_fail_while_the_loader_ingests_20_times(live_db, tmp_path):
    db, live = live_db
    done = threading.Event()
    readers = [Reader(live, done) for _ in range(READERS)]
    for reader in readers:
        reader.start()
    titles: list[str] = []
    for batch in range(1, INGESTS + 1):
        source = renamed_copy(SOURCES[batch % len(SOURCES)], batch, tmp_path)
        cli_ingest(source, db)
        # The app's own path (signature changed -> reopen) shows the new report at once.
        docs = queries.documents(live.connection())
        title = next(t for t in docs["title"] if t.startswith(f"第{batch}批"))
        titles.append(title)
        assert len(docs) == batch + 1
    done.set()
    for reader in readers:
        reader.join()

    assert [r.errors for r in readers] == [[]] * READERS, "\n".join(
        sum((r.errors for r in readers), [])
    )
    for reader in readers:
        assert reader.rounds > 0
        # The first round that began after the last ingest saw every report.
        assert reader.final_titles is not None and set(titles) <= reader.final_titles
        assert len(reader.final_titles) == INGESTS + 1


def test_replaced_file_is_reopened_and_a_missing_file_is_reported(live_db, tmp_path):
    from board.db import DatabaseUnavailable

    db, live = live_db
    first = live.connection()
    assert live.connection() is first  # unchanged file: the same connection
    cli_ingest(renamed_copy(SOURCES[1], 1, tmp_path), db)
    second = live.connection()
    assert second is not first and len(queries.documents(second)) == 2
    assert len(queries.documents(first)) == 1  # an old reader keeps its own snapshot
    db.unlink()
    with pytest.raises(DatabaseUnavailable, match="数据库文件不存在"):
        live.connection()
