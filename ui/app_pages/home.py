"""首页: who is logged in and what they can do."""

from __future__ import annotations

import streamlit as st

from ui.session import ROLE_NAMES, current_user

user = current_user() or {}
st.title("政务信息写作助手")
st.write(
    f"您好，{user.get('full_name') or user.get('username')}（{ROLE_NAMES.get(user.get('role'), '')}）"
)
st.markdown(
    "- **自检**：粘贴或上传稿件，查看分类、问题标注和标题建议\n- 左侧菜单按您的角色列出可用功能"
)
