"""Golden files: notices written for the tests, with the rows they must give beside them.

Each expected CSV was written by hand from the notice's text, not from the loader's output.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from loaders.extract import parse_report
from loaders.reading import read_report
from tests.conftest import NOTICES, TOWNS

COLUMNS = (
    "part",
    "item_no",
    "value",
    "unit",
    "qualifier",
    "kind",
    "change",
    "period",
    "villages",
    "span",
)


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _row(ind: dict) -> tuple:
    return (
        ind["part"] or "",
        "" if ind["item_no"] is None else str(ind["item_no"]),
        f"{ind['value']:g}",
        ind["unit"],
        ind["qualifier"] or "",
        ind["kind"],
        ind["change"] or "",
        ind["period"] or "",
        ";".join(sorted(ind["villages"])),
        ind["raw"],
    )


def _expected(row: dict) -> tuple:
    return (
        row["part"],
        row["item_no"],
        f"{float(row['value']):g}",
        row["unit"],
        row["qualifier"],
        row["kind"],
        row["change"],
        row["period"],
        ";".join(sorted(v for v in row["villages"].split(";") if v)),
        unicodedata.normalize("NFKC", row["span"]),
    )


@pytest.fixture(scope="module", params=NOTICES, ids=lambda p: p.stem)
def notice(request):
    path = request.param
    return path, parse_report(read_report(path))


def test_indicators_match_golden(notice):
    path, parsed = notice
    got = [_row(ind) for ind in sorted(parsed.indicators, key=lambda i: i["char_start"])]
    want = [_expected(r) for r in _read(path.with_suffix(".expected.csv"))]
    assert got == want


@pytest.mark.parametrize("path", TOWNS, ids=lambda p: p.stem)
def test_unseen_towns_match_golden_but_for_period(path):
    parsed = parse_report(read_report(path))
    period = COLUMNS.index("period")
    got = [_row(ind) for ind in sorted(parsed.indicators, key=lambda i: i["char_start"])]
    want = [_expected(r) for r in _read(path.with_suffix(".expected.csv"))]
    assert [g[:period] + g[period + 1 :] for g in got] == [
        w[:period] + w[period + 1 :] for w in want
    ]


def test_progress_pairs_match_golden(notice):
    path, parsed = notice
    got = sorted((str(p["item_no"]), p["done"], p["total"], p["unit"]) for p in parsed.progress)
    want = sorted(
        (r["item_no"], float(r["done"]), float(r["total"]), r["unit"])
        for r in _read(path.with_name(path.stem + ".expected_progress.csv"))
    )
    assert got == want


def test_item_statuses_match_golden(notice):
    path, parsed = notice
    got = sorted((i["part"], str(i["item_no"]), i["status"]) for i in parsed.items)
    want = sorted(
        (r["part"], r["item_no"], r["status"])
        for r in _read(path.with_name(path.stem + ".expected_items.csv"))
    )
    assert got == want
    assert all(i["status_evidence"] for i in parsed.items)


def test_every_indicator_points_into_its_sentence(notice):
    _, parsed = notice
    text = parsed.doc["text"]
    for ind in parsed.indicators:
        assert text[ind["char_start"] : ind["char_end"]] == ind["raw"]
        start = ind["sentence_start"]
        assert text[start : start + len(ind["sentence"])] == ind["sentence"]
        assert start <= ind["char_start"] < start + len(ind["sentence"])
