"""What a leader sees of the labels: the headline figures name the work done, chart labels
are cut only between words, and no raw None/nan reaches a label."""

from __future__ import annotations

import re

import pytest
from board_db import report_db  # noqa: F401  (session fixture)
from test_app_pages import app, cold_app  # noqa: F401  (fixtures)

from board import queries
from board.charts import short_label
from board.db import connect
from board.headlines import HEADLINE_THEMES
from board.labels import change_shown, figure_label, whole_words


@pytest.mark.parametrize(
    ("metric", "subject", "summed", "label"),
    [
        ("拆除田园窝棚", "田园窝棚", False, "拆除田园窝棚"),  # one figure: what was done
        ("拆除田园窝棚", "田园窝棚", True, "田园窝棚"),  # a sum over notices: what is counted
        (None, "路灯", False, "路灯"),
        ("新增车位", float("nan"), True, "新增车位"),
        (None, None, False, ""),
    ],
)
def test_figure_label(metric, subject, summed, label):
    assert figure_label(metric, subject, summed) == label


@pytest.mark.parametrize(
    ("change", "label", "shown"),
    [("up", "通水率提升", ""), ("down", "事故起数下降", ""), ("up", "通水率", "上升"),
     ("down", "事故起数", "下降"), (None, "通水率", "")],
)  # fmt: skip
def test_a_change_the_label_says_is_not_said_twice(change, label, shown):
    assert change_shown(change, label) == shown


@pytest.mark.parametrize(
    "text",
    ["巩固深化基层监督检查发现问题整改成效", "高标准建设滨江片区“三横两纵”路网工程",
     "统筹推进农村生活污水治理和黑臭水体整治", "短标题"],
)  # fmt: skip
def test_chart_labels_are_cut_only_between_words(text):
    import jieba

    cut = whole_words(text, 14)
    assert len(cut) <= 14
    if cut == text:
        return
    assert cut.endswith("…")
    kept = cut.removesuffix("…")
    ends = {0}
    for w in jieba.lcut(text, HMM=False):
        ends.add(max(ends) + len(w))
    assert text.startswith(kept) and len(kept) in ends  # a whole-word prefix
    assert kept.count("“") == kept.count("”")
    assert short_label(text + "，其余", 14) == cut


@pytest.fixture(scope="module")
def conn(report_db):  # noqa: F811
    c = connect(report_db)
    yield c
    c.close()


def test_headline_figures_show_the_label_that_says_what_was_done(app, conn):  # noqa: F811
    app.run()
    shown = [h.value for h in app.html if 'class="headline-figure"' in h.value]
    labels = [re.search(r'class="hf-label">([^<]*)<', h).group(1) for h in shown]
    doc_id = queries.documents(conn)["doc_id"].iloc[0]
    tiles = queries.headline_tiles(conn, queries.Filters(doc_id=doc_id), HEADLINE_THEMES)
    want = [
        figure_label(r.metric, r.subject, False) for t in tiles.values() for r in t.itertuples()
    ]
    assert labels == want and labels
    assert not any(w in " ".join(labels) for w in ("None", "nan", "…"))
    assert all(2 <= len(label) <= 14 for label in labels)


@pytest.mark.parametrize("path", ["pages/themes.py", "pages/villages.py", "pages/ledger.py"])
def test_every_label_in_a_page_table_is_readable(app, path):  # noqa: F811
    """主题, 村(社区) and 台账's figure tables: a 2-14 character label on every row, never
    None, nan or a word cut with …"""
    from test_app_pages import figure_tables

    app.run()
    if path == "pages/villages.py":
        app.multiselect(key="filter_villages").set_value(["沙仔村"]).run()
    app.switch_page(path).run()
    assert not app.exception
    labels = [m for t in figure_tables(app) for m in t["metric"].tolist()]
    assert labels or path == "pages/ledger.py"
    for label in labels:
        assert isinstance(label, str) and 2 <= len(label) <= 14, label
        assert not any(w in label for w in ("None", "nan", "…")), label
