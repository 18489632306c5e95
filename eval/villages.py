"""Village agreement per annotated notice: `python -m eval.villages [-v] [NAME ...]`.

For every annotated figure the loader finds (same span, value and unit), its `villages` cell
(the annotation's `;`-joined names) is compared with the loader's as a set. Printed per
notice: cells right / cells (every found figure), the same over the cells where either side
names a village (the measure eval.score calls `villages`), and with -v each disagreement.
NAME picks notices whose name contains it (e.g. `village_b`, `minzhong`).
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

from eval.score import _num, locate
from loaders.errors import ReportError
from loaders.extract import parse_report
from loaders.reading import read_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"
DIRS = ("annotations", "heldout/secret", "heldout/fresh", "heldout/fresh3", "heldout/fresh4")
DIRS += ("heldout/dev5", "heldout/blind5", "heldout/fresh6")


def notices(dirs: list[Path] | None = None) -> list[tuple[str, Path, list[Path]]]:
    """(name, notice file, annotation files) of every annotated notice, the bundled first;
    with `dirs`, the notices of those directories only (a blind set outside the repository)."""
    out = []
    if dirs is None:
        out.append(
            ("minzhong", BUNDLED, sorted((HERE / "annotations").glob("minzhong_part_*.csv")))
        )
    for d in dirs if dirs is not None else [HERE / d for d in DIRS]:
        for ann in sorted(d.glob("*.figures.csv")):
            stem = ann.name[: -len(".figures.csv")]
            txt = ann.with_name(stem + ".txt")
            if txt.exists():
                out.append((f"{Path(d).name}/{stem}", txt, [ann]))
    return out


def _names(cell: str | None) -> frozenset[str]:
    cell = unicodedata.normalize("NFKC", cell or "")
    return frozenset(v.strip() for v in cell.replace("；", ";").split(";") if v.strip())


def score(notice: Path, annotations: list[Path]) -> dict:
    rows = []
    for path in annotations:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    try:
        parsed = parse_report(read_report(notice))
    except ReportError as exc:
        return {"refused": exc.reason}
    text = parsed.doc["text"]
    by_pos = {ind["char_start"]: ind for ind in parsed.indicators}
    cells = right = named = named_right = 0
    wrong = []
    for row, pos in locate(text, rows):
        ind = by_pos.get(pos) if pos is not None else None
        if ind is None and pos is not None and row.get("qualifier"):
            ind = by_pos.get(pos + len(row["qualifier"]))
        want_value = _num(row["value"])
        if ind is None or want_value is None or abs(ind["value"] - want_value) > 1e-6:
            continue
        want, got = _names(row.get("villages")), frozenset(ind["villages"] or ())
        cells += 1
        right += want == got
        if want or got:
            named += 1
            named_right += want == got
        if want != got:
            s = ind["char_start"]
            wrong.append(
                (
                    row["span"],
                    text[max(0, s - 14) : s].replace("\n", "/"),
                    "want " + ";".join(sorted(want)),
                    "got " + ";".join(sorted(got)),
                )
            )
    return {
        "cells": cells,
        "right": right,
        "named": named,
        "named_right": named_right,
        "wrong": wrong,
    }


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    dirs = [Path(a) for a in argv if a != "-v" and Path(a).is_dir()] or None
    picks = [a for a in argv if a != "-v" and not Path(a).is_dir()]
    total = total_right = 0
    for name, notice, files in notices(dirs):
        if picks and not any(p in name for p in picks):
            continue
        r = score(notice, files)
        if "refused" in r:
            print(f"{name:<22} refused: {r['refused'][:60]}")
            continue
        total += r["cells"]
        total_right += r["right"]
        share = r["named_right"] / r["named"] if r["named"] else 1.0
        print(
            f"{name:<22} {r['right']}/{r['cells']} cells"
            f"  named {r['named_right']}/{r['named']} ({share:.3f})"
        )
        if verbose:
            for span, before, want, got in r["wrong"]:
                print(f"    {span:<8} …{before} | {want} | {got}")
    print(f"all {total_right}/{total} cells")


if __name__ == "__main__":
    main(sys.argv[1:])
