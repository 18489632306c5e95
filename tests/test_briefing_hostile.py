"""The Word briefing of hostile notices: text stays text, the chart renderer stays local."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from docx import Document

from board import charts, queries
from board.briefing import briefing_docx, chart_images
from board.db import connect
from board.filters import Filters
from tests.payloads import BEACON, payload_rounds_db


@pytest.fixture(scope="module")
def two_payload_notices(tmp_path_factory) -> Path:
    return payload_rounds_db(tmp_path_factory.mktemp("brief_payloads"))


def _document_text(data: bytes) -> tuple[str, str]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return xml, "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_payload_names_and_figures_are_plain_text_in_the_briefing(two_payload_notices):
    conn = connect(two_payload_notices)
    docs = tuple(queries.documents(conn)["doc_id"])
    data = briefing_docx(conn, Filters(doc_id=docs[0]), notices=docs, draw_charts=False)
    conn.close()
    xml, text = _document_text(data)
    # Word makes nothing live on its own: no hyperlink, field or external relationship
    assert "<w:hyperlink" not in xml and "w:fldSimple" not in xml
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    assert 'TargetMode="External"' not in rels
    assert f"![](http://{BEACON}/title.png)" in text  # the title as written
    assert "\u202e" not in text and "\u202c" not in text
    # what an escaping meant for a browser never shows as entities in Word
    assert not re.search(r"&(lt|gt|amp|#\d+);", text), re.search(r".{20}&#?\w+;.{20}", text)


def test_a_briefing_of_an_old_database_with_control_characters_builds(report_db, tmp_path):  # noqa: F811
    db = tmp_path / "rectify.duckdb"
    shutil.copy(report_db, db)
    with duckdb.connect(str(db)) as conn:
        conn.execute("UPDATE documents SET title = title || chr(12) || chr(1) || chr(8238)")
        conn.execute("UPDATE indicators SET metric = chr(8238) || metric || chr(12)")
        conn.execute("UPDATE items SET title = title || chr(12), owner = chr(1) || 'x'")
    conn = connect(db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    data = briefing_docx(conn, Filters(doc_id=doc_id), draw_charts=False)
    conn.close()
    _, text = _document_text(data)
    assert "\x0c" not in text and "\x01" not in text and "\u202e" not in text


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Chromium")
def test_the_chart_renderer_loads_no_script_from_the_network(two_payload_notices, monkeypatch):
    """kaleido's page put MathJax from cdnjs.cloudflare.com beside the report's figures."""
    import kaleido._page_generator as page_generator

    monkeypatch.setenv("RECTIFY_CHROMIUM", "/usr/bin/chromium")
    pages: list[str] = []
    generate = page_generator.PageGenerator.generate_index

    def recorded(self) -> str:
        pages.append(generate(self))
        return pages[-1]

    monkeypatch.setattr(page_generator.PageGenerator, "generate_index", recorded)
    conn = connect(two_payload_notices)
    figure = charts.theme_count_bar(queries.theme_counts(conn, Filters()))
    conn.close()
    images = chart_images([figure])
    assert images and images[0].startswith(b"\x89PNG")
    sources = re.findall(r'src="([^"]+)"', pages[0])
    assert sources and all(s.startswith("file://") for s in sources), sources


def test_filter_values_from_a_link_cannot_break_the_briefing(report_db):  # noqa: F811
    conn = connect(report_db)
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    odd = Filters(doc_id=doc_id, villages=("\x01沙仔村\u202e",), themes=("\x0c水环境",))
    data = briefing_docx(conn, odd, draw_charts=False)  # python-docx raised on \x01
    conn.close()
    _, text = _document_text(data)
    assert "村(社区)：沙仔村" in text and "\u202e" not in text
