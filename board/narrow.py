"""One report's 总览 rows for a village, narrowed in pandas from the rows without a village.

A leader trying villages one after another on 总览 ran six new DuckDB queries per village
(ledger, headline tiles, progress, theme counts, figures, the verified share: 60 ms at one
report, 260 ms at 1000, most of it planning the long filter text). Their results without
the village filter are already cached from the view before, and narrowing them to the
chosen villages is a few set tests per row. The rules are FILTERED_INDICATORS' and
FILTERED_ITEMS' (board.queries), and tests/test_query_narrow.py checks every output
against the SQL over many filter sets.

`fetch(name, args)` runs a board.queries function through the caller's cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from board import places, reviews
from board.filters import Filters

Fetch = Callable[[str, tuple], Any]
# The queries narrowed here; each takes (filters, *rest) as its arguments.
NARROWED = (
    "ledger",
    "progress",
    "indicators",
    "theme_counts",
    "headline_tiles",
    "verified_share",
    "verified_line",
)


# What a choice of villages keeps (its figures and items), worked out once per choice.
SELECTION = "village_rows"


def applies(name: str, args: tuple) -> bool:
    """Whether query `name(conn, *args)` is narrowed: one report, bare village names."""
    if name not in (*NARROWED, SELECTION) or not args or not isinstance(args[0], Filters):
        return False
    filters = args[0]
    # a choice 新村（民众街道） names its place: the SQL resolves it across notices
    bare = all(places.parse_choice(v)[1] is None for v in filters.villages)
    return filters.doc_id is not None and bool(filters.villages) and bare


def wide(filters: Filters) -> Filters:
    """The same filters without the villages."""
    return replace(filters, villages=())


def needs(name: str, args: tuple) -> list[tuple[str, tuple]]:
    """The wide queries narrowing `name(*args)` reads (to run them side by side first)."""
    base = wide(args[0])
    calls = [("indicators", (base,)), ("mention_keys", (base.doc_id,))]
    if name in ("ledger", "verified_share", "verified_line"):
        calls.append(("ledger", (base,)))
    if name == "progress":
        calls.append(("progress", (base,)))
    if name == "headline_tiles":
        calls.append(("headline_rows", (base, *args[1:2])))
    return calls


def narrowed(name: str, args: tuple, fetch: Fetch) -> Any:
    """name(conn, *args) computed from the wide results `fetch` gives (same rows)."""
    filters = args[0]
    if name == SELECTION:
        return _selection(filters, fetch)
    picked = fetch(SELECTION, (filters,))
    figures, keys = picked["figures"], picked["items"]
    if name == "indicators":
        return figures.copy()
    if name == "theme_counts":
        return _theme_counts(figures)
    if name in ("ledger", "progress"):
        return _rows_of_items(fetch(name, (wide(filters),)), keys)
    if name == "headline_tiles":
        return _tiles(filters, figures, args[1:], fetch)
    share = _share(figures, fetch("ledger", (filters,)))
    return share if name == "verified_share" else reviews.verified_line(share)


def _like_duckdb(df: pd.DataFrame) -> pd.DataFrame:
    """Rows kept from a frame DuckDB returned, with the dtypes DuckDB gives those rows.

    DuckDB returns a nullable column (Int32) only when the result holds a NULL there.
    """
    df = df.reset_index(drop=True)
    for column, dtype in df.dtypes.items():
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and not df[column].hasnans:
            numpy_type = getattr(dtype, "numpy_dtype", None)
            if numpy_type is not None:
                df[column] = df[column].to_numpy(dtype=numpy_type)
    return df


def _keys(doc: pd.Series, part: pd.Series, item_no: pd.Series) -> list[tuple | None]:
    """(doc_id, part, item_no) per row; None where part or number is unknown (NULL never IN)."""
    known = (part.notna() & item_no.notna()).tolist()
    return [
        (d, p, int(n)) if k else None
        for k, d, p, n in zip(known, doc.tolist(), part.tolist(), item_no.tolist(), strict=True)
    ]


def _selection(filters: Filters, fetch: Fetch) -> dict[str, object]:
    """The chosen villages' figures (list_has_any) and the items FILTERED_ITEMS passes:
    those with a figure that passes, or (villages alone) a mention of a chosen village."""
    chosen = frozenset(filters.villages)
    rows = fetch("indicators", (wide(filters),))
    keep = [v is not None and not chosen.isdisjoint(v) for v in rows["villages"].tolist()]
    figures = _like_duckdb(rows[np.array(keep, dtype=bool)])
    keys = set(_keys(figures["doc_id"], figures["part"], figures["item_no"]))
    if not (filters.themes or filters.kinds or filters.periods):
        mentions = fetch("mention_keys", (filters.doc_id,))
        mentions = mentions[mentions["village"].isin(chosen)]
        keys |= set(_keys(mentions["doc_id"], mentions["part"], mentions["item_no"]))
    keys.discard(None)
    return {"figures": figures, "items": frozenset(keys)}


def _rows_of_items(df: pd.DataFrame, keys: frozenset[tuple]) -> pd.DataFrame:
    keep = [k is not None and k in keys for k in _keys(df["doc_id"], df["part"], df["item_no"])]
    return _like_duckdb(df[np.array(keep, dtype=bool)])


def _theme_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """_THEME_COUNTS over the narrowed figures: figures and distinct units per theme."""
    counts: dict[str, int] = {}
    units: dict[str, set[str]] = {}
    for theme, unit in zip(figures["theme"].tolist(), figures["unit"].tolist(), strict=True):
        theme = "其他" if theme is None or theme != theme else theme
        counts[theme] = counts.get(theme, 0) + 1
        if unit is not None and unit == unit:
            units.setdefault(theme, set()).add(unit)
    order = sorted(counts, key=lambda t: (-counts[t], t))
    return pd.DataFrame(
        {
            "theme": pd.Series(order, dtype=object),
            "figures": pd.Series([counts[t] for t in order], dtype="int64"),
            "units": pd.Series([len(units.get(t, ())) for t in order], dtype="int64"),
        }
    )


def _tiles(
    filters: Filters, figures: pd.DataFrame, rest: tuple, fetch: Fetch
) -> dict[str, pd.DataFrame]:
    from board import queries

    themes = rest[0]
    chosen = set(zip(figures["doc_id"].tolist(), figures["indicator_id"].tolist(), strict=True))
    rows = fetch("headline_rows", (wide(filters), themes))
    pairs = zip(rows["doc_id"].tolist(), rows["indicator_id"].tolist(), strict=True)
    rows = _like_duckdb(rows[np.array([p in chosen for p in pairs], dtype=bool)])
    return queries.tiles_of(None, rows, filters, themes, *rest[1:])


def _share(figures: pd.DataFrame, items: pd.DataFrame) -> dict[str, int]:
    """reviews.verified_share over the narrowed figures and items."""
    reviewed = list(reviews.REVIEWED)
    return {
        "figures": len(figures),
        "figures_checked": int(figures["review_state"].isin(reviewed).sum()),
        "items": len(items),
        "items_checked": int(items["review_state"].isin(reviewed).sum()),
        "items_stated": int((items["status_basis"] == "明示").sum()),
        "items_inferred": int((items["status_basis"] == "推断").sum()),
    }
