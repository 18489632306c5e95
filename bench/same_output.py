"""Is the loader's output unchanged? Two code trees ingest the same notices; every row of
every table must be equal.

The reference tree is a git revision of this repository (default: the merge base with
main), exported to a temporary directory; the other is the working tree. Each runs the
real CLI (`python -m loaders ingest … --db …`) on the bundled report, the test and eval
notices, two hostile shapes (lines that never end, a sentence of many figures) and the
first notices of the benchmark corpus, then ingests the same files again into the database
it built (the rewrite path). Rows are compared table by table in a fixed order, with
`ingested_at` left out. Exit 1 and the first differences on a mismatch.

Usage: python -m bench.same_output [--ref REV] [--corpus 50] [--out bench/out/same]
An optimisation of the loader must leave this silent; it is not a test because it needs
git and the benchmark corpus, and takes a minute.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from bench.hostile import long_lines, many_figures  # noqa: E402
from loaders.schema import TABLES  # noqa: E402

SKIP_COLUMNS = {"ingested_at"}


def inputs(out: Path, corpus: int) -> list[Path]:
    """The notices both trees ingest."""
    files = sorted((ROOT / "data" / "reports").glob("*.txt"))
    files += sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt"))
    files += sorted((ROOT / "tests" / "fixtures" / "forms").glob("*.txt"))
    files += sorted((ROOT / "eval" / "annotations").glob("*.txt"))
    hostile = out / "hostile"
    hostile.mkdir(parents=True, exist_ok=True)
    for name, data in (("long_lines", long_lines(200_000)), ("many", many_figures(3000))):
        path = hostile / f"{name}.txt"
        path.write_bytes(data)
        files.append(path)
    return files + generate(corpus, out / "corpus", seed=11)


def export(rev: str, into: Path) -> Path:
    """The tree of `rev`, unpacked into a directory."""
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def build(tree: Path, files: list[Path], db: Path) -> None:
    """Fresh build, then the same files again into it (the rewrite path)."""
    db.unlink(missing_ok=True)
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-m", "loaders", "ingest", *map(str, files), "--db", str(db)],
            cwd=tree,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def rows(db: Path) -> dict[str, list[tuple]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [c[0] for c in conn.execute(f"DESCRIBE {table}").fetchall()]  # noqa: S608 - constant names
            kept = ", ".join(f'"{c}"' for c in columns if c not in SKIP_COLUMNS)
            out[table] = conn.execute(
                f"SELECT {kept} FROM {table} ORDER BY ALL"  # noqa: S608 - names from the catalog
            ).fetchall()
        return out
    finally:
        conn.close()


def compare(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    problems = []
    for table in TABLES:
        if a[table] == b[table]:
            continue
        problems.append(f"{table}: {len(a[table])} rows in the reference, {len(b[table])} now")
        only_a = sorted(set(map(repr, a[table])) - set(map(repr, b[table])))[:3]
        only_b = sorted(set(map(repr, b[table])) - set(map(repr, a[table])))[:3]
        problems += [f"  only in reference: {r[:300]}" for r in only_a]
        problems += [f"  only now:          {r[:300]}" for r in only_b]
    return problems


def reference_revision(given: str | None) -> str:
    """The commit to compare against: the one given, else the merge-base with main.

    A name (main, a branch) is resolved to its commit, so the kept reference build is
    rebuilt when the name has moved (it was reused from before the move and said DIFFERENT).
    """
    run = ["git", "rev-parse", "--verify", f"{given}^{{commit}}"] if given else None
    run = run or ["git", "merge-base", "HEAD", "main"]
    return subprocess.run(run, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref", default=None, help="git revision (default: merge-base with main)")
    parser.add_argument("--corpus", type=int, default=50, help="benchmark notices to add")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "same")
    args = parser.parse_args()
    ref = reference_revision(args.ref)
    args.out.mkdir(parents=True, exist_ok=True)
    files = [p.resolve() for p in inputs(args.out, args.corpus)]
    stamp = args.out / "reference.stamp"  # the reference build is kept while rev and inputs are
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    key = f"{ref} {digest}"
    if not stamp.exists() or stamp.read_text() != key:
        stamp.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            reference = export(ref, Path(tmp) / "ref")
            build(reference, files, args.out / "reference.duckdb")
        stamp.write_text(key)
    build(ROOT, files, args.out / "current.duckdb")
    expected, got = rows(args.out / "reference.duckdb"), rows(args.out / "current.duckdb")
    problems = compare(expected, got)
    counts = ", ".join(f"{t} {len(got[t])}" for t in TABLES)
    if problems:
        print(f"DIFFERENT from {ref[:10]} on {len(files)} notices:", *problems, sep="\n")
        return 1
    print(f"identical to {ref[:10]} on {len(files)} notices ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
