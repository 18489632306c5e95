"""The sidebar filters as one value, and their round trip through the URL query string."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

# URL key for each Filters field; lists become repeated keys (?village=a&village=b).
QUERY_KEYS: dict[str, str] = {
    "doc_id": "doc",
    "themes": "theme",
    "topics": "topic",
    "items": "item",
    "villages": "village",
    "kinds": "kind",
    "periods": "period",
    "verified_only": "verified",
}
# The URL value of 只看已核实 when on (?verified=1); any other value means off.
VERIFIED_ON = "1"

KIND_LABELS: dict[str, str] = {
    "result": "成效",
    "target": "目标",
    "rule": "制度要求",
    "baseline": "基数",
}


def item_key(part: str | None, item_no: int | None) -> str:
    """Items are numbered separately in part 二 and part 三, so the key carries the part."""
    return f"{part or ''}-{item_no}"


@dataclass(frozen=True)
class Filters:
    """What the leader has narrowed the view to; empty tuples mean 'all'."""

    doc_id: str | None = None
    themes: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    villages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    verified_only: bool = False  # 只看已核实: only what a reviewer confirmed or corrected

    def params(self) -> list[object]:
        """Bound parameters for the filtered_* table macros, in their declared order."""
        return [
            self.doc_id,
            list(self.themes),
            list(self.topics),
            list(self.items),
            list(self.villages),
            list(self.kinds),
            list(self.periods),
        ]

    def to_query_params(self) -> dict[str, str | list[str]]:
        """URL query parameters that reproduce these filters (empty ones left out)."""
        out: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == () or value is False:
                continue
            if value is True:
                out[QUERY_KEYS[f.name]] = VERIFIED_ON
                continue
            out[QUERY_KEYS[f.name]] = value if isinstance(value, str) else list(value)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Filters from a query-string mapping; unknown keys are ignored, blanks dropped."""
        values: dict[str, object] = {}
        for name, key in QUERY_KEYS.items():
            raw = params.get(key)
            listed = [raw] if isinstance(raw, str) else list(raw or [])
            listed = [v for v in listed if v]
            if name == "doc_id":
                values[name] = listed[-1] if listed else None
            elif name == "verified_only":
                values[name] = bool(listed) and listed[-1] == VERIFIED_ON
            else:
                values[name] = tuple(dict.fromkeys(listed))
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the filters in force, in Chinese, for notes and file names."""
        labels = {
            "themes": "主题",
            "topics": "议题",
            "items": "事项",
            "villages": "村(社区)",
            "kinds": "类型",
            "periods": "时期",
        }
        out = []
        for name, label in labels.items():
            value = getattr(self, name)
            if value:
                shown = [KIND_LABELS.get(v, v) for v in value] if name == "kinds" else value
                out.append((label, "、".join(shown)))
        if self.verified_only:
            out.append(("核实", "只看已核实"))
        return out
