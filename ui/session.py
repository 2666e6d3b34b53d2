"""Login state kept in st.session_state."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiClient

ROLE_NAMES = {"officer": "信息员", "reviewer": "审核员", "admin": "管理员"}


def client() -> ApiClient:
    return ApiClient(st.session_state.get("token"))


def current_user() -> dict | None:
    return st.session_state.get("user")


def logout() -> None:
    for key in ("token", "user"):
        st.session_state.pop(key, None)
