"""登录页."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiClient, ApiError

st.title("政务信息写作助手")
st.caption("govbrief · 登录后可提交稿件、审核和查看积分；自检无需登录")

with st.form("login"):
    username = st.text_input("用户名")
    password = st.text_input("密码", type="password")
    submitted = st.form_submit_button("登录", type="primary")

if submitted:
    if not username or not password:
        st.error("请输入用户名和密码")
    else:
        client = ApiClient()
        try:
            token = client.login(username, password)
            st.session_state["token"] = token
            st.session_state["user"] = client.me()
            st.rerun()
        except ApiError as exc:
            st.error(exc.message)
