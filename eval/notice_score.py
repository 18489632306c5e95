"""Score the loader on one notice against an annotator's NAME.figures/items/meta files.

Usage: python -m eval.notice_score NOTICE_FILE ANNOTATION_PREFIX [-q]
(ANNOTATION_PREFIX: e.g. /work/heldout/dev/table_a for table_a.figures.csv, .items.csv,
.meta.json). Figures are matched by their exact span in the text (eval.score.locate);
a found figure's item is right when the loader's item and the annotated item are the same
problem (their titles share their opening characters), so numbering conventions do not
matter. Items are paired the same way for status / owner / deadline agreement.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

from eval.score import _num, locate
from loaders.errors import ReportError
from loaders.extract import parse_report
from loaders.reading import read_report


def written_date(text: str) -> str:
    """An annotated deadline as the ISO date it names (2025年6月底前 → 2025-06-30); else as is.

    The annotator copies the deadline as written; items.deadline is a DATE (DESIGN.md).
    """
    import calendar

    t = unicodedata.normalize("NFKC", text or "").strip()
    m = re.match(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日|底|末)?|底|末)", t)
    if not m:
        return t
    year = int(m.group(1))
    month = int(m.group(2) or 12)
    day = int(m.group(3) or calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


# A place may be written with the units above it (丰源县石溪镇 for 石溪镇), and a round with
# or without its leading 第 and the kind of inspection after it (第十五届市委第五轮常规巡察
# for 十五届市委第五轮): annotators differ in this, and each names the same place or round.
HIGHER_UNITS = re.compile(r"(?:[\u4e00-\u9fff]{1,6}?(?:自治州|自治县|省|市|州|盟|区|县|旗))+")
ROUND_TAIL = re.compile(r"(?<=轮)[\u4e00-\u9fff]{0,4}?巡[察视]$")


def same_meta(field: str, ours: object, theirs: object) -> bool:
    """Our metadata field names what the annotator wrote (see HIGHER_UNITS above)."""
    a, b = str(ours or ""), str(theirs or "")
    if field == "round":
        a, b = (ROUND_TAIL.sub("", re.sub(r"^第(?=\S{1,3}届)", "", v)) for v in (a, b))
    if field == "place" and a and b and a != b:
        short, long = sorted((a, b), key=len)
        return long.endswith(short) and HIGHER_UNITS.fullmatch(long[: -len(short)]) is not None
    return a == b


def _key(title: str | None) -> str:
    text = unicodedata.normalize("NFKC", title or "")
    # 关于“X”的问题 and X name one problem: annotators copy either (the wrapper is the
    # notice's habit, not the problem)
    text = re.sub(r"^(?:关于|针对)[“\"']", "", text)
    return re.sub(r"[\W_]+", "", text)[:8]


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def score_notice(notice: Path, prefix: str, verbose: bool = True) -> dict:
    figures = _rows(Path(prefix + ".figures.csv"))
    items = _rows(Path(prefix + ".items.csv"))
    meta_path = Path(prefix + ".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    try:
        parsed = parse_report(read_report(notice))
    except ReportError as exc:
        result = {"refused": exc.reason, "annotated": len(figures), "items_annotated": len(items)}
        print(json.dumps(result, ensure_ascii=False))
        return result
    text = parsed.doc["text"]
    titles = {(r["part"], r["item_no"]): _key(r["title"]) for r in items}
    # an item is (part, item_no): problem lists restart 问题1 under each part
    ours = {(it["part"], it["item_no"]): it for it in parsed.items}
    by_pos = {ind["char_start"]: ind for ind in parsed.indicators}
    found = right_item = 0
    matched: set[int] = set()
    lines = []
    for row, pos in locate(text, figures):
        ind = by_pos.get(pos) if pos is not None else None
        if ind is None and pos is not None and row.get("qualifier"):
            # the annotator's span may open with its qualifier (约1900亩); ours starts at 1900
            ind = by_pos.get(pos + len(row["qualifier"]))
            pos = ind["char_start"] if ind else pos
        want = _num(row["value"])
        if (
            ind is None
            or want is None
            or abs(ind["value"] - want) > 1e-6
            or ind["unit"] != unicodedata.normalize("NFKC", row["unit"])
        ):
            got = f"{ind['value']} {ind['unit']}" if ind else "-"
            lines.append(f"MISS {row['span']} {row['value']}{row['unit']} got {got}")
            continue
        found += 1
        matched.add(pos)
        want_item = titles.get((row["part"], row["item_no"])) if row["item_no"] else None
        got = ours.get((ind["part"], ind["item_no"])) if ind["item_no"] is not None else None
        got_key = _key(got["title"]) if got else None
        if want_item == got_key or (want_item and got_key and want_item[:4] == got_key[:4]):
            right_item += 1
        else:
            lines.append(f"ITEM {row['span']} want {row['part']}/{row['item_no']} got {got_key}")
    extra = [i for p, i in by_pos.items() if p not in matched]
    for ind in extra:
        lines.append(f"EXTRA {ind['raw']} {ind['value']}{ind['unit']}")
    pairs = []
    by_title = {_key(it["title"]): it for it in parsed.items}
    for row in items:
        it = by_title.get(_key(row["title"]))
        pairs.append((row, it))
    agree = {"status": 0, "owner": 0, "deadline": 0}
    for row, it in pairs:
        if it is None:
            lines.append(f"NOITEM {row['label']} {row['title'][:16]}")
            continue
        agree["status"] += it["status"] == row["status"]
        agree["owner"] += (it.get("owner") or "") == row["owner"]
        agree["deadline"] += str(it.get("deadline") or "") == written_date(row["deadline"])
        if it["status"] != row["status"]:
            lines.append(f"STATUS {row['label']} want {row['status']} got {it['status']}")
    doc = parsed.doc
    result = {
        "figures_annotated": len(figures),
        "figures_extracted": len(by_pos),
        "recall": round(found / max(len(figures), 1), 3),
        "precision": round(found / max(len(by_pos), 1), 3),
        "item_right": round(right_item / max(found, 1), 3),
        "items": f"{len(parsed.items)}/{len(items)}",
        "items_paired": sum(1 for _, it in pairs if it),
        "status": f"{agree['status']}/{len(items)}",
        "owner": f"{agree['owner']}/{len(items)}",
        "deadline": f"{agree['deadline']}/{len(items)}",
        "meta": {
            k: same_meta(k, doc.get(k), meta.get(k))
            for k in ("title", "issuer", "place", "round", "published")
            if k in meta
        },
        "doc_id": doc["doc_id"],
    }
    if verbose:
        for line in lines:
            print(line)
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-q"]
    score_notice(Path(args[0]), args[1], verbose="-q" not in sys.argv)
