"""Worst-case cost of the new readers at the 20 MB upload limit: time and peak memory.

Usage: python -m bench.forms_worst [PDF_SOURCE] [CASE ...]  (PDF_SOURCE: a text-layer PDF to
repeat up to ~20 MB; CASE: docx, docx-long, docx-report, pdf; default all)
Each case runs in a fresh child process; peak RSS is the child's ru_maxrss.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def big_docx(path: Path, target: int = 19_500_000) -> Path:
    """Paragraphs of varied digits (compresses ~5x), up to ~target bytes zipped."""
    import random

    rnd = random.Random(1)
    chunks, size = [], 0
    while size < target * 3:
        line = "".join(rnd.choice("一二三四五六七八九十整改完成排查隐患处个亩") for _ in range(60))
        p = f"<w:p><w:r><w:t>{rnd.randint(1, 99999)}{line}{rnd.random()}</w:t></w:r></w:p>"
        chunks.append(p)
        size += len(p.encode())
    xml = f'<w:document xmlns:w="{W}"><w:body>' + "".join(chunks) + "</w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    path.write_bytes(buf.getvalue()[:target] if len(buf.getvalue()) <= target else buf.getvalue())
    return path


def long_docx(path: Path, part: int = 118_000_000) -> Path:
    """The largest document.xml the reader accepts (its 120 MB part bound, compression
    ratio under 200): few elements, long paragraphs of CJK text (~39 M characters)."""
    import random

    rnd = random.Random(2)
    words = ["整改完成", "排查隐患", "处置问题", "村", "个", "亩", "万元", "。", "，"]
    para = "".join(rnd.choice(words) for _ in range(300))
    chunks, size = [], 0
    while size < part:
        p = f"<w:p><w:r><w:t>{rnd.randint(1, 99999)}{para}{rnd.random()}</w:t></w:r></w:p>"
        chunks.append(p)
        size += len(p.encode())
    xml = f'<w:document xmlns:w="{W}"><w:body>' + "".join(chunks) + "</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    return path


def report_docx(path: Path, copies: int = 92) -> Path:
    """The bundled report's paragraphs repeated: the largest .docx the loader accepts
    (~2.9 M characters, under its 3,000,000 bound)."""
    from xml.sax.saxutils import escape

    report = Path(__file__).parents[1] / "data" / "reports" / "minzhong_2025-04-27.txt"
    lines = [line for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]
    paras = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    xml = f'<w:document xmlns:w="{W}"><w:body>' + paras * copies + "</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    return path


def big_pdf(source: Path, path: Path, target: int = 19_500_000) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    per_copy = max(source.stat().st_size, 1)
    for _ in range(max(target // per_copy, 1)):
        out.import_pages(src)
    out.save(str(path))
    return path


def measure(path: Path) -> str:
    code = (
        "import resource,sys,time;from pathlib import Path;t=time.time()\n"
        "from loaders.reading import read_report;from loaders.extract import parse_report\n"
        "from loaders.errors import ReportError\n"
        "try:\n r=parse_report(read_report(Path(sys.argv[1])));out=f'{len(r.indicators)} figures'\n"
        "except ReportError as e: out='refused: '+e.reason\n"
        "print(f'{time.time()-t:.1f}s', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024,'MB',out)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    return (done.stdout or done.stderr).strip().splitlines()[-1]


if __name__ == "__main__":
    tmp = Path("/tmp")
    makers = {
        "docx": lambda: big_docx(tmp / "worst.docx"),
        "docx-long": lambda: long_docx(tmp / "worst-long.docx"),
        "docx-report": lambda: report_docx(tmp / "worst-report.docx"),
    }
    if len(sys.argv) > 1:
        makers["pdf"] = lambda: big_pdf(Path(sys.argv[1]), tmp / "worst.pdf")
    for name in sys.argv[2:] or list(makers):
        path = makers[name]()
        print(name, f"{path.stat().st_size / 1e6:.1f} MB", measure(path))
    del resource, time
