"""The whole review flow through the HTTP API, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from service.core.config import Settings
from service.services.workflow import status_after
from service.tables import Draft, DraftStatus, ReviewDecision, ReviewStage
from tests.factories import login

TITLE = "云岭县三举措推进春茶产业提质增效"
BODY = (
    "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效。一是建设标准化茶园2.3万亩，"
    "二是培育区域公用品牌，三是拓展线上销售渠道，一季度线上销售额同比增长35%。"
)
PROBLEM_BODY = (
    "调研发现，桐溪县农村养老服务设施建设仍存在三方面问题。一是设施利用率偏低，"
    "二是专业护理人员不足，三是运营经费保障不稳定。建议加大统筹力度，完善长效运营机制。"
)


def _create(client, headers, title: str = TITLE, body: str = BODY) -> dict:
    r = client.post("/api/v1/drafts", json={"title": title, "body": body}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _review(client, headers, draft_id: int, stage: str, decision: str, **extra) -> dict:
    payload = {"stage": stage, "decision": decision, **extra}
    r = client.post(f"/api/v1/drafts/{draft_id}/reviews", json=payload, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_officer_creates_submits_reviewer_corrects_and_passes(client, app, office) -> None:
    officer, other, reviewer = (login(client, n) for n in ("officer_a", "officer_b", "reviewer"))

    draft = _create(client, officer)
    did = draft["id"]
    assert draft["status"] == "draft" and draft["unit_id"] == office.unit_a
    assert draft["unit_name"] == "云岭县人民政府办公室"
    assert draft["author_id"] == office.users["officer_a"]
    assert draft["predicted_category"] in {"dynamic", "problem", "special"}
    assert draft["confidence"] == max(draft["probabilities"].values())
    assert draft["model_version"] == "v1"
    assert set(draft["report"]) >= {"category", "news_style", "flags", "headlines", "stats"}
    assert set(draft["flag_counts"]) == {
        "news_style",
        "number",
        "sensitive",
        "title",
        "wording",
        "leader",
    }
    assert draft["flags_total"] == sum(draft["flag_counts"].values())
    with app.state.session_factory() as s:  # tokens are kept for retraining
        tokens = s.get(Draft, did).tokens
    assert "".join(tokens["title"]) == TITLE
    assert "".join(tokens["body"]) == BODY.replace("\n", "")

    # another unit's officer cannot see or change it, and learns nothing about it
    for method, path, body in [
        ("GET", f"/api/v1/drafts/{did}", None),
        ("PATCH", f"/api/v1/drafts/{did}", {"title": "改"}),
        ("POST", f"/api/v1/drafts/{did}/submit", None),
        ("GET", f"/api/v1/drafts/{did}/reviews", None),
    ]:
        r = client.request(method, path, json=body, headers=other)
        assert r.status_code == 404, (method, path)
        assert r.json()["code"] == "draft_not_found"
    assert client.get("/api/v1/drafts", headers=other).json()["count"] == 0

    r = client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    assert r.json()["submitted_at"] is not None
    r = client.patch(f"/api/v1/drafts/{did}", json={"title": "改"}, headers=officer)
    assert r.status_code == 409 and r.json()["code"] == "draft_locked"
    r = client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    assert r.status_code == 409 and r.json()["code"] == "already_submitted"
    r = client.post(
        f"/api/v1/drafts/{did}/reviews",
        json={"stage": "first", "decision": "pass"},
        headers=officer,
    )
    assert r.status_code == 403

    queue = client.get("/api/v1/queue", headers=reviewer).json()
    assert [row["id"] for row in queue["data"]] == [did]

    outcome = _review(
        client, reviewer, did, "first", "pass", confirmed_category="special", comment="按专报采用"
    )
    assert outcome["draft_status"] == "passed" and outcome["confirmed_category"] == "special"
    passed = client.get(f"/api/v1/drafts/{did}", headers=officer).json()
    assert passed["status"] == "passed" and passed["confirmed_category"] == "special"
    history = client.get(f"/api/v1/drafts/{did}/reviews", headers=officer).json()
    assert history["count"] == 1
    assert history["data"][0]["stage"] == "first" and history["data"][0]["comment"] == "按专报采用"
    r = client.post(
        f"/api/v1/drafts/{did}/reviews",
        json={"stage": "final", "decision": "pass"},
        headers=reviewer,
    )
    assert r.status_code == 409 and r.json()["code"] == "draft_not_in_review"
    assert client.get("/api/v1/queue", headers=reviewer).json()["count"] == 0

    for method, path in [("GET", "/api/v1/drafts"), ("GET", f"/api/v1/drafts/{did}")]:
        assert client.request(method, path).status_code == 401
    r = client.post("/api/v1/drafts", json={"title": TITLE, "body": BODY})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"
    assert client.get("/api/v1/queue").status_code == 401


def test_returned_draft_is_edited_and_resubmitted(client, office) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    did = _create(client, officer)["id"]
    client.post(f"/api/v1/drafts/{did}/submit", headers=officer)

    r = client.post(
        f"/api/v1/drafts/{did}/reviews",
        json={"stage": "first", "decision": "return", "comment": "  "},
        headers=reviewer,
    )
    assert r.status_code == 422 and r.json()["code"] == "comment_required"
    outcome = _review(client, reviewer, did, "first", "return", comment="请补充销售额绝对数")
    assert outcome["draft_status"] == "returned"
    history = client.get(f"/api/v1/drafts/{did}/reviews", headers=officer).json()
    assert history["data"][0]["comment"] == "请补充销售额绝对数"

    new_body = BODY + "\n一季度线上销售额达1.2亿元。"
    r = client.patch(f"/api/v1/drafts/{did}", json={"body": new_body}, headers=officer)
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["status"] == "returned" and edited["body"] == new_body
    assert edited["report"]["stats"]["paragraphs"] == 2  # checked again
    r = client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    assert r.status_code == 200 and r.json()["status"] == "submitted"

    row = client.get("/api/v1/queue", headers=reviewer).json()["data"][0]
    assert row["id"] == did and row["last_review_stage"] is None  # a new round
    assert _review(client, reviewer, did, "second", "pass")["draft_status"] == "passed"
    assert client.get(f"/api/v1/drafts/{did}/reviews", headers=officer).json()["count"] == 2


def test_problem_draft_waits_for_final_signoff(client, office) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    did = _create(client, officer, "桐溪县农村养老服务设施建设存在三方面问题需关注", PROBLEM_BODY)[
        "id"
    ]
    client.post(f"/api/v1/drafts/{did}/submit", headers=officer)

    first = _review(client, reviewer, did, "first", "pass", confirmed_category="problem")
    assert first["draft_status"] == "submitted"
    row = client.get("/api/v1/queue", headers=reviewer).json()["data"][0]
    assert row["last_review_stage"] == "first" and row["confirmed_category"] == "problem"
    assert _review(client, reviewer, did, "second", "pass")["draft_status"] == "submitted"
    assert _review(client, reviewer, did, "final", "pass")["draft_status"] == "passed"
    assert client.get(f"/api/v1/drafts/{did}", headers=officer).json()["status"] == "passed"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_signoff_setting_off_passes_problem_at_first_stage(settings, office) -> None:
    from fastapi.testclient import TestClient

    from service.main import create_app

    relaxed = Settings(**{**settings.model_dump(), "problem_needs_final_signoff": False})
    with TestClient(create_app(relaxed)) as client:
        officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
        did = _create(client, officer, "养老服务设施存在问题需关注", PROBLEM_BODY)["id"]
        client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
        outcome = _review(client, reviewer, did, "first", "pass", confirmed_category="problem")
        assert outcome["draft_status"] == "passed"


S, P, R = DraftStatus.submitted, DraftStatus.passed, DraftStatus.returned


@pytest.mark.parametrize(
    ("signoff", "category", "stage", "decision", "expected"),
    [
        (True, "problem", "first", "pass", S),  # waits for the leader
        (True, "problem", "second", "pass", S),
        (True, "problem", "final", "pass", P),
        (True, "problem", "first", "return", R),
        (True, "dynamic", "first", "pass", P),  # routine pieces: any stage's pass
        (True, "special", "second", "pass", P),
        (True, None, "first", "pass", P),  # no prediction: not known to be a problem piece
        (False, "problem", "first", "pass", P),  # setting off
        (False, "dynamic", "final", "return", R),
    ],
)
def test_status_after(signoff, category, stage, decision, expected) -> None:
    settings = Settings(secret_key="k" * 40, problem_needs_final_signoff=signoff)
    got = status_after(settings, category, ReviewStage(stage), ReviewDecision(decision))
    assert got == expected


def test_joint_pieces_corrections_and_dated_instructions_through_the_whole_flow(
    client, app, office
) -> None:
    """Two units send nearly the same piece; the queue shows them as similar, the reviewer
    marks them 合报 and passes them; the adoption splits its points between the units and the
    partner draft cannot be adopted again by the same outlet; 批示 entered out of date order
    count by date; a wrong adoption is corrected and a 批示 withdrawn, with reasons; the
    scoreboard, the history and the audit log follow (issues 13 and 17)."""
    from sqlalchemy import select, update

    from service.core.db import unit_of_work
    from service.repositories.scoreboard import count_draft
    from service.tables import AuditLog, DraftSubmission
    from tests.service.scoring_support import (
        assert_tallies_rebuild_the_same,
        local,
        setup_scoring,
    )

    sc = setup_scoring(app, office.users["admin"])
    officer_a, officer_b, reviewer = (
        login(client, n) for n in ("officer_a", "officer_b", "reviewer")
    )
    lead = _create(client, officer_a)["id"]
    near = BODY.replace("2.3万亩", "2.5万亩").replace("，三是拓展线上销售渠道", "")
    partner = _create(client, officer_b, "云岭县春茶产业提质增效见成效", near)["id"]
    r = client.post(f"/api/v1/drafts/{lead}/submit", json={"comment": "首报"}, headers=officer_a)
    assert r.status_code == 200, r.text
    assert client.post(f"/api/v1/drafts/{partner}/submit", headers=officer_b).status_code == 200
    with unit_of_work(app.state.session_factory) as s:  # the office's autumn, not today
        drafts = [s.get(Draft, did) for did in (lead, partner)]
        for draft in drafts:  # a direct write keeps the draft tallies as the service does
            count_draft(s, draft, -1)
        for table in (Draft, DraftSubmission):
            key = table.id if table is Draft else table.draft_id
            s.execute(update(table).where(key.in_([lead, partner]))
                      .values(submitted_at=local("2025-09-01")))  # fmt: skip
        for draft in drafts:
            s.refresh(draft)
            count_draft(s, draft, 1)

    rows = {r["id"]: r for r in client.get("/api/v1/queue", headers=reviewer).json()["data"]}
    assert rows[lead]["similar"]["draft_id"] == partner
    assert rows[partner]["similar"]["draft_id"] == lead
    r = client.post(f"/api/v1/drafts/{partner}/marks", headers=reviewer,
                    json={"other_draft_id": lead, "kind": "joint", "note": "两县联合报送"})  # fmt: skip
    assert r.status_code == 201, r.text
    rows = {r["id"]: r for r in client.get("/api/v1/queue", headers=reviewer).json()["data"]}
    assert [m["kind"] for m in rows[lead]["marks"]] == ["joint"]
    for did in (lead, partner):
        _review(client, reviewer, did, "first", "pass", confirmed_category="dynamic")

    r = client.post(f"/api/v1/drafts/{lead}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["national"], "adopted_on": "2025-09-10"})  # fmt: skip
    assert r.status_code == 201, r.text
    adoption = r.json()
    assert set(adoption["shares"]) == {str(office.unit_a), str(office.unit_b)}
    r = client.post(f"/api/v1/drafts/{partner}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["national"], "adopted_on": "2025-09-11"})  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (409, "joint_already_adopted")

    def instruct(day: str) -> dict:
        r = client.post(f"/api/v1/drafts/{lead}/instructions", headers=reviewer,
                        json={"leader_level": "city", "instructed_on": day})  # fmt: skip
        assert r.status_code == 201, r.text
        return r.json()

    december, october = instruct("2025-12-01"), instruct("2025-10-01")
    counted = {i["id"]: i["points"] for i in client.get(
        f"/api/v1/drafts/{lead}/instructions", headers=reviewer).json()["data"]}  # fmt: skip
    assert counted[october["id"]] > 0 and counted[december["id"]] == 0

    # the adoption was really the city bulletin: corrected, the partner's share follows
    r = client.patch(f"/api/v1/adoptions/{adoption['id']}", headers=reviewer,
                     json={"outlet_id": sc.outlets["city"], "adopted_on": "2025-09-10",
                           "reason": "实为市级刊物"})  # fmt: skip
    assert r.status_code == 200, r.text
    fixed = r.json()
    assert fixed["points"] < adoption["points"]
    assert set(fixed["shares"]) == {str(office.unit_a), str(office.unit_b)}
    # the October 批示 was entered by mistake: withdrawn, the December one counts again
    r = client.post(f"/api/v1/instructions/{october['id']}/withdraw", headers=reviewer,
                    json={"reason": "误录"})  # fmt: skip
    assert r.status_code == 200, r.text
    left = client.get(f"/api/v1/drafts/{lead}/instructions", headers=reviewer).json()["data"]
    assert [(i["id"], i["points"] > 0) for i in left] == [(december["id"], True)]

    board = client.get("/api/v1/scores?period=year&date=2025-01-01", headers=reviewer).json()
    points = {row["unit_id"]: row for row in board["data"]}
    assert points[office.unit_b]["adoption_points"] == fixed["shares"][str(office.unit_b)]
    assert points[office.unit_a]["adoption_points"] == fixed["shares"][str(office.unit_a)]
    assert points[office.unit_a]["instruction_points"] == left[0]["points"]
    history = client.get(f"/api/v1/drafts/{lead}/history", headers=officer_a).json()["data"]
    assert [e["kind"] for e in history] == ["submit", "review"]
    assert history[0]["comment"] == "首报"
    with app.state.session_factory() as s:
        audit = [(a.action, a.entity) for a in s.scalars(select(AuditLog).where(
            AuditLog.entity.in_(("draft_mark", "adoption", "instruction"))).order_by(AuditLog.id))]  # fmt: skip
    assert audit == [
        ("create", "draft_mark"), ("create", "adoption"), ("create", "instruction"),
        ("rescore", "instruction"), ("create", "instruction"), ("correct", "adoption"),
        ("withdraw", "instruction"), ("rescore", "instruction")]  # fmt: skip
    assert_tallies_rebuild_the_same(app)
