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

from board import db, places, reviews
from board.filters import Filters
from board.frames import subject_groups
from board.headlines import headline_subjects, pick_headlines
from board.labels import (
    OVERALL,
    STATUS_ORDER,
    VERIFIED_STATES,
    blank,
    date_or_blank,
    item_label,
    pair_text,
)
from board.links import sentence_link


def _item_key(part: str, item_no: str) -> str:
    """SQL for the key of board.filters.item_key (part-item_no) over two column names."""
    return f"(coalesce({part}, '') || '-' || CAST({item_no} AS VARCHAR))"


# 只看已核实 keeps what a reviewer confirmed or corrected (board.labels.VERIFIED_STATES).
_VERIFIED = "[" + ", ".join(f"'{s}'" for s in VERIFIED_STATES) + "]"


# A village is one place's: two towns may each have a 新村. Across notices (全部) a village
# whose name recurs in another place is chosen as 新村（民众街道）; _frame resolves such
# choices to $village_docs, 'doc_id|新村' for each notice of that place (board.villages).
def _village_of_doc(villages: str, doc: str) -> str:
    """SQL: one of the list `villages` of notice `doc` is a village chosen with its place."""
    return (
        f"(len($village_docs::VARCHAR[]) > 0 AND list_has_any("
        f"list_transform({villages}, lambda v: {doc} || '|' || v), $village_docs::VARCHAR[]))"
    )


def _village_chosen(village: str, doc: str) -> str:
    """SQL: the village `village` of notice `doc` is one of the chosen villages."""
    return (
        f"(list_contains($villages::VARCHAR[], {village})"
        f" OR list_contains($village_docs::VARCHAR[], {doc} || '|' || {village}))"
    )


# The place a notice concerns, as villages are told apart by (documents d).
PLACE = "coalesce(nullif(trim(d.place), ''), d.title, d.doc_id)"

# $doc: one report or NULL for all; the lists: empty means "all".
_INDICATOR_FILTER = f"""
($doc::VARCHAR IS NULL OR i.doc_id = $doc::VARCHAR)
  AND (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], i.theme))
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], i.topic))
  AND (len($items::VARCHAR[]) = 0
       OR list_contains($items::VARCHAR[], {_item_key("i.part", "i.item_no")}))
  AND (len($villages::VARCHAR[]) = 0 OR list_has_any(i.villages, $villages::VARCHAR[])
       OR {_village_of_doc("i.villages", "i.doc_id")})
  AND (len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], i.kind))
  AND (len($periods::VARCHAR[]) = 0 OR list_contains($periods::VARCHAR[], i.period))
  AND (NOT $verified::BOOLEAN OR list_contains({_VERIFIED}, i.review_state))
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
  AND (NOT $verified::BOOLEAN OR list_contains({_VERIFIED}, it.review_state))
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
        AND {_village_chosen("vm.village", "vm.doc_id")}))
  ))"""  # noqa: S608 - constant fragments, values are $parameters

FILTERED_MENTIONS = f"""(
SELECT vm.*, it.topic, it.label AS item_label, {PLACE} AS place FROM village_mentions vm
JOIN documents d ON d.doc_id = vm.doc_id
LEFT JOIN reviewed_items it
  ON it.doc_id = vm.doc_id AND it.part = vm.part AND it.item_no = vm.item_no
WHERE ($doc::VARCHAR IS NULL OR vm.doc_id = $doc::VARCHAR)
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], it.topic))
  AND (len($items::VARCHAR[]) = 0
       OR list_contains($items::VARCHAR[], {_item_key("vm.part", "vm.item_no")}))
  AND (len($villages::VARCHAR[]) = 0 OR {_village_chosen("vm.village", "vm.doc_id")})
  -- 只看已核实: a sentence where a reviewer checked a figure naming this village
  AND (NOT $verified::BOOLEAN OR vm.doc_id || '|' || vm.village || '|' || vm.sentence IN (
    SELECT i.doc_id || '|' || v.v || '|' || i.sentence
    FROM reviewed_indicators i, unnest(i.villages) AS v(v)
    WHERE $verified::BOOLEAN AND list_contains({_VERIFIED}, i.review_state)))
  -- a theme, kind or period chosen: mentions in items that have such a figure
  AND ((len($themes::VARCHAR[]) = 0 AND len($kinds::VARCHAR[]) = 0
        AND len($periods::VARCHAR[]) = 0)
       OR {_item_row_key("vm")} IN (
         SELECT {_item_row_key("i")} FROM reviewed_indicators i WHERE {_INDICATOR_FILTER}))
)"""  # noqa: S608 - constant fragments, values are $parameters

