"""Ingest before and after a change, interleaved: the same corpus, the real CLI, turn about.

The machine is shared, so one run of each says little: runs alternate (reference, working
tree, reference, …) so both see the same load, and the table gives medians of seconds,
MB/s, CPU seconds (the CLI and its workers, user + system) and MB per CPU second (less
moved by other load), peak RSS, and the file size of a fresh build and after a rewrite
(the same files ingested again into the file they built).

Usage: python -m bench.ingest_ab [--ref REV] [--n 1000] [--reps 3] [--out bench/out/ab]
--ref defaults to the merge base with main. The corpus is bench/corpus.py's (seed 7).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from bench.run import ingest  # noqa: E402
from bench.same_output import export, reference_revision  # noqa: E402

FIGURES = ("ingest_s", "mb_per_s", "cpu_s", "mb_per_cpu_s", "ingest_peak_mb", "db_mb")


def one(tree: Path, files: list[Path], db: Path) -> dict:
    row = ingest(files, db, cwd=tree)
    again = ingest(files, db, fresh=False, cwd=tree)
    row["rewrite_db_mb"] = again["db_mb"]
    row["rewrite_peak_mb"] = again["ingest_peak_mb"]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref", default=None)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "ab")
    args = parser.parse_args()
    ref = reference_revision(args.ref)
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = ROOT / "bench" / "out" / "corpus"
    files = sorted(corpus.glob("notice_*.txt"))[: args.n]
    if len(files) < args.n:
        files = generate(args.n, corpus, seed=7)
    runs: dict[str, list[dict]] = {"reference": [], "working tree": []}
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"reference": export(ref, Path(tmp) / "ref"), "working tree": ROOT}
        for rep in range(args.reps):
            for label, tree in trees.items():
                row = one(tree, files, (args.out / f"{label.split()[0]}.duckdb").resolve())
                runs[label].append(row)
                print(f"[{rep + 1}/{args.reps}] {label}: {row['ingest_s']:.1f} s, "
                      f"{row['mb_per_s']:.2f} MB/s, {row['cpu_s']:.1f} CPU s",
                      file=sys.stderr, flush=True)  # fmt: skip
    (args.out / "results.json").write_text(json.dumps({"ref": ref, "runs": runs}, indent=2))
    header = ["code", "N", "text MB", "s", "MB/s", "CPU s", "MB per CPU s", "peak RSS MB",
              "DB MB fresh", "DB MB after a rewrite"]  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for label, rows in runs.items():
        med = {k: statistics.median(r[k] for r in rows) for k in (*FIGURES, "rewrite_db_mb")}
        name = f"{label} ({ref[:7]})" if label == "reference" else label
        print(f"| {name} | {rows[0]['files']} | {rows[0]['text_mb']:.1f} | {med['ingest_s']:.1f} "
              f"| {med['mb_per_s']:.2f} | {med['cpu_s']:.1f} | {med['mb_per_cpu_s']:.2f} "
              f"| {med['ingest_peak_mb']:.0f} | {med['db_mb']:.1f} | {med['rewrite_db_mb']:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
