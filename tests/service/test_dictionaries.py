"""Admin dictionaries reach checks without restart; allow-lists silence rules per unit."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.core.db import unit_of_work
from service.main import create_app
from service.tables import FlagDismissal
from tests.factories import login

BODY = "今年以来，某县推进“清风行动”，整治群众身边不正之风问题42个。"


@pytest.fixture
def fast_client(settings, office):
    app = create_app(settings.model_copy(update={"model_poll_seconds": 0.0}))
    with TestClient(app) as c:
        yield c


def _rules(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [f["rule"] for f in response.json()["flags"]]


def test_custom_terms_apply_without_restart(fast_client) -> None:
    admin = login(fast_client, "admin")
    assert "sensitive.custom_term" not in _rules(
        fast_client.post("/api/v1/check", json={"body": BODY})
    )
    d = fast_client.post("/api/v1/dictionaries", json={"name": "本地敏感词"}, headers=admin).json()
    r = fast_client.post(
        f"/api/v1/dictionaries/{d['id']}/terms",
        json={
            "terms": [
                {"term": "清风行动", "replacement": "作风建设专项行动", "severity": "info"},
                {"term": "清风行动"},
            ]
        },
        headers=admin,
    )
    assert r.json() == {"added": 1}
    report = fast_client.post("/api/v1/check", json={"body": BODY}).json()
    hits = [f for f in report["flags"] if f["rule"] == "sensitive.custom_term"]
    assert len(hits) == 1
    assert hits[0]["text"] == "清风行动" and hits[0]["severity"] == "info"
    assert hits[0]["suggestion"] == "改为“作风建设专项行动”"
    assert BODY[hits[0]["start"] : hits[0]["end"]] == "清风行动"
    listed = fast_client.get("/api/v1/dictionaries", headers=admin).json()
    assert listed["data"][0]["terms"] == 1
    fast_client.patch(f"/api/v1/dictionaries/{d['id']}", json={"active": False}, headers=admin)
    assert "sensitive.custom_term" not in _rules(
        fast_client.post("/api/v1/check", json={"body": BODY})
    )


def test_dictionary_errors(fast_client) -> None:
    admin = login(fast_client, "admin")
    fast_client.post("/api/v1/dictionaries", json={"name": "甲"}, headers=admin)
    r = fast_client.post("/api/v1/dictionaries", json={"name": "甲"}, headers=admin)
    assert r.status_code == 409 and r.json()["code"] == "dictionary_exists"
    r = fast_client.post(
        "/api/v1/dictionaries/999/terms", json={"terms": [{"term": "x"}]}, headers=admin
    )
    assert r.status_code == 404 and r.json()["code"] == "dictionary_not_found"
    r = fast_client.post("/api/v1/dictionaries", json={"name": "乙", "kind": "nope"}, headers=admin)
    assert r.status_code == 422


def test_unit_allow_list_silences_a_rule_for_that_unit_only(fast_client, office) -> None:
    body = "3月5日上午，县政府召开全县安全生产工作会议。会议指出，形势严峻。会议强调，压实责任。"
    a, b = login(fast_client, "officer_a"), login(fast_client, "officer_b")
    assert "news_style.meeting_said" in _rules(
        fast_client.post("/api/v1/check", json={"body": body}, headers=a)
    )
    factory = fast_client.app.state.session_factory
    with unit_of_work(factory) as s:
        s.add(
            FlagDismissal(
                rule="news_style.meeting_said",
                scope="unit",
                unit_id=office.unit_a,
                reason="本单位会议信息按要求报送",
            )
        )
    assert "news_style.meeting_said" not in _rules(
        fast_client.post("/api/v1/check", json={"body": body}, headers=a)
    )
    assert "news_style.meeting_said" in _rules(
        fast_client.post("/api/v1/check", json={"body": body}, headers=b)
    )
    with unit_of_work(factory) as s:
        s.add(FlagDismissal(rule="news_style.meeting_lead", scope="global", reason="全局放行"))
    for headers in (a, b, {}):
        assert "news_style.meeting_lead" not in _rules(
            fast_client.post("/api/v1/check", json={"body": body}, headers=headers)
        )
