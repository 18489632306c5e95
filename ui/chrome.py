"""Chinese in place of the few English words Streamlit 1.67 writes into its widgets.

Streamlit has no option for these texts: the file uploader's button (Upload) and size
line (20MB per file), and a text input's hint (Press Enter to apply / to submit form).
A constant stylesheet hides them and draws the Chinese words in their place; other
English texts it cannot reach are listed in docs/benchmarks.md's browser section.
"""

from __future__ import annotations

import streamlit as st

from loaders.limits import MAX_UPLOAD_MB

# Constant CSS only: no report text ever goes into this string.
CHINESE_CHROME_CSS = f"""
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="InputInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: "选择文件";
}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "每个文件不超过 {MAX_UPLOAD_MB} MB"; font-size: 0.875rem;
}}
[data-testid="InputInstructions"]::after {{ content: "按回车键确认"; }}
</style>
"""


def chinese_chrome() -> None:
    """Add the stylesheet to the page (it takes no room on screen)."""
    st.html(CHINESE_CHROME_CSS)
