"""Files -> parsed reports -> one atomic write: the loader's public entry point."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from loaders.extract import ParsedReport, load_rules, parse_report
from loaders.reading import read_report
from loaders.store import WRITE_STEPS, Packed, Progress, pack, table_schemas, write_reports


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

    @classmethod
    def of(cls, path: Path, r: ParsedReport) -> IngestSummary:
        return cls(
            Path(path),
            r.doc["doc_id"],
            r.doc["title"],
            len(r.items),
            len(r.indicators),
            len({m["village"] for m in r.mentions}),
            len(r.progress),
        )


T = TypeVar("T")
PARALLEL_FROM = 8  # files; below this a worker pool costs more than it saves
AHEAD = 4  # parsed reports in flight per worker: bounds memory whatever the file count
START_METHODS = ("fork", "forkserver", "spawn")


def default_jobs() -> int:
    """Parse workers when none are asked for: the cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _start_method() -> str:
    """How workers are started: fork where it is safe (the rules and jieba's dictionary,
    loaded once in the parent, are then shared), else forkserver or spawn, whose workers
    load them themselves. $RECTIFY_MP_START forces one (fork, forkserver or spawn).

    A fork of a process running other threads (a server, a test with a browser driver)
    can inherit a lock another thread held and hang or crash, so only a single-threaded
    caller forks.
    """
    import multiprocessing

    forced = os.environ.get("RECTIFY_MP_START", "")
    available = multiprocessing.get_all_start_methods()
    if forced in START_METHODS and forced in available:
        return forced
    if "fork" in available and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def _parse_one(path: Path) -> ParsedReport:
    return parse_report(read_report(Path(path)))


def _load_before_fork() -> None:
    """What every parse loads on first use (the rules, jieba's dictionary: 0.8 s of CPU),
    loaded once in the parent, so the forked workers share it instead of each loading it."""
    import logging

    import jieba
    import pyarrow as pa

    load_rules()
    table_schemas()  # the tables' columns, which every worker's pack() reads
    pa.array([0])  # Arrow's first conversion of a list imports pandas (0.5 s of CPU)
    jieba.setLogLevel(logging.WARNING)  # as loaders/subject.py does before its first cut
    jieba.initialize()


def _worker_start(forked: bool, gazetteer: str | None) -> None:
    """In a parse worker. Forked: leave what the fork inherited out of every collection
    (no gc.collect() first: in a fork of a process with other threads collecting the
    inherited objects crashed the worker, seen in CI). Spawned (or from a forkserver
    started earlier): take the caller's gazetteer and load the rules and jieba here."""
    if gazetteer is None:
        os.environ.pop("RECTIFY_GAZETTEER", None)
    else:
        os.environ["RECTIFY_GAZETTEER"] = gazetteer
    if not forked:
        _load_before_fork()
        gc.collect()
    gc.freeze()
    _leave_with_parent()


