"""Roles and sign-in (DESIGN.md "Users and roles"; issue 11 part 5).

Real parts: the dashboard in AppTest with accounts in its secrets, the sign-in counts in
the SQLite file beside a real database, the hash command as a subprocess, and a real
server spoken to over its websocket with crafted messages and a proxy's header.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.board_db import report_db  # noqa: F401  (session fixture)
from tests.conftest import ROOT
from tests.servers import dashboard_server
from tests.signing import sidebar_captions, sign_in
from tests.test_app_security import PATIENT, server_like
from ui import throttle as throttling
from ui.auth import client_address, proxy_identity, role_of
from ui.passwords import hash_password, verify_password

PASSWORD = "春风十里 spring-42"
HASHES = {"lin": hash_password(PASSWORD), "zhou": hash_password(PASSWORD + "!")}
ACCOUNTS = {
    "lin": {"role": "admin", "password_hash": HASHES["lin"]},
    "zhou": {"role": "reviewer", "password_hash": HASHES["zhou"]},
}
NO_PAGE = "Could not find a navigation page"
IMPORT = "pages/import_reports.py"


@pytest.fixture
def db(report_db, tmp_path) -> Path:  # noqa: F811
    """A database of its own: the sign-in counts live beside it."""
    path = tmp_path / "rectify.duckdb"
    shutil.copyfile(report_db, path)
    return path


def app(monkeypatch, db: Path, **secrets) -> AppTest:
    at = server_like(monkeypatch, db)
    at.secrets["accounts"] = ACCOUNTS
    for key, value in secrets.items():
        at.secrets[key] = value
    return at


def state(db: Path, key: str) -> throttling.KeyState | None:
    return throttling.Throttle(throttling.default_path(db)).state(key)


# --- the hash command ------------------------------------------------------------------


def hash_command(password: str, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command) or [sys.executable, "-m", "loaders", "hash-password"],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout, not an installed one
        check=False,
    )


def test_hash_command_prints_a_salted_hash_that_signs_in(db, monkeypatch):
    first, second = hash_command(PASSWORD), hash_command(PASSWORD)
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    stored = first.stdout.strip()
    assert stored.startswith("scrypt$") and PASSWORD not in first.stdout + first.stderr
    assert stored != second.stdout.strip()  # a fresh salt each time
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + " ", stored)
    short = hash_command("1234567")
    assert short.returncode == 2 and not short.stdout and "至少" in short.stderr
    script = Path(sys.executable).with_name("rectify")
    if script.exists():  # pip install -e . puts the console script beside python
        assert verify_password(PASSWORD, hash_command(PASSWORD, str(script), "hash-password")
                               .stdout.strip())  # fmt: skip
    # The printed string, pasted into secrets.toml, signs that account in.
    at = server_like(monkeypatch, db)
    at.secrets["accounts"] = {"wu": {"role": "admin", "password_hash": stored}}
    at.run()
    sign_in(at, "wu", PASSWORD)
    assert "已登录：wu（管理员）" in sidebar_captions(at)


# --- local accounts and roles ----------------------------------------------------------


def test_admin_signs_in_imports_and_signs_out(db, monkeypatch):
    at = app(monkeypatch, db).run()
    assert not at.exception
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)  # a viewer's navigation has no 导入
    sign_in(at, "lin", PASSWORD)
    assert not at.error and "已登录：lin（管理员）" in sidebar_captions(at)
    at.switch_page(IMPORT).run()
    assert [t.value for t in at.title] == ["导入"] and at.file_uploader
    at.button(key="signout").click().run()
    assert not any(c.startswith("已登录") for c in sidebar_captions(at))
    assert not at.file_uploader and [t.value for t in at.title] != ["导入"]
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)


def test_reviewer_has_no_import_page(db, monkeypatch):
    at = app(monkeypatch, db).run()
    sign_in(at, "zhou", PASSWORD + "!")
    assert "已登录：zhou（核实员）" in sidebar_captions(at)
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)


def test_a_changed_account_signs_the_session_out(db, monkeypatch):
    at = app(monkeypatch, db).run()
    sign_in(at, "lin", PASSWORD)
    at.secrets["accounts"] = {"lin": {"role": "reviewer", "password_hash": HASHES["lin"]}}
    at.run()  # the role was lowered in secrets.toml: the session holds admin no longer
    assert not any(c.startswith("已登录") for c in sidebar_captions(at))
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)


RESTRICTED = {IMPORT: "管理员", "pages/review.py": "核实员"}


@pytest.mark.parametrize(("page", "role"), RESTRICTED.items())
def test_restricted_page_run_directly_asks_for_its_role(page, role, db, monkeypatch):
    """Run without dashboard.py (Streamlit's legacy pages/ mode on a cold server, or any
    route that skips the navigation): the page's own require_role still stops a viewer."""
    if not (ROOT / page).exists():
        pytest.skip(f"{page} is not on this branch yet")
    monkeypatch.setenv("RECTIFY_DB", str(db))
    at = AppTest.from_file(f"../{page}", default_timeout=PATIENT)
    at.secrets["accounts"] = ACCOUNTS
    at.run()
    assert not at.exception
    assert f"此页面需要{role}权限，请先登录。" in [w.value for w in at.warning]
    assert not at.file_uploader and not at.dataframe
    assert {t.key for t in at.text_input} == {"signin_name_page", "signin_password_page"}


