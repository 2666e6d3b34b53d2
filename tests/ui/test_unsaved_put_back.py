"""Unsaved text put back after a refresh (ui/session.py): the run that receives the browser
storage's contents fills the boxes and already sends them back to the bridge.

No browser here: the bridge's answer is set as the browser would send it with its rerun. The
real round trip (refresh, localStorage, a rerun carrying the boxes) is walked in
test_browser.py.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.ui.support import ENTRY

KEPT = "今年以来，某县新建村级养老服务站6个，服务老人900人次。"


def _bridge_data(at: AppTest) -> dict:
    (bridge,) = at.sidebar.get("bidi_component")
    return json.loads(bridge.proto.json)


def _state(at: AppTest, key: str) -> object:
    return at.session_state[key] if key in at.session_state else None


def _first_run() -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    # nothing handed back yet: the bridge is asked for the storage (null), nothing is stored
    assert _bridge_data(at)["unsaved"] is None
    assert not _state(at, "unsaved_ready")
    return at


def test_the_run_with_the_storage_fills_the_boxes_and_sends_them_back() -> None:
    at = _first_run()
    stored = {"check_title": "留存的标题", "check_body": KEPT, "new_body": ""}
    at.session_state["browser_bridge"] = {"stored": json.dumps(stored, ensure_ascii=False)}
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["check_title"] == "留存的标题"
    assert at.session_state["check_body"] == KEPT
    # this very run answers with the text (not null): a bridge drawn with null again would
    # ask for one more rerun, which carries the browser's still-empty boxes and stores them
    unsaved = _bridge_data(at)["unsaved"]
    assert unsaved is not None
    assert unsaved["check_body"] == KEPT
    assert unsaved["check_title"] == "留存的标题"


def test_unreadable_storage_puts_nothing_back_but_ends_the_wait() -> None:
    at = _first_run()
    at.session_state["browser_bridge"] = {"stored": "{not json"}
    at.run()
    assert not at.exception, at.exception
    assert not _state(at, "check_body")
    assert _state(at, "unsaved_ready")
    assert _bridge_data(at)["unsaved"] == {
        "check_title": "",
        "check_body": "",
        "new_title": "",
        "new_body": "",
        "edits": {},
    }
