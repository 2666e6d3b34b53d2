"""The leaders' table: admin API, and checks that see changes without restart."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from service.main import create_app
from service.services import office_time
from tests.factories import login

BODY = "副县长张建华到青禾镇调研春耕生产。县长张剑华、县委书记李明远出席。"


@pytest.fixture
def fast_client(settings, office):
    app = create_app(settings.model_copy(update={"model_poll_seconds": 0.0}))
    with TestClient(app) as c:
        yield c


def _leader_flags(client: TestClient, body: str = BODY) -> list[tuple[str, str]]:
    r = client.post("/api/v1/check", json={"title": "调研", "body": body})
    assert r.status_code == 200, r.text
    return sorted((f["rule"], f["text"]) for f in r.json()["flags"] if f["kind"] == "leader")


def test_leaders_reach_checks_without_restart(fast_client) -> None:
    admin = login(fast_client, "admin")
    assert _leader_flags(fast_client) == []
    rows = [
        {"name": "李明远", "post": "县委书记", "level": "县级", "sort_order": 1},
        {"name": "张建华", "post": "县长", "level": "县级", "sort_order": 2},
    ]
    ids = []
    for row in rows:
        r = fast_client.post("/api/v1/leaders", json=row, headers=admin)
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    assert _leader_flags(fast_client) == [
        ("leader.name_mismatch", "县长张剑华"),
        ("leader.post_mismatch", "副县长张建华"),
    ]
    listed = fast_client.get("/api/v1/leaders", headers=admin).json()
    assert [x["name"] for x in listed["data"]] == ["李明远", "张建华"] and listed["count"] == 2
    # the term of 张建华 ends: his name now raises term_ended, his post names nobody
    r = fast_client.patch(
        f"/api/v1/leaders/{ids[1]}", json={"valid_to": "2020-12-31"}, headers=admin
    )
    assert r.status_code == 200 and r.json()["valid_to"] == "2020-12-31"
    assert _leader_flags(fast_client) == [("leader.term_ended", "张建华")]
    assert fast_client.delete(f"/api/v1/leaders/{ids[1]}", headers=admin).status_code == 204
    assert _leader_flags(fast_client) == []
    order = "县长张建华、县委书记李明远出席。"
    fast_client.post("/api/v1/leaders", json=rows[1], headers=admin)
    assert _leader_flags(fast_client, order) == [("leader.order", "张建华、县委书记李明远")]


def test_leaders_admin_only_and_validated(fast_client) -> None:
    officer = login(fast_client, "officer_a")
    admin = login(fast_client, "admin")
    row = {"name": "李明远", "post": "县委书记"}
    assert fast_client.post("/api/v1/leaders", json=row, headers=officer).status_code == 403
    assert fast_client.get("/api/v1/leaders", headers=officer).status_code == 403
    bad = {**row, "valid_from": "2026-01-01", "valid_to": "2025-01-01"}
    assert fast_client.post("/api/v1/leaders", json=bad, headers=admin).status_code == 422
    assert fast_client.patch("/api/v1/leaders/999", json={}, headers=admin).status_code == 404
    assert fast_client.delete("/api/v1/leaders/999", headers=admin).status_code == 404


def test_terms_are_judged_on_the_office_day(settings, office) -> None:
    """A term ending on the office's 'today' is current in a zone west of it and over in a
    zone east of it, whatever the server's own date."""
    east, west = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")  # UTC+14, UTC-11
    last_day = datetime.now(west).date()  # the eastern date is always a day later
    assert datetime.now(east).date() > last_day
    row = {"name": "张建华", "post": "县长", "valid_to": last_day.isoformat()}
    body = "县长张建华到青禾镇调研春耕生产。"
    try:
        for zone, expect in (("Pacific/Pago_Pago", []), ("Pacific/Kiritimati", ["张建华"])):
            zoned = settings.model_copy(update={"timezone": zone, "model_poll_seconds": 0.0})
            with TestClient(create_app(zoned)) as client:
                if zone == "Pacific/Pago_Pago":
                    r = client.post("/api/v1/leaders", json=row, headers=login(client, "admin"))
                    assert r.status_code == 201, r.text
                flags = _leader_flags(client, body)
                assert [t for rule, t in flags if rule == "leader.term_ended"] == expect, zone
    finally:
        office_time.configure(office_time.DEFAULT_TIMEZONE)


def test_annotated_docx_carries_leader_and_wording_flags(fast_client) -> None:
    """Issue 17's families reach the Word file: one comment per flag, named by its kind."""
    import io

    import docx

    admin = login(fast_client, "admin")
    row = {"name": "张建华", "post": "县长", "level": "县级", "sort_order": 1}
    assert fast_client.post("/api/v1/leaders", json=row, headers=admin).status_code == 201
    body = "副县长张建华到青禾镇调研春耕生产，要求各村按装滴灌设备，截止目前已完成80%。"
    report = fast_client.post("/api/v1/check", json={"title": "调研", "body": body}).json()
    kinds = {f["kind"] for f in report["flags"]}
    assert {"leader", "wording"} <= kinds
    r = fast_client.post("/api/v1/check?annotate=true", json={"title": "调研", "body": body})
    assert r.status_code == 200
    comments = [c.text for c in docx.Document(io.BytesIO(r.content)).comments]
    assert len(comments) == len(report["flags"])
    assert any(c.startswith("【领导姓名职务】") and "leader.post_mismatch" in c for c in comments)
    assert any(c.startswith("【错别字与规范用语】") for c in comments)
