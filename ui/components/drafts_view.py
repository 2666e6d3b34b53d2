"""Pieces of a draft shown on several pages: list tables, review history, adoptions."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, category_name, percent, when
from ui.names import DECISIONS, LEADER_LEVELS, OUTLET_LEVELS, STAGES, STATUSES

FLAG_COLUMNS = {
    "news_style": "新闻稿式",
    "number": "数字",
    "sensitive": "敏感",
    "title": "标题问题",
}


def flag_columns(counts: dict[str, int]) -> dict[str, int]:
    """Flag counts by kind, as table columns (names distinct from a 标题 column)."""
    return {name: counts.get(kind, 0) for kind, name in FLAG_COLUMNS.items()}


def drafts_frame(rows: list[dict[str, Any]], show_unit: bool) -> pd.DataFrame:
    """Drafts as a table: status, category, flags (summary rows, no text)."""
    records = []
    for d in rows:
        record = {"编号": d["id"], "标题": d["title"] or "（无标题）"}
        if show_unit:
            record["单位"] = d["unit_name"]
        record |= {
            "状态": STATUSES.get(d["status"], d["status"]),
            "预测分类": category_name(d["predicted_category"]),
            "置信度": percent(d["confidence"]),
            "确认分类": category_name(d["confirmed_category"]),
            "问题数": d["flags_total"],
            **flag_columns(d["flag_counts"]),
            "报送时间": when(d["submitted_at"]),
            "更新时间": when(d["updated_at"]),
        }
        records.append(record)
    return pd.DataFrame(records)


def review_history(reviews: list[dict[str, Any]]) -> None:
    """The review rounds of a draft, oldest first, with each reviewer's comment."""
    st.subheader("审核记录")
    if not reviews:
        st.caption("暂无审核记录")
        return
    rows = [
        {
            "时间": when(r["created_at"]),
            "审级": STAGES.get(r["stage"], r["stage"]),
            "结论": DECISIONS.get(r["decision"], r["decision"]),
            "确认分类": category_name(r["confirmed_category"]),
            "审核意见": r["comment"],
        }
        for r in reviews
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def last_return_comment(reviews: list[dict[str, Any]]) -> str | None:
    returns = [r for r in reviews if r["decision"] == "return"]
    return returns[-1]["comment"] if returns else None


def scoring_records(api: ApiClient, draft_id: int) -> None:
    """Where the draft was adopted (采用) and the leader instructions (批示) on it."""
    adoptions = attempt(lambda: api.draft_adoptions(draft_id)) or []
    instructions = attempt(lambda: api.draft_instructions(draft_id)) or []
    st.subheader("采用与批示")
    if not adoptions and not instructions:
        st.caption("暂无采用或批示记录")
        return
    if adoptions:
        rules = attempt(api.rule_in_force)
        frame = adoptions_frame(adoptions, rules["rules"] if rules else None)
        st.dataframe(frame, hide_index=True, width="stretch")
    if instructions:
        rows = [
            {
                "批示日期": i["instructed_on"],
                "批示领导": LEADER_LEVELS.get(i["leader_level"], i["leader_level"]),
                "批示内容": i["text"],
                "得分": i["points"],
                "计分说明": i["note"],
            }
            for i in instructions
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def adoptions_frame(
    adoptions: list[dict[str, Any]], rules: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Adoptions as a table; form and information type named by the rules when given."""
    forms = {k: v["name"] for k, v in (rules or {}).get("forms", {}).items()}
    types = (rules or {}).get("info_types", {})
    rows = [
        {
            "采用日期": a["adopted_on"],
            "稿件": a.get("draft_title") or f"#{a['draft_id']}",
            "刊物": a["outlet_name"],
            "级别": OUTLET_LEVELS.get(a["outlet_level"], a["outlet_level"]),
            "形式": forms.get(a["form"], a["form"]),
            "信息类型": types.get(a["info_type"], a["info_type"]),
            "转报": OUTLET_LEVELS.get(a["forwarded_to"], "") if a["forwarded_to"] else "",
            "得分": a["points"],
            "计分说明": a["note"],
        }
        for a in adoptions
    ]
    return pd.DataFrame(rows)
