"""设置 › 领导信息: the leaders' table the checks compare drafts with (RULES.md §4.5).

A change of post is a new row; a term that ended keeps its row with its last day (任期至),
so a draft naming the leader after that day is flagged. Checks see changes within seconds.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, office_today, pick_id

LEVELS = ["", "国家级", "省级", "市级", "县级", "乡镇级"]


def _done(message: str) -> None:
    flash(message, "settings")
    st.rerun()


def _term(row: dict) -> str:
    start, end = row["valid_from"] or "", row["valid_to"] or ""
    if not start and not end:
        return "长期"
    return f"{start or '…'} 至 {end or '今'}"


def _state(row: dict, today: date) -> str:
    if row["valid_to"] and date.fromisoformat(row["valid_to"]) < today:
        return "已卸任"
    if row["valid_from"] and date.fromisoformat(row["valid_from"]) > today:
        return "未到任"
    return "在任"


def leaders_section(api: ApiClient) -> None:
    st.caption(
        "稿件检查据此核对领导姓名与职务、排序，以及已卸任领导的称谓。职务变动请新增一行，"
        "原任职务填写任期结束日期；修改几秒内生效，无需重启。"
    )
    leaders = attempt(api.leaders) or []
    today = office_today()
    rows = [
        {
            "排序": x["sort_order"],
            "姓名": x["name"],
            "职务": x["post"],
            "级别": x["level"],
            "任期": _term(x),
            "状态": _state(x, today),
        }
        for x in leaders
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.info("领导信息表为空：检查不核对领导姓名和职务")
    _new_leader(api, leaders)
    if leaders:
        _edit_leader(api, leaders, today)


def _new_leader(api: ApiClient, leaders: list[dict]) -> None:
    with st.form("new_leader"):
        st.markdown("**新增领导**")
        c1, c2 = st.columns(2)
        name = c1.text_input("姓名", key="leader_name")
        post = c2.text_input("职务（如 县长、县委书记）", key="leader_post")
        level = c1.selectbox("级别", LEVELS, format_func=lambda v: v or "（不填）",
                             key="leader_level")  # fmt: skip
        order = c2.number_input("排序（小者在前）", min_value=0, step=1,
                                value=len(leaders) + 1, key="leader_order")  # fmt: skip
        start = c1.date_input("任期开始（可不填）", value=None, key="leader_from")
        end = c2.date_input("任期结束（可不填）", value=None, key="leader_to")
        sent = st.form_submit_button("新增领导", key="leader_add")
    if not sent:
        return
    payload = _fields(name, post, level, order, start, end)
    if attempt(lambda: api.create_leader(payload)) is not None:
        _done(f"已新增领导“{payload['post']}{payload['name']}”")


def _fields(
    name: str, post: str, level: str, order: float, start: date | None, end: date | None
) -> dict:
    """A leader form's values as the API takes them (new and edited leaders alike)."""
    return {
        "name": name.strip(),
        "post": post.strip(),
        "level": level,
        "sort_order": int(order),
        "valid_from": start.isoformat() if start else None,
        "valid_to": end.isoformat() if end else None,
    }


def _edit_leader(api: ApiClient, leaders: list[dict], today: date) -> None:
    st.markdown("**修改或卸任**")
    options = {x["id"]: f"{x['post']} {x['name']}（{_state(x, today)}）" for x in leaders}
    lid = pick_id("选择领导", options, key="leader_edit")
    row = next(x for x in leaders if x["id"] == lid)
    levels = LEVELS if row["level"] in LEVELS else [*LEVELS, row["level"]]
    with st.form(f"edit_leader_{lid}"):
        c1, c2 = st.columns(2)
        name = c1.text_input("姓名", value=row["name"])
        post = c2.text_input("职务", value=row["post"])
        level = c1.selectbox("级别", levels, index=levels.index(row["level"]),
                             format_func=lambda v: v or "（不填）")  # fmt: skip
        order = c2.number_input("排序", min_value=0, step=1, value=row["sort_order"])
        start = c1.date_input("任期开始", value=_day(row["valid_from"]), key=f"lf_{lid}")
        end = c2.date_input("任期结束", value=_day(row["valid_to"]), key=f"lt_{lid}")
        saved = st.form_submit_button("保存领导信息", key=f"leader_save_{lid}")
    if saved:
        changes = _fields(name, post, level, order, start, end)
        if attempt(lambda: api.update_leader(lid, changes)) is not None:
            _done(f"已保存“{changes['post']}{changes['name']}”")
    c1, c2 = st.columns(2)
    if not row["valid_to"] and c1.button("今日卸任", key=f"end_leader_{lid}"):
        ended = {"valid_to": today.isoformat()}
        if attempt(lambda: api.update_leader(lid, ended)) is not None:
            _done(f"“{row['post']}{row['name']}”任期至 {today.isoformat()}")
    sure = c2.checkbox("确认删除（不能恢复）", key=f"delete_leader_sure_{lid}")
    if c2.button("删除（仅限录入错误）", key=f"delete_leader_{lid}", disabled=not sure) and attempt(
        lambda: api.delete_leader(lid)
    ):
        _done(f"已删除“{row['post']}{row['name']}”")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
