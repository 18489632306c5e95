"""Make the PDF forms of the bundled report: printed by headless Chromium, and a scan of it.

    PYTHONPATH=. /work/venv/bin/python tests/pdf_forms.py --out DIR [--scan-pages N]

The tests make them afresh (a printed PDF of this notice is 1.2 MB: Chromium embeds the CJK
font as Type 3 glyphs on every page, so it is not committed). minzhong.pdf: the .txt as simple A4 HTML (a paragraph a line, Noto CJK), a running header
line and a `- N -` page-number footer (Chromium's displayHeaderFooter), with a text layer.
minzhong-scan.pdf: its first N pages (default 2) rendered greyscale at 150 dpi (as pdftoppm -gray -r 150) and
wrapped back into an image-only PDF (no text layer), as a scanner would give.
"""

from __future__ import annotations

import argparse
import html
from pathlib import Path

ROOT = Path(__file__).parents[1]
SOURCE = ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 22mm 25mm 22mm; }}
body {{ font-family: "Noto Sans CJK SC", sans-serif; font-size: 12pt;
       line-height: 1.6; }}
p {{ margin: 0 0 4pt 0; text-indent: 2em; text-align: justify; }}
h1 {{ font-size: 20pt; text-align: center; }}
</style></head><body>{body}</body></html>"""

HEADER = (
    '<div style="font-size:9pt;width:100%;text-align:center;font-family:Noto Sans CJK SC">'
    "民众街道巡察整改进展情况公开</div>"
)
FOOTER = (
    '<div style="font-size:10pt;width:100%;text-align:center;font-family:Noto Sans CJK SC">'
    '- <span class="pageNumber"></span> -</div>'
)


def notice_html(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next(line for line in lines if "通报" in line)
    body = [f"<h1>{html.escape(title)}</h1>"]
    body += [f"<p>{html.escape(line)}</p>" for line in lines if line != title]
    return PAGE.format(body="\n".join(body))


def print_pdf(text: str, out: Path) -> Path:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.set_content(notice_html(text))
        page.pdf(
            path=str(out),
            format="A4",
            display_header_footer=True,
            header_template=HEADER,
            footer_template=FOOTER,
            margin={"top": "25mm", "bottom": "25mm", "left": "22mm", "right": "22mm"},
        )
        browser.close()
    return out


def scan_pdf(pdf: Path, out: Path, pages: int | None, dpi: int = 150) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    count = min(len(doc), pages or len(doc))
    images = [
        doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(count)
    ]
    doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scan-pages", type=int, default=2, help="0 = every page")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    pdf = print_pdf(SOURCE.read_text(encoding="utf-8"), args.out / "minzhong.pdf")
    scan = scan_pdf(pdf, args.out / "minzhong-scan.pdf", args.scan_pages or None)
    for path in (pdf, scan):
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
