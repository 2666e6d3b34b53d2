"""修改密码 (every logged-in user): the current password once, the new one twice.

The service answers with a new token (every earlier one stops working); this session takes it,
so the user stays logged in here and the cookie follows on the same run.
"""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiError
from ui.common import flash, show_flash
from ui.session import client, current_user, sign_in

user = current_user() or {}
st.title("修改密码")
show_flash("account")
st.caption(
    f"账号：{user.get('username', '')}。新密码至少 8 位，不能与用户名相同；"
    "修改后其他电脑和浏览器上的登录随即失效，本页保持登录。"
)

with st.form("change_password"):
    current = st.text_input("当前密码", type="password", key="pw_current")
    new = st.text_input("新密码（至少 8 位）", type="password", key="pw_new")
    again = st.text_input("再次输入新密码", type="password", key="pw_again")
    sent = st.form_submit_button("修改密码", type="primary")

if sent:
    if not current or not new:
        st.error("请填写当前密码和新密码")
    elif new != again:
        st.error("两次输入的新密码不一致")
    else:
        try:
            token = client().change_password(current, new)
        except ApiError as exc:
            st.error(exc.message)
        else:
            sign_in(token, user)
            flash("密码已修改；其他电脑和浏览器上的登录已失效", "account")
            st.rerun()
