"""One upload limit in exact bytes: config, browser, server, page text and loader agree."""

from __future__ import annotations

import tomllib

import pytest

from loaders import ReportError
from loaders.limits import MAX_FILE_BYTES, MAX_FILE_TEXT, MAX_UPLOAD_MB
from loaders.reading import read_report
from tests.conftest import ROOT


def max_upload_mb() -> int:
    with open(ROOT / ".streamlit" / "config.toml", "rb") as fh:
        return tomllib.load(fh)["server"]["maxUploadSize"]


def test_config_browser_server_and_loader_agree():
    mb = max_upload_mb()
    assert mb == MAX_UPLOAD_MB
    # Streamlit 1.67's browser code: bytes = MB * (1024 on Windows, else 1000);
    # its server: bytes = MB * 1024 * 1024. The loader's limit is what every browser allows,
    # and the server never refuses a file the loader would take.
    assert mb * 1000 * 1000 == MAX_FILE_BYTES
    assert mb * 1024 * 1024 >= MAX_FILE_BYTES


def test_streamlit_server_reads_the_option_in_mebibytes():
    """If a Streamlit upgrade changes the unit, the agreement above must be re-derived."""
    import inspect

    from streamlit.web.server.starlette import starlette_routes

    source = inspect.getsource(starlette_routes)
    assert 'config.get_option("server.maxUploadSize") * 1024 * 1024' in source


def test_page_states_the_same_limit():
    page = (ROOT / "pages" / "import_reports.py").read_text(encoding="utf-8")
    assert "MAX_FILE_TEXT" in page and "20 MB" not in page.replace(MAX_FILE_TEXT, "")
    assert f"{MAX_FILE_BYTES:,}" in MAX_FILE_TEXT


@pytest.mark.parametrize(
    ("size", "accepted"), [(MAX_FILE_BYTES, True), (MAX_FILE_BYTES + 1, False)]
)
def test_loader_limit_is_exact(size, accepted, tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(size)  # sparse: size checked before reading
    try:
        read_report(path)
    except ReportError as exc:
        assert ("上限" in exc.reason) is not accepted, exc.reason
    else:
        raise AssertionError("a file of NULs must be refused either way")
