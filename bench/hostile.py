"""The hostile-input matrix of docs/security.md: each input ingested by the CLI in a fresh
process, with its exit code, message, time, peak memory and database size.

Usage: python -m bench.hostile [OUTDIR] [--only NAME ...]
Prints a Markdown table (input, bytes, exit, message, figures, time, peak RSS, DB size,
and the DB's growth over an empty schema-only file per byte of normalised text). Not a test: times depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from loaders.limits import MAX_FIGURES, MAX_FILE_BYTES, MAX_PARAGRAPHS, MAX_TEXT_CHARS

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"
HEAD = (
    "某镇关于巡察整改进展情况的通报\n一、总体情况\n反馈问题10个。\n二、整改落实情况\n"
    "(一)基层治理方面\n1.村内违建问题突出\n(1)违建整治不彻底\n"
)


def long_lines(size: int) -> bytes:
    """Many figures on lines that never end: 400 figures on each 4,000-character line."""
    line = "".join(f"拆除违建{i % 97 + 1}处、" for i in range(400)) + "。\n"
    reps = max(1, (size - len(HEAD.encode())) // len(line.encode()))
    return (HEAD + line * reps).encode("utf-8")


def many_figures(count: int) -> bytes:
    """`count` figures, two per short sentence, one measure line each."""
    count -= 1  # HEAD holds one (反馈问题10个)
    lines = [f"一是拆除违建{i % 900 + 10}处，清理垃圾{i % 70 + 5}吨。" for i in range(count // 2)]
    lines += ["一是拆除违建12处。"] * (count % 2)
    return (HEAD + "\n".join(lines) + "\n").encode("utf-8")


def bundled_repeated(size: int) -> bytes:
    """The bundled report repeated up to `size` bytes: a huge but ordinary notice."""
    one = BUNDLED.read_bytes()
    return one * max(1, size // len(one))


def one_long_line(size: int) -> bytes:
    """One line of `size` bytes of Chinese text and figures, no sentence end."""
    unit = "整治水浸点19处拆除违建331处".encode()
    return HEAD.encode() + unit * ((size - len(HEAD.encode())) // len(unit))


def tiny_paragraphs_docx(count: int) -> bytes:
    """A .docx of `count` empty-ish paragraphs (compresses to ~145 KB for a million)."""
    body = "<w:p><w:r><w:t>1</w:t></w:r></w:p>" * count
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    return _docx(document)


def docx_with(prolog: str, inside: str = "<!-- comment -->") -> bytes:
    """A small real notice as .docx with `prolog` (a DOCTYPE) and `inside` the body."""
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in (HEAD + "一是拆除违建12处。\n").splitlines()
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog + "<w:document "
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{inside}{paragraphs}</w:body></w:document>"
    )
    return _docx(document)


def _docx(document: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


def controls() -> bytes:
    text = BUNDLED.read_text(encoding="utf-8")
    return (
        text.replace("。", "。\x0c", 3)
        .replace("，", "，\x01", 3)
        .replace("处", "\u202e处", 2)
        .encode()
    )


def big5_page() -> bytes:
    body = HEAD + "一是拆除違建12處。\n"
    page = (
        '<html><head><meta charset="big5"><title>某鎮通報</title></head><body><div class="c">'
        + "".join(f"<p>{line}</p>" for line in body.splitlines())
        + "</div></body></html>"
    )
    return page.encode("big5", errors="replace")


INPUTS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "long_lines_50k": (".txt", lambda: long_lines(50_000)),
    "long_lines_94k": (".txt", lambda: long_lines(94_000)),
    "long_lines_2.3M": (".txt", lambda: long_lines(2_300_000)),
    "one_line_9M": (".txt", lambda: one_long_line(3 * MAX_TEXT_CHARS - 300)),
    f"figures_{MAX_FIGURES}": (".txt", lambda: many_figures(MAX_FIGURES)),
    f"figures_{MAX_FIGURES + 2}": (".txt", lambda: many_figures(MAX_FIGURES + 2)),
    "bundled_x250_8.3M": (".txt", lambda: bundled_repeated(int(2.9 * MAX_TEXT_CHARS) - 400_000)),
    "bundled_x270_9M": (".txt", lambda: bundled_repeated(3 * MAX_TEXT_CHARS - 100_000)),
    "bundled_x600_20M": (".txt", lambda: bundled_repeated(MAX_FILE_BYTES - 50_000)),
    "over_limit_20M+1": (".txt", lambda: b"a" * (MAX_FILE_BYTES + 1)),
    f"docx_{MAX_PARAGRAPHS * 10}_paragraphs": (
        ".docx",
        lambda: tiny_paragraphs_docx(MAX_PARAGRAPHS * 10),
    ),
    "docx_comment": (".docx", lambda: docx_with("")),
    "docx_doctype": (
        ".docx",
        lambda: docx_with(
            '<!DOCTYPE w:document [<!ENTITY a "b">]>', "<w:p><w:r><w:t>&a;</w:t></w:r></w:p>"
        ),
    ),
    "controls_ff_01_rlo": (".txt", controls),
    "big5_declared": (".html", big5_page),
}


def run_one(path: Path, db: Path) -> dict[str, object]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", "--db", str(db), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    # run in a fresh process by _isolated: the largest child is this ingest
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    message = (proc.stdout or proc.stderr).strip().splitlines()
    figures = None
    if proc.returncode == 0 and db.exists():
        with duckdb.connect(str(db), read_only=True) as conn:
            figures = conn.execute("SELECT count(*) FROM indicators").fetchone()[0]
            text_bytes = conn.execute("SELECT sum(strlen(text)) FROM documents").fetchone()[0]
    else:
        text_bytes = None
    return {
        "exit": proc.returncode,
        "message": message[-1] if message else "",
        "figures": figures,
        "seconds": seconds,
        "peak_mb": peak_kb / 1024,
        "db_mb": db.stat().st_size / 1e6 if db.exists() else None,
        "ratio": (db.stat().st_size - _empty_db_bytes(db.parent)) / text_bytes
        if text_bytes
        else None,
    }


def _empty_db_bytes(directory: Path) -> int:
    """Size of a database holding only the schema: DuckDB's fixed cost, not the notice's."""
    from loaders.schema import DDL

    path = directory / "empty-schema.duckdb"
    if not path.exists():
        with duckdb.connect(str(path)) as conn:
            conn.execute(DDL)
            conn.execute("CHECKPOINT")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=None)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument(
        "--sandbox", action="store_true", help="parse via loaders.sandbox: server vs child memory"
    )
    args = parser.parse_args(argv)
    outdir = args.outdir or Path(tempfile.mkdtemp(prefix="rectify-hostile-"))
    outdir.mkdir(parents=True, exist_ok=True)
    if args.sandbox:
        return sandbox_costs(outdir, args.only)
    print(
        "| input | bytes | exit | message | figures | time s | peak RSS MB | DB MB | growth/text |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    for name, (suffix, make) in INPUTS.items():
        if args.only and name not in args.only:
            continue
        path = outdir / f"{name}{suffix}"
        path.write_bytes(make())
        db = outdir / f"{name}.duckdb"
        db.unlink(missing_ok=True)
        r = _isolated(path, db)
        message = str(r["message"]).replace(str(outdir) + os.sep, "").replace("|", "\\|")[:110]
        print(
            f"| {name} | {path.stat().st_size:,} | {r['exit']} | {message} | "
            f"{_n(r['figures'], '{:,}')} | {r['seconds']:.1f} | {_n(r['peak_mb'], '{:.0f}')} | "
            f"{_n(r['db_mb'], '{:.1f}')} | {_n(r['ratio'], '{:.1f}×')} |",
            flush=True,
        )
    return 0


def _peak_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
    return 0


def sandbox_costs(outdir: Path, only: list[str] | None) -> int:
    """What the 导入 page's process pays for each input parsed by loaders.sandbox."""
    from loaders import ReportError
    from loaders.sandbox import parse_isolated

    print("| input | result | time s | server peak MB before → after | child peak MB |")
    print("|---|---|---:|---|---:|")
    for name in only or ["docx_1000000_paragraphs", "figures_100000", "bundled_x250_8.3M"]:
        suffix, make = INPUTS[name]
        path = outdir / f"{name}{suffix}"
        path.write_bytes(make())
        before, started = _peak_mb(), time.perf_counter()
        try:
            result = f"{len(parse_isolated([path])[0].indicators):,} figures"
        except ReportError as exc:
            result = exc.reason.split(" (")[0]
        seconds = time.perf_counter() - started
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        print(f"| {name} | {result} | {seconds:.1f} | {before} → {_peak_mb()} | {child} |")
    return 0


def _isolated(path: Path, db: Path) -> dict[str, object]:
    """run_one in its own process, so RUSAGE_CHILDREN's peak is this input's alone."""
    code = (
        "import json, sys; from pathlib import Path; from bench.hostile import run_one; "
        "print(json.dumps(run_one(Path(sys.argv[1]), Path(sys.argv[2]))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _n(value: object, fmt: str) -> str:
    return "—" if value is None else fmt.format(value)


if __name__ == "__main__":
    sys.exit(main())
