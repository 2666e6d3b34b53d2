"""A page whose feature is not built yet."""

from __future__ import annotations

import streamlit as st

st.title("建设中")
st.info("该功能正在建设中。")
