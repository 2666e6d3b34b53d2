"""设置 › 积分规则: view the dated versions, publish a new one from a form or from JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, office_today, pick_id, when
from ui.names import OUTLET_LEVELS, RULE_MODES


def points_frame(rules: dict[str, Any]) -> pd.DataFrame:
    """Points by outlet level (rows) and information type (columns), Chinese labels."""
    types = rules["info_types"]
    data = {
        OUTLET_LEVELS[level]: {types[t]: rules["points"][level][t] for t in types}
        for level in OUTLET_LEVELS
    }
    return pd.DataFrame.from_dict(data, orient="index")


def level_series(table: dict[str, float], label: str) -> pd.DataFrame:
    return pd.DataFrame(
        {label: [table.get(k) for k in OUTLET_LEVELS]}, index=list(OUTLET_LEVELS.values())
    )


def summary(rules: dict[str, Any]) -> None:
    st.markdown("**采用计分（分/篇，按刊物级别 × 信息类型）**")
    st.dataframe(points_frame(rules), width="stretch")
    forms = "；".join(f"{f['name']} ×{f['factor']:g}" for f in rules["forms"].values())
    forwarding = "；".join(f"{OUTLET_LEVELS[k]} ×{v:g}" for k, v in rules["forwarding"].items())
    ins = rules["instruction"]
    ins_text = "；".join(f"{OUTLET_LEVELS[k]} {v:g}" for k, v in ins["points"].items())
    sol = rules["solicitation"]
    lines = [
        f"- 采用形式：{forms}",
        f"- 转报倍数：{forwarding or '无'}",
        f"- 领导批示（{RULE_MODES[ins['mode']]}，同级只计一次）：{ins_text}",
        f"- 约稿：未报送 {sol['missing']:g} 分，逾期 {sol['late']:g} 分"
        + (
            f"，全年未报送 {sol['zero_year_after_missing']} 次清零"
            if sol["zero_year_after_missing"]
            else ""
        ),
    ]
    joint = rules["joint"]["lead_share"]
    lines.append(f"- 合报：{'牵头单位得 ' + format(joint, '.0%') if joint else '各单位平分'}")
    base = rules.get("monthly_base")
    if base:
        lines.append(f"- 月度基础分：当月报送满 {base['min_pieces']} 篇得 {base['points']:g} 分")
    if rules["remuneration"]:
        pay = "；".join(f"{OUTLET_LEVELS[k]} {v:g} 元" for k, v in rules["remuneration"].items())
        lines.append(f"- 稿酬：{pay}")
    st.markdown("\n".join(lines))
    with st.expander("完整规则（JSON）"):
        st.json(rules)


def edited_by_form(base: dict[str, Any]) -> dict[str, Any] | None:
    """Edit the main tables of the base version; the rest is carried over unchanged."""
    rules = json.loads(json.dumps(base))
    types = rules["info_types"]
    by_name = {v: k for k, v in types.items()}
    levels = {v: k for k, v in OUTLET_LEVELS.items()}
    st.markdown("采用计分（分/篇）")
    points = st.data_editor(points_frame(base), key="rule_points", width="stretch")
    if points.isna().any().any():
        st.error("请为每个级别和信息类型填写分值")
        return None
    rules["points"] = {
        levels[row]: {by_name[col]: float(points.loc[row, col]) for col in points.columns}
        for row in points.index
    }
    left, right = st.columns(2)
    ins = rules["instruction"]
    ins["mode"] = left.radio(
        "批示计分方式",
        list(RULE_MODES),
        index=list(RULE_MODES).index(ins["mode"]),
        format_func=RULE_MODES.get,
        horizontal=True,
        key="rule_ins_mode",
    )
    table = left.data_editor(level_series(ins["points"], "批示分值/倍数"), key="rule_ins_points")
    if table.isna().any().any():
        st.error("请为每个领导级别填写批示分值")
        return None
    ins["points"] = {levels[i]: float(v) for i, v in table.iloc[:, 0].items()}
    pay = right.data_editor(level_series(rules["remuneration"], "稿酬（元/篇）"), key="rule_pay")
    rules["remuneration"] = {levels[i]: float(v) for i, v in pay.iloc[:, 0].items() if pd.notna(v)}
    sol = rules["solicitation"]
    sol["missing"] = right.number_input(
        "约稿未报送扣分", max_value=0.0, value=float(sol["missing"]), key="rule_missing"
    )
    sol["late"] = right.number_input(
        "约稿逾期扣分", max_value=0.0, value=float(sol["late"]), key="rule_late"
    )
    return rules


def edited_as_json(base: dict[str, Any]) -> dict[str, Any] | None:
    text = st.text_area(
        "规则 JSON",
        value=json.dumps(base, ensure_ascii=False, indent=2),
        height=400,
        key="rule_json",
    )
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        st.error(f"JSON 格式有误（第 {exc.lineno} 行第 {exc.colno} 列）：{exc.msg}")
        return None
    if not isinstance(value, dict):
        st.error("规则须为一个 JSON 对象")
        return None
    return value


def new_version(api: ApiClient, latest: dict[str, Any]) -> None:
    st.markdown(
        f"以当前最新版本“{latest['name']}”为底稿；新版本的生效日期须晚于 {latest['effective_from']}"
    )
    first_day = date.fromisoformat(latest["effective_from"]) + timedelta(days=1)
    name = st.text_input("版本名称", key="rule_name")
    effective = st.date_input(
        "生效日期",
        value=max(first_day, office_today()),
        min_value=first_day,
        key="rule_from",
    )
    mode = st.radio("编辑方式", ["表格", "JSON"], horizontal=True, key="rule_mode")
    rules = edited_by_form(latest["rules"]) if mode == "表格" else edited_as_json(latest["rules"])
    if not st.button("发布新版本", type="primary", key="rule_publish") or rules is None:
        return
    if not name.strip():
        st.error("请填写版本名称")
        return
    payload = {"name": name, "effective_from": effective.isoformat(), "rules": rules}
    row = attempt(lambda: api.create_scoring_rule(payload))
    if row is not None:
        flash(f"已发布积分规则“{row['name']}”，{row['effective_from']} 起生效", "settings")
        st.rerun()


def rules_section(api: ApiClient) -> None:
    versions = attempt(api.scoring_rules)
    if versions is None:
        return
    in_force = attempt(api.rule_in_force)
    table = [
        {
            "编号": v["id"],
            "名称": v["name"],
            "生效日期": v["effective_from"],
            "现行": "✔" if in_force and v["id"] == in_force["id"] else "",
            "创建时间": when(v["created_at"]),
        }
        for v in versions
    ]
    if not table:
        st.info("还没有积分规则")
        return
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    options = {v["id"]: f"{v['name']}（{v['effective_from']} 起）" for v in versions}
    chosen = pick_id("查看版本", options, key="rule_view")
    summary(next(v for v in versions if v["id"] == chosen)["rules"])
    with st.expander("发布新版本（过去的得分不会改变）"):
        new_version(api, versions[0])
