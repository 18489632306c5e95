"""Verdicts on the read side: applied in the views every page reads, the 核实 queue, shares.

`load_verdicts` matches the verdict store against the database file now open (by text,
see loaders.verdicts.match) and puts what it found into in-memory tables that the views
`reviewed_indicators` / `reviewed_items` join. It runs whenever the file or the store
changes (board.db.LiveDatabase keys on both), so a verdict shows on the next rerun.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from board.filters import Filters
from loaders import verdicts as store
from loaders.verdicts import INDICATOR, ITEM, Candidate, Verdict

HEADLINE_THEMES = ("拆违清拆", "隐患整改", "水环境", "耕地保护")  # DESIGN: Themes
REVIEWED = (store.VERIFIED, store.CORRECTED)

_TABLES = """
CREATE OR REPLACE TABLE memory.main.indicator_reviews (
    doc_id VARCHAR, indicator_id INTEGER, review_state VARCHAR, fields VARCHAR[],
    value DOUBLE, unit VARCHAR, subject VARCHAR, metric VARCHAR, kind VARCHAR, theme VARCHAR,
    villages VARCHAR[], part VARCHAR, item_no INTEGER, note VARCHAR, reviewer VARCHAR,
    reviewed_at VARCHAR);
CREATE OR REPLACE TABLE memory.main.item_reviews (
    doc_id VARCHAR, part VARCHAR, item_no INTEGER, review_state VARCHAR, fields VARCHAR[],
    status VARCHAR, owner VARCHAR, deadline DATE, note VARCHAR, reviewer VARCHAR,
    reviewed_at VARCHAR);
CREATE OR REPLACE TABLE memory.main.unmatched_verdicts (
    doc_id VARCHAR, target VARCHAR, part VARCHAR, item_no INTEGER, char_start INTEGER,
    raw VARCHAR, sentence VARCHAR, review_state VARCHAR, verdicts VARCHAR, reviewer VARCHAR,
    reviewed_at VARCHAR, note VARCHAR);
"""

# Original readings, so exports can show 原值 beside the corrected value.
INDICATOR_ORIGINALS = (
    "value", "unit", "subject", "metric", "kind", "theme", "villages", "part", "item_no", "topic",
)  # fmt: skip
ITEM_ORIGINALS = ("status", "owner", "deadline")


def _pick(column: str, source: str = "r") -> str:
    return (
        f"CASE WHEN list_contains(r.fields, '{column}') THEN {source}.{column} ELSE t.{column} END"
    )


def view_sql(catalog: str) -> tuple[str, str]:
    """CREATE VIEW statements for reviewed_indicators and reviewed_items (constant text)."""
    moved = "list_contains(r.fields, 'item')"
    corrected = ", ".join(
        f"{_pick(c)} AS {c}" for c in ("value", "unit", "subject", "metric", "kind", "theme")
    )
    indicators = f"""
CREATE OR REPLACE VIEW memory.main.reviewed_indicators AS
SELECT t.* REPLACE (
    {corrected},
    {_pick("villages")} AS villages,
    CASE WHEN {moved} THEN r.part ELSE t.part END AS part,
    CASE WHEN {moved} THEN r.item_no ELSE t.item_no END AS item_no,
    CASE WHEN {moved} THEN ni.topic ELSE t.topic END AS topic),
  coalesce(r.review_state, '{store.MACHINE}') AS review_state,
  {", ".join(f"t.{c} AS orig_{c}" for c in INDICATOR_ORIGINALS)},
  r.note AS review_note, r.reviewer AS reviewed_by, r.reviewed_at
FROM {catalog}.main.indicators t
LEFT JOIN memory.main.indicator_reviews r
  ON r.doc_id = t.doc_id AND r.indicator_id = t.indicator_id
LEFT JOIN {catalog}.main.items ni
  ON {moved} AND ni.doc_id = t.doc_id AND ni.part = r.part AND ni.item_no = r.item_no
"""  # noqa: S608 - constant names
    items = f"""
CREATE OR REPLACE VIEW memory.main.reviewed_items AS
SELECT t.* REPLACE ({", ".join(f"{_pick(c)} AS {c}" for c in ITEM_ORIGINALS)}),
  coalesce(r.review_state, '{store.MACHINE}') AS review_state,
  {", ".join(f"t.{c} AS orig_{c}" for c in ITEM_ORIGINALS)},
  r.note AS review_note, r.reviewer AS reviewed_by, r.reviewed_at
FROM {catalog}.main.items t
LEFT JOIN memory.main.item_reviews r
  ON r.doc_id = t.doc_id AND r.part = t.part AND r.item_no = t.item_no
