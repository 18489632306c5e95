"""Hostile and odd input at the loader: a clear message, no change, and text kept as text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders import ReportError, ingest_files
from loaders.schema import DDL
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


# --- Bounded work (loaders/limits.py) ------------------------------------------------------

HEAD = (
    "某镇关于巡察整改进展情况的通报\n一、总体情况\n反馈问题10个。\n二、整改落实情况\n"
    "(一)基层治理方面\n1.村内违建问题突出\n(1)违建整治不彻底\n"
)


def test_figures_on_endless_lines_do_not_copy_the_line(tmp_path):
    """50 KB of lines holding 400 figures each made an 82 MB database; rows now hold <= 300."""
    from loaders.limits import MAX_SENTENCE_CHARS

    line = "".join(f"拆除违建{i % 97 + 1}处、" for i in range(400)) + "。\n"
    path = tmp_path / "long.txt"
    path.write_text(HEAD + line * 12, encoding="utf-8")
    db = tmp_path / "long.duckdb"
    ingest_files([path], db)
    conn = duckdb.connect(str(db), read_only=True)
    text = conn.execute("SELECT text FROM documents").fetchone()[0]
    rows = conn.execute(
        "SELECT value, sentence, sentence_start, char_start, char_end FROM indicators"
    ).fetchall()
    conn.close()
    assert len(rows) >= 4800
    empty = tmp_path / "empty.duckdb"
    with duckdb.connect(str(empty)) as blank:
        blank.execute(DDL)
        blank.execute("CHECKPOINT")
    growth = db.stat().st_size - empty.stat().st_size
    assert growth <= 20 * len(text.encode("utf-8")), growth  # DESIGN: small multiple of text
    for value, sentence, s0, c0, c1 in rows:
        assert len(sentence) <= MAX_SENTENCE_CHARS
        assert text[s0 : s0 + len(sentence)] == sentence and s0 <= c0 < c1 <= s0 + len(sentence)
        assert float(text[c0:c1]) == value if text[c0:c1].isdigit() else True


def test_an_item_with_hundreds_of_measures_is_read(tmp_path):
    path = tmp_path / "measures.txt"
    path.write_text(HEAD + "".join(f"完成整治{i}处。\n" for i in range(1, 150)), encoding="utf-8")
    summary = ingest_files([path], tmp_path / "m.duckdb")[0]  # IndexError in _cn before
    assert summary.indicators == 150


def test_ten_to_the_fifth_figures_insert_with_explicit_types(tmp_path):
    """Column types came from a sample of rows: a qualifier first seen late failed to insert."""
    from loaders.limits import MAX_FIGURES

    lines = [f"一是拆除违建{i % 900 + 10}处，清理垃圾{i % 70 + 5}吨。" for i in range(49_998)]
    lines.append("二是2024年沙仔村新增停车位约15个。")
    path = tmp_path / "many.txt"
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "many.duckdb"
    ingest_files([path], db)
    conn = duckdb.connect(str(db), read_only=True)
    count = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
    late = conn.execute(
        "SELECT qualifier, period FROM indicators ORDER BY char_start DESC LIMIT 1"
    ).fetchone()
    conn.close()
    assert count == 99_998 <= MAX_FIGURES
    assert late[0] == "约" and late[1].startswith("2024")  # a period read late, as text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("完成整治1处。\n" * 100_001, "段落超过"),
        ("拆除1处" * 100_001 + "。\n", "数字超过"),
    ],
    ids=["paragraphs", "figures"],
)
def test_over_the_bounds_is_refused_with_a_reason(body, reason, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    db = tmp_path / "big.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", "--db", str(db), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and reason in result.stderr, result.stderr
    assert not db.exists()


def test_control_and_bidi_characters_are_gone_at_load_and_exports_work(tmp_path):
    from board import export, queries
    from board.db import connect
    from board.filters import Filters

    text = NOTICES[0].read_text(encoding="utf-8")
    text = text.replace("。", "。\x0c", 2).replace("，", "，\x01", 2)
    text = text.replace("处", "\u202e处\u202c", 2).replace("\n", "\u200b\n", 3)
    path = tmp_path / "controls.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    ingest_files([path], db)
    conn = connect(db)
    stored = conn.execute("SELECT text FROM documents").fetchone()[0]
    for ch in "\x0c\x01\u202e\u202c\u200b":
        assert ch not in stored
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    table = export.figure_table(queries.indicators(conn, Filters(doc_id=doc_id)))
    assert export.xlsx_bytes(table, [("来源", "x\x0cy")])  # raised IllegalCharacterError
    conn.close()


def docx_of(document_xml_body: str, prolog: str = "") -> bytes:
    from bench.hostile import HEAD as BENCH_HEAD
    from bench.hostile import _docx

    paragraphs = "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in (BENCH_HEAD + "一是拆除违建12处。\n").splitlines()
    )
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return _docx(
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {ns}><w:body>'
        f"{document_xml_body}{paragraphs}</w:body></w:document>"
    )


DOCX_ODDITIES = {
    "comment": ("<!-- 注释 -->", ""),
    "processing instruction": ("<?foo bar?>", ""),
    "doctype": ("<w:p><w:r><w:t>&a;</w:t></w:r></w:p>", '<!DOCTYPE w:document [<!ENTITY a "x">]>'),
}


@pytest.mark.parametrize(("body", "prolog"), DOCX_ODDITIES.values(), ids=DOCX_ODDITIES)
def test_docx_xml_oddities_are_read_or_refused_never_an_internal_error(body, prolog, tmp_path):
    path = tmp_path / "odd.docx"
    path.write_bytes(docx_of(body, prolog))
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", "--db", str(tmp_path / "d.duckdb"), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 2), result.stderr  # exit 1 = internal error
    assert "internal error" not in result.stderr
