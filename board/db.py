"""The one place that opens the rectification database for reading."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import duckdb


class DatabaseUnavailable(Exception):
    """The database could not be opened; str(e) is a message a user can read."""


class FileSignature(NamedTuple):
    """What changes when the loader replaces the database file (os.replace gives a new inode)."""

    inode: int
    mtime_ns: int
    size: int


def file_signature(path: Path) -> FileSignature | None:
    """The file's identity now, or None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return FileSignature(st.st_ino, st.st_mtime_ns, st.st_size)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the database read-only; every failure becomes DatabaseUnavailable."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseUnavailable(f"数据库文件不存在：{path}")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(f"无法打开数据库 {path}：{first_line}") from exc
