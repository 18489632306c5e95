"""Report file -> DuckDB. Pure Python; never imports streamlit."""

from loaders.errors import ReportError
from loaders.ingest import IngestSummary, ingest_files
from loaders.store import default_db_path

__all__ = ["IngestSummary", "ReportError", "default_db_path", "ingest_files"]
