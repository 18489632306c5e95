"""Queries over a real ingested report: filters narrow, values are bound, nothing is written."""

import os
import shutil
from dataclasses import replace

import duckdb
import pytest
from board_db import report_db  # noqa: F401  (session fixture)

from board import queries
from board.db import DatabaseUnavailable, connect, file_signature
from board.db import cursor as db_cursor
from board.filters import Filters, item_key


@pytest.fixture(scope="module")
def conn(report_db):  # noqa: F811
    connection = connect(report_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def doc(conn):
    return Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])


def test_documents_lists_the_report(conn):
    docs = queries.documents(conn)
    assert len(docs) == 1
    assert docs["n_indicators"].iloc[0] > 0


def test_village_filter_narrows_to_that_village(conn, doc):
    every = queries.indicators(conn, doc)
    village = queries.filter_options(conn, doc.doc_id)["villages"][0]
    narrowed = queries.indicators(conn, replace(doc, villages=(village,)))
    assert len(narrowed) < len(every)
    assert all(village in list(v) for v in narrowed["villages"])
    mentions = queries.village_mentions(conn, replace(doc, villages=(village,)))
    assert len(mentions) > 0 and set(mentions["village"]) == {village}


def test_theme_filter_keeps_only_its_figures(conn, doc):
    counts = queries.theme_counts(conn, doc)
    theme = counts["theme"].iloc[0]
    figures = queries.indicators(conn, replace(doc, themes=(theme,)))
    assert set(figures["theme"]) == {theme}
    assert len(figures) == counts["figures"].iloc[0]


def test_theme_counts_add_up_to_all_figures(conn, doc):
    assert queries.theme_counts(conn, doc)["figures"].sum() == len(queries.indicators(conn, doc))


def test_every_figure_row_links_to_its_sentence(conn, doc):
    figures = queries.indicators(conn, doc)
    assert figures["link"].str.startswith("source?doc=").all()
    text = queries.document(conn, doc.doc_id)["text"]
    for row in figures.head(50).itertuples():
        assert text[row.char_start : row.char_end] in row.sentence or row.sentence == ""


def test_item_filter_uses_part_and_number(conn, doc):
    items = queries.item_options(conn, doc.doc_id)
    first = items.iloc[0]
    key = item_key(first["part"], int(first["item_no"]))
    ledger = queries.ledger(conn, replace(doc, items=(key,)))
    assert len(ledger) == 1 and ledger["item_no"].iloc[0] == first["item_no"]
    figures = queries.indicators(conn, replace(doc, items=(key,)))
    assert (figures["item_no"] == first["item_no"]).all()


def test_ledger_status_counts_match_the_ledger(conn, doc):
    ledger = queries.ledger(conn, doc)
    counts = queries.item_status_counts(conn, doc)
    assert counts["items"].sum() == len(ledger)
    assert set(counts["status"]) <= {"已完成", "推进中", "长期"}


def test_headline_figures_follow_themes_toml_and_show_a_pair_once(conn, doc):
    from board.headlines import headline_subjects

    for theme in ("拆违清拆", "隐患整改", "水环境", "耕地保护"):
        top = queries.headline_figures(conn, doc, theme)
        assert 0 < len(top) <= 3
        assert set(top["theme"]) <= {theme}
        subjects = headline_subjects(theme)
        assert all(any(s in m for s in subjects) for m in top["metric"])  # listed subjects only
        # a done-of-total pair is one row: its done figure never stands beside its total
        totals = top[top["pair_total"].notna()]
        assert not any(
            (top["value"] == row.pair_done).any()
            and (top["sentence_at"] == row.sentence_at).any()
            and row.pair_done != row.pair_total
            for row in totals.itertuples()
        )


def test_progress_shares_are_done_over_total(conn, doc):
    progress = queries.progress(conn, doc)
    ok = progress[progress["total"] > 0]
    assert ((ok["share"] - ok["done"] / ok["total"]).abs() < 1e-9).all()


def test_measures_are_cut_from_the_text(conn, doc):
    measures = queries.measures(conn, doc)
    text = queries.document(conn, doc.doc_id)["text"]
    for row in measures.head(20).itertuples():
        assert row.text == text[row.char_start : row.char_end]


def test_village_matrix_restricted_to_chosen_villages(conn, doc):
    village = queries.filter_options(conn, doc.doc_id)["villages"][0]
    matrix = queries.village_theme_matrix(conn, replace(doc, villages=(village,)))
    assert set(matrix["village"]) <= {village}


@pytest.mark.parametrize(
    "hostile", ["x' OR '1'='1", "沙仔村'); DROP TABLE indicators; --", "%", "\\"]
)
def test_filter_values_are_bound_not_spliced(conn, doc, hostile):
    filters = replace(doc, themes=(hostile,), villages=(hostile,), periods=(hostile,))
    assert queries.indicators(conn, filters).empty
    assert queries.ledger(conn, replace(doc, topics=(hostile,))).empty
    assert len(queries.indicators(conn, doc)) > 0  # still there


def test_connection_is_read_only(conn):
    with pytest.raises(duckdb.Error):
        db_cursor(conn).execute("DELETE FROM indicators")


def test_connect_explains_missing_and_broken_files(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="不存在"):
        connect(tmp_path / "none.duckdb")
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseUnavailable, match="无法打开数据库"):
        connect(broken)


def test_signature_changes_when_the_file_is_replaced(report_db, tmp_path):  # noqa: F811
    live = tmp_path / "live.duckdb"
    shutil.copy(report_db, live)
    before = file_signature(live)
    fresh = tmp_path / "fresh.duckdb"
    shutil.copy(report_db, fresh)
    os.replace(fresh, live)
    assert file_signature(live) != before
    assert file_signature(tmp_path / "missing") is None


def test_a_new_connection_sees_the_replaced_file_while_an_old_one_is_open(report_db, tmp_path):  # noqa: F811
    from loaders import ingest_files
    from tests.conftest import NOTICES

    live = tmp_path / "live.duckdb"
    shutil.copy(report_db, live)
    old = connect(live)
    before = set(queries.documents(old)["doc_id"])
    replacement = tmp_path / "next.duckdb"
    ingest_files([NOTICES[0]], replacement)
    os.replace(replacement, live)
    new = connect(live)
    after = set(queries.documents(new)["doc_id"])
    assert after != before and len(after) == 1
    assert set(queries.documents(old)["doc_id"]) == before  # the old one still reads its file
    old.close()
    new.close()


def test_the_item_filter_names_items_as_every_other_view_does(conn, doc):
    """One name per item everywhere (issue 10): the sidebar's item choice says 二(8) / 三(九)
    as the ledger and every figure's source do, not 整改(8) / 长效(9)."""
    options = queries.item_options(conn, doc.doc_id)
    ledger = queries.ledger(conn, doc)
    keys = ledger["part"] + "-" + ledger["item_no"].astype(str)
    names = dict(zip(keys, ledger["item"], strict=True))
    assert len(options) == len(ledger) > 0
    for key, display in zip(options["key"], options["display"], strict=True):
        assert display.startswith(names[key] + " "), (key, display, names[key])
