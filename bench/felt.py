"""What a leader waits for, in headless Chromium, beside the bare page (bench/bare_page.py).

Each action is timed in the page itself: from the user's input (the pointerdown or the
key press, caught in the capture phase; a first load from navigation start) until the
app's script run has finished (`stApp`'s data-test-script-state went to running and back
to notRunning) and the next frame is painted (polled on requestAnimationFrame); a first
load also waits for a Plotly chart on the page to be drawn. The dashboard and the bare app run
side by side, one server each, and their actions are interleaved: dashboard, bare,
dashboard, bare… so both see the same machine load.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port

STUCK_MS = 60_000
# Recorded in every document: input times and the app's script-state transitions.
INIT_SCRIPT = """
window.__bench = {inputs: [], states: [], msgs: []};
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new NativeWebSocket(...args);
  ws.addEventListener('message', () => __bench.msgs.push(performance.now()));
  return ws;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
const note = () => __bench.inputs.push(performance.now());
document.addEventListener('pointerdown', note, true);
document.addEventListener('keydown', e => {
  if (e.key === 'Enter' || e.key === 'Backspace') note();
}, true);
const watch = () => {
  new MutationObserver(records => {
    for (const r of records) {
      __bench.states.push([r.target.getAttribute('data-test-script-state'), performance.now()]);
    }
  }).observe(document.documentElement,
             {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
};
if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
"""
# After an input: the time of the last message the server sent for it, once the app is idle
# (not running, nothing received for QUIET ms). A fast run may never show as "running".
REPLIED = """([mark, quiet]) => {
  const msgs = window.__bench.msgs.filter(t => t >= mark);
  if (!msgs.length) return false;
  const last = msgs[msgs.length - 1];
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  const idle = state && state !== 'running' && state !== 'rerunRequested';
  return idle && performance.now() - last > quiet ? last : false;
}"""
QUIET_MS = 400
# A first load: the first run finished and any Plotly chart on it drawn (polled every frame).
FINISHED = """([mark, chart]) => {
  const s = window.__bench.states;
  let ran = false, done = false;
  for (const [state, t] of s) {
    if (t < mark) continue;
    if (state === 'running') ran = true;
    else if (ran && state === 'notRunning') done = true;
  }
  const app = document.querySelector('[data-testid="stApp"]');
  done = done && app && app.getAttribute('data-test-script-state') === 'notRunning';
  // a chart on the page must be drawn (the dashboard's first page may hold none)
  const plot = document.querySelector('[data-testid="stPlotlyChart"]');
  if (done && chart && plot) done = !!plot.querySelector('.main-svg');
  return done ? performance.now() : false;
}"""


def _launch(app: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


class Tab:
    """One browser tab on one app, with the timing hooks installed."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.add_init_script(INIT_SCRIPT)
        self.page = self.context.new_page()
        # No limit on a run's time (this measures); an action whose run never starts (a
        # widget the page no longer shows) fails after STUCK_MS instead of hanging the bench.
        self.page.set_default_timeout(STUCK_MS)
        self.base = base

    def mark(self) -> float:
        return self.page.evaluate("performance.now()")

    def wait_finished(self, mark: float) -> float:
        """ms from the first input after mark to the last message of the run it caused."""
        end = self.page.wait_for_function(REPLIED, arg=[mark, QUIET_MS], polling=50)
        inputs = [t for t in self.page.evaluate("__bench.inputs") if t >= mark]
        return end.json_value() - (inputs[0] if inputs else mark)

    def first_load(self, path: str = "") -> float:
        """ms from navigation start until the first run finished and a chart is drawn."""
        self.page.goto(f"{self.base}/{path}")
        end = self.page.wait_for_function(FINISHED, arg=[0.0, True], polling="raf")
        return end.json_value()

    def close(self) -> None:
        self.context.close()


def _nav(tab: Tab, title: str) -> float:
    mark = tab.mark()
    tab.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    ms = tab.wait_finished(mark)
    tab.page.get_by_role("heading", name=title).first.wait_for()
    return ms


def _select_next(tab: Tab, scope: str) -> float:
    """Choose the next option of the first selectbox in scope (stMain)."""
    box = tab.page.get_by_test_id(scope).get_by_test_id("stSelectbox").first
    box.click()
    mark = tab.mark()
    tab.page.keyboard.press("ArrowDown")
    tab.page.keyboard.press("Enter")
    return tab.wait_finished(mark)


def _village(tab: Tab, village: str | None) -> float:
    select = tab.page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    select = select.filter(has_text="村(社区)").locator("input")
    select.click()
    if village is not None:
        select.fill(village)
    mark = tab.mark()
    tab.page.keyboard.press("Enter" if village is not None else "Backspace")
    ms = tab.wait_finished(mark)
    tab.page.keyboard.press("Escape")
    return ms


ACTIONS = [
    "first load of 总览, new session",
    "switch to 总览",
    "switch to 主题",
    "总览: add a village",
    "总览: clear the village",
    "主题: next theme",
]


def browser_felt(db: Path, villages: list[str], reps: int, extra_env: dict | None = None) -> dict:
    """Median and p90 ms of each action, dashboard and bare page, interleaved."""
    import os

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "RECTIFY_DB": str(db), **(extra_env or {})}
    dash_port, bare_port = free_port(), free_port()
    servers = [
        _launch("dashboard.py", dash_port, env),
        _launch("bench/bare_page.py", bare_port, env),
    ]
    times: dict[str, dict[str, list[float]]] = {a: {"dash": [], "bare": []} for a in ACTIONS}
    stuck: list[str] = []
    try:
        from bench.browser import _wait_until_healthy

        for proc, port in zip(servers, (dash_port, bare_port), strict=True):
            _wait_until_healthy(proc, f"http://127.0.0.1:{port}/_stcore/health")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            dash_base, bare_base = f"http://127.0.0.1:{dash_port}", f"http://127.0.0.1:{bare_port}"
            # warm both servers (first script run, Plotly bundle in the disk cache)
            for base in (dash_base, bare_base):
                warm = Tab(browser, base)
                warm.first_load()
                warm.close()
            for rep in range(reps):
                for app, base in (("dash", dash_base), ("bare", bare_base)):
                    tab = Tab(browser, base)
                    times[ACTIONS[0]][app].append(tab.first_load())
                    tab.close()
                dash, bare = Tab(browser, dash_base), Tab(browser, bare_base)
                dash.first_load()
                bare.first_load()
                village = villages[rep % len(villages)] if villages else None
                steps = [  # (action, dashboard step, bare step): a step is (function, *args)
                    (ACTIONS[2], (_nav, "主题"), (_nav, "基准二")),
                    (ACTIONS[5], (_select_next, "stMain"), (_select_next, "stMain")),
                    (ACTIONS[1], (_nav, "总览"), (_nav, "基准一")),
                    (ACTIONS[3], (_village, village), (_select_next, "stMain")),
                    (ACTIONS[4], (_village, None), (_select_next, "stMain")),
                ]
                for action, (on_dash, *dash_args), (on_bare, *bare_args) in steps:
                    if village is None and action in (ACTIONS[3], ACTIONS[4]):
                        continue
                    try:
                        pair = on_dash(dash, *dash_args), on_bare(bare, *bare_args)
                    except PlaywrightError as exc:  # written down, not hidden: see "stuck"
                        stuck.append(f"{action} (rep {rep + 1}): {str(exc).splitlines()[0]}")
                        break  # the tabs are in an unknown state: next repetition
                    times[action]["dash"].append(pair[0])
                    times[action]["bare"].append(pair[1])
                dash.close()
                bare.close()
            browser.close()
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait()
    out = {action: _summary(t) for action, t in times.items() if t["dash"]}
    if stuck:
        out["stuck"] = stuck
    return out


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def _summary(t: dict[str, list[float]]) -> dict[str, float]:
    dash, bare = statistics.median(t["dash"]), statistics.median(t["bare"])
    return {
        "dash_median_ms": dash,
        "dash_p90_ms": _p90(t["dash"]),
        "bare_median_ms": bare,
        "bare_p90_ms": _p90(t["bare"]),
        "ratio": dash / bare,
        "runs": len(t["dash"]),
    }
