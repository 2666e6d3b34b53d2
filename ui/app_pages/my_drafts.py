"""我的稿件: the unit's drafts; create (paste or file), edit while draft/returned, submit."""

from __future__ import annotations

import math

import streamlit as st

from ui.api_client import ApiError
from ui.common import (
    EDITABLE,
    attempt,
    flash,
    load,
    open_next,
    pick_id,
    show_flash,
    unit_names,
    when,
)
from ui.components.drafts_view import (
    drafts_frame,
    last_return_comment,
    review_history,
    scoring_records,
)
from ui.components.history_view import submission_history
from ui.components.render import category_panel
from ui.components.review_pane import (
    active_flags,
    apply_item,
    flag_list,
    jump,
    marked_text,
    merge_flags,
    summary_card,
)
from ui.names import DISMISSAL_SCOPES, OFFICER_SCOPES, STATUSES
from ui.session import client, current_user, edit_box_base

PAGE_SIZE = 20

user = current_user() or {}
api = client()
officer = user.get("role") == "officer"

st.title("我的稿件")
st.caption(
    "本单位的稿件：粘贴或上传后保存为草稿，修改后报送审核；退回的稿件按审核意见修改后可再次报送"
    if officer
    else "各单位的稿件；也可以为某个单位录入稿件"
)
show_flash("drafts")
if message := st.session_state.pop("drafts_error", None):
    st.error(message)


def solicitation_choice(key: str, current: int | None = None) -> int | None:
    """Which 约稿 the draft answers (officers see the ones asking their unit)."""
    rows = attempt(lambda: api.solicitations(limit=100)["data"]) or []
    options: dict[int, str] = {0: "（不是约稿）"}
    options |= {s["id"]: f"{s['topic']}（截止 {s['due_on']}）" for s in rows}
    keys = list(options)
    index = keys.index(current) if current in options else 0
    chosen = st.selectbox("回应约稿", keys, index=index, format_func=options.get, key=key)
    return chosen or None


def open_after_action(draft_id: int) -> None:
    """Show the acted-on draft: first page, no status filter that would hide it (D6)."""
    open_next("drafts_open", draft_id)
    st.session_state["drafts_reset_filter"] = True
    st.rerun()


def remaining_errors(draft: dict) -> list[dict]:
    """Error-level flags of the stored report that nobody has dismissed."""
    flags = active_flags(draft.get("report"), draft.get("dismissals", []))
    return [f for f in flags if f["severity"] == "error"]


def submit(draft_id: int) -> None:
    """报送, unless error-level flags remain: then the gate below the button asks first (D5)."""
    draft = attempt(lambda: api.draft(draft_id))
    if draft is None:
        return
    if remaining_errors(draft):
        st.session_state["gate"] = draft_id
        st.rerun()
    if attempt(lambda: api.submit_draft(draft_id)) is not None:
        flash(f"稿件 #{draft_id} 已报送，等待审核", "drafts")
        open_after_action(draft_id)


def gate(draft: dict) -> None:
    """Error flags remain: list them; 报送 anyway only with a reason (kept as dismissals)."""
    did, errors = draft["id"], remaining_errors(draft)
    with st.container(border=True):
        st.error(f"稿件 #{did} 仍有 {len(errors)} 处错误，建议修改后再报送：")
        for f in errors[:20]:
            st.markdown(f"- 「{f['text'][:30]}」{f['message']}")
        reason = st.text_input("仍要报送的理由（必填，随报送记录）", key=f"gate_reason_{did}")
        back, anyway = st.columns(2)
        if back.button("返回修改", key=f"gate_back_{did}"):
            st.session_state.pop("gate", None)
            st.rerun()
        if not anyway.button("仍然报送", type="primary", key=f"gate_send_{did}"):
            return
        if not reason.strip():
            st.error("请填写仍要报送的理由")
            return
        for f in errors:
            body = {"rule": f["rule"], "text": f["text"], "reason": reason, "scope": "draft"}
            try:
                api.post(f"/api/v1/drafts/{did}/dismissals", body)
            except ApiError as exc:
                if exc.code != "already_dismissed":
                    st.error(exc.message)
                    return
        st.session_state.pop("gate", None)
        if attempt(lambda: api.submit_draft(did)) is not None:
            flash(f"稿件 #{did} 已报送（仍有错误，理由：{reason}），等待审核", "drafts")
            open_after_action(did)


