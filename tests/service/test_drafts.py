"""Drafts: creating (text and files), bad input, lists, editing rules, flag dismissals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from service.core.db import unit_of_work
from service.services.workflow import count_flags
from service.tables import AuditLog, Draft, FlagDismissal, Solicitation, SolicitationUnit
from tests.docs import make_docx
from tests.factories import login

TITLE = "云岭县三举措推进春茶产业提质增效"
BODY = (
    "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效。一是建设标准化茶园2.3万亩，"
    "二是培育区域公用品牌，三是拓展线上销售渠道，一季度线上销售额同比增长35%。"
)


def _flag(kind: str, rule: str, text: str, start: int = 0) -> dict:
    return {
        "kind": kind,
        "code": rule.split(".")[1],
        "rule": rule,
        "severity": "warning",
        "field": "body",
        "start": start,
        "end": start + len(text),
        "text": text,
        "message": "提示",
        "suggestion": None,
        "ref": None,
    }


ZERO = dict.fromkeys(("news_style", "number", "sensitive", "title", "wording", "leader"), 0)
FLAGS = [
    _flag("number", "number.placeholder.year", "201X年", 3),
    _flag("number", "number.placeholder.year", "20XX年", 30),
    _flag("news_style", "news_style.hearsay", "据悉", 50),
]


def _create(client, headers, **extra) -> dict:
    r = client.post("/api/v1/drafts", json={"title": TITLE, "body": BODY, **extra}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def _draft_count(app) -> int:
    with app.state.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Draft)) or 0


def test_bad_input_is_refused_and_nothing_is_stored(client, app, office, settings) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    cases = [
        ({"title": TITLE, "body": "  "}, officer, 422, "empty_body"),
        ({"title": TITLE}, officer, 422, "invalid_input"),
        ({"title": "长" * 201, "body": BODY}, officer, 422, "invalid_input"),
        ({"body": "字" * (settings.max_text_chars + 1)}, officer, 413, "text_too_long"),
        ({"body": BODY, "solicitation_id": 999}, officer, 404, "solicitation_not_found"),
        ({"body": BODY, "unit_id": office.unit_b}, officer, 403, "unit_not_allowed"),
        ({"body": BODY}, reviewer, 422, "unit_required"),  # a reviewer belongs to no unit
        ({"body": BODY, "unit_id": 999}, reviewer, 404, "unit_not_found"),
    ]
    for payload, headers, status, code in cases:
        r = client.post("/api/v1/drafts", json=payload, headers=headers)
        assert (r.status_code, r.json()["code"]) == (status, code), payload
        assert r.json()["message"]
    assert _draft_count(app) == 0

    entered = _create(client, reviewer, unit_id=office.unit_b)  # entered for a unit
    assert entered["unit_id"] == office.unit_b
    assert entered["author_id"] == office.users["reviewer"]


def test_upload_docx_and_txt(client, app, office) -> None:
    officer = login(client, "officer_a")
    data = make_docx(TITLE, [BODY])
    r = client.post("/api/v1/drafts/docx", files={"file": ("稿件.docx", data)}, headers=officer)
    assert r.status_code == 201, r.text
    assert (r.json()["title"], r.json()["body"]) == (TITLE, BODY)
    assert r.json()["report"]["category"]["label"] == "dynamic"

    txt = ("标题一行\n" + BODY).encode()
    r = client.post("/api/v1/drafts/docx", files={"file": ("a.txt", txt)}, headers=officer)
    assert r.status_code == 201 and r.json()["title"] == "标题一行"

    for name, content, status, code in [
        ("a.pdf", b"%PDF-1.4", 415, "unsupported_media_type"),
        ("a.txt", BODY.encode("gbk"), 422, "not_utf8"),
        ("a.docx", b"not a zip", 422, "broken_docx"),
    ]:
        r = client.post("/api/v1/drafts/docx", files={"file": (name, content)}, headers=officer)
        assert (r.status_code, r.json()["code"]) == (status, code)
    r = client.post(
        "/api/v1/drafts/docx",
        files={"file": ("a.txt", txt)},
        data={"solicitation_id": "12345"},
        headers=officer,
    )
    assert r.status_code == 404 and r.json()["code"] == "solicitation_not_found"
    assert _draft_count(app) == 2


def test_lists_are_scoped_filtered_and_paginated(client, office) -> None:
    a, b, reviewer = (login(client, n) for n in ("officer_a", "officer_b", "reviewer"))
    ids = [_create(client, a)["id"] for _ in range(3)]
    _create(client, b)
    client.post(f"/api/v1/drafts/{ids[0]}/submit", headers=a)

    mine = client.get("/api/v1/drafts", headers=a).json()
    assert mine["count"] == 3 and {d["unit_id"] for d in mine["data"]} == {office.unit_a}
    assert "body" not in mine["data"][0] and "report" not in mine["data"][0]
    widened = client.get(f"/api/v1/drafts?unit_id={office.unit_b}", headers=a).json()
    assert widened["count"] == 3  # an officer cannot look into another unit
    assert client.get("/api/v1/drafts", headers=reviewer).json()["count"] == 4
    only_b = client.get(f"/api/v1/drafts?unit_id={office.unit_b}", headers=reviewer).json()
    assert only_b["count"] == 1
    submitted = client.get("/api/v1/drafts?status=submitted", headers=a).json()
    assert [d["id"] for d in submitted["data"]] == [ids[0]]

    pages = [
        client.get(f"/api/v1/drafts?limit=2&offset={o}", headers=reviewer).json() for o in (0, 2)
    ]
    assert [p["count"] for p in pages] == [4, 4]
    assert len(pages[0]["data"]) == 2 and len(pages[1]["data"]) == 2
    assert len({d["id"] for p in pages for d in p["data"]}) == 4
    for query in ("limit=0", "limit=201", "offset=-1", "status=bogus"):
        r = client.get(f"/api/v1/drafts?{query}", headers=reviewer)
        assert r.status_code == 422 and r.json()["code"] == "invalid_input", query


def test_editing_rules(client, app, office) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    with unit_of_work(app.state.session_factory) as s:
        topic = Solicitation(topic="春耕备耕进展", due_on=date(2030, 4, 1))
        s.add(topic)
        s.flush()
        s.add(SolicitationUnit(solicitation_id=topic.id, unit_id=office.unit_a))  # asks unit A
        topic_id = topic.id
    draft = _create(client, officer, title="")
    did = draft["id"]

    r = client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    assert r.status_code == 422 and r.json()["code"] == "title_required"
    r = client.patch(f"/api/v1/drafts/{did}", json={"title": f"  {TITLE} "}, headers=officer)
    assert r.status_code == 200 and r.json()["title"] == TITLE
    assert r.json()["updated_at"] >= draft["updated_at"]
    r = client.patch(f"/api/v1/drafts/{did}", json={"solicitation_id": topic_id}, headers=officer)
    assert r.json()["solicitation_id"] == topic_id
    r = client.patch(f"/api/v1/drafts/{did}", json={"solicitation_id": 999}, headers=officer)
    assert r.status_code == 404 and r.json()["code"] == "solicitation_not_found"
    r = client.patch(f"/api/v1/drafts/{did}", json={"body": ""}, headers=officer)
    assert r.status_code == 422 and r.json()["code"] == "empty_body"
    r = client.patch(f"/api/v1/drafts/{did}", json={"solicitation_id": None}, headers=officer)
    assert r.json()["solicitation_id"] is None and r.json()["body"] == BODY

    client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    client.post(
        f"/api/v1/drafts/{did}/reviews",
        json={"stage": "final", "decision": "pass"},
        headers=reviewer,
    )
    for headers in (officer, reviewer):
        r = client.patch(f"/api/v1/drafts/{did}", json={"title": "改"}, headers=headers)
        assert r.status_code == 409 and r.json()["code"] == "draft_locked"
    r = client.post(f"/api/v1/drafts/{did}/submit", headers=officer)
    assert r.status_code == 409 and r.json()["code"] == "already_passed"


def _give_flags(app, draft_id: int, flags: list[dict]) -> None:
    """Stand in for checks that raise these flags (the analysis decides which fire)."""
    with unit_of_work(app.state.session_factory) as s:
        draft = s.get(Draft, draft_id)
        draft.report = {**draft.report, "flags": flags}


def test_dismissals_and_their_summary(client, app, office) -> None:
    a, b, reviewer, admin = (
        login(client, n) for n in ("officer_a", "officer_b", "reviewer", "admin")
    )
    first, second = _create(client, a)["id"], _create(client, a)["id"]
    _give_flags(app, first, FLAGS)
    _give_flags(app, second, FLAGS[:1])

    def dismiss(did: int, headers: dict, **payload):
        body = {"rule": "number.placeholder.year", "reason": "这是引文中的原样表述", **payload}
        return client.post(f"/api/v1/drafts/{did}/dismissals", json=body, headers=headers)

    r = dismiss(first, a, text="201X年")
    assert r.status_code == 201, r.text
    assert r.json()["scope"] == "draft" and r.json()["user_id"] == office.users["officer_a"]
    after = client.get(f"/api/v1/drafts/{first}", headers=a).json()
    assert after["flag_counts"] == {**ZERO, "news_style": 1, "number": 1}
    assert after["flags_total"] == 2 and len(after["report"]["flags"]) == 3  # report kept whole
    assert [d["text"] for d in after["dismissals"]] == ["201X年"]

    refused = [
        (dismiss(first, a, text="201X年"), 409, "already_dismissed"),
        (dismiss(first, a, rule="number.nope"), 422, "flag_not_found"),
        (dismiss(first, a, text="2019年"), 422, "flag_not_found"),
        (dismiss(first, a, reason="   "), 422, "reason_required"),
        (dismiss(first, b), 404, "draft_not_found"),
        (dismiss(first, a, scope="global"), 403, "global_needs_admin"),
        (dismiss(first, reviewer, scope="global"), 403, "global_needs_admin"),
        (dismiss(first, a, scope="everywhere"), 422, "invalid_input"),
    ]
    for r, status, code in refused:
        assert (r.status_code, r.json()["code"]) == (status, code)

    assert dismiss(second, reviewer, scope="unit").status_code == 201
    r = dismiss(first, admin, scope="global", rule="news_style.hearsay")
    assert r.status_code == 201 and r.json()["unit_id"] is None
    seen = client.get(f"/api/v1/drafts/{second}", headers=a).json()
    assert seen["flags_total"] == 0
    assert {d["scope"] for d in seen["dismissals"]} == {"unit", "global"}
    with app.state.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(FlagDismissal)) == 3
        audited = s.scalars(select(AuditLog.detail).where(AuditLog.action == "dismiss")).all()
    assert sorted(d["scope"] for d in audited) == ["global", "unit"]

    assert client.get("/api/v1/dismissals/summary", headers=reviewer).status_code == 403
    summary = client.get("/api/v1/dismissals/summary", headers=admin).json()
    by_rule = {row["rule"]: row for row in summary["data"]}
    assert summary["count"] == 2
    assert by_rule["number.placeholder.year"] == {
        "rule": "number.placeholder.year",
        "kind": "number",
        "raised": 3,
        "dismissed": 2,
        "by_scope": {"draft": 1, "unit": 1},
        "rate": round(2 / 3, 4),
    }
    assert by_rule["news_style.hearsay"]["rate"] == 1.0
    assert summary["data"][0]["rule"] == "news_style.hearsay"  # highest rate first


def test_count_flags_honours_rule_and_text() -> None:
    by_rule = FlagDismissal(rule="number.placeholder.year", text=None)
    by_text = FlagDismissal(rule="number.placeholder.year", text="20XX年")
    assert count_flags(FLAGS, []) == {**ZERO, "news_style": 1, "number": 2}
    assert count_flags(FLAGS, [by_rule])["number"] == 0
    assert count_flags(FLAGS, [by_text])["number"] == 1
