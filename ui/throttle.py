"""Failed sign-ins, remembered for the whole server: a doubling wait, then a lock.

One row per key ("account:NAME", "client:ADDRESS") in a small SQLite file beside the
database, so every Streamlit process of `python -m ui.serve` (and every session, new or
old) sees the same counts: a guesser cannot reset them by opening a new session or by
landing on another worker. Within a process a lock serialises the callers; across
processes SQLite's write lock (BEGIN IMMEDIATE) does. If the file cannot be opened (a
read-only directory), the counts live in this process only, and that is logged.

Each attempt first reserves its keys (a check and a provisional wait, in one
transaction), so parallel guesses on one account are refused while one is being
checked; the outcome is then recorded. No streamlit import; every call takes `now`
(seconds since the epoch), so the rules can be exercised without waiting.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("ui.auth")

BUSY_TIMEOUT_S = 10.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS signin_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at REAL NOT NULL,
    next_at REAL NOT NULL,
    locked_until REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Policy:
    """The rules; secrets.toml `[signin]` may change each (ui.auth.policy)."""

    first_wait_s: float = 1.0  # after the first failure; doubles with each further one
    max_wait_s: float = 300.0
    lock_after: int = 10  # failures in a row on one key lock it
    lock_s: float = 900.0  # 15 minutes
    forget_s: float = 86_400.0  # a key with no failure for a day starts again from zero

    def wait_after(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        return min(self.first_wait_s * 2 ** (failures - 1), self.max_wait_s)


@dataclass(frozen=True)
class KeyState:
    key: str
    failures: int
    next_at: float  # no attempt on this key before then
    locked_until: float  # 0 when not locked

    def locked(self, now: float) -> bool:
        return self.locked_until > now


@dataclass(frozen=True)
class Refusal:
    """Why an attempt was not even checked: `key` waits until `until` (locked or not)."""

    key: str
    until: float
    locked: bool


def default_path(db_path: Path) -> Path:
    """$RECTIFY_SIGNIN_STATE, else `<db>.signin.sqlite` beside the database."""
    env = os.environ.get("RECTIFY_SIGNIN_STATE")
    return Path(env) if env else Path(db_path).with_name(Path(db_path).name + ".signin.sqlite")


class Throttle:
    def __init__(self, path: Path | None, policy: Policy | None = None) -> None:
        self.path = path
        self.policy = policy or Policy()
        self._lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None

    # --- storage -----------------------------------------------------------------

    def _connect(self) -> tuple[sqlite3.Connection, bool]:
        """(connection, whether to close it after use)."""
        if self.path is not None and self._memory is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                return conn, True
            except (OSError, sqlite3.Error):
                log.warning(
                    "sign-in failures cannot be kept in %s; counting in this process only",
                    self.path,
                    exc_info=True,
                )
        if self._memory is None:
            self._memory = sqlite3.connect(
                ":memory:", isolation_level=None, check_same_thread=False
            )
            self._memory.executescript(_SCHEMA)
        return self._memory, False

    def _transaction(self, work):
        with self._lock:
            conn, close = self._connect()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = work(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                return result
            finally:
                if close:
                    conn.close()

    @staticmethod
    def _row(conn: sqlite3.Connection, key: str) -> KeyState | None:
        row = conn.execute(
            "SELECT failures, next_at, locked_until FROM signin_failures WHERE key = ?", (key,)
        ).fetchone()
        return KeyState(key, row[0], row[1], row[2]) if row else None

    @staticmethod
    def _put(conn: sqlite3.Connection, state: KeyState, now: float) -> None:
        conn.execute(
            "INSERT INTO signin_failures (key, failures, last_at, next_at, locked_until)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,"
            " last_at = excluded.last_at, next_at = excluded.next_at,"
            " locked_until = excluded.locked_until",
            (state.key, state.failures, now, state.next_at, state.locked_until),
        )

    # --- the rules ---------------------------------------------------------------

    def state(self, key: str) -> KeyState | None:
        return self._transaction(lambda conn: self._row(conn, key))

    def reserve(self, keys: Iterable[str], now: float) -> Refusal | None:
        """Refuse if any key is locked or still waiting; else hold them for one check.

        Holding = each key's wait set as if this attempt failed, so a parallel attempt on
        the same account or from the same client is refused until `failed`/`succeeded`.
        """
        keys = list(dict.fromkeys(keys))
        policy = self.policy

        def work(conn):
            conn.execute(
                "DELETE FROM signin_failures WHERE locked_until <= ? AND last_at < ?",
                (now, now - policy.forget_s),
            )
            states = [self._row(conn, key) or KeyState(key, 0, 0.0, 0.0) for key in keys]
            for s in states:
                if s.locked(now):
                    return Refusal(s.key, s.locked_until, True)
            for s in states:
                if s.next_at > now:
                    return Refusal(s.key, s.next_at, False)
            for s in states:
                held = now + max(policy.wait_after(s.failures + 1), 1.0)
                self._put(conn, KeyState(s.key, s.failures, held, s.locked_until), now)
            return None

        return self._transaction(work)

    def failed(self, keys: Iterable[str], now: float) -> list[KeyState]:
        """Count one failure on each key: the wait doubles; at the limit the key locks.

        A key whose lock has run out keeps its count, so its next failure locks it again
        (until a success, or `forget_s` without a failure).
        """
        keys = list(dict.fromkeys(keys))
        policy = self.policy

        def work(conn):
            out = []
            for key in keys:
                old = self._row(conn, key) or KeyState(key, 0, 0.0, 0.0)
                failures = old.failures + 1
                locked_until = old.locked_until
                if failures >= policy.lock_after:
                    failures = policy.lock_after
                    locked_until = now + policy.lock_s
                new = KeyState(key, failures, now + policy.wait_after(failures), locked_until)
                self._put(conn, new, now)
                out.append(new)
            return out

        return self._transaction(work)

    def succeeded(self, account_key: str, client_key: str, now: float) -> None:
        """The account starts from zero; the client's count stays (one good account must
        not wash away its guesses at others), only the hold of this attempt is released."""

        def work(conn):
            conn.execute("DELETE FROM signin_failures WHERE key = ?", (account_key,))
            client = self._row(conn, client_key)
            if client is not None:
                self._put(
                    conn, KeyState(client_key, client.failures, now, client.locked_until), now
                )

        self._transaction(work)


_STORES: dict[tuple[Path | None, Policy], Throttle] = {}
_STORES_LOCK = threading.Lock()


def throttle_for(path: Path | None, policy: Policy) -> Throttle:
    """One Throttle per file and policy in this process (its lock is the process-level one)."""
    with _STORES_LOCK:
        store = _STORES.get((path, policy))
        if store is None:
            store = _STORES[(path, policy)] = Throttle(path, policy)
        return store
