"""Report file -> DuckDB. Pure Python; never imports streamlit.

The names below load on first use, so a light module such as loaders.verdicts (which
the app reads on every start) does not pull in the whole parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.errors import ReportError
    from loaders.ingest import IngestSummary, ingest_files
    from loaders.store import default_db_path

__all__ = ["IngestSummary", "ReportError", "default_db_path", "ingest_files"]
_HOME = {
    "ReportError": "loaders.errors",
    "IngestSummary": "loaders.ingest",
    "ingest_files": "loaders.ingest",
    "default_db_path": "loaders.store",
}


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module 'loaders' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value
