"""Named read queries over the loader's tables; each returns a DataFrame.

All SQL below is constant text, composed in this module from constant fragments: filter
values travel only as bound named parameters ($doc, $themes, ...), never spliced in.
The shared filters used to be TEMP table macros created on every cursor; creating them
cost more than most queries (about 4 ms a cursor, five cursors for filter_options), so
the filtered subqueries are now plain SQL text written once at import.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from board import db
from board.filters import Filters
from board.links import sentence_link


def _item_key(part: str, item_no: str) -> str:
    """SQL for the key of board.filters.item_key (part-item_no) over two column names."""
    return f"(coalesce({part}, '') || '-' || CAST({item_no} AS VARCHAR))"


# $doc: one report or NULL for all; the lists: empty means "all".
_INDICATOR_FILTER = f"""
($doc::VARCHAR IS NULL OR i.doc_id = $doc::VARCHAR)
  AND (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], i.theme))
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], i.topic))
  AND (len($items::VARCHAR[]) = 0
       OR list_contains($items::VARCHAR[], {_item_key("i.part", "i.item_no")}))
  AND (len($villages::VARCHAR[]) = 0 OR list_has_any(i.villages, $villages::VARCHAR[]))
  AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], i.kind))
  AND (len($periods::VARCHAR[]) = 0 OR list_contains($periods::VARCHAR[], i.period))
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

FILTERED_INDICATORS = f"(SELECT i.* FROM reviewed_indicators i WHERE {_INDICATOR_FILTER})"  # noqa: S608 - constant fragments, values are $parameters


def _item_row_key(alias: str) -> str:
    """SQL identifying an item across reports; NULL when part or number is unknown."""
    return f"({alias}.part || '-' || CAST({alias}.item_no AS VARCHAR) || '@' || {alias}.doc_id)"


# An item passes when it has a figure that passes, or (only villages chosen) a mention of
# one of the villages; with no figure-level filter, every item of the topic/item passes.
# Uncorrelated IN lists, not correlated EXISTS: DuckDB plans and runs them about twice
# as fast here (measured in docs/benchmarks.md).
FILTERED_ITEMS = f"""(
SELECT it.* FROM reviewed_items it
WHERE ($doc::VARCHAR IS NULL OR it.doc_id = $doc::VARCHAR)
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], it.topic))
  AND (len($items::VARCHAR[]) = 0
       OR list_contains($items::VARCHAR[], {_item_key("it.part", "it.item_no")}))
  AND (
    (len($themes::VARCHAR[]) = 0 AND len($villages::VARCHAR[]) = 0
     AND len($kinds::VARCHAR[]) = 0 AND len($periods::VARCHAR[]) = 0)
    OR {_item_row_key("it")} IN (
      SELECT {_item_row_key("i")} FROM reviewed_indicators i WHERE {_INDICATOR_FILTER})
    OR (len($themes::VARCHAR[]) = 0 AND len($kinds::VARCHAR[]) = 0
        AND len($periods::VARCHAR[]) = 0 AND {_item_row_key("it")} IN (
      SELECT {_item_row_key("vm")} FROM village_mentions vm
      WHERE ($doc::VARCHAR IS NULL OR vm.doc_id = $doc::VARCHAR)
        AND list_contains($villages::VARCHAR[], vm.village)))
  ))"""  # noqa: S608 - constant fragments, values are $parameters

FILTERED_MENTIONS = f"""(
SELECT vm.*, it.topic FROM village_mentions vm
LEFT JOIN reviewed_items it
  ON it.doc_id = vm.doc_id AND it.part = vm.part AND it.item_no = vm.item_no
WHERE ($doc::VARCHAR IS NULL OR vm.doc_id = $doc::VARCHAR)
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], it.topic))
  AND (len($items::VARCHAR[]) = 0
       OR list_contains($items::VARCHAR[], {_item_key("vm.part", "vm.item_no")}))
  AND (len($villages::VARCHAR[]) = 0 OR list_contains($villages::VARCHAR[], vm.village))
)"""  # noqa: S608 - constant fragments, values are $parameters

_DOCUMENTS = """
SELECT d.doc_id, d.title, d.issuer, d.published, d.source_file, d.ingested_at,
       coalesce(n.n_indicators, 0) AS n_indicators
FROM documents d
LEFT JOIN (SELECT doc_id, count(*) AS n_indicators FROM reviewed_indicators GROUP BY doc_id) n
  ON n.doc_id = d.doc_id
ORDER BY d.published DESC NULLS LAST, d.title
"""

_INDICATORS = f"""
SELECT fi.doc_id, fi.indicator_id, fi.part, fi.item_no, it.title AS item_title, fi.topic,
       fi.theme, fi.metric, fi.value, fi.unit, fi.qualifier, fi.kind, fi.change, fi.period,
       fi.villages, fi.sentence, coalesce(fi.sentence_start, fi.char_start) AS sentence_at,
       fi.char_start, fi.char_end
FROM {FILTERED_INDICATORS} fi
LEFT JOIN reviewed_items it
  ON it.doc_id = fi.doc_id AND it.part = fi.part AND it.item_no = fi.item_no
ORDER BY fi.doc_id, fi.char_start, fi.indicator_id
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_THEME_COUNTS = f"""
SELECT coalesce(theme, '其他') AS theme, count(*) AS figures, count(DISTINCT unit) AS units
FROM {FILTERED_INDICATORS}
GROUP BY ALL
ORDER BY figures DESC, theme
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

