"""Score the loader against a hand annotation of a notice (not part of the app or its tests).

Usage: python -m eval.score REPORT ANNOTATION.csv [ANNOTATION.csv ...]
An annotation row names a figure by its exact span and the characters before it
(context_before), with value, unit, qualifier, kind, item_no, villages.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from loaders.extract import parse_report
from loaders.reading import read_report


def _compact(text: str) -> tuple[str, list[int]]:
    chars, index = [], []
    for i, c in enumerate(text):
        if not c.isspace():
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def locate(text: str, rows: list[dict]) -> list[tuple[dict, int | None]]:
    """Position of each annotated span in the normalised text (whitespace-insensitive)."""
    import unicodedata

    compact, index = _compact(text)
    out, cursor = [], 0
    for row in rows:
        span = unicodedata.normalize("NFKC", re.sub(r"\s+", "", row["span"]))
        before = unicodedata.normalize("NFKC", re.sub(r"\s+", "", row.get("context_before", "")))
        pos = _find(compact, before, span, cursor)
        if pos == -1 and re.search(r"[\t\n]", row.get("context_before", "")):
            # the context runs over a table cell's edge (a tab in the .txt); the text
            # joins cells with " | ", so only the context inside the cell is compared
            cell = re.split(r"[\t\n]", row["context_before"])[-1]
            before = unicodedata.normalize("NFKC", re.sub(r"\s+", "", cell))
            pos = _find(compact, before, span, cursor)
        if pos == -1:
            out.append((row, None))
            continue
        start = pos + (len(before) if before else 0)
        cursor = start + 1
        out.append((row, index[start]))
    return out


def _find(compact: str, before: str, span: str, cursor: int) -> int:
    key = before + span
    pos = compact.find(key, cursor) if before else compact.find(span, cursor)
    if pos == -1:
        pos = compact.find(key) if before else compact.find(span)
    return pos


def _num(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def score(report: Path, annotations: list[Path], verbose: bool = True) -> dict:
    parsed = parse_report(read_report(report))
    text = parsed.doc["text"]
    rows = []
    for path in annotations:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    located = locate(text, rows)
    extracted = {ind["char_start"]: ind for ind in parsed.indicators}
    matched: set[int] = set()
    found = right_item = right_q = right_kind = vill_total = vill_right = 0
    misses, wrong = [], []
    for row, pos in located:
        ind = extracted.get(pos) if pos is not None else None
        if ind is None or _num(row["value"]) is None:
            misses.append((row, pos))
            continue
        ok = abs(ind["value"] - _num(row["value"])) < 1e-6 and ind["unit"] == row["unit"]
        if not ok:
            misses.append((row, pos))
            wrong.append((row, ind))
            continue
        matched.add(pos)
        found += 1
        item = row.get("item_no") or None
        right_item += (str(ind["item_no"]) if ind["item_no"] is not None else None) == item
        right_q += (ind["qualifier"] or "") == (row.get("qualifier") or "")
        right_kind += ind["kind"] == (row.get("kind") or "result")
        want = sorted(v for v in (row.get("villages") or "").split(";") if v)
        if want or ind["villages"]:
            vill_total += 1
            vill_right += sorted(ind["villages"]) == want
    extra = [ind for pos, ind in extracted.items() if pos not in matched]
    result = {
        "annotated": len(rows),
        "extracted": len(extracted),
        "recall": found / max(len(rows), 1),
        "precision": found / max(len(extracted), 1),
        "item": right_item / max(found, 1),
        "qualifier": right_q / max(found, 1),
        "kind": right_kind / max(found, 1),
        "villages": vill_right / max(vill_total, 1),
    }
    if verbose:
        for row, pos in misses:
            print(
                "MISS",
                row["span"],
                row["value"],
                row["unit"],
                "@",
                pos,
                "|",
                row.get("context_before"),
                "|",
                row.get("note", "")[:60],
            )
        for _row, ind in wrong:
            print("  got", ind["raw"], ind["value"], ind["unit"])
        for ind in extra:
            s = ind["char_start"]
            print(
                "EXTRA",
                ind["raw"],
                ind["value"],
                ind["unit"],
                "|",
                text[max(0, s - 10) : s].replace("\n", "/"),
            )
        print({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
    return result


if __name__ == "__main__":
    score(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
