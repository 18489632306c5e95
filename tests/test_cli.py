"""The command line on a real DuckDB file: summaries, bad input, all-or-nothing, no duplicates."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders.schema import TABLES
from tests.conftest import BUNDLED, NOTICES, ROOT


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RECTIFY_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def counts(db: Path) -> dict[str, int]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def loaded_db(tmp_path) -> Path:
    db = tmp_path / "rectify.duckdb"
    result = run("ingest", str(BUNDLED), db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_ingest_prints_one_summary_line_per_file(tmp_path):
    db = tmp_path / "a.duckdb"
    result = run(
        "ingest", str(BUNDLED), *map(str, NOTICES), "--db", str(db), db=tmp_path / "unused.duckdb"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 + len(NOTICES)
    assert all("indicators" in line and "items" in line and "villages" in line for line in lines)
    assert counts(db)["documents"] == 1 + len(NOTICES)
    assert not (tmp_path / "unused.duckdb").exists()


def test_bundled_report_outline(loaded_db):
    conn = duckdb.connect(str(loaded_db), read_only=True)
    by_part = dict(conn.execute("SELECT part, count(*) FROM items GROUP BY 1").fetchall())
    assert by_part == {"二": 48, "三": 15}
    numbers = [
        r[0]
        for r in conn.execute("SELECT item_no FROM items WHERE part='二' ORDER BY 1").fetchall()
    ]
    assert numbers == list(range(1, 49))
    statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM items").fetchall()}
    assert statuses <= {"已完成", "推进中", "长期"}
    title, published = conn.execute("SELECT title, published FROM documents").fetchone()
    assert "巡察整改进展情况的通报" in title and str(published) == "2025-04-27"
    conn.close()


def test_reingest_replaces_never_duplicates(loaded_db):
    before = counts(loaded_db)
    assert run("ingest", str(BUNDLED), db=loaded_db).returncode == 0
    assert counts(loaded_db) == before


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "missing": tmp / "nope.txt",
        "empty": tmp / "empty.txt",
        "binary": tmp / "image.txt",
        "undecodable": tmp / "garbled.txt",
        "too large": tmp / "huge.txt",
        "no structure": tmp / "prose.txt",
        "pdf": tmp / "scan.pdf",
        "pdf without pages": tmp / "nopages.pdf",
        "pdf encrypted": tmp / "locked.pdf",
        "docx corrupt": tmp / "broken.docx",
        "docx with DOCTYPE": tmp / "doctype.docx",
        "table without rows": tmp / "table.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["undecodable"].write_bytes(b"\xff\xfe\xfa" * 3000)
    files["too large"].write_bytes(("一、巡察整改" * 100 + "\n").encode() * 14000)  # 25 MB
    files["no structure"].write_text(
        "这是一段普通的文字，没有任何通报的结构。\n" * 20, encoding="utf-8"
    )
    files["pdf"].write_bytes(b"%PDF-1.7\n" + bytes(200))
    files["pdf without pages"].write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    files["pdf encrypted"].write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Filter/Standard/V 1/R 2/O(0123456789abcdef0123456789abcdef)"
        b"/U(0123456789abcdef0123456789abcdef)/P -4>>endobj\n"
        b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00><00>]>>\n%%EOF\n"
    )
    files["docx corrupt"].write_bytes(b"PK\x03\x04" + bytes(300))
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "一、巡察整改">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>",
        )
    files["docx with DOCTYPE"].write_bytes(buf.getvalue())
    files["table without rows"].write_text(
        "关于巡察整改进展情况的通报\n序号\t反馈问题\t整改措施\t整改进展\t责任单位\n",
        encoding="utf-8",
    )
    return files


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "empty",
        "binary",
        "undecodable",
        "too large",
        "no structure",
        "pdf",
        "pdf without pages",
        "pdf encrypted",
        "docx corrupt",
        "docx with DOCTYPE",
        "table without rows",
    ],
)
def test_bad_input_exit_2_one_line_and_nothing_changes(case, loaded_db, tmp_path):
    bad = _bad_files(tmp_path)[case]
    before = digest(loaded_db)
    result = run("ingest", str(BUNDLED), str(bad), db=loaded_db)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ")
    assert "Traceback" not in result.stderr
    assert digest(loaded_db) == before


def test_bad_input_on_a_new_database_creates_nothing(tmp_path):
    db = tmp_path / "new.duckdb"
    bad = _bad_files(tmp_path)["binary"]
    assert run("ingest", str(NOTICES[0]), str(bad), db=db).returncode == 2
    assert not db.exists()


def test_stats_reports_themes_units_status_and_leftovers(loaded_db):
    result = run("stats", db=loaded_db)
    assert result.returncode == 0, result.stderr
    for heading in ("figures by theme", "figures by unit", "items by status", "其他", "事项外"):
        assert heading in result.stdout


def test_stats_on_missing_database(tmp_path):
    result = run("stats", db=tmp_path / "none.duckdb")
    assert result.returncode == 2 and result.stderr.startswith("error: ")


def test_ingest_reads_another_gazetteer_scoped_by_town(tmp_path):
    """--gazetteer PATH: one file for a district's towns; only the notice's town's rows count."""
    from loaders.cli import main

    notice = tmp_path / "n.txt"
    notice.write_text(
        "中共某区甲镇委员会关于巡察整改进展情况的通报\n二、巡察反馈问题整改落实情况\n"
        "(1)整治环境\n一是在北岭村、南岗村整治积水点3处。\n",
        encoding="utf-8",
    )
    gazetteer = tmp_path / "villages.csv"
    gazetteer.write_text(
        "name,type,aliases,town\n北岭村,示范村,北岭,甲镇\n南岗村,自然村,南岗,乙镇\n",
        encoding="utf-8",
    )
    db = tmp_path / "g.duckdb"
    assert main(["ingest", str(notice), "--db", str(db), "--gazetteer", str(gazetteer)]) == 0
    conn = duckdb.connect(str(db), read_only=True)
    try:
        got = conn.execute(
            "SELECT village, village_type FROM village_mentions ORDER BY 1"
        ).fetchall()
        # 乙镇's row is not this notice's: 南岗村 is read by its form, not typed by that row
        assert got == [("北岭村", "示范村"), ("南岗村", "行政村")]
    finally:
        conn.close()
    # the other gazetteer was this command's only: the next ingest in this process reads ours
    assert "RECTIFY_GAZETTEER" not in os.environ
    assert main(["ingest", str(notice), "--db", str(db), "--gazetteer", str(tmp_path / "x")]) == 2
