"""How long the Word briefing takes in a database of 1 and of 100 notices.

    python -m bench.briefing [--sizes 1 100] [--repeat 5]

The notices come from bench.corpus; the briefing is built for the first notice with no
filters (the briefing covers one notice; 全部 is not built yet). Prints the median time.
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
    filters = Filters(doc_id=queries.documents(conn)["doc_id"].iloc[0])
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(briefing_docx(conn, filters))
        times.append(time.perf_counter() - started)
    conn.close()
    return {"ingest_s": ingest_s, "median_s": statistics.median(times), "kb": size / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = measure(n, args.repeat, Path(tmp))
            print(
                f"{n} notices: briefing median {r['median_s'] * 1000:.0f} ms "
                f"over {args.repeat} runs, {r['kb']:.0f} KB (ingest {r['ingest_s']:.1f} s)"
            )


if __name__ == "__main__":
    main()
