"""A trusted local proxy that also sets X-Forwarded-For (HAProxy's `option forwardfor`, as
ui.serve configures it, or any usual reverse proxy) must still have its user header honoured.

Streamlit 1.67 serves through uvicorn, whose proxy-headers middleware trusts
X-Forwarded-For from 127.0.0.1 and reports the forwarded client as the peer: the peer is
then never the trusted 127.0.0.1 and proxy sign-in silently fails (fails closed: a viewer).
"""

from __future__ import annotations

from tests.board_db import report_db  # noqa: F401  (session fixture)
from tests.servers import dashboard_server
from tests.test_auth import IMPORT_HASH, SERVER_SECRETS, collect, served_with, titles


def test_trusted_local_proxy_with_forwarded_for_still_signs_in(report_db, tmp_path):  # noqa: F811
    """As deployed behind a proxy (README; ui.serve sets it for its workers): uvicorn told
    to trust no forwarded-for, so the peer stays the proxy and ui.auth judges it."""
    args = served_with(tmp_path, SERVER_SECRETS.format(trusted='"127.0.0.1"'))
    with dashboard_server(report_db, tmp_path, args, env={"FORWARDED_ALLOW_IPS": ""}) as base:
        drawn = collect(
            base,
            {"X-Forwarded-User": "wang", "X-Forwarded-For": "203.0.113.9"},
            page_hash=IMPORT_HASH,
        )
    assert "导入" in titles(drawn)
    assert any(text == "已登录：wang（管理员）" for _, text in drawn)
