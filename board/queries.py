"""Named read queries over the loader's tables; each returns a DataFrame.

All SQL below is constant text: filter values travel only as bound `?` parameters, through
the temporary table macros that every cursor gets from `_cursor`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from board import db
from board.filters import Filters
from board.links import sentence_link

# Per-connection (TEMP) macros, so they work on a read-only database. A DuckDB cursor is
# its own connection, hence they are created for every cursor.
_MACROS = """
CREATE OR REPLACE TEMP MACRO item_key(p, n) AS coalesce(p, '') || '-' || CAST(n AS VARCHAR);

CREATE OR REPLACE TEMP MACRO filtered_indicators(
    f_doc, f_themes, f_topics, f_items, f_villages, f_kinds, f_periods
) AS TABLE
SELECT i.* FROM indicators i
WHERE (f_doc::VARCHAR IS NULL OR i.doc_id = f_doc::VARCHAR)
  AND (len(f_themes::VARCHAR[]) = 0 OR list_contains(f_themes::VARCHAR[], i.theme))
  AND (len(f_topics::VARCHAR[]) = 0 OR list_contains(f_topics::VARCHAR[], i.topic))
  AND (len(f_items::VARCHAR[]) = 0
       OR list_contains(f_items::VARCHAR[], item_key(i.part, i.item_no)))
  AND (len(f_villages::VARCHAR[]) = 0 OR list_has_any(i.villages, f_villages::VARCHAR[]))
  AND (len(f_kinds::VARCHAR[]) = 0 OR list_contains(f_kinds::VARCHAR[], i.kind))
  AND (len(f_periods::VARCHAR[]) = 0 OR list_contains(f_periods::VARCHAR[], i.period));

CREATE OR REPLACE TEMP MACRO filtered_items(
    f_doc, f_themes, f_topics, f_items, f_villages, f_kinds, f_periods
) AS TABLE
SELECT it.* FROM items it
WHERE (f_doc::VARCHAR IS NULL OR it.doc_id = f_doc::VARCHAR)
  AND (len(f_topics::VARCHAR[]) = 0 OR list_contains(f_topics::VARCHAR[], it.topic))
  AND (len(f_items::VARCHAR[]) = 0
       OR list_contains(f_items::VARCHAR[], item_key(it.part, it.item_no)))
  AND (
    (len(f_themes::VARCHAR[]) = 0 AND len(f_villages::VARCHAR[]) = 0
     AND len(f_kinds::VARCHAR[]) = 0 AND len(f_periods::VARCHAR[]) = 0)
    OR EXISTS (
      SELECT 1 FROM filtered_indicators(
          f_doc, f_themes, f_topics, f_items, f_villages, f_kinds, f_periods) fi
      WHERE fi.doc_id = it.doc_id AND fi.part = it.part AND fi.item_no = it.item_no)
    OR (len(f_themes::VARCHAR[]) = 0 AND len(f_kinds::VARCHAR[]) = 0
        AND len(f_periods::VARCHAR[]) = 0 AND EXISTS (
      SELECT 1 FROM village_mentions vm
      WHERE vm.doc_id = it.doc_id AND vm.part = it.part AND vm.item_no = it.item_no
        AND list_contains(f_villages::VARCHAR[], vm.village)))
  );

CREATE OR REPLACE TEMP MACRO filtered_mentions(
    f_doc, f_themes, f_topics, f_items, f_villages, f_kinds, f_periods
) AS TABLE
SELECT vm.*, it.topic FROM village_mentions vm
LEFT JOIN items it
  ON it.doc_id = vm.doc_id AND it.part = vm.part AND it.item_no = vm.item_no
WHERE (f_doc::VARCHAR IS NULL OR vm.doc_id = f_doc::VARCHAR)
  AND (len(f_topics::VARCHAR[]) = 0 OR list_contains(f_topics::VARCHAR[], it.topic))
  AND (len(f_items::VARCHAR[]) = 0
       OR list_contains(f_items::VARCHAR[], item_key(vm.part, vm.item_no)))
  AND (len(f_villages::VARCHAR[]) = 0 OR list_contains(f_villages::VARCHAR[], vm.village));
"""

_DOCUMENTS = """
SELECT d.doc_id, d.title, d.issuer, d.published, d.source_file, d.ingested_at,
       (SELECT count(*) FROM indicators i WHERE i.doc_id = d.doc_id) AS n_indicators
