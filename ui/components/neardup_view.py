"""Near-duplicate drafts for reviewers: the queue's 相似 column, the similar drafts side by side
and the 合报 / 重复 marks (make one, withdraw one with a reason)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, pick_id, when
from ui.names import MARKS, STATUSES


def similar_cell(row: dict[str, Any]) -> str:
    """Queue cell, short enough for the 1366 px table: the reviewers' marks first (合报 #12),
    else the most similar draft (#12 87%), else empty. The draft's detail gives the full labels."""
    marks = row.get("marks") or []
    if marks:
        return "；".join(f"{MARKS.get(m['kind'], m['kind'])} #{m['other_draft_id']}" for m in marks)
    similar = row.get("similar")
    return f"#{similar['draft_id']} {similar['similarity']:.0%}" if similar else ""


def neardup_panel(api: ApiClient, draft: dict[str, Any], flash_key: str) -> None:
    """Similar stored drafts and the marks of this one; compare two drafts side by side."""
    did = draft["id"]
    similar = attempt(lambda: api.similar(did)) or []
    marks = attempt(lambda: api.marks(did)) or []
    st.subheader("相似稿件")
    if marks:
        for m in marks:
            c1, c2 = st.columns([4, 1])
            note = f"（{m['note']}）" if m["note"] else ""
            c1.markdown(f"**{MARKS[m['kind']]}** · {m['label']}{note} · {when(m['created_at'])}")
            if c2.button("撤销标记", key=f"unmark_{did}_{m['id']}"):
                st.session_state["unmark"] = m["id"]
        _withdraw_form(api, marks, flash_key)
    if not similar:
        st.caption("库中没有与本稿相似的稿件")
        return
    options = {s["draft_id"]: s["label"] for s in similar}
    other_id = pick_id("对照查看", options, key=f"similar_{did}")
    if other_id is None:
        return
    other = attempt(lambda: api.draft(other_id))
    if other is None:
        return
    left, right = st.columns(2)
    for column, d in ((left, draft), (right, other)):
        with column:
            st.markdown(f"**#{d['id']} {d['title'] or '（无标题）'}**")
            st.caption(f"{d['unit_name']} · {STATUSES.get(d['status'], d['status'])}")
            st.text(d["body"])
    if any(m["other_draft_id"] == other_id for m in marks):
        return
    _mark_form(api, did, other, flash_key)


def _mark_form(api: ApiClient, did: int, other: dict[str, Any], flash_key: str) -> None:
    with st.form(f"mark_{did}_{other['id']}"):
        kind = st.radio(
            f"将本稿与 #{other['id']} 标记为",
            list(MARKS),
            format_func=lambda k: {"joint": "合报（同一篇稿件，积分在单位间分配）",
                                   "duplicate": "重复（本稿重复了对方稿件）"}[k],
            index=None,
            key=f"mark_kind_{did}_{other['id']}",
        )  # fmt: skip
        note = st.text_input("说明（可不填）", key=f"mark_note_{did}_{other['id']}")
        sent = st.form_submit_button("保存标记", key=f"mark_send_{did}_{other['id']}")
    if not sent:
        return
    if kind is None:
        st.error("请选择合报或重复")
        return
    mark = attempt(lambda: api.mark(did, other["id"], kind, note))
    if mark is not None:
        flash(f"稿件 #{did}：{mark['label']}", flash_key)
        st.rerun()


def _withdraw_form(api: ApiClient, marks: list[dict[str, Any]], flash_key: str) -> None:
    mark_id = st.session_state.get("unmark")
    mark = next((m for m in marks if m["id"] == mark_id), None)
    if mark is None:
        return
    with st.form(f"withdraw_mark_{mark_id}"):
        reason = st.text_input(f"撤销“{mark['label']}”的原因", key=f"unmark_reason_{mark_id}")
        sent = st.form_submit_button("确认撤销", key=f"unmark_send_{mark_id}")
    if sent and attempt(lambda: api.withdraw_mark(mark_id, reason)) is not None:
        st.session_state.pop("unmark", None)
        flash(f"已撤销标记：{mark['label']}", flash_key)
        st.rerun()
