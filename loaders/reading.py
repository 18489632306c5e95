"""Report file -> Unicode text: sniff the format, hand the bytes to its reader (loaders.readers).

Formats: .txt in any common Chinese encoding, saved .html, .docx (with Word numbering),
.pdf with a text layer, and a scanned .pdf where an OCR engine is installed.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import ReportError
from loaders.html_text import html_to_text
from loaders.limits import MAX_FILE_BYTES, MAX_FILE_TEXT
from loaders.readers.docx import docx_to_text
from loaders.readers.text import declared_charset, decode_text, table_rows

__all__ = [
    "MAX_BYTES",
    "RawReport",
    "declared_charset",
    "decode_text",
    "docx_to_text",
    "read_report",
]

MAX_BYTES = MAX_FILE_BYTES  # the name other modules used first
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ""}
DOCX_SUFFIXES = {".docx"}


@dataclass(frozen=True)
class RawReport:
    """A report's text as read from disk, before normalisation."""

    path: Path
    text: str
    source_format: str
    encoding: str
    sha256: str


def read_report(path: Path, progress=None) -> RawReport:
    """Read one report file; raise ReportError with a reason a user can act on."""
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "文件不存在 (file does not exist)")
    if not path.is_file():
        raise ReportError(path, "不是文件 (not a regular file)")
    size = path.stat().st_size
    if size == 0:
        raise ReportError(path, "文件为空 (empty file)")
    if size > MAX_BYTES:
        raise ReportError(
            path, f"文件超过{MAX_FILE_TEXT}上限 (file is {size:,} bytes, limit {MAX_BYTES:,})"
        )
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    fmt = sniff_format(path, data)
    if fmt == "docx":
        return RawReport(path, docx_to_text(path, data), "docx", "docx", digest)
    if fmt == "pdf":
        from loaders.readers.pdf import pdf_to_text  # pypdfium2 loads only for PDFs

        text, source_format = pdf_to_text(path, data, progress)
        return RawReport(path, text, source_format, "pdf", digest)
    text, encoding = decode_text(path, data)
    if fmt == "html" or (fmt == "text" and looks_like_html(text)):
        return RawReport(path, html_to_text(text), "html", encoding, digest)
    return RawReport(path, table_rows(text), "text", encoding, digest)


def sniff_format(path: Path, data: bytes) -> str:
    """Tell docx, html and text apart by content first, then by file name."""
    suffix = path.suffix.lower()
    if data[:4] == b"PK\x03\x04":
        if suffix in DOCX_SUFFIXES or _is_docx(data):
            return "docx"
        raise ReportError(path, "压缩文件不是 .docx 文档 (zip archive that is not a .docx)")
    if data[:1024].lstrip()[:5] == b"%PDF-":
        return "pdf"
    if suffix == ".pdf":
        raise ReportError(path, "不是有效的PDF文件 (not a PDF: no %PDF- header)")
    if suffix in DOCX_SUFFIXES:
        raise ReportError(path, "不是有效的 .docx 文档 (not a valid .docx)")
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)