# --- failed sign-ins -----------------------------------------------------------------


def test_wrong_password_waits_even_for_the_right_one_in_a_new_session(db, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="ui.auth")
    # a wait far longer than the test takes, so no assert depends on the clock
    slow = {"first_wait_seconds": 600, "max_wait_seconds": 3600}
    at = app(monkeypatch, db, signin=slow).run()
    sign_in(at, "lin", "wrong password")
    assert [e.value for e in at.error] == ["账号或密码不正确，请 600 秒后再试。"]
    account = state(db, "account:lin")
    assert account is not None and account.failures == 1 and not account.locked(time.time())
    client = state(db, "client:unknown")  # AppTest has no connection address
    assert client is not None and client.failures == 1
    # The right password within the wait is not even checked; a new session is no way out.
    for attempt in (at, app(monkeypatch, db, signin=slow).run()):
        sign_in(attempt, "lin", PASSWORD)
        [message] = [e.value for e in attempt.error]
        wait = re.fullmatch(r"登录尝试过于频繁，请 (\d+) 秒后再试。", message)
        assert wait and 0 < int(wait.group(1)) <= 600, message
        assert not any(c.startswith("已登录") for c in sidebar_captions(attempt))
    assert state(db, "account:lin").failures == 1  # refusals are not guesses
    logged = [r.getMessage() for r in caplog.records if r.name == "ui.auth"]
    assert any("sign-in failed for account 'lin'" in m and "failures=1" in m for m in logged)
    assert sum("sign-in refused for account 'lin'" in m for m in logged) == 2
    assert not [m for m in logged if "wrong password" in m or PASSWORD in m]


def test_ten_failures_lock_the_account_with_a_chinese_message(db, monkeypatch):
    # Ten failures as any worker records them, from another address (a client other than
    # this session's, so only the account's lock applies).
    store = throttling.Throttle(throttling.default_path(db))
    now = time.time()
    for n in range(10):
        store.failed(["account:lin", "client:203.0.113.9"], now - 10 + n)
    at = app(monkeypatch, db).run()
    sign_in(at, "lin", PASSWORD)
    assert [e.value for e in at.error] == [
        "该账号登录失败次数过多，已锁定，请 15 分钟后再试或联系管理员。"
    ]
    assert not any(c.startswith("已登录") for c in sidebar_captions(at))
    sign_in(at, "zhou", PASSWORD + "!")  # another account from the same client is fine
    assert "已登录：zhou（核实员）" in sidebar_captions(at)


