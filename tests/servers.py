"""The one recipe the browser tests use to run the dashboard as a real server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.browser import free_port
from tests.conftest import ROOT


def wait_until_healthy(proc: subprocess.Popen, url: str, log: Path) -> None:
    """Poll a health endpoint until it answers; fail if the process exits first."""
    while True:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)


@contextmanager
def dashboard_server(
    db: Path, work: Path, args: Sequence[str] = (), env: dict[str, str] | None = None
) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free port, pointed at db; yields its base URL.

    `args`: more `streamlit run` options, e.g. `["--secrets.files", PATH]`; `env`: more
    environment (e.g. FORWARDED_ALLOW_IPS, as a deployment behind a proxy sets it)."""
    port = free_port()
    log = work / "streamlit.log"
    env = {**os.environ, "RECTIFY_DB": str(db), **(env or {})}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(proc, f"{base}/_stcore/health", log)
        yield base
    finally:
        proc.terminate()
        proc.wait()
