"""采用登记: record where a passed draft was adopted (采用) and leader instructions (批示)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.common import (
    attempt,
    category_name,
    flash,
    load,
    office_today,
    pick_id,
    show_flash,
    unit_names,
)
from ui.components.corrections_view import corrections_section
from ui.components.drafts_view import adoptions_frame, scoring_records
from ui.names import LEADER_LEVELS, OUTLET_LEVELS
from ui.session import client

api = client()
today = office_today()
st.title("采用登记")
st.caption(
    "为通过审核的稿件登记刊物采用和领导批示；分值按当日生效的积分规则计算并保存，以后改规则也不变"
)
show_flash("adoptions")


def pick_draft() -> dict[str, Any] | None:
    passed = load(lambda: api.drafts("passed", 0, 200))["data"]
    options = {d["id"]: f"#{d['id']} {d['title']} · {d['unit_name']}" for d in passed}
    if not options:
        st.info("还没有通过审核的稿件")
        return None
    chosen = pick_id("稿件（最近通过审核的 200 篇）", options, key="adopt_draft")
    return next(d for d in passed if d["id"] == chosen)


def adoption_form(draft: dict[str, Any], rules: dict[str, Any], units: dict[int, str]) -> None:
    did = draft["id"]
    outlets = load(lambda: api.outlets(active_only=True))
    if not outlets:
        st.warning("还没有可用的刊物，请管理员在“设置”中添加")
        return
    names = {o["id"]: f"{o['name']}（{OUTLET_LEVELS[o['level']]}）" for o in outlets}
    outlet_id = st.selectbox("采用刊物", list(names), format_func=names.get, key="adopt_outlet")
    adopted_on = st.date_input("采用日期", value=today, max_value=today, key="adopt_date")
    forms = {k: f"{v['name']}（×{v['factor']:g}）" for k, v in rules["forms"].items()}
    form = st.selectbox("采用形式", list(forms), format_func=forms.get, key="adopt_form")
    types = {"": "按稿件分类（约稿稿件计为约稿）", **rules["info_types"]}
    info_type = st.selectbox("信息类型", list(types), format_func=types.get, key="adopt_info_type")
    forwarding = {"": "不转报"}
    forwarding |= {k: f"转报{OUTLET_LEVELS[k]}（×{v:g}）" for k, v in rules["forwarding"].items()}
    forwarded = st.selectbox(
        "转报", list(forwarding), format_func=forwarding.get, key="adopt_forward"
    )
    partners = {u: n for u, n in units.items() if u != draft["unit_id"]}
    joint = st.multiselect(
        "合报单位",
        list(partners),
        format_func=partners.get,
        key="adopt_joint",
        placeholder="请选择（可多选）",
        select_all=False,
    )
    shares = {}
    for unit_id in joint:
        shares[unit_id] = st.number_input(
            f"{partners[unit_id]} 分得比例（%，0 = 按规则分配）",
            min_value=0,
            max_value=99,
            step=5,
            key=f"adopt_share_{unit_id}",
        )
    if not st.button("登记采用", type="primary", key="adopt_submit"):
        return
    payload = {
        "outlet_id": outlet_id,
        "adopted_on": adopted_on.isoformat(),
        "form": form,
        "info_type": info_type or None,
        "forwarded_to": forwarded or None,
        "joint_units": [{"unit_id": u, "share": (shares[u] / 100) or None} for u in joint],
    }
    row = attempt(lambda: api.adopt(did, payload))
    if row is not None:
        flash(
            f"已登记“{row['outlet_name']}”采用，得分 {row['points']:g} 分。{row['note']}",
            "adoptions",
        )
        st.rerun()


def instruction_form(draft: dict[str, Any]) -> None:
    did = draft["id"]
    with st.form("instruction"):
        level = st.selectbox(
            "批示领导", list(LEADER_LEVELS), format_func=LEADER_LEVELS.get, key="ins_level"
        )
        on = st.date_input("批示日期", value=today, max_value=today)
        text = st.text_area("批示内容", key="ins_text")
        sent = st.form_submit_button("登记批示", type="primary")
    if not sent:
        return
    payload = {"leader_level": level, "instructed_on": on.isoformat(), "text": text}
    row = attempt(lambda: api.instruct(did, payload))
    if row is not None:
        flash(f"已登记批示，得分 {row['points']:g} 分。{row['note']}", "adoptions")
        st.rerun()


rules = load(api.rule_in_force)["rules"]
draft = pick_draft()
if draft is not None:
    category = category_name(draft["confirmed_category"] or draft["predicted_category"])
    st.caption(f"{draft['unit_name']} · {category}")
    left, right = st.columns(2)
    with left:
        st.subheader("登记采用")
        adoption_form(draft, rules, unit_names(api))
    with right:
        st.subheader("登记批示")
        instruction_form(draft)
    scoring_records(api, draft["id"])
    corrections_section(api, draft, rules)

st.subheader("最近的采用记录")
recent = load(lambda: api.adoptions(limit=20))
if recent["data"]:
    st.dataframe(adoptions_frame(recent["data"], rules), hide_index=True, width="stretch")
else:
    st.caption("暂无采用记录")
