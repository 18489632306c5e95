"""Chinese in place of the few English words Streamlit 1.67 writes into its widgets.

Streamlit has no option for these texts: the file uploader's button (Upload) and size
line (20MB per file), a text input's hint (Press Enter to apply / to submit form), and
the "No results" of a selectbox or multiselect whose typed words match no option (a
village typed into 村(社区) that the notice does not name). A constant stylesheet hides
them and draws the Chinese words in their place; other English texts it cannot reach are
listed in docs/benchmarks.md's browser section.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

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
EMPTY_LIST_CSS
</style>
"""

STATIC_JS = Path(st.__file__).resolve().parent / "static" / "static" / "js"
# In a widget's chunk: the list's empty state is a styled span, `renderEmptyState:()=>r(Ae`,
# defined as `Ae=i(`span`,{target:`equpb2c9`})` (emotion gives the element that class).
_EMPTY_STATE = re.compile(r"renderEmptyState:\(\)=>\w+\((\w+)[,)]")
NO_MATCH = "没有匹配的选项"


@functools.cache
def empty_list_classes() -> tuple[str, ...]:
    """The class of the "No results" span in this Streamlit build's selectbox and
    multiselect (hashed names, read from the installed chunks; none if not found)."""
    found = []
    for chunk in ("Selectbox", "Multiselect"):
        for path in STATIC_JS.glob(f"{chunk}.*.js"):
            code = path.read_text(encoding="utf-8", errors="replace")
            for name in dict.fromkeys(_EMPTY_STATE.findall(code)):
                target = re.search(
                    rf"[,;{{\s]{re.escape(name)}=\w+\(`span`,\{{target:`([A-Za-z0-9_-]+)`\}}\)",
                    code,
                )
                if target:
                    found.append(target.group(1))
    return tuple(dict.fromkeys(found))


@functools.cache
def chrome_css() -> str:
    """The stylesheet, with the empty-list rule for this build's class names."""
    classes = empty_list_classes()
    rule = ""
    if classes:
        hidden = ", ".join(f".{c}" for c in classes)
        after = ", ".join(f".{c}::after" for c in classes)
        rule = f"{hidden} {{ font-size: 0 !important; }}\n"
        rule += f'{after} {{ content: "{NO_MATCH}"; font-size: 0.875rem; }}'
    return CHINESE_CHROME_CSS.replace("EMPTY_LIST_CSS", rule)


def chinese_chrome() -> None:
    """Add the stylesheet to the page (it takes no room on screen)."""
    st.html(chrome_css())
