"""Worst case of the PDF reader on a 20 MB file: time and peak memory.

    PYTHONPATH=. /work/venv/bin/python bench/pdf_bounds.py PRINTED.pdf

PRINTED.pdf is the bundled report printed by tests/pdf_forms.py; its pages are copied
until the file is just under the loader's byte limit, then read in a child process.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
from pathlib import Path

from loaders.limits import MAX_FILE_BYTES


def grow(src: Path, out: Path) -> Path:
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument(str(src))
    doc = pdfium.PdfDocument.new()
    while True:
        doc.import_pages(base)
        buf = io.BytesIO()
        doc.save(buf)
        if len(buf.getvalue()) > MAX_FILE_BYTES * 0.95 or len(doc) > 1900:
            break
    out.write_bytes(buf.getvalue())
    return out


def main() -> None:
    if sys.argv[1] == "--child":
        from loaders.reading import read_report

        t = time.perf_counter()
        try:
            raw = read_report(Path(sys.argv[2]))
            what = f"{len(raw.text):,} chars"
        except Exception as exc:  # noqa: BLE001
            what = f"refused: {exc}"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{what}; {time.perf_counter() - t:.1f} s; peak RSS {rss:.0f} MB")
        return
    big = grow(Path(sys.argv[1]), Path("/tmp/pdf_bounds_20mb.pdf"))
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(big)))
    print(f"{big}: {big.stat().st_size:,} bytes, {pages} pages")
    subprocess.run([sys.executable, __file__, "--child", str(big)], check=True)


if __name__ == "__main__":
    main()
