"""Salted password hashes for local accounts: scrypt, stored as one string in secrets.toml.

Format: ``scrypt$N$r$p$SALT$HASH`` (SALT and HASH base64). No streamlit import: the CLI
(`python -m loaders hash-password`) uses this module too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**15, 8, 1  # 32 MiB and ~0.1 s per check on this machine's cores
SALT_BYTES = 16
KEY_BYTES = 32
MIN_LENGTH = 8
# Longer passwords are refused unhashed-in-full: a 100 MB one cost a check ~2.9 s, not 0.13.
MAX_LENGTH = 1024
# A hash string comes from secrets.toml: refuse parameters that would cost the server
# more than a few times the defaults.
_MAX_N, _MAX_R, _MAX_P = 2**17, 16, 4


class BadHash(ValueError):
    """A password_hash that is not a scrypt string this module can check."""


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=KEY_BYTES,
        maxmem=129 * r * n + 1024 * 1024,
    )


def hash_password(password: str) -> str:
    """A new salted hash of `password` (a fresh random salt every call)."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, N, R, P)
    b64 = base64.b64encode
    return f"{SCHEME}${N}${R}${P}${b64(salt).decode()}${b64(key).decode()}"


def parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(N, r, p, salt, key) of a stored hash; BadHash when it is malformed or too costly."""
    parts = stored.strip().split("$") if isinstance(stored, str) else []
    if len(parts) != 6 or parts[0] != SCHEME:
        raise BadHash("not a scrypt$N$r$p$salt$hash string")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise BadHash(str(exc)) from exc
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise BadHash("scrypt parameters out of range")
    if len(salt) < 8 or len(key) < 16:
        raise BadHash("salt or hash too short")
    return n, r, p, salt, key


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches `stored`; constant-time comparison of the derived keys.

    A password over MAX_LENGTH never matches; it costs the check of its first MAX_LENGTH
    characters, so its length neither slows the server nor shows in the answer time.
    """
    n, r, p, salt, key = parse(stored)
    fits = len(password) <= MAX_LENGTH
    same = hmac.compare_digest(_scrypt(password[:MAX_LENGTH], salt, n, r, p)[: len(key)], key)
    return same and fits


_DUMMY: str | None = None


def burn_time(password: str) -> None:
    """The cost of one check against no account, so an unknown name answers as slowly."""
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_password(secrets.token_hex(8))
    verify_password(password, _DUMMY)
