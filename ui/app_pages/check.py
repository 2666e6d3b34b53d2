"""自检: paste or upload a draft, see its category, flags and headline ideas."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiError
from ui.render import report_view
from ui.session import client

st.title("自检")
st.caption("粘贴稿件或上传 .docx / .txt，查看分类、问题标注和标题建议")

upload = st.file_uploader("上传稿件", type=["docx", "txt"])
title = st.text_input("标题", key="check_title")
body = st.text_area("正文", height=260, key="check_body")

if st.button("检查", type="primary"):
    api = client()
    try:
        if upload is not None:
            files = {"file": (upload.name, upload.getvalue())}
            report = api.post_raw("/api/v1/check/docx", files=files).json()
            title, body = report["source"]["title"], report["source"]["body"]
            annotated = api.post_raw("/api/v1/check/docx?annotate=true", files=files).content
        elif not body.strip():
            st.error("请输入正文或上传文件")
            st.stop()
        else:
            report = api.post("/api/v1/check", {"title": title, "body": body})
            annotated = api.post_raw(
                "/api/v1/check?annotate=true", json={"title": title, "body": body}
            ).content
        st.session_state["check_result"] = (title, body, report)
        st.session_state["check_annotated"] = annotated
    except ApiError as exc:
        st.error(exc.message)
        st.session_state.pop("check_result", None)

if "check_result" in st.session_state:
    report_view(*st.session_state["check_result"])
    st.download_button(
        "下载带批注的 Word 文档",
        st.session_state.get("check_annotated", b""),
        file_name="稿件（批注）.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
