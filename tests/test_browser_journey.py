"""One leader's journey in a real headless Chromium against `streamlit run dashboard.py`.

Screenshots land in tests/artifacts/ (git-ignored). Produce them with:
    python -m pytest -q tests/test_browser_journey.py
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from board_db import ROOT, report_db  # noqa: F401  (session fixture)

from bench.browser import CHROMIUM, CHROMIUM_ARGS  # one launch recipe for both
from board import queries
from board.db import connect
from board.filters import Filters
from tests.servers import dashboard_server

ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.browser
# Not a speed check: only so that a broken page fails the test instead of hanging CI.
HANG_GUARD_MS = 300_000


@pytest.fixture(scope="module")
def server(report_db, tmp_path_factory):  # noqa: F811
    """A streamlit server on a free port, pointed at a copy of the test database."""
    work = tmp_path_factory.mktemp("browser")
    db = work / "rectify.duckdb"
    shutil.copy(report_db, db)
    with dashboard_server(db, work) as base:
        yield {"base": base, "db": db}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium not installed (CI would fail here)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


THEME_CHART_BARS = """
() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')]
    .find(p => p.layout && p.layout.title && p.layout.title.text.includes('各主题指标数'));
  if (!plot || !plot.data || !plot.data.length) return null;
  return plot.data[0].x.reduce((a, b) => a + b, 0);
}
"""


def _theme_bars(page) -> int:
    page.wait_for_function(THEME_CHART_BARS, timeout=HANG_GUARD_MS)
    return page.evaluate(THEME_CHART_BARS)


def test_overview_village_filter_and_csv_download(server, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    conn = connect(server["db"])
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    counts = (
        queries.indicators(conn, Filters(doc_id=doc_id))
        .explode("villages")["villages"]
        .value_counts()
    )
    village, expected_rows = counts.index[0], int(counts.iloc[0])
    village_rows = queries.indicators(conn, Filters(doc_id=doc_id, villages=(village,)))
    expected_ids = village_rows["indicator_id"].tolist()
    first_link = village_rows["link"].iloc[0]
    conn.close()

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)

    # 1. 总览 opens with the headline tiles and the theme chart.
    page.goto(server["base"])
    page.get_by_role("heading", name="总览").wait_for()
    page.get_by_role("heading", name="拆违清拆").wait_for()
    # The status strip is on the first screen, before any headline figure.
    strip = page.get_by_text("项整改事项").first
    strip.wait_for()
    assert strip.bounding_box()["y"] < 900
    assert page.get_by_text("Deploy").count() == 0
    page.get_by_text("全部指标").first.click()  # the theme chart sits in an expander
    all_bars = _theme_bars(page)
    page.screenshot(path=ARTIFACTS / "01_overview.png", full_page=True)

    # 2. Choose a village in the sidebar: the chart narrows and the URL records it.
    sidebar = page.get_by_test_id("stSidebar")
    select = sidebar.get_by_test_id("stMultiSelect").filter(has_text="村(社区)")
    select.locator("input").click()
    # A name the notice does not hold: the list says so in Chinese, not "No results".
    select.locator("input").fill("没有这个村")
    empty = page.get_by_text("No results", exact=True)  # Streamlit's words, drawn at size 0
    empty.wait_for()
    assert empty.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    shown = empty.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == '"没有匹配的选项"'
    select.locator("input").fill(village)  # the option list is virtualised: type, then Enter
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => ({THEME_CHART_BARS})() === {expected_rows}", timeout=HANG_GUARD_MS
    )
    assert _theme_bars(page) == expected_rows < all_bars
    page.wait_for_function("() => location.search.includes('village=')", timeout=HANG_GUARD_MS)
    assert parse_qs(urlsplit(page.url).query)["village"] == [village]
    page.screenshot(path=ARTIFACTS / "02_overview_village.png", full_page=True)

    # 3. Download the CSV on 导出 (the filters travel in the URL): exactly the filtered rows.
    overview_url = page.url
    page.goto(f"{server['base']}/export?{urlsplit(overview_url).query}")
    page.get_by_role("heading", name="导出").wait_for()
    with page.expect_download(timeout=HANG_GUARD_MS) as download_info:
        page.get_by_role("button", name="下载 CSV").first.click()
    download = download_info.value
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [int(r["指标编号"]) for r in rows] == expected_ids
    assert all(village in r["村(社区)"].split("、") for r in rows)
    assert download.suggested_filename.endswith(".csv") and village in download.suggested_filename
    page.screenshot(path=ARTIFACTS / "03_downloaded.png")

    # 4. A copied link reproduces the view in a fresh tab.
    fresh = context.new_page()
    fresh.set_default_timeout(HANG_GUARD_MS)
    fresh.goto(overview_url)
    fresh.get_by_role("heading", name="总览").wait_for()
    assert "overview_all=" in overview_url  # the opened list is part of the link
    assert _theme_bars(fresh) == expected_rows

    # 5. The first figure's 原文 link (as its table row gives it) opens the report at its
    # sentence; where a headline tile shows a figure, its own link is followed instead.
    tile_links = fresh.locator('[data-testid="stPageLink"] a').filter(has_text="来源：")
    if tile_links.count():
        tile_links.first.click()
    else:
        fresh.goto(f"{server['base']}/{first_link}")
    fresh.get_by_role("heading", name="定位的句子").wait_for()
    fresh.locator("#focus").first.wait_for()
    fresh.screenshot(path=ARTIFACTS / "04_source_sentence.png", full_page=False)
    context.close()


PAGES = {"": "总览", "themes": "主题", "villages": "村(社区)", "ledger": "整改台账",
         "source": "原文", "export": "导出"}  # fmt: skip
ENGLISH_UI = ("None", "nan", "Deploy", "Select all", "Rerun", "Clear cache", "Upload",
              "per file", "Drag and drop", "Browse files", "Press Enter")  # fmt: skip
# A phone as the browser tells the server and Streamlit's frontend: Streamlit closes its
# sidebar after a navigation only on a device whose user agent says mobile.
PHONE = {
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
}


def _context(browser, width: int, height: int):
    phone = PHONE if width < 600 else {}
    return browser.new_context(viewport={"width": width, "height": height}, **phone)


def _words_shown(page) -> str:
    return " " + page.locator("body").inner_text().replace("\n", " ") + " "


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_every_page_at_desk_and_phone_size(server, browser, width, height):
    """Strip on the first screen, its 推进中 link opens the narrowed ledger, nothing raw."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = _context(browser, width, height)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(server["base"])
    strip = page.get_by_text("项整改事项").first
    strip.wait_for()
    assert strip.bounding_box()["y"] < height  # visible without scrolling
    for path, title in PAGES.items():
        page.goto(f"{server['base']}/{path}")
        page.get_by_role("heading", name=title).first.wait_for()
        page.wait_for_timeout(1500)  # let tables and charts draw
        page.screenshot(path=ARTIFACTS / f"page_{path or 'overview'}_{width}.png", full_page=True)
        text = _words_shown(page)
        for word in ENGLISH_UI:
            assert f" {word} " not in text, (path, word)
    page.goto(server["base"])
    page.locator('[data-testid="stPageLink"] a').filter(has_text="推进中").first.click()
    page.get_by_role("heading", name="整改台账").wait_for()
    page.wait_for_function("() => location.search.includes('status=')", timeout=HANG_GUARD_MS)
    page.get_by_text("共 7 项").or_(page.get_by_text("共 ")).first.wait_for()
    page.screenshot(path=ARTIFACTS / f"ledger_doing_{width}.png", full_page=False)
    context.close()


