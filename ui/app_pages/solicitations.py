"""约稿: solicitations and each asked unit's answer; reviewers ask units for pieces."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import pandas as pd
import streamlit as st

from ui.common import attempt, flash, load, office_today, show_flash, unit_names, when
from ui.names import ANSWERS
from ui.session import client, current_user

PAGE_SIZE = 20

api = client()
user = current_user() or {}
officer = user.get("role") == "officer"
st.title("约稿")
st.caption(
    "上级约稿：请在截止日期前报送（在“我的稿件”中新建稿件时选择对应约稿）；未报送或逾期按积分规则扣分"
    if officer
    else "向各单位约稿，查看各单位报送情况；未报送或逾期按积分规则扣分"
)
show_flash("solicitations")


def overview(rows: list[dict[str, Any]]) -> pd.DataFrame:
    records = []
    for s in rows:
        counts = dict.fromkeys(ANSWERS.values(), 0)
        for unit in s["units"]:
            counts[ANSWERS[unit["status"]]] += 1
        records.append(
            {
                "主题": s["topic"],
                "约稿刊物": s["outlet_name"] or "",
                "截止日期": s["due_on"],
                "逾期未齐": "是" if s["overdue"] else "",
                **counts,
                "说明": s["note"],
            }
        )
    return pd.DataFrame(records)


def answers(row: dict[str, Any]) -> None:
    records = [
        {
            "单位": u["unit_name"],
            "报送情况": ANSWERS[u["status"]],
            "稿件": f"#{u['draft_id']}" if u["draft_id"] else "",
            "报送日期": u["submitted_on"] or "",
        }
        for u in row["units"]
    ]
    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch")
    st.caption(f"发起于 {when(row['created_at'])}")


def create_form() -> None:
    units = unit_names(api)
    outlets = attempt(lambda: api.outlets(active_only=True)) or []
    outlet_names = {0: "（不指定）", **{o["id"]: o["name"] for o in outlets}}
    with st.form("new_solicitation", clear_on_submit=False):
        topic = st.text_input("约稿主题", key="sol_topic")
        outlet = st.selectbox("约稿刊物", list(outlet_names), format_func=outlet_names.get)
        due = st.date_input("截止日期", value=office_today() + timedelta(days=7))
        asked = st.multiselect(
            "约稿单位",
            list(units),
            format_func=units.get,
            key="sol_units",
            placeholder="请选择单位（可多选）",
            select_all=False,
        )
        note = st.text_area("说明（要求、字数等）")
        sent = st.form_submit_button("发起约稿", type="primary")
    if not sent:
        return
    if not topic.strip() or not asked:
        st.error("请填写约稿主题并选择至少一个单位")
        return
    payload = {
        "topic": topic,
        "outlet_id": outlet or None,
        "due_on": due.isoformat(),
        "unit_ids": asked,
        "note": note,
    }
    row = attempt(lambda: api.create_solicitation(payload))
    if row is not None:
        flash(f"已发起约稿“{row['topic']}”，共 {len(row['units'])} 个单位", "solicitations")
        st.rerun()


if not officer:
    with st.expander("发起约稿", expanded=False):
        create_form()

page = st.number_input("页码", min_value=1, step=1, key="solicitations_page")
result = load(lambda: api.solicitations((page - 1) * PAGE_SIZE, PAGE_SIZE))
pages = max(1, math.ceil(result["count"] / PAGE_SIZE))
st.caption(f"共 {result['count']} 项约稿 · 第 {page} / {pages} 页（截止日期由近及远）")
if not result["data"]:
    st.info("暂无约稿")
    st.stop()
st.dataframe(overview(result["data"]), hide_index=True, width="stretch")
for row in result["data"]:
    with st.expander(f"{row['topic']}（截止 {row['due_on']}）"):
        answers(row)
