"""A draft's way through review: every submission and return with its time and comment, and
what changed between submissions (issue 13, point 11)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ui.api_client import ApiClient
from ui.common import attempt, when
from ui.names import CHANGED_FIELDS, DECISIONS, HISTORY_EVENTS, STAGES


def _event_name(e: dict[str, Any]) -> str:
    if e["kind"] == "review":
        stage = STAGES.get(e.get("stage") or "", "")
        return f"{stage}{DECISIONS.get(e.get('decision') or '', '')}"
    if e["kind"] == "return" and e.get("stage"):
        return f"{STAGES.get(e['stage'], '')}退回"
    return HISTORY_EVENTS.get(e["kind"], e["kind"])


def _changed(e: dict[str, Any]) -> str:
    if e["kind"] != "submit":
        return ""
    if e.get("round") == 1:
        return "首次报送"
    changed = [CHANGED_FIELDS.get(c, c) for c in e.get("changed") or []]
    return "改动了" + "、".join(changed) if changed else "未改动"


def submission_history(api: ApiClient, draft_id: int) -> None:
    """The history as a table, oldest first."""
    events = attempt(lambda: api.history(draft_id)) or []
    st.subheader("报送记录")
    if not events:
        st.caption("尚未报送")
        return
    rows = [
        {
            "时间": when(e["at"]),
            "轮次": e.get("round") or "",
            "事项": _event_name(e),
            "改动": _changed(e),
            "说明或意见": e.get("comment") or "",
        }
        for e in events
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
