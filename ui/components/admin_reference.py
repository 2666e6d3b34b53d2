"""设置 › 单位、用户、刊物: reference data an admin manages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient, ApiError
from ui.common import attempt, flash, pick_id, when
from ui.names import OUTLET_LEVELS, ROLES, UNIT_KINDS


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


def users_section(api: ApiClient, me: dict) -> None:
    units = {u["id"]: u["name"] for u in attempt(api.units) or []}
    users = (attempt(api.users) or {}).get("data", [])
    rows = [
        {
            "用户名": u["username"],
            "姓名": u["full_name"],
            "角色": ROLES.get(u["role"], u["role"]),
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
        role = c2.selectbox("角色", list(ROLES), format_func=ROLES.get, key="user_role")
        unit_id = st.selectbox(
            "单位", list(unit_options), format_func=unit_options.get, key="user_unit"
        )
        sent = st.form_submit_button("新增用户")
    if sent:
        create_user(api, username, full_name, password, role, unit_id)
    if users:
        manage_users(api, users, units, me)


def create_user(
    api: ApiClient, username: str, full_name: str, password: str, role: str, unit_id: int
) -> None:
    payload = {
        "username": username.strip(),
        "full_name": full_name.strip(),
        "password": password,
        "role": role,
        "unit_id": unit_id or None,
    }
    if attempt(lambda: api.create_user(payload)) is not None:
        done(f"已新增用户“{payload['username']}”")


def user_label(user: dict) -> str:
    state = "启用" if user["active"] else "已停用"
    locked = " · 登录已锁定" if user.get("locked") else ""
    name = f"（{user['full_name']}）" if user["full_name"] else ""
    return f"{user['username']}{name} · {ROLES.get(user['role'], user['role'])} · {state}{locked}"


def manage_users(api: ApiClient, users: list[dict], units: dict[int, str], me: dict) -> None:
    """An admin edits one account: role, unit, name, active; resets its password; unlocks it."""
    st.markdown("**管理账号**（修改角色、单位、姓名，停用或启用，重置密码，解除登录锁定）")
    if shown := st.session_state.pop("generated_password", None):
        st.warning(f"“{shown[0]}”的新密码（只显示这一次，请当面或电话告知本人）：")
        st.code(shown[1], language=None)
    uid = pick_id("选择用户", {u["id"]: user_label(u) for u in users}, key="account_pick")
    target = next((u for u in users if u["id"] == uid), None)
    if target is None:
        return
    roles, unit_options = list(ROLES), {0: "（不属于单位）", **units}
    with st.form(f"edit_user_{uid}"):
        c1, c2 = st.columns(2)
        full_name = c1.text_input("姓名", value=target["full_name"], key=f"acct_name_{uid}")
        role = c2.selectbox(
            "角色", roles, index=roles.index(target["role"]), format_func=ROLES.get,
            key=f"acct_role_{uid}",
        )  # fmt: skip
        unit_keys = list(unit_options)
        unit_id = c1.selectbox(
            "单位", unit_keys, index=unit_keys.index(target["unit_id"] or 0),
            format_func=unit_options.get, key=f"acct_unit_{uid}",
        )  # fmt: skip
        active = c2.checkbox("启用", value=target["active"], key=f"acct_active_{uid}")
        confirm = st.checkbox(
            "确认停用：该账号的登录立即失效，不能再登录（稿件和记录保留）",
            key=f"acct_confirm_{uid}",
        )
        saved = st.form_submit_button("保存账号修改")
    if saved:
        if uid == me.get("id") and not active:
            st.error("不能停用自己正在使用的账号：请由另一位管理员操作")
        else:
            save_user(api, target, full_name.strip(), role, unit_id or None, active, confirm)
    if target["locked"] and st.button("解除登录锁定", key=f"acct_unlock_{uid}"):
        if attempt(lambda: api.unlock_user(uid)) is not None:
            done(f"已解除“{target['username']}”的登录锁定")
    if uid == me.get("id"):
        st.caption("修改自己的密码请用左侧“修改密码”页")
        return
    with st.form(f"reset_password_{uid}"):
        new = st.text_input(
            "新密码（留空则自动生成一个）", type="password", key=f"acct_password_{uid}"
        )
        reset = st.form_submit_button("重置密码")
    if reset:
        try:
            generated = api.reset_password(uid, new or None)
        except ApiError as exc:
            st.error(exc.message)
            return
        if generated is not None:
            st.session_state["generated_password"] = (target["username"], generated)
        done(f"已重置“{target['username']}”的密码；其原有登录已失效")


def save_user(
    api: ApiClient,
    target: dict,
    full_name: str,
    role: str,
    unit_id: int | None,
    active: bool,
    confirm: bool,
) -> None:
    wanted = {"full_name": full_name, "role": role, "unit_id": unit_id, "active": active}
    changes = {k: v for k, v in wanted.items() if v != target[k]}
    if not changes:
        st.info("没有修改")
        return
    if changes.get("active") is False and not confirm:
        st.error("停用账号前请勾选“确认停用”")
        return
    if attempt(lambda: api.update_user(target["id"], changes)) is not None:
        done(f"已保存“{target['username']}”的账号修改")


def outlets_section(api: ApiClient) -> None:
    outlets = attempt(api.outlets) or []
    rows = [
        {
            "编号": o["id"],
            "名称": o["name"],
            "级别": OUTLET_LEVELS[o["level"]],
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
            "级别", list(OUTLET_LEVELS), format_func=OUTLET_LEVELS.get, key="outlet_level"
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
    levels = list(OUTLET_LEVELS)
    with st.form(f"edit_outlet_{oid}"):
        name = st.text_input("名称", value=outlet["name"])
        level = st.selectbox(
            "级别", levels, index=levels.index(outlet["level"]), format_func=OUTLET_LEVELS.get
        )
        active = st.checkbox("启用", value=outlet["active"], key=f"outlet_active_{oid}")
        saved = st.form_submit_button("保存修改")
    if saved:
        changes = {"name": name.strip(), "level": level, "active": active}
        if attempt(lambda: api.update_outlet(oid, changes)) is not None:
            done(f"已保存刊物“{name.strip()}”")
    sure = st.checkbox(f"确认删除“{outlet['name']}”（不能恢复）", key=f"delete_outlet_sure_{oid}")
    if st.button("删除该刊物", key=f"delete_outlet_{oid}", disabled=not sure) and attempt(
        lambda: api.delete_outlet(oid)
    ):
        done(f"已删除刊物“{outlet['name']}”")
