"""Every query function with SQL and quotes in every filter: bound as values, tables intact."""

from __future__ import annotations

import inspect
import shutil
from dataclasses import fields, replace

import duckdb
import pandas as pd
import pytest
from board_db import report_db  # noqa: F401  (session fixture)

from board import compare, db, queries
from board.filters import Filters

DROP = "'; DROP TABLE indicators; --"
QUOTED_VILLAGE = "沙'仔\"村"
HOSTILE = (DROP, QUOTED_VILLAGE)
TABLES = ("documents", "sections", "items", "indicators", "progress", "village_mentions")


def hostile_filters(doc_id: str | None) -> Filters:
    """Both hostile strings in every list filter (and in doc_id when it is None)."""
    lists = {f.name: HOSTILE for f in fields(Filters) if f.name not in ("doc_id", "verified_only")}
    return Filters(doc_id=DROP if doc_id is None else doc_id, **lists)


@pytest.fixture
def writable(report_db, tmp_path):  # noqa: F811
    """A copy attached read-write, so a successful injection could really drop a table."""
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(report_db, path)
    conn = duckdb.connect(":memory:")
    conn.execute(f"ATTACH '{path}' AS {db.CATALOG}")
    conn.execute(f"USE {db.CATALOG}")
    db.create_review_views(conn, tmp_path / "no-verdicts.sqlite")
    yield conn, path
    conn.close()


def table_counts(conn) -> dict[str, int]:
    cur = db.cursor(conn)
    try:
        return {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    finally:
        cur.close()


def call_everything(conn, filters: Filters, text: str) -> dict[str, object]:
    """Each public query function once, hostile text in every argument it takes."""
    calls = {
        "documents": lambda: queries.documents(conn),
        "filter_options": lambda: queries.filter_options(conn, text),
        "item_options": lambda: queries.item_options(conn, text),
        "indicators": lambda: queries.indicators(conn, filters),
        "theme_counts": lambda: queries.theme_counts(conn, filters),
        "headline_figures": lambda: queries.headline_figures(conn, filters, text),
        "item_status_counts": lambda: queries.item_status_counts(conn, filters),
        "progress": lambda: queries.progress(conn, filters),
        "ledger": lambda: queries.ledger(conn, filters),
        "measures": lambda: queries.measures(conn, filters),
        "village_mentions": lambda: queries.village_mentions(conn, filters),
        "village_theme_matrix": lambda: queries.village_theme_matrix(conn, filters),
        "document": lambda: queries.document(conn, text),
        "document_meta": lambda: queries.document_meta(conn, text),
        "figure_spans": lambda: queries.figure_spans(conn, text),
        "status_summary": lambda: queries.status_summary(conn, filters),
        "attention": lambda: queries.attention(conn, filters),
        "status_by_topic": lambda: queries.status_by_topic(conn, filters),
        "village_scorecard": lambda: queries.village_scorecard(conn, filters),
        "comparisons": lambda: queries.comparisons(conn, filters),
        # Not filtered: the names and the 全部 stand-in of the reports there are.
        "notice_names": lambda: queries.notice_names(conn),
        "all_documents_meta": lambda: queries.all_documents_meta(conn),
        "additive": lambda: queries.additive(text, text),  # pure: no SQL
        # pure: rewrites the module's own filter tests; values stay bound parameters
        "specialised": lambda: queries.specialised(
            "SELECT ($doc IS NULL OR doc_id = $doc) AS x", {"doc": text}
        ),
        "headline_tiles": lambda: queries.headline_tiles(conn, filters, (text,)),
        "headline_rows": lambda: queries.headline_rows(conn, filters, (text,)),
        "tiles_of": lambda: queries.tiles_of(
            conn, queries.headline_rows(conn, filters, (text,)), filters, (text,)
        ),
        "mention_keys": lambda: queries.mention_keys(conn, text),
        "summary_of": lambda: queries.summary_of(queries.ledger(conn, filters)),
        "attention_of": lambda: queries.attention_of(queries.ledger(conn, filters)),
        "verified_share": lambda: queries.verified_share(conn, filters),
        "verified_line": lambda: queries.verified_line(conn, filters),
        "review_queue": lambda: queries.review_queue(conn, text),
        "unmatched_verdicts": lambda: queries.unmatched_verdicts(conn),
    }
    public = {
        name
        for name, fn in inspect.getmembers(queries, inspect.isfunction)
        if not name.startswith("_") and fn.__module__ == queries.__name__
    }
    assert public == set(calls), f"cover new query functions too: {public ^ set(calls)}"
    return {name: call() for name, call in calls.items()}


def is_empty(result: object) -> bool:
    if isinstance(result, pd.DataFrame):
        return result.empty
    if isinstance(result, dict):
        return all(is_empty(v) for v in result.values())
    if isinstance(result, (int, float)):
        return not result
    return not result


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("real_doc", [False, True], ids=["hostile doc_id", "real doc_id"])
def test_hostile_values_find_nothing_and_drop_nothing(writable, text, real_doc):
    conn, _ = writable
    before = table_counts(conn)
    doc_id = queries.documents(conn)["doc_id"].iloc[0] if real_doc else None
    results = call_everything(conn, hostile_filters(doc_id), text)
    assert len(results.pop("documents")) == 1  # the one report, untouched
    assert len(results.pop("notice_names")) == 1
    assert results.pop("all_documents_meta")["notices"] == 1
    results.pop("additive")
    assert text not in results.pop("specialised")  # never written into the SQL
    assert results.pop("verified_line")  # a sentence of zeros, always written
    assert results["status_summary"].pop("verified_line")
    assert [name for name, r in results.items() if not is_empty(r)] == []
    assert table_counts(conn) == before


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_notice_choices_compare_nothing(writable, text):
    """对比's notices come from the URL: matched as values, never run."""
    conn, _ = writable
    before = table_counts(conn)
    real = queries.documents(conn)["doc_id"].iloc[0]
    chosen = (text, real)
    assert len(compare.notices(conn, chosen)) == 1  # only the real one is found
    assert compare.subject_ranking(conn, (text,), text, text, text).empty
    assert compare.item_changes(conn, (text,)).empty
    assert compare.figure_changes(conn, (text,)).empty
    assert compare.place_summary(conn, (text,)).empty
    assert table_counts(conn) == before


@pytest.mark.parametrize(
    "field", [f.name for f in fields(Filters) if f.name not in ("doc_id", "verified_only")]
)
def test_one_hostile_field_narrows_to_nothing(writable, field):
    """Each list filter alone, beside a real report: the value is matched, never run."""
    conn, _ = writable
    before = table_counts(conn)
    real = Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])
    assert len(queries.indicators(conn, real)) > 0
    narrowed = replace(real, **{field: HOSTILE})
    assert queries.indicators(conn, narrowed).empty
    assert queries.theme_counts(conn, narrowed).empty
    # Mentions follow a theme, kind or period through their item's figures (issue 10).
    assert queries.village_mentions(conn, narrowed).empty
    assert table_counts(conn) == before


def test_hostile_values_survive_the_url_round_trip():
    filters = hostile_filters(None)
    again = Filters.from_query_params(filters.to_query_params())
    assert again == filters


def test_tables_intact_after_reading_through_the_app_connection(writable):
    conn, path = writable
    before = table_counts(conn)
    conn.close()  # DuckDB refuses one file attached read-write and read-only in one process
    app_conn = db.connect(path)
    call_everything(app_conn, hostile_filters(None), DROP)
    assert table_counts(app_conn) == before
    app_conn.close()
