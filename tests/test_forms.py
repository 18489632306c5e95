"""One notice, every form: the same figures from UTF-8, GB18030, UTF-16, a saved page, a .docx."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import parse_report
from loaders.reading import read_report
from tests.conftest import BUNDLED, NOTICES, TOWNS
from tests.forms import write_all_forms


def figure_rows(path):
    parsed = parse_report(read_report(path))
    rows = [
        (
            i["part"],
            i["item_no"],
            i["value"],
            i["unit"],
            i["qualifier"],
            i["kind"],
            i["theme"],
            tuple(sorted(i["villages"])),
            i["sentence"],
        )
        for i in parsed.indicators
    ]
    return parsed.doc, rows


@pytest.mark.parametrize("source", [*NOTICES, *TOWNS, BUNDLED], ids=lambda p: p.stem)
def test_every_form_gives_the_same_figures(source, tmp_path):
    base_doc, base = figure_rows(source)
    assert base
    for form, path in write_all_forms(source, tmp_path).items():
        doc, rows = figure_rows(path)
        assert rows == base, form
        assert doc["doc_id"] == base_doc["doc_id"], form
        assert (doc["title"], doc["published"]) == (base_doc["title"], base_doc["published"]), form


def test_saved_page_keeps_only_the_article(tmp_path):
    paths = write_all_forms(NOTICES[0], tmp_path)
    text = parse_report(read_report(paths["html_gbk"])).doc["text"]
    for chrome in ("首页", "政务公开", "版权所有", "统计代码", "相关链接", "console", "color: red"):
        assert chrome not in text
    assert "&gt;" not in text and "&amp;" not in text


SAVED_PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))


@pytest.mark.parametrize("page", SAVED_PAGES, ids=lambda p: p.stem)
def test_saved_pages_of_six_site_layouts_give_the_text_forms_figures(page):
    """Pages saved from six kinds of government sites (TRS, table layout, Word export,
    <div> paragraphs, <section>s, UEditor), made by someone who never saw the loader."""
    source = next(p for p in [*NOTICES, *TOWNS, BUNDLED] if p.stem == page.stem)
    base_doc, base = figure_rows(source)
    doc, rows = figure_rows(page)
    assert rows == base
    assert doc["doc_id"] == base_doc["doc_id"]