_DOCUMENTS = """
SELECT d.doc_id, d.title, d.issuer, d.place, d.round, d.published, d.source_file, d.ingested_at,
       coalesce(n.n_indicators, 0) AS n_indicators
FROM documents d
LEFT JOIN (SELECT doc_id, count(*) AS n_indicators FROM reviewed_indicators GROUP BY doc_id) n
  ON n.doc_id = d.doc_id
ORDER BY d.published DESC NULLS LAST, d.title
"""

# The reading before a reviewer's correction (原值), for the exports.
_ORIGINALS = (
    ", ".join(
        f"fi.orig_{c}" for c in ("value", "unit", "subject", "metric", "kind", "theme", "villages")
    )
    + ", fi.orig_part, fi.orig_item_no"
)

_INDICATORS = f"""
SELECT fi.doc_id, fi.indicator_id, fi.part, fi.item_no, it.label AS item_label,
       it.title AS item_title, fi.topic, fi.theme, fi.subject, fi.metric, fi.value, fi.unit,
       fi.qualifier, fi.kind, fi.change, fi.period, fi.villages, fi.sentence, fi.raw,
       fi.review_state, coalesce(fi.sentence_start, fi.char_start) AS sentence_at,
       fi.char_start, fi.char_end, {_ORIGINALS},
       coalesce(d.source_format LIKE '%ocr%', false) AS ocr
FROM {FILTERED_INDICATORS} fi
JOIN documents d ON d.doc_id = fi.doc_id
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

# One theme's figures with their item's title and, on the total of a done-of-total pair,
# the pair (the done figure is the pair's other figure in the same sentence and unit).
_HEADLINE = f"""
WITH fi AS (
  SELECT * FROM {FILTERED_INDICATORS}
  WHERE list_contains($headline::VARCHAR[], theme) AND value IS NOT NULL
), pairs AS (
  SELECT p.doc_id, p.char_start, p.done, p.total, p.unit FROM progress p
  WHERE $doc::VARCHAR IS NULL OR p.doc_id = $doc::VARCHAR
), done_figures AS (  -- the done half of each pair: same report, sentence, value and unit
  SELECT DISTINCT pd.doc_id, pd.done, pd.unit, t.sentence_start
  FROM pairs pd
  JOIN (SELECT doc_id, char_start, sentence_start FROM reviewed_indicators
        WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR) t
    ON t.doc_id = pd.doc_id AND t.char_start = pd.char_start
)
SELECT fi.doc_id, fi.indicator_id, fi.part, fi.item_no, it.label AS item_label,
       it.title AS item_title, fi.topic, fi.theme, fi.subject, fi.metric, fi.value, fi.unit,
       fi.qualifier, fi.kind, fi.change, fi.period, fi.sentence, fi.raw, fi.char_start,
       fi.review_state, fi.orig_value, coalesce(fi.sentence_start, fi.char_start) AS sentence_at,
       pt.done AS pair_done, pt.total AS pair_total,
       (pt.total IS NOT NULL OR df.doc_id IS NOT NULL) AS pair_member
FROM fi
LEFT JOIN pairs pt ON pt.doc_id = fi.doc_id AND pt.char_start = fi.char_start
-- uncorrelated: a correlated EXISTS over reviewed_indicators took 6 s at 1000 reports
LEFT JOIN done_figures df ON df.doc_id = fi.doc_id AND df.done = fi.value
  AND df.unit = fi.unit AND df.sentence_start = fi.sentence_start
LEFT JOIN reviewed_items it
  ON it.doc_id = fi.doc_id AND it.part = fi.part AND it.item_no = fi.item_no
