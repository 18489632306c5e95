"""Score what the loader says figures and items mean, against hand annotations.

Usage: python -m eval.meaning [-v] [NAME ...]

For every annotated notice in eval/annotations (NAME.txt/.html/.docx beside
NAME.figures.csv, NAME.items.csv, NAME.progress.csv; the bundled report through
minzhong_part_*.csv and minzhong_items.csv) it prints one line of figures:

- recall / precision of the figures (value and unit at the annotated span);
- label: share of found figures with annotated `counted` words whose metric contains them
  (`label=` the whole counted words, `head=` the head of a counted list: 违章建筑 of
  违章建筑、窝棚等);
- subject: share whose subject is the counted words or holds their head, or lies inside them;
- kind: share with the annotated kind (`kind2` where the annotator gave one, else `kind`);
- status / basis: share of annotated items whose status / status_basis the loader gives.
With -v it lists every figure whose label, subject or kind disagrees, and every item.
"""

from __future__ import annotations

import argparse
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from eval.score import locate
from loaders.extract import parse_report
from loaders.reading import read_report

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "eval" / "annotations"
BUNDLED = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"


@dataclass
class Notice:
    name: str
    report: Path
    figures: list[Path]
    items: Path | None = None
    progress: Path | None = None
    scores: dict = field(default_factory=dict)


def notices(directory: Path = ANNOTATIONS) -> list[Notice]:
    found = []
    parts = sorted(directory.glob("minzhong_part_*.csv"))
    if parts and BUNDLED.exists():
        items = directory / "minzhong_items.csv"
        found.append(Notice("minzhong", BUNDLED, parts, items if items.exists() else None))
    for figures in sorted(directory.glob("*.figures.csv")):
        stem = figures.name[: -len(".figures.csv")]
        report = next(
            (
                p
                for p in (directory / f"{stem}{ext}" for ext in (".txt", ".html", ".docx"))
                if p.exists()
            ),
            None,
        )
        if report is None:
            continue
        items, progress = directory / f"{stem}.items.csv", directory / f"{stem}.progress.csv"
        found.append(
            Notice(
                stem,
                report,
                [figures],
                items if items.exists() else None,
                progress if progress.exists() else None,
            )
        )
    return found


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(fh)
        ]


def _norm(s: str | None) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", unicodedata.normalize("NFKC", s or ""))


def counted_head(counted: str) -> str:
    """The head of the counted words: the first of a list, without 等 and a leading 各类."""
    head = re.split(r"[、,;/]|以及|和|及|与", _norm(counted))[0]
    head = re.sub(r"等$", "", head)
    return re.sub(r"^(?:各类|各项|全部|所有)", "", head) or _norm(counted)


def label_names(metric: str | None, counted: str) -> tuple[bool, bool]:
    """(metric holds all the counted words, metric holds their head)."""
    m, c = _norm(metric), _norm(counted)
    return c in m, counted_head(counted) in m


def subject_names(subject: str | None, counted: str) -> bool:
    if not subject:
        return False
    s, c = _norm(subject).removesuffix("等"), _norm(counted)
    head = counted_head(counted)
    return s == c or head in s or (len(s) >= 2 and s in c)


def _num(v: str) -> float | None:
    try:
        return float(v)
    except ValueError:
        return None


