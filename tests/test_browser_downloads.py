"""A download that fails when clicked says so in Chinese, in a real server and Chromium.

The exports are deferred (`st.download_button(data=callable)`): Streamlit builds the file
on the click and, when that fails, used to put its own English line under the button
("Failed to generate file for download"). The server here has its Excel writer broken
by a `sitecustomize` on its path, as a full disk would break it.
"""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.runtime.backend_operation_handler import DeferredFileHandler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT
from tests.servers import dashboard_server
from tests.test_browser_journey import ENGLISH_UI, HANG_GUARD_MS
from ui.deferred import DOWNLOAD_FAILED, chinese_download_errors, deferred

BROKEN_WRITER = """
import xlsxwriter

def _broken_close(self):
    raise OSError("injected: no space left on device")

xlsxwriter.Workbook.close = _broken_close
"""


def _ask(manager: MediaFileManager, file_id: str):
    chinese_download_errors()
    request = BackendOperationRequest(request_id="r1")
    request.deferred_file.file_id = file_id
    handler = DeferredFileHandler(lambda: manager)
    return asyncio.run(handler.handle(request, "session"))


@pytest.fixture
def manager() -> MediaFileManager:
    return MediaFileManager(MemoryMediaFileStorage("/media"))


def test_a_failing_build_answers_in_chinese_and_logs_why(manager, caplog):
    def broken() -> bytes:
        raise OSError("injected")

    file_id = manager.add_deferred(deferred("Excel", broken), "text/csv", "c", "a.xlsx")
    response = _ask(manager, file_id)
    assert response.error_msg == DOWNLOAD_FAILED
    assert "download failed: Excel" in caplog.text and "injected" in caplog.text


def test_a_file_id_that_is_gone_answers_in_chinese(manager):
    # the page was redrawn (or the session expired) between drawing and clicking
    assert _ask(manager, "no-such-file").error_msg == DOWNLOAD_FAILED


def test_a_good_build_is_untouched(manager):
    file_id = manager.add_deferred(deferred("CSV", lambda: b"a,b\n"), "text/csv", "c", "a.csv")
    response = _ask(manager, file_id)
    assert not response.error_msg and response.deferred_file.url


def test_installing_twice_wraps_once():
    chinese_download_errors()
    first = DeferredFileHandler.handle
    chinese_download_errors()
    assert DeferredFileHandler.handle is first


@pytest.fixture(scope="module")
def broken_excel_server(report_db, tmp_path_factory):  # noqa: F811
    work = tmp_path_factory.mktemp("broken_excel")
    hooks = work / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(BROKEN_WRITER, encoding="utf-8")
    db = work / "rectify.duckdb"
    shutil.copy(report_db, db)
    env = {"PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)])}
    with dashboard_server(db, work, env=env) as base:
        yield {"base": base, "log": work / "streamlit.log"}


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium not installed (CI would fail here)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_a_failing_excel_shows_a_chinese_line_and_csv_still_downloads(
    broken_excel_server, chromium, width, height
):
    context = chromium.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    try:
        page = context.new_page()
        page.set_default_timeout(HANG_GUARD_MS)
        page.goto(f"{broken_excel_server['base']}/export")
        page.get_by_role("heading", name="导出").wait_for()
        page.get_by_role("button", name="下载 Excel").first.click()
        error = page.get_by_test_id("stDownloadButtonError").first
        error.wait_for()
        assert error.inner_text().strip() == DOWNLOAD_FAILED
        text = " " + page.locator("body").inner_text().replace("\n", " ") + " "
        assert "Failed" not in text and "generate" not in text
        for word in ENGLISH_UI:
            assert f" {word} " not in text, word
        with page.expect_download(timeout=HANG_GUARD_MS) as download:
            page.get_by_role("button", name="下载 CSV").first.click()
        assert download.value.suggested_filename.endswith(".csv")
        log = broken_excel_server["log"].read_text(encoding="utf-8")
        assert "download failed: Excel" in log and "injected: no space left" in log
    finally:
        context.close()