ORDER BY fi.char_start
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_STATUS_COUNTS = f"""
SELECT status, count(*) AS items
FROM {FILTERED_ITEMS}
GROUP BY status
ORDER BY CASE status WHEN '已完成' THEN 1 WHEN '推进中' THEN 2 WHEN '长期' THEN 3 ELSE 4 END
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_PROGRESS = f"""
SELECT p.doc_id, p.part, p.item_no, it.label AS item_label, it.title AS item_title,
       coalesce(p.subject, p.metric) AS metric, p.done, p.total,
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
  SELECT doc_id, part, item_no, count(*) AS n,
         list({{'metric': coalesce(subject, metric), 'done': done, 'total': total,
                'unit': unit}} ORDER BY char_start) AS pairs,
         bool_or(done < total) AS short
  FROM progress
  WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR
  GROUP BY ALL
)
SELECT it.doc_id, it.part, it.item_no, it.label, it.title, it.topic, it.status,
       it.status_evidence, it.status_basis, it.owner, it.deadline, it.review_state,
       it.orig_status, it.orig_owner, it.orig_deadline,
       d.published, it.deadline IS NOT NULL AND d.published IS NOT NULL
         AND it.deadline < d.published AS overdue,
       it.char_start AS sentence_at,
       coalesce(f.n, 0) AS figures, coalesce(p.n, 0) AS progress_pairs, p.pairs,
       coalesce(p.short, false) AS unfinished_pair
FROM {FILTERED_ITEMS} it
JOIN documents d ON d.doc_id = it.doc_id
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
SELECT doc_id, village, place, village_type, part, item_no, item_label,
       coalesce(topic, '') AS topic, sentence, char_start AS sentence_at
FROM {FILTERED_MENTIONS}
ORDER BY doc_id, char_start, village
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

_VILLAGE_THEME = f"""
SELECT v.village, {PLACE} AS place, coalesce(fi.theme, '其他') AS theme, count(*) AS figures
FROM {FILTERED_INDICATORS} fi JOIN documents d ON d.doc_id = fi.doc_id,
     unnest(fi.villages) AS v(village)
WHERE len($villages::VARCHAR[]) = 0 OR {_village_chosen("v.village", "fi.doc_id")}
GROUP BY ALL
ORDER BY v.village, place, theme
"""  # noqa: S608 - constant: composed of this module's fragments; values are $parameters

