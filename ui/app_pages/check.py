"""自检: filled in by the classifier issue."""

from __future__ import annotations

import streamlit as st

st.title("建设中")
st.info("该功能正在建设中。")