# Per unit, the largest result figure; counts before rates, then units the theme uses most.
# Values of different units are never compared with one another.
_HEADLINE = f"""
WITH fi AS (
  SELECT * FROM {FILTERED_INDICATORS}
  WHERE theme = $theme AND value IS NOT NULL
), per_unit AS (
  SELECT *,
         row_number() OVER (PARTITION BY unit ORDER BY (kind = 'result') DESC, value DESC,
                            char_start) AS rank_in_unit,
         count(*) OVER (PARTITION BY unit) AS unit_uses
  FROM fi
)
SELECT doc_id, indicator_id, part, item_no, topic, theme, metric, value, unit, qualifier,
       kind, period, sentence, coalesce(sentence_start, char_start) AS sentence_at
FROM per_unit
WHERE rank_in_unit = 1
ORDER BY (kind = 'result') DESC, (unit IN ('%', '比', '倍')) ASC, unit_uses DESC, value DESC
LIMIT $limit
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_STATUS_COUNTS = f"""
SELECT status, count(*) AS items
FROM {FILTERED_ITEMS}
GROUP BY status
ORDER BY CASE status WHEN '已完成' THEN 1 WHEN '推进中' THEN 2 WHEN '长期' THEN 3 ELSE 4 END
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_PROGRESS = f"""
SELECT p.doc_id, p.part, p.item_no, it.title AS item_title, p.metric, p.done, p.total,
       p.unit, CASE WHEN p.total > 0 THEN p.done / p.total END AS share, p.sentence,
       p.char_start AS sentence_at
FROM progress p
JOIN {FILTERED_ITEMS} it
  ON it.doc_id = p.doc_id AND it.part = p.part AND it.item_no = p.item_no
ORDER BY p.doc_id, p.char_start
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

# Counts are aggregated once per (item) for the chosen report, not per row.
_LEDGER = f"""
WITH figures AS (
  SELECT doc_id, part, item_no, count(*) AS n FROM reviewed_indicators
  WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR
  GROUP BY ALL
), pairs AS (
  SELECT doc_id, part, item_no, count(*) AS n FROM progress
  WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR
  GROUP BY ALL
)
SELECT it.doc_id, it.part, it.item_no, it.label, it.title, it.topic, it.status,
       it.status_evidence, it.char_start AS sentence_at,
       coalesce(f.n, 0) AS figures, coalesce(p.n, 0) AS progress_pairs
FROM {FILTERED_ITEMS} it
LEFT JOIN figures f ON f.doc_id = it.doc_id AND f.part = it.part AND f.item_no = it.item_no
LEFT JOIN pairs p ON p.doc_id = it.doc_id AND p.part = it.part AND p.item_no = it.item_no
ORDER BY it.doc_id, CASE it.part WHEN '二' THEN 0 ELSE 1 END, it.item_no
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_MEASURES = f"""
SELECT s.doc_id, s.part, s.item_no, s.section_id, s.label, s.title, s.char_start, s.char_end,
       s.char_start AS sentence_at,
       substring(d.text, s.char_start + 1, s.char_end - s.char_start) AS text
FROM sections s
JOIN {FILTERED_ITEMS} it
  ON it.doc_id = s.doc_id AND it.part = s.part AND it.item_no = s.item_no
JOIN documents d ON d.doc_id = s.doc_id
WHERE s.kind = 'measure' AND ($doc::VARCHAR IS NULL OR d.doc_id = $doc::VARCHAR)
ORDER BY s.doc_id, s.char_start
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_MENTIONS = f"""
SELECT doc_id, village, village_type, part, item_no, topic, sentence, char_start AS sentence_at
FROM {FILTERED_MENTIONS}
ORDER BY doc_id, char_start, village
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_VILLAGE_THEME = f"""
SELECT v.village, coalesce(fi.theme, '其他') AS theme, count(*) AS figures
FROM {FILTERED_INDICATORS} fi, unnest(fi.villages) AS v(village)
WHERE len($villages::VARCHAR[]) = 0 OR list_contains($villages::VARCHAR[], v.village)
GROUP BY ALL
ORDER BY v.village, theme
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_DOCUMENT_TEXT = (
    "SELECT doc_id, title, published, source_file, text FROM documents WHERE doc_id = $doc"
)

_DOCUMENT_META = (
    "SELECT doc_id, title, issuer, published, source_file FROM documents WHERE doc_id = $doc"
)

_SPANS = """
SELECT indicator_id, char_start, char_end, metric, value, unit, qualifier, theme
FROM reviewed_indicators
WHERE doc_id = $doc AND char_start IS NOT NULL AND char_end > char_start
ORDER BY char_start
"""

# Every filter's values for one report in one round trip: (filter name, value) rows.
_OPTIONS = """
SELECT 'themes' AS name, theme AS v FROM reviewed_indicators WHERE doc_id = $doc AND theme IS NOT NULL
UNION
SELECT 'kinds', kind FROM reviewed_indicators WHERE doc_id = $doc AND kind IS NOT NULL
UNION
SELECT 'periods', period FROM reviewed_indicators WHERE doc_id = $doc AND period IS NOT NULL
UNION
SELECT 'topics', topic FROM reviewed_items WHERE doc_id = $doc AND topic IS NOT NULL
UNION
SELECT 'villages', village FROM village_mentions WHERE doc_id = $doc
ORDER BY name, v
"""
_OPTION_NAMES = ("themes", "topics", "villages", "kinds", "periods")

_ITEM_OPTIONS = """
SELECT coalesce(part, '') || '-' || CAST(item_no AS VARCHAR) AS key, part, item_no, label, title
FROM reviewed_items WHERE doc_id = $doc ORDER BY CASE part WHEN '二' THEN 0 ELSE 1 END, item_no
"""


_PARAMETER = re.compile(r"\$([a-z_]+)")


def _named(filters: Filters, **extra: object) -> dict[str, object]:
    """The filters as named parameters ($doc, $themes, ...), plus any query-specific ones."""
    return {
        "doc": filters.doc_id,
        "themes": list(filters.themes),
        "topics": list(filters.topics),
        "items": list(filters.items),
        "villages": list(filters.villages),
        "kinds": list(filters.kinds),
        "periods": list(filters.periods),
        **extra,
    }


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> pd.DataFrame:
    """Run one query on a fresh cursor (connections are not shared across threads).

    DuckDB refuses parameters a query does not name, so only the named ones are passed.
    """
    used = set(_PARAMETER.findall(sql))
    cur = db.cursor(conn)
    try:
        return cur.execute(sql, {k: v for k, v in params.items() if k in used}).df()
    finally:
        cur.close()


def _with_links(df: pd.DataFrame) -> pd.DataFrame:
    """Add the 原文 link of each row's sentence (column `link`)."""
    df = df.copy()
    df["link"] = [
        sentence_link(doc, None if pd.isna(at) else int(at))
        for doc, at in zip(df["doc_id"], df["sentence_at"], strict=True)
    ]
    return df


