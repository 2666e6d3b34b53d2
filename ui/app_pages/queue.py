"""审核队列: submitted drafts to triage; open one with its flags highlighted and review it."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from ui.api_client import ApiError
from ui.common import (
    attempt,
    category_name,
    flash,
    load,
    open_next,
    percent,
    pick_id,
    show_flash,
    unit_names,
    when,
)
from ui.components.diff_view import resubmission_diff
from ui.components.drafts_view import review_history
from ui.components.history_view import submission_history
from ui.components.neardup_view import neardup_panel, similar_cell
from ui.components.render import report_view
from ui.names import (
    CATEGORIES,
    DECISIONS,
    FLAG_KINDS,
    ORDER_NAMES,
    SHORT_CATEGORY,
    SHORT_KIND,
    STAGES,
    STATUSES,
    sort_names,
)
from ui.session import client, current_user

NEXT_STAGE = {None: "first", "first": "second", "second": "final", "final": "final"}

api = client()
st.title("审核队列")
st.caption("已报送待审的稿件。默认按分类置信度从低到高：模型最拿不准的稿件排在前面")
show_flash("queue")


def likelihood_notice() -> None:
    """Why 采用可能 is empty; only admins can retrain, so only they get the way there (D20)."""
    try:
        status = api.get("/api/v1/adoption/status")
    except ApiError:
        return  # the queue works without it
    if status.get("available", True):
        return
    reason = status.get("reason") or "暂不显示采用可能性"
    if (current_user() or {}).get("role") == "admin":
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.info(reason)
        right.page_link("app_pages/models.py", label="去重训", icon=":material/model_training:")
    else:
        st.caption(f"“采用可能”一列为空：{reason}")


likelihood_notice()


def to_first_page() -> None:
    st.session_state["queue_page"] = 1


def filters(units: dict[int, str]) -> dict[str, Any]:
    categories = {"": "全部分类", **CATEGORIES}
    kinds = {"": "不限", **FLAG_KINDS}
    unit_options = {0: "全部单位", **units}
    solicitations = attempt(lambda: api.solicitations(limit=100)["data"]) or []
    sol_options = {0: "不限", **{s["id"]: s["topic"] for s in solicitations}}
    c1, c2, c3, c4 = st.columns(4)
    common = {"on_change": to_first_page}
    category = c1.selectbox(
        "预测分类", list(categories), format_func=categories.get, key="queue_category", **common
    )
    unit = c2.selectbox(
        "单位", list(unit_options), format_func=unit_options.get, key="queue_unit", **common
    )
    kind = c3.selectbox(
        "含有问题", list(kinds), format_func=kinds.get, key="queue_flag_kind", **common
    )
    sol = c4.selectbox(
        "约稿", list(sol_options), format_func=sol_options.get, key="queue_solicitation", **common
    )
    c5, c6, c7, c8, c9 = st.columns([3, 2, 1, 1, 1])
    low, high = c5.slider(
        "分类置信度", 0.0, 1.0, (0.0, 1.0), 0.05, key="queue_confidence", **common
    )
    sorts = sort_names()
    sort = c6.selectbox("排序", list(sorts), format_func=sorts.get, key="queue_sort", **common)
    order = c7.selectbox(
        "方向", list(ORDER_NAMES), format_func=ORDER_NAMES.get, key="queue_order", **common
    )
    limit = c8.selectbox("每页", [20, 50, 100], key="queue_limit", **common)
    page = c9.number_input("页码", min_value=1, step=1, key="queue_page")
    search, unsure_box = st.columns([3, 2], vertical_alignment="bottom")
    title = search.text_input(
        "标题搜索", placeholder="输入标题中的文字，按回车", key="queue_title", **common
    )
    unsure = unsure_box.checkbox(
        "只看分类待定的稿件（模型拿不准，需人工判断）", key="queue_uncertain", **common
    )
    return {
        "category": category or None,
        "unit_id": unit or None,
        "flag_kind": kind or None,
        "solicitation_id": sol or None,
        "min_confidence": low if low > 0 else None,
        "max_confidence": high if high < 1 else None,
        "uncertain": True if unsure else None,
        "title": title.strip() or None,
        "sort": sort,
        "order": order or None,
        "offset": (page - 1) * limit,
        "limit": limit,
    }


def queue_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Queue rows in ten narrow columns: the key ones fit a 1366 px screen with the sidebar."""
    records = []
    for r in rows:
        sol = r["solicitation"]
        category = r.get("category") or r.get("confirmed_category") or r["predicted_category"]
        guess = SHORT_CATEGORY.get(category, "")
        if guess and r["confidence"] is not None:
            guess += f" {percent(r['confidence'])}" + ("·待定" if r.get("uncertain") else "")
        kinds = [f"{SHORT_KIND.get(k, k)}{n}" for k, n in r["flag_counts"].items() if n]
        records.append(
            {
                "编号": r["id"],
                "标题": r["title"],
                "单位": r["unit_name"],
                "报送": when(r["submitted_at"])[5:],  # MM-DD HH:MM: the year is this year's
                "分类": guess,
                "问题": r["flags_total"],
                "问题分布": " ".join(kinds),
                "采用可能": r["adoption_likelihood"],
                "约稿": (sol["topic"] + ("（逾期）" if sol["overdue"] else "")) if sol else "",
                "审级": STAGES.get(r["last_review_stage"], ""),
                "相似": similar_cell(r),
            }
        )
    return pd.DataFrame(records)


