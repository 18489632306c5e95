"""Pure narrowing and grouping of query results (no SQL, no streamlit)."""

from __future__ import annotations

import pandas as pd

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
    """Figures of one subject and unit across two or more villages or items."""
    if figures.empty:
        return []
    # Only a named subject makes figures comparable: two labels that merely read alike
    # (the loader's metric) may count different things.
    df = figures[figures["value"].notna() & figures["unit"].notna()].copy()
    df = df[[not blank(s) for s in df["subject"]]]
    df["what"] = df["subject"]
    df["where"] = [
        v[0] if v is not None and not pd.api.types.is_scalar(v) and len(v) == 1 else item
        for v, item in zip(df["villages"], df["item"], strict=True)
    ]
    groups = []
    for (what, unit), rows in df.groupby(["what", "unit"], sort=False):
        if rows["where"].replace("", pd.NA).dropna().nunique() >= 2:
            groups.append((str(what), str(unit), rows))
    return groups