def documents(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All ingested reports, newest first."""
    return _frame(conn, _DOCUMENTS, {})


def filter_options(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[str]]:
    """The values each sidebar filter can take for one report."""
    df = _frame(conn, _OPTIONS, {"doc": doc_id})
    return {name: df.loc[df["name"] == name, "v"].tolist() for name in _OPTION_NAMES}


def item_options(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """The report's items with their key (part-item_no) and a display label."""
    df = _frame(conn, _ITEM_OPTIONS, {"doc": doc_id})
    df["display"] = [
        f"{'整改' if p == '二' else '长效'}({n}) {t or ''}".strip()
        for p, n, t in zip(df["part"], df["item_no"], df["title"], strict=True)
    ]
    return df


def indicators(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every figure that passes the filters, in reading order, with a 原文 link."""
    return _with_links(_frame(conn, _INDICATORS, _named(filters)))


def theme_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """How many figures each theme has (a count, so themes of any unit compare)."""
    return _frame(conn, _THEME_COUNTS, _named(filters))


def headline_figures(
    conn: duckdb.DuckDBPyConnection, filters: Filters, theme: str, limit: int = 3
) -> pd.DataFrame:
    """A theme's key figures: the largest result per unit, most-used units first."""
    return _with_links(_frame(conn, _HEADLINE, _named(filters, theme=theme, limit=limit)))


def item_status_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Number of items per status (已完成 / 推进中 / 长期)."""
    return _frame(conn, _STATUS_COUNTS, _named(filters))


def progress(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """'Done of total' pairs of the filtered items, with the share done."""
    return _with_links(_frame(conn, _PROGRESS, _named(filters)))


def ledger(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The rectification items with status and how many figures and progress pairs each has."""
    return _with_links(_frame(conn, _LEDGER, _named(filters)))


def measures(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The measures (一是/二是…) of the filtered items, with their text cut from the report."""
    return _with_links(_frame(conn, _MEASURES, _named(filters)))


def village_mentions(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every mention of a village or community, with or without a figure."""
    return _with_links(_frame(conn, _MENTIONS, _named(filters)))


def village_theme_matrix(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Figures per village and theme (long form); only chosen villages when some are chosen."""
    return _frame(conn, _VILLAGE_THEME, _named(filters))


def document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, object]:
    """One report's metadata and full normalised text (empty dict if unknown)."""
    df = _frame(conn, _DOCUMENT_TEXT, {"doc": doc_id})
    return df.iloc[0].to_dict() if len(df) else {}


def document_meta(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, object]:
    """One report's title, issuer, date and file, without its text (empty dict if unknown)."""
    df = _frame(conn, _DOCUMENT_META, {"doc": doc_id})
    return df.iloc[0].to_dict() if len(df) else {}


def figure_spans(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """The character span of every figure of a report, for highlighting the text."""
    return _frame(conn, _SPANS, {"doc": doc_id})
