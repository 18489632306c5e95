"""Villages told apart by their place: two towns may each have a 新村.

Across notices (全部) a village whose name recurs in another place is named, chosen and
counted with its place, 新村（民众街道）; a name found in one place only stays bare.
"""

from __future__ import annotations

import re

import pandas as pd

# 新村（民众街道）: the name, then the place in full-width brackets at the end.
_QUALIFIED = re.compile(r"^(?P<name>.+)（(?P<place>[^（）]+)）$")


def qualified(village: str, place: object) -> str:
    """新村（民众街道）: a village named with its place."""
    return f"{village}（{place}）"


def parse_choice(choice: str) -> tuple[str, str | None]:
    """(name, place) of a village choice; place None for a bare name.

    The place is the balanced bracket group at the end, so a place that itself holds
    brackets (a notice's title standing for its place, 三角街道（东区）) is read whole.
    """
    match = _QUALIFIED.match(choice)
    if match:
        return match["name"], match["place"]
    if not choice.endswith("）"):
        return choice, None
    depth = 0
    for at in range(len(choice) - 1, 0, -1):  # index 0: no name before the place
        depth += {"）": 1, "（": -1}.get(choice[at], 0)
        if depth == 0:
            return choice[:at], choice[at + 1 : -1]
    return choice, None


def recurring(places: pd.DataFrame) -> set[str]:
    """The village names found in more than one place (frame of village, place rows)."""
    if places.empty:
        return set()
    counts = places.groupby("village")["place"].nunique()
    return set(counts[counts > 1].index)


def village_labels(df: pd.DataFrame, names: set[str]) -> pd.Series:
    """Each row's village as a leader reads it: with its place where the name recurs."""
    return pd.Series(
        [
            qualified(v, p) if v in names else v
            for v, p in zip(df["village"], df["place"], strict=True)
        ],
        index=df.index,
        dtype=object,
    )


def choices(places: pd.DataFrame) -> list[str]:
    """The village filter's values across notices: one per village of a place."""
    names = recurring(places)
    return list(dict.fromkeys(village_labels(places, names))) if len(places) else []