def score(notice: Notice, verbose: bool = False) -> dict:
    parsed = parse_report(read_report(notice.report))
    text = parsed.doc["text"]
    rows = [r for path in notice.figures for r in _rows(path)]
    located = locate(text, rows)
    by_start = {ind["char_start"]: ind for ind in parsed.indicators}
    matched: set[int] = set()
    found = counted_n = label_full = label_head = subject_ok = subject_null = kind_ok = 0
    lines = []
    for row, pos in located:
        ind = by_start.get(pos) if pos is not None else None
        lead = re.match(r"约|近|超过|超|逾|不足|至少|不低于|多达", _norm(row.get("span", "")))
        if ind is None and pos is not None and lead:
            ind = by_start.get(pos + len(lead.group()))  # a span written with its qualifier
            pos = pos + len(lead.group()) if ind else pos
        value = _num(row.get("value", ""))
        unit = unicodedata.normalize("NFKC", row.get("unit", "")).replace("个百分点", "百分点")
        if ind is None or value is None or abs(ind["value"] - value) > 1e-6 or ind["unit"] != unit:
            if verbose and "unsure" not in row.get("note", ""):
                lines.append(f"  MISS {row['span']} | {row.get('context_before', '')}")
            continue
        matched.add(pos)
        found += 1
        want_kind = row.get("kind2") or row.get("kind") or "result"
        kind_right = ind["kind"] == want_kind
        kind_ok += kind_right
        counted = row.get("counted", "")
        bad = []
        if counted:
            counted_n += 1
            full, head = label_names(ind["metric"], counted)
            label_full += full
            label_head += head
            subj = subject_names(ind.get("subject"), counted)
            subject_ok += subj
            subject_null += not ind.get("subject")
            if not head:
                bad.append("label")
            if not subj:
                bad.append("subject")
        if not kind_right:
            bad.append(f"kind {ind['kind']}≠{want_kind}")
        if verbose and bad:
            s = ind["char_start"]
            lines.append(
                f"  {'/'.join(bad)}: {ind['raw']} counted={counted!r} metric={ind['metric']!r}"
                f" subject={ind.get('subject')!r} | {text[max(0, s - 18) : s]}【{ind['raw']}】"
                f"{text[ind['char_end'] : ind['char_end'] + 10]}".replace("\n", "/")
            )
    extra = [ind for pos, ind in by_start.items() if pos not in matched]
    if verbose:
        for ind in extra:
            s = ind["char_start"]
            lines.append(f"  EXTRA {ind['raw']} | {text[max(0, s - 12) : s]}".replace("\n", "/"))
    result = {
        "figures": len(rows),
        "recall": found / max(len(rows), 1),
        "precision": found / max(len(by_start), 1),
        "counted": counted_n,
        "label": label_full / max(counted_n, 1),
        "head": label_head / max(counted_n, 1),
        "subject": subject_ok / max(counted_n, 1),
        "no_subject": subject_null,
        "kind": kind_ok / max(found, 1),
    }
    if notice.items:
        result.update(_items(parsed, _rows(notice.items), lines if verbose else None))
    if notice.progress:
        result.update(_progress(parsed, _rows(notice.progress)))
    notice.scores = result
    if verbose:
        print(f"== {notice.name}")
        print("\n".join(lines))
    return result


def _items(parsed, rows: list[dict], lines: list[str] | None) -> dict:
    got = {(i["part"] or "", str(i["item_no"])): i for i in parsed.items}
    keys = [(r.get("part", ""), r.get("item_no", "")) for r in rows]
    # where the outline numbers items otherwise than the annotator (one run through all parts
    # against numbers restarting per part), items are matched in reading order
    by_order = sum(k in got for k in keys) < len(keys) / 2 and len(parsed.items) == len(rows)
    status_ok = basis_ok = basis_n = 0
    for n, row in enumerate(rows):
        key = keys[n]
        item = parsed.items[n] if by_order else got.get(key)
        if item is None and not key[0]:
            item = next((i for k, i in got.items() if k[1] == key[1]), None)
        right = item is not None and item["status"] == row.get("status")
        status_ok += right
        if row.get("status_basis"):
            basis_n += 1
            basis_ok += item is not None and item.get("status_basis") == row["status_basis"]
        if lines is not None and not right:
            lines.append(
                f"  item {key}: got {item and item['status']} ({item and item.get('status_basis')}:"
                f" {item and (item['status_evidence'] or '')[:40]!r}) want {row.get('status')}"
                f" ({row.get('status_basis')}: {row.get('evidence', '')[:40]!r})"
            )
    return {
        "items": len(rows) if not by_order else f"{len(rows)}(in order)",
        "status": status_ok / max(len(rows), 1),
        "basis": basis_ok / max(basis_n, 1),
    }


def _progress(parsed, rows: list[dict]) -> dict:
    # a multiset: the same numbers stated twice (a summary and its item) are two pairs, and
    # each parsed pair answers one annotated row only
    got: dict[tuple, list[dict]] = {}
    for p in parsed.progress:
        got.setdefault((p["done"], p["total"], p["unit"]), []).append(p)
    hits = subj = 0
    for row in rows:
        key = (_num(row.get("done", "")), _num(row.get("total", "")), row.get("unit", ""))
        pair = got[key].pop(0) if got.get(key) else None
        if pair is not None:
            hits += 1
            subj += subject_names(pair.get("subject"), row.get("counted", ""))
    return {
        "pairs": len(rows),
        "pair_recall": hits / max(len(rows), 1),
        "pair_precision": hits / max(len(parsed.progress), 1),
        "pair_subject": subj / max(hits, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.meaning")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    for notice in notices():
        if args.names and notice.name not in args.names:
            continue
        r = score(notice, args.verbose)
        cells = [f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()]
        print(f"{notice.name:<14} " + " ".join(cells))


if __name__ == "__main__":
    main()
