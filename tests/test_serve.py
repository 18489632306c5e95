"""`python -m ui.serve --workers 2`: two Streamlit workers behind HAProxy, in a real Chromium.

The session's websocket, a rerun and a download all go through the proxy (the download
is served by the worker that holds the session: the stickiness cookie); SIGTERM stops
HAProxy and both workers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from board_db import ROOT, report_db  # noqa: F401  (session fixture)

from bench.browser import CHROMIUM, CHROMIUM_ARGS, free_port
from tests.servers import wait_until_healthy
from ui.serve import COOKIE, HAPROXY

pytestmark = pytest.mark.browser
HANG_GUARD_MS = 300_000  # not a speed check: a broken proxy fails instead of hanging CI


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.fixture
def served(report_db, tmp_path):  # noqa: F811
    if not Path(HAPROXY).exists():
        if os.environ.get("CI"):
            pytest.fail("HAProxy is missing (apt-get install haproxy)")
        pytest.skip("HAProxy not installed (CI would fail here)")
    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--port", str(port), "--address", "127.0.0.1",
             "--workers", "2"],
            cwd=ROOT, env={**os.environ, "RECTIFY_DB": str(db)}, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_healthy(proc, f"http://127.0.0.1:{port}/_stcore/health", log)
        yield {"base": f"http://127.0.0.1:{port}", "proc": proc, "log": log}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_session_through_the_proxy_then_a_clean_shutdown(served, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed")
    from playwright.sync_api import sync_playwright

    proc = served["proc"]
    children = _children(proc.pid)
    assert len(children) == 3  # HAProxy and two workers

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(HANG_GUARD_MS)
            page.goto(served["base"])
            page.get_by_role("heading", name="总览").wait_for()  # drawn over the websocket
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            assert cookies[COOKIE] in ("w0", "w1")

            # a rerun: choose a village; the URL records it once the run is done
            select = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
            select = select.filter(has_text="村(社区)")
            select.locator("input").click()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            page.wait_for_function("() => location.search.includes('village=')")

            # a download: a media file only the session's own worker holds (总览 keeps its
            # figure table and downloads in a collapsed expander)
            page.get_by_text("全部指标", exact=False).first.click()
            with page.expect_download() as info:
                page.get_by_role("button", name="下载 CSV").first.click()
            saved = tmp_path / "download.csv"
            info.value.save_as(saved)
            text = saved.read_bytes().decode("utf-8-sig")
            assert text.startswith("指标编号,")  # the table's CSV, not an error page
        finally:
            browser.close()

    proc.send_signal(signal.SIGTERM)
    assert proc.wait() == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in children)
