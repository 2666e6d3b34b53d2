"""设置 › 词表: custom sensitive terms (flags) and allow-lists (silence terms)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, flash, pick_id
from ui.names import DICTIONARY_KINDS, DICTIONARY_SHORT, SEVERITIES


def parse_terms(text: str, severity: str) -> list[dict]:
    """One term a line: `词语` or `词语|建议改为|说明`."""
    terms = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        term = {"term": parts[0], "severity": severity}
        if len(parts) > 1 and parts[1]:
            term["replacement"] = parts[1]
        if len(parts) > 2:
            term["message"] = parts[2]
        terms.append(term)
    return terms


def create_form(api: ApiClient, units: dict[int, str]) -> None:
    unit_options = {0: "全部单位", **units}
    with st.form("new_dictionary"):
        st.markdown("**新建词表**")
        name = st.text_input("词表名称", key="dict_name")
        kind = st.selectbox(
            "类型", list(DICTIONARY_KINDS), format_func=DICTIONARY_KINDS.get, key="dict_kind"
        )
        unit_id = st.selectbox("适用单位", list(unit_options), format_func=unit_options.get)
        sent = st.form_submit_button("新建词表")
    if not sent:
        return
    payload = {"name": name.strip(), "kind": kind, "unit_id": unit_id or None}
    if attempt(lambda: api.create_dictionary(payload)) is not None:
        flash(f"已新建词表“{payload['name']}”", "settings")
        st.rerun()


def terms_panel(api: ApiClient, d: dict) -> None:
    did = d["id"]
    state = "启用" if d["active"] else "停用"
    st.caption(f"{DICTIONARY_SHORT.get(d['kind'], d['kind'])} · {state} · {d['terms']} 个词")
    toggle = "停用该词表" if d["active"] else "启用该词表"
    if st.button(toggle, key=f"dict_toggle_{did}"):
        if attempt(lambda: api.update_dictionary(did, {"active": not d["active"]})) is not None:
            flash(f"词表“{d['name']}”已{'停用' if d['active'] else '启用'}", "settings")
            st.rerun()
    terms = attempt(lambda: api.terms(did)) or []
    if terms:
        rows = [
            {
                "词语": t["term"],
                "建议改为": t["replacement"] or "",
                "说明": t["message"],
                "级别": SEVERITIES.get(t["severity"], t["severity"]),
            }
            for t in terms
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    with st.form(f"add_terms_{did}"):
        text = st.text_area(
            "添加词语（每行一个；可写成“词语|建议改为|说明”）", key=f"dict_terms_{did}"
        )
        severity = st.selectbox("级别", list(SEVERITIES), index=1, format_func=SEVERITIES.get)
        sent = st.form_submit_button("添加")
    if not sent:
        return
    new = parse_terms(text, severity)
    if not new:
        st.error("请至少输入一个词语")
        return
    added = attempt(lambda: api.add_terms(did, new))
    if added is not None:
        skipped = len(new) - added
        flash(f"已添加 {added} 个词" + (f"，{skipped} 个重复已跳过" if skipped else ""), "settings")
        st.rerun()


def dictionaries_section(api: ApiClient) -> None:
    units = {u["id"]: u["name"] for u in attempt(api.units) or []}
    rows = attempt(api.dictionaries)
    if rows is None:
        return
    if rows:
        table = [
            {
                "名称": d["name"],
                "类型": DICTIONARY_SHORT.get(d["kind"], d["kind"]),
                "适用单位": units.get(d["unit_id"], "全部单位"),
                "状态": "启用" if d["active"] else "停用",
                "词数": d["terms"],
            }
            for d in rows
        ]
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
        chosen = pick_id("查看词表", {d["id"]: d["name"] for d in rows}, key="dict_view")
        terms_panel(api, next(d for d in rows if d["id"] == chosen))
    else:
        st.info("还没有词表")
    create_form(api, units)
