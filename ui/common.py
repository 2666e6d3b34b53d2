"""Labels and small helpers shared by the work pages. UI only: no HTTP here but via ApiClient."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ui.api_client import ApiClient, ApiError, api_url
from ui.names import CATEGORIES

T = TypeVar("T")

EDITABLE = ("draft", "returned")


def attempt(action: Callable[[], T]) -> T | None:
    """Run one API call; on failure show the service's Chinese message and return None."""
    try:
        return action()
    except ApiError as exc:
        st.error(exc.message)
        return None


def load(action: Callable[[], T]) -> T:
    """Like attempt, for data the page cannot do without: stop the page on failure."""
    result = attempt(action)
    if result is None:
        st.stop()
    return result  # type: ignore[return-value]


def flash(message: str, key: str) -> None:
    """Keep a success message for the next run (after st.rerun)."""
    st.session_state[f"flash_{key}"] = message


# After a form far down the page reruns the app the browser keeps its scroll position, and the
# message shown at the top was out of view (D7): the message is scrolled into view.
_SCROLL_JS = """
export default function(component) {
  const shown = document.querySelector('[data-testid="stAlertContentSuccess"]');
  if (shown) shown.scrollIntoView({block: "center"});
}
"""
_scroll_to_flash = st.components.v2.component("govbrief_scroll_to_flash", js=_SCROLL_JS)


def show_flash(key: str) -> None:
    """Show the message kept by flash(), at the top of the page and scrolled into view."""
    message = st.session_state.pop(f"flash_{key}", None)
    if message:
        st.success(message)
        shown = st.session_state["flash_shown"] = st.session_state.get("flash_shown", 0) + 1
        _scroll_to_flash(key=f"flash_scroll_{shown}", data={"message": message})


@st.cache_data(ttl=600, show_spinner=False)
def _office_zone_name(base_url: str) -> str:
    return ApiClient(base_url=base_url).get("/api/v1/office")["timezone"]


def office_tz() -> tzinfo:
    """The office calendar's zone, as the service is set (GOVBRIEF_TIMEZONE), asked over HTTP
    once per 10 minutes; the page stops with the service's message when it cannot answer."""
    name = load(lambda: _office_zone_name(api_url()))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        st.error(f"服务返回了无法识别的时区：{name}")
        st.stop()
        raise  # st.stop() does not return


def office_today() -> date:
    """Today on the office calendar (not the browser's or the UI server's date)."""
    return datetime.now(office_tz()).date()


def when(value: str | None) -> str:
    """An ISO timestamp from the API as local office time, minutes precision."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(office_tz()).strftime("%Y-%m-%d %H:%M")


def category_name(label: str | None) -> str:
    return CATEGORIES.get(label, label or "") if label else ""


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def unit_names(api: ApiClient) -> dict[int, str]:
    """Unit id -> name, fetched once per run (every logged-in role may read units)."""
    return {u["id"]: u["name"] for u in load(api.units)}


def open_next(key: str, item_id: int) -> None:
    """Select this item in the `key` picker on the next run (call st.rerun() after)."""
    st.session_state[f"{key}_next"] = item_id


def pick_id(label: str, options: dict[int, str], key: str) -> int | None:
    """A selectbox over {id: text}; a stale selection (e.g. after a filter change) is dropped."""
    wanted = st.session_state.pop(f"{key}_next", None)
    if not options:
        st.session_state.pop(key, None)
        return None
    if wanted in options:
        st.session_state[key] = wanted
    elif st.session_state.get(key) not in options:
        # set, not dropped: a dropped key leaves the browser showing the old label (D6)
        st.session_state[key] = next(iter(options))
    return st.selectbox(label, list(options), format_func=options.get, key=key)
