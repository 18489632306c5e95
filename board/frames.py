"""Pure narrowing and grouping of query results (no SQL, no streamlit)."""

from __future__ import annotations

import pandas as pd

from board.filters import KIND_LABELS
from board.labels import VERIFIED_STATES, blank


def ledger_view(
    df: pd.DataFrame, status: str | None = None, basis: str | None = None, review: str | None = None
) -> pd.DataFrame:
    """The ledger narrowed to one status, one status basis and/or one review state."""
    if status:
        df = df[df["status"] == status]
    if basis:
        df = df[df["status_basis"] == basis]
    if review == "已核实":
        df = df[df["review_state"].isin(VERIFIED_STATES)]
    elif review:
        df = df[df["review_state"] == review]
    return df


def subject_groups(figures: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """Figures of one subject, unit and kind across two or more villages, or notices.

    Villages: each figure of one village. Notices (全部, a `notice` column): the figures of
    no one village, where each notice gives exactly one. Not items: one subject in two
    items of a notice is most often the same figure restated (二(4) and 二(22) both plan
    28 条道路工程) or two parts of one task. A village is named with its notice where the
    figures come from several (two towns may each have a 新村), and with its item too
    where it has two such figures: no two bars share a name (Plotly draws them on one
    spot, as if summed). A kind other than 成效 is said in the subject (…·目标).
    """
    if figures.empty:
        return []
    # Only a named subject makes figures comparable: two labels that merely read alike
    # (the loader's metric) may count different things.
    df = figures[figures["value"].notna() & figures["unit"].notna()].copy()
    df = df[[not blank(s) for s in df["subject"]]]
    df["where"] = [_one_village(v) for v in df["villages"]] if "villages" in df else ""
    df["scope"] = df["where"] != ""
    if "notice" in df:
        df["where"] = df["where"].where(df["scope"], df["notice"].fillna(""))
    df = df[df["where"] != ""]
    if df.empty:
        return []
    df["kind_key"] = df["kind"].fillna("") if "kind" in df else ""
    groups = []
    keys = ["subject", "unit", "kind_key", "scope"]
    for (what, unit, kind, of_village), rows in df.groupby(keys, sort=False):
        rows = rows.copy()
        if not of_village and rows["where"].duplicated().any():
            continue  # a notice with two such figures: which one would stand for it?
        if of_village and "notice" in rows and rows["doc_id"].nunique() > 1:
            rows["where"] = [
                f"{w}（{n}）" for w, n in zip(rows["where"], rows["notice"], strict=True)
            ]
        if rows["where"].nunique() < 2:
            continue
        rows["where"] = _distinct(rows)
        named = f"{what}·{KIND_LABELS[kind]}" if kind in KIND_LABELS and kind != "result" else what
        groups.append((str(named), str(unit), rows.drop(columns=["kind_key", "scope"])))
    return groups


def _one_village(villages: object) -> str:
    if villages is None or pd.api.types.is_scalar(villages) or len(villages) != 1:
        return ""
    return str(villages[0])


def _distinct(rows: pd.DataFrame) -> list[str]:
    """Bar names: the village, then · item where it repeats, then （2）… if still repeated."""
    where = [
        f"{w} · {item}" if repeated and not blank(item) else w
        for w, item, repeated in zip(
            rows["where"], rows["item"], rows["where"].duplicated(keep=False), strict=True
        )
    ]
    seen: dict[str, int] = {}
    out = []
    for w in where:
        seen[w] = seen.get(w, 0) + 1
        out.append(w if seen[w] == 1 else f"{w}（{seen[w]}）")
    return out
