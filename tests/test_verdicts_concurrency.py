"""Two writer processes and the loader at once lose no verdict; SIGKILL loses no committed one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from loaders import ingest_files
from loaders import verdicts as vs
from tests.conftest import BUNDLED, ROOT

PER_WRITER = 40
WRITER = """
import sys
from loaders import verdicts as vs
store, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    vs.record(store, [vs.Verdict("doc", "indicator", "二", 1, i, f"{i}处", "", "句子", "value",
                                 "1", str(i), "更正", name, vs.now(), "")])
    print(i, flush=True)
"""


def _writer(store: Path, name: str, n: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store), name, str(n)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_writers_and_a_reingest_lose_nothing(tmp_path):
    db = tmp_path / "rectify.duckdb"
    store = vs.default_store_path(db)
    ingest_files([BUNDLED], db)
    writers = [_writer(store, name, PER_WRITER) for name in ("甲", "乙")]
    ingest_files([BUNDLED], db)  # the loader swaps the DuckDB file meanwhile
    for w in writers:
        w.communicate()
        assert w.returncode == 0
    rows = vs.history(store)
    assert sorted((v.reviewer, v.after) for v in rows) == sorted(
        (name, str(i)) for name in ("甲", "乙") for i in range(PER_WRITER)
    )


def test_sigkill_mid_write_keeps_every_committed_verdict(tmp_path):
    store = tmp_path / "verdicts.sqlite"
    writer = _writer(store, "甲", 100_000)
    committed = -1
    for line in writer.stdout:  # each line is printed after its commit returned
        committed = int(line)
        if committed >= 30:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    afters = {int(v.after) for v in vs.history(store)}
    assert set(range(committed + 1)) <= afters
    vs.record(store, [vs.Verdict("doc", "item", "二", 2, 0, "题", "", "题", "status", "已完成",
                                 "推进中", "更正", "乙", vs.now(), "")])  # fmt: skip
    assert len(vs.history(store)) == len(afters) + 1