"""  # noqa: S608 - constant names
    return indicators, items


def _candidates(conn: duckdb.DuckDBPyConnection, catalog: str, docs: list[str]) -> dict:
    out: dict[tuple[str, str], list[Candidate]] = {}
    figures = conn.execute(
        f"SELECT doc_id, indicator_id, part, item_no, char_start, raw, sentence "  # noqa: S608
        f"FROM {catalog}.main.indicators WHERE list_contains($docs, doc_id)",
        {"docs": docs},
    ).fetchall()
    for doc, row_id, part, no, start, raw, sentence in figures:
        candidate = Candidate(row_id, part, no, start, raw or "", store.context_hash(sentence))
        out.setdefault((doc, INDICATOR), []).append(candidate)
    items = conn.execute(
        f"SELECT doc_id, part, item_no, char_start, title FROM {catalog}.main.items "  # noqa: S608
        "WHERE list_contains($docs, doc_id) ORDER BY doc_id, part, item_no",
        {"docs": docs},
    ).fetchall()
    for n, (doc, part, no, start, title) in enumerate(items):
        out.setdefault((doc, ITEM), []).append(Candidate(n, part, no, start, title or "", ""))
    return out


def _correction(slots: dict[str, Verdict], field: str) -> object:
    v = slots.get(field)
    return None if v is None else store.corrected_value(v.target, field, v.after)


def _latest(slots: dict[str, Verdict]) -> Verdict:
    return max(slots.values(), key=lambda v: (v.at, v.uid))


def load_verdicts(conn: duckdb.DuckDBPyConnection, catalog: str, store_path: Path) -> None:
    """Match the store's verdicts to this file's rows and fill the in-memory review tables."""
    conn.execute(_TABLES)
    every = store.history(store_path)
    if not every:
        return
    candidates = _candidates(conn, catalog, sorted({v.doc_id for v in every}))
    matched, orphans = store.match_all(every, candidates)
    by_row = {(d, t, c.row_id): c for (d, t), cs in candidates.items() for c in cs}
    figure_rows, item_rows = [], []
    for (doc, target, row_id), slots in matched.items():
        state, last = store.review_state(slots), _latest(slots)
        fields = [f for f in slots if f]
        common = [last.note, last.reviewer, last.at]
        if target == INDICATOR:
            moved = _correction(slots, "item") or (None, None)
            values = [_correction(slots, f) for f in INDICATOR_ORIGINALS[:7]]
            figure_rows.append([doc, row_id, state, fields, *values, *moved, *common])
        else:
            c = by_row[(doc, target, row_id)]
            values = [_correction(slots, f) for f in ITEM_ORIGINALS]
            item_rows.append([doc, c.part, c.item_no, state, fields, *values, *common])
    orphan_rows = []
    for slots, state in orphans:
        last = _latest(slots)
        summary = "；".join(
            f"{v.verdict}{'（' + v.field + '：' + v.after + '）' if v.field else ''}"
            for v in slots.values()
        )
        orphan_rows.append([last.doc_id, last.target, last.part, last.item_no, last.char_start,
                            last.raw, last.sentence, state, summary, last.reviewer, last.at,
                            last.note])  # fmt: skip
    for table, rows in (
        ("indicator_reviews", figure_rows),
        ("item_reviews", item_rows),
        ("unmatched_verdicts", orphan_rows),
    ):
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO memory.main.{table} VALUES ({marks})", rows)  # noqa: S608


# --- queries for the 核实 page and the share line ----------------------------------------

_QUEUE = f"""
WITH figures AS (
  SELECT 'indicator' AS target, i.doc_id, i.indicator_id AS row_id,
         i.orig_part AS key_part, i.orig_item_no AS key_item_no, i.char_start, i.char_end,
         i.raw, i.sentence, coalesce(i.sentence_start, i.char_start) AS sentence_at,
         i.part, i.item_no, i.value, i.orig_value, i.unit, i.qualifier, i.subject, i.metric, i.kind, i.theme,
         array_to_string(i.villages, '、') AS villages, NULL AS status, NULL AS status_basis,
         NULL AS owner, NULL AS deadline, NULL AS title, i.review_state,
         CASE WHEN list_contains($headline, i.orig_theme) AND i.orig_kind = 'result' THEN 1
              WHEN it.status = '推进中' THEN 3
              WHEN d.source_format LIKE '%ocr%' OR i.orig_subject IS NULL THEN 4
              ELSE 5 END AS priority
  FROM reviewed_indicators i
  JOIN documents d ON d.doc_id = i.doc_id
  LEFT JOIN reviewed_items it
    ON it.doc_id = i.doc_id AND it.part = i.orig_part AND it.item_no = i.orig_item_no
  WHERE i.doc_id = $doc
), items AS (
  SELECT 'item', it.doc_id, NULL, it.part, it.item_no, it.char_start, it.char_end,
         it.title, it.status_evidence, it.char_start, it.part, it.item_no, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, it.status, it.status_basis, it.owner,
         CAST(it.deadline AS VARCHAR), it.title, it.review_state,
         CASE WHEN it.status_basis = '推断' THEN 2 ELSE 5 END
  FROM reviewed_items it WHERE it.doc_id = $doc
)
SELECT * FROM (SELECT * FROM figures UNION ALL SELECT * FROM items)
ORDER BY review_state <> '{store.MACHINE}', priority,
         CASE WHEN priority = 1 THEN -value END NULLS LAST, char_start, target