# Fixed widths (px) that add up to about 880 with the row-selection column: the width left
# for the table at 1366 px beside the sidebar in the wide layout.
QUEUE_COLUMNS = {
    "编号": st.column_config.NumberColumn(width=50, format="%d"),
    "标题": st.column_config.TextColumn(width=175),
    "单位": st.column_config.TextColumn(width=90),
    "报送": st.column_config.TextColumn(width=85, help="报送时间"),
    "分类": st.column_config.TextColumn(width=90, help="预测分类与置信度；待定：模型拿不准"),
    "问题": st.column_config.NumberColumn(width=40, help="问题总数"),
    "问题分布": st.column_config.TextColumn(width=80),
    "采用可能": st.column_config.ProgressColumn(
        width=70, format="percent", min_value=0, max_value=1, help="采用可能性"
    ),
    "约稿": st.column_config.TextColumn(width=60),
    "审级": st.column_config.TextColumn(width=40, help="本轮已到的审级"),
    "相似": st.column_config.TextColumn(
        width=70, help="审核员标记的合报/重复，或最相似的其他稿件（编号 相似度）；详情见稿件下方"
    ),
}


def queue_table(rows: dict[int, dict[str, Any]]) -> None:
    """The queue as a table; a click on a row opens that draft (the picker below follows).

    Only a change of the selection opens a draft, so picking another draft in the picker, a
    new filter or a rerun does not snap back to the clicked row."""
    event = st.dataframe(
        queue_frame(list(rows.values())),
        hide_index=True,
        width="stretch",
        column_config=QUEUE_COLUMNS,
        key="queue_table",
        on_select="rerun",
        selection_mode="single-row",
    )
    clicked = list(event.selection.rows) if event is not None else []
    if clicked != st.session_state.get("queue_table_seen", []):
        st.session_state["queue_table_seen"] = clicked
        ids = list(rows)
        if clicked and clicked[0] < len(ids):
            open_next("queue_open", ids[clicked[0]])


def issue_list(draft: dict[str, Any]) -> str:
    """The draft's flags as numbered lines for a 退回 comment."""
    lines = []
    for n, f in enumerate(draft["report"].get("flags", []), 1):
        hint = f"，建议：{f['suggestion']}" if f.get("suggestion") else ""
        lines.append(f"{n}.「{f['text'][:30]}」{f['message']}{hint}")
    return "请按以下问题修改：\n" + "\n".join(lines) if lines else ""