def test_phone_sidebar_closes_after_navigation_and_filters_stay_reachable(server, browser):
    context = _context(browser, 390, 844)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(server["base"])
    page.get_by_text("项整改事项").first.wait_for()
    sidebar = page.get_by_test_id("stSidebar")

    def sidebar_open() -> bool:
        box = sidebar.bounding_box()
        return bool(box and box["width"] > 0 and box["x"] >= 0)

    page.get_by_test_id("stExpandSidebarButton").tap()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]')"
                           ".getBoundingClientRect().x >= 0")  # fmt: skip
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="整改台账").tap()
    page.get_by_role("heading", name="整改台账").first.wait_for()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]')"
                           ".getBoundingClientRect().right <= 0")  # fmt: skip
    assert not sidebar_open()
    page.screenshot(path=ARTIFACTS / "phone_after_navigation_390.png")
    # the filters are one tap away
    page.get_by_test_id("stExpandSidebarButton").tap()
    villages = sidebar.get_by_test_id("stMultiSelect").filter(has_text="村(社区)")
    villages.wait_for()
    villages.scroll_into_view_if_needed()
    assert villages.is_visible()
    context.close()


@pytest.fixture(scope="module")
def admin_server(report_db, tmp_path_factory):  # noqa: F811
    """The dashboard with an admin account (the deprecated password form: account admin)."""
    work = tmp_path_factory.mktemp("browser_admin")
    db = work / "rectify.duckdb"
    shutil.copy(report_db, db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RECTIFY_ADMIN_PASSWORD", "测试口令 horse")
        with dashboard_server(db, work) as base:
            yield base


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_import_page_speaks_chinese(admin_server, browser, width, height):
    """The uploader and the text inputs: Streamlit's English hints replaced by Chinese."""
    context = _context(browser, width, height)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(admin_server)
    page.get_by_text("项整改事项").first.wait_for()
    if width < 600:  # the sign-in sits in the sidebar, closed on a phone
        page.get_by_test_id("stExpandSidebarButton").tap()
    page.get_by_test_id("stSidebar").get_by_role("button", name="登录").click()
    form = page.get_by_test_id("stForm").filter(has_text="账号")
    form.wait_for()
    form.get_by_label("账号").fill("admin")
    form.get_by_label("密码").fill("测试口令 horse")
    form.get_by_role("button", name="登录").click()
    page.get_by_text("已登录").first.wait_for()
    # within this session (a new page load would be a new, signed-out session)
    nav = page.get_by_test_id("stSidebarNav").get_by_role("link", name="导入")
    if not nav.is_visible():
        page.get_by_test_id("stExpandSidebarButton").tap()
    nav.click()
    uploader = page.get_by_test_id("stFileUploader")
    uploader.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=ARTIFACTS / f"page_import_{width}.png", full_page=True)
    text = _words_shown(page)
    for word in ENGLISH_UI:
        assert f" {word} " not in text, word
    drawn = uploader.evaluate(
        """u => [...u.querySelectorAll('*')].map(e => getComputedStyle(e, '::after').content)
                .filter(c => c && c !== 'none' && c !== 'normal').join(' ')"""
    )
    assert "选择文件" in drawn and "每个文件不超过" in drawn
    context.close()


def test_a_shared_link_holds_the_choice_not_a_label_that_changes(server, browser):
    """Streamlit's query-param binding writes the option as shown: 主题's choice must not
    carry a count, nor 整改台账's open item a status, or a link breaks when filters or a
    review change them; the link opened in a new session shows the same theme."""
    context = _context(browser, 1440, 900)
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(f"{server['base']}/themes")
    main = page.get_by_test_id("stMain")
    main.get_by_role("combobox").first.click()
    page.get_by_role("option").filter(has_text="水环境").first.click()
    page.wait_for_function("() => location.search.includes('page_theme')")
    wanted = parse_qs(urlsplit(page.url).query)["page_theme"]
    assert wanted == ["水环境"], wanted
    again = context.new_page()  # a new session: what a colleague who gets the link sees
    again.set_default_timeout(HANG_GUARD_MS)
    again.goto(page.url)
    again.get_by_text("水环境：").first.wait_for()
    context.close()
