"""A reviewer's corrections, end to end, in a real headless Chromium against a real server.

A reviewer signs in with a local account, corrects the first headline figure and an
item's status on 核实; a viewer sees the corrected values marked 已更正; the notice is
re-ingested with the command line; both corrections still apply and the CSV exports carry
them with the original readings. Screenshots land in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys

import pytest
from board_db import REPORT, ROOT, report_db  # noqa: F401  (session fixture)

from board import queries
from board.db import connect
from board.labels import figure_label, written_figure
from tests.servers import dashboard_server
from tests.test_browser_journey import browser  # noqa: F401  (module fixture: one recipe)

ARTIFACTS = ROOT / "tests" / "artifacts"
pytestmark = pytest.mark.browser
HANG_GUARD_MS = 300_000  # not a speed check: a broken page fails instead of hanging
ACCOUNT, PASSWORD = "reviewer1", "correct-horse-battery"


@pytest.fixture(scope="module")
def server(report_db, tmp_path_factory):  # noqa: F811
    from ui.passwords import hash_password

    work = tmp_path_factory.mktemp("review_browser")
    db = work / "rectify.duckdb"
    shutil.copy(report_db, db)
    secrets = work / "secrets.toml"
    secrets.write_text(
        f'[accounts.{ACCOUNT}]\nrole = "reviewer"\npassword_hash = "{hash_password(PASSWORD)}"\n',
        encoding="utf-8",
    )
    with dashboard_server(db, work, ["--secrets.files", str(secrets)]) as base:
        yield {"base": base, "db": db}


def _targets(db):
    """The first entry of the queue (a 总览 headline figure) and the first inferred item."""
    conn = connect(db)
    doc = queries.documents(conn)["doc_id"].iloc[0]
    queue = queries.review_queue(conn, doc)
    conn.close()
    figure = queue.iloc[0].to_dict()
    items = queue[(queue["target"] == "item") & (queue["reason"] == "状态为推断")]
    return figure, items.iloc[0].to_dict()


def _download(page, label: str) -> list[dict[str, str]]:
    with page.expect_download(timeout=HANG_GUARD_MS) as info:
        page.get_by_role("button", name=label).first.click()
    data = open(info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _viewer_sees_corrections(context, base, figure, item, new_value, new_status, shot):
    page = context.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(base)
    page.get_by_role("heading", name="总览").wait_for()
    expected = written_figure(new_value, figure["qualifier"], figure["unit"])
    label = figure_label(figure["metric"], figure["subject"])  # what the tile shows
    tile = page.locator(".headline-figure").filter(has_text=label)
    tile = tile.filter(has_text=expected).first
    tile.wait_for()
    # the figure's own card (its border container) carries the 已更正 mark under it
    card = page.locator("[class*='st-key-printed_links_']").filter(has=tile)
    assert "已更正" in card.inner_text()
    assert page.get_by_role("link", name="核实", exact=True).count() == 0  # not a reviewer's menu
    page.screenshot(path=ARTIFACTS / f"review_{shot}_overview.png", full_page=True)
    page.goto(f"{base}/ledger")
    page.get_by_role("heading", name="整改台账").wait_for()
    page.get_by_role("combobox", name="打开整改事项").click()
    page.keyboard.type(str(item["title"]))
    page.keyboard.press("Enter")
    # The opened item's facts line: its (corrected) status first, the 已更正 mark last.
    page.get_by_text(re.compile(f"^{new_status} · .*已更正$")).first.wait_for()
    page.screenshot(path=ARTIFACTS / f"review_{shot}_ledger.png", full_page=False)
    page.close()


def test_reviewer_corrections_reach_viewers_survive_reingest_and_export(server, browser):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = server["base"]
    figure, item = _targets(server["db"])
    new_value = float(int(figure["value"]) + 17)
    new_status = "推进中" if item["status"] != "推进中" else "已完成"

    # 1. The reviewer opens a link to 核实 before signing in: a Chinese request to sign in
    # (not Streamlit's English "Page not found"), the form on the page; signed in, the same
    # address shows 核实, and the menu lists it.
    reviewer = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = reviewer.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(f"{base}/review")
    main = page.get_by_test_id("stMain")
    main.get_by_text("此页面需要核实员权限，请先登录。").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("heading", name="核实", exact=True).count() == 0
    page.screenshot(path=ARTIFACTS / "review_00_sign_in_first.png", full_page=True)
    main.get_by_role("textbox", name="账号").fill(ACCOUNT)
    main.get_by_role("textbox", name="密码").fill(PASSWORD)
    main.get_by_role("textbox", name="密码").press("Enter")  # forms submit with Enter
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text(f"已登录：{ACCOUNT}").wait_for()
    page.get_by_role("heading", name="核实", exact=True).wait_for()
    assert page.url.rstrip("/").split("?")[0].endswith("/review")
    sidebar.get_by_role("link", name="核实", exact=True).wait_for()
    page.get_by_text("已核实 0 / ").first.wait_for()
    page.locator("mark").filter(has_text=figure["raw"]).first.wait_for()  # the figure, marked

    # 2. Correct the headline figure's value (the first entry of the queue).
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="保存更正"))
    form.get_by_role("textbox", name="数值", exact=True).fill(f"{new_value:g}")
    form.get_by_role("textbox", name="更正说明").fill("按台账核对")
    form.get_by_role("button", name="保存更正").click()
    page.get_by_text("已记录更正：数值").wait_for()
    page.get_by_text("已核实 1 / ").first.wait_for()
    page.screenshot(path=ARTIFACTS / "review_01_figure_corrected.png", full_page=True)

    # 3. The first inferred item: change its status.
    page.get_by_role("radio", name="状态为推断").click()
    page.get_by_text(str(item["title"])).first.wait_for()
    page.get_by_role("combobox", name="状态", exact=True).click()
    page.keyboard.press("Control+a")  # type the option, then Enter, as a keyboard user does
    page.keyboard.type(new_status)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("已记录更正：状态").wait_for()
    page.screenshot(path=ARTIFACTS / "review_02_item_corrected.png", full_page=True)
    reviewer.close()

    # 4. A viewer (nobody signed in) sees both corrections, marked 已更正.
    viewer = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    _viewer_sees_corrections(viewer, base, figure, item, new_value, new_status, "03")

    # 5. The notice is ingested again (the file is rebuilt and swapped): both still apply.
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", str(REPORT), "--db", str(server["db"])],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    _viewer_sees_corrections(viewer, base, figure, item, new_value, new_status, "04_reingested")

    # 6. The CSV exports carry the corrected values, 核实状态 and the original readings.
    page = viewer.new_page()
    page.set_default_timeout(HANG_GUARD_MS)
    page.goto(f"{base}/export")
    page.get_by_role("heading", name="导出").wait_for()
    figures = _download(page, "下载 CSV")
    [row] = [r for r in figures if r["核实状态"] == "已更正"]
    assert row["数值"] == f"{new_value:g}"
    assert row["原值：数值"] == f"{figure['value']:g}"
    assert row["统计对象"] == figure["subject"]
    ledger = _download(page, "下载台账 CSV")
    [entry] = [r for r in ledger if r["核实状态"] == "已更正"]
    assert entry["整改事项"] == str(item["title"])
    assert (entry["状态"], entry["原值：状态"]) == (new_status, item["status"])
    viewer.close()
