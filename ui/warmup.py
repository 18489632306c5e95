"""Streamlit's browser code for charts, tables and downloads, loaded once 总览 is drawn.

Streamlit's frontend fetches, compiles and runs the code of an element type the first time
a page shows one: Plotly (4.7 MB of JavaScript), the table grid and its Arrow formatting
(1.3 MB), the download button. 总览 shows none of them on first paint, so a leader's first
switch to 主题 waited for all of it (measured in Chromium: docs/benchmarks.md). This
imports those modules as soon as the first run is painted, into the module map
the frontend imports them from: its later import finds them there.

The script is a constant: no report text, no input of any kind goes into it.
"""

from __future__ import annotations

import functools
import gc
import json
import re
import threading
from pathlib import Path

import streamlit as st

STATIC_JS = Path(st.__file__).resolve().parent / "static" / "static" / "js"
# Element types the other pages show and 总览's first paint does not.
CHUNKS = ("PlotlyChart", "DataFrame", "DownloadButton")
_CHUNK_FILE = re.compile(r"^[A-Za-z]+\.[A-Za-z0-9_-]+\.js$")

_SCRIPT = """<script>
(() => {
  if (window.__rectifyWarmed) return;
  window.__rectifyWarmed = true;
  const files = FILES;
  const index = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!index) return;
  const base = new URL(".", index.src);
  const warm = () => files.forEach(f => import(new URL(f, base).href).catch(() => {}));
  const start = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute("data-test-script-state") === "notRunning") {
      setTimeout(warm, 0);  // after the first run is painted
    } else {
      setTimeout(start, 50);
    }
  };
  setTimeout(start, 200);
})();
</script>"""


@functools.cache
def chunk_files() -> tuple[str, ...]:
    """File names of the chunks in this Streamlit build (hashed names; none if not found)."""
    names = []
    for chunk in CHUNKS:
        found = [p.name for p in STATIC_JS.glob(f"{chunk}.*.js") if _CHUNK_FILE.match(p.name)]
        if len(found) == 1:  # a build with another layout: leave it to the frontend
            names.append(found[0])
    return tuple(names)


@functools.cache
def warmup_html() -> str:
    """The constant script (empty when this Streamlit build has none of the chunks)."""
    files = chunk_files()
    return _SCRIPT.replace("FILES", json.dumps(list(files))) if files else ""


def warm_up_frontend() -> None:
    """Add the script at the foot of the sidebar (it draws nothing)."""
    body = warmup_html()
    if body:
        st.sidebar.html(body, unsafe_allow_javascript=True)


_FROZEN = threading.Event()


def freeze_heap_once() -> None:
    """After the process's first full run: move every object alive now (modules, the app's
    code, Streamlit's and pandas' own) out of the cyclic collector's reach (gc.freeze).

    Python's full collection walks every tracked object; with ~145,000 after a first run
    it paused a rerun for 60-250 ms every few dozen reruns (measured under AppTest, 40
    reruns: one full pass of 256 ms before, none after; resident memory the same). Objects
    made later are collected as before; frozen ones are still freed by reference counts.
    """
    if not _FROZEN.is_set():
        _FROZEN.set()
        gc.freeze()
