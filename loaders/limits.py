"""Bounds on the work one notice may cause, stated once (DESIGN: Untrusted text).

Every reader, the loader, the 导入 page's text and `.streamlit/config.toml` take their
numbers from here (tests/test_limits.py checks the config agrees). Real notices are far
inside them: the bundled report is 33 KB, 192 figures, 140 lines, sentences <= 187 chars.
What each bound costs at its edge is measured by `python -m bench.hostile`
(docs/security.md).
"""

from __future__ import annotations

# Upload and file size, in exact bytes. Streamlit's server.maxUploadSize is in MiB on the
# server (20 -> 20,971,520 bytes) but the browser divides by 1000 except on Windows
# (20 -> 20,000,000 bytes), so the one limit that holds everywhere is 20,000,000: config
# says 20, the browser refuses above 20,000,000 on most platforms, and the loader refuses
# above it on all (a Windows browser lets up to 20,971,520 through to our own check).
MAX_FILE_BYTES = 20_000_000
MAX_UPLOAD_MB = MAX_FILE_BYTES // 1_000_000  # server.maxUploadSize in config.toml
MAX_FILE_TEXT = "20 MB（20,000,000 字节）"  # how pages and messages state it

# The normalised text of one notice.
MAX_TEXT_CHARS = 3_000_000
MAX_PARAGRAPHS = 100_000  # lines after normalisation (a million tiny paragraphs: refused)
MAX_FIGURES = 100_000  # figures in one notice

# What one figure row holds of its sentence, and how far its context is read: a sentence
# longer than this is cut at a clause mark into pieces of at most this many characters,
# so work and storage per figure stay constant whatever the line length.
MAX_SENTENCE_CHARS = 300

# .docx containers (the readers in loaders/reading.py apply these).
DOCX_MAX_UNCOMPRESSED_BYTES = 200_000_000
DOCX_MAX_XML_ELEMENTS = 2_000_000
XML_MAX_DEPTH = 256

# OCR of one scanned PDF, all its pages together (loaders.readers.ocr): wall seconds. The
# 29-page scan of the bundled report takes ~6 min on a free core (Tesseract, ~12 CPU s a
# page) and took 16-21 min on this shared 2-core machine; over this budget it is refused.
OCR_SECONDS = 1800

# A parse in a child process (loaders/sandbox.py): address space and CPU/wall time.
PARSE_MEMORY_BYTES = 1_500_000_000
PARSE_SECONDS = 120
