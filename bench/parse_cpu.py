"""CPU seconds to parse N corpus notices in one process, for this tree or another one.

Usage: python bench/parse_cpu.py [--tree DIR] [--n 100]
DIR is a checkout or `git archive` of the loader to time (default: this tree). The notices
are read first and the rules loaded; the parse alone is timed (process CPU time, which
other engineers' load moves less than wall time). Alternate two trees and take the best
of a few runs each.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    from loaders.extract import load_rules, parse_report
    from loaders.reading import read_report

    files = sorted((ROOT / "bench" / "out" / "corpus").glob("notice_*.txt"))[: args.n]
    raws = [read_report(f) for f in files]
    load_rules()
    parse_report(raws[0])  # jieba's dictionary and the rules, loaded once
    gc.collect()
    gc.freeze()
    start = time.process_time()
    for raw in raws:  # as a parse worker does: collector paused per notice
        gc.disable()
        parse_report(raw)
        gc.enable()
        gc.collect(0)
    print(f"{args.tree}: {len(raws)} notices, {time.process_time() - start:.2f} CPU s")


if __name__ == "__main__":
    main()
