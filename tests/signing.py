"""Signing in through the dashboard's own form in an AppTest (what a user types and clicks)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def sign_in(at: AppTest, name: str, password: str, where: str = "sidebar") -> AppTest:
    """Fill 账号 and 密码 of the sign-in form (`sidebar` popover or the `page`'s) and submit."""
    at.text_input(key=f"signin_name_{where}").input(name)
    at.text_input(key=f"signin_password_{where}").input(password)
    form = f"signin_{where}"
    [button] = [b for b in at.button if b.label == "登录" and b.form_id == form]
    button.click().run()
    return at


def sidebar_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption]
