"""python -m loaders ingest FILE... [--db PATH] | stats [--db PATH] | verdicts ... | hash-password"""

from __future__ import annotations

import argparse
import contextlib
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
    ingest.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        help="parse processes (default: one per core; 1: parse in this process)",
    )
    stats = sub.add_parser("stats", help="figures by theme and unit, items by status")
    stats.add_argument("--db", type=Path, default=None)
    verdicts = sub.add_parser("verdicts", help="back up / restore reviewers' verdicts (CSV)")
    verdicts_sub = verdicts.add_subparsers(dest="verdicts_command", required=True)
    export = verdicts_sub.add_parser("export", help="every verdict as CSV on stdout")
    export.add_argument("--db", type=Path, default=None)
    restore = verdicts_sub.add_parser("import", help="add the verdicts of a CSV (idempotent)")
    restore.add_argument("file", type=Path)
    restore.add_argument("--db", type=Path, default=None)
    sub.add_parser(
        "hash-password",
        help="print a salted hash for [accounts.NAME] password_hash in .streamlit/secrets.toml"
        " (the password is read without echo, or from stdin)",
    )
    return parser


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"--jobs 须为正整数 (a positive number, not {value!r})")
    return jobs


def _hash_password() -> int:
    """Read a password (twice, without echo, at a terminal; one line from a pipe); print its hash."""
    import getpass

    from ui.passwords import MAX_LENGTH, MIN_LENGTH, hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("密码（不回显）：")
        if getpass.getpass("再输入一次：") != password:
            print("error: 两次输入的密码不一致 (passwords differ)", file=sys.stderr)
            return EXIT_BAD_INPUT
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_LENGTH:
        print(f"error: 密码至少 {MIN_LENGTH} 个字符 (password too short)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if len(password) > MAX_LENGTH:
        print(f"error: 密码至多 {MAX_LENGTH} 个字符 (password too long)", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(hash_password(password))
    return 0


def _verdicts(args: argparse.Namespace, db: Path) -> int:
    """verdicts export | import FILE: the store beside the database (or $RECTIFY_VERDICTS)."""
    from loaders import verdicts

    path = verdicts.default_store_path(db)
    if args.verdicts_command == "export":
        verdicts.export_csv(path, sys.stdout)
        return 0
    try:
        if args.file.stat().st_size > verdicts.MAX_CSV_BYTES:
            raise verdicts.VerdictError(f"文件过大（上限 {verdicts.MAX_CSV_BYTES:,} 字节）")
        rows = verdicts.read_csv(args.file.read_text(encoding="utf-8"))
        added = verdicts.record(path, rows)
    except (verdicts.VerdictError, UnicodeDecodeError, OSError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{args.file}: {added} new verdicts, {len(rows) - added} already present")
    return 0


@contextlib.contextmanager
def _gazetteer(path: Path | None):
    """The ingest reads another gazetteer through the environment (its workers inherit it);
    the setting ends with the command, so a caller running main() twice in one process (the
    tests, a notebook) does not keep one command's gazetteer for the next."""
    if path is None:
        yield
        return
    before = os.environ.get("RECTIFY_GAZETTEER")
    os.environ["RECTIFY_GAZETTEER"] = str(path.resolve())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("RECTIFY_GAZETTEER", None)
        else:
            os.environ["RECTIFY_GAZETTEER"] = before


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "hash-password":
        return _hash_password()
    db = args.db or default_db_path()
    try:
        if args.command == "verdicts":
            return _verdicts(args, db)
        if args.command == "ingest":
            if args.gazetteer is not None:
                if not args.gazetteer.is_file():
                    print(
                        f"error: {args.gazetteer}: 村名表不存在 (gazetteer not found)",
                        file=sys.stderr,
                    )
                    return EXIT_BAD_INPUT
            progress = _progress if sys.stderr.isatty() else None
            with _gazetteer(args.gazetteer):
                for summary in ingest_files(
                    args.files, db, progress, parallel=True, jobs=args.jobs
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