"""  # noqa: S608 - constant text; values are $parameters

REASONS = {
    1: "重点指标",
    2: "状态为推断",
    3: "推进中事项的数字",
    4: "低置信度（OCR 或无计数对象）",
    5: "其他",
}

# One pass over the figures and one over the items (six counting subqueries scanned the
# filtered views six times: 2-3x slower, and this line is on every page of every rerun).
_SHARE = """
SELECT f.figures, f.figures_checked, i.items, i.items_checked, i.items_stated, i.items_inferred
FROM (
  SELECT count(*) AS figures,
         count(*) FILTER (WHERE list_contains($reviewed, review_state)) AS figures_checked
  FROM {figures}
) AS f, (
  SELECT count(*) AS items,
         count(*) FILTER (WHERE list_contains($reviewed, review_state)) AS items_checked,
         count(*) FILTER (WHERE status_basis = '明示') AS items_stated,
         count(*) FILTER (WHERE status_basis = '推断') AS items_inferred
  FROM {items}
) AS i
"""

_UNMATCHED = """
SELECT doc_id, target, part, item_no, raw, sentence, review_state, verdicts, reviewer,
       reviewed_at, note
FROM memory.main.unmatched_verdicts
WHERE $doc::VARCHAR IS NULL OR doc_id = $doc::VARCHAR
ORDER BY reviewed_at
"""


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    from board import db

    cur = db.cursor(conn)
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def review_queue(conn: duckdb.DuckDBPyConnection, doc_id: str) -> pd.DataFrame:
    """Every figure and item of one report, what most needs a reviewer first (`reason`)."""
    df = _frame(conn, _QUEUE, {"doc": doc_id, "headline": list(HEADLINE_THEMES)})
    df["reason"] = df["priority"].map(REASONS)
    return df


def unmatched(conn: duckdb.DuckDBPyConnection, doc_id: str | None = None) -> pd.DataFrame:
    """Verdicts whose figure or item the database no longer holds (失配), with their sentence."""
    return _frame(conn, _UNMATCHED, {"doc": doc_id})


def verified_share(conn: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, int]:
    """Counts of figures and items (under the filters) and how many a reviewer checked."""
    from board import queries

    sql = _SHARE.format(figures=queries.FILTERED_INDICATORS, items=queries.FILTERED_ITEMS)
    params = {k: v for k, v in queries._named(filters).items()}
    params["reviewed"] = list(REVIEWED)
    row = queries._frame(conn, sql, params).iloc[0]  # resolves $village_docs too
    return {k: int(v) for k, v in row.items()}


def verified_line(share: dict[str, int]) -> str:
    """One line for any page: how much of what it shows a reviewer has checked."""
    figures, checked = share["figures"], share["figures_checked"]
    pct = f"（{checked / figures:.0%}）" if figures else ""
    return (
        f"已核实 {checked} / {figures} 个数字{pct}，"
        f"{share['items_checked']} / {share['items']} 项事项；其余为机器识别"
    )


def history_of(store_path: Path, row: dict) -> list[Verdict]:
    """Every verdict ever recorded on this queue row's figure or item, oldest first."""
    return store.history_of_key(store_path, verdict_key(row))


def verdict_key(row: dict) -> tuple:
    """The store key of a queue row (its original position and text, never its row number)."""
    if row["target"] == INDICATOR:
        context = store.context_hash(row["sentence"])
        return (row["doc_id"], INDICATOR, row["key_part"], _int(row["key_item_no"]),
                _int(row["char_start"]), row["raw"] or "", context)  # fmt: skip
    return (row["doc_id"], ITEM, row["key_part"], _int(row["key_item_no"]),
            _int(row["char_start"]), row["title"] or "", "")  # fmt: skip


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def make_verdict(
    row: dict, verdict: str, reviewer: str, field: str = "", after: str = "", note: str = ""
) -> Verdict:
    """A verdict on a queue row, with the value before taken from what the page showed."""
    doc, target, part, item_no, start, raw, context = verdict_key(row)
    before = "" if not field else _text(row.get("item_key" if field == "item" else field))
    if field == "item":
        before = f"{row['part']}-{_int(row['item_no'])}" if row["part"] else ""
    sentence = row["sentence"] if target == INDICATOR else row["title"]
    return Verdict(doc, target, part, item_no, start, raw, context, _text(sentence), field,
                   before, after.strip(), verdict, reviewer, store.now(), note.strip())  # fmt: skip


def _text(value: object) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
