"""A notice full of payloads through every page in a real headless Chromium: no request
leaves 127.0.0.1, no link, image, icon, maths or markup from the report is rendered, and
the report's words are shown as they are written."""

from __future__ import annotations

import os
from urllib.parse import urlencode, urlsplit

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from board import queries
from board.db import connect
from board.filters import Filters
from loaders import ingest_files
from tests.payloads import BEACON, LITERALS, write_payload_notice
from tests.servers import dashboard_server
from tests.test_browser_journey import HANG_GUARD_MS

pytestmark = pytest.mark.browser
ITEM = "二-1"
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'

RENDERED_PAYLOADS = f"""
() => {{
  const bad = [];
  for (const el of document.querySelectorAll('a[href], img[src], [srcset]')) {{
    const url = el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('srcset');
    if (url.includes('{BEACON}') || url.startsWith('mailto:')) bad.push(el.outerHTML);
  }}
  for (const el of document.querySelectorAll('.katex, .js-plotly-plot a')) bad.push(el.outerHTML);
  return bad;
}}
"""


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("payload_browser")
    db = work / "rectify.duckdb"
    ingest_files([write_payload_notice(work)], db)
    conn = connect(db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    figures = queries.indicators(conn, Filters(doc_id=doc_id, items=(ITEM,)))
    red = figures[figures["sentence"].str.contains(":red[", regex=False)]
    rtl = red.iloc[0] if len(red) else figures.iloc[0]
    bold = figures[figures["sentence"].str.contains("<b>", regex=False)].iloc[0]
    conn.close()
    with dashboard_server(db, work) as base:
        yield {"base": base, "doc": doc_id, "sentence": int(rtl["sentence_at"]),
               "bold_theme": bold["theme"], "bold_metric": bold["metric"]}  # fmt: skip


@pytest.fixture(scope="module")
def page(payload_server):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium not installed (CI would fail here)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 1200})
        tab = context.new_page()
        tab.set_default_timeout(HANG_GUARD_MS)
        tab.requests = []
        tab.on("request", lambda request: tab.requests.append(request.url))
        yield tab
        chromium.close()


PAGES = {
    "": ("总览", {}),
    "themes": ("主题", {}),
    "villages": ("村(社区)", {}),
    "ledger": ("整改台账", {}),
    "source": ("原文", {"sentence": True}),
    "export": ("导出", {}),
}


def _visit(page, server, path: str, title: str, sentence: bool, **extra: str) -> str:
    params = {"doc": server["doc"], "item": ITEM, **extra}
    if sentence:
        params["sentence"] = server["sentence"]
    page.goto(f"{server['base']}/{path}?{urlencode(params)}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for()
    page.wait_for_selector(SETTLED)
    # charts draw after the script run ends; wait until each has its SVG
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
        ".every(c => c.querySelector('.main-svg'))"
    )
    return page.evaluate("() => document.body.innerText").replace("\u2060", "")


@pytest.mark.parametrize("path", PAGES)
def test_payloads_stay_text_on_every_page(path, payload_server, page):
    title, setup = PAGES[path]
    page.requests.clear()
    text = _visit(page, payload_server, path, title, bool(setup.get("sentence")))
    outside = [u for u in page.requests if urlsplit(u).hostname not in ("127.0.0.1", None)]
    assert not outside, outside
    assert not page.evaluate(RENDERED_PAYLOADS)
    assert "\u202e" not in text and "\u202c" not in text
    assert "Traceback" not in text and "暂时无法显示" not in text
    if path in ("", "source"):  # the title, shown as written
        assert f"![](http://{BEACON}/title.png)" in text
    if path == "source":  # the whole text, opened: every payload shows literally
        page.get_by_text("通报全文（数字已高亮）").click()
        page.get_by_text("五是#标题").first.wait_for()
        assert not page.evaluate(RENDERED_PAYLOADS)
        text = page.evaluate("() => document.body.innerText").replace("\u2060", "")
        for literal in LITERALS:
            assert literal in text, literal


def test_plotly_tick_labels_show_tags_as_text(payload_server, page):
    # 整改台账's statuses-by-topic chart: the notice's topic headings are its tick labels
    # (主题 no longer draws every figure on one axis, so it may have no category axis).
    _visit(page, payload_server, "ledger", "整改台账", False)
    # Plotly lays out tick labels after its SVG exists: wait for them, not for a fixed time
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .ytick text').length")
    ticks = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .ytick text')].map(t => t.textContent)"
    )
    assert ticks  # the chart is drawn with report text on its axis
    bold = "() => document.querySelectorAll('.js-plotly-plot .ytick tspan[style*=\"bold\"]').length"
    assert not page.evaluate(bold)
    assert not page.evaluate(RENDERED_PAYLOADS)


@pytest.fixture(scope="module")
def two_notice_server(tmp_path_factory):
    """The payload notice and a later round of it (one more sentence), a reviewer by a
    trusted proxy header: what 对比 and 核实 show of hostile text."""
    from board.compare import choice_labels
    from tests.test_auth import SERVER_SECRETS, served_with

    work = tmp_path_factory.mktemp("payload_pages")
    first = write_payload_notice(work)
    later = work / "later.txt"
    text = first.read_text(encoding="utf-8")
    # published four months later (a notice is its title and date), one more sentence
    text = text.replace("2025-05-06", "2025-09-06").replace("2025年5月6日", "2025年9月6日")
    cut = text.index("。") + 1
    later.write_text(text[:cut] + "另新增学习台账3本。" + text[cut:], "utf-8")
    db = work / "rectify.duckdb"
    ingest_files([first, later], db)
    conn = connect(db)
    labels = list(choice_labels(queries.documents(conn)))
    assert len(labels) == 2
    conn.close()
    args = served_with(work, SERVER_SECRETS.format(trusted='"127.0.0.1"'))
    with dashboard_server(db, work, args, env={"FORWARDED_ALLOW_IPS": ""}) as base:
        yield {"base": base, "labels": labels}


@pytest.mark.parametrize(("path", "title"), [("compare", "对比"), ("review", "核实")])
def test_payloads_stay_text_on_compare_and_review(path, title, two_notice_server, page):
    server = two_notice_server
    query = urlencode([("notices", label) for label in server["labels"]])
    # the module's browser (one Playwright per thread); the trusted proxy's header on every
    # request makes this context a reviewer (zhao) without a sign-in form
    context = page.context.browser.new_context(
        viewport={"width": 1400, "height": 1200}, extra_http_headers={"X-Forwarded-User": "zhao"}
    )
    try:
        tab = context.new_page()
        tab.set_default_timeout(HANG_GUARD_MS)
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(f"{server['base']}/{path}?{query}")
        tab.get_by_role("heading", name=title, exact=True).first.wait_for()
        tab.wait_for_selector(SETTLED)
        text = tab.evaluate("() => document.body.innerText").replace("\u2060", "")
        assert "已登录：zhao" in text
        outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None)]
        assert not outside, outside
        assert not tab.evaluate(RENDERED_PAYLOADS)
        assert "\u202e" not in text and "\u202c" not in text
        assert "Traceback" not in text and "暂时无法显示" not in text
        if path == "compare":  # both rounds compared, item titles shown as written
            assert "不再列出" in text or "未变" in text or "状态变化" in text, text[:400]
    finally:
        context.close()