def new_draft() -> None:
    result = st.session_state.get("check_result")
    fresh = result is not None and st.session_state.get("check_result_used") is not result
    if fresh and not st.session_state.get("new_body"):
        st.session_state["new_title"], st.session_state["new_body"] = result[0], result[1]
        st.caption("已带入“自检”页检查过的稿件，可直接保存或报送")
    source = st.radio("来源", ["粘贴文本", "上传文件"], horizontal=True, key="new_source")
    upload = None
    if source == "上传文件":
        upload = st.file_uploader(
            "上传稿件（.docx 或 .txt，不超过 10 MB，首行为标题）", type=["docx", "txt"]
        )
    else:
        st.text_input("标题", key="new_title")
        st.text_area("正文", height=260, key="new_body")
    unit_id = None
    if not officer:
        units = unit_names(api)
        unit_id = st.selectbox("所属单位", list(units), format_func=units.get, key="new_unit")
    solicitation_id = solicitation_choice("new_solicitation")
    save, send = st.columns(2)
    if save.button("保存草稿", key="new_save"):
        create(upload, unit_id, solicitation_id, then_submit=False)
    if send.button("保存并报送", type="primary", key="new_send"):
        create(upload, unit_id, solicitation_id, then_submit=True)


def create(upload, unit_id: int | None, solicitation_id: int | None, then_submit: bool) -> None:
    form = {"unit_id": unit_id, "solicitation_id": solicitation_id}
    if upload is not None:
        draft = attempt(lambda: api.create_draft_from_file(upload.name, upload.getvalue(), form))
    elif not st.session_state.get("new_body", "").strip():
        st.error("请输入正文或上传文件")
        return
    else:
        title = st.session_state.get("new_title", "")
        payload = {"title": title, "body": st.session_state["new_body"], **form}
        draft = attempt(lambda: api.create_draft(payload))
    if draft is None:
        return
    st.session_state["check_result_used"] = st.session_state.get("check_result")
    for key in ("new_title", "new_body"):
        st.session_state.pop(key, None)
    message = f"已保存为草稿 #{draft['id']}"
    if then_submit and remaining_errors(draft):
        st.session_state["gate"] = draft["id"]
        flash(message + "；仍有错误，请确认后再报送", "drafts")
        open_after_action(draft["id"])
    if then_submit:
        if attempt(lambda: api.submit_draft(draft["id"])) is None:
            st.info(message + "，报送未成功：请在“稿件列表”中修改后再报送")
            return
        message = f"稿件 #{draft['id']} 已保存并报送，等待审核"
    flash(message, "drafts")
    open_after_action(draft["id"])


def apply_fix(draft: dict, item: dict) -> None:
    """采纳 on a stored draft: the replacement goes into the text, saved and re-checked at once."""
    did = draft["id"]
    body, _ = apply_item(draft["body"], draft["report"], item)
    try:
        api.update_draft(did, {"body": body})
    except ApiError as exc:
        st.session_state["drafts_error"] = exc.message
        return
    st.session_state[f"edit_body_{did}"] = body
    st.session_state.pop(f"draft_{did}_focus", None)
    flash(f"已采纳：改为“{item['replacement']}”，稿件已保存并重新检查", "drafts")


def ignore_flag(draft: dict, item: dict) -> None:
    """忽略: stored through the dismissals API, for this draft or for the whole unit."""
    did = draft["id"]
    scope = st.session_state.get(f"ignore_scope_{did}", "draft")
    reason = (st.session_state.get(f"ignore_reason_{did}") or "").strip()
    if not reason:
        st.session_state["drafts_error"] = "请先填写忽略的理由"
        return
    for flag in item["members"]:
        body = {"rule": flag["rule"], "text": flag["text"], "reason": reason, "scope": scope}
        try:
            api.post(f"/api/v1/drafts/{did}/dismissals", body)
        except ApiError as exc:
            if exc.code != "already_dismissed":
                st.session_state["drafts_error"] = exc.message
                return
    flash(f"已忽略该提示（{DISMISSAL_SCOPES[scope]}）", "drafts")


def use_title(did: int, text: str) -> None:
    st.session_state[f"edit_title_{did}"] = text


def edit_boxes(draft: dict) -> tuple[str, str]:
    """Title and body boxes holding the unsaved text; saved with 保存并重新检查."""
    did = draft["id"]
    if not st.session_state.get("unsaved_ready"):
        # the browser has not yet handed back what a refresh would have lost: a box drawn now
        # and filled later would keep its old text in the browser (Streamlit sends it back)
        st.caption("正在恢复未保存的修改…")
        return draft["title"], draft["body"]
    for field in ("title", "body"):
        edit_box_base(f"edit_{field}_{did}", draft[field])
    title = st.text_input("标题", key=f"edit_title_{did}")
    body = st.text_area("正文", height=260, key=f"edit_body_{did}")
    save, send = st.columns(2)
    if save.button("保存并重新检查", key=f"save_{did}"):
        if attempt(lambda: api.update_draft(did, {"title": title, "body": body})) is not None:
            flash(f"稿件 #{did} 已保存并重新检查", "drafts")
            st.rerun()
    if send.button("报送审核", type="primary", key=f"submit_{did}"):
        if (title, body) != (draft["title"], draft["body"]):
            st.error("有未保存的修改：请先点“保存并重新检查”，再报送")
        else:
            submit(did)
    return title, body


