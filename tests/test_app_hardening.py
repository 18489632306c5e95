"""Pages never fall over and never render report text as markup (AppTest, real DuckDB files)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import duckdb
import pytest
from google.protobuf.json_format import MessageToDict
from openpyxl import load_workbook

from board.db import BROKEN_MESSAGE
from loaders import ingest_files
from tests.board_db import report_db  # noqa: F401  (session fixture)
from tests.download_files import file_id
from tests.payloads import BEACON, write_payload_notice
from tests.test_app_security import downloads, elements, server_like  # noqa: F401

PAGES = ["pages/overview.py", "pages/themes.py", "pages/villages.py", "pages/ledger.py",
         "pages/source.py", "pages/export.py"]  # fmt: skip
# Widgets whose options are plain text in the browser (tests/test_browser_payloads.py)
# and data elements: their strings are not Markdown.
NOT_MARKDOWN = {"arrow_data_frame", "plotly_chart", "selectbox", "multiselect", "text_input"}
LIVE = ("![](", "](http", "<https", ":red[", ":material/home:", "$x$", "<b>", "<a ",
        "\u202e", f"http://{BEACON}", f"www.{BEACON}")  # fmt: skip


def live_parts(text: str) -> list[str]:
    """The LIVE constructs left in Markdown once backslash-escaped characters are taken out."""
    bare = re.sub(r"\\.", "\x00", text, flags=re.S)
    return [live for live in LIVE if live in bare]


def markdown_strings(at) -> list[str]:
    """Every string the browser renders as Markdown: bodies, labels, captions, alert text."""
    out = []
    for el in elements(at):
        proto = getattr(el, "proto", None)
        if proto is None or el.type in NOT_MARKDOWN:
            continue
        stack = [MessageToDict(proto)]
        while stack:
            node = stack.pop()
            for key, value in node.items():
                if isinstance(value, dict):
                    stack.append(value)
                elif key in ("body", "label", "text") and isinstance(value, str):
                    out.append(value)
    return out


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("payload_app")
    db = directory / "rectify.duckdb"
    ingest_files([write_payload_notice(directory)], db)
    return db


@pytest.mark.parametrize("path", PAGES)
def test_payload_notice_renders_no_markdown_on_any_page(path, payload_db, monkeypatch):
    at = server_like(monkeypatch, payload_db)
    at.run()
    at.multiselect(key="filter_items").set_value(["二-1"]).run()
    at.switch_page(path).run()
    if path == "pages/ledger.py":  # open the item whose title and measures carry payloads
        at.selectbox(key="open").set_value("二-1").run()
    if path == "pages/source.py":
        at.text_input(key="q").input("material").run()
    assert not at.exception
    strings = markdown_strings(at)
    assert strings
    for text in strings:
        assert not live_parts(text), (live_parts(text), text[:300])


def test_ledger_item_with_payloads_opens(payload_db, monkeypatch):
    at = server_like(monkeypatch, payload_db)
    at.run()
    at.switch_page("pages/ledger.py").run()
    at.selectbox(key="open").set_value("二-1").run()
    assert not at.exception
    strings = markdown_strings(at)
    assert any("理论学习" in s for s in strings)
    for text in strings:
        assert not live_parts(text), (live_parts(text), text[:300])


@pytest.mark.parametrize("raw", ["²", "١٢", "12a", "-5", "9" * 40, "", " 3"])
def test_source_page_ignores_offsets_that_are_not_ascii_digits(raw, report_db, monkeypatch):  # noqa: F811
    at = server_like(monkeypatch, report_db)
    at.query_params["sentence"] = raw
    at.run()
    at.switch_page("pages/source.py").run()
    assert not at.exception  # '²'.isdigit() is True and int('²') raised
    assert "定位的句子" not in [s.value for s in at.subheader]


def test_damaged_database_shows_a_generic_message(report_db, tmp_path, monkeypatch):  # noqa: F811
    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)
    with open(db, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 4096)
    at = server_like(monkeypatch, db)
    at.run()
    assert not at.exception
    shown = [e.value for e in at.error]
    assert shown == [BROKEN_MESSAGE]
    everything = " ".join(markdown_strings(at))
    for leak in (str(tmp_path), "checksum", "IO Error", "duckdb"):
        assert leak not in everything


@pytest.fixture
def old_db_with_controls(report_db, tmp_path) -> Path:  # noqa: F811
    """A database written before controls were removed at load: \\x0c, \\x01, U+202E inside."""
    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)
    with duckdb.connect(str(db)) as conn:
        conn.execute(
            "UPDATE indicators SET sentence = sentence || chr(12) || chr(1) || chr(8238), "
            "metric = chr(8238) || metric || chr(12)"
        )
        conn.execute("UPDATE items SET title = title || chr(12)")
        conn.execute("CHECKPOINT")
    return db


@pytest.mark.parametrize("path", ["pages/overview.py", "pages/ledger.py", "pages/export.py",
                                  "pages/themes.py"])  # fmt: skip
def test_control_characters_in_an_old_database_take_no_page_down(
    path,
    old_db_with_controls,
    monkeypatch,
    downloads,  # noqa: F811
):
    at = server_like(monkeypatch, old_db_with_controls)
    at.query_params["overview_all"] = "true"  # 总览's list and downloads, opened
    at.run()
    at.switch_page(path).run()
    assert not at.exception and not [e for e in at.error]
    for text in markdown_strings(at):
        assert "\u202e" not in text and "\x0c" not in text
    workbooks = [data for data, _ in downloads.values() if data[:2] == b"PK"]
    assert workbooks  # the Excel export was built (IllegalCharacterError before)
    for data in workbooks:
        load_workbook(io.BytesIO(data))


@pytest.mark.page_failure_expected
def test_a_failing_part_says_so_in_chinese_and_the_page_goes_on(report_db, tmp_path, monkeypatch):  # noqa: F811
    """The Word writer failing (injected into python-docx) costs the briefing, not the page."""
    from docx.document import Document

    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)

    def broken_save(self, stream):
        raise OSError("injected: no space left on device")

    monkeypatch.setattr(Document, "save", broken_save)
    at = server_like(monkeypatch, db)
    at.run()
    at.switch_page("pages/overview.py").run()
    at.button(key="overview_briefing_build").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Word 汇报材料暂时无法显示，已记录错误；页面其余部分不受影响。"
    ]
    tiles = [h for h in at.html if 'class="headline-figure"' in h.value]
    assert tiles and [t.value for t in at.title] == ["总览"]  # the rest is drawn
    assert "injected" not in " ".join(markdown_strings(at))


def test_an_export_that_fails_costs_that_file_only(report_db, tmp_path, monkeypatch, downloads):  # noqa: F811
    """The Excel writer failing is met when the file is asked for; the page and CSV stand."""
    import xlsxwriter

    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)

    def broken_close(self):
        raise OSError("injected: no space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    at = server_like(monkeypatch, db)
    at.run()
    at.switch_page("pages/export.py").run()
    assert not at.exception and not at.error  # nothing is built until a button is clicked
    files = {b.label: file_id(b) for b in at.download_button}
    assert downloads[files["下载 CSV"]][0].startswith(b"\xef\xbb\xbf")
    with pytest.raises(OSError, match="injected"):  # Streamlit tells the browser it failed
        downloads[files["下载 Excel"]]
