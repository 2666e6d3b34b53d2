"""Reference lists (units, outlets, scoring rules) are asked for once a minute per browser
session, not on every rerun of every page; a write through the session's client forgets them
(issue 16 point 8)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.support import LiveOffice, live_office
from ui.api_client import ApiClient


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    yield from live_office(sqlite_template, tmp_path_factory.mktemp("ui-reference"))


def session_client(live: LiveOffice) -> ApiClient:
    return ApiClient(live.tokens["admin"], base_url=live.url, reference={})


def names(outlets: list[dict]) -> set[str]:
    return {o["name"] for o in outlets}


def test_reference_lists_are_kept_until_the_session_writes(live: LiveOffice) -> None:
    mine, other = session_client(live), live.client("admin")
    before = names(mine.outlets())
    other.create_outlet("缓存测试刊物甲", "city")
    assert names(mine.outlets()) == before  # kept: another session's change waits for the TTL
    mine.create_outlet("缓存测试刊物乙", "city")  # a write through this session forgets them
    assert {"缓存测试刊物甲", "缓存测试刊物乙"} <= names(mine.outlets())


def test_reference_lists_expire(live: LiveOffice) -> None:
    mine, other = session_client(live), live.client("admin")
    mine.units()
    other.create_unit("缓存测试单位", "county")
    assert "缓存测试单位" not in {u["name"] for u in mine.units()}
    mine.REFERENCE_SECONDS = 0.0
    assert "缓存测试单位" in {u["name"] for u in mine.units()}


def test_a_client_without_a_session_store_always_asks(live: LiveOffice) -> None:
    plain, other = live.client("admin"), live.client("admin")
    plain.scoring_rules()
    assert plain.reference is None
    before = len(plain.outlets())
    other.create_outlet("缓存测试刊物丙", "county")
    assert len(plain.outlets()) == before + 1
