"""采用登记 › 更正或撤销: a wrongly entered adoption (采用) or 批示 is corrected (entered again
as it should have been, points computed afresh) or withdrawn, always with a reason; the
service keeps both versions in the audit log and the scoreboard follows."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, office_today, pick_id
from ui.names import CORRECTION_ACTIONS, LEADER_LEVELS, OUTLET_LEVELS


def corrections_section(api: ApiClient, draft: dict[str, Any], rules: dict[str, Any]) -> None:
    did = draft["id"]
    adoptions = attempt(lambda: api.draft_adoptions(did)) or []
    instructions = attempt(lambda: api.draft_instructions(did)) or []
    if not adoptions and not instructions:
        return
    st.subheader("更正或撤销")
    st.caption("录入有误时使用：须填写原因，原记录与更正后的记录都留在审计日志中，积分随之调整")
    records: dict[str, tuple[str, dict[str, Any]]] = {}
    for a in adoptions:
        label = f"采用 · {a['adopted_on']} · {a['outlet_name']} · {a['points']:g} 分"
        records[f"a{a['id']}"] = ("adoption", a | {"_label": label})
    for i in instructions:
        level = LEADER_LEVELS.get(i["leader_level"], i["leader_level"])
        label = f"批示 · {i['instructed_on']} · {level} · {i['points']:g} 分"
        records[f"i{i['id']}"] = ("instruction", i | {"_label": label})
    keys = list(records)
    labels = {n: records[k][1]["_label"] for n, k in enumerate(keys)}
    picked = pick_id("记录", labels, key=f"fix_record_{did}")
    if picked is None:
        return
    kind, row = records[keys[picked]]
    action = st.radio("操作", list(CORRECTION_ACTIONS), format_func=CORRECTION_ACTIONS.get, horizontal=True,
                      key=f"fix_action_{did}_{keys[picked]}")  # fmt: skip
    if action == "withdraw":
        _withdraw(api, kind, row)
    elif kind == "adoption":
        _correct_adoption(api, draft, row, rules)
    else:
        _correct_instruction(api, row)


def _done(message: str) -> None:
    flash(message, "adoptions")
    st.rerun()


def _withdraw(api: ApiClient, kind: str, row: dict[str, Any]) -> None:
    with st.form(f"withdraw_{kind}_{row['id']}"):
        reason = st.text_input("撤销原因（必填）", key=f"withdraw_reason_{kind}_{row['id']}")
        sent = st.form_submit_button("撤销该记录", key=f"withdraw_send_{kind}_{row['id']}")
    if not sent:
        return
    call = api.withdraw_adoption if kind == "adoption" else api.withdraw_instruction
    gone = attempt(lambda: call(row["id"], reason))
    if gone is not None:
        _done(f"已撤销{row['_label']}，扣回 {gone['points']:g} 分")


def _joint_units(draft: dict[str, Any], row: dict[str, Any]) -> list[dict[str, Any]]:
    """The partners of the record as entered, with their share of its points."""
    points = row["points"] or 0
    return [
        {"unit_id": int(u), "share": round(p / points, 4) if points and 0 < p < points else None}
        for u, p in (row.get("shares") or {}).items()
        if int(u) != draft["unit_id"]
    ]


def _correct_adoption(
    api: ApiClient, draft: dict[str, Any], row: dict[str, Any], rules: dict[str, Any]
) -> None:
    outlets = attempt(lambda: api.outlets()) or []
    names = {o["id"]: f"{o['name']}（{OUTLET_LEVELS[o['level']]}）" for o in outlets}
    ids = list(names)
    today = office_today()
    forms = {k: v["name"] for k, v in rules["forms"].items()}
    types = dict(rules["info_types"])
    forwarding = {"": "不转报", **{k: f"转报{OUTLET_LEVELS[k]}" for k in rules["forwarding"]}}
    key = f"fix_adoption_{row['id']}"
    with st.form(key):
        outlet_id = st.selectbox("采用刊物", ids, format_func=names.get, key=f"{key}_outlet",
                                 index=ids.index(row["outlet_id"]) if row["outlet_id"] in ids else 0)  # fmt: skip
        adopted_on = st.date_input("采用日期", value=date.fromisoformat(row["adopted_on"]),
                                   max_value=today)  # fmt: skip
        form_keys = list(forms) or [row["form"]]
        form = st.selectbox("采用形式", form_keys, format_func=lambda k: forms.get(k, k),
                            index=form_keys.index(row["form"]) if row["form"] in form_keys else 0)  # fmt: skip
        type_keys = list(types) or [row["info_type"]]
        info_type = st.selectbox("信息类型", type_keys, format_func=lambda k: types.get(k, k),
                                 index=type_keys.index(row["info_type"]) if row["info_type"] in type_keys else 0)  # fmt: skip
        fwd_keys = list(forwarding)
        current = row["forwarded_to"] or ""
        forwarded = st.selectbox("转报", fwd_keys, format_func=forwarding.get,
                                 index=fwd_keys.index(current) if current in fwd_keys else 0)  # fmt: skip
        reason = st.text_input("更正原因（必填）", key=f"{key}_reason")
        sent = st.form_submit_button("保存更正", key=f"{key}_send")
    if not sent:
        return
    payload = {
        "outlet_id": outlet_id,
        "adopted_on": adopted_on.isoformat(),
        "form": form,
        "info_type": info_type,
        "forwarded_to": forwarded or None,
        "joint_units": _joint_units(draft, row),
        "reason": reason,
    }
    fixed = attempt(lambda: api.correct_adoption(row["id"], payload))
    if fixed is not None:
        _done(f"已更正采用记录：现为“{fixed['outlet_name']}”{fixed['adopted_on']}，"
              f"得分 {fixed['points']:g} 分")  # fmt: skip


def _correct_instruction(api: ApiClient, row: dict[str, Any]) -> None:
    levels = list(LEADER_LEVELS)
    key = f"fix_instruction_{row['id']}"
    with st.form(key):
        level = st.selectbox("批示领导", levels, format_func=LEADER_LEVELS.get,
                             index=levels.index(row["leader_level"]))  # fmt: skip
        on = st.date_input("批示日期", value=date.fromisoformat(row["instructed_on"]),
                           max_value=office_today())  # fmt: skip
        text = st.text_area("批示内容", value=row["text"])
        reason = st.text_input("更正原因（必填）", key=f"{key}_reason")
        sent = st.form_submit_button("保存更正", key=f"{key}_send")
    if not sent:
        return
    payload = {"leader_level": level, "instructed_on": on.isoformat(), "text": text,
               "reason": reason}  # fmt: skip
    fixed = attempt(lambda: api.correct_instruction(row["id"], payload))
    if fixed is not None:
        _done(f"已更正批示：{fixed['instructed_on']}，得分 {fixed['points']:g} 分")
