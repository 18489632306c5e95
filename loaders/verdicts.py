"""Reviewers' verdicts: a SQLite file beside the database, never rebuilt by the loader.

The loader swaps the DuckDB file whole on every ingest, so verdicts live apart from it, in
SQLite (WAL mode): concurrent writers queue on its lock, every commit is durable before
it returns, and a process killed mid-write leaves the last committed state. Rows are only
ever added; a withdrawal (撤回) is a row too, so the history stays whole.

A verdict names its figure by text, never by row number: (doc_id, target, part, item_no,
char_start, raw, the hash of its sentence). `match_indicators` finds the figure again in
a re-ingested notice, tolerating offsets that moved when text was inserted before it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import math
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from loaders.normalise import FORBIDDEN

CONFIRM, DOUBT, CORRECT, WITHDRAW = "核实无误", "有疑问", "更正", "撤回"
VERDICTS = (CONFIRM, DOUBT, CORRECT, WITHDRAW)
INDICATOR, ITEM = "indicator", "item"
INDICATOR_FIELDS = ("value", "unit", "subject", "metric", "kind", "theme", "villages", "item")
ITEM_FIELDS = ("status", "owner", "deadline")
KINDS = ("result", "target", "rule", "baseline")
STATUSES = ("已完成", "推进中", "长期")
# review_state values, as every view and export shows them
MACHINE, VERIFIED, CORRECTED, DOUBTED = "机器识别", "已核实", "已更正", "有疑问"
BUSY_TIMEOUT_S = 60.0
# Bounds on what one verdict may hold (a CSV from elsewhere is untrusted): positions fit the
# views' INTEGER columns (one larger value made every page unable to open the database),
# a reviewer's words stay short, a figure's text and sentence no longer than csv allows.
MAX_POSITION = 2**31 - 1
MAX_WORDS = 2_000  # before, after, reviewer, note
MAX_TEXT = 100_000  # doc_id, part, raw, context, sentence
MAX_CSV_BYTES = 200_000_000
# `verdicts export` cells a spreadsheet would run as a formula get a leading ', which
# `verdicts import` removes again (a cell already starting with ' gets one more).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    target TEXT NOT NULL CHECK (target IN ('indicator', 'item')),
    part TEXT,
    item_no INTEGER,
    char_start INTEGER,
    raw TEXT NOT NULL,
    context TEXT NOT NULL,
    sentence TEXT NOT NULL,
    field TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('核实无误', '有疑问', '更正', '撤回')),
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verdicts_by_figure ON verdicts (doc_id, raw, char_start);
"""
CSV_COLUMNS = (
    "doc_id", "target", "part", "item_no", "char_start", "raw", "field", "before", "after",
    "verdict", "reviewer", "at", "note", "context", "sentence",
)  # fmt: skip


class VerdictError(ValueError):
    """A verdict (or a CSV of them) that cannot be stored; str(e) says why."""


@dataclass(frozen=True)
class Verdict:
    """One reviewer's act on one figure or item; `field` is '' for 核实无误 / 有疑问."""

    doc_id: str
    target: str
    part: str | None
    item_no: int | None
    char_start: int | None
    raw: str
    context: str
    sentence: str
    field: str
    before: str
    after: str
    verdict: str
    reviewer: str
    at: str
    note: str = ""

    @property
    def uid(self) -> str:
        """Same content, same uid: importing a CSV twice adds nothing."""
        parts = [str(getattr(self, f.name)) for f in fields(self) if f.name != "sentence"]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]

    @property
    def key(self) -> tuple:
        """The figure or item this verdict is about (by text)."""
        return (self.doc_id, self.target, self.part, self.item_no, self.char_start, self.raw,
                self.context)  # fmt: skip


