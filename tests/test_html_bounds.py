"""A saved page's work is linear in its size: no per-block search among siblings.

bs4's insert_before/insert_after/replace_with look a tag up among its siblings (Tag.index)
first; once per paragraph, a 20 MB page of sibling paragraphs was still reading after
16 minutes (1.8 MB: 26 s). Counted, not timed.
"""

from __future__ import annotations

from bs4.element import Tag

from loaders.html_text import html_to_text

BLOCKS = 20_000


def test_reading_a_page_never_searches_siblings_per_block(monkeypatch):
    rows = "".join(f"<tr><td>村{i}</td><td>{i}处</td></tr>" for i in range(2_000))
    page = (
        "<html><head><meta charset='utf-8'><title>某镇关于巡察整改进展情况的通报</title></head>"
        "<body><article>"
        + "".join(f"<p>完成整治水浸点{i}处。</p>" for i in range(BLOCKS))
        + "一行<br>" * 2_000
        + f"<table>{rows}</table></article></body></html>"
    )
    searches = 0
    index = Tag.index

    def counted(self, element):
        nonlocal searches
        searches += len(self.contents) > 100  # a search among many siblings
        return index(self, element)

    monkeypatch.setattr(Tag, "index", counted)
    text = html_to_text(page)
    lines = text.splitlines()
    assert f"完成整治水浸点{BLOCKS - 1}处。" in lines and "村1999 | 1999处" in lines
    assert lines.count("一行") == 2_000
    assert searches == 0, searches  # was 2 per paragraph, 1 per row and per <br>
