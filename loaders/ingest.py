"""Files -> parsed reports -> one atomic write: the loader's public entry point."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loaders.extract import ParsedReport, parse_report
from loaders.reading import read_report
from loaders.store import Progress, write_reports


@dataclass(frozen=True)
class IngestSummary:
    """What one file gave: the line the CLI prints for it."""

    path: Path
    doc_id: str
    title: str | None
    items: int
    indicators: int
    villages: int
    progress_pairs: int

    def line(self) -> str:
        return (
            f"{self.path}: {self.indicators} indicators, {self.items} items, "
            f"{self.villages} villages, {self.progress_pairs} progress pairs (doc {self.doc_id})"
        )


def parse_files(paths: list[Path], progress: Progress | None = None) -> list[ParsedReport]:
    """Read and parse every file first: a bad one stops the call before anything is written."""
    reports = []
    for n, path in enumerate(paths, start=1):
        if progress:
            progress(n - 1, len(paths), f"解析 {Path(path).name}")
        reports.append(parse_report(read_report(Path(path))))
    return reports


def ingest_files(
    paths: list[Path], db_path: Path, progress: Progress | None = None
) -> list[IngestSummary]:
    """Ingest all files into db_path, or none of them (ReportError names the bad file)."""
    steps = len(paths) + 5  # one step a file, then one a table written

    def parse_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(n, steps, message)

    def write_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(len(paths) + n, steps, message)

    reports = parse_files(paths, parse_step)
    write_reports(reports, Path(db_path), write_step)
    if progress:
        progress(steps, steps, "完成")
    return [
        IngestSummary(
            Path(path),
            r.doc["doc_id"],
            r.doc["title"],
            len(r.items),
            len(r.indicators),
            len({m["village"] for m in r.mentions}),
            len(r.progress),
        )
        for path, r in zip(paths, reports, strict=True)
    ]
