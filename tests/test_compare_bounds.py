"""对比 does bounded work whatever the URL asks: a link naming every notice of a large
database (1000 of them took 252 s for one rerun) compares at most MAX_NOTICES, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from board import compare, queries
from board.db import connect
from loaders import ingest_files
from tests.conftest import ROOT

PLACES = "安宝昌春大东丰凤福富高光广和河恒洪华怀佳江金锦康乐良林龙隆平启庆仁荣瑞"


@pytest.fixture(scope="module")
def many_db(tmp_path_factory) -> Path:
    """MAX_NOTICES + 2 notices of one round, each a different town."""
    tmp = tmp_path_factory.mktemp("many_notices")
    base = (ROOT / "tests" / "fixtures" / "notices" / "notice_b.txt").read_text(encoding="utf-8")
    files = []
    for n in range(compare.MAX_NOTICES + 2):
        path = tmp / f"n{n:02d}.txt"
        path.write_text(base.replace("杨和", PLACES[n] + PLACES[-n - 1]), encoding="utf-8")
        files.append(path)
    db = tmp / "many.duckdb"
    ingest_files(files, db)
    return db


def test_a_link_naming_too_many_notices_compares_the_first_few_and_says_so(many_db, monkeypatch):
    monkeypatch.setenv("RECTIFY_DB", str(many_db))
    conn = connect(many_db)
    labels = list(compare.choice_labels(queries.documents(conn)))
    conn.close()
    assert len(labels) > compare.MAX_NOTICES
    at = AppTest.from_file("../dashboard.py", default_timeout=300)
    at.query_params["notices"] = labels
    at.switch_page("pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(w.value for w in at.warning)
    assert f"最多对比 {compare.MAX_NOTICES} 份" in warning
    summary = next(df.value for df in at.dataframe if "rate" in df.value.columns)
    assert len(summary) == compare.MAX_NOTICES