def test_the_failure_that_reaches_the_limit_says_locked(db, monkeypatch):
    at = app(monkeypatch, db, signin={"first_wait_seconds": 0, "lock_after": 3}).run()
    for _ in range(2):
        sign_in(at, "lin", "nope nope")
        assert [e.value for e in at.error] == ["账号或密码不正确，请 1 秒后再试。"]
    sign_in(at, "lin", "nope nope")
    [message] = [e.value for e in at.error]
    assert message.startswith("账号或密码不正确。") and "已锁定" in message
    assert state(db, "account:lin").locked(time.time())


def test_waits_double_then_lock_and_a_lapsed_lock_relocks_on_one_failure(tmp_path):
    store = throttling.Throttle(tmp_path / "signin.sqlite")
    keys, t = ["account:lin", "client:198.51.100.7"], 1_000_000.0
    waits = []
    for _ in range(9):
        assert store.reserve(keys, t) is None
        [account, _client] = store.failed(keys, t)
        waits.append(account.next_at - t)
        refusal = store.reserve(keys, t + waits[-1] - 0.5)
        assert refusal is not None and not refusal.locked
        t += waits[-1]
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert store.reserve(keys, t) is None
    [account, client] = store.failed(keys, t)
    assert account.failures == 10 and account.locked_until == t + 900 and client.locked(t)
    refusal = store.reserve(keys, t + 899)
    assert refusal is not None and refusal.locked and refusal.until == t + 900
    # A second process on the same file (another worker) sees the same lock.
    other = throttling.Throttle(tmp_path / "signin.sqlite")
    assert other.reserve(["account:lin", "client:192.0.2.1"], t + 899).locked
    t += 901
    assert other.reserve(keys, t) is None
    assert other.failed(keys, t)[0].locked(t)  # one more failure locks it again
    store.succeeded("account:lin", "client:198.51.100.7", t + 2000)
    assert store.state("account:lin") is None  # a success forgets the account's failures
    assert store.state("client:198.51.100.7").failures == 10  # not the client's


def test_one_client_guessing_many_accounts_is_locked(tmp_path):
    store = throttling.Throttle(tmp_path / "signin.sqlite")
    t = 2_000_000.0
    for n in range(10):
        keys = [f"account:guess{n}", "client:198.51.100.8"]
        assert store.reserve(keys, t) is None
        t = store.failed(keys, t)[1].next_at
    refusal = store.reserve(["account:lin", "client:198.51.100.8"], t)
    assert refusal is not None and refusal.locked and refusal.key == "client:198.51.100.8"
    assert store.reserve(["account:lin", "client:198.51.100.9"], t) is None


def test_parallel_attempts_on_one_account_are_refused_while_one_is_checked(tmp_path):
    store = throttling.Throttle(tmp_path / "signin.sqlite")
    assert store.reserve(["account:lin", "client:a"], 10.0) is None
    assert store.reserve(["account:lin", "client:b"], 10.0) is not None
    store.succeeded("account:lin", "client:a", 10.1)
    assert store.reserve(["account:lin", "client:a"], 10.1) is None


# --- OIDC and the proxy header ---------------------------------------------------------

ROLES = {"admins": ["Wang@Example.org"], "reviewers": ["li@example.org", "zhao"]}


def test_roles_from_the_mapping():
    assert role_of("wang@example.org", ROLES) == "admin"  # case does not matter
    assert role_of("li@example.org", ROLES) == "reviewer"
    assert role_of("someone@example.org", ROLES) == "viewer"
    assert role_of("", {"default": "admin"}) == "admin" and role_of("x", {}) == "viewer"


def test_oidc_user_gets_the_role_of_their_email(db, monkeypatch):
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret",
        "client_id": "dashboard",
        "client_secret": "s",
        "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
    }
    at = app(monkeypatch, db, auth=auth, roles=ROLES)
    at.run()
    assert [b.label for b in at.button if "统一身份认证" in b.label]  # offered, not signed in
    at.user = {"is_logged_in": True, "email": "li@example.org", "name": "李四"}
    at.run()
    assert "已登录：李四（核实员）" in sidebar_captions(at)
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)
    at.user = {"is_logged_in": True, "email": "wang@example.org", "email_verified": False}
    at.run()  # an address the provider has not verified maps to no role
    assert "已登录：wang@example.org（浏览）" not in sidebar_captions(at)
    with pytest.raises(ValueError, match=NO_PAGE):
        at.switch_page(IMPORT)
    at.user = {"is_logged_in": True, "email": "wang@example.org", "name": "王五"}
    at.run()
    at.switch_page(IMPORT).run()
    assert [t.value for t in at.title] == ["导入"] and at.file_uploader


