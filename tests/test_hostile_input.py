"""Hostile and odd input at the loader: a clear message, no change, and text kept as text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders import ReportError, ingest_files
from tests.conftest import BUNDLED, NOTICES, ROOT
from tests.forms import write_html

HOSTILE_LINES = (
    "一是<script>alert(1)</script>完成整治12处。",
    "二是<img src=x onerror=alert(2)>清理垃圾30吨。",
    '三是=HYPERLINK("http://x","y")新增停车位15个。',
)


def hostile_notice(tmp_path: Path) -> Path:
    text = NOTICES[0].read_text(encoding="utf-8")
    marker = "(1)"
    head, tail = text.split(marker, 1)
    first_line, rest = tail.split("\n", 1)
    path = tmp_path / "hostile.txt"
    path.write_text(
        head + marker + first_line + "\n" + "\n".join(HOSTILE_LINES) + "\n" + rest, encoding="utf-8"
    )
    return path


def test_markup_and_formulas_are_stored_as_plain_text(tmp_path):
    db = tmp_path / "h.duckdb"
    ingest_files([hostile_notice(tmp_path)], db)
    conn = duckdb.connect(str(db), read_only=True)
    text = conn.execute("SELECT text FROM documents").fetchone()[0]
    for line in HOSTILE_LINES:
        assert line in text
    values = {
        r[0]
        for r in conn.execute(
            "SELECT value FROM indicators WHERE sentence LIKE '%<%' OR sentence LIKE '%=HYPERLINK%'"
        ).fetchall()
    }
    assert {12.0, 30.0, 15.0} <= values
    conn.close()


def test_html_page_with_no_article(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><script>var a=1;</script></head><body><nav>首页</nav></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ReportError, match="no report structure"):
        ingest_files([page], tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_notice_with_parts_but_no_items_is_accepted_without_items(tmp_path):
    path = tmp_path / "parts.txt"
    path.write_text(
        "某镇关于巡察整改进展情况的通报\n一、主体责任情况\n召开会议3次。\n二、下一步工作打算\n继续整改。\n",
        encoding="utf-8",
    )
    summary = ingest_files([path], tmp_path / "p.duckdb")[0]
    assert summary.items == 0 and summary.indicators == 1


def test_same_notice_twice_in_one_call_is_one_document(tmp_path):
    db = tmp_path / "twice.duckdb"
    html = write_html(BUNDLED.read_text(encoding="utf-8"), tmp_path / "page.html")
    ingest_files([BUNDLED, html, BUNDLED], db)
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    once = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    conn.close()
    ingest_files([BUNDLED], db)
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT count(*) FROM indicators").fetchone()[0] == once
    conn.close()


@pytest.mark.parametrize(
    "name", ["通报 副本 (1).txt", "民众街道 整改通报.txt", "..txt", "a..b.txt", "-dash.txt"]
)
def test_odd_file_names(name, tmp_path):
    odd = tmp_path / name
    shutil.copy(NOTICES[1], odd)
    db = tmp_path / "odd dir 数据" / "rectify.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", "--db", str(db), "--", str(odd)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    conn = duckdb.connect(str(db), read_only=True)
    assert conn.execute("SELECT source_file FROM documents").fetchone()[0] == name
    conn.close()


def test_path_with_dot_dot_is_read_where_it_points(tmp_path):
    (tmp_path / "sub").mkdir()
    target = tmp_path / "notice.txt"
    shutil.copy(NOTICES[2], target)
    summary = ingest_files([tmp_path / "sub" / ".." / "notice.txt"], tmp_path / "d.duckdb")[0]
    assert summary.indicators > 0
