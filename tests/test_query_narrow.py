"""A village on one report narrowed in pandas gives the rows the SQL gives (board.narrow)."""

from dataclasses import replace

import pandas as pd
import pytest
from board_db import report_db  # noqa: F401  (session fixture)

from board import narrow, queries
from board.db import connect
from board.filters import Filters
from board.headlines import HEADLINE_THEMES


@pytest.fixture(scope="module")
def conn(report_db):  # noqa: F811
    connection = connect(report_db)
    yield connection
    connection.close()


def filter_sets(conn) -> list[Filters]:
    """Villages alone, in pairs, with a theme, kind, period, topic or item; verified on/off."""
    doc = queries.documents(conn)["doc_id"].iloc[0]
    options = queries.filter_options(conn, doc)
    items = list(queries.item_options(conn, doc)["key"])
    villages = options["villages"]
    base = Filters(doc_id=doc)
    cases = [replace(base, villages=(v,)) for v in villages[:12]]
    cases += [replace(base, villages=tuple(villages[i : i + 2])) for i in range(0, 8, 2)]
    cases += [replace(base, villages=("不存在的村",))]
    for v in villages[:6]:
        one = replace(base, villages=(v,))
        cases += [
            replace(one, themes=tuple(options["themes"][:2])),
            replace(one, kinds=("result",)),
            replace(one, periods=tuple(options["periods"][:1])),
            replace(one, topics=tuple(options["topics"][:1])),
            replace(one, items=tuple(items[:3])),
        ]
    return cases + [replace(f, verified_only=True) for f in cases[::3]]


CALLS = [(name, ()) for name in narrow.NARROWED if name != "headline_tiles"]
CALLS.append(("headline_tiles", (HEADLINE_THEMES,)))


def test_narrowed_rows_equal_the_sql(conn):
    def sql(name, args):
        return getattr(queries, name)(conn, *args)

    memo = {}

    def fetch(name, args):  # as ui.page's cache does: narrowed where it applies, kept
        if (name, args) not in memo:
            narrowed = narrow.applies(name, args)
            memo[name, args] = narrow.narrowed(name, args, fetch) if narrowed else sql(name, args)
        return memo[name, args]

    cases = filter_sets(conn)
    assert len(cases) > 40
    seen_rows = 0
    for filters in cases:
        for name, rest in CALLS:
            args = (filters, *rest)
            assert narrow.applies(name, args)
            got = narrow.narrowed(name, args, fetch)
            want = sql(name, args)
            where = f"{name} {filters}"
            if isinstance(want, pd.DataFrame):
                pd.testing.assert_frame_equal(got, want, obj=where)
                seen_rows += len(want)
            elif name == "headline_tiles":
                assert list(got) == list(want), where
                for theme in want:
                    pd.testing.assert_frame_equal(got[theme], want[theme], obj=f"{where} {theme}")
            else:
                assert got == want, where
    assert seen_rows > 0  # the villages do hold figures and items


APPLIES = [  # (query, filters, narrowed?)
    ("ledger", Filters(doc_id="d", villages=("新村",)), True),
    ("ledger", Filters(doc_id="d"), False),  # no village: the SQL, cached as before
    ("ledger", Filters(doc_id=None, villages=("新村",)), False),  # 全部: across notices
    ("ledger", Filters(doc_id="d", villages=("新村（民众街道）",)), False),  # names its place
    ("village_mentions", Filters(doc_id="d", villages=("新村",)), False),
    ("headline_tiles", Filters(doc_id="d", villages=("新村",)), True),
]  # fmt: skip


@pytest.mark.parametrize(("name", "filters", "expected"), APPLIES)
def test_which_queries_are_narrowed(name, filters, expected):
    assert narrow.applies(name, (filters,)) is expected
