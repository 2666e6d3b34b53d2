"""Entrypoint: a router that shows pages by role (st.navigation)."""

from __future__ import annotations

import streamlit as st

from ui.names import ROLES
from ui.navigation import build_pages
from ui.session import current_user, logout, sync_browser

st.set_page_config(page_title="政务信息写作助手", page_icon="📝", layout="wide")
# Streamlit has no parameter for the uploader's own words (button "Upload", "200MB per file");
# streamlit/streamlit#13500 asks for one. Until then the English is hidden by CSS and Chinese put
# in its place; every uploader here takes .docx/.txt up to server.maxUploadSize (10 MB).
st.html(
    """<style>
[data-testid="stFileUploaderDropzone"] button {font-size: 0;}
[data-testid="stFileUploaderDropzone"] button > * {display: none;}
[data-testid="stFileUploaderDropzone"] button::after {content: "选择文件"; font-size: 0.9rem;}
[data-testid="stFileUploaderDropzoneInstructions"] > * {display: none;}
[data-testid="stFileUploaderDropzoneInstructions"]::after {
  content: "或把文件拖到这里 · .docx / .txt，不超过 10 MB"; font-size: 0.85rem; opacity: 0.7;}
[data-testid="stStatusWidget"] {display: none;}
</style>"""
)

user = current_user()
pages = build_pages(user)
if user:
    with st.sidebar:
        st.write(f"**{user.get('full_name') or user['username']}** · {ROLES[user['role']]}")
        if st.button("退出登录"):
            logout()
            st.rerun()
# st.navigation first: it tells the browser which page this is, so a rerun the browser bridge
# asks for at once (putting back unsaved text after a refresh) reruns this page, not the home page
page = st.navigation(pages)
sync_browser()
page.run()
