"""A real database for the dashboard tests: the bundled report ingested by the loader."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"


def build_report_db(directory: Path) -> Path:
    """Ingest the bundled report into directory/rectify.duckdb (once per directory)."""
    from loaders import ingest_files

    path = directory / "rectify.duckdb"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        ingest_files([REPORT], path)
    return path


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a database holding the bundled report, shared by the whole session."""
    return build_report_db(tmp_path_factory.getbasetemp() / "board_report_db")