def review_pane(draft: dict) -> None:
    """The draft in the 自检 review pane: marks in the text, the side list, 采纳 and 忽略."""
    did, key = draft["id"], f"draft_{draft['id']}"
    editable = draft["status"] in EDITABLE
    report = draft["report"] or {}
    items = merge_flags(
        active_flags(report, draft.get("dismissals", [])),
        {"title": draft["title"], "body": draft["body"]},
    )
    editor, pane = st.columns([3, 2], gap="medium")
    stale = False
    with editor:
        if editable:
            title, body = edit_boxes(draft)
            stale = (title, body) != (draft["title"], draft["body"])
    with pane:
        if stale:
            st.warning("有未保存的修改，以下结果已过期：请点“保存并重新检查”")
        summary_card(items, report)
        if editable and items:
            a, b = st.columns([2, 3])
            a.selectbox(
                "忽略范围", OFFICER_SCOPES, format_func=DISMISSAL_SCOPES.get,
                key=f"ignore_scope_{did}",
            )  # fmt: skip
            b.text_input("忽略理由", value="误报，不需修改", key=f"ignore_reason_{did}")
        with st.container(height=520):
            flag_list(
                items,
                key,
                stale=stale,
                on_apply=(lambda item: apply_fix(draft, item)) if editable else None,
                on_ignore=(lambda item: ignore_flag(draft, item)) if editable else None,
            )
            if report.get("headlines"):
                st.markdown("**标题建议**")
                for n, h in enumerate(report["headlines"]):
                    a, b = st.columns([3, 2])
                    a.markdown(h["text"])
                    if editable:
                        b.button(
                            "用作标题", key=f"{key}_headline_{n}", on_click=use_title,
                            args=(did, h["text"]),
                        )  # fmt: skip
    with editor:
        focus = None if stale else jump(key, items)
        marked_text(draft["title"], draft["body"], items, focus, stale, height=300)
        with st.expander("分类依据"):
            category_panel(report.get("category"))
    if st.session_state.get("gate") == did:
        gate(draft)


def detail(draft_id: int) -> None:
    draft = attempt(lambda: api.draft(draft_id))
    if draft is None:
        return
    st.subheader(draft["title"] or "（无标题）")
    st.caption(
        f"#{draft['id']} · {draft['unit_name']} · {STATUSES[draft['status']]} · "
        f"更新于 {when(draft['updated_at'])}"
        + (f" · 报送于 {when(draft['submitted_at'])}" if draft["submitted_at"] else "")
    )
    reviews = attempt(lambda: api.reviews(draft_id)) or []
    comment = last_return_comment(reviews)
    if draft["status"] == "returned" and comment:
        st.warning(f"退回意见：{comment}")
    review_pane(draft)
    review_history(reviews)
    submission_history(api, draft_id)
    if draft["status"] == "passed":
        scoring_records(api, draft_id)


def draft_list() -> None:
    statuses = {"": "全部", **STATUSES}
    left, mid, right = st.columns([2, 3, 1])
    status = left.selectbox("状态", list(statuses), format_func=statuses.get, key="drafts_status")
    title = mid.text_input(
        "标题搜索",
        placeholder="输入标题中的文字，按回车",
        key="drafts_title",
        on_change=lambda: st.session_state.update(drafts_page=1),
    )
    page = right.number_input("页码", min_value=1, step=1, key="drafts_page")
    result = load(
        lambda: api.drafts(
            status or None, (page - 1) * PAGE_SIZE, PAGE_SIZE, title=title.strip() or None
        )
    )
    pages = max(1, math.ceil(result["count"] / PAGE_SIZE))
    st.caption(f"共 {result['count']} 篇 · 第 {page} / {pages} 页")
    rows = result["data"]
    if not rows:
        st.info("还没有稿件：在“新建稿件”中粘贴或上传" if result["count"] == 0 else "该页没有稿件")
        return
    st.dataframe(drafts_frame(rows, show_unit=not officer), hide_index=True, width="stretch")
    options = {
        d["id"]: f"#{d['id']} {d['title'] or '（无标题）'} · {STATUSES[d['status']]}" for d in rows
    }
    chosen = pick_id("打开稿件", options, key="drafts_open")
    if chosen is not None:
        detail(chosen)


if "drafts_open_next" in st.session_state and st.session_state.get("drafts_page") != 1:
    st.session_state["drafts_page"] = 1  # a new or just-changed draft is first in the list
if st.session_state.pop("drafts_reset_filter", False):
    st.session_state["drafts_status"] = ""
    st.session_state["drafts_title"] = ""
tab_list, tab_new = st.tabs(["稿件列表", "新建稿件"])
with tab_list:
    draft_list()
with tab_new:
    new_draft()