FROM documents d
ORDER BY d.published DESC NULLS LAST, d.title
"""

_INDICATORS = """
SELECT fi.doc_id, fi.indicator_id, fi.part, fi.item_no, it.title AS item_title, fi.topic,
       fi.theme, fi.metric, fi.value, fi.unit, fi.qualifier, fi.kind, fi.change, fi.period,
       fi.villages, fi.sentence, coalesce(fi.sentence_start, fi.char_start) AS sentence_at,
       fi.char_start, fi.char_end
FROM filtered_indicators(?, ?, ?, ?, ?, ?, ?) fi
LEFT JOIN items it
  ON it.doc_id = fi.doc_id AND it.part = fi.part AND it.item_no = fi.item_no
ORDER BY fi.doc_id, fi.char_start, fi.indicator_id
"""

_THEME_COUNTS = """
SELECT coalesce(theme, '其他') AS theme, count(*) AS figures, count(DISTINCT unit) AS units
FROM filtered_indicators(?, ?, ?, ?, ?, ?, ?)
GROUP BY ALL
ORDER BY figures DESC, theme
"""

# Per unit, the largest result figure; counts before rates, then units the theme uses most.
# Values of different units are never compared with one another.
_HEADLINE = """
WITH fi AS (
  SELECT * FROM filtered_indicators(?, ?, ?, ?, ?, ?, ?)
  WHERE theme = ? AND value IS NOT NULL
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
LIMIT ?
"""

_STATUS_COUNTS = """
SELECT status, count(*) AS items
FROM filtered_items(?, ?, ?, ?, ?, ?, ?)
GROUP BY status
ORDER BY CASE status WHEN '已完成' THEN 1 WHEN '推进中' THEN 2 WHEN '长期' THEN 3 ELSE 4 END
"""

_PROGRESS = """
SELECT p.doc_id, p.part, p.item_no, it.title AS item_title, p.metric, p.done, p.total,
       p.unit, CASE WHEN p.total > 0 THEN p.done / p.total END AS share, p.sentence,
       p.char_start AS sentence_at
FROM progress p
JOIN filtered_items(?, ?, ?, ?, ?, ?, ?) it
  ON it.doc_id = p.doc_id AND it.part = p.part AND it.item_no = p.item_no
ORDER BY p.doc_id, p.char_start
"""

_LEDGER = """
SELECT it.doc_id, it.part, it.item_no, it.label, it.title, it.topic, it.status,
       it.status_evidence, it.char_start AS sentence_at,
       (SELECT count(*) FROM indicators i
        WHERE i.doc_id = it.doc_id AND i.part = it.part AND i.item_no = it.item_no) AS figures,
       (SELECT count(*) FROM progress p
        WHERE p.doc_id = it.doc_id AND p.part = it.part AND p.item_no = it.item_no) AS progress_pairs
FROM filtered_items(?, ?, ?, ?, ?, ?, ?) it
ORDER BY it.doc_id, CASE it.part WHEN '二' THEN 0 ELSE 1 END, it.item_no
"""

_MEASURES = """
SELECT s.doc_id, s.part, s.item_no, s.section_id, s.label, s.title, s.char_start, s.char_end,
       s.char_start AS sentence_at
FROM sections s
JOIN filtered_items(?, ?, ?, ?, ?, ?, ?) it
  ON it.doc_id = s.doc_id AND it.part = s.part AND it.item_no = s.item_no
WHERE s.kind = 'measure'
ORDER BY s.doc_id, s.char_start
"""

_MENTIONS = """
SELECT doc_id, village, village_type, part, item_no, topic, sentence, char_start AS sentence_at
FROM filtered_mentions(?, ?, ?, ?, ?, ?, ?)
ORDER BY doc_id, char_start, village
"""

_VILLAGE_THEME = """
SELECT v.village, coalesce(fi.theme, '其他') AS theme, count(*) AS figures
FROM filtered_indicators(?, ?, ?, ?, ?, ?, ?) fi, unnest(fi.villages) AS v(village)
WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], v.village)
GROUP BY ALL
ORDER BY v.village, theme
"""

_DOCUMENT_TEXT = (
    "SELECT doc_id, title, published, source_file, text FROM documents WHERE doc_id = ?"
)

_DOCUMENT_META = (
    "SELECT doc_id, title, issuer, published, source_file FROM documents WHERE doc_id = ?"
)

_SPANS = """
SELECT indicator_id, char_start, char_end, metric, value, unit, qualifier, theme
FROM indicators
WHERE doc_id = ? AND char_start IS NOT NULL AND char_end > char_start
ORDER BY char_start
"""

_OPTIONS = {
    "themes": "SELECT DISTINCT theme AS v FROM indicators WHERE doc_id = ? AND theme IS NOT NULL ORDER BY v",
    "topics": "SELECT DISTINCT topic AS v FROM items WHERE doc_id = ? AND topic IS NOT NULL ORDER BY v",
    "villages": "SELECT DISTINCT village AS v FROM village_mentions WHERE doc_id = ? ORDER BY v",
    "kinds": "SELECT DISTINCT kind AS v FROM indicators WHERE doc_id = ? AND kind IS NOT NULL ORDER BY v",
    "periods": "SELECT DISTINCT period AS v FROM indicators WHERE doc_id = ? AND period IS NOT NULL ORDER BY v",
}

_ITEM_OPTIONS = """
SELECT item_key(part, item_no) AS key, part, item_no, label, title
FROM items WHERE doc_id = ? ORDER BY CASE part WHEN '二' THEN 0 ELSE 1 END, item_no
"""


def _cursor(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A fresh cursor (DuckDB connections are not shared across threads) with the macros."""
    cur = db.cursor(conn)
    cur.execute(_MACROS)
    return cur


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> pd.DataFrame:
    cur = _cursor(conn)
    try:
        return cur.execute(sql, params).df()
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
    return _frame(conn, _DOCUMENTS, [])


