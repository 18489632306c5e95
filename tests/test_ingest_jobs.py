"""Parse workers (`--jobs N`): the same rows however many and however started, an error in
one worker names its file and leaves the old database, and files in flight stay bounded."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import BUNDLED, FIXTURES, NOTICES, ROOT, TOWNS

from loaders import ReportError, ingest_files
from loaders.ingest import AHEAD, _parsed, _workers, default_jobs
from loaders.schema import TABLES

ALL = [BUNDLED, *NOTICES, *TOWNS]
# with the forms (.txt, .html, .docx of one notice: one doc_id, the last file's rows win)
EVERY = [*ALL, *sorted(p for p in (FIXTURES / "forms").iterdir() if p.suffix != ".csv")]
EVERY = [p for p in EVERY if p.suffix in (".txt", ".html", ".docx")]


def _rows(db: Path) -> dict[str, list[tuple]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            exclude = " EXCLUDE (ingested_at)" if table == "documents" else ""
            out[table] = conn.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()  # noqa: S608 - constants
        return out
    finally:
        conn.close()


def _copies(tmp_path: Path, n: int) -> list[Path]:
    """n files for the pool (it starts at 8), the test notices over and over under new names."""
    out = tmp_path / "in"
    out.mkdir(exist_ok=True)
    copies = []
    for k in range(n):
        copy = out / f"copy_{k:02d}.txt"
        shutil.copy(ALL[k % len(ALL)], copy)
        copies.append(copy)
    return copies


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> tuple[list[Path], dict[str, list[tuple]]]:
    """The rows of ALL parsed in the calling process: what every other way must give."""
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    ingest_files(EVERY, db, jobs=1)
    return EVERY, _rows(db)


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_workers_started_any_way_write_the_rows_of_one_process(
    method, one_process, monkeypatch, tmp_path
):
    files, expected = one_process
    assert len(files) >= 8  # enough for the pool
    monkeypatch.setenv("RECTIFY_MP_START", method)
    db = tmp_path / "w.duckdb"
    summaries = ingest_files(files, db, parallel=True, jobs=2)
    assert [s.path for s in summaries] == files  # in the order given
    assert _rows(db) == expected


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_an_error_in_one_worker_names_its_file_and_keeps_the_old_database(
    method, monkeypatch, tmp_path
):
    db = tmp_path / "db.duckdb"
    ingest_files(ALL[:2], db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    copies = _copies(tmp_path, 12)
    bad = tmp_path / "in" / "bad.txt"
    bad.write_text("会议纪要：今天天气晴。", encoding="utf-8")
    files = [*copies[:5], bad, *copies[5:]]  # in the middle: workers are busy on both sides
    monkeypatch.setenv("RECTIFY_MP_START", method)
    with pytest.raises(ReportError) as caught:
        ingest_files(files, db, parallel=True, jobs=2)
    assert caught.value.path == str(bad)
    assert "没有找到通报结构" in caught.value.reason
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".db.duckdb.tmp-*"))


def _mark_parsed(path: Path, report) -> str:
    """A finish step, in the worker: leave a mark that this file has been parsed."""
    marks = path.parent.parent / "marks"
    # written beside and moved in whole: the caller, reading the marks while workers run,
    # must never see a mark that exists but is still empty
    draft = path.parent / f".{path.name}.{os.getpid()}.mark"
    draft.write_text(str(os.getpid()))
    os.replace(draft, marks / path.name)
    return path.name


def test_files_parsed_ahead_of_the_writer_are_bounded(tmp_path):
    """However many files, workers run at most AHEAD per worker ahead of what the caller
    has taken, so a call's memory does not grow with its file count."""
    copies = _copies(tmp_path, 40)
    marks = tmp_path / "marks"
    marks.mkdir()
    jobs = 2
    taken = 0
    pids = set()
    for name in _parsed(copies, None, jobs, _mark_parsed):
        taken += 1
        assert name == copies[taken - 1].name
        parsed = list(marks.iterdir())
        assert len(parsed) <= taken + jobs * AHEAD
        pids.update(p.read_text() for p in parsed)
    assert taken == len(copies)
    assert str(os.getpid()) not in pids and len(pids) <= jobs


def test_jobs_one_or_a_short_call_parses_in_the_calling_process(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    for workers, n in ((_workers(True, 1), 10), (_workers(True, 2), 3)):
        for p in marks.iterdir():
            p.unlink()
        assert len(list(_parsed(_copies(tmp_path, n), None, workers, _mark_parsed))) == n
        assert {p.read_text() for p in marks.iterdir()} == {str(os.getpid())}


def test_jobs_default_to_the_cores_and_refuse_less_than_one():
    assert _workers(True, None) == (default_jobs() if default_jobs() >= 2 else 0)
    assert _workers(False, None) == 0
    assert _workers(False, 3) == 3
    with pytest.raises(ValueError):
        _workers(True, 0)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_cli_jobs_gives_the_same_lines_and_rows(tmp_path):
    files = [str(p) for p in _copies(tmp_path, 10)]
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    single = _cli(*files, "--db", str(one), "--jobs", "1")
    double = _cli(*files, "--db", str(two), "--jobs", "2")
    assert single.returncode == double.returncode == 0, single.stderr + double.stderr
    assert single.stdout.splitlines() == double.stdout.splitlines()
    assert len(single.stdout.splitlines()) == len(files)
    assert _rows(one) == _rows(two)


@pytest.mark.parametrize("value", ["0", "-2", "两"])
def test_cli_refuses_jobs_that_are_not_a_positive_number(value, tmp_path):
    result = _cli(str(BUNDLED), "--db", str(tmp_path / "x.duckdb"), "--jobs", value)
    assert result.returncode == 2
    assert "--jobs 须为正整数" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_cli_error_in_a_worker_is_one_chinese_line(tmp_path):
    db = tmp_path / "db.duckdb"
    files = [str(p) for p in _copies(tmp_path, 9)]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    result = _cli(*files[:4], str(bad), *files[4:], "--db", str(db), "--jobs", "2")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: "), result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])  # the reason is in Chinese
    assert not db.exists()


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_of_a_killed_ingest_end_and_free_the_writer_lock(tmp_path):
    """kill -9 of the CLI: its workers must not live on holding the writer lock they
    inherited, or the next ingest of that database waits for ever."""
    import fcntl
    import signal
    import time

    workers: set[int] = set()
    copies = _copies(tmp_path, 60)
    db = tmp_path / "k.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECTIFY_MP_START": "fork"}
    cli = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loaders",
            "ingest",
            *map(str, copies),
            "--db",
            str(db),
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # until the pool has started (or the CLI ended first)
            workers = _children(cli.pid)
            if len(workers) >= 2 or cli.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the pool never started"
        cli.send_signal(signal.SIGKILL)
        cli.wait()
        for _ in range(600):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
        with open(db.with_name(db.name + ".lock"), "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: raises if still held
            fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        if cli.poll() is None:
            cli.kill()
        for pid in workers:  # a failing run leaves no orphans behind
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
