"""Display names.

The Chinese word for every value the service sends (statuses, stages, categories, flag kinds,
roles, ...) comes from the service itself (`GET /api/v1/names`, asked once per 10 minutes per
UI process), so the UI never keeps a copy that could drift. Written here are only the UI's own
words: short forms for narrow columns, the queue's sort choices, the correction actions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import streamlit as st

from ui.api_client import ApiClient, ApiError, api_url


@st.cache_data(ttl=600, show_spinner=False)
def _served(base_url: str) -> dict[str, dict[str, str]]:
    return ApiClient(base_url=base_url).get("/api/v1/names")


class Served(Mapping[str, str]):
    """One of the service's tables, fetched when first read (not at import: the service may
    not be up yet when a page module is imported)."""

    def __init__(self, table: str) -> None:
        self.table = table

    def _names(self) -> dict[str, str]:
        try:
            return _served(api_url())[self.table]
        except ApiError as exc:
            st.error(exc.message)
            st.stop()
            raise  # st.stop() does not return

    def __getitem__(self, key: str) -> str:
        return self._names()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __repr__(self) -> str:
        return f"Served({self.table!r})"


CATEGORIES = Served("categories")
FLAG_KINDS = Served("flag_kinds")
SEVERITIES = Served("severities")
ROLES = Served("roles")
STATUSES = Served("statuses")
STAGES = Served("stages")
DECISIONS = Served("decisions")
OUTLET_LEVELS = Served("outlet_levels")
LEADER_LEVELS = Served("leader_levels")
MARKS = Served("marks")
ANSWERS = Served("answers")
UNIT_KINDS = Served("unit_kinds")
MODEL_STATUSES = Served("model_statuses")
JOB_STATUSES = Served("job_statuses")
DICTIONARY_KINDS = Served("dictionary_kinds")
HISTORY_EVENTS = Served("history_events")
CHANGED_FIELDS = Served("changed_fields")
RULE_MODES = Served("rule_modes")
DISMISSAL_SCOPES = Served("dismissal_scopes")
PERIODS = Served("periods")
SCORE_VIEWS = Served("score_views")

# the UI's own words
OFFICER_SCOPES = ("draft", "unit")  # an officer ignores a flag for this draft or the whole unit
DICTIONARY_SHORT = {"custom_term": "敏感词", "allow": "放行词"}
CORRECTION_ACTIONS = {"correct": "更正", "withdraw": "撤销"}
ORDER_NAMES = {"": "默认方向", "asc": "升序", "desc": "降序"}
SHORT_CATEGORY = {"dynamic": "动态", "problem": "问题", "special": "专报"}
SHORT_KIND = {
    "news_style": "新闻",
    "number": "数字",
    "sensitive": "敏感",
    "title": "标题",
    "wording": "用语",
    "leader": "领导",
}


def sort_names() -> dict[str, str]:
    """The queue's sort choices (values of the API's `sort` parameter) and their labels."""
    return {
        "confidence": "分类置信度",
        "flags_total": "问题总数",
        "age": "报送时间（等待最久）",
        "adoption_likelihood": "采用可能性",
        **{f"flags.{k}": f"{name}问题数" for k, name in FLAG_KINDS.items()},
    }
