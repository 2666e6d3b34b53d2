"""The login form, shown by the 登录 page and in place of any page that needs a login."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiClient, ApiError
from ui.session import sign_in


def login_form(notice: str | None = None) -> None:
    st.title("政务信息写作助手")
    st.caption("govbrief · 登录后可提交稿件、审核和查看积分；自检无需登录")
    notice = st.session_state.pop("session_notice", None) or notice
    if notice:
        st.info(notice)
    with st.form("login"):
        username = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if not submitted:
        return
    if not username or not password:
        st.error("请输入用户名和密码")
        return
    api = ApiClient()
    try:
        token = api.login(username, password)
        sign_in(token, api.me())
    except ApiError as exc:
        st.error(exc.message)
        return
    st.rerun()  # the same address now opens the page asked for
