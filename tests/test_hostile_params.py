"""Odd URL parameters on every page, with two notices full of payloads (AppTest, real files).

A link is anyone's to write: every key a page or the sidebar reads (filters, each page's
own bound widgets, ?sentence=) gets values no link the app makes would hold. No page may
raise, show a traceback or English, or render the value as markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.payloads import BEACON, payload_rounds_db
from tests.test_app_hardening import live_parts, markdown_strings
from tests.test_app_security import server_like
from ui.auth import User

ADMIN = User("王管理", "admin", "test")
PAGES = {"pages/overview.py": "总览", "pages/themes.py": "主题", "pages/villages.py": "村(社区)",
         "pages/ledger.py": "整改台账", "pages/source.py": "原文", "pages/compare.py": "对比",
         "pages/export.py": "导出", "pages/review.py": "核实", "pages/import_reports.py": "导入"}  # fmt: skip
# Every query key the app reads (board.filters.QUERY_KEYS and the pages' bind="query-params").
KEYS = ("doc", "theme", "topic", "item", "village", "kind", "period", "verified", "page_theme",
        "notices", "cmp_change", "cmp_subject", "status", "basis", "review", "open", "sentence",
        "q", "overview_all")  # fmt: skip
VALUES = {
    "superscript": "²",
    "all": "all",
    "payload": f"![](http://{BEACON}/p.png)[链](http://{BEACON}/l)<b>粗</b>:red[红]$x$",
    "controls": "\x00\x01\x0c\u202e完成",
    "sql": "' OR 1=1 --",
    "long": "村" * 20_000,
    "mojibake": "\udcff".encode("utf-8", "surrogatepass").decode("latin-1"),
}
ENGLISH = ("Traceback", "Error", "None", "nan", "Exception", "Failed", "invalid")


@pytest.fixture(scope="module")
def two_notices(tmp_path_factory) -> Path:
    return payload_rounds_db(tmp_path_factory.mktemp("params"))


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES)
def test_odd_url_values_take_no_page_down(path, value, two_notices, monkeypatch, tmp_path):
    monkeypatch.setenv("RECTIFY_VERDICTS", str(tmp_path / "verdicts.duckdb"))
    at = server_like(monkeypatch, two_notices)
    at.session_state["_auth_user"] = ADMIN
    for key in KEYS:
        at.query_params[key] = [value, value] if key in ("village", "notices") else value
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert not [s for s in shown if "暂时无法显示" in s or "无法打开" in s], shown
    strings = markdown_strings(at)
    assert [t.value for t in at.title] == [PAGES[path]]
    for text in strings:
        assert not live_parts(text), (live_parts(text), text[:200])
        for word in ENGLISH:
            assert word not in text, (word, text[:200])
