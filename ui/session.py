"""Login state: st.session_state for the run, a browser cookie so it survives refresh and new tabs.

The token lives in a cookie (SameSite=Strict, expiring with the token); a new browser session
reads it through st.context.cookies and asks the service who it belongs to before the router
runs, so a refresh or a deep link lands on the same page, still logged in. Unsaved text of the
自检 and 新建稿件 boxes is mirrored to the browser's localStorage and put back after a refresh.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Mapping

import httpx
import streamlit as st

from ui.api_client import ApiClient, ApiError

COOKIE = "govbrief_token"
UNSAVED_KEYS = ("check_title", "check_body", "new_title", "new_body")
EDIT_KEY = re.compile(r"^edit_(?:title|body)_(\d+)$")  # 我的稿件's boxes of stored draft N
BASES = "unsaved_bases"  # edit key -> the stored text the box was filled from

_BRIDGE_JS = """
export default function(component) {
  const { data, setStateValue } = component;
  const cookie = data.cookie;
  if (cookie.token) {
    document.cookie = `${cookie.name}=${cookie.token}; max-age=${cookie.max_age}; path=/; SameSite=Strict`;
  } else if (document.cookie.includes(cookie.name + "=")) {
    document.cookie = `${cookie.name}=; max-age=0; path=/; SameSite=Strict`;
  }
  const slot = "govbrief.unsaved";
  if (data.unsaved === null) {
    // first run of this browser session: hand back what a refresh would have lost
    setStateValue("stored", window.localStorage.getItem(slot) || "{}");
  } else {
    window.localStorage.setItem(slot, JSON.stringify(data.unsaved));
  }
}
"""
_bridge = st.components.v2.component("govbrief_browser_bridge", js=_BRIDGE_JS)


def client() -> ApiClient:
    """An API client for this browser session: one kept-alive HTTP connection pool per session
    (a new TCP connection per request cost a handshake on every call of every rerun)."""
    http = st.session_state.get("_http")
    if http is None:
        http = st.session_state["_http"] = httpx.Client(timeout=60)
    reference = st.session_state.setdefault("_reference", {})
    return ApiClient(st.session_state.get("token"), http=http, reference=reference)


def token_seconds_left(token: str, now: float | None = None) -> int:
    """Seconds until the JWT expires (0 when expired or unreadable); no signature check needed."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return max(0, int(claims["exp"] - (time.time() if now is None else now)))
    except (IndexError, KeyError, TypeError, ValueError):
        return 0


def sign_in(token: str, user: dict) -> None:
    st.session_state["token"] = token
    st.session_state["user"] = user
    st.session_state.pop("session_notice", None)
    st.session_state.pop("_reference", None)  # another account may see other lists


def restore(cookies: Mapping[str, str]) -> None:
    """Once per browser session: log in again from the cookie if its token is still good."""
    if st.session_state.get("restore_tried") or "user" in st.session_state:
        return
    st.session_state["restore_tried"] = True
    token = cookies.get(COOKIE)
    if not token:
        return
    if token_seconds_left(token) <= 0:
        st.session_state["session_notice"] = "登录已过期，请重新登录"
        return
    try:
        sign_in(token, ApiClient(token).me())
    except ApiError as exc:
        if exc.status == 401:
            st.session_state["session_notice"] = "登录已过期，请重新登录"


def current_user() -> dict | None:
    if "user" not in st.session_state:
        restore(st.context.cookies)
    return st.session_state.get("user")


def logout() -> None:
    """Sign out on the service first (the token ends there, so a cookie that outlives this
    page cannot sign anyone back in), then forget everything this browser session holds."""
    token = st.session_state.get("token")
    if token:
        try:
            ApiClient(token).post_raw("/api/v1/auth/logout")
        except ApiError:
            pass  # already expired or revoked, or the service is down: forget it here anyway
    edits = [k for k in st.session_state if EDIT_KEY.match(str(k))]
    for key in ("token", "user", *UNSAVED_KEYS, *edits, BASES, "check_result", "check_text",
                "_reference"):  # fmt: skip
        st.session_state.pop(key, None)


def edit_box_base(key: str, stored: str) -> None:
    """Fill an edit box from the stored draft once, and remember what it was filled from, so
    only text that differs from it counts as unsaved."""
    st.session_state.setdefault(key, stored)
    st.session_state.setdefault(BASES, {})[key] = stored


def unsaved_edits() -> dict[str, dict[str, str]]:
    """Edit boxes whose text differs from the stored draft they were filled from."""
    bases: dict[str, str] = st.session_state.get(BASES, {})
    return {
        key: {"text": text, "base": base}
        for key, base in bases.items()
        if isinstance(text := st.session_state.get(key), str) and text != base
    }


def sync_browser() -> None:
    """Mirror the token into the cookie and unsaved text into localStorage (every run)."""
    token = st.session_state.get("token")
    cookie = {"name": COOKIE, "token": token, "max_age": token_seconds_left(token or "")}
    if not st.session_state.get("unsaved_ready", False):
        answer = _bridge_answer()
        if answer is not None:
            put_back(answer)
    ready = st.session_state.get("unsaved_ready", False)
    unsaved = None
    if ready:
        unsaved = {k: st.session_state.get(k) or "" for k in UNSAVED_KEYS}
        unsaved["edits"] = unsaved_edits()
    with st.sidebar:
        result = _bridge(
            key="browser_bridge",
            data={"cookie": cookie, "unsaved": unsaved},
            on_stored_change=lambda: None,
        )
    stored = getattr(result, "stored", None)
    if not ready and stored is not None:
        put_back(stored)


def _bridge_answer() -> str | None:
    """What the bridge handed back from browser storage, as the rerun it asked for carries it.

    Read before the bridge is drawn, so that this very run already sends the text put back
    (not null) to the bridge: drawn again with null, the bridge would hand the storage back once
    more and ask for another rerun, which carries the boxes' empty contents from before this
    run's values reached the browser — and that run would store the empty boxes over the text.
    """
    state = st.session_state.get("browser_bridge")
    stored = state.get("stored") if isinstance(state, Mapping) else None
    return stored if isinstance(stored, str) else None


def put_back(stored: str) -> None:
    """Unsaved text from before a refresh goes into boxes that are still empty."""
    try:
        values = json.loads(stored)
    except ValueError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    for key in UNSAVED_KEYS:
        if isinstance(values.get(key), str) and values[key] and not st.session_state.get(key):
            st.session_state[key] = values[key]
    edits = values.get("edits")
    opened = None
    for key, entry in (edits if isinstance(edits, dict) else {}).items():
        match = EDIT_KEY.match(key)
        if not (match and isinstance(entry, dict) and isinstance(entry.get("text"), str)):
            continue
        if st.session_state.get(key) in (None, entry.get("base")):  # not typed over since
            st.session_state[key] = entry["text"]
            st.session_state.setdefault(BASES, {})[key] = entry.get("base")
            opened = int(match.group(1))
    if opened is not None and st.session_state.get("drafts_open") != opened:
        # 我的稿件 opens the draft being edited. Only when another one is open: a widget value
        # set from here makes the browser send a rerun with its own, older box contents
        st.session_state["drafts_open_next"] = opened
    st.session_state["unsaved_ready"] = True
