"""Adoptions and instructions through the HTTP API: points exactly as the rules give.

Default rules (service/services/data/default_scoring_rules.yml): dynamic pieces score
county 1 / city 2 / province 3 / national 10, special ones 3 / 10 / 15 / 50; 摘要 x0.5;
转报 x2 to a province, x5 to the national level; 批示 adds 50 / 20 / 10 / 5.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from service.services.office_time import local_today
from service.tables import AuditLog, DraftStatus
from tests.factories import login
from tests.service.scoring_support import (
    assert_tallies_rebuild_the_same,
    make_draft,
    make_unit,
    setup_scoring,
)


def _adopt(client, headers, draft_id: int, expect: int = 201, **body):
    r = client.post(f"/api/v1/drafts/{draft_id}/adoptions", json=body, headers=headers)
    assert r.status_code == expect, r.text
    return r.json()


def _instruct(client, headers, draft_id: int, expect: int = 201, **body):
    r = client.post(f"/api/v1/drafts/{draft_id}/instructions", json=body, headers=headers)
    assert r.status_code == expect, r.text
    return r.json()


def test_adoption_points_forms_forwarding_and_errors(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    o = sc.outlets
    d1 = make_draft(app, office.unit_a, office.users["officer_a"])

    a = _adopt(client, reviewer, d1, outlet_id=o["city"], adopted_on="2025-03-05")
    assert (a["points"], a["info_type"], a["form"], a["shares"]) == (2.0, "dynamic", "full", {})
    assert a["rule_id"] == sc.rule_id and a["unit_id"] == office.unit_a
    assert a["note"] == "市级刊物动态信息 2 分 × 全文采用 1 = 2 分"
    dup = _adopt(client, reviewer, d1, 409, outlet_id=o["city"], adopted_on="2025-03-06")
    assert dup["code"] == "already_adopted"

    b = _adopt(client, reviewer, d1, outlet_id=o["province"], adopted_on="2025-03-06",
               form="summary", info_type="special")  # fmt: skip
    assert b["points"] == 7.5  # 15 x 0.5
    c = _adopt(client, reviewer, d1, outlet_id=o["county"], adopted_on="2025-03-07",
               forwarded_to="national")  # fmt: skip
    assert (c["points"], c["forwarded_to"]) == (5.0, "national")  # 1 x5
    assert "转报国家级 5" in c["note"]

    d2 = make_draft(app, office.unit_a, office.users["officer_a"])
    bad = [
        ({"outlet_id": o["city"], "forwarded_to": "county"}, 422, "forward_not_upward"),
        ({"outlet_id": o["city"], "info_type": "gossip"}, 422, "unknown_info_type"),
        ({"outlet_id": o["city"], "form": "poster"}, 422, "unknown_form"),
        ({"outlet_id": 999999}, 422, "outlet_not_found"),
        ({"outlet_id": o["city"], "extra": 1}, 422, "invalid_input"),
        ({"outlet_id": o["city"], "joint_units": [{"unit_id": office.unit_a}]}, 422,
         "joint_units_invalid"),
        ({"outlet_id": o["city"], "joint_units": [{"unit_id": 999999}]}, 422, "unit_not_found"),
    ]  # fmt: skip
    for body, status, code in bad:
        r = _adopt(client, reviewer, d2, status, adopted_on="2025-03-05", **body)
        assert r["code"] == code, (body, r)
        assert r["message"]
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    r = _adopt(client, reviewer, d2, 422, outlet_id=o["city"], adopted_on=tomorrow)
    assert r["code"] == "date_in_future"
    r = client.patch(f"/api/v1/outlets/{o['county']}", json={"active": False},
                     headers=login(client, "admin"))  # fmt: skip
    assert r.status_code == 200 and r.json()["active"] is False
    r = _adopt(client, reviewer, d2, 422, outlet_id=o["county"], adopted_on="2025-03-05")
    assert r["code"] == "outlet_inactive"

    waiting = make_draft(app, office.unit_a, office.users["officer_a"],
                         status=DraftStatus.submitted)  # fmt: skip
    r = _adopt(client, reviewer, waiting, 409, outlet_id=o["city"], adopted_on="2025-03-05")
    assert r["code"] == "draft_not_passed"
    r = _adopt(client, reviewer, 999999, 404, outlet_id=o["city"], adopted_on="2025-03-05")
    assert r["code"] == "draft_not_found"

    # officers see their own unit's adoptions only; another unit gets 404
    officer_a, officer_b = login(client, "officer_a"), login(client, "officer_b")
    listed = client.get(f"/api/v1/drafts/{d1}/adoptions", headers=officer_a).json()
    assert [x["points"] for x in listed["data"]] == [2.0, 7.5, 5.0] and listed["count"] == 3
    assert listed["data"][0]["outlet_name"] == "市政府办公室《政务信息快报》"
    r = client.get(f"/api/v1/drafts/{d1}/adoptions", headers=officer_b)
    assert (r.status_code, r.json()["code"]) == (404, "draft_not_found")
    r = client.post(f"/api/v1/drafts/{d2}/adoptions", headers=officer_a,
                    json={"outlet_id": o["city"], "adopted_on": "2025-03-05"})  # fmt: skip
    assert r.status_code == 403
    assert client.get("/api/v1/adoptions", headers=officer_b).json()["count"] == 0
    everything = client.get("/api/v1/adoptions?from=2025-03-06", headers=reviewer).json()
    assert [x["points"] for x in everything["data"]] == [5.0, 7.5]
    assert everything["data"][0]["draft_title"]

    with app.state.session_factory() as s:
        logged = s.scalars(select(AuditLog).where(AuditLog.entity == "adoption")).all()
    assert len(logged) == 3 and {e.user_id for e in logged} == {office.users["reviewer"]}
    assert {e.detail["points"] for e in logged} == {"2.00", "7.50", "5.00"}


def test_joint_pieces_split_points_between_units(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    o = sc.outlets
    unit_c = make_unit(app, "松林县人民政府办公室")
    draft = make_draft(app, office.unit_a, office.users["officer_a"], category="special")

    equal = _adopt(client, reviewer, draft, outlet_id=o["province"], adopted_on="2025-03-05",
                   joint_units=[{"unit_id": office.unit_b}])  # fmt: skip
    assert equal["points"] == 15.0
    assert equal["shares"] == {str(office.unit_a): 7.5, str(office.unit_b): 7.5}
    given = _adopt(client, reviewer, draft, outlet_id=o["national"], adopted_on="2025-03-06",
                   joint_units=[{"unit_id": office.unit_b, "share": 0.3}])  # fmt: skip
    assert given["shares"] == {str(office.unit_a): 35.0, str(office.unit_b): 15.0}
    three = _adopt(client, reviewer, draft, outlet_id=o["city"], adopted_on="2025-03-07",
                   info_type="dynamic",
                   joint_units=[{"unit_id": office.unit_b}, {"unit_id": unit_c}])  # fmt: skip
    # 2 points in three: the partners get 0.67 each, the lead unit the rest
    assert three["shares"] == {str(office.unit_a): 0.66, str(office.unit_b): 0.67,
                               str(unit_c): 0.67}  # fmt: skip
    assert "合报分成" in three["note"] and "松林县人民政府办公室 0.67 分" in three["note"]
    bad = _adopt(client, reviewer, draft, 422, outlet_id=o["county"], adopted_on="2025-03-07",
                 joint_units=[{"unit_id": office.unit_b, "share": 0.5},
                              {"unit_id": unit_c}])  # fmt: skip
    assert bad["code"] == "joint_shares_incomplete"
    bad = _adopt(client, reviewer, draft, 422, outlet_id=o["county"], adopted_on="2025-03-07",
                 joint_units=[{"unit_id": office.unit_b, "share": 0.6},
                              {"unit_id": unit_c, "share": 0.4}])  # fmt: skip
    assert bad["code"] == "joint_shares_invalid"

    board = client.get("/api/v1/scores?period=month&date=2025-03-01", headers=reviewer).json()
    points = {row["unit_id"]: row["points"] for row in board["data"]}
    assert points == {office.unit_a: 43.16, office.unit_b: 23.17, unit_c: 0.67}
    adopted = {row["unit_id"]: (row["adopted"], row["adoptions"]) for row in board["data"]}
    assert adopted == {office.unit_a: (1, 3), office.unit_b: (0, 0), unit_c: (0, 0)}
    assert_tallies_rebuild_the_same(app)


def test_instructions_count_once_per_level(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    draft = make_draft(app, office.unit_a, office.users["officer_a"])
    _adopt(client, reviewer, draft, outlet_id=sc.outlets["province"], adopted_on="2025-03-05")

    first = _instruct(client, reviewer, draft, leader_level="province",
                      instructed_on="2025-03-10", text="请各地借鉴。")  # fmt: skip
    assert (first["points"], first["note"]) == (20.0, "省级领导批示加 20 分")
    again = _instruct(client, reviewer, draft, leader_level="province", instructed_on="2025-03-12")
    assert again["points"] == 0.0 and "同级批示不重复计分" in again["note"]
    national = _instruct(client, reviewer, draft, leader_level="national",
                         instructed_on="2025-03-15")  # fmt: skip
    assert national["points"] == 50.0

    officer_a, officer_b = login(client, "officer_a"), login(client, "officer_b")
    listed = client.get(f"/api/v1/drafts/{draft}/instructions", headers=officer_a).json()
    assert [i["points"] for i in listed["data"]] == [20.0, 0.0, 50.0]
    assert listed["data"][0]["text"] == "请各地借鉴。"
    r = client.get(f"/api/v1/drafts/{draft}/instructions", headers=officer_b)
    assert r.status_code == 404
    r = _instruct(client, reviewer, draft, 422, leader_level="village", instructed_on="2025-03-15")
    assert r["code"] == "invalid_input"

    board = client.get("/api/v1/scores?period=month&date=2025-03-20", headers=officer_a).json()
    row = next(r for r in board["data"] if r["unit_id"] == office.unit_a)
    assert (row["points"], row["instruction_points"], row["instructions"]) == (73.0, 70.0, 3)
