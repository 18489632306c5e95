"""Uploads are parsed in a child process with memory and CPU limits (loaders/sandbox.py)."""

from __future__ import annotations

import os

import pytest

from loaders import ReportError
from loaders.ingest import parse_files
from loaders.sandbox import parse_isolated
from tests.conftest import BUNDLED, NOTICES


def test_child_parse_gives_the_same_rows_as_in_process():
    here = parse_files([BUNDLED, NOTICES[0]])
    there = parse_isolated([BUNDLED, NOTICES[0]])
    for a, b in zip(here, there, strict=True):
        assert {k: v for k, v in a.doc.items() if k != "ingested_at"} == {
            k: v for k, v in b.doc.items() if k != "ingested_at"
        }
        assert a.indicators == b.indicators and a.items == b.items and a.progress == b.progress


def test_a_bad_file_is_a_report_error_naming_it(tmp_path):
    bad = tmp_path / "坏.txt"
    bad.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ReportError) as caught:
        parse_isolated([NOTICES[0], bad])
    assert caught.value.path == str(bad.resolve()) and "二进制" in caught.value.reason


def test_memory_limit_stops_the_child_not_the_caller():
    with pytest.raises(ReportError, match="解析"):
        parse_isolated([BUNDLED], memory_bytes=200_000_000)
    assert os.getpid()  # still here; and a normal parse still works afterwards
    assert parse_isolated([BUNDLED])[0].indicators


def test_cpu_limit_stops_a_long_parse(tmp_path):
    head = (
        "某镇关于巡察整改进展情况的通报\n一、总体情况\n二、整改落实情况\n"
        "(一)基层治理方面\n1.村内违建问题突出\n(1)违建整治不彻底\n"
    )
    lines = [f"一是拆除违建{i % 900 + 10}处，清理垃圾{i % 70 + 5}吨。" for i in range(40_000)]
    slow = tmp_path / "slow.txt"
    slow.write_text(head + "\n".join(lines), encoding="utf-8")
    with pytest.raises(ReportError, match="超时"):
        parse_isolated([slow], seconds=1)
