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
