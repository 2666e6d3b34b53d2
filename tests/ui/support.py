"""A live office for the page tests: one real API on SQLite per module, seeded over HTTP.

Starting an API and hashing passwords costs seconds, so the page tests share one office per
module; every test makes the drafts it looks at (unique titles) and never counts globally.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from service.core.config import Settings
from service.main import create_app
from tests.factories import PASSWORD, Office, build_office
from tests.live import live_api
from tests.service.scoring_support import setup_scoring
from ui.api_client import ApiClient

ENTRY = str(Path(__file__).resolve().parents[2] / "ui" / "streamlit_app.py")
NAMES = ("officer_a", "officer_b", "reviewer", "admin")
TODAY = datetime.now(timezone(timedelta(hours=8))).date()

BODY = (
    "今年以来，云岭县采取三项举措推进春茶产业提质增效。一是建设标准化茶园2.3万亩；"
    "二是培育区域公用品牌；三是拓展线上销售，一季度线上销售额同比增长35%。"
)


@dataclass
class LiveOffice:
    url: str
    office: Office
    outlets: dict[str, int]  # level -> outlet id
    tokens: dict[str, str]
    users: dict[str, dict] = field(default_factory=dict)

    def client(self, name: str) -> ApiClient:
        return ApiClient(self.tokens[name], base_url=self.url)

    def draft(self, title: str, *, submit: bool = False, body: str = BODY) -> dict:
        """A draft of officer_a's unit, made through the API as officer_a."""
        api = self.client("officer_a")
        draft = api.create_draft({"title": title, "body": body})
        return api.submit_draft(draft["id"]) if submit else draft

    def passed(self, title: str) -> dict:
        draft = self.draft(title, submit=True)
        self.client("reviewer").review(
            draft["id"], {"stage": "final", "decision": "pass", "confirmed_category": "dynamic"}
        )
        return draft


def live_office(template: Path, workdir: Path, **overrides: object) -> Iterator[LiveOffice]:
    """`overrides`: other Settings for this office's API (e.g. likelihood_min_outcomes)."""
    shutil.copy(template, workdir / "ui.db")
    settings = Settings(
        database_url=f"sqlite:///{workdir / 'ui.db'}",
        var_dir=workdir / "var",
        secret_key="test-secret-" + "x" * 40,
        **overrides,
    )
    app = create_app(settings)
    office = build_office(app.state.session_factory)
    scoring = setup_scoring(app, office.users["admin"])
    app.state.engine.dispose()
    with live_api(settings) as url, pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVBRIEF_API_URL", url)
        tokens = {n: ApiClient(base_url=url).login(n, PASSWORD) for n in NAMES}
        live = LiveOffice(url, office, scoring.outlets, tokens)
        live.users = {n: live.client(n).me() for n in NAMES}
        yield live


def page(live: LiveOffice | None, name: str | None, path: str) -> AppTest:
    """The app logged in as `name` (None: anonymous), switched to the page `path`."""
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.session_state["unsaved_ready"] = True  # what the browser bridge sets (no browser here)
    if name is not None and live is not None:
        at.session_state["token"] = live.tokens[name]
        at.session_state["user"] = live.users[name]
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [e.value for e in getattr(at, kind)]


def has(at: AppTest, kind: str, fragment: str) -> bool:
    return any(fragment in str(v) for v in texts(at, kind))


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def open_address(live: LiveOffice | None, name: str | None, url_path: str) -> AppTest:
    """The app as `name`, at a page registered by its address only (hidden, callable pages)."""
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.session_state["unsaved_ready"] = True  # what the browser bridge sets (no browser here)
    if name is not None and live is not None:
        at.session_state["token"] = live.tokens[name]
        at.session_state["user"] = live.users[name]
    at.run()
    pages = at._registered_pages.items()  # AppTest.switch_page() knows files only
    at._page_hash = next(h for h, info in pages if info.get("url_pathname") == url_path)
    at.run()
    assert not at.exception, at.exception
    return at
