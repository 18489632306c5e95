"""SIGKILL the loader mid-ingest: the database is the old one, and the next ingest succeeds."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bench.corpus import generate
from tests.conftest import BUNDLED, ROOT


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def start_ingest(files: list[Path], db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "loaders", "ingest", *map(str, files), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its parse workers die with it
    )


def documents(db: Path) -> set[str]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in conn.execute("SELECT doc_id FROM documents").fetchall()}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return generate(80, tmp_path_factory.mktemp("corpus"), seed=11)


@pytest.mark.parametrize("delay", [0.2, 0.6, 1.0, 1.5, 2.2])
def test_sigkill_leaves_the_old_database(delay, corpus, tmp_path):
    db = tmp_path / "rectify.duckdb"
    assert (
        subprocess.run(
            [sys.executable, "-m", "loaders", "ingest", str(BUNDLED), "--db", str(db)], cwd=ROOT
        ).returncode
        == 0
    )
    old_digest, old_docs = digest(db), documents(db)

    proc = start_ingest(corpus, db)
    time.sleep(delay)
    finished = proc.poll() is not None
    if not finished:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    if digest(db) != old_digest:
        # the kill came after the atomic swap: then the new database is complete
        assert finished or len(documents(db)) == len(old_docs) + len(corpus)
    else:
        assert documents(db) == old_docs
    retry = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", *map(str, corpus[:3]), "--db", str(db)],
        cwd=ROOT,
    )
    assert retry.returncode == 0
    assert not list(tmp_path.glob(".rectify.duckdb.tmp-*"))
