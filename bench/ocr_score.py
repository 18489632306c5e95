"""How well a scan of the bundled report reads back: items, and figures by value and item.

    PYTHONPATH=. python tests/pdf_forms.py --out DIR --scan-pages 0   # DIR/minzhong-scan.pdf
    PYTHONPATH=. python -m bench.ocr_score DIR/minzhong-scan.pdf

Compared with the report's text form: items found (part, item_no) and those whose title
opens with the same 6 characters; figures with the same value and unit (a multiset), and
those also in the same item. Prints one line per OCR page, then the result.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from loaders.extract import parse_report
from loaders.reading import read_report

BUNDLED = Path(__file__).parents[1] / "data" / "reports" / "minzhong_2025-04-27.txt"


def figures(parsed, with_item: bool) -> Counter:
    return Counter(
        (i["value"], i["unit"]) + ((i["part"], i["item_no"]) if with_item else ())
        for i in parsed.indicators
    )


def main(scan: Path) -> None:
    started = time.time()
    base = parse_report(read_report(BUNDLED))
    got = parse_report(read_report(scan, lambda _i, _n, message: print(message, flush=True)))
    titles = {(i["part"], i["item_no"]): i["title"][:6] for i in base.items}
    right = sum(1 for i in got.items if titles.get((i["part"], i["item_no"])) == i["title"][:6])
    want, have = figures(base, False), figures(got, False)
    want_item, have_item = figures(base, True), figures(got, True)
    total = sum(want.values())
    same, placed = sum((want & have).values()), sum((want_item & have_item).values())
    print(
        f"{got.doc['source_format']}: items {len(got.items)}/{len(base.items)} "
        f"(title right {right}); figures value+unit {same}/{total} = {same / total:.1%}, "
        f"in the right item {placed}/{total} = {placed / total:.1%}; "
        f"{sum(have.values())} found; {time.time() - started:.0f} s"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
