"""自检: paste or upload a draft; a review pane with a summary, grouped flags, 定位/采纳/忽略."""

from __future__ import annotations

import streamlit as st

from ui.api_client import ApiError
from ui.components.render import category_panel
from ui.components.review_pane import (
    apply_item,
    flag_list,
    jump,
    marked_text,
    merge_flags,
    summary_card,
)
from ui.session import client

KEY = "check"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _upload_key() -> str:
    return f"check_upload_{st.session_state.get('check_upload_n', 0)}"


def load_upload() -> None:
    """An uploaded file is checked and its text put into the boxes: one text, never two."""
    upload = st.session_state.get(_upload_key())
    if upload is None:
        return
    st.session_state["check_upload_n"] = st.session_state.get("check_upload_n", 0) + 1
    try:
        files = {"file": (upload.name, upload.getvalue())}
        report = client().post_raw("/api/v1/check/docx", files=files).json()
    except ApiError as exc:
        st.session_state["check_error"] = exc.message
        return
    title, body = report["source"]["title"], report["source"]["body"]
    st.session_state["check_title"], st.session_state["check_body"] = title, body
    keep(title, body, report)
    st.session_state["check_notice"] = f"已载入“{upload.name}”并检查；可在下方直接修改"


def keep(title: str, body: str, report: dict) -> None:
    st.session_state["check_result"] = (title, body, report)
    st.session_state["check_ignored"] = []
    st.session_state.pop(f"{KEY}_focus", None)


def run_check(title: str, body: str) -> None:
    if not body.strip():
        st.error("请输入正文或上传文件")
        return
    with st.status(f"正在检查（{len(body)} 字）：分类、数字、敏感内容、写法…", expanded=False) as s:
        try:
            report = client().post("/api/v1/check", {"title": title, "body": body})
        except ApiError as exc:
            s.update(label="检查未完成", state="error")
            st.error(exc.message)
            return
        s.update(label="检查完成", state="complete")
    keep(title, body, report)


def apply(item: dict) -> None:
    title, body, report = st.session_state["check_result"]
    body, report = apply_item(body, report, item)
    st.session_state["check_body"] = body
    st.session_state["check_result"] = (title, body, report)
    st.session_state.pop(f"{KEY}_focus", None)
    st.session_state["check_notice"] = f"已采纳：改为“{item['replacement']}”"


def ignore(item: dict) -> None:
    ignored = st.session_state.setdefault("check_ignored", [])
    ignored.extend([f["rule"], f["text"]] for f in item["members"])
    st.session_state["check_notice"] = (
        "已忽略该提示（本次检查有效；保存为稿件后可在“我的稿件”中长期忽略）"
    )


def use_headline(text: str) -> None:
    st.session_state["check_title"] = text


st.title("自检")
st.caption("粘贴稿件或上传 .docx / .txt（不超过 10 MB），查看问题、逐条定位、采纳修改建议")
for key, show in (("check_error", st.error), ("check_notice", st.success)):
    if message := st.session_state.pop(key, None):
        show(message)

result = st.session_state.get("check_result")
editor, pane = st.columns([3, 2], gap="medium")
with editor:
    st.file_uploader(
        "上传稿件（.docx 或 .txt，不超过 10 MB；内容载入下方文本框）",
        type=["docx", "txt"],
        key=_upload_key(),
        on_change=load_upload,
    )
    title = st.text_input("标题", key="check_title")
    body = st.text_area("正文", height=300, key="check_body")
    if st.button("检查", type="primary"):
        run_check(title, body)
        result = st.session_state.get("check_result")

if result is None:
    st.stop()

checked_title, checked_body, report = result
stale = (checked_title, checked_body) != (title, body)
ignored = {tuple(x) for x in st.session_state.get("check_ignored", [])}
flags = [f for f in report.get("flags", []) if (f["rule"], f["text"]) not in ignored]
items = merge_flags(flags, {"title": checked_title, "body": checked_body})

with pane:
    if stale:
        st.warning("正文或标题已修改，以下结果已过期，请重新检查")
    summary_card(items, report)
    with st.container(height=520):
        flag_list(items, KEY, stale=stale, on_apply=apply, on_ignore=ignore)
        if report.get("headlines"):
            st.markdown("**标题建议**")
            for n, h in enumerate(report["headlines"]):
                a, b = st.columns([3, 2])
                a.markdown(h["text"])
                b.button("用作标题", key=f"headline_{n}", on_click=use_headline, args=(h["text"],))

with editor:
    focus = None if stale else jump(KEY, items)
    marked_text(checked_title, checked_body, items, focus, stale)
    if not stale:
        api = client()
        payload = {"title": checked_title, "body": checked_body}
        st.download_button(
            "下载带批注的 Word 文档",
            lambda: api.post_raw("/api/v1/check?annotate=true", json=payload).content,
            file_name="稿件（批注）.docx",
            mime=DOCX,
        )
    with st.expander("分类依据"):
        category_panel(report.get("category"))