# Per village (of one place: two towns' 新村 are two villages): the items it touches
# (named in their text or tied to their figures) by status, its figures and its mentions.
# 只看已核实: only items, figures and mentions a reviewer checked.
_SCORECARD = f"""
WITH fig AS (
  SELECT v.village, {PLACE} AS place, fi.doc_id, fi.part, fi.item_no
  FROM {FILTERED_INDICATORS} fi JOIN documents d ON d.doc_id = fi.doc_id,
       unnest(fi.villages) AS v(village)
  WHERE len($villages::VARCHAR[]) = 0 OR {_village_chosen("v.village", "fi.doc_id")}
), men AS (
  SELECT village, place, doc_id, part, item_no FROM {FILTERED_MENTIONS}
), touched AS (
  SELECT DISTINCT village, place, doc_id, part, item_no
  FROM (SELECT * FROM fig UNION ALL SELECT * FROM men)
  WHERE item_no IS NOT NULL
), items AS (
  SELECT t.village, t.place, count(*) AS items,
         count(*) FILTER (WHERE it.status = '已完成') AS done,
         count(*) FILTER (WHERE it.status = '推进中') AS doing,
         count(*) FILTER (WHERE it.status = '长期') AS lasting
  FROM touched t JOIN reviewed_items it
    ON it.doc_id = t.doc_id AND it.part = t.part AND it.item_no = t.item_no
  WHERE NOT $verified::BOOLEAN OR list_contains({_VERIFIED}, it.review_state)
  GROUP BY ALL
), fig_n AS (SELECT village, place, count(*) AS n FROM fig GROUP BY ALL),
men_n AS (SELECT village, place, count(*) AS n FROM men GROUP BY ALL),
names AS (SELECT village, place FROM fig UNION SELECT village, place FROM men)
SELECT n.village, n.place, coalesce(i.items, 0) AS items, coalesce(i.done, 0) AS done,
       coalesce(i.doing, 0) AS doing, coalesce(i.lasting, 0) AS lasting,
       coalesce(f.n, 0) AS figures, coalesce(m.n, 0) AS mentions
FROM names n
LEFT JOIN items i ON i.village = n.village AND i.place = n.place
LEFT JOIN fig_n f ON f.village = n.village AND f.place = n.place
LEFT JOIN men_n m ON m.village = n.village AND m.place = n.place
ORDER BY items DESC, figures DESC, n.village, n.place
"""  # noqa: S608 - constant fragments, values are $parameters

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
SELECT 'themes' AS name, theme AS v FROM reviewed_indicators WHERE ($doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR) AND theme IS NOT NULL
UNION
SELECT 'kinds', kind FROM reviewed_indicators WHERE ($doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR) AND kind IS NOT NULL
UNION
SELECT 'periods', period FROM reviewed_indicators WHERE ($doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR) AND period IS NOT NULL
UNION
SELECT 'topics', topic FROM reviewed_items WHERE ($doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR) AND topic IS NOT NULL
UNION
SELECT 'villages', village FROM village_mentions WHERE ($doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR)
ORDER BY name, v
"""

# Every village with its place, and (its name) whether another place has one of that name.
_VILLAGE_PLACES = f"""
SELECT DISTINCT vm.village, {PLACE} AS place FROM village_mentions vm
JOIN documents d ON d.doc_id = vm.doc_id
ORDER BY vm.village, place
"""  # noqa: S608 - constant fragment, no values

# The notices of each place named in a village choice 新村（民众街道）.
_DOCS_OF_PLACES = f"SELECT d.doc_id, {PLACE} AS place FROM documents d WHERE list_contains($places::VARCHAR[], {PLACE})"  # noqa: S608, E501 - constant fragment, values are $parameters
_OPTION_NAMES = ("themes", "topics", "villages", "kinds", "periods")

_ITEM_OPTIONS = """
SELECT coalesce(part, '') || '-' || CAST(item_no AS VARCHAR) AS key, part, item_no, label, title
FROM reviewed_items WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR
ORDER BY CASE part WHEN '二' THEN 0 ELSE 1 END, item_no
"""


_PARAMETER = re.compile(r"\$([a-z_]+)")
# A filter test whose answer the parameters already give, folded to a literal before DuckDB
# plans the query: the plan is made before the parameters are bound, so `$doc IS NULL OR
# i.doc_id = $doc` read every report's rows (no pushdown, no zone-map pruning) and every
# unused filter's OR branch was planned and evaluated. Only these exact constant fragments
# of this module are rewritten; values still travel as parameters.
_DOC_TEST = re.compile(r"\$doc::VARCHAR IS NULL OR ([a-z_]+(?:\.[a-z_]+)?) = \$doc::VARCHAR")
_EMPTY_TEST = re.compile(r"len\(\$([a-z_]+)::VARCHAR\[\]\) (= 0|> 0)")
_VERIFIED_TEST = "NOT $verified::BOOLEAN"


def specialised(sql: str, params: dict[str, object]) -> str:
    """`sql` with the filter tests its parameters decide written as literals (same rows)."""
    if "doc" in params:
        doc_given = params["doc"] is not None
        sql = _DOC_TEST.sub(lambda m: f"({m[1]} = $doc::VARCHAR)" if doc_given else "(true)", sql)

    def empty_test(m: re.Match[str]) -> str:
        if m[1] not in params:
            return m[0]
        empty = len(params[m[1]] or ()) == 0  # type: ignore[arg-type]
        return "true" if empty == (m[2] == "= 0") else "false"

    sql = _EMPTY_TEST.sub(empty_test, sql)
    if "verified" in params:
        sql = sql.replace(_VERIFIED_TEST, "false" if params["verified"] else "true")
    return sql


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
        "verified": filters.verified_only,
        **extra,
    }


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> pd.DataFrame:
    """Run one query on a fresh cursor (connections are not shared across threads).

    DuckDB refuses parameters a query does not name, so only the named ones are passed.
    """
    used = set(_PARAMETER.findall(sql))
    cur = db.cursor(conn)
    try:
        if "village_docs" in used and "village_docs" not in params:
            params = {**params, "village_docs": _village_docs(cur, params.get("villages", []))}
        sql = specialised(sql, {k: v for k, v in params.items() if k in used})
        used = set(_PARAMETER.findall(sql))
        return cur.execute(sql, {k: v for k, v in params.items() if k in used}).df()
    finally:
        cur.close()


def _village_docs(cur: duckdb.DuckDBPyConnection, chosen: object) -> list[str]:
    """'doc_id|新村' for each notice of the place of each choice 新村（民众街道）."""
    wanted = [places.parse_choice(str(c)) for c in chosen or []]
    wanted = [(name, place) for name, place in wanted if place]
    if not wanted:
        return []
    docs = cur.execute(_DOCS_OF_PLACES, {"places": [p for _, p in wanted]}).fetchall()
    return [f"{doc}|{name}" for name, place in wanted for doc, at in docs if at == place]


def _with_links(df: pd.DataFrame) -> pd.DataFrame:
    """Add the 原文 link of each row's sentence (column `link`)."""
    df = df.copy()
    links = [
        sentence_link(doc, None if pd.isna(at) else int(at))
        for doc, at in zip(df["doc_id"], df["sentence_at"], strict=True)
    ]
    df["link"] = _text_column(links, df)
    return df


