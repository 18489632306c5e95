"""Issue 10: what a leader reads is right (links, labels, headline rule, exports, status)."""

import io

import openpyxl
import pandas as pd
import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from test_app_pages import app, cold_app  # noqa: F401  (fixtures)

from board import export, queries
from board.db import connect
from board.headlines import HEADLINE_THEMES, pick_headlines
from board.labels import item_label, written_figure
from board.links import sentence_at


@pytest.fixture(scope="module")
def conn(report_db):  # noqa: F811
    c = connect(report_db)
    yield c
    c.close()


def test_every_figure_link_lights_the_sentence_holding_its_span(conn):
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    text = queries.document(conn, doc_id)["text"]
    figures = queries.indicators(conn, queries.Filters(doc_id=doc_id))
    assert len(figures) > 100
    wrong = []
    for f in figures.itertuples():
        start, end = sentence_at(text, int(f.sentence_at))
        if not (start <= f.char_start and f.char_end <= end and text[start:end] == f.sentence):
            wrong.append(f.indicator_id)
    assert wrong == []


@pytest.mark.parametrize(
    ("part", "no", "label", "expected"),
    [("二", 8, "(8)", "二(8)"), ("三", 9, "(九)", "三(九)"), ("二", 15, "15", "二(15)"),
     ("二", 5, None, "二(5)"), (None, None, None, "")],
)  # fmt: skip
def test_one_item_label(part, no, label, expected):
    assert item_label(part, no, label) == expected


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "raw", "expected"),
    [(200000.0, "近", "平方米", "20万平方米", "近20万 平方米"),
     (7094.3, "约", "亩", "7094.3亩", "约7094.3 亩"), (10.0, "余", "次", "10余次", "10余 次"),
     (8.0, None, "个", "8个", "8 个"), (5.0, None, "年", "五年", "5 年"), (None, None, "个", None, "")],
)  # fmt: skip
def test_figure_as_written(value, qualifier, unit, raw, expected):
    assert written_figure(value, qualifier, unit, raw) == expected


def test_default_headline_rule_pairs_first_then_what_the_item_is_about():
    figures = pd.DataFrame(
        {
            "metric": ["参与人数", "历史水浸点", "历史水浸点已完成整治", "清理河涌垃圾"],
            "subject": [None, None, None, None],
            "item_title": ["整治内涝水浸点与河涌"] * 4,
            "value": [11472.0, 21.0, 19.0, 30.0],
            "unit": ["人次", "处", "处", "吨"],
            "kind": ["result"] * 4,
            "char_start": [1, 2, 3, 4],
            "pair_done": [None, 19.0, None, None],
            "pair_total": [None, 21.0, None, None],
            "pair_member": [False, True, True, False],
        }
    )
    picked = pick_headlines(figures, (), 3)["metric"].tolist()
    assert picked == ["历史水浸点", "清理河涌垃圾", "参与人数"]  # pair once, then on-topic
    assert pick_headlines(figures, ("河涌",), 3)["metric"].tolist() == ["清理河涌垃圾"]


def test_status_strip_link_opens_the_ledger_narrowed_to_that_status(app):  # noqa: F811
    app.run()
    links = [el for el in app.get("page_link") if el.proto.label.startswith("推进中")]
    assert links, "the strip's 推进中 count is a link"
    app.query_params["status"] = "推进中"
    app.switch_page("pages/ledger.py").run()
    assert not app.exception
    ledger = next(df.value for df in app.dataframe if "status" in df.value.columns)
    assert set(ledger["status"]) == {"推进中"} and len(ledger) == int(
        links[0].proto.label.split()[1]
    )


def test_no_raw_values_on_any_page(app):  # noqa: F811
    app.run()
    for path in ("pages/overview.py", "pages/themes.py", "pages/villages.py",
                 "pages/ledger.py", "pages/source.py", "pages/export.py"):  # fmt: skip
        app.switch_page(path).run()
        assert not app.exception
        for df in app.dataframe:
            shown = df.value.astype(str)
            for raw in ("None", "nan", "NaT", "up", "down"):
                assert not (shown == raw).any().any(), (path, raw)


def test_exports_hold_the_ledger_and_survive_control_characters(conn):
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    f = queries.Filters(doc_id=doc_id)
    figures = export.figure_table(queries.indicators(conn, f))
    figures.iloc[0, figures.columns.get_loc("原句")] = "=1+1\x0c\x01页"
    ledger = export.ledger_table(queries.ledger(conn, f))
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(figures, [("来源", "x")], ledger)))
    assert book.sheetnames == ["指标", "台账", "说明"]
    sheet = book["指标"]
    assert sheet.auto_filter.ref and sheet["A1"].font.b
    col = list(figures.columns).index("原句") + 1
    assert sheet.cell(row=2, column=col).value == "'=1+1页"
    rows = list(book["台账"].iter_rows(values_only=True))
    assert rows[0][:4] == ("事项", "整改事项", "议题", "状态") and len(rows) == 1 + len(ledger)
    csv = export.csv_bytes(ledger).decode("utf-8-sig")
    assert "三(九)" in csv and "已完成 19/21 处" in csv


def test_attention_says_why_an_item_is_open_when_nothing_else_does(app, conn):  # noqa: F811
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    items = queries.attention(conn, queries.Filters(doc_id=doc_id)).head(12)
    bare = items[
        (items["progress_text"] == "")
        & (items["owner"] == "")
        & (items["deadline_text"] == "")
        & (items["status_evidence"] != "")
    ]
    assert not bare.empty  # the bundled report has such items
    app.run()
    shown = " ".join(m.value for m in app.markdown).replace("\\", "")
    for evidence in bare["status_evidence"]:
        assert f"判定依据：{evidence}" in shown


def test_every_headline_figure_carries_its_review_state(app, conn):  # noqa: F811
    app.run()
    figures = [h.value for h in app.html if 'class="headline-figure"' in h.value]
    states = ("机器识别", "已核实", "已更正", "有疑问")
    shown = [[s for s in states if f">{s}</span>" in figure] for figure in figures]
    assert shown and all(len(s) == 1 for s in shown)  # one readable mark on each tile figure
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    tiles = queries.headline_tiles(conn, queries.Filters(doc_id=doc_id), HEADLINE_THEMES)
    assert len(figures) == sum(len(t) for t in tiles.values())  # every headline figure
