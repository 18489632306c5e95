"""python -m loaders ingest FILE... [--db PATH] | stats [--db PATH]"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from loaders.errors import ReportError
from loaders.ingest import ingest_files
from loaders.stats import stats_text
from loaders.store import default_db_path

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="整改通报 -> DuckDB")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="read notices into the database (all or none)")
    ingest.add_argument("files", nargs="+", type=Path)
    ingest.add_argument(
        "--db", type=Path, default=None, help="default: $RECTIFY_DB or data/rectify.duckdb"
    )
    ingest.add_argument(
        "--gazetteer",
        type=Path,
        default=None,
        help="villages CSV (name,type,aliases[,town]) instead of data/villages.csv",
    )
    stats = sub.add_parser("stats", help="figures by theme and unit, items by status")
    stats.add_argument("--db", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = args.db or default_db_path()
    try:
        if args.command == "ingest":
            if args.gazetteer is not None:
                if not args.gazetteer.is_file():
                    print(
                        f"error: {args.gazetteer}: 村名表不存在 (gazetteer not found)",
                        file=sys.stderr,
                    )
                    return EXIT_BAD_INPUT
                os.environ["RECTIFY_GAZETTEER"] = str(args.gazetteer.resolve())
            for summary in ingest_files(
                args.files, db, _progress if sys.stderr.isatty() else None, parallel=True
            ):
                print(summary.line())
        else:
            if not db.exists():
                print(f"error: {db}: 数据库不存在 (database does not exist)", file=sys.stderr)
                return EXIT_BAD_INPUT
            print(stats_text(db))
    except ReportError as exc:
        print(f"error: {exc.path}: {exc.reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `... | head`: the reader has gone; nothing to report
        return 0
    except (duckdb.Error, OSError) as exc:
        print(
            f"error: {db}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except Exception as exc:  # never a traceback for a user; the message names what failed
        print(f"error: {db}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("error: interrupted; the database is unchanged", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def _progress(n: int, total: int, message: str) -> None:
    print(f"\r[{n}/{total}] {message}\033[K", end="" if n < total else "\n", file=sys.stderr)
