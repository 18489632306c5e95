"""Who is using the dashboard, and what they may do (DESIGN.md "Users and roles").

Roles, each including the one before: viewer (sees the dashboard), reviewer (also records
verdicts on the 核实 page), admin (also imports notices on 导入).

This module is the one interface pages use:

- `current_user()` → the signed-in `User`, or the anonymous viewer;
- `require_role(role)` → the user when they hold `role`; otherwise the page shows a Chinese
  message (and a sign-in form where one applies) and stops;
- `may(role)` → whether the current user holds `role` (for navigation and buttons).

Identity sources, in order of preference (`.streamlit/secrets.toml`):

1. Streamlit's OIDC login (`st.login`) when an `[auth]` section is configured; the role
   of the e-mail address (or subject) comes from `[roles]`.
2. A trusted reverse proxy's user header, only when `[proxy] user_header` is set and the
   connection comes from an address in `[proxy] trusted`; role from `[roles]`.
3. Local accounts `[accounts.NAME]` with `role` and a salted `password_hash`
   (`python -m loaders hash-password`). The old `admin_password` secret /
   `$RECTIFY_ADMIN_PASSWORD` still signs in as the admin account `admin` (deprecated).

Failed local sign-ins wait, doubling, per account and per client address, and lock after
a limit (ui/throttle.py; the counts are shared by every session and worker).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from math import ceil
from typing import Any

import streamlit as st

from board.text import clean_text, markdown_text
from ui import passwords
from ui.throttle import Policy, Refusal, Throttle, default_path, throttle_for

ROLES = ("viewer", "reviewer", "admin")
ROLE_NAMES = {"viewer": "浏览", "reviewer": "核实员", "admin": "管理员"}
_SESSION_USER = "_auth_user"
_SESSION_ACCOUNT = "_auth_account"  # fingerprint of the local account signed in with
LEGACY_ENV = "RECTIFY_ADMIN_PASSWORD"
LEGACY_ACCOUNT = "admin"
MAX_NAME = 200  # characters of a user name kept from a header, an id token or the form

log = logging.getLogger("ui.auth")


@dataclass(frozen=True)
class User:
    name: str
    role: str  # one of ROLES
    source: str = "anonymous"  # "oidc" | "proxy" | "local" | "anonymous"

    def holds(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


ANONYMOUS = User("访客", "viewer")


# --- configuration -------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """st.secrets' AttrDicts as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _section(name: str) -> dict[str, Any]:
    try:
        value = st.secrets.get(name)
    except FileNotFoundError:  # no secrets.toml, or one that does not parse
        return {}
    return _plain(value) if isinstance(value, Mapping) else {}


def _secret_value(name: str) -> Any:
    try:
        return st.secrets.get(name)
    except FileNotFoundError:
        return None


def _name(value: Any) -> str:
    return clean_text(str(value)).strip()[:MAX_NAME] if value is not None else ""


def role_of(identity: str, roles: Mapping[str, Any]) -> str:
    """The role `[roles]` gives an e-mail address or user name (case-insensitive).

    `admins = [...]`, `reviewers = [...]`; anyone else gets `default` (viewer).
    """
    wanted = identity.strip().casefold()

    def listed(key: str) -> bool:
        names = roles.get(key) or []
        names = [names] if isinstance(names, str) else names
        return any(isinstance(n, str) and n.strip().casefold() == wanted for n in names)

    if wanted and listed("admins"):
        return "admin"
    if wanted and listed("reviewers"):
        return "reviewer"
    default = roles.get("default")
    return default if default in ROLES else "viewer"


def policy() -> Policy:
    """Policy(), with any of `[signin] first_wait_seconds, max_wait_seconds, lock_after,
    lock_minutes` from secrets."""
    conf = _section("signin")
    base = Policy()

    def number(key: str, default: float) -> float:
        value = conf.get(key)
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        return float(value) if ok else default

    return Policy(
        first_wait_s=number("first_wait_seconds", base.first_wait_s),
        max_wait_s=number("max_wait_seconds", base.max_wait_s),
        lock_after=max(1, int(number("lock_after", base.lock_after))),
        lock_s=number("lock_minutes", base.lock_s / 60) * 60,
        forget_s=base.forget_s,
    )


