"""Near-duplicates in the review queue (相似 column, batched) and reviewers' 合报 / 重复 marks:
stored, audited, shown in the queue, and 合报 used by scoring (DOMAIN.md: a joint piece
splits its points between units)."""

from __future__ import annotations

from sqlalchemy import event, select

from service.tables import AuditLog
from tests.factories import login
from tests.service.scoring_support import assert_tallies_rebuild_the_same, make_draft, setup_scoring
from tests.service.test_neardup import BODY, OTHER

NEAR = BODY.replace("86公里", "90公里").replace("，实现村庄保洁全覆盖", "")


def _submitted(client, headers, title: str, body: str) -> int:
    r = client.post("/api/v1/drafts", json={"title": title, "body": body}, headers=headers)
    assert r.status_code == 201, r.text
    draft_id = r.json()["id"]
    assert client.post(f"/api/v1/drafts/{draft_id}/submit", headers=headers).status_code == 200
    return draft_id


def _queue(client, headers, **params) -> dict[int, dict]:
    r = client.get("/api/v1/queue", params={"limit": 200, **params}, headers=headers)
    assert r.status_code == 200, r.text
    return {row["id"]: row for row in r.json()["data"]}


def _mark(client, headers, draft_id: int, other: int, kind: str, expect: int = 201, **body):
    r = client.post(f"/api/v1/drafts/{draft_id}/marks", headers=headers,
                    json={"other_draft_id": other, "kind": kind, **body})  # fmt: skip
    assert r.status_code == expect, r.text
    return r.json()


def test_queue_rows_show_the_most_similar_draft(client, office) -> None:
    a, b = login(client, "officer_a"), login(client, "officer_b")
    reviewer = login(client, "reviewer")
    first = _submitted(client, a, "青禾镇整治农村人居环境", BODY)
    alone = _submitted(client, a, "南岭县新增就业3200人", OTHER)
    second = _submitted(client, b, "青禾镇人居环境整治见成效", NEAR)
    rows = _queue(client, reviewer)
    assert rows[alone]["similar"] is None and rows[alone]["marks"] == []
    for here, there in ((first, second), (second, first)):
        similar = rows[here]["similar"]
        assert similar["draft_id"] == there and similar["similarity"] >= 0.7
        assert similar["label"].startswith(f"与 #{there}（")
        assert similar["label"].endswith(f"相似 {round(similar['similarity'] * 100)}%")
    # the same answer as the per-draft lookup
    one = client.get(f"/api/v1/drafts/{second}/similar", headers=reviewer).json()["data"][0]
    assert (one["draft_id"], one["similarity"], one["label"]) == (
        first, rows[second]["similar"]["similarity"], rows[second]["similar"]["label"])  # fmt: skip


def test_the_similar_column_costs_the_same_queries_for_any_page_size(client, app, office) -> None:
    a, b = login(client, "officer_a"), login(client, "officer_b")
    reviewer = login(client, "reviewer")
    for i in range(6):
        _submitted(client, a, f"青禾镇整治农村人居环境{i}", BODY.replace("86", str(60 + i)))
        _submitted(client, b, f"南岭县新增就业{i}", OTHER.replace("3200", str(3000 + i)))
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        if any(t in statement for t in ("draft_bands", "draft_signatures", "draft_marks")):
            statements.append(statement)

    event.listen(app.state.engine, "before_cursor_execute", count)
    try:
        sizes = {}
        for limit in (2, 12):
            statements.clear()
            rows = _queue(client, reviewer, limit=limit)
            assert len(rows) == limit and all(r["similar"] for r in rows.values())
            sizes[limit] = len(statements)
    finally:
        event.remove(app.state.engine, "before_cursor_execute", count)
    # batched per page, not one lookup per row: the page's signatures, the drafts sharing their
    # band keys, the candidates' signatures not on the page (none when all are), the marks
    assert sizes[12] <= sizes[2] <= 4, sizes


