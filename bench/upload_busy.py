"""Does one admin's upload slow everyone else down? `python -m bench.upload_busy [--copies K]`

One real server on the bundled report. A leader's session (a websocket client speaking
Streamlit's protocol, bench.sessions) changes the 村(社区) filter on 总览 again and again:
first with nothing else happening, then while an admin, in headless Chromium, signs in,
uploads a large notice on 导入 and waits for it to be imported. The upload is parsed in a
child process (loaders.sandbox) and written by the server; the leader's rerun times during
that upload against the idle ones say whether the dashboard stays responsive.

The large notice is the bundled report written K times over (K=40: about 1.3 million characters, 3.9 MB,
~7700 figures), so parsing it is real work of the loader, not a synthetic loop.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port
from bench.sessions import Session
from ui.passwords import hash_password

BUNDLED = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"
PASSWORD = "bench-upload-pw"


def _serve(db: Path, secrets: Path, work: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = (work / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--secrets.files", str(secrets)],
        cwd=ROOT, env={**os.environ, "RECTIFY_DB": str(db)}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    import urllib.request

    while True:
        if proc.poll() is not None:
            raise RuntimeError((work / "server.log").read_text())
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=5):
                return proc, base
        except OSError:
            time.sleep(0.2)


def _upload(base: str, notice: Path, marks: dict) -> None:
    """In its own thread: sign in as admin, upload `notice` on 导入, wait until imported."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(base + "/", wait_until="networkidle")
        page.get_by_role("button", name="登录").first.click()
        page.get_by_label("账号").fill("admin")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").last.click()
        page.get_by_text("已登录").wait_for(timeout=60_000)
        # a new URL would be a new session (signed out): follow the sidebar's link instead
        page.get_by_role("link", name="导入").click()
        page.locator('input[type="file"]').set_input_files(str(notice))
        go = page.get_by_role("button", name="导入", exact=True)
        page.wait_for_function("b => !b.disabled", arg=go.element_handle(), timeout=60_000)
        marks["start"] = time.perf_counter()
        go.click()
        page.get_by_text("已导入，可在左侧").or_(page.get_by_text("无法导入")).first.wait_for(
            timeout=600_000
        )
        marks["end"] = time.perf_counter()
        marks["outcome"] = page.locator('[data-testid="stAlert"]').first.inner_text()
        browser.close()


async def _leader(base: str, idle_reruns: int, marks: dict, started: threading.Event) -> dict:
    session = Session(base)
    await session.open()
    idle, busy = [], []
    try:
        villages = session.villages
        for n in range(idle_reruns):
            idle.append(await session.rerun([villages[n % len(villages)]] if n % 2 == 0 else []))
        started.set()
        n = 0
        while "end" not in marks:
            t = await session.rerun([villages[n % len(villages)]] if n % 2 == 0 else [])
            if "start" in marks and "end" not in marks:
                busy.append(t)
            n += 1
    finally:
        await session.close()
    return {"idle": idle, "busy": busy}


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[int(q * (len(values) - 1))] * 1000 if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--idle", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        work = Path(tmp)
        db = work / "rectify.duckdb"
        subprocess.run(
            [sys.executable, "-m", "loaders", "ingest", str(BUNDLED), "--db", str(db)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        notice = work / "large_notice.txt"
        notice.write_text("\n".join([BUNDLED.read_text(encoding="utf-8")] * args.copies))
        secrets = work / "secrets.toml"
        secrets.write_text(
            f'[accounts.admin]\nrole = "admin"\npassword_hash = "{hash_password(PASSWORD)}"\n'
        )
        proc, base = _serve(db, secrets, work)
        try:
            marks: dict = {}
            started = threading.Event()

            def upload_when_idle_done() -> None:
                started.wait()
                try:
                    _upload(base, notice, marks)
                finally:
                    marks.setdefault("end", time.perf_counter())

            uploader = threading.Thread(target=upload_when_idle_done)
            uploader.start()
            times = asyncio.run(_leader(base, args.idle, marks, started))
            uploader.join()
        finally:
            proc.terminate()
            proc.wait()
    notice_size = len("\n".join([BUNDLED.read_text(encoding="utf-8")] * args.copies))
    print(f"large notice: {args.copies} copies of the bundled report, {notice_size:,} characters")
    print(f"upload outcome: {marks.get('outcome', '?')[:60]!r}")
    print(f"upload took {marks.get('end', 0) - marks.get('start', 0):.1f} s (click → 已导入)")
    print("| leader's rerun (村(社区) change on 总览) | n | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for name in ("idle", "busy"):
        t = times[name]
        label = "nothing else happening" if name == "idle" else "while the upload is imported"
        print(
            f"| {label} | {len(t)} | {_p(t, 0.5):.0f} | {_p(t, 0.95):.0f} | "
            f"{(max(t) * 1000 if t else float('nan')):.0f} |"
        )
    if times["idle"] and times["busy"]:
        ratio = statistics.median(times["busy"]) / statistics.median(times["idle"])
        print(f"p50 during / idle: {ratio:.2f}×")


if __name__ == "__main__":
    main()