PROXY = {"user_header": "X-Forwarded-User", "trusted": ["127.0.0.1", "10.0.0.0/8"]}


def test_proxy_header_is_read_only_from_a_trusted_proxy_when_configured():
    headers = {"X-Forwarded-User": "wang@example.org", "Host": "x"}
    assert proxy_identity(headers, "127.0.0.1", PROXY) == "wang@example.org"
    assert proxy_identity(headers, "10.2.3.4", PROXY) == "wang@example.org"  # a network
    assert proxy_identity(headers, "192.0.2.5", PROXY) is None  # not the proxy
    assert proxy_identity(headers, None, PROXY) is None
    assert proxy_identity(headers, "127.0.0.1", {"trusted": ["127.0.0.1"]}) is None
    assert proxy_identity(headers, "127.0.0.1", {"user_header": "X-Forwarded-User"}) is None
    assert proxy_identity({"Host": "x"}, "127.0.0.1", PROXY) is None  # no header, no user
    assert proxy_identity({"x-forwarded-user": " \u202ezhao "}, "127.0.0.1", PROXY) == "zhao"


def test_failures_counted_against_the_forwarded_client_behind_a_local_proxy():
    forwarded = {"X-Forwarded-For": "203.0.113.1, 198.51.100.2"}
    assert client_address(forwarded, "127.0.0.1") == "198.51.100.2"  # ui.serve's HAProxy
    assert client_address(forwarded, "192.0.2.5") == "192.0.2.5"  # a spoofed header
    assert client_address(forwarded, "10.1.1.1", PROXY["trusted"]) == "198.51.100.2"
    assert client_address({"X-Forwarded-For": "junk"}, "127.0.0.1") == "127.0.0.1"
    assert client_address({}, None) == "unknown"


# --- a real server: the proxy header and crafted websocket messages ------------------


def collect(base: str, headers: dict[str, str], page_hash: str = "", page_name: str = ""):
    """One websocket session: a run asking for the given page; every element drawn, as
    (type, text) pairs, once the run finished."""

    async def run():
        import websockets

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        await asyncio.to_thread(lambda: opener.open(base + "/").read())
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        extra = {**headers, **({"Cookie": cookie} if cookie else {})}
        async with websockets.connect(
            base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=base,
            additional_headers=extra,
            max_size=None,
            ping_interval=None,
        ) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            msg.rerun_script.page_script_hash = page_hash
            msg.rerun_script.page_name = page_name
            await ws.send(msg.SerializeToString())
            drawn = []
            while True:
                forward = ForwardMsg()
                forward.ParseFromString(await ws.recv())
                kind = forward.WhichOneof("type")
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element
                    what = element.WhichOneof("type")
                    part = getattr(element, what)
                    text = getattr(part, "body", "") or getattr(part, "label", "")
                    drawn.append((what, text))
                elif kind == "script_finished":
                    if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        return drawn

    return asyncio.run(run())


def served_with(tmp_path: Path, secrets: str):
    path = tmp_path / "secrets.toml"
    path.write_text(secrets, encoding="utf-8")
    return ["--secrets.files", str(path)]


SERVER_SECRETS = """
[proxy]
user_header = "X-Forwarded-User"
trusted = [{trusted}]

[roles]
admins = ["wang"]
reviewers = ["zhao"]
"""
IMPORT_HASH, REVIEW_HASH = calc_hash("import"), calc_hash("review")


def titles(drawn) -> list[str]:
    return [text for what, text in drawn if what == "heading"]