def context_hash(sentence: str | None) -> str:
    """A short fingerprint of a figure's sentence, spaces ignored."""
    return hashlib.sha256(re.sub(r"\s+", "", sentence or "").encode("utf-8")).hexdigest()[:16]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def default_store_path(db_path: Path) -> Path:
    """$RECTIFY_VERDICTS, else `<db>.verdicts.sqlite` beside the database."""
    env = os.environ.get("RECTIFY_VERDICTS")
    return Path(env) if env else Path(db_path).with_name(Path(db_path).name + ".verdicts.sqlite")


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a commit is on disk before it returns
    conn.executescript(_SCHEMA)
    return conn


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[sqlite3.Connection]:
    conn = _open(Path(path))
    try:
        conn.execute("BEGIN IMMEDIATE")  # writers queue here, never lose one another's rows
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.close()


def cleaned(v: Verdict) -> Verdict:
    """The verdict without control, format and bidi characters in its text (as at load)."""
    changes = {
        f.name: FORBIDDEN.sub("", value)
        for f in fields(v)
        if isinstance(value := getattr(v, f.name), str) and FORBIDDEN.search(value)
    }
    return replace(v, **changes) if changes else v


def validate(v: Verdict) -> None:
    """Refuse a verdict the views could not apply."""
    for name in ("item_no", "char_start"):
        value = getattr(v, name)
        if value is not None and not (isinstance(value, int) and 0 <= value <= MAX_POSITION):
            raise VerdictError(f"{name} 须为 0 到 {MAX_POSITION} 的整数：{value!r}")
    for f in fields(v):
        value = getattr(v, f.name)
        limit = MAX_WORDS if f.name in ("before", "after", "reviewer", "note") else MAX_TEXT
        if value is not None and not isinstance(value, str | int):
            raise VerdictError(f"{f.name} 类型无效：{type(value).__name__}")
        if isinstance(value, str) and len(value) > limit:
            raise VerdictError(f"{f.name} 过长（{len(value)} 字，上限 {limit} 字）")
    if v.verdict not in VERDICTS:
        raise VerdictError(f"verdict 须为 {'/'.join(VERDICTS)}：{v.verdict!r}")
    if v.target not in (INDICATOR, ITEM):
        raise VerdictError(f"target 须为 indicator 或 item：{v.target!r}")
    if not v.doc_id or not v.reviewer or not v.at:
        raise VerdictError("doc_id、reviewer、at 不能为空")
    allowed = INDICATOR_FIELDS if v.target == INDICATOR else ITEM_FIELDS
    if v.verdict == CORRECT:
        if v.field not in allowed:
            raise VerdictError(f"更正的 field 须为 {'/'.join(allowed)}：{v.field!r}")
        corrected_value(v.target, v.field, v.after)
    elif v.verdict in (CONFIRM, DOUBT) and v.field:
        raise VerdictError(f"{v.verdict} 不针对单个 field")
    elif v.verdict == WITHDRAW and v.field and v.field not in allowed:
        raise VerdictError(f"撤回的 field 无效：{v.field!r}")


def corrected_value(target: str, field: str, after: str) -> object:
    """The typed value a correction sets; VerdictError if `after` cannot be one."""
    text = after.strip()
    if field == "value":
        try:
            number = float(text)
        except ValueError:
            raise VerdictError(f"数值无效：{after!r}") from None
        if not math.isfinite(number):
            raise VerdictError(f"数值无效：{after!r}")
        return number
    if field == "kind" and text not in KINDS:
        raise VerdictError(f"kind 须为 {'/'.join(KINDS)}：{after!r}")
    if field == "status" and text not in STATUSES:
        raise VerdictError(f"status 须为 {'/'.join(STATUSES)}：{after!r}")
    if field == "villages":
        return [n for n in re.split(r"[、,，;；\s]+", text) if n]
    if field == "item":
        m = re.fullmatch(r"(\S+?)-(\d+)", text)
        if not m:
            raise VerdictError(f"事项须写作 部分-序号（如 二-3）：{after!r}")
        return m.group(1), int(m.group(2))
    if field == "deadline" and text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise VerdictError(f"时限须为日期 YYYY-MM-DD：{after!r}") from None
    return text or None


