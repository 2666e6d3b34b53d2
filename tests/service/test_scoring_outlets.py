"""Outlets: admins create, rename, re-level, deactivate and delete; everyone else reads."""

from __future__ import annotations

from service.tables import AuditLog
from tests.factories import login
from tests.service.scoring_support import make_draft, setup_scoring


def test_outlet_crud(client, app, office) -> None:
    admin, reviewer, officer = (login(client, n) for n in ("admin", "reviewer", "officer_a"))
    new = {"name": "省委办公厅《工作交流》", "level": "province"}
    assert client.post("/api/v1/outlets", json=new).status_code == 401
    assert client.post("/api/v1/outlets", json=new, headers=reviewer).status_code == 403

    r = client.post("/api/v1/outlets", json=new, headers=admin)
    assert r.status_code == 201, r.text
    outlet = r.json()
    assert outlet == {"id": outlet["id"], "name": new["name"], "level": "province", "active": True}
    r = client.post("/api/v1/outlets", json=new, headers=admin)
    assert (r.status_code, r.json()["code"]) == (409, "outlet_exists")
    r = client.post("/api/v1/outlets", json={"name": "某刊", "level": "village"}, headers=admin)
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")

    path = f"/api/v1/outlets/{outlet['id']}"
    assert client.get(path, headers=officer).json()["name"] == new["name"]
    r = client.patch(path, json={"name": "省委办公厅《信息快报》", "level": "city"}, headers=admin)
    assert r.json()["name"] == "省委办公厅《信息快报》" and r.json()["level"] == "city"
    assert client.patch(path, json={"active": False}, headers=reviewer).status_code == 403
    assert client.patch(path, json={"active": False}, headers=admin).json()["active"] is False
    listed = client.get("/api/v1/outlets", headers=officer).json()
    assert listed["count"] == 1
    assert client.get("/api/v1/outlets?active_only=true", headers=officer).json()["count"] == 0

    assert client.delete(path, headers=admin).status_code == 204
    r = client.get(path, headers=officer)
    assert (r.status_code, r.json()["code"]) == (404, "outlet_not_found")
    with app.state.session_factory() as s:
        actions = [
            a.action for a in s.query(AuditLog).filter_by(entity="outlet").order_by(AuditLog.id)
        ]
    assert actions == ["create", "update", "update", "delete"]


def test_an_outlet_in_use_cannot_be_deleted(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    admin, reviewer = login(client, "admin"), login(client, "reviewer")
    draft = make_draft(app, office.unit_a, office.users["officer_a"])
    r = client.post(f"/api/v1/drafts/{draft}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["city"], "adopted_on": "2025-03-05"})  # fmt: skip
    assert r.status_code == 201
    r = client.delete(f"/api/v1/outlets/{sc.outlets['city']}", headers=admin)
    assert (r.status_code, r.json()["code"]) == (409, "outlet_in_use")
    # changing its level later leaves the stored points alone
    client.patch(f"/api/v1/outlets/{sc.outlets['city']}", json={"level": "national"}, headers=admin)
    listed = client.get(f"/api/v1/drafts/{draft}/adoptions", headers=reviewer).json()
    assert listed["data"][0]["points"] == 2.0