def test_server_honours_a_trusted_proxy_and_ignores_crafted_page_requests(db, tmp_path):
    args = served_with(tmp_path, SERVER_SECRETS.format(trusted='"127.0.0.1"'))
    with dashboard_server(db, tmp_path, args) as base:
        admin = collect(base, {"X-Forwarded-User": "wang"}, page_hash=IMPORT_HASH)
        assert "导入" in titles(admin) and "file_uploader" in [w for w, _ in admin]
        assert any("已登录：wang（管理员）" in text for _, text in admin)
        # The same requests without the proxy's header: a viewer, asked in Chinese to sign
        # in (the pages' hidden stand-ins, not Streamlit's "Page not found"), nothing more.
        for crafted, role in (({"page_hash": IMPORT_HASH}, "管理员"),
                              ({"page_hash": REVIEW_HASH}, "核实员"),
                              ({"page_name": "import"}, "管理员"),
                              ({"page_name": "review"}, "核实员")):  # fmt: skip
            viewer = collect(base, {}, **crafted)
            assert ("alert", f"此页面需要{role}权限，请先登录。") in viewer, crafted
            assert "导入" not in titles(viewer) and "核实" not in titles(viewer), crafted
            assert "file_uploader" not in [w for w, _ in viewer]
        reviewer = collect(base, {"X-Forwarded-User": "zhao"}, page_hash=IMPORT_HASH)
        assert "导入" not in titles(reviewer)
        assert ("alert", "此页面需要管理员权限；当前账号 zhao（核实员）无此权限。") in reviewer


def test_server_ignores_the_header_from_an_untrusted_address(db, tmp_path):
    args = served_with(tmp_path, SERVER_SECRETS.format(trusted='"10.9.9.9"'))
    with dashboard_server(db, tmp_path, args) as base:
        drawn = collect(base, {"X-Forwarded-User": "wang"}, page_hash=IMPORT_HASH)
        assert "导入" not in titles(drawn) and "file_uploader" not in [w for w, _ in drawn]
        assert ("alert", "此页面需要管理员权限，请先登录。") in drawn  # as anyone unsigned
        assert not any(text.startswith("已登录") for _, text in drawn)


# --- the same in a real browser ----------------------------------------------------------


@pytest.mark.browser
def test_browser_sign_in_reaches_import_and_sign_out_hides_it(db, tmp_path):
    from bench.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium not installed (CI would fail here)")
    from playwright.sync_api import sync_playwright

    secrets = f'[accounts.lin]\nrole = "admin"\npassword_hash = "{HASHES["lin"]}"\n'
    secrets += "[signin]\nfirst_wait_seconds = 0\n"  # no wait to sit out between the tries
    with dashboard_server(db, tmp_path, served_with(tmp_path, secrets)) as base:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = chromium.new_page()
            page.set_default_timeout(300_000)  # a hang guard only, not a speed check
            page.goto(base)
            page.get_by_role("heading", name="总览").wait_for()
            sidebar = page.get_by_test_id("stSidebar")
            assert sidebar.get_by_text("导入", exact=True).count() == 0
            for password, expect in (("wrong one!", "账号或密码不正确"), (PASSWORD, None)):
                sidebar.get_by_role("button", name="登录").first.click()
                form = page.get_by_test_id("stPopoverBody")
                form.get_by_label("账号").fill("lin")
                form.get_by_label("密码", exact=True).fill(password)
                form.get_by_role("button", name="登录").click()
                if expect:
                    form.get_by_text(expect).wait_for()
                    page.keyboard.press("Escape")
            sidebar.get_by_text("已登录：lin（管理员）").wait_for()
            page.screenshot(path=str(tmp_path / "signed_in.png"))
            sidebar.get_by_role("link", name="导入").click()
            page.get_by_role("heading", name="导入").wait_for()
            page.get_by_test_id("stFileUploader").wait_for()
            sidebar.get_by_role("button", name="退出").click()
            page.get_by_role("button", name="登录").first.wait_for()
            # the rerun after 退出 redraws the sidebar first: wait for the page to follow
            page.get_by_test_id("stFileUploader").wait_for(state="detached")
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
            assert sidebar.get_by_role("link", name="导入").count() == 0
            assert page.get_by_test_id("stFileUploader").count() == 0
            chromium.close()
