"""设置 › 单位、用户、刊物: reference data an admin manages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import LEVEL_NAMES, ROLE_NAMES, UNIT_KINDS, attempt, flash, pick_id, when


def done(message: str) -> None:
    flash(message, "settings")
    st.rerun()


def units_section(api: ApiClient) -> None:
    units = attempt(api.units) or []
    rows = [
        {
            "编号": u["id"],
            "名称": u["name"],
            "类型": UNIT_KINDS.get(u["kind"], u["kind"]),
            "状态": "启用" if u["active"] else "停用",
        }
        for u in units
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    with st.form("new_unit"):
        st.markdown("**新增单位**")
        name = st.text_input("单位名称", key="unit_name")
        kind = st.selectbox("类型", list(UNIT_KINDS), format_func=UNIT_KINDS.get, key="unit_kind")
        sent = st.form_submit_button("新增单位")
    if sent and attempt(lambda: api.create_unit(name.strip(), kind)) is not None:
        done(f"已新增单位“{name.strip()}”")


def users_section(api: ApiClient) -> None:
    units = {u["id"]: u["name"] for u in attempt(api.units) or []}
    users = (attempt(api.users) or {}).get("data", [])
    rows = [
        {
            "用户名": u["username"],
            "姓名": u["full_name"],
            "角色": ROLE_NAMES.get(u["role"], u["role"]),
            "单位": units.get(u["unit_id"], ""),
            "状态": "启用" if u["active"] else "停用",
            "最近登录": when(u["last_login_at"]),
        }
        for u in users
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    unit_options = {0: "（不属于单位）", **units}
    with st.form("new_user"):
        st.markdown("**新增用户**（信息员必须属于一个单位）")
        c1, c2 = st.columns(2)
        username = c1.text_input("用户名", key="user_username")
        full_name = c2.text_input("姓名", key="user_full_name")
        password = c1.text_input("初始密码（至少 8 位）", type="password", key="user_password")
        role = c2.selectbox("角色", list(ROLE_NAMES), format_func=ROLE_NAMES.get, key="user_role")
        unit_id = st.selectbox(
            "单位", list(unit_options), format_func=unit_options.get, key="user_unit"
        )
        sent = st.form_submit_button("新增用户")
    if not sent:
        return
    payload = {
        "username": username.strip(),
        "full_name": full_name.strip(),
        "password": password,
        "role": role,
        "unit_id": unit_id or None,
    }
    if attempt(lambda: api.create_user(payload)) is not None:
        done(f"已新增用户“{payload['username']}”")


def outlets_section(api: ApiClient) -> None:
    outlets = attempt(api.outlets) or []
    rows = [
        {
            "编号": o["id"],
            "名称": o["name"],
            "级别": LEVEL_NAMES[o["level"]],
            "状态": "启用" if o["active"] else "停用",
        }
        for o in outlets
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.info("还没有刊物：采用登记前请先添加")
    with st.form("new_outlet"):
        st.markdown("**新增刊物**")
        name = st.text_input("刊物名称", key="outlet_name")
        level = st.selectbox(
            "级别", list(LEVEL_NAMES), format_func=LEVEL_NAMES.get, key="outlet_level"
        )
        sent = st.form_submit_button("新增刊物")
    if sent and attempt(lambda: api.create_outlet(name.strip(), level)) is not None:
        done(f"已新增刊物“{name.strip()}”")
    if outlets:
        edit_outlet(api, outlets)


def edit_outlet(api: ApiClient, outlets: list[dict]) -> None:
    st.markdown("**修改刊物**（已有采用的刊物不能删除，可停用）")
    options = {o["id"]: o["name"] for o in outlets}
    oid = pick_id("选择刊物", options, key="outlet_edit")
    outlet = next(o for o in outlets if o["id"] == oid)
    levels = list(LEVEL_NAMES)
    with st.form(f"edit_outlet_{oid}"):
        name = st.text_input("名称", value=outlet["name"])
        level = st.selectbox(
            "级别", levels, index=levels.index(outlet["level"]), format_func=LEVEL_NAMES.get
        )
        active = st.checkbox("启用", value=outlet["active"], key=f"outlet_active_{oid}")
        saved = st.form_submit_button("保存修改")
    if saved:
        changes = {"name": name.strip(), "level": level, "active": active}
        if attempt(lambda: api.update_outlet(oid, changes)) is not None:
            done(f"已保存刊物“{name.strip()}”")
    if st.button("删除该刊物", key=f"delete_outlet_{oid}") and attempt(
        lambda: api.delete_outlet(oid)
    ):
        done(f"已删除刊物“{outlet['name']}”")