def filter_options(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[str]]:
    """The values each sidebar filter can take for one report."""
    out = {name: _frame(conn, sql, [doc_id])["v"].tolist() for name, sql in _OPTIONS.items()}
    return out


def item_options(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """The report's items with their key (part-item_no) and a display label."""
    df = _frame(conn, _ITEM_OPTIONS, [doc_id])
    df["display"] = [
        f"{'整改' if p == '二' else '长效'}({n}) {t or ''}".strip()
        for p, n, t in zip(df["part"], df["item_no"], df["title"], strict=True)
    ]
    return df


def indicators(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every figure that passes the filters, in reading order, with a 原文 link."""
    return _with_links(_frame(conn, _INDICATORS, filters.params()))


def theme_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """How many figures each theme has (a count, so themes of any unit compare)."""
    return _frame(conn, _THEME_COUNTS, filters.params())


def headline_figures(
    conn: duckdb.DuckDBPyConnection, filters: Filters, theme: str, limit: int = 3
) -> pd.DataFrame:
    """A theme's key figures: the largest result per unit, most-used units first."""
    return _with_links(_frame(conn, _HEADLINE, [*filters.params(), theme, limit]))


def item_status_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Number of items per status (已完成 / 推进中 / 长期)."""
    return _frame(conn, _STATUS_COUNTS, filters.params())


def progress(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """'Done of total' pairs of the filtered items, with the share done."""
    return _with_links(_frame(conn, _PROGRESS, filters.params()))


def ledger(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The rectification items with status and how many figures and progress pairs each has."""
    return _with_links(_frame(conn, _LEDGER, filters.params()))


def measures(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The measures (一是/二是…) of the filtered items, with their text cut from the report."""
    df = _frame(conn, _MEASURES, filters.params())
    texts = {doc: str(document(conn, doc).get("text") or "") for doc in df["doc_id"].unique()}
    df["text"] = [
        texts[d][int(a) : int(b)]
        for d, a, b in zip(df["doc_id"], df["char_start"], df["char_end"], strict=True)
    ]
    return _with_links(df)


def village_mentions(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every mention of a village or community, with or without a figure."""
    return _with_links(_frame(conn, _MENTIONS, filters.params()))


def village_theme_matrix(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Figures per village and theme (long form); only chosen villages when some are chosen."""
    chosen = list(filters.villages)
    return _frame(conn, _VILLAGE_THEME, [*filters.params(), chosen, chosen])


def document(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, object]:
    """One report's metadata and full normalised text (empty dict if unknown)."""
    df = _frame(conn, _DOCUMENT_TEXT, [doc_id])
    return df.iloc[0].to_dict() if len(df) else {}


def document_meta(conn: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, object]:
    """One report's title, issuer, date and file, without its text (empty dict if unknown)."""
    df = _frame(conn, _DOCUMENT_META, [doc_id])
    return df.iloc[0].to_dict() if len(df) else {}


def figure_spans(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """The character span of every figure of a report, for highlighting the text."""
    return _frame(conn, _SPANS, [doc_id])
