"""The deployment settings in .streamlit/config.toml, and the upload limit matching the loader's."""

from __future__ import annotations

import tomllib

import pytest

from loaders.limits import MAX_FILE_BYTES
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def config() -> dict:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as fh:
        return tomllib.load(fh)


def test_usage_statistics_are_off(config):
    assert config["browser"]["gatherUsageStats"] is False


def test_error_details_are_hidden_from_users(config):
    # "none" (or false, its legacy spelling) shows a generic message, details only in the log.
    assert config["client"]["showErrorDetails"] in ("none", False)


def test_upload_limit_matches_the_loader(config):
    # exact agreement in bytes, per platform: tests/test_limits.py
    assert config["server"]["maxUploadSize"] == 20 == MAX_FILE_BYTES // 1_000_000


def test_xsrf_protection_is_on(config):
    assert config["server"]["enableXsrfProtection"] is True


def test_secrets_file_is_not_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored
