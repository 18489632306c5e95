"""Two or more notices side by side (对比): rounds of one place, or places of one round.

Rounds of one place: each item followed through the notices (matched by its problem title,
else by part and number), its status then and now, what is new and what is no longer
reported, and the figures of one subject and unit side by side with their change.
Places: completion, items 推进中 and overdue per notice, and one subject ranked.
Like with like only: a figure is set beside another only in the same subject, unit and kind.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from board import queries
from board.export import date_text
from board.filters import KIND_LABELS, Filters
from board.labels import blank, item_label
from board.links import sentence_link

ROUNDS, PLACES = "rounds", "places"
ABSENT = "未列出"
# Notices compared at once: a URL may name every notice (1000 took 252 s for one rerun;
# 20 took 47 s cold); rounds of one place or the towns of one round fit well within it.
MAX_NOTICES = 12
NEW, GONE, CHANGED, SAME = "新增", "不再列出", "状态变化", "未变"

_NOTICES = """
SELECT doc_id, title, place, round, published FROM documents
WHERE list_contains($docs::VARCHAR[], doc_id)
ORDER BY published NULLS FIRST, title, doc_id
"""
_ITEMS = """
SELECT doc_id, part, item_no, label, title, status, review_state, char_start AS sentence_at
FROM reviewed_items WHERE list_contains($docs::VARCHAR[], doc_id)
ORDER BY doc_id, CASE part WHEN '二' THEN 0 ELSE 1 END, item_no
"""
_FIGURES = """
SELECT i.doc_id, i.part, i.item_no, it.label AS item_label, coalesce(i.subject, i.metric) AS what,
       i.value, i.unit, i.kind, i.villages, i.review_state, i.char_start,
       coalesce(i.sentence_start, i.char_start) AS sentence_at
FROM reviewed_indicators i
LEFT JOIN reviewed_items it
  ON it.doc_id = i.doc_id AND it.part = i.part AND it.item_no = i.item_no
WHERE list_contains($docs::VARCHAR[], i.doc_id) AND i.value IS NOT NULL AND i.unit IS NOT NULL
  AND coalesce(i.subject, i.metric) IS NOT NULL
ORDER BY i.doc_id, i.char_start, i.indicator_id
"""
_TITLE_NOISE = re.compile(r"[\s\W_]+")


def _docs(doc_ids: tuple[str, ...]) -> dict[str, object]:
    return {"docs": list(dict.fromkeys(doc_ids))}


def notices(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """The chosen notices, oldest first, each with a short `label` unique among them."""
    df = queries._frame(conn, _NOTICES, _docs(doc_ids))
    same_place = df["place"].notna().all() and df["place"].nunique() == 1
    labels = []
    for row in df.itertuples():
        date = date_text(row.published)
        where = "" if blank(row.place) else str(row.place)
        labels.append(date if same_place else f"{where or row.title or '通报'} {date}".strip())
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label}（{seen[label]}）")
    df["label"] = unique
    return df.reset_index(drop=True)


def choice_labels(docs: pd.DataFrame) -> dict[str, str]:
    """label -> doc_id for choosing notices: 2025-05-06 荷塘镇 (the title where no place
    was read), unique; short, since the choice is kept in the URL as these labels."""
    out: dict[str, str] = {}
    for row in docs.itertuples():
        where = row.title if blank(row.place) else row.place
        label = f"{date_text(row.published)} {'' if blank(where) else where}".strip() or "通报"
        n, unique = 1, label
        while unique in out:
            n += 1
            unique = f"{label}（{n}）"
        out[unique] = row.doc_id
    return out


def mode(notice_frame: pd.DataFrame) -> str:
    """ROUNDS when every chosen notice concerns one place, else PLACES."""
    places = notice_frame["place"]
    if len(notice_frame) >= 2 and places.notna().all() and places.nunique() == 1:
        return ROUNDS
    return PLACES


def _title_key(title: object) -> str:
    return "" if blank(title) else _TITLE_NOISE.sub("", str(title))


def thread_items(items: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Give each item a `thread`: the same item in every notice (pure; items of all notices).

    Notices are taken in `order` (oldest first). An item joins the thread of an earlier
    item with the same problem title, else with the same part and number, that has no item
    of this notice yet; otherwise it starts a thread.
    """
    items = items.copy()
    items["thread"] = -1
    by_title: dict[str, list[int]] = {}
    by_number: dict[tuple[object, object], list[int]] = {}
    members: dict[int, set[str]] = {}
    for doc in order:
        mine = items.index[items["doc_id"] == doc]
        pending = []
        for ix in mine:  # titles first: a renumbered item keeps its thread
            key = _title_key(items.at[ix, "title"])
            found = next((t for t in by_title.get(key, []) if doc not in members[t]), None)
            if key and found is not None:
                items.at[ix, "thread"] = found
                members[found].add(doc)
            else:
                pending.append(ix)
        for ix in pending:
            number = (items.at[ix, "part"], items.at[ix, "item_no"])
            found = None
            if not blank(number[0]) and not blank(number[1]):
                found = next((t for t in by_number.get(number, []) if doc not in members[t]), None)
            if found is None:
                found = len(members)
                members[found] = set()
            items.at[ix, "thread"] = found
            members[found].add(doc)
        for ix in mine:
            t = int(items.at[ix, "thread"])
            key = _title_key(items.at[ix, "title"])
            if key and t not in by_title.get(key, []):
                by_title.setdefault(key, []).append(t)
            number = (items.at[ix, "part"], items.at[ix, "item_no"])
            if t not in by_number.get(number, []):
                by_number.setdefault(number, []).append(t)
    items["thread"] = items["thread"].astype(int)
    return items


