"""Full reruns of every page through AppTest, each next to a rerun of the bare page.

The bare page (bench/bare_page.py) and the page are timed alternately in the same process,
so that the ratio page/bare holds still when the machine is busy.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
BARE_PAGE = ROOT / "bench" / "bare_page.py"
PAGES = {
    "总览": "pages/overview.py",
    "主题": "pages/themes.py",
    "村(社区)": "pages/villages.py",
    "整改台账": "pages/ledger.py",
    "原文": "pages/source.py",
    "导出": "pages/export.py",
}
PATIENT = 600  # AppTest wants a timeout; generous, so no run depends on machine speed


@contextmanager
def server_like_pages() -> Iterator[None]:
    """Keep legacy pages/ detection off after construction, as a running server does.

    (Same patch as tests/test_app_pages.py: AppTest rebuilds PagesManager before each run
    and would otherwise run page files without dashboard.py.)
    """
    original = PagesManager.__init__

    def init_as_in_server(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init_as_in_server
    try:
        yield
    finally:
        PagesManager.__init__ = original


def _timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"page raised: {[e.value for e in at.exception]}")
    return elapsed


def page_reruns(db: Path, runs: int = 7, warmups: int = 2) -> dict[str, dict[str, float]]:
    """Median rerun time (ms) of each page and of the bare page timed beside it."""
    old = os.environ.get("RECTIFY_DB")
    os.environ["RECTIFY_DB"] = str(db)
    out: dict[str, dict[str, float]] = {}
    try:
        with server_like_pages():
            bare = AppTest.from_file(str(BARE_PAGE), default_timeout=PATIENT)
            for title, path in PAGES.items():
                app = AppTest.from_file(str(DASHBOARD), default_timeout=PATIENT)
                app.run()
                app.switch_page(path)
                for _ in range(warmups):
                    _timed_run(app)
                    _timed_run(bare)
                page_ms, bare_ms = [], []
                for _ in range(runs):
                    page_ms.append(_timed_run(app))
                    bare_ms.append(_timed_run(bare))
                if [t.value for t in app.title] != [title]:
                    raise RuntimeError(f"{path} showed {[t.value for t in app.title]}")
                page_median = statistics.median(page_ms)
                bare_median = statistics.median(bare_ms)
                out[title] = {
                    "page_ms": page_median,
                    "bare_ms": bare_median,
                    "ratio": page_median / bare_median,
                }
    finally:
        if old is None:
            os.environ.pop("RECTIFY_DB", None)
        else:
            os.environ["RECTIFY_DB"] = old
    return out