def test_reviewers_mark_joint_and_duplicate_drafts(client, app, office) -> None:
    a, b = login(client, "officer_a"), login(client, "officer_b")
    reviewer = login(client, "reviewer")
    first = _submitted(client, a, "青禾镇整治农村人居环境", BODY)
    second = _submitted(client, b, "青禾镇人居环境整治见成效", NEAR)
    third = _submitted(client, a, "青禾镇人居环境整治", NEAR + "另新建公厕两座。")
    r = client.post("/api/v1/drafts", json={"title": "未报送", "body": OTHER}, headers=a)
    unsent = r.json()["id"]

    _mark(client, b, second, first, "joint", 403)  # officers do not mark
    assert _mark(client, reviewer, first, first, "joint", 422)["code"] == "mark_self"
    assert _mark(client, reviewer, first, third, "joint", 422)["code"] == "joint_same_unit"
    assert _mark(client, reviewer, first, unsent, "duplicate", 409)["code"] == (
        "draft_not_submitted")  # fmt: skip
    assert _mark(client, reviewer, first, 999999, "joint", 404)["code"] == "draft_not_found"
    assert _mark(client, reviewer, first, second, "merge", 422)

    joint = _mark(client, reviewer, second, first, "joint", note="两单位联合调研")
    assert (joint["kind"], joint["role"], joint["other_draft_id"]) == ("joint", "joint", first)
    assert joint["label"] == f"与 #{first}（云岭县人民政府办公室）合报"
    assert _mark(client, reviewer, first, second, "duplicate", 409)["code"] == "mark_exists"
    dup = _mark(client, reviewer, third, first, "duplicate")
    assert dup["role"] == "duplicate_of" and dup["label"].startswith(f"为 #{first}（")

    listed = client.get(f"/api/v1/drafts/{first}/marks", headers=reviewer).json()
    assert [(m["kind"], m["role"], m["other_draft_id"]) for m in listed["data"]] == [
        ("joint", "joint", second), ("duplicate", "duplicated_by", third)]  # fmt: skip
    assert listed["data"][0]["note"] == "两单位联合调研"
    assert listed["data"][1]["label"] == f"#{third}（云岭县人民政府办公室）与本稿重复"
    rows = _queue(client, reviewer)
    assert [m["kind"] for m in rows[first]["marks"]] == ["joint", "duplicate"]
    assert [m["role"] for m in rows[third]["marks"]] == ["duplicate_of"]

    # withdrawing needs a reason; the mark goes, the audit log keeps both steps
    r = client.post(f"/api/v1/marks/{dup['id']}/withdraw", json={"reason": " "},
                    headers=reviewer)  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (422, "empty_text")
    r = client.post(f"/api/v1/marks/{dup['id']}/withdraw", json={"reason": "并非重复"},
                    headers=reviewer)  # fmt: skip
    assert r.status_code == 200 and r.json()["id"] == dup["id"], r.text
    r = client.post(f"/api/v1/marks/{dup['id']}/withdraw", json={"reason": "再撤"},
                    headers=reviewer)  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (404, "mark_not_found")
    assert _queue(client, reviewer)[third]["marks"] == []
    with app.state.session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.entity == "draft_mark")
                          .order_by(AuditLog.id)).all()  # fmt: skip
    assert [(x.action, x.detail["kind"]) for x in audit] == [
        ("create", "joint"), ("create", "duplicate"), ("withdraw", "duplicate")]  # fmt: skip
    assert audit[-1].detail["reason"] == "并非重复"
    assert audit[0].user_id == office.users["reviewer"]


def test_a_joint_mark_splits_the_adoption_points(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    lead = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-03")
    partner = make_draft(app, office.unit_b, office.users["officer_b"], submitted="2025-03-04")
    _mark(client, reviewer, lead, partner, "joint")
    r = client.post(f"/api/v1/drafts/{lead}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["province"], "adopted_on": "2025-03-10"})  # fmt: skip
    assert r.status_code == 201, r.text
    adoption = r.json()
    assert set(adoption["shares"]) == {str(office.unit_a), str(office.unit_b)}
    assert sum(adoption["shares"].values()) == adoption["points"]
    assert "合报" in adoption["note"]
    board = client.get("/api/v1/scores?period=month&date=2025-03-01", headers=reviewer).json()
    points = {row["unit_id"]: row["adoption_points"] for row in board["data"]}
    assert points[office.unit_b] == adoption["shares"][str(office.unit_b)] > 0
    # the same outlet cannot adopt the joint piece again through the partner's draft
    r = client.post(f"/api/v1/drafts/{partner}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["province"], "adopted_on": "2025-03-11"})  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (409, "joint_already_adopted")
    # joint units given explicitly (here: none) win over the marks
    r = client.post(f"/api/v1/drafts/{lead}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["city"], "adopted_on": "2025-03-12",
                          "joint_units": []})  # fmt: skip
    assert r.status_code == 201, r.text
    assert set(r.json()["shares"]) <= {str(office.unit_a)}
    assert_tallies_rebuild_the_same(app)
