"""Files -> parsed reports -> one atomic write: the loader's public entry point."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
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


PARALLEL_FROM = 8  # files; below this a worker pool costs more than it saves


def _parse_one(path: Path) -> ParsedReport:
    return parse_report(read_report(Path(path)))


def parse_files(
    paths: list[Path], progress: Progress | None = None, parallel: bool = False
) -> list[ParsedReport]:
    """Read and parse every file first: a bad one stops the call before anything is written.

    With parallel (the command line), many files are parsed on every core: parsing is
    pure Python and CPU-bound. Workers are forked, so only a single-threaded caller may ask.
    """
    paths = [Path(p) for p in paths]
    workers = min(os.cpu_count() or 1, 8)
    if not parallel or len(paths) < PARALLEL_FROM or workers < 2:
        reports = []
        for n, path in enumerate(paths, start=1):
            if progress:
                progress(n - 1, len(paths), f"解析 {path.name}")
            reports.append(_parse_one(path))
        return reports
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        reports = []
        for n, report in enumerate(pool.map(_parse_one, paths, chunksize=4), start=1):
            if progress:
                progress(n, len(paths), f"解析 {paths[n - 1].name}")
            reports.append(report)
        return reports


def ingest_files(
    paths: list[Path], db_path: Path, progress: Progress | None = None, parallel: bool = False
) -> list[IngestSummary]:
    """Ingest all files into db_path, or none of them (ReportError names the bad file)."""
    steps = len(paths) + 5  # one step a file, then one a table written

    def parse_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(n, steps, message)

    def write_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(len(paths) + n, steps, message)

    reports = parse_files(paths, parse_step, parallel)
    write_reports(reports, Path(db_path), write_step)
    if progress:
        progress(steps, steps, "完成")
    return summarise(paths, reports)


def summarise(paths: list[Path], reports: list[ParsedReport]) -> list[IngestSummary]:
    """One summary a file, in the order given."""
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
