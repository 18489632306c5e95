"""Cold start of `streamlit run dashboard.py` to the first Plotly chart in headless Chromium,
then the server's memory after every page has been visited.

Chromium is launched before the clock starts (the user's browser is already open); the
clock runs from spawning `streamlit run` until a chart is visible on 总览.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [  # the flags this machine needs (no network but the package registries)
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHART = '[data-testid="stPlotlyChart"], .js-plotly-plot'
PAGES = {"": "总览", "themes": "主题", "villages": "村(社区)", "ledger": "整改台账",
         "source": "原文", "export": "导出"}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_healthy(proc: subprocess.Popen, url: str) -> None:
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)


def process_memory_mb(pid: int) -> dict[str, float]:
    """Resident memory now (VmRSS) and at its peak (VmHWM) of one process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return {"rss_mb": fields["VmRSS"], "peak_mb": fields["VmHWM"]}


def _launch(app: str, port: int, db: Path) -> subprocess.Popen:
    env = {**os.environ, "RECTIFY_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def cold_start(app: str, db: Path, visit_pages: bool = False) -> dict[str, float]:
    """Seconds from spawning `streamlit run APP` until a Plotly chart is drawn.

    With visit_pages, every dashboard page is then opened in turn and the server's memory
    read afterwards (app_rss_mb now, app_peak_mb its high-water mark).
    """
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(0)  # no wall-clock limits: this measures, it does not judge
        start = time.perf_counter()
        proc = _launch(app, port, db)
        try:
            _wait_until_healthy(proc, f"{base}/_stcore/health")
            page.goto(base)
            page.locator(CHART).first.wait_for(state="visible")
            out["cold_start_s"] = time.perf_counter() - start
            if visit_pages:
                for path, title in PAGES.items():
                    page.goto(f"{base}/{path}")
                    page.get_by_role("heading", name=title).first.wait_for()
                    page.wait_for_function(RUN_FINISHED)
                memory = process_memory_mb(proc.pid)
                out["app_rss_mb"] = memory["rss_mb"]
                out["app_peak_mb"] = memory["peak_mb"]
        finally:
            browser.close()
            proc.terminate()
            proc.wait()
    return out


# The "running" indicator is gone: the script run that drew the page has finished.
RUN_FINISHED = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