def _leave_with_parent() -> None:
    """A worker ends when the process that started it is gone. Killed (kill -9, an OOM),
    the caller cannot stop its pool, and its workers, waiting on a pipe they hold both ends
    of, would live on, holding the database's writer lock they inherited: the next ingest
    would wait for ever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="leave-with-parent", daemon=True).start()


def _report(_path: Path, report: ParsedReport) -> ParsedReport:
    return report


def _summary_and_rows(path: Path, report: ParsedReport) -> tuple[IngestSummary, Packed]:
    """What ingest keeps of a report: its CLI line and its rows as Arrow tables."""
    return IngestSummary.of(path, report), pack(report)


def _parse_in_worker(path: Path, finish: Callable[[Path, ParsedReport], T]) -> T:
    """Parse with the cyclic collector paused, then collect once.

    Parsing allocates many small objects and no cycles worth chasing: the collector's
    automatic passes were about a third of a worker's time. Only in workers, never in the
    app's server process.
    """
    gc.disable()
    try:
        return finish(path, _parse_one(path))
    finally:
        gc.enable()
        gc.collect(0)


def iter_parsed(
    paths: list[Path],
    progress: Progress | None = None,
    parallel: bool = False,
    jobs: int | None = None,
) -> Iterator[ParsedReport]:
    """Parse the files in order, yielding each report as soon as it (and those before it)
    is ready; a bad file raises ReportError when its turn comes.

    With parallel (the command line), files are parsed in `jobs` worker processes (default:
    one per core): parsing is pure Python and CPU-bound. At most AHEAD reports per worker
    wait to be consumed, so memory does not grow with the number of files.
    """
    return _parsed(paths, progress, _workers(parallel, jobs), _report)


def _workers(parallel: bool, jobs: int | None) -> int:
    """Parse processes for a call: jobs if given, else one per core when parallel, else 0
    (parse in the calling process). One job is the calling process too: a lone worker
    would only add the pickling of every report."""
    if jobs is None:
        jobs = default_jobs() if parallel else 1
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    return jobs if jobs >= 2 else 0


@contextlib.contextmanager
def _plain_main(method: str) -> Iterator[None]:
    """An empty `__main__` while spawn/forkserver workers start.

    Such a worker imports its parent's `__main__` again by path. Under Streamlit (or AppTest) that
    module is the app script: the worker would run dashboard.py and die, and the ingest would fall
    back to one process. A forked worker copies the parent instead and needs nothing.
    """
    if method == "fork":
        yield
        return
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _parsed(
    paths: list[Path],
    progress: Progress | None,
    workers: int | bool,
    finish: Callable[[Path, ParsedReport], T],
) -> Iterator[T]:
    """iter_parsed, each report passed through finish (in the worker that parsed it).

    workers: how many parse processes (True: one per core; 0 or False: none, parse here).
    """
    paths = [Path(p) for p in paths]
    if workers is True:
        workers = default_jobs()
    workers = int(workers)
    if workers < 2 or len(paths) < PARALLEL_FROM:
        for n, path in enumerate(paths, start=1):
            if progress:
                progress(n - 1, len(paths), f"解析 {path.name}")

            def page_step(_page: int, _pages: int, message: str, n=n, path=path) -> None:
                if progress:  # a scan read by OCR reports each page
                    progress(n - 1, len(paths), f"解析 {path.name}: {message}")

            yield finish(path, parse_report(read_report(path, page_step)))
        return
    method = _start_method()
    if method == "fork":
        _load_before_fork()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=get_context(method),
        initializer=_worker_start,
        initargs=(method == "fork", os.environ.get("RECTIFY_GAZETTEER")),
    )
    try:
        queue: deque[Future[T]] = deque()
        upcoming = iter(paths)
        with _plain_main(method):  # the workers start during these first submits
            for path in upcoming:
                queue.append(pool.submit(_parse_in_worker, path, finish))
                if len(queue) >= workers * AHEAD:
                    break
        n = 0
        while queue:
            try:
                result = queue.popleft().result()
            except BrokenProcessPool:
                # A worker died (killed, or a fork of a threaded caller that crashed): the
                # files from this one on are parsed here, so the call still ends all or none.
                logging.getLogger(__name__).warning("parse worker died; parsing on in-process")
                break
            following = next(upcoming, None)
            if following is not None:
                queue.append(pool.submit(_parse_in_worker, following, finish))
            n += 1
            if progress:
                progress(n, len(paths), f"解析 {paths[n - 1].name}")
            yield result
        else:
            return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for path in paths[n:]:
        n += 1
        if progress:
            progress(n, len(paths), f"解析 {path.name}")
        yield finish(path, parse_report(read_report(path)))


def parse_files(
    paths: list[Path],
    progress: Progress | None = None,
    parallel: bool = False,
    jobs: int | None = None,
) -> list[ParsedReport]:
    """Every file parsed, as a list (holds them all: ingest_files streams instead)."""
    return list(iter_parsed(paths, progress, parallel, jobs))


def ingest_files(
    paths: list[Path],
    db_path: Path,
    progress: Progress | None = None,
    parallel: bool = False,
    jobs: int | None = None,
) -> list[IngestSummary]:
    """Ingest all files into db_path, or none of them (ReportError names the bad file).

    parallel: parse in worker processes, `jobs` of them (default: one per core); jobs=1
    parses in this process. Without parallel and jobs, everything runs here.

    Each report is written into the new database file as soon as it is parsed and then
    dropped; the swap of the file at the end is still the commit. Parse workers send each
    report's rows as Arrow tables (loaders.store.pack), ready to append.
    """
    paths = [Path(p) for p in paths]
    steps = len(paths) + WRITE_STEPS

    def parse_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(n, steps, message)

    def write_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(len(paths) + n, steps, message)

    summaries: list[IngestSummary] = []
    workers = _workers(parallel, jobs)

    def parsed() -> Iterator[Packed]:
        for summary, rows in _parsed(paths, parse_step, workers, _summary_and_rows):
            summaries.append(summary)
            yield rows

    write_reports(parsed(), Path(db_path), write_step)
    if progress:
        progress(steps, steps, "完成")
    return summaries
