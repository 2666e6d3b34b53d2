"""Issue 13: what a scripted office found, each point over HTTP on SQLite and PostgreSQL.

Default rules: dynamic pieces score county 1 / city 2 / province 3 / national 10; 批示 adds
national 50 / province 20 / city 10 / county 5.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select

from service.core.config import Settings
from service.core.db import unit_of_work
from service.main import create_app
from service.services import office_time
from service.services.office_time import local_today
from service.services.scoring_rules import default_rules
from service.tables import AuditLog, Draft, DraftStatus, Solicitation, SolicitationUnit
from tests.factories import login
from tests.service.scoring_support import assert_tallies_rebuild_the_same, make_draft, setup_scoring

BODY = "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效，一季度线上销售额同比增长35%。"


def _adopt(client, headers, draft_id: int, expect: int = 201, **body) -> dict:
    r = client.post(f"/api/v1/drafts/{draft_id}/adoptions", json=body, headers=headers)
    assert r.status_code == expect, r.text
    return r.json()


def _instruct(client, headers, draft_id: int, expect: int = 201, **body) -> dict:
    r = client.post(f"/api/v1/drafts/{draft_id}/instructions", json=body, headers=headers)
    assert r.status_code == expect, r.text
    return r.json()


def _row(client, headers, unit_id: int, day: str, period: str = "month") -> dict:
    r = client.get(f"/api/v1/scores?period={period}&date={day}", headers=headers)
    assert r.status_code == 200, r.text
    return next(row for row in r.json()["data"] if row["unit_id"] == unit_id)


# -- 1. the queue sorts by category, unit and solicitation; the confirmed category counts -------


def _queue_drafts(app, office) -> dict[str, int]:
    with unit_of_work(app.state.session_factory) as s:
        early = Solicitation(topic="春耕", due_on=date(2025, 3, 5))
        late = Solicitation(topic="防汛", due_on=date(2025, 6, 5))
        s.add_all([early, late])
        s.flush()
        s.add_all([SolicitationUnit(solicitation_id=x.id, unit_id=u)
                   for x in (early, late) for u in (office.unit_a, office.unit_b)])  # fmt: skip
        seed = {  # name: (unit, predicted, confirmed, solicitation)
            "a_dyn": (office.unit_a, "dynamic", None, late.id),
            "a_prob": (office.unit_a, "problem", None, None),
            "b_spec": (office.unit_b, "special", None, early.id),
            "b_fixed": (office.unit_b, "dynamic", "special", None),  # reviewer corrected it
        }
        ids = {}
        for i, (name, (unit, predicted, confirmed, sid)) in enumerate(seed.items()):
            draft = Draft(unit_id=unit, author_id=office.users["officer_a"], title=name,
                          body=BODY, status=DraftStatus.submitted, predicted_category=predicted,
                          confirmed_category=confirmed, confidence=0.5 + i / 10,
                          solicitation_id=sid,
                          submitted_at=datetime(2025, 3, 1 + i, 2, tzinfo=UTC))  # fmt: skip
            s.add(draft)
            s.flush()
            ids[name] = draft.id
        return ids


def test_queue_sorts_by_category_unit_and_solicitation(client, app, office) -> None:
    ids = _queue_drafts(app, office)
    names = {v: k for k, v in ids.items()}
    reviewer = login(client, "reviewer")

    def order(query: str) -> list[str]:
        r = client.get(f"/api/v1/queue?{query}", headers=reviewer)
        assert r.status_code == 200, r.text
        return [names[row["id"]] for row in r.json()["data"]]

    # by category: the confirmed one (b_fixed is special now), ties by id
    assert order("sort=category") == ["a_dyn", "a_prob", "b_spec", "b_fixed"]
    assert order("sort=category&order=desc") == ["b_spec", "b_fixed", "a_prob", "a_dyn"]
    assert order("category=special") == ["b_spec", "b_fixed"]
    assert order("category=dynamic") == ["a_dyn"]
    rows = client.get("/api/v1/queue?category=special", headers=reviewer).json()["data"]
    fixed = next(r for r in rows if r["id"] == ids["b_fixed"])
    assert (fixed["category"], fixed["category_name"], fixed["predicted_category"]) == (
        "special", "专报信息", "dynamic")  # fmt: skip
    # by unit (name): each unit's drafts together, the two directions mirror each other
    by_unit = order("sort=unit")
    assert {by_unit[0], by_unit[1]} in ({"a_dyn", "a_prob"}, {"b_spec", "b_fixed"})
    flipped = order("sort=unit&order=desc")
    assert {flipped[0], flipped[1]} == {by_unit[2], by_unit[3]}
    # by solicitation: the 约稿 due first, drafts answering none last
    assert order("sort=solicitation") == ["b_spec", "a_dyn", "a_prob", "b_fixed"]
    assert client.get("/api/v1/queue?sort=bogus", headers=reviewer).status_code == 422

    # the drafts list filters by and shows the confirmed category too
    r = client.get("/api/v1/drafts?category=special", headers=reviewer).json()
    assert {d["id"] for d in r["data"]} == {ids["b_spec"], ids["b_fixed"]}
    assert all(d["category"] == "special" for d in r["data"])
    one = client.get(f"/api/v1/drafts/{ids['b_fixed']}", headers=reviewer).json()
    assert one["category"] == "special"


def test_review_confirmation_moves_the_draft_between_category_filters(client, office) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    draft = client.post("/api/v1/drafts", json={"title": "云岭县春茶产业提质增效", "body": BODY},
                        headers=officer).json()  # fmt: skip
    client.post(f"/api/v1/drafts/{draft['id']}/submit", headers=officer)
    predicted = draft["predicted_category"]
    other = next(c for c in ("dynamic", "special") if c != predicted)
    r = client.post(f"/api/v1/drafts/{draft['id']}/reviews", headers=reviewer,
                    json={"stage": "first", "decision": "pass", "confirmed_category": "problem",
                          "comment": "问题类"})  # fmt: skip
    assert r.json()["draft_status"] == "submitted"  # problem pieces wait for 终审
    queue = client.get("/api/v1/queue?category=problem", headers=reviewer).json()
    assert [row["id"] for row in queue["data"]] == [draft["id"]]
    if predicted != "problem":
        assert client.get(f"/api/v1/queue?category={predicted}", headers=reviewer).json()[
            "count"] == 0  # fmt: skip
    assert client.get(f"/api/v1/queue?category={other}", headers=reviewer).json()["count"] == 0


# -- 2. 约稿 only for solicitations addressed to the draft's unit --------------------------------


def test_solicitation_of_another_unit_is_refused_without_disclosure(client, office) -> None:
    officer_a, officer_b = login(client, "officer_a"), login(client, "officer_b")
    reviewer = login(client, "reviewer")
    due = (local_today() + timedelta(days=7)).isoformat()
    r = client.post("/api/v1/solicitations", headers=reviewer,
                    json={"topic": "防汛", "due_on": due, "unit_ids": [office.unit_b]})  # fmt: skip
    sid = r.json()["id"]

    body = {"title": "云岭县春茶", "body": BODY}
    foreign = client.post("/api/v1/drafts", json={**body, "solicitation_id": sid},
                          headers=officer_a)  # fmt: skip
    missing = client.post("/api/v1/drafts", json={**body, "solicitation_id": sid + 999},
                          headers=officer_a)  # fmt: skip
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()  # the same answer: which ids exist is not told
    assert foreign.json()["code"] == "solicitation_not_found"
    mine = client.post("/api/v1/drafts", json=body, headers=officer_a).json()
    r = client.patch(f"/api/v1/drafts/{mine['id']}", json={"solicitation_id": sid},
                     headers=officer_a)  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (404, "solicitation_not_found")
    r = client.post("/api/v1/drafts", headers=reviewer,
                    json={**body, "solicitation_id": sid, "unit_id": office.unit_a})  # fmt: skip
    assert r.status_code == 404  # a reviewer entering a piece for unit A: the same rule
    ok = client.post("/api/v1/drafts", json={**body, "solicitation_id": sid}, headers=officer_b)
    assert ok.status_code == 201 and ok.json()["solicitation_id"] == sid


# -- 3. 采用篇数 by the earliest adoption date; 6. 采用率 never above 100% ------------------------


def test_adopted_count_follows_the_earliest_date_whatever_the_entry_order(
    client, app, office
) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-09-20")
    december = _adopt(client, reviewer, d, outlet_id=sc.outlets["province"],
                      adopted_on="2025-12-03")  # fmt: skip
    assert _row(client, reviewer, office.unit_a, "2025-12-01")["adopted"] == 1
    _adopt(client, reviewer, d, outlet_id=sc.outlets["city"], adopted_on="2025-10-15")
    oct_row = _row(client, reviewer, office.unit_a, "2025-10-01")
    dec_row = _row(client, reviewer, office.unit_a, "2025-12-01")
    assert (oct_row["adopted"], oct_row["adoptions"], oct_row["adoption_points"]) == (1, 1, 2.0)
    assert (dec_row["adopted"], dec_row["adoptions"], dec_row["adoption_points"]) == (0, 1, 3.0)
    officers = client.get("/api/v1/scores?period=month&date=2025-10-01&by=officer",
                          headers=reviewer).json()["data"]  # fmt: skip
    assert next(r for r in officers if r["user_id"] == office.users["officer_a"])["adopted"] == 1
    assert _row(client, reviewer, office.unit_a, "2025-01-01", "year")["adopted"] == 1
    assert_tallies_rebuild_the_same(app)  # a rebuild agrees: the earliest date, not the first id

    # withdrawing the October adoption moves the count back to December
    oct_id = next(a["id"] for a in client.get(f"/api/v1/drafts/{d}/adoptions",
                  headers=reviewer).json()["data"] if a["adopted_on"] == "2025-10-15")  # fmt: skip
    r = client.post(f"/api/v1/adoptions/{oct_id}/withdraw", json={"reason": "录错刊物"},
                    headers=reviewer)  # fmt: skip
    assert r.status_code == 200, r.text
    assert _row(client, reviewer, office.unit_a, "2025-10-01")["adopted"] == 0
    assert _row(client, reviewer, office.unit_a, "2025-12-01")["adopted"] == 1
    assert december["id"] != oct_id
    assert_tallies_rebuild_the_same(app)


def test_a_new_instruction_is_scored_by_its_date_whatever_the_entry_order(
    client, app, office
) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-09-20")
    _adopt(client, reviewer, d, outlet_id=sc.outlets["city"], adopted_on="2025-09-25")
    december = _instruct(client, reviewer, d, leader_level="city", instructed_on="2025-12-03")
    assert december["points"] == 10.0
    october = _instruct(client, reviewer, d, leader_level="city", instructed_on="2025-10-15")
    assert october["points"] == 10.0  # the earlier 批示 is the counted one
    listed = client.get(f"/api/v1/drafts/{d}/instructions", headers=reviewer).json()["data"]
    assert {i["id"]: i["points"] for i in listed} == {december["id"]: 0.0, october["id"]: 10.0}
    oct_row = _row(client, reviewer, office.unit_a, "2025-10-01")
    dec_row = _row(client, reviewer, office.unit_a, "2025-12-01")
    assert (oct_row["instruction_points"], oct_row["instructions"]) == (10.0, 1)
    assert (dec_row["instruction_points"], dec_row["instructions"]) == (0.0, 1)
    with app.state.session_factory() as s:
        rescored = s.scalars(select(AuditLog).where(AuditLog.action == "rescore")).all()
    assert [(a.entity_id, a.detail["after_points"]) for a in rescored] == [
        (str(december["id"]), "0.00")
    ]
    assert_tallies_rebuild_the_same(app)


def test_adoption_rate_is_the_share_of_submitted_drafts_adopted(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    a = office.users["officer_a"]
    feb = make_draft(app, office.unit_a, a, submitted="2025-02-20")  # adopted in March
    mar = make_draft(app, office.unit_a, a, submitted="2025-03-03")  # adopted in March
    make_draft(app, office.unit_a, a, submitted="2025-03-04")  # never adopted
    late = make_draft(app, office.unit_a, a, submitted="2025-03-05")  # adopted in April
    for draft, day in ((feb, "2025-03-06"), (mar, "2025-03-07"), (late, "2025-04-02")):
        _adopt(client, reviewer, draft, outlet_id=sc.outlets["city"], adopted_on=day)
    _adopt(client, reviewer, feb, outlet_id=sc.outlets["province"], adopted_on="2025-03-08")

    march = _row(client, reviewer, office.unit_a, "2025-03-01")
    # 采用篇数: first adopted in March (feb, mar); 采用率: of the 3 submitted in March, 2 adopted
    assert (march["submitted"], march["adopted"], march["adoptions"]) == (3, 2, 3)
    assert march["submitted_adopted"] == 2
    assert march["adoption_rate"] == pytest.approx(2 / 3, abs=1e-4)
    february = _row(client, reviewer, office.unit_a, "2025-02-01")
    assert (february["submitted"], february["adopted"], february["adoption_rate"]) == (1, 0, 1.0)
    year = _row(client, reviewer, office.unit_a, "2025-01-01", "year")
    assert (year["submitted"], year["submitted_adopted"], year["adoption_rate"]) == (4, 3, 0.75)
    boards = [client.get(f"/api/v1/scores?period={k}&date=2025-03-01&by={by}",
                         headers=reviewer).json()["data"]
              for k in ("month", "quarter", "year") for by in ("unit", "officer")]  # fmt: skip
    assert all(r["adoption_rate"] is None or 0 <= r["adoption_rate"] <= 1
               for board in boards for r in board)  # fmt: skip
    other = _row(client, reviewer, office.unit_b, "2025-03-01")
    assert (other["submitted"], other["adoption_rate"]) == (0, None)


# -- 4. dates before the draft's submission are refused -----------------------------------------


def test_adoption_and_instruction_dates_before_submission_are_refused(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer = login(client, "reviewer")
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-03")
    for day in ("2019-06-01", "2025-03-02"):
        bad = _adopt(client, reviewer, d, 422, outlet_id=sc.outlets["city"], adopted_on=day)
        assert bad["code"] == "date_before_submission" and "2025-03-03" in bad["message"]
        bad = _instruct(client, reviewer, d, 422, leader_level="national", instructed_on=day)
        assert bad["code"] == "date_before_submission"
    for day in ("2019-06-01", "2025-03-02", "2025-03-05"):
        r = client.get(f"/api/v1/scores?period=year&date={day}", headers=reviewer).json()
        assert all(row["points"] == 0 for row in r["data"])  # nothing was stored
    ok = _adopt(client, reviewer, d, outlet_id=sc.outlets["city"], adopted_on="2025-03-03")
    r = client.patch(f"/api/v1/adoptions/{ok['id']}", headers=reviewer,
                     json={"outlet_id": sc.outlets["city"], "adopted_on": "2024-12-31",
                           "reason": "改日期"})  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (422, "date_before_submission")
    _instruct(client, reviewer, d, leader_level="city", instructed_on="2025-03-03")


# -- 5. backdated rule versions are refused --------------------------------------------------------


def test_backdated_rule_versions_are_refused(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    admin, reviewer = login(client, "admin"), login(client, "reviewer")
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-03")
    _adopt(client, reviewer, d, outlet_id=sc.outlets["city"], adopted_on="2025-03-05")
    due = (local_today() - timedelta(days=40)).isoformat()
    client.post("/api/v1/solicitations", headers=reviewer,
                json={"topic": "专题", "due_on": due, "unit_ids": [office.unit_a]})  # fmt: skip
    before = _row(client, reviewer, office.unit_a, due)
    assert before["penalty_points"] == -10.0

    rules = default_rules().model_dump(mode="json")
    rules["solicitation"]["missing"] = -30
    rules["points"]["city"]["dynamic"] = 9
    for day in (local_today() - timedelta(days=1), date(2025, 1, 1)):
        r = client.post("/api/v1/scoring-rules", headers=admin,
                        json={"name": "追溯", "effective_from": day.isoformat(), "rules": rules})  # fmt: skip
        assert (r.status_code, r.json()["code"]) == (409, "rule_backdated"), r.text
    after = _row(client, reviewer, office.unit_a, due)
    assert after["penalty_points"] == -10.0 and after["points"] == before["points"]
    future = (local_today() + timedelta(days=1)).isoformat()
    r = client.post("/api/v1/scoring-rules", headers=admin,
                    json={"name": "明日起", "effective_from": future, "rules": rules})  # fmt: skip
    assert r.status_code == 201, r.text
    assert _row(client, reviewer, office.unit_a, due)["penalty_points"] == -10.0
    assert _row(client, reviewer, office.unit_a, "2025-03-01")["adoption_points"] == 2.0


# -- 7. corrections and withdrawals, audited; the scoreboard follows ------------------------------


def test_correct_and_withdraw_adoptions_and_instructions(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    reviewer, officer = login(client, "reviewer"), login(client, "officer_a")
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-03")
    wrong = _adopt(client, reviewer, d, outlet_id=sc.outlets["national"], adopted_on="2025-03-05")
    assert _row(client, reviewer, office.unit_a, "2025-03-01")["points"] == 10.0

    body = {"outlet_id": sc.outlets["city"], "adopted_on": "2025-04-02", "reason": "实为市级刊物"}
    assert client.patch(f"/api/v1/adoptions/{wrong['id']}", json=body,
                        headers=officer).status_code == 403  # fmt: skip
    r = client.patch("/api/v1/adoptions/999999", json=body, headers=reviewer)
    assert (r.status_code, r.json()["code"]) == (404, "adoption_not_found")
    r = client.patch(f"/api/v1/adoptions/{wrong['id']}", json={**body, "reason": ""},
                     headers=reviewer)  # fmt: skip
    assert r.status_code == 422
    r = client.patch(f"/api/v1/adoptions/{wrong['id']}", json=body, headers=reviewer)
    assert r.status_code == 200, r.text
    fixed = r.json()
    assert (fixed["id"], fixed["points"], fixed["adopted_on"]) == (wrong["id"], 2.0, "2025-04-02")
    march = _row(client, reviewer, office.unit_a, "2025-03-01")
    april = _row(client, reviewer, office.unit_a, "2025-04-01")
    assert (march["points"], march["adopted"], march["adoptions"]) == (0.0, 0, 0)
    assert (april["points"], april["adopted"], april["adoptions"]) == (2.0, 1, 1)

    # 批示: a duplicate at the same level scores 0; withdrawing the counted one lets it count
    first = _instruct(client, reviewer, d, leader_level="city", instructed_on="2025-04-03")
    second = _instruct(client, reviewer, d, leader_level="city", instructed_on="2025-04-04")
    assert (first["points"], second["points"]) == (10.0, 0.0)
    r = client.post(f"/api/v1/instructions/{first['id']}/withdraw",
                    json={"reason": "重复登记"}, headers=reviewer)  # fmt: skip
    assert r.status_code == 200 and r.json()["points"] == 10.0
    listed = client.get(f"/api/v1/drafts/{d}/instructions", headers=reviewer).json()["data"]
    assert [(i["id"], i["points"]) for i in listed] == [(second["id"], 10.0)]
    april = _row(client, reviewer, office.unit_a, "2025-04-01")
    assert (april["instruction_points"], april["instructions"], april["points"]) == (10.0, 1, 12.0)
    r = client.patch(f"/api/v1/instructions/{second['id']}", headers=reviewer,
                     json={"leader_level": "province", "instructed_on": "2025-05-06",
                           "text": "请省里关注", "reason": "实为省领导批示"})  # fmt: skip
    assert r.status_code == 200 and r.json()["points"] == 20.0, r.text
    assert _row(client, reviewer, office.unit_a, "2025-04-01")["instruction_points"] == 0.0
    may = _row(client, reviewer, office.unit_a, "2025-05-01")
    assert (may["instruction_points"], may["instructions"]) == (20.0, 1)

    r = client.post(f"/api/v1/adoptions/{wrong['id']}/withdraw", json={"reason": "未采用"},
                    headers=reviewer)  # fmt: skip
    assert r.status_code == 200
    assert client.get(f"/api/v1/drafts/{d}/adoptions", headers=reviewer).json()["count"] == 0
    april = _row(client, reviewer, office.unit_a, "2025-04-01")
    assert (april["adopted"], april["adoptions"], april["adoption_points"]) == (0, 0, 0.0)
    r = client.post(f"/api/v1/adoptions/{wrong['id']}/withdraw", json={"reason": "再撤"},
                    headers=reviewer)  # fmt: skip
    assert r.status_code == 404
    with app.state.session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action.in_(("correct", "withdraw")))
                          .order_by(AuditLog.id)).all()  # fmt: skip
    assert [(a.action, a.entity) for a in audit] == [
        ("correct", "adoption"), ("withdraw", "instruction"), ("correct", "instruction"),
        ("withdraw", "adoption")]  # fmt: skip
    assert audit[0].detail["reason"] == "实为市级刊物"
    assert audit[0].detail["before_points"] == "10.00" and audit[0].detail["after_points"] == "2.00"
    assert audit[0].user_id == office.users["reviewer"]
    assert_tallies_rebuild_the_same(app)


# -- 8. one time zone setting; time-zone-aware timestamps --------------------------------------


def test_timezone_setting_decides_the_office_day(settings, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    d = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-03-03")
    east, west = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")  # UTC+14, UTC-11
    east_today = datetime.now(east).date()
    assert east_today > datetime.now(west).date()  # 25 hours apart: always another date
    body = {"outlet_id": sc.outlets["city"], "adopted_on": east_today.isoformat()}
    try:
        for zone, expect in (("Pacific/Pago_Pago", 422), ("Pacific/Kiritimati", 201)):
            zoned = Settings(**{**settings.model_dump(), "timezone": zone})
            with TestClient(create_app(zoned)) as client:
                reviewer = login(client, "reviewer")
                r = client.post(f"/api/v1/drafts/{d}/adoptions", json=body, headers=reviewer)
                assert r.status_code == expect, (zone, r.text)
                if expect == 422:
                    assert r.json()["code"] == "date_in_future"
                r = client.get(f"/api/v1/drafts/{d}", headers=reviewer).json()
                assert r["submitted_at"].endswith("Z") and r["created_at"].endswith("Z")
    finally:
        office_time.configure(office_time.DEFAULT_TIMEZONE)
    with pytest.raises(ValidationError):
        Settings(**{**settings.model_dump(), "timezone": "Mars/Olympus"})


def test_timestamps_carry_utc_on_every_database(client, office) -> None:
    officer = login(client, "officer_a")
    draft = client.post("/api/v1/drafts", json={"title": "云岭县春茶", "body": BODY},
                        headers=officer).json()  # fmt: skip
    submitted = client.post(f"/api/v1/drafts/{draft['id']}/submit", headers=officer).json()
    for key in ("created_at", "updated_at", "submitted_at"):
        assert submitted[key].endswith("Z"), (key, submitted[key])
        moment = datetime.fromisoformat(submitted[key])
        assert moment.tzinfo is not None and abs(datetime.now(UTC) - moment) < timedelta(hours=1)


# -- 11. the submission history -------------------------------------------------------------------


def test_submission_history_keeps_every_round(client, office) -> None:
    officer, reviewer = login(client, "officer_a"), login(client, "reviewer")
    other = login(client, "officer_b")
    did = client.post("/api/v1/drafts", json={"title": "云岭县春茶", "body": BODY},
                      headers=officer).json()["id"]  # fmt: skip
    assert client.post(f"/api/v1/drafts/{did}/submit", headers=officer).status_code == 200
    r = client.post(f"/api/v1/drafts/{did}/reviews", headers=reviewer,
                    json={"stage": "first", "decision": "return", "comment": "请补充绝对数"})  # fmt: skip
    assert r.status_code == 201
    new_body = BODY + "一季度线上销售额达1.2亿元。"
    client.patch(f"/api/v1/drafts/{did}", json={"body": new_body}, headers=officer)
    r = client.post(f"/api/v1/drafts/{did}/submit", json={"comment": "已补充销售额"},
                    headers=officer)  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    client.post(f"/api/v1/drafts/{did}/reviews", headers=reviewer,
                json={"stage": "second", "decision": "pass"})  # fmt: skip

    history = client.get(f"/api/v1/drafts/{did}/history", headers=reviewer).json()
    steps = [(e["kind"], e["round"]) for e in history["data"]]
    assert steps == [("submit", 1), ("return", 1), ("submit", 2), ("review", 2)]
    first, returned, second, passed = history["data"]
    assert (first["body"], first["changed"], first["user_id"]) == (BODY, [], office.users[
        "officer_a"])  # fmt: skip
    assert returned["comment"] == "请补充绝对数" and returned["stage"] == "first"
    assert (second["body"], second["changed"], second["comment"]) == (
        new_body, ["body"], "已补充销售额")  # fmt: skip
    assert passed["decision"] == "pass"
    times = [datetime.fromisoformat(e["at"]) for e in history["data"]]
    assert times == sorted(times) and times[0] < times[2]
    assert client.get(f"/api/v1/drafts/{did}/history", headers=officer).json()["count"] == 4
    r = client.get(f"/api/v1/drafts/{did}/history", headers=other)
    assert (r.status_code, r.json()["code"]) == (404, "draft_not_found")
