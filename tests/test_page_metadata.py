"""A saved government page's meta tags and date lines give the notice's title, date and
issuer (DESIGN.md, Inputs the loader reads): ArticleTitle, PubDate, ContentSource."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.extract import parse_report
from loaders.reading import read_report

BODY = (
    "<p>根据县委统一部署,现将巡察整改进展情况通报如下。</p>"
    "<p>一、整改工作开展情况</p><p>召开专题会议3次,研究整改问题12个。</p>"
    "<p>二、巡察反馈问题整改落实情况</p><p>(一)关于学习不深入的问题</p>"
    "<p>一是开展集中学习6次。</p><p>(二)关于资金管理不规范的问题</p><p>一是追回资金3万元。</p>"
)
TITLE = "关于县委第三轮巡察整改进展情况的通报"


def page(tmp_path, head: str, body: str = BODY, title: str = TITLE):
    path = tmp_path / "notice.html"
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}<title>{TITLE}_石坪镇</title>'
        f'</head><body><div class="nav">首页 | 政务公开</div><div class="article">'
        f"<h1>{title}</h1>{body}</div><div class='footer'>主办:本网 来源:本网</div>"
        "</body></html>",
        encoding="utf-8",
    )
    return parse_report(read_report(path)).doc


def test_meta_tags_give_title_date_and_issuer_where_the_text_names_none(tmp_path):
    doc = page(
        tmp_path,
        '<meta name="ArticleTitle" content="关于县委第三轮巡察整改进展情况的通报">'
        '<meta name="PubDate" content="2025-03-05 10:21">'
        '<meta name="ContentSource" content="青溪县石坪镇人民政府">',
    )
    assert doc["title"] == TITLE
    assert doc["published"] == dt.date(2025, 3, 5)
    assert (doc["issuer"], doc["place"]) == ("青溪县石坪镇人民政府", "石坪镇")
    assert doc["round"] == "县委第三轮"


def test_issuer_in_the_title_wins_over_content_source(tmp_path):
    doc = page(
        tmp_path,
        '<meta name="ContentSource" content="青溪县人民政府办公室">',
        title="中共青溪县石坪镇委员会" + TITLE,
    )
    assert doc["issuer"] == "中共青溪县石坪镇委员会"
    assert doc["place"] == "石坪镇"


def test_a_website_named_as_source_is_not_the_issuer(tmp_path):
    doc = page(tmp_path, '<meta name="ContentSource" content="青溪县人民政府网">')
    assert doc["issuer"] is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("发布日期:2025-04-27", dt.date(2025, 4, 27)),
        ("成文日期:2025年4月20日", dt.date(2025, 4, 20)),
        ("日期:2025/04/18", dt.date(2025, 4, 18)),
        ("发布时间: 2025 年 4 月 9 日 10:22 来源:中共青溪县石坪镇委员会", dt.date(2025, 4, 9)),
    ],
)
def test_date_lines_on_the_page_give_the_publication_date(tmp_path, line, date):
    doc = page(
        tmp_path,
        '<meta name="PubDate" content="2024-01-01 08:00">',
        f'<div class="info">{line}</div>' + BODY,
    )
    assert doc["published"] == date


def test_pub_date_written_in_chinese_and_source_line_on_the_page(tmp_path):
    doc = page(
        tmp_path,
        '<meta name="PubDate" content="2025年03月05日">',
        "<p>来源:中共青溪县石坪镇委员会</p>" + BODY,
    )
    assert doc["published"] == dt.date(2025, 3, 5)
    assert (doc["issuer"], doc["place"]) == ("中共青溪县石坪镇委员会", "石坪镇")


def test_page_and_its_text_copy_share_doc_id(tmp_path):
    head = (
        '<meta name="PubDate" content="2025-03-05 10:21">'
        '<meta name="ContentSource" content="青溪县石坪镇人民政府">'
    )
    doc = page(tmp_path, head)
    text = tmp_path / "notice.txt"
    text.write_text(
        f"{TITLE}\n发布日期:2025-03-05\n" + BODY.replace("<p>", "").replace("</p>", "\n"),
        encoding="utf-8",
    )
    assert parse_report(read_report(text)).doc["doc_id"] == doc["doc_id"]
