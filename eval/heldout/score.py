"""Score this checkout's loader on the held-out notices: `python -m eval.heldout.score`.

These notices were written and annotated by someone who never saw the loader. Keep them a
measure: score on them, never tune rules on them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eval import meaning

HERE = Path(__file__).resolve().parent
SECRET = HERE / "secret"  # written 2026-12-01
FRESH = HERE / "fresh"  # written 2026-12-02 by another annotator who never saw the loader
FRESH3 = HERE / "fresh3"  # written 2026-12-02 (session 4) by a third; committed after scoring
FRESH4 = HERE / "fresh4"  # written 2026-12-02 (session 5) blind; committed after its last scoring
DEV5 = HERE / "dev5"  # written 2026-12-02 (session 5) as development material, never blind
BLIND5 = HERE / "blind5"  # written 2026-12-02 (session 5) blind; committed after its scoring
FRESH6 = HERE / "fresh6"  # written 2026-12-02 (session 6) blind; committed after its scoring


def main() -> None:
    for directory in (SECRET, FRESH, FRESH3, FRESH4, DEV5, BLIND5, FRESH6):
        print(f"== {directory.name}")
        for path in sorted(directory.iterdir()):
            if path.suffix in (".txt", ".html", ".docx", ".pdf"):
                prefix = directory / path.name.split(".")[0]
                run = [sys.executable, "-m", "eval.notice_score", str(path), str(prefix), "-q"]
                out = subprocess.run(run, capture_output=True, text=True, check=False)
                print(path.name, out.stdout.strip() or out.stderr.strip().splitlines()[-1:])
        for notice in meaning.notices(directory):
            try:
                print(notice.name, meaning.score(notice))
            except Exception as exc:  # a refused notice is a score too
                print(notice.name, "failed:", type(exc).__name__, str(exc)[:80])


if __name__ == "__main__":
    main()
