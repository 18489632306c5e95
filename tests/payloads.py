"""A notice full of Markdown, HTML, Plotly and bidi payloads, for the pages' escaping tests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import NOTICES

BEACON = "127.0.0.2"  # any request to it means report text made the browser fetch something
TITLE_PAYLOAD = f"![](http://{BEACON}/title.png)[标题链接](http://{BEACON}/t)"
ITEM_PAYLOAD = f"<https://{BEACON}/auto>:red[红字]:material/home:$x^2$"
MEASURES = (
    f"一是![](http://{BEACON}/m.png)[链接](http://{BEACON}/l)完成整治12处。",
    f"二是<a href='http://{BEACON}/a'>链</a><b>粗</b>:material/home:新增停车位15个。",
    "三是:red[红色]:smile:$x$完成拆除\u202e53处\u202c。",
    f"四是 www.{BEACON}.example 与 a@{BEACON}.example 清理垃圾30吨。",
    f"五是#标题 **粗** `code` |表| 修建道路<img src=http://{BEACON}/i.png>8公里。",
    "六是<b>粗</b>新增停车位15个。",
    "七是<a>链</a>:material/home:整治水浸点19处。",
)
# What must never appear rendered: the literal texts the page must show instead.
LITERALS = (":red[", ":material/home:", "$x$", "<b>粗</b>", "**粗**", "![](")


def write_payload_notice(directory: Path) -> Path:
    """notice_a with payloads in its title, an item title and five measures of item (1)."""
    text = NOTICES[0].read_text(encoding="utf-8")
    title_at = text.index("关于")
    text = text[:title_at] + TITLE_PAYLOAD + text[title_at:]
    item = "(1)理论学习中心组学习不够规范"
    assert item in text
    text = text.replace(item, f"(1)理论学习{ITEM_PAYLOAD}中心组学习不够规范", 1)
    measure = "一是完善学习制度"
    head, tail = text.split(measure, 1)
    path = directory / "payloads.txt"
    path.write_text(head + "\n  ".join(MEASURES) + "\n\n  " + measure + tail, encoding="utf-8")
    return path


def payload_rounds_db(directory: Path) -> Path:
    """Two rounds of the payload notice (May and September) ingested into one database."""
    from loaders import ingest_files

    first = write_payload_notice(directory)
    later = directory / "later.txt"
    text = first.read_text(encoding="utf-8")
    later.write_text(
        text.replace("2025-05-06", "2025-09-06").replace("2025年5月6日", "2025年9月6日")
    )
    db = directory / "rectify.duckdb"
    ingest_files([first, later], db)
    return db
