"""Concurrent leaders against `streamlit run dashboard.py` and against `python -m ui.serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.browser import ROOT, _wait_until_healthy, free_port
from bench.sessions import concurrent_reruns


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _server(kind: str, port: int, env: dict, streamlit_args: list[str]) -> subprocess.Popen:
    if kind == "serve":
        args = [sys.executable, "-m", "ui.serve", "--port", str(port), "--address", "127.0.0.1",
                "--workers", str(os.cpu_count() or 1), "--", *streamlit_args]  # fmt: skip
    else:
        args = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless",
                "true", "--server.port", str(port), "--server.address", "127.0.0.1",
                *streamlit_args]  # fmt: skip
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def concurrency(
    db: Path, counts: list[int], reruns: int, kind: str, streamlit_args: list[str] | None = None
) -> list[dict]:
    """One row per session count: reruns/s, p50/p95 ms, servers' CPU % and RSS MB."""
    env = {**os.environ, "RECTIFY_DB": str(db)}
    port = free_port()
    proc = _server(kind, port, env, streamlit_args or [])
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(proc, f"{base}/_stcore/health")
        pids = [proc.pid] if kind == "run" else _descendants(proc.pid)
        concurrent_reruns(base, 2, 4, pids)  # warm: first runs, caches, every worker
        return [concurrent_reruns(base, n, reruns, pids) for n in counts]
    finally:
        proc.terminate()
        proc.wait()