def review_form(draft: dict[str, Any], last_stage: str | None, rounds: int) -> None:
    """Keys carry the number of reviews so far: after each record the form starts afresh (D7)."""
    did = draft["id"]
    form_key = f"{did}_{rounds}"
    labels = list(CATEGORIES)
    current = draft["confirmed_category"] or draft["predicted_category"]
    comment_key = f"review_comment_{form_key}"
    if draft["report"].get("flags"):
        st.button(
            "将问题清单填入审核意见",
            key=f"fill_{form_key}",
            on_click=lambda: st.session_state.update({comment_key: issue_list(draft)}),
        )
    with st.form(f"review_{form_key}"):
        st.markdown("**审核**")
        stage = st.radio(
            "审级",
            list(STAGES),
            index=list(STAGES).index(NEXT_STAGE[last_stage]),
            format_func=STAGES.get,
            horizontal=True,
            key=f"review_stage_{form_key}",
        )
        decision = st.radio(
            "结论",
            list(DECISIONS),
            index=None,  # no default: one click must not pass a draft
            format_func=DECISIONS.get,
            horizontal=True,
            key=f"review_decision_{form_key}",
        )
        category = st.selectbox(
            f"分类（预测：{category_name(draft['predicted_category'])}；可确认或更正）",
            labels,
            index=labels.index(current) if current in labels else 0,
            format_func=CATEGORIES.get,
            key=f"review_category_{form_key}",
        )
        comment = st.text_area("审核意见（退回时必填）", key=comment_key)
        sent = st.form_submit_button("提交审核", type="primary")
    if not sent:
        return
    if decision is None:
        st.error("请选择结论：通过或退回")
        return
    payload = {
        "stage": stage,
        "decision": decision,
        "confirmed_category": category,
        "comment": comment,
    }
    outcome = attempt(lambda: api.review(did, payload))
    if outcome is None:
        return
    status = outcome["draft_status"]
    message = f"稿件 #{did}：{STAGES[stage]}{DECISIONS[decision]}，现状态：{STATUSES[status]}"
    if decision == "pass" and status == "submitted":
        message += "（问题信息须终审签发，仍留在队列中）"
    flash(message, "queue")
    st.toast(message)
    st.rerun()


def detail(row: dict[str, Any]) -> None:
    draft = attempt(lambda: api.draft(row["id"]))
    if draft is None:
        return
    st.subheader(draft["title"] or "（无标题）")
    st.caption(f"#{draft['id']} · {draft['unit_name']} · 报送于 {when(draft['submitted_at'])}")
    reviews = attempt(lambda: api.reviews(draft["id"])) or []
    history = attempt(lambda: api.get(f"/api/v1/drafts/{draft['id']}/history")["data"]) or []
    left, right = st.columns([3, 2])
    with left:
        resubmission_diff(history)  # first: what changed since the 退回
        report_view(draft["title"], draft["body"], draft["report"])
    with right:
        review_form(draft, row["last_review_stage"], len(reviews))
        review_history(reviews)
        submission_history(api, draft["id"])
    neardup_panel(api, draft, "queue")


params = filters(unit_names(api))
result = load(lambda: api.queue(**params))
pages = max(1, math.ceil(result["count"] / params["limit"]))
st.caption(
    f"共 {result['count']} 篇待审 · 第 {params['offset'] // params['limit'] + 1} / {pages} 页"
)
rows = {r["id"]: r for r in result["data"]}
if not rows:
    st.info("队列中没有符合条件的稿件" if result["count"] == 0 else "该页没有稿件")
    st.stop()
st.caption("点击表格中的一行打开稿件，或在下方按编号选择")
queue_table(rows)
options = {i: f"#{i} {r['title']} · {r['unit_name']}" for i, r in rows.items()}
chosen = pick_id("打开稿件", options, key="queue_open")
if chosen is not None:
    detail(rows[chosen])
