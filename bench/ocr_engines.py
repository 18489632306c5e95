"""Which offline OCR engine reads Chinese government type better: RapidOCR or Tesseract.

    PYTHONPATH=. /work/venv/bin/python -m bench.ocr_engines [--dpi 150] [--pages N] [--out DIR]

Makes the bundled report's PDF (Chromium print, tests/pdf_forms.py) and a greyscale scan of
it at --dpi, then for each installed engine, in a fresh child process (its peak RSS is the
child's ru_maxrss), OCRs the scan page by page exactly as the loader does
(loaders.readers.ocr: page rendered at the loader's DPI, the engine's lines, the shared
paragraph joining) and reports:
- seconds per page (mean, and the slowest page), peak RSS;
- character accuracy per page and overall: difflib's matched characters over the page's
  text layer (the printed PDF's own text), both NFKC-normalised with whitespace removed;
- figures: the OCR text parsed by loaders.extract.parse_report, its (value, unit) multiset
  against the text form's (the .txt) — the share found with the right value and unit,
  and the share of OCR figures that are not in the text form (false).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
import pypdfium2 as pdfium
from loaders.readers import ocr
name, scan = sys.argv[1], sys.argv[2]
pdf = pdfium.PdfDocument(scan)
pages, seconds, cpu = [], [], []
def used():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime
with tempfile.TemporaryDirectory() as tmp:
    for i in range(len(pdf)):
        t, c = time.perf_counter(), used()
        image = pdf[i].render(scale=ocr.DPI / 72, grayscale=True).to_pil()
        pages.append(ocr.page_lines(name, image, Path(tmp), Path(scan)))
        seconds.append(time.perf_counter() - t)
        cpu.append(used() - c)
text = ocr.join_scanned(pages)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"pages": ["\n".join(l.text for l in p) for p in pages], "text": text,
                  "seconds": seconds, "cpu": cpu, "rss_mb": rss}))
"""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def matched(truth: str, got: str) -> int:
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks)


def figures(text: str, path: Path, source_format: str) -> Counter:
    from loaders.errors import ReportError
    from loaders.extract import parse_report
    from loaders.reading import RawReport

    raw = RawReport(path, text, source_format, "utf-8", "0" * 64)
    try:
        parsed = parse_report(raw)
    except ReportError:  # a page or two of OCR text may hold no outline: its figures count 0
        return Counter()
    return Counter((i["value"], i["unit"]) for i in parsed.indicators)


def run_engine(name: str, scan: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, name, str(scan)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{name}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    import pypdfium2 as pdfium

    from loaders.readers.ocr import ENGINES, _installed
    from tests.pdf_forms import SOURCE, print_pdf, scan_pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--pages", type=int, default=0, help="first N pages (0 = all)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ocr-bench"))
    ap.add_argument("--engines", default=",".join(ENGINES))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    printed = args.out / "minzhong.pdf"
    if not printed.exists():
        print_pdf(SOURCE.read_text(encoding="utf-8"), printed)
    scan = scan_pdf(printed, args.out / f"scan-{args.dpi}.pdf", args.pages or None, args.dpi)
    doc = pdfium.PdfDocument(str(printed))
    count = len(pdfium.PdfDocument(str(scan)))
    truths = []
    for i in range(count):
        tp = doc[i].get_textpage()
        truths.append(squash(tp.get_text_bounded() or ""))
    from loaders.extract import parse_report
    from loaders.reading import read_report

    want = Counter((i["value"], i["unit"]) for i in parse_report(read_report(SOURCE)).indicators)
    if args.pages:  # only the figures printed on the scanned pages count
        want = figures(
            "\n".join(doc[i].get_textpage().get_text_bounded() for i in range(count)),
            printed,
            "pdf",
        )
    print(
        f"scan {scan.name}: {count} pages at {args.dpi} dpi; text form {sum(want.values())} figures"
    )
    print(
        "| engine | s/page wall (mean, max) | CPU s/page | peak RSS MB | chars matched per page (min-max) | "
        "chars overall | figures right value+unit | OCR figures not in text |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name in args.engines.split(","):
        if not _installed(name):
            print(f"| {name} | not installed | | | | | | |")
            continue
        res = run_engine(name, scan)
        (args.out / f"{name}-{args.dpi}.txt").write_text(res["text"], encoding="utf-8")
        per_page = []
        hit = total = 0
        for truth, page in zip(truths, res["pages"], strict=True):
            m = matched(truth, squash(page))
            per_page.append(m / max(len(truth), 1))
            hit, total = hit + m, total + len(truth)
        got = figures(res["text"], scan, "pdf-ocr")
        right = sum((want & got).values())
        secs = res["seconds"]
        print(
            f"| {name} | {sum(secs) / len(secs):.1f}, {max(secs):.1f} | "
            f"{sum(res['cpu']) / len(secs):.1f} | {res['rss_mb']} | "
            f"{min(per_page):.1%}-{max(per_page):.1%} | {hit / total:.1%} | "
            f"{right}/{sum(want.values())} = {right / sum(want.values()):.1%} | "
            f"{sum((got - want).values())}/{sum(got.values())} |",
            flush=True,
        )
        (args.out / f"{name}-{args.dpi}-pages.json").write_text(
            json.dumps({"per_page": per_page, "seconds": secs, "cpu": res["cpu"]}), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
