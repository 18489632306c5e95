"""pyproject [project] metadata with the `rectify` command, and a hashed lock that CI installs."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib

from tests.conftest import ROOT


def pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)


def test_rectify_command_is_the_loader_cli(tmp_path):
    project = pyproject()["project"]
    assert project["name"] and project["version"] and project["requires-python"] == ">=3.11"
    module, function = project["scripts"]["rectify"].split(":")
    main = getattr(importlib.import_module(module), function)
    assert callable(main)
    # what the installed script does: sys.exit(main())
    code = f"import sys; from {module} import {function} as m; sys.exit(m())"
    missing = tmp_path / "none.duckdb"
    result = subprocess.run(
        [sys.executable, "-c", code, "stats", "--db", str(missing)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "数据库不存在" in result.stderr


def pins(path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_lock_pins_every_requirement_with_hashes():
    lock_text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = pins(ROOT / "requirements.lock")
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in pins(ROOT / name).items():
            assert locked.get(package) == version, (name, package, version, locked.get(package))
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock_text.split("\n", 2)[2])
    for entry in entries:
        if "==" in entry:
            assert "--hash=sha256:" in entry, entry[:80]


def test_ci_installs_from_the_lock_with_hashes_required():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in ci
    assert "-r requirements-dev.txt" not in ci.replace("# ", "")