def throttle() -> Throttle:
    from ui.database import db_path  # here: ui.database imports the board's queries

    return throttle_for(default_path(db_path()), policy())


# --- where a request comes from --------------------------------------------------------


def _in(address: str | None, networks: Any) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in [networks] if isinstance(networks, str) else networks or []:
        try:
            if ip in ipaddress.ip_network(str(entry).strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def _header(headers: Any, name: str) -> list[str]:
    """Every value of header `name` (st.context.headers or a plain mapping)."""
    if hasattr(headers, "get_all"):
        return [str(v) for v in headers.get_all(name)]
    wanted = name.lower()
    return [str(v) for k, v in dict(headers or {}).items() if str(k).lower() == wanted]


LOOPBACK = ("127.0.0.1", "::1")


def proxy_identity(headers: Any, peer: str | None, proxy: Mapping[str, Any]) -> str | None:
    """The user a trusted proxy names, or None.

    Only when `proxy["user_header"]` is configured and the connection's own address `peer`
    is in `proxy["trusted"]` (addresses or networks); anyone else's header is ignored.
    """
    header = proxy.get("user_header")
    if not isinstance(header, str) or not header.strip():
        return None
    if not _in(peer, proxy.get("trusted") or []):
        return None
    values = _header(headers, header.strip())
    name = _name(values[-1]) if values else ""
    return name or None


def client_address(headers: Any, peer: str | None, trusted: Any = ()) -> str:
    """The address failed sign-ins are counted against.

    The connection's own address, unless that is this machine (ui.serve's HAProxy) or a
    trusted proxy: then the last X-Forwarded-For entry, the one that proxy added.
    """
    if peer and (peer in LOOPBACK or _in(peer, trusted)):
        forwarded = _header(headers, "X-Forwarded-For")
        last = forwarded[-1].split(",")[-1].strip() if forwarded else ""
        if _in(last, ["0.0.0.0/0", "::/0"]):
            return last
    return peer or "unknown"


def _request() -> tuple[Any, str | None]:
    """(headers, peer address) of this session's connection; ({}, None) without one."""
    try:
        headers = st.context.headers
        ip = st.context.ip_address
    except Exception:  # no session (bare mode): nothing to read
        return {}, None
    if not dict(headers):  # AppTest, or no websocket
        return {}, None
    return headers, ip or LOOPBACK[0]  # Streamlit reports 127.0.0.1 and ::1 as None


# --- who is signed in -----------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    password_hash: str | None  # None: the deprecated plain-text admin password
    legacy_password: str | None = None

    def fingerprint(self) -> str:
        secret = self.password_hash or self.legacy_password or ""
        return hashlib.sha256(f"{self.name}\0{self.role}\0{secret}".encode()).hexdigest()


_warned_legacy = threading.Event()


def _legacy_password() -> str | None:
    secret = _secret_value("admin_password")
    if isinstance(secret, str) and secret:
        return secret
    return os.environ.get(LEGACY_ENV) or None


def local_accounts() -> dict[str, Account]:
    """`[accounts.NAME]` tables, plus the deprecated admin password as account `admin`."""
    accounts: dict[str, Account] = {}
    for raw_name, conf in _section("accounts").items():
        name = _name(raw_name)
        if not name or not isinstance(conf, dict):
            continue
        role, stored = conf.get("role", "viewer"), conf.get("password_hash")
        if role not in ROLES or not isinstance(stored, str):
            log.error("account %r ignored: needs role (viewer|reviewer|admin) and password_hash",
                      name)  # fmt: skip
            continue
        try:
            passwords.parse(stored)
        except passwords.BadHash as exc:
            log.error("account %r ignored: password_hash is not usable (%s)", name, exc)
            continue
        accounts[name] = Account(name, role, stored)
    legacy = _legacy_password()
    if legacy and LEGACY_ACCOUNT not in accounts:
        if not _warned_legacy.is_set():
            _warned_legacy.set()
            log.warning(
                "admin_password / $%s is deprecated: it signs in as account %r; add"
                " [accounts.NAME] with a password_hash (python -m loaders hash-password)",
                LEGACY_ENV,
                LEGACY_ACCOUNT,
            )
        accounts[LEGACY_ACCOUNT] = Account(LEGACY_ACCOUNT, "admin", None, legacy)
    return accounts


def _oidc_user() -> User | None:
    if not _section("auth"):
        return None
    try:
        info = st.user.to_dict()
    except Exception:  # st.user unavailable outside a session
        return None
    if not info.get("is_logged_in"):
        return None
    email = info.get("email") if info.get("email_verified", True) is not False else None
    identity = _name(email or info.get("sub") or "")
    if not identity:
        return None
    shown = _name(info.get("name") or identity)
    return User(shown, role_of(identity, _section("roles")), "oidc")


def _proxy_user() -> User | None:
    proxy = _section("proxy")
    if not proxy:
        return None
    headers, peer = _request()
    identity = proxy_identity(headers, peer, proxy)
    if identity is None:
        return None
    return User(identity, role_of(identity, _section("roles")), "proxy")


def _local_user() -> User | None:
    user = st.session_state.get(_SESSION_USER)
    if not isinstance(user, User) or user.role not in ROLES:
        return None
    if user.source != "local":
        return user  # put there by code (tests seed a role this way); never by a browser
    account = local_accounts().get(user.name)
    if account is None or not hmac.compare_digest(
        str(st.session_state.get(_SESSION_ACCOUNT, "")), account.fingerprint()
    ):
        # removed, or its password or role changed since: signed out
        st.session_state.pop(_SESSION_USER, None)
        st.session_state.pop(_SESSION_ACCOUNT, None)
        return None
    return user


def current_user() -> User:
    """The user of this session (anonymous viewer until someone signs in)."""
    return _oidc_user() or _proxy_user() or _local_user() or ANONYMOUS


def may(role: str) -> bool:
    return current_user().holds(role)


# --- signing in -----------------------------------------------------------------------


def _minutes(seconds: float) -> int:
    return max(1, ceil(seconds / 60))


def _refusal_message(refusal: Refusal, now: float) -> str:
    left = max(refusal.until - now, 0)
    if refusal.locked:
        whose = "该账号" if refusal.key.startswith("account:") else "本机"
        return f"{whose}登录失败次数过多，已锁定，请 {_minutes(left)} 分钟后再试或联系管理员。"
    return f"登录尝试过于频繁，请 {max(1, ceil(left))} 秒后再试。"


def _check(account: Account | None, password: str) -> bool:
    if account is None:
        passwords.burn_time(password)
        return False
    if account.password_hash is not None:
        return passwords.verify_password(password, account.password_hash)
    given = hashlib.sha256(password.encode("utf-8")).digest()
    expected = hashlib.sha256((account.legacy_password or "").encode("utf-8")).digest()
    return hmac.compare_digest(given, expected)


def sign_in(name: str, password: str, now: float | None = None) -> str | None:
    """Check a local account's password; None on success (the session is signed in),
    else the Chinese message to show. Every attempt is throttled and logged."""
    now = time.time() if now is None else now
    name = _name(name)
    headers, peer = _request()
    client = client_address(headers, peer, _section("proxy").get("trusted") or [])
    account_key, client_key = f"account:{name.casefold()}", f"client:{client}"
    store = throttle()
    refusal = store.reserve([account_key, client_key], now)
    if refusal is not None:
        log.warning("sign-in refused for account %r from %s: %s until %.0f",
                    name, client, "locked" if refusal.locked else "waiting",
                    refusal.until)  # fmt: skip
        return _refusal_message(refusal, now)
    account = local_accounts().get(name)
    if _check(account, password):
        store.succeeded(account_key, client_key, now)
        st.session_state[_SESSION_USER] = User(account.name, account.role, "local")
        st.session_state[_SESSION_ACCOUNT] = account.fingerprint()
        log.info("signed in: account %r (%s) from %s", account.name, account.role, client)
        return None
    states = store.failed([account_key, client_key], now)
    worst = max(states, key=lambda s: (s.locked(now), s.next_at))
    log.warning("sign-in failed for account %r from %s: %s", name, client,
                ", ".join(f"{s.key} failures={s.failures} wait={s.next_at - now:.0f}s"
                          + (" LOCKED" if s.locked(now) else "") for s in states))  # fmt: skip
    if worst.locked(now):
        return "账号或密码不正确。" + _refusal_message(
            Refusal(worst.key, worst.locked_until, True), now
        )
    return f"账号或密码不正确，请 {max(1, ceil(worst.next_at - now))} 秒后再试。"


def sign_out() -> None:
    user = current_user()
    st.session_state.pop(_SESSION_USER, None)
    st.session_state.pop(_SESSION_ACCOUNT, None)
    log.info("signed out: %r (%s)", user.name, user.source)
    if user.source == "oidc":
        st.logout()


def _oidc_providers() -> list[str | None]:
    conf = _section("auth")
    if not conf:
        return []
    if "client_id" in conf:
        return [None]
    return [k for k, v in conf.items() if isinstance(v, dict) and "client_id" in v]


def sign_in_form(where: str) -> None:
    """The ways to sign in that are configured: OIDC buttons, the local account form."""
    providers = _oidc_providers()
    for provider in providers:
        label = "统一身份认证登录" if provider is None else f"{markdown_text(provider)} 登录"
        if st.button(label, key=f"signin_oidc_{where}_{provider or ''}"):
            st.login(provider)
    if not local_accounts():
        if not providers:
            st.caption("未配置登录方式，请联系管理员。")
        return
    with st.form(f"signin_{where}", border=where != "sidebar", clear_on_submit=True):
        name = st.text_input("账号", key=f"signin_name_{where}", max_chars=MAX_NAME)
        password = st.text_input(
            "密码", type="password", key=f"signin_password_{where}", max_chars=passwords.MAX_LENGTH
        )
        submitted = st.form_submit_button("登录")
    if submitted:
        message = sign_in(name, password)
        if message is None:
            st.rerun()
        st.error(message)


def sidebar_control() -> None:
    """A small 登录/退出 control in the sidebar: who is signed in, with which role."""
    user = current_user()
    with st.sidebar:
        if user is ANONYMOUS:
            if _oidc_providers() or local_accounts():
                with st.popover("登录", icon=":material/login:"):
                    sign_in_form("sidebar")
            return
        st.caption(f"已登录：{markdown_text(user.name)}（{ROLE_NAMES[user.role]}）")
        if user.source != "proxy" and st.button("退出", key="signout", type="tertiary"):
            sign_out()
            st.rerun()


def require_role(role: str) -> User:
    """Stop the page unless the current user holds `role`."""
    user = current_user()
    if user.holds(role):
        return user
    if user is ANONYMOUS:
        st.warning(f"此页面需要{ROLE_NAMES[role]}权限，请先登录。")
        sign_in_form("page")
    else:
        st.warning(
            f"此页面需要{ROLE_NAMES[role]}权限；当前账号 {markdown_text(user.name)}"
            f"（{ROLE_NAMES[user.role]}）无此权限。"
        )
    st.stop()
    raise AssertionError("unreachable: st.stop ends the run")


def locked_page(role: str, title: str, url_path: str, icon: str) -> st.Page:
    """A hidden stand-in for a page `role` may open, listed when this session may not.

    Without it, a link to the page (…/review) opened before signing in met Streamlit's
    English "Page not found" and was sent to 总览. The stand-in keeps the address and says
    in Chinese what is needed, with the sign-in form; once signed in, the rerun finds the
    real page at the same address. It draws nothing of the page itself.
    """

    def sign_in_first() -> None:
        st.page_link("pages/overview.py", label="返回总览", icon=":material/arrow_back:")
        require_role(role)

    sign_in_first.__name__ = f"locked_{url_path}"
    return st.Page(sign_in_first, title=title, url_path=url_path, icon=icon, visibility="hidden")
