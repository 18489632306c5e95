"""A sign-in password's length is bounded: it can neither slow the server nor get in."""

from __future__ import annotations

import hashlib
import io
import sys

import pytest

from loaders.cli import main
from ui import passwords

RIGHT = "正确的口令-" + "x" * (passwords.MAX_LENGTH - 6)  # exactly MAX_LENGTH characters


@pytest.fixture(scope="module")
def stored() -> str:
    assert len(RIGHT) == passwords.MAX_LENGTH
    return passwords.hash_password(RIGHT)


@pytest.mark.parametrize(
    ("given", "ok"),
    [(RIGHT, True), (RIGHT + "x", False), (RIGHT + "y" * 10_000_000, False), (RIGHT[:-1], False)],
    ids=["exactly the limit", "one over, same prefix", "10 MB, same prefix", "one short"],
)
def test_only_the_password_itself_signs_in(given, ok, stored, monkeypatch):
    hashed: list[int] = []
    scrypt = hashlib.scrypt

    def measured(password: bytes, **kw) -> bytes:
        hashed.append(len(password))
        return scrypt(password, **kw)

    monkeypatch.setattr(hashlib, "scrypt", measured)
    assert passwords.verify_password(given, stored) is ok
    # the work is that of at most MAX_LENGTH characters, however long the input
    assert hashed and max(hashed) <= 4 * passwords.MAX_LENGTH


def test_the_hash_command_refuses_a_password_over_the_limit(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("p" * (passwords.MAX_LENGTH + 1) + "\n"))
    assert main(["hash-password"]) == 2
    assert "至多" in capsys.readouterr().err