def record(path: Path, verdicts: Iterable[Verdict]) -> int:
    """Store verdicts in one transaction (all or none); returns how many were new."""
    verdicts = [cleaned(v) for v in verdicts]
    for v in verdicts:
        validate(v)
    columns = ["uid", *(f.name for f in fields(Verdict))]
    sql = (
        f"INSERT OR IGNORE INTO verdicts ({', '.join(columns)}) "  # noqa: S608 - constant names
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    with _writing(Path(path)) as conn:
        added = 0
        for v in verdicts:
            added += conn.execute(sql, [v.uid, *asdict(v).values()]).rowcount
        return added


def version(path: Path) -> int:
    """Changes whenever a verdict is added (rows are never deleted): the read side's cache key."""
    path = Path(path)
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        return conn.execute("SELECT coalesce(max(seq), 0) FROM verdicts").fetchone()[0]
    except sqlite3.OperationalError:  # created but no table yet
        return 0
    finally:
        conn.close()


def history(path: Path) -> list[Verdict]:
    """Every verdict ever recorded, in the order they took effect."""
    path = Path(path)
    if not path.exists():
        return []
    conn = _open(path)
    try:
        names = [f.name for f in fields(Verdict)]
        rows = conn.execute(
            f"SELECT {', '.join(names)} FROM verdicts ORDER BY at, seq"  # noqa: S608 - constants
        ).fetchall()
    finally:
        conn.close()
    return [Verdict(*row) for row in rows]


def history_of_key(path: Path, key: tuple) -> list[Verdict]:
    """Every verdict recorded on one figure or item (`Verdict.key`), oldest first.

    One indexed query: the 核实 page shows an entry's history on every rerun, and reading
    the whole store took 3.9 s per rerun at 100,000 verdicts.
    """
    path = Path(path)
    if not path.exists():
        return []
    conn = _open(path)
    try:
        names = [f.name for f in fields(Verdict)]
        where = " AND ".join(f"{c} IS ?" for c in _KEY_COLUMNS)
        rows = conn.execute(
            f"SELECT {', '.join(names)} FROM verdicts WHERE {where} ORDER BY at, seq",  # noqa: S608
            list(key),
        ).fetchall()
    finally:
        conn.close()
    return [Verdict(*row) for row in rows]


_KEY_COLUMNS = ("doc_id", "target", "part", "item_no", "char_start", "raw", "context")


def active(verdicts: Iterable[Verdict]) -> dict[tuple, dict[str, Verdict]]:
    """Per figure/item key, the verdict in force in each slot ('' or a field), withdrawals applied.

    A 撤回 with a field clears that field's correction; one without clears them all.
    """
    out: dict[tuple, dict[str, Verdict]] = {}
    for v in verdicts:
        slots = out.setdefault(v.key, {})
        if v.verdict == WITHDRAW:
            if v.field:
                slots.pop(v.field, None)
            else:
                slots.clear()
        else:
            slots[v.field] = v
        if not slots:
            out.pop(v.key)
    return out


def review_state(slots: dict[str, Verdict]) -> str:
    """The state shown for a figure/item: a doubt raised after every correction wins."""
    corrections = [v for name, v in slots.items() if name]
    general = slots.get("")
    if general and general.verdict == DOUBT:
        if all((general.at, general.uid) > (c.at, c.uid) for c in corrections):
            return DOUBTED
    if corrections:
        return CORRECTED
    return VERIFIED if general and general.verdict == CONFIRM else MACHINE


@dataclass(frozen=True)
class Candidate:
    """A figure (or item) of the current database a verdict may name."""

    row_id: int
    part: str | None
    item_no: int | None
    char_start: int | None
    raw: str
    context: str


def match(key: tuple, candidates: list[Candidate]) -> Candidate | None:
    """The candidate a verdict's key names, or None (失配).

    Exact (offset, raw text, sentence) first; else the same raw text in the same sentence
    nearest the old offset (text inserted or removed earlier shifts every offset); for an
    item, the same title under any number.
    """
    _doc, target, part, item_no, char_start, raw, context = key
    same_text = [c for c in candidates if c.raw == raw and (c.context == context or not context)]
    if not same_text:
        return None
    if target == ITEM:
        exact = [c for c in same_text if (c.part, c.item_no) == (part, item_no)]
        return exact[0] if exact else (same_text[0] if len(same_text) == 1 else None)
    old = char_start if char_start is not None else 0
    return min(same_text, key=lambda c: (abs((c.char_start or 0) - old), c.row_id))


def match_all(
    verdicts: list[Verdict], candidates: dict[tuple[str, str], list[Candidate]]
) -> tuple[dict[tuple[str, str, int], dict[str, Verdict]], list[tuple[dict[str, Verdict], str]]]:
    """(matched slots by (doc_id, target, row_id), unmatched slots with their state).

    candidates: by (doc_id, target). Two verdict keys that land on one row (a figure
    re-read) merge, the later verdict of a slot winning.
    """
    matched: dict[tuple[str, str, int], dict[str, Verdict]] = {}
    orphans = []
    for key, slots in active(verdicts).items():
        found = match(key, candidates.get((key[0], key[1]), []))
        if found is None:
            orphans.append((slots, review_state(slots)))
            continue
        into = matched.setdefault((key[0], key[1], found.row_id), {})
        for name, v in slots.items():
            if name not in into or (into[name].at, into[name].uid) < (v.at, v.uid):
                into[name] = v
    return matched, orphans


# --- CSV backup and restore -------------------------------------------------------------


def export_csv(path: Path, out: io.TextIOBase) -> int:
    """Write every verdict (history included) as CSV; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = history(path)
    for v in rows:
        d = asdict(v)
        writer.writerow([_inert("" if d[c] is None else d[c]) for c in CSV_COLUMNS])
    return len(rows)


def _inert(cell: object) -> object:
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) else cell


def _uninert(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def _optional_int(value: str, column: str, line: int) -> int | None:
    if value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise VerdictError(f"第{line}行 {column} 须为整数：{value!r}") from None


def read_csv(text: str) -> list[Verdict]:
    """Parse an exported CSV; VerdictError (naming the line) on the first bad row."""
    if len(text) > MAX_CSV_BYTES:
        raise VerdictError(f"文件过大（上限 {MAX_CSV_BYTES:,} 字符）")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    required = CSV_COLUMNS[:13]
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise VerdictError(f"缺少列：{', '.join(missing)}")
    out: list[Verdict] = []
    try:
        for row in reader:
            out.append(_row_verdict(row, len(out) + 2))
    except csv.Error as exc:  # a NUL, a field beyond csv's limit, a quote left open
        raise VerdictError(f"第{len(out) + 2}行不是有效的 CSV：{exc}") from None
    return out


def _row_verdict(row: dict, line: int) -> Verdict:
    """One CSV row as a checked verdict; VerdictError naming the line."""
    required = CSV_COLUMNS[:13]
    if None in row or any(row.get(c) is None for c in required):
        raise VerdictError(f"第{line}行列数不对")
    row = {k: _uninert(v) for k, v in row.items()}
    try:
        at = dt.datetime.fromisoformat(row["at"])
    except ValueError:
        raise VerdictError(f"第{line}行 at 不是时间：{row['at']!r}") from None
    v = Verdict(
        doc_id=row["doc_id"],
        target=row["target"],
        part=row["part"] or None,
        item_no=_optional_int(row["item_no"], "item_no", line),
        char_start=_optional_int(row["char_start"], "char_start", line),
        raw=row["raw"],
        context=row.get("context") or "",
        sentence=row.get("sentence") or "",
        field=row["field"],
        before=row["before"],
        after=row["after"],
        verdict=row["verdict"],
        reviewer=row["reviewer"],
        at=at.isoformat(timespec="microseconds"),
        note=row["note"],
    )
    try:
        v = cleaned(v)
        validate(v)
    except VerdictError as exc:
        raise VerdictError(f"第{line}行 {exc}") from None
    return v