def _threaded(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]):
    notice_frame = notices(conn, doc_ids)
    items = queries._frame(conn, _ITEMS, _docs(doc_ids))
    items["item"] = [
        item_label(p, n, lab)
        for p, n, lab in zip(items["part"], items["item_no"], items["label"], strict=True)
    ]
    return notice_frame, thread_items(items, list(notice_frame["doc_id"]))


def item_changes(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per item followed through the notices (oldest to newest).

    Columns: item (its label in the latest notice holding it), title, one column per
    notice label with the status there (未列出 where the notice does not list it), `then`
    and `now` (first and last notice), `change` (新增 / 不再列出 / 状态变化 / 未变) and
    `link` (its sentence in the latest notice holding it).
    """
    notice_frame, items = _threaded(conn, doc_ids)
    labels = dict(zip(notice_frame["doc_id"], notice_frame["label"], strict=True))
    order = list(notice_frame["doc_id"])
    rows = []
    for _thread, group in items.groupby("thread", sort=False):
        by_doc = {r.doc_id: r for r in group.itertuples()}
        latest = by_doc[max(by_doc, key=order.index)]
        row = {"item": latest.item, "title": latest.title or ""}
        statuses = [(by_doc[d].status or "未标注") if d in by_doc else ABSENT for d in order]
        for doc, status in zip(order, statuses, strict=True):
            row[labels[doc]] = status
        row["then"], row["now"] = statuses[0], statuses[-1]
        if statuses[0] == ABSENT:
            row["change"] = NEW
        elif statuses[-1] == ABSENT:
            row["change"] = GONE
        elif len({s for s in statuses if s != ABSENT}) > 1:
            row["change"] = CHANGED
        else:
            row["change"] = SAME
        row["link"] = sentence_link(
            latest.doc_id, None if blank(latest.sentence_at) else int(latest.sentence_at)
        )
        row["_order"] = (0 if latest.part == "二" else 1, latest.item_no or 0)
        rows.append(row)
    if not rows:
        return pd.DataFrame(
            columns=["item", "title", *labels.values(), "then", "now", "change", "link"]
        )
    out = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)


def number_text(value: float) -> str:
    """12, 18.6, 35,000: a value in digits, never 1.2e+08."""
    return f"{value:,.10g}"


def _change_text(first: float, last: float, unit: str) -> str:
    return f"{number_text(first)} → {number_text(last)} {unit}"


def figure_changes(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """Figures of one subject, unit and kind in the same item across the notices.

    One row per (item, subject, unit, kind, n-th such figure in the item); one column per
    notice label with the value (blank where absent); `change` as 331 → 512 处 between
    the first and the last notice holding it, `delta` the difference, `notices` how many
    hold it, `ref` its item label, `review` the review states of its figures.
    """
    notice_frame, items = _threaded(conn, doc_ids)
    labels = dict(zip(notice_frame["doc_id"], notice_frame["label"], strict=True))
    order = list(notice_frame["doc_id"])
    thread_of = {
        (r.doc_id, r.part, r.item_no): r.thread for r in items.itertuples() if not blank(r.part)
    }
    figs = queries._frame(conn, _FIGURES, _docs(doc_ids))
    columns = [
        "ref",
        "what",
        "unit",
        "kind",
        *labels.values(),
        "change",
        "delta",
        "notices",
        "review",
    ]
    if figs.empty:
        return pd.DataFrame(columns=columns)
    figs["thread"] = [
        thread_of.get((d, p, n), -1)
        for d, p, n in zip(figs["doc_id"], figs["part"], figs["item_no"], strict=True)
    ]
    figs["kind"] = figs["kind"].fillna("")
    figs["nth"] = figs.groupby(["doc_id", "thread", "what", "unit", "kind"]).cumcount()
    figs["ref"] = [
        item_label(p, n, lab) or "总体情况"
        for p, n, lab in zip(figs["part"], figs["item_no"], figs["item_label"], strict=True)
    ]
    rows = []
    for _key, group in figs.groupby(["thread", "what", "unit", "kind", "nth"], sort=False):
        by_doc = {r.doc_id: r for r in group.itertuples()}
        present = [d for d in order if d in by_doc]
        first, last = by_doc[present[0]], by_doc[present[-1]]
        row = {
            "ref": last.ref,
            "what": last.what,
            "unit": last.unit,
            "kind": KIND_LABELS.get(last.kind, last.kind),
            **{labels[d]: (by_doc[d].value if d in by_doc else None) for d in order},
            "change": _change_text(first.value, last.value, last.unit) if len(present) > 1 else "",
            "delta": last.value - first.value if len(present) > 1 else None,
            "notices": len(present),
            "review": "、".join(dict.fromkeys(str(by_doc[d].review_state) for d in present)),
            "_at": (order.index(present[0]), first.char_start),
        }
        rows.append(row)
    out = pd.DataFrame(rows).sort_values("_at", kind="stable").drop(columns="_at")
    return out.reset_index(drop=True)


def place_summary(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """Per notice: items, 已完成 / 推进中 / 长期, overdue items and the completion rate, ranked.

    rate = 已完成 ÷ (已完成 + 推进中), as on 总览 (长期 items are kept open by design).
    """
    notice_frame = notices(conn, doc_ids)
    ledger = queries.ledger(conn, Filters())
    ledger = ledger[ledger["doc_id"].isin(set(notice_frame["doc_id"]))]
    rows = []
    for n in notice_frame.itertuples():
        mine = ledger[ledger["doc_id"] == n.doc_id]
        done = int((mine["status"] == "已完成").sum())
        doing = int((mine["status"] == "推进中").sum())
        rows.append(
            {
                "doc_id": n.doc_id,
                "label": n.label,
                "place": "" if blank(n.place) else n.place,
                "round": "" if blank(n.round) else n.round,
                "published": date_text(n.published),
                "items": len(mine),
                "done": done,
                "doing": doing,
                "lasting": int((mine["status"] == "长期").sum()),
                "overdue": int(
                    (
                        mine["overdue"].fillna(False).astype(bool) & (mine["status"] != "已完成")
                    ).sum()
                ),
                "rate": done / (done + doing) if done + doing else None,
            }
        )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["_rate"] = out["rate"].fillna(-1.0)
    out = out.sort_values(["_rate", "doing"], ascending=[False, True], kind="stable")
    out = out.drop(columns="_rate").reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def _notice_figures(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    figs = queries._frame(conn, _FIGURES, _docs(doc_ids))
    figs["kind"] = figs["kind"].fillna("")
    return figs


def subject_choices(conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """Subjects counted in one unit and kind in two or more of the notices, most shared first.

    Columns what, unit, kind (the loader's), notices; `key` names the three for a widget.
    """
    figs = _notice_figures(conn, doc_ids)
    if figs.empty:
        return pd.DataFrame(columns=["key", "what", "unit", "kind", "notices"])
    counts = (
        figs.groupby(["what", "unit", "kind"], sort=False)["doc_id"]
        .nunique()
        .reset_index(name="notices")
    )
    counts = counts[counts["notices"] >= 2].sort_values("notices", ascending=False, kind="stable")
    counts["key"] = [  # what a leader reads, and what the URL keeps: 积水点（处，成效）
        f"{w}（{u}，{KIND_LABELS.get(k, k) or '未分类'}）"
        for w, u, k in zip(counts["what"], counts["unit"], counts["kind"], strict=True)
    ]
    return counts[["key", "what", "unit", "kind", "notices"]].reset_index(drop=True)


def subject_ranking(
    conn: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...], what: str, unit: str, kind: str
) -> pd.DataFrame:
    """One subject in one unit and kind, one figure per notice, ranked from the largest.

    A notice's figure is its town-wide one (no village named) if it has one, else its
    first; `figures` says how many the notice gives, `ref` where the chosen one stands.
    Notices without the subject are left out: a missing figure is not a zero.
    """
    notice_frame = notices(conn, doc_ids)
    labels = dict(zip(notice_frame["doc_id"], notice_frame["label"], strict=True))
    figs = _notice_figures(conn, doc_ids)
    figs = figs[(figs["what"] == what) & (figs["unit"] == unit) & (figs["kind"] == kind)].copy()
    columns = ["rank", "label", "value", "unit", "ref", "figures", "review_state", "link"]
    if figs.empty:
        return pd.DataFrame(columns=columns)
    figs["town_wide"] = [
        v is None or pd.api.types.is_scalar(v) or len(v) == 0 for v in figs["villages"]
    ]
    counts = figs.groupby("doc_id").size()
    chosen = figs.sort_values(["town_wide", "char_start"], ascending=[False, True], kind="stable")
    chosen = chosen.groupby("doc_id", sort=False).head(1).copy()
    chosen["label"] = chosen["doc_id"].map(labels)
    chosen["figures"] = chosen["doc_id"].map(counts).astype(int)
    chosen["ref"] = [
        item_label(p, n, lab) or "总体情况"
        for p, n, lab in zip(chosen["part"], chosen["item_no"], chosen["item_label"], strict=True)
    ]
    chosen["link"] = [
        sentence_link(d, int(a))
        for d, a in zip(chosen["doc_id"], chosen["sentence_at"], strict=True)
    ]
    chosen = chosen.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
    chosen.insert(0, "rank", range(1, len(chosen) + 1))
    return chosen[columns]
