"""Which pages each role sees. Pages hold UI only; this file only routes.

Every page is registered for everyone so that a refresh or a deep link never meets Streamlit's
"Page not found": a page the user may not open is registered hidden and shows the login form
(not logged in) or a short refusal (logged in, other role) at its own address.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from ui.names import ROLES

PAGES = Path(__file__).resolve().parent / "app_pages"

# (file, title, icon, minimum role); None = anyone, logged in or not. Icons are Material
# Symbols, a font Streamlit serves itself: emoji showed as boxes on PCs without an emoji font
PAGE_TABLE: list[tuple[str, str, str, str | None]] = [
    ("check.py", "自检", ":material/search:", None),
    ("my_drafts.py", "我的稿件", ":material/description:", "officer"),
    ("queue.py", "审核队列", ":material/fact_check:", "reviewer"),
    ("adoptions.py", "采用登记", ":material/workspace_premium:", "reviewer"),
    ("solicitations.py", "约稿", ":material/mail:", "officer"),
    ("scores.py", "积分排行", ":material/leaderboard:", "officer"),
    ("settings.py", "设置", ":material/settings:", "admin"),
    ("models.py", "模型管理", ":material/model_training:", "admin"),
    ("account.py", "修改密码", ":material/key:", "officer"),
]

RANK = {"officer": 1, "reviewer": 2, "admin": 3}  # a role sees the pages of the roles below it


def _needs_login(title: str) -> Callable[[], None]:
    def show() -> None:
        from ui.components.login_view import login_form

        login_form(f"请先登录，再打开“{title}”")

    return show


def _refused(title: str, minimum: str) -> Callable[[], None]:
    def show() -> None:
        st.title(title)
        st.warning(f"“{title}”只对{ROLES[minimum]}及以上角色开放。请从左侧菜单选择其他页面。")

    return show


def build_pages(user: dict | None) -> dict[str, list]:
    rank = RANK.get(user["role"], 0) if user else 0
    work, hidden = [], []
    for file, title, icon, minimum in PAGE_TABLE:
        url = file.removesuffix(".py")
        if minimum is None or rank >= RANK[minimum]:
            work.append(st.Page(str(PAGES / file), title=title, icon=icon, url_path=url))
        else:
            show = _needs_login(title) if not user else _refused(title, minimum)
            hidden.append(st.Page(show, title=title, icon=icon, url_path=url, visibility="hidden"))
    if not user:
        login = st.Page(str(PAGES / "login.py"), title="登录", icon=":material/key:", default=True)
        home = st.Page(_needs_login("首页"), title="首页", url_path="home", visibility="hidden")
        return {"账号": [login, home], "工具": work + hidden}
    home = st.Page(str(PAGES / "home.py"), title="首页", icon=":material/home:", default=True)
    login = st.Page(
        lambda: st.switch_page(home), title="登录", url_path="login", visibility="hidden"
    )
    return {"": [home, login], "工作": work + hidden}
