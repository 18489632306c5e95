"""Filter tests the parameters decide are folded into the SQL text; the rows stay the same."""

from dataclasses import replace

import pandas as pd
import pytest
from board_db import report_db  # noqa: F401  (session fixture)

from board import queries
from board.db import connect
from board.filters import Filters

CASES = [  # (sql, params, expected)
    ("WHERE ($doc::VARCHAR IS NULL OR i.doc_id = $doc::VARCHAR)", {"doc": "a"},
     "WHERE ((i.doc_id = $doc::VARCHAR))"),
    ("WHERE ($doc::VARCHAR IS NULL OR i.doc_id = $doc::VARCHAR)", {"doc": None},
     "WHERE ((true))"),
    ("WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR\n)", {"doc": "a"},
     "WHERE (doc_id = $doc::VARCHAR)\n)"),
    ("(len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], t))", {"themes": []},
     "(true OR list_contains($themes::VARCHAR[], t))"),
    ("(len($themes::VARCHAR[]) = 0 OR x)", {"themes": ["水环境"]}, "(false OR x)"),
    ("(len($village_docs::VARCHAR[]) > 0 AND y)", {"village_docs": []}, "(false AND y)"),
    ("(len($village_docs::VARCHAR[]) > 0 AND y)", {"village_docs": ["d|新村"]}, "(true AND y)"),
    ("(NOT $verified::BOOLEAN OR z)", {"verified": True}, "(false OR z)"),
    ("(NOT $verified::BOOLEAN OR z) AND $verified::BOOLEAN", {"verified": False},
     "(true OR z) AND $verified::BOOLEAN"),
    ("(len($kinds::VARCHAR[]) = 0 OR k)", {}, "(len($kinds::VARCHAR[]) = 0 OR k)"),  # unknown
    ("WHERE doc_id = $doc", {"doc": "a"}, "WHERE doc_id = $doc"),  # no test to fold
]  # fmt: skip


@pytest.mark.parametrize(("sql", "params", "expected"), CASES)
def test_specialised_folds_decided_tests(sql, params, expected):
    assert queries.specialised(sql, params) == expected


QUERIES = ("ledger", "progress", "theme_counts", "indicators", "village_mentions",
           "village_scorecard", "village_theme_matrix", "measures", "status_by_topic")  # fmt: skip


@pytest.fixture(scope="module")
def conn(report_db):  # noqa: F811
    connection = connect(report_db)
    yield connection
    connection.close()


def test_same_rows_with_and_without_folding(conn, monkeypatch):
    doc = queries.documents(conn)["doc_id"].iloc[0]
    options = queries.filter_options(conn, doc)
    base = Filters(doc_id=doc)
    cases = [base, replace(base, doc_id=None)]
    for village in options["villages"][:2]:
        cases += [replace(f, villages=(village,)) for f in (base, replace(base, doc_id=None))]
    cases.append(replace(base, themes=tuple(options["themes"][:1]), kinds=("result",)))
    cases += [replace(f, verified_only=True) for f in list(cases)]
    folded = {(f, q): getattr(queries, q)(conn, f) for f in cases for q in QUERIES}
    monkeypatch.setattr(queries, "specialised", lambda sql, params: sql)
    for (f, q), frame in folded.items():
        pd.testing.assert_frame_equal(frame, getattr(queries, q)(conn, f), obj=f"{q} {f}")
