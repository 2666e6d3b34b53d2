"""Which pages each role sees. Pages hold UI only; this file only routes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "app_pages"

# (file, title, icon, minimum role); None = anyone, logged in or not
PAGE_TABLE: list[tuple[str, str, str, str | None]] = [
    ("check.py", "自检", "🔍", None),
    ("my_drafts.py", "我的稿件", "📄", "officer"),
    ("queue.py", "审核队列", "📋", "reviewer"),
    ("adoptions.py", "采用登记", "🏅", "reviewer"),
    ("solicitations.py", "约稿", "📨", "officer"),
    ("scores.py", "积分排行", "📊", "officer"),
    ("settings.py", "设置", "⚙️", "admin"),
    ("models.py", "模型管理", "🧠", "admin"),
]

_RANK = {"officer": 1, "reviewer": 2, "admin": 3}


def build_pages(user: dict | None) -> dict[str, list]:
    rank = _RANK.get(user["role"], 0) if user else 0
    work = [
        st.Page(str(PAGES / f), title=t, icon=i, url_path=f.removesuffix(".py"))
        for f, t, i, minimum in PAGE_TABLE
        if minimum is None or rank >= _RANK[minimum]
    ]
    if not user:
        login = st.Page(str(PAGES / "login.py"), title="登录", icon="🔑", default=True)
        return {"账号": [login], "工具": work}
    home = st.Page(str(PAGES / "home.py"), title="首页", icon="🏠", default=True)
    return {"": [home], "工作": work}