def _text_column(values: list[str], df: pd.DataFrame) -> pd.Series:
    """A column of text made in Python: object dtype even when empty (not float64)."""
    return pd.Series(values, index=df.index, dtype=object)


def documents(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All ingested reports, newest first."""
    return _frame(conn, _DOCUMENTS, {})


_NOTICE_NAMES = "SELECT doc_id, place, title, published FROM documents"


def notice_names(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """A short name per report for rows of several reports: its place (石坪镇), with the
    date where the place has several reports; the title where no place was read."""
    df = _frame(conn, _NOTICE_NAMES, {})
    where = [
        (title or "通报") if blank(place) else place
        for place, title in zip(df["place"], df["title"], strict=True)
    ]
    repeated = {w for w in where if where.count(w) > 1}
    return {
        doc: f"{w} {date_or_blank(published)}".strip() if w in repeated else str(w)
        for doc, w, published in zip(df["doc_id"], where, df["published"], strict=True)
    }


def all_documents_meta(conn: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """What stands for the report when 全部 is chosen: a title naming how many, the latest date."""
    df = documents(conn)
    latest = df["published"].dropna()
    return {
        "doc_id": None,
        "title": f"全部通报（{len(df)} 份）",
        "issuer": None,
        "published": latest.max() if len(latest) else None,
        "source_file": None,
        "notices": len(df),
    }


def _with_notice(
    conn: duckdb.DuckDBPyConnection, df: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """Across all reports (全部), `item` names its report too: 石坪镇 · 二(8)."""
    if filters.doc_id is not None or df.empty:
        return df
    names = notice_names(conn)
    df["item"] = [
        f"{names.get(doc, '')} · {item or OVERALL}"
        for doc, item in zip(df["doc_id"], df["item"], strict=True)
    ]
    return df


def filter_options(conn: duckdb.DuckDBPyConnection, doc_id: str | None) -> dict[str, list[str]]:
    """The values each sidebar filter can take for one report (None: all reports)."""
    df = _frame(conn, _OPTIONS, {"doc": doc_id})
    options = {name: df.loc[df["name"] == name, "v"].tolist() for name in _OPTION_NAMES}
    if doc_id is None:  # 全部: two places' 新村 are two villages
        options["villages"] = places.choices(_village_places(conn))
    return options


def _village_places(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every village mentioned, with the place of its notice (village, place)."""
    return _frame(conn, _VILLAGE_PLACES, {})


def _village_rows(
    conn: duckdb.DuckDBPyConnection, df: pd.DataFrame, filters: Filters
) -> pd.DataFrame:
    """One report: villages by name (`place` dropped); 全部: named with their place where
    the name recurs in another place (board.places), `place` kept for a 地方 column."""
    if filters.doc_id is not None:
        return df.drop(columns="place")
    df["village"] = places.village_labels(df, places.recurring(_village_places(conn)))
    return df


def item_options(conn: duckdb.DuckDBPyConnection, doc_id: str | None) -> pd.DataFrame:
    """The report's items with their key (part-item_no) and a display label.

    With doc_id None (全部) one row per key; the title only where every notice gives the
    same one (the same number names different items in different notices).
    """
    df = _frame(conn, _ITEM_OPTIONS, {"doc": doc_id})
    if doc_id is None and not df.empty:
        titles = df.groupby("key", sort=False)["title"].agg(
            lambda t: t.iloc[0] if t.nunique() == 1 else ""
        )
        df = df.drop_duplicates("key").copy()
        df["title"] = df["key"].map(titles)
    # named as everywhere else (二(8), 三(九)); across notices by number, since one number
    # may carry different labels in different notices
    labels = df["label"] if doc_id is not None else [None] * len(df)
    df["display"] = [
        f"{item_label(p, n, lb)} {t or ''}".strip()
        for p, n, lb, t in zip(df["part"], df["item_no"], labels, df["title"], strict=True)
    ]
    return df


def _with_item(df: pd.DataFrame) -> pd.DataFrame:
    """Add `item`: the item's one label (二(8), 三(九)), blank outside numbered items."""
    labels = [
        item_label(p, n, lab)
        for p, n, lab in zip(df["part"], df["item_no"], df["item_label"], strict=True)
    ]
    df["item"] = _text_column(labels, df)
    return df


def indicators(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every figure that passes the filters, in reading order, with a 原文 link."""
    df = _with_item(_with_links(_frame(conn, _INDICATORS, _named(filters))))
    return _with_notice(conn, df, filters)


def theme_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """How many figures each theme has (a count, so themes of any unit compare)."""
    return _frame(conn, _THEME_COUNTS, _named(filters))


def headline_figures(
    conn: duckdb.DuckDBPyConnection, filters: Filters, theme: str, limit: int = 3
) -> pd.DataFrame:
    """A headline theme's figures for 总览 (board.headlines: themes.toml, else the default).

    A done-of-total pair is one row (its total, with pair_done / pair_total).
    """
    return headline_tiles(conn, filters, (theme,), limit)[theme]


def headline_tiles(
    conn: duckdb.DuckDBPyConnection, filters: Filters, themes: tuple[str, ...], limit: int = 3
) -> dict[str, pd.DataFrame]:
    """headline_figures of several themes from one query (总览 draws four tiles)."""
    return tiles_of(conn, headline_rows(conn, filters, themes), filters, themes, limit)


def headline_rows(
    conn: duckdb.DuckDBPyConnection, filters: Filters, themes: tuple[str, ...]
) -> pd.DataFrame:
    """The headline themes' figures with their pairs, before each theme's pick."""
    df = _frame(conn, _HEADLINE, _named(filters, headline=list(themes)))
    df["pair_member"] = df["pair_member"].astype(bool)
    return df


def tiles_of(
    conn: duckdb.DuckDBPyConnection | None,
    df: pd.DataFrame,
    filters: Filters,
    themes: tuple[str, ...],
    limit: int = 3,
) -> dict[str, pd.DataFrame]:
    """Each theme's headline figures picked from headline_rows (conn: only for 全部)."""
    out = {}
    many = filters.doc_id is None and df["doc_id"].nunique() > 1
    for theme in themes:
        rows = df[df["theme"] == theme].reset_index(drop=True)
        if many:  # 全部: one subject, unit and kind summed across notices, or each named
            out[theme] = _headline_totals(conn, rows, headline_subjects(theme), limit)
            continue
        picked = pick_headlines(rows, headline_subjects(theme), limit)
        out[theme] = _with_item(_with_links(picked.reset_index(drop=True)))
    return out


# Units of a share or ratio: two places' 92% do not make 184%.
NON_ADDITIVE_UNITS = frozenset({"%", "‰", "百分点", "倍", "比", "成"})


def additive(what: object, unit: object) -> bool:
    """Whether figures of this subject and unit may be summed across notices."""
    return not blank(unit) and str(unit) not in NON_ADDITIVE_UNITS and "率" not in str(what)


def _headline_totals(
    conn: duckdb.DuckDBPyConnection, df: pd.DataFrame, subjects: tuple[str, ...], limit: int
) -> pd.DataFrame:
    """全部: each report's headline figures; those of one subject, unit and kind summed.

    A report gives one figure to a sum (its first of that subject, unit and kind), so a
    figure is never counted twice; shares and rates (%, 百分点, …率) are never summed. A
    sum's `item` says 合计（N 份通报） and it has no link (no one sentence holds it); any
    other figure keeps its report's name and its sentence.
    """
    parts = [pick_headlines(part, subjects, limit) for _, part in df.groupby("doc_id", sort=False)]
    # a theme with no figure in any report (e.g. for the chosen village) has no parts
    picked = pd.concat(parts, ignore_index=True) if parts else pick_headlines(df, subjects, limit)
    if picked.empty:
        return _with_item(_with_links(picked))
    picked = _with_item(_with_links(picked))
    picked["what"] = [
        m if blank(sj) else sj for m, sj in zip(picked["metric"], picked["subject"], strict=True)
    ]
    picked["kind_key"] = picked["kind"].fillna("")
    picked = picked.drop_duplicates(["doc_id", "what", "unit", "kind_key"])
    names = notice_names(conn)
    rows = []
    for (what, unit, _kind), group in picked.groupby(["what", "unit", "kind_key"], sort=False):
        n = group["doc_id"].nunique()
        if n == 1 or not additive(what, unit):  # each notice's own figure, named
            for _, row in group.iterrows():
                name = names.get(row["doc_id"], "")
                row["item"] = f"{name} · {row['item'] or OVERALL}"
                row["notices"] = 1
                rows.append(row)
            continue
        row = group.iloc[0].copy()
        paired = group["pair_total"].notna().all()
        row["value"] = group["value"].sum()
        row["pair_done"] = group["pair_done"].sum() if paired else None
        row["pair_total"] = group["pair_total"].sum() if paired else None
        qualifiers = set(group["qualifier"].fillna(""))
        row["qualifier"] = qualifiers.pop() if len(qualifiers) == 1 else "约"
        row["raw"] = None
        row["item"] = f"合计（{n} 份通报）"
        row["link"] = None
        row["notices"] = n
        rows.append(row)
    out = pd.DataFrame(rows)
    out = out.sort_values("notices", ascending=False, kind="stable").head(limit)
    return out.drop(columns=["what", "kind_key"]).reset_index(drop=True)


_MENTION_KEYS = """
SELECT DISTINCT doc_id, part, item_no, village FROM village_mentions WHERE doc_id = $doc
ORDER BY ALL
"""


def mention_keys(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """Which villages each item of one report mentions (board.narrow reads it)."""
    return _frame(conn, _MENTION_KEYS, {"doc": doc_id})


def item_status_counts(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Number of items per status (已完成 / 推进中 / 长期)."""
    return _frame(conn, _STATUS_COUNTS, _named(filters))


def progress(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """'Done of total' pairs of the filtered items, with the share done."""
    df = _with_item(_with_links(_frame(conn, _PROGRESS, _named(filters))))
    return _with_notice(conn, df, filters)


def ledger(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The rectification items with status, basis, progress, owner and deadline.

    `item` is the item's label (二(8)), `progress_text` its done-of-total pairs as a leader
    reads them, `deadline_text` its deadline (已逾期 when before the notice's date).
    """
    df = _with_links(_frame(conn, _LEDGER, _named(filters)))
    labels = [
        item_label(p, n, lab)
        for p, n, lab in zip(df["part"], df["item_no"], df["label"], strict=True)
    ]
    df["item"] = _text_column(labels, df)
    df["progress_text"] = _text_column([_pairs_text(pairs) for pairs in df["pairs"]], df)
    deadlines = [
        date_or_blank(d) + ("（已逾期）" if late and not blank(d) else "")
        for d, late in zip(df["deadline"], df["overdue"], strict=True)
    ]
    df["deadline_text"] = _text_column(deadlines, df)
    for column in ("status_basis", "owner", "status_evidence", "topic", "title"):
        df[column] = df[column].fillna("")
    return _with_notice(conn, df, filters)


def _pairs_text(pairs: object) -> str:
    if pairs is None or pd.api.types.is_scalar(pairs) or len(pairs) == 0:  # NULL: none
        return ""
    return "；".join(
        f"{p['metric']}：{pair_text(p['done'], p['total'], p['unit'])}"
        for p in pairs  # type: ignore[union-attr]
    )


def status_summary(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """The 总览 status strip: items per status, completion rate, how statuses are known.

    `rate` counts 已完成 among the items with a deadline-bound task (长期 items excluded,
    since the notice itself keeps them open); `stated` / `inferred` / `unknown` say whether
    the notice stated the status, it was inferred, or the loader left no basis;
    `verified` how many a reviewer confirmed or corrected.
    """
    summary = summary_of(ledger(conn, filters))
    summary["verified_line"] = reviews.verified_line(verified_share(conn, filters))
    return summary


def summary_of(df: pd.DataFrame) -> dict[str, object]:
    """status_summary of a ledger frame already read (总览 reads the ledger once)."""
    counts = {s: int((df["status"] == s).sum()) for s in STATUS_ORDER}
    bounded = counts["已完成"] + counts["推进中"]
    return {
        "items": len(df),
        **counts,
        "rate": counts["已完成"] / bounded if bounded else None,
        "stated": int((df["status_basis"] == "明示").sum()),
        "inferred": int((df["status_basis"] == "推断").sum()),
        "unknown": int((~df["status_basis"].isin(["明示", "推断"])).sum()),
        "verified": int(df["review_state"].isin(VERIFIED_STATES).sum()),
    }


def attention(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Items that need attention: not done, overdue first, then 推进中, then 长期 with work left.

    长期 items whose progress pairs are all complete (or that have none) are left to the
    ledger: the notice keeps them open by design.
    """
    return attention_of(ledger(conn, filters))


def attention_of(df: pd.DataFrame) -> pd.DataFrame:
    """attention of a ledger frame already read."""
    open_items = df[
        (df["status"] == "推进中") | ((df["status"] == "长期") & df["unfinished_pair"])
    ].copy()
    open_items["rank"] = [
        0 if late else (1 if status == "推进中" else 2)
        for late, status in zip(open_items["overdue"], open_items["status"], strict=True)
    ]
    return open_items.sort_values(["rank"], kind="stable").drop(columns="rank")


_STATUS_BY_TOPIC = f"""
SELECT topic, status, items FROM (
  SELECT coalesce(topic, '') AS topic, status, count(*) AS items, min(char_start) AS first_at
  FROM {FILTERED_ITEMS}
  WHERE status IS NOT NULL
  GROUP BY ALL
)
ORDER BY min(first_at) OVER (PARTITION BY topic), topic, status
"""  # noqa: S608 - constant fragments, values are $parameters


def status_by_topic(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Items per topic and status (counts: one unit, so topics can stand side by side)."""
    return _frame(conn, _STATUS_BY_TOPIC, _named(filters))


def measures(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The measures (一是/二是…) of the filtered items, with their text cut from the report."""
    return _with_links(_frame(conn, _MEASURES, _named(filters)))


def village_mentions(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every mention of a village or community, with or without a figure."""
    df = _with_item(_with_links(_frame(conn, _MENTIONS, _named(filters))))
    return _with_notice(conn, _village_rows(conn, df, filters), filters)


def village_theme_matrix(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Figures per village and theme (long form); only chosen villages when some are chosen."""
    return _village_rows(conn, _frame(conn, _VILLAGE_THEME, _named(filters)), filters)


def village_scorecard(conn: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per village: items touching it (by status), its figures and its mentions."""
    return _village_rows(conn, _frame(conn, _SCORECARD, _named(filters)), filters)


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


def comparisons(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, object]:
    """What may honestly be drawn of the filtered figures: like compared with like.

    `pairs`: the done-of-total pairs whose total is one of the figures (done against
    total). `groups`: (subject, unit, rows) for each subject counted in one unit and kind
    in two or more villages, each row's `where` naming its village (board.frames). Everything
    else is a list of unrelated figures, for a table.
    """
    figures = indicators(conn, filters)
    pairs = progress(conn, filters)
    pairs = pairs[pairs["sentence_at"].isin(set(figures["char_start"]))]
    if filters.doc_id is None:  # 全部: a bar's village is named with its notice
        figures["notice"] = figures["doc_id"].map(notice_names(conn))
    return {"pairs": pairs, "groups": subject_groups(figures)}


# --- reviews (board.reviews), here so pages reach them through the cached query path ----


def verified_share(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, int]:
    """How many of the filtered figures and items a reviewer confirmed or corrected."""
    return reviews.verified_share(conn, filters)


def verified_line(conn: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    """The one line every page shows: 已核实 x / y 个数字……"""
    return reviews.verified_line(verified_share(conn, filters))


def review_queue(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """The 核实 queue of one report: what the 总览 tiles show first, then reviews' order.

    The figures 总览 shows as headline indicators (board.headlines) lead the queue (reason
    总览重点指标), before the other headline-theme results, status inferences, figures of
    推进中 items and low-confidence readings; reviewed entries go last.
    """
    queue = reviews.review_queue(conn, doc_id)
    tiles: set[int] = set()
    for theme in reviews.HEADLINE_THEMES:
        tiles |= set(headline_figures(conn, Filters(doc_id=doc_id), theme)["indicator_id"])
    on_tile = (queue["target"] == "indicator") & queue["row_id"].isin(tiles)
    queue.loc[on_tile, "priority"] = 0
    queue.loc[on_tile, "reason"] = "总览重点指标"
    source = _frame(
        conn, "SELECT source_format FROM documents WHERE doc_id = $doc", {"doc": doc_id}
    )
    ocr = bool(len(source)) and "ocr" in str(source.iloc[0, 0] or "")
    queue["ocr"] = ocr & (queue["target"] == "indicator")
    queue["pending"] = queue["review_state"] == "机器识别"
    queue = queue.sort_values(["pending", "priority"], ascending=[False, True], kind="stable")
    return queue.drop(columns="pending").reset_index(drop=True)


def unmatched_verdicts(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every verdict whose figure or item no database row matches any more (失配)."""
    return reviews.unmatched(conn)
