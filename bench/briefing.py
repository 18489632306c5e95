"""How long the Word briefing takes in a database of 1 and of 100 notices.

    python -m bench.briefing [--sizes 1 100] [--repeat 5]

The notices come from bench.corpus. Three briefings per size, each with no other filter:
the first notice with tables only, the first notice with its charts (kaleido and the
system Chromium), and 全部 with charts and the comparison table of every notice.
Prints the median time of each.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import generate
from board import queries
from board.briefing import briefing_docx
from board.db import connect
from board.filters import Filters


def measure(n: int, repeat: int, work: Path) -> dict[str, float]:
    from loaders import ingest_files

    db = work / f"notices_{n}.duckdb"
    started = time.perf_counter()
    ingest_files(generate(n, work / f"notices_{n}"), db)
    ingest_s = time.perf_counter() - started
    conn = connect(db)
    one = Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])
    out: dict[str, float] = {"ingest_s": ingest_s}
    cases = {
        "tables": (one, False),
        "charts": (one, True),
        "all": (Filters(), True),
    }
    for name, (filters, draw) in cases.items():
        times, size = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            size = len(briefing_docx(conn, filters, draw_charts=draw))
            times.append(time.perf_counter() - started)
        out[f"{name}_s"] = statistics.median(times)
        out[f"{name}_kb"] = size / 1024
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, args.repeat, Path(tmp))
            print(f"{n} notices (ingest {r['ingest_s']:.1f} s), median of {args.repeat}:")
            for name, what in (
                ("tables", "one notice, tables only"),
                ("charts", "one notice, with charts"),
                ("all", "全部, with charts and comparison"),
            ):
                print(f"  {what}: {r[name + '_s'] * 1000:.0f} ms, {r[name + '_kb']:.0f} KB")


if __name__ == "__main__":
    main()
