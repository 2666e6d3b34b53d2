"""首页: the user's to-do list by role — what waits for them, each with a link to act on it."""

from __future__ import annotations

import streamlit as st

from ui.common import attempt, office_today, when
from ui.names import CATEGORIES, ROLES
from ui.navigation import RANK
from ui.session import client, current_user

user = current_user() or {}
role = user.get("role", "officer")
api = client()
today = office_today().isoformat()

st.title("政务信息写作助手")
st.write(f"您好，{user.get('full_name') or user.get('username')}（{ROLES.get(role, '')}）")
st.subheader("待办")
todo = 0


def item(text: str, page: str, label: str) -> None:
    global todo
    todo += 1
    left, right = st.columns([5, 1])
    left.markdown(text)
    right.page_link(f"app_pages/{page}", label=label)


if role == "officer":
    returned = attempt(lambda: api.drafts("returned", 0, 20)) or {"data": [], "count": 0}
    for d in returned["data"]:
        item(f"已退回待修改：#{d['id']} {d['title'] or '（无标题）'}", "my_drafts.py", "去修改")
    drafts = attempt(lambda: api.drafts("draft", 0, 1)) or {"count": 0}
    if drafts["count"]:
        item(f"{drafts['count']} 篇草稿尚未报送", "my_drafts.py", "去报送")
    asked = attempt(lambda: api.solicitations(limit=100)["data"]) or []
    for s in asked:
        mine = [u for u in s["units"] if u["unit_id"] == user.get("unit_id")]
        if mine and mine[0]["status"] in ("pending", "missing"):
            late = "已逾期" if mine[0]["status"] == "missing" else f"{s['due_on']} 截止"
            item(f"约稿“{s['topic']}”{late}，未报送", "solicitations.py", "查看约稿")

if RANK.get(role, 1) >= 2:
    queue = attempt(lambda: api.queue(sort="age", limit=1)) or {"data": [], "count": 0}
    if queue["count"]:
        oldest = queue["data"][0]["submitted_at"] if queue["data"] else None
        since = f"，最早报送于 {when(oldest)}" if oldest else ""
        counts = {
            name: (attempt(lambda label=label: api.queue(category=label, limit=1)) or {}).get(
                "count"
            )
            for label, name in CATEGORIES.items()
        }
        by_kind = "，".join(f"{name} {n} 篇" for name, n in counts.items() if n)
        item(
            f"审核队列 {queue['count']} 篇待审{since}" + (f"：{by_kind}" if by_kind else ""),
            "queue.py",
            "去审核",
        )
        unsure = attempt(lambda: api.queue(uncertain=True, limit=1)) or {"count": 0}
        if unsure["count"]:
            item(f"其中 {unsure['count']} 篇分类待定，需人工判断", "queue.py", "去审核")
    passed = attempt(lambda: api.drafts("passed", 0, 1)) or {"count": 0}
    if passed["count"]:
        item(f"已通过稿件 {passed['count']} 篇：刊用后请登记采用", "adoptions.py", "登记采用")

if role == "admin":
    models = attempt(lambda: api.get("/api/v1/models")) or {}
    candidates = [m for m in models.get("data", []) if m.get("status") == "candidate"]
    if candidates:
        item(f"候选模型 {candidates[0]['version']} 待决定是否启用", "models.py", "去查看")

if not todo:
    st.success("暂无待办事项")
st.caption(f"今天是 {today}。左侧菜单可打开全部功能；“自检”可随时检查一篇稿件。")
