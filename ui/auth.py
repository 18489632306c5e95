"""Who is using the dashboard, and what they may do (DESIGN.md "Users and roles").

Roles, each including the one before: viewer (sees the dashboard), reviewer (also records
verdicts on the 核实 page), admin (also imports notices on 导入).

This module is the one interface pages use:

- `current_user()` → the signed-in `User`, or the anonymous viewer;
- `require_role(role)` → the user when they hold `role`; otherwise the page shows a Chinese
  message (and a sign-in form where one applies) and stops;
- `may(role)` → whether the current user holds `role` (for navigation and buttons).

Identity sources, in order of preference (filled in by the sign-in work of issue 11):
Streamlit's OIDC login when `[auth]` is configured in secrets; a trusted reverse proxy's
user header when configured; local accounts in `.streamlit/secrets.toml` with salted hashes.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

ROLES = ("viewer", "reviewer", "admin")
ROLE_NAMES = {"viewer": "浏览", "reviewer": "核实员", "admin": "管理员"}
_SESSION_USER = "_auth_user"


@dataclass(frozen=True)
class User:
    name: str
    role: str  # one of ROLES
    source: str = "anonymous"  # "oidc" | "proxy" | "local" | "anonymous"

    def holds(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


ANONYMOUS = User("访客", "viewer")


def current_user() -> User:
    """The user of this session (anonymous viewer until someone signs in)."""
    user = st.session_state.get(_SESSION_USER)
    return user if isinstance(user, User) and user.role in ROLES else ANONYMOUS


def may(role: str) -> bool:
    return current_user().holds(role)


def require_role(role: str) -> User:
    """Stop the page unless the current user holds `role`."""
    user = current_user()
    if user.holds(role):
        return user
    st.warning(f"此页面需要{ROLE_NAMES[role]}权限，请先登录。")
    st.stop()
    raise AssertionError("unreachable: st.stop ends the run")
