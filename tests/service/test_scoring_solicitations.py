"""Solicitations (约稿): who sees them, answer status, and the points missing/late ones cost."""

from __future__ import annotations

from datetime import timedelta

from service.services.office_time import local_today
from service.services.solicitations import answer_status
from tests.factories import login
from tests.service.scoring_support import make_draft, setup_scoring


def test_answer_status() -> None:
    from datetime import date

    due, today = date(2025, 3, 15), date(2025, 3, 20)
    assert answer_status(due, date(2025, 3, 15), today) == "answered"
    assert answer_status(due, date(2025, 3, 16), today) == "late"
    assert answer_status(due, None, today) == "missing"
    assert answer_status(due, None, due) == "pending"  # the due day itself is still in time


def test_solicitations_visibility_status_and_penalties(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer, officer_a, officer_b = (login(client, n) for n in ("reviewer", "officer_a",
                                                                 "officer_b"))  # fmt: skip
    ask = {"topic": "春耕备耕进展", "outlet_id": sc.outlets["city"], "due_on": "2025-03-15",
           "unit_ids": [office.unit_a, office.unit_b], "note": "请报送典型做法"}  # fmt: skip
    assert client.post("/api/v1/solicitations", json=ask, headers=officer_a).status_code == 403
    first = client.post("/api/v1/solicitations", json=ask, headers=reviewer)
    assert first.status_code == 201, first.text
    first = first.json()
    assert first["outlet_name"] == "市政府办公室《政务信息快报》"
    assert [u["status"] for u in first["units"]] == ["missing", "missing"] and first["overdue"]
    second = client.post(
        "/api/v1/solicitations",
        json={"topic": "防汛准备", "due_on": "2025-03-20", "unit_ids": [office.unit_a]},
        headers=reviewer,
    ).json()
    soon = (local_today() + timedelta(days=5)).isoformat()
    future = client.post(
        "/api/v1/solicitations",
        json={"topic": "下月重点", "due_on": soon, "unit_ids": [office.unit_a, office.unit_a]},
        headers=reviewer,
    ).json()
    assert [u["status"] for u in future["units"]] == ["pending"] and not future["overdue"]
    for bad, code in [({**ask, "unit_ids": []}, "invalid_input"),
                      ({**ask, "unit_ids": [999999]}, "unit_not_found"),
                      ({**ask, "outlet_id": 999999}, "outlet_not_found")]:  # fmt: skip
        r = client.post("/api/v1/solicitations", json=bad, headers=reviewer)
        assert (r.status_code, r.json()["code"]) == (422, code)

    # unit A answers the first on time and the second late; unit B never answers
    on_time = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-15",
                         solicitation_id=first["id"])  # fmt: skip
    make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-22",
               solicitation_id=second["id"])  # fmt: skip
    make_draft(
        app, office.unit_b, office.users["officer_b"], submitted=None, solicitation_id=first["id"]
    )  # a draft never submitted answers nothing

    got = client.get(f"/api/v1/solicitations/{first['id']}", headers=officer_a).json()
    answers = {u["unit_id"]: (u["status"], u["draft_id"]) for u in got["units"]}
    assert answers == {office.unit_a: ("answered", on_time), office.unit_b: ("missing", None)}
    assert got["units"][0]["submitted_on"] == "2025-03-15"
    mine = client.get("/api/v1/solicitations", headers=officer_b).json()
    assert [s["id"] for s in mine["data"]] == [first["id"]]
    r = client.get(f"/api/v1/solicitations/{second['id']}", headers=officer_b)
    assert (r.status_code, r.json()["code"]) == (404, "solicitation_not_found")
    every = client.get("/api/v1/solicitations?limit=2", headers=reviewer).json()
    assert every["count"] == 3 and [s["id"] for s in every["data"]] == [future["id"], second["id"]]
    late = client.get(f"/api/v1/solicitations/{second['id']}", headers=officer_a).json()
    assert late["units"][0]["status"] == "late"

    board = client.get("/api/v1/scores?period=month&date=2025-03-01", headers=reviewer).json()
    rows = {r["unit_id"]: r for r in board["data"]}
    assert (rows[office.unit_a]["penalty_points"], rows[office.unit_a]["late"]) == (-10.0, 1)
    assert (rows[office.unit_b]["penalty_points"], rows[office.unit_b]["missing"]) == (-10.0, 1)
    assert rows[office.unit_a]["points"] == -10.0
    assert [r["rank"] for r in board["data"]] == [1, 1]
