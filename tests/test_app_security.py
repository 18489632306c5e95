"""Hostile report text on every page, and the 导入 page: hidden, guarded, checked, atomic."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from bench.hostile import tiny_paragraphs_docx
from board import queries
from board.db import connect
from board.filters import Filters
from loaders import ingest_files, sandbox
from tests.board_db import report_db  # noqa: F401  (session fixture)
from tests.conftest import NOTICES
from tests.download_files import file_id, record_downloads
from tests.signing import sign_in
from ui.passwords import hash_password
from ui.warmup import warmup_html

PATIENT = 600  # AppTest needs a timeout; generous so no test depends on machine speed
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://x","y")'
HOSTILE_ITEM = "二-1"  # the item the hostile lines are written into
PASSWORD = "correct horse 电池"
ADMIN_HASH = hash_password(PASSWORD)


def write_hostile_notice(directory: Path) -> Path:
    """notice_a with markup in an item title and three hostile measures under item (1)."""
    text = NOTICES[0].read_text(encoding="utf-8")
    title, measure = "(1)理论学习中心组学习不够规范", "一是完善学习制度"
    assert title in text and measure in text
    text = text.replace(title, f"(1)理论学习{SCRIPT}中心组学习不够规范", 1)
    lines = (
        f"一是{SCRIPT}沙仔村完成整治12处。",
        f"二是{IMG}清理垃圾30吨。",
        f"{FORMULA}新增停车位15个。",
    )
    head, tail = text.split(measure, 1)
    path = directory / "hostile.txt"
    path.write_text(head + "\n  ".join(lines) + "\n\n  " + measure + tail, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    db = directory / "rectify.duckdb"
    ingest_files([write_hostile_notice(directory)], db)
    return db


@pytest.fixture(scope="module")
def hostile(hostile_db):
    conn = connect(hostile_db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    figures = queries.indicators(conn, Filters(doc_id=doc_id, items=(HOSTILE_ITEM,)))
    script_row = figures[figures["sentence"].str.contains(SCRIPT, regex=False)].iloc[0]
    formula_row = figures[figures["sentence"].str.startswith(FORMULA)].iloc[0]
    yield {"doc_id": doc_id, "script": script_row, "formula": formula_row}
    conn.close()


def server_like(monkeypatch, db: Path) -> AppTest:
    """The app as a running server runs it (see tests/test_app_pages.py, fixture `app`)."""
    monkeypatch.setenv("RECTIFY_DB", str(db))
    original_init = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_as_in_server)
    return AppTest.from_file("../dashboard.py", default_timeout=PATIENT)


@pytest.fixture
def downloads(monkeypatch):
    """Bytes and name of every file handed to st.download_button, by file id."""
    return record_downloads(monkeypatch)


def elements(at):
    """Every element drawn in the main area and the sidebar."""
    stack = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children is None:
            yield node
        else:
            stack.extend(children.values())


def unsafe_bodies(at) -> list[str]:
    """Bodies the browser renders as HTML: st.html and markdown with unsafe_allow_html."""
    out = []
    for el in elements(at):
        proto = getattr(el, "proto", None)
        if el.type == "html":
            out.append(el.value)
        elif proto is not None and getattr(proto, "allow_html", False):
            out.append(proto.body)
    return out


def table_cells(at) -> list[str]:
    return [
        str(cell) for df in at.dataframe for column in df.value.columns for cell in df.value[column]
    ]


def assert_no_live_markup(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for body in unsafe_bodies(at):
        if body == warmup_html():  # the one constant script (ui.warmup): no text goes into it
            continue
        lowered = body.lower()
        assert "<script" not in lowered and "<img" not in lowered, body[:300]


PAGES = {
    "pages/overview.py": {},
    "pages/themes.py": {"theme": True},
    "pages/villages.py": {"village": "沙仔村"},
    "pages/ledger.py": {},
    "pages/export.py": {},
    "pages/source.py": {"sentence": True},
}


@pytest.mark.parametrize(("path", "setup"), PAGES.items())
def test_markup_shows_as_text_on_every_page(path, setup, hostile_db, hostile, monkeypatch):
    at = server_like(monkeypatch, hostile_db)
    if setup.get("sentence"):
        at.query_params["sentence"] = str(int(hostile["script"]["sentence_at"]))
    at.query_params["overview_all"] = "true"  # 总览's full list, opened
    at.run()
    at.multiselect(key="filter_items").set_value([HOSTILE_ITEM]).run()
    if setup.get("village"):
        at.multiselect(key="filter_villages").set_value([setup["village"]]).run()
    at.switch_page(path).run()
    if setup.get("theme"):
        theme = hostile["script"]["theme"]
        at.selectbox(key="page_theme").set_value(theme).run()
    assert_no_live_markup(at)
    # Tables hold the report's text exactly, as text.
    assert any(SCRIPT in cell for cell in table_cells(at)), path


def test_source_search_and_deep_link_escape_markup(hostile_db, hostile, monkeypatch):
    at = server_like(monkeypatch, hostile_db)
    at.query_params["sentence"] = str(int(hostile["script"]["sentence_at"]))
    at.run()
    at.switch_page("pages/source.py").run()
    assert "定位的句子" in [s.value for s in at.subheader]
    focus = next(body for body in unsafe_bodies(at) if 'id="focus"' in body)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in focus
    for query in ("<script>", "onerror", "HYPERLINK"):
        at.text_input(key="q").input(query).run()
        assert_no_live_markup(at)
        assert any(
            c.value.startswith("找到 ") and c.value != "找到 0 句（最多显示 50 句）"
            for c in at.caption
        )
    assert any("&lt;img src=x onerror=alert(2)&gt;" in body for body in unsafe_bodies(at))
    assert any("=HYPERLINK(" in body for body in unsafe_bodies(at))


@pytest.mark.parametrize("path", ["pages/overview.py", "pages/ledger.py", "pages/export.py"])
def test_downloads_hold_the_formula_inert(path, hostile_db, monkeypatch, downloads):
    at = server_like(monkeypatch, hostile_db)
    at.query_params["overview_all"] = "true"  # 总览's list and downloads, opened
    at.run()
    at.multiselect(key="filter_items").set_value([HOSTILE_ITEM]).run()
    at.switch_page(path).run()
    assert not at.exception
    by_label = {b.label: downloads[file_id(b)][0] for b in at.download_button}

    rows = list(csv.reader(io.StringIO(by_label["下载 CSV"].decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert f"'{FORMULA}新增停车位15个。" in cells
    assert not [c for c in cells if c.startswith("=")]
    assert any(SCRIPT in c for c in cells)  # markup stays text, unchanged

    workbook = load_workbook(io.BytesIO(by_label["下载 Excel"]))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    formula_cells = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert formula_cells and all(
        c.data_type == "s" and c.value.startswith("'=") for c in formula_cells
    )


# --- 导入 page ---------------------------------------------------------------------------


@pytest.fixture
def import_db(report_db, tmp_path) -> Path:  # noqa: F811
    db = tmp_path / "rectify.duckdb"
    shutil.copyfile(report_db, db)
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def logged_in(monkeypatch, db: Path) -> AppTest:
    """An admin signed in with a local account (see tests/test_auth.py for the rules)."""
    at = server_like(monkeypatch, db)
    at.secrets["accounts"] = {"lin": {"role": "admin", "password_hash": ADMIN_HASH}}
    at.run()
    sign_in(at, "lin", PASSWORD)
    at.switch_page("pages/import_reports.py").run()
    assert not at.exception and not at.error
    return at


def report_options(at) -> list[str]:
    """The notices the report choice offers (without 全部, offered once there are two)."""
    return [o for o in at.selectbox(key="filter_doc_id").options if not o.startswith("全部（")]


def test_import_page_is_hidden_from_viewers(import_db, monkeypatch):
    monkeypatch.delenv("RECTIFY_ADMIN_PASSWORD", raising=False)
    at = server_like(monkeypatch, import_db).run()  # no secrets.toml: must not crash
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/import_reports.py")


def test_deprecated_admin_password_still_signs_in_as_admin(import_db, monkeypatch):
    for by_secret in (True, False):
        if by_secret:
            monkeypatch.delenv("RECTIFY_ADMIN_PASSWORD", raising=False)
            at = server_like(monkeypatch, import_db)
            at.secrets["admin_password"] = PASSWORD
        else:
            monkeypatch.setenv("RECTIFY_ADMIN_PASSWORD", PASSWORD)
            at = server_like(monkeypatch, import_db)
        at.run()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/import_reports.py")  # not before signing in
        sign_in(at, "admin", PASSWORD)
        at.switch_page("pages/import_reports.py").run()
        assert [t.value for t in at.title] == ["导入"] and not at.exception
        assert at.file_uploader


def test_good_file_appears_in_the_report_filter(import_db, monkeypatch):
    steps: list[tuple[int, int]] = []
    real_ingest = sandbox.ingest_isolated

    def recording_ingest(paths, db_path, progress=None):
        def spy(done, total, message):
            steps.append((done, total))
            progress(done, total, message)

        return real_ingest(paths, db_path, spy)

    monkeypatch.setattr(sandbox, "ingest_isolated", recording_ingest)
    at = logged_in(monkeypatch, import_db)
    before = report_options(at)
    at.file_uploader[0].upload(
        "../../杨和镇 通报 (1).txt", NOTICES[1].read_bytes(), "image/png"
    ).run()
    at.button(key="import_go").click().run()
    assert not at.exception and not at.error
    assert "杨和镇" in at.success[0].value
    after = report_options(at)
    assert len(after) == len(before) + 1
    assert any("杨和镇" in label for label in after)  # options are the shown labels
    assert steps and steps[-1][0] == steps[-1][1]  # the progress bar reached the end
    assert not at.file_uploader[0].value  # a fresh uploader for the next import


BAD_UPLOADS = {
    "binary": ("通报.txt", bytes(range(256)) * 64, "二进制文件"),
    "corrupt pdf named .txt": ("通报.txt", b"%PDF-1.7\n" + b"x" * 100, "无法读取PDF"),
    "empty": ("通报.txt", b"", "文件为空"),
    "wrong extension": ("通报.xls", NOTICES[1].read_bytes(), "只接受"),
    "no extension": ("通报", NOTICES[1].read_bytes(), "只接受"),
    "docx that is not": ("通报.docx", NOTICES[1].read_bytes(), "docx"),
    "html with no article": (
        "page.html",
        "<html><body><nav>首页</nav></body></html>".encode(),
        "没有找到通报结构",
    ),
    "too large": ("大.txt", b"a" * (20_000_000 + 1), "20 MB（20,000,000 字节）"),
    # 145 KB that unpacked to a million paragraphs: 690 MB in the server, then accepted
    "million paragraphs": (
        "段落.docx",
        tiny_paragraphs_docx(1_000_000),
        ("段落超过", "解压后过大"),
    ),
}


@pytest.mark.parametrize(("name", "data", "reason"), BAD_UPLOADS.values(), ids=BAD_UPLOADS)
def test_bad_file_gets_a_message_and_changes_nothing(name, data, reason, import_db, monkeypatch):
    at = logged_in(monkeypatch, import_db)
    before, options = digest(import_db), report_options(at)
    at.file_uploader[0].set_value(
        [("好.txt", NOTICES[1].read_bytes(), "text/plain"), (name, data, "text/plain")]
    ).run()
    at.button(key="import_go").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "数据库未作任何改动" in message
    shown = message.replace("\\", "")  # the page escapes ASCII punctuation for Markdown
    assert any(r in shown for r in ((reason,) if isinstance(reason, str) else reason)), message
    assert not re.search(r"\([a-z][a-z ,.:-]*\)", shown), message  # no English gloss
    assert digest(import_db) == before  # all or nothing: the good file went in neither
    assert report_options(at) == options


# A file name is the client's to choose; a refusal reason may quote it or report text.
MARKDOWN_NAME = "![b](http://198.51.100.7/beacon.png)[点我](http://198.51.100.7/x)**粗**:red[红]$x$"


@pytest.mark.parametrize("suffix", [".xls", ".txt"])  # refused by the page / by the loader
def test_refusal_messages_render_names_and_reasons_as_text(suffix, import_db, monkeypatch):
    from board.text import markdown_text

    at = logged_in(monkeypatch, import_db)
    name = MARKDOWN_NAME + suffix
    at.file_uploader[0].set_value([(name, bytes(range(256)) * 64, "text/plain")]).run()
    at.button(key="import_go").click().run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert markdown_text(name) in message and name not in message
    for live in ("](", "![", "**", ":red[", "$x$"):  # nothing left that Markdown acts on
        assert live not in message, live


def test_a_reason_carrying_markdown_is_shown_as_text():
    from ui.admin import shown_reason

    reason = "解析失败：[点我](http://198.51.100.7/) ![](http://198.51.100.7/b.png) (parse failed)"
    shown = shown_reason(reason)
    assert "parse failed" not in shown  # the command line's English gloss is dropped
    assert "](" not in shown and "![" not in shown
    assert shown.replace("\\", "").replace("\u2060", "") == reason.removesuffix(" (parse failed)")


@pytest.mark.parametrize(
    ("client_name", "staged"),
    [
        ("../../etc/passwd.txt", "01_passwd.txt"),
        ("..\\..\\win.ini.HTML", "01_win_ini.html"),
        ("杨和镇 通报 (1).docx", "01_杨和镇_通报_1.docx"),
        ("-rf .htm", "01_rf.htm"),
        ("....txt", "01_report.txt"),
        ("/abs/path/<script>.txt", "01_script.txt"),
    ],
)
def test_staged_name_never_leaves_the_staging_directory(client_name, staged, tmp_path):
    from ui.admin import stage_uploads

    [upload] = stage_uploads([(client_name, b"x")], tmp_path)
    assert upload.path.name == staged and upload.path.parent == tmp_path
    assert upload.client_name == client_name
    assert [p.name for p in tmp_path.iterdir()] == [staged]
