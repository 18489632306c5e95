"""Parse report files in a child process with a memory and a time limit.

The 导入 page used to parse uploads inside the Streamlit server: a 145 KB .docx of a
million paragraphs took 690 MB of the server's memory, and a slow parse held one of its
threads. Here a fresh interpreter (`python -m loaders.sandbox FILE...`) limits its own
address space and CPU time before reading anything, parses, and writes the parsed rows
to stdout; the caller waits with a wall-clock limit and kills it if it runs over.
The database is written by the caller, as before (all files or none).
"""

from __future__ import annotations

import pickle
import queue
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from loaders.errors import ReportError
from loaders.ingest import IngestSummary
from loaders.limits import OCR_SECONDS, PARSE_MEMORY_BYTES, PARSE_SECONDS
from loaders.store import Progress, write_reports

ROOT = Path(__file__).resolve().parent.parent
EXIT_REPORT_ERROR = 2
EXIT_OUT_OF_MEMORY = 3


def parse_isolated(
    paths: list[Path],
    memory_bytes: int = PARSE_MEMORY_BYTES,
    seconds: int = PARSE_SECONDS,
    progress: Progress | None = None,
) -> list:
    """ParsedReport of each file, parsed in a limited child; ReportError names a bad file.

    The child reports its steps (each file, each OCR page of a scan) on stderr as lines
    PROGRESS_MARK n TAB total TAB message; progress is called with them here, in the
    caller's thread (Streamlit draws only from the script's own thread).
    """
    paths = [Path(p).resolve() for p in paths]
    command = [sys.executable, "-m", "loaders.sandbox", str(memory_bytes), str(seconds)]
    proc = subprocess.Popen(
        [*command, *map(str, paths)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    steps: queue.Queue = queue.Queue()
    out_chunks: list[bytes] = []
    err_lines: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
        threading.Thread(target=_read_stderr, args=(proc.stderr, steps, err_lines), daemon=True),
    ]
    for reader in readers:
        reader.start()
    # the CPU limit first, then this wall limit on a child that reports nothing: each step
    # it reports (an OCR page: Tesseract runs in its own process) gives it the same time
    # again, but never past one OCR budget (loaders.readers.ocr refuses at it) for the lot
    quiet = seconds * 2 + 30
    last = time.monotonic() + OCR_SECONDS + quiet
    deadline = time.monotonic() + quiet
    while any(reader.is_alive() for reader in readers) or not steps.empty():
        try:
            n, total, message = steps.get(timeout=0.2)
        except queue.Empty:
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise ReportError(
                    _name(paths), f"解析超时（超过 {seconds} 秒）(parse timed out)"
                ) from None
            continue
        deadline = min(time.monotonic() + quiet, last)
        if progress:
            progress(n, total, message)
    proc.wait()
    out, err = b"".join(out_chunks), b"".join(err_lines)
    if proc.returncode == 0:
        return pickle.loads(out)  # noqa: S301 - written by our own child just now
    if proc.returncode == EXIT_REPORT_ERROR:
        path, reason = pickle.loads(out)  # noqa: S301 - written by our own child just now
        raise ReportError(path, reason)
    if proc.returncode == EXIT_OUT_OF_MEMORY:
        raise ReportError(_name(paths), "解析所需内存超过上限 (parse ran out of memory)")
    if proc.returncode < 0:  # killed by a signal: SIGXCPU at the CPU limit, SIGKILL by OOM
        raise ReportError(
            _name(paths), f"解析超时或内存超限 (parse killed by signal {-proc.returncode})"
        )
    detail = err.decode("utf-8", "replace").strip().splitlines()
    raise ReportError(
        _name(paths), f"解析失败 (parse failed: {detail[-1] if detail else proc.returncode})"
    )


def ingest_isolated(paths: list[Path], db_path: Path, progress: Progress | None = None) -> list:
    """ingest_files for the server: parse in a limited child, then write (all or none)."""
    paths = [Path(p) for p in paths]
    steps = len(paths) + 5
    if progress:
        progress(0, steps, "解析（独立进程）")

    def parse_step(n: int, _total: int, message: str) -> None:
        if progress:  # each file, and each OCR page of a scan
            progress(n, steps, message)

    reports = parse_isolated(paths, progress=parse_step)

    def write_step(n: int, _total: int, message: str) -> None:
        if progress:
            progress(len(paths) + n, steps, message)

    write_reports(reports, Path(db_path), write_step)
    if progress:
        progress(steps, steps, "完成")
    return [IngestSummary.of(path, report) for path, report in zip(paths, reports, strict=True)]


PROGRESS_MARK = "\x1eprogress\t"


def _read_stderr(stream, steps: queue.Queue, err_lines: list[bytes]) -> None:
    """The child's stderr: its progress lines to the queue, anything else kept for errors."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace")
        if line.startswith(PROGRESS_MARK):
            n, total, message = (line[len(PROGRESS_MARK) :].rstrip("\n").split("\t", 2) + ["", ""])[
                :3
            ]
            if n.isdigit() and total.isdigit():
                steps.put((int(n), int(total), message))
            continue
        err_lines.append(raw)


def _report_progress(n: int, total: int, message: str) -> None:
    """In the child: one progress line on stderr, read by parse_isolated."""
    clean = " ".join(message.split())
    sys.stderr.write(f"{PROGRESS_MARK}{n}\t{total}\t{clean}\n")
    sys.stderr.flush()


def _name(paths: list[Path]) -> str:
    return str(paths[0]) if len(paths) == 1 else "、".join(p.name for p in paths)


def _limit(memory_bytes: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def child_main(argv: list[str]) -> int:
    """In the child: limit, parse every file, pickle the reports (or the error) to stdout."""
    memory_bytes, seconds, *files = argv
    _limit(int(memory_bytes), int(seconds))
    from loaders.ingest import parse_files

    try:
        reports = parse_files([Path(f) for f in files], _report_progress)
        payload, code = pickle.dumps(reports), 0
    except ReportError as exc:
        payload, code = pickle.dumps((exc.path, exc.reason)), EXIT_REPORT_ERROR
    except MemoryError:
        payload, code = b"", EXIT_OUT_OF_MEMORY
    sys.stdout.buffer.write(payload)
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
