"""Scoring rule versions: admin-only writes, validation, and past points never rewritten."""

from __future__ import annotations

from datetime import date, timedelta

from service.core.db import unit_of_work
from service.schemas.scoring_rules import RulesDoc
from service.services.office_time import local_today
from service.services.scoring_rules import create_version, default_rules
from service.tables import AuditLog, ScoringRule
from tests.factories import login
from tests.service.scoring_support import make_draft, setup_scoring

# versions are published for today or later (backdated ones are refused): dates from today
TODAY = local_today()
APRIL, MAY = (TODAY + timedelta(days=30)).isoformat(), (TODAY + timedelta(days=60)).isoformat()
EARLIER, YESTERDAY = (
    (TODAY + timedelta(days=10)).isoformat(),
    (TODAY - timedelta(days=1)).isoformat(),
)


def _version(effective_from: str, **changes) -> dict:
    rules = default_rules().model_dump(mode="json")
    for path, value in changes.items():
        node = rules
        *parents, leaf = path.split("__")
        for key in parents:
            node = node[key]
        node[leaf] = value
    return {"name": f"{effective_from} 起施行", "effective_from": effective_from, "rules": rules}


def test_rule_versions_and_who_may_change_them(client, app, office) -> None:
    setup_scoring(app, office.users["admin"])
    admin, reviewer, officer = (login(client, n) for n in ("admin", "reviewer", "officer_a"))
    body = _version(APRIL, points__city__dynamic=4)

    assert client.post("/api/v1/scoring-rules", json=body).status_code == 401
    r = client.post("/api/v1/scoring-rules", json=body, headers=reviewer)
    assert (r.status_code, r.json()["code"]) == (403, "role_required")
    assert client.get("/api/v1/scoring-rules", headers=officer).status_code == 403

    created = client.post("/api/v1/scoring-rules", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["rules"]["points"]["city"]["dynamic"] == 4
    listed = client.get("/api/v1/scoring-rules", headers=admin).json()
    assert [v["effective_from"] for v in listed["data"]] == [APRIL, "2000-01-01"]
    one = client.get(f"/api/v1/scoring-rules/{created.json()['id']}", headers=admin).json()
    assert one["name"] == f"{APRIL} 起施行"
    in_force = client.get("/api/v1/scoring-rules/in-force?on=2025-03-31", headers=officer).json()
    assert in_force["effective_from"] == "2000-01-01"

    refused = [
        (_version(APRIL), 409, "rule_not_after_latest"),
        (_version(EARLIER), 409, "rule_not_after_latest"),
        (_version(YESTERDAY), 409, "rule_backdated"),  # what was scored stays scored
        (_version(MAY, points__city={"dynamic": 1}), 422, "invalid_input"),
        (_version(MAY, forms__full__typo=1), 422, "invalid_input"),
        (_version(MAY, surprise=True), 422, "invalid_input"),
        (_version(MAY, instruction__mode="power"), 422, "invalid_input"),
        (_version(MAY, solicitation__missing=10), 422, "invalid_input"),
        (_version(MAY, outlet_points={"999999": {"dynamic": 9}}), 422,
         "outlet_not_found"),
    ]  # fmt: skip
    for version, status, code in refused:
        r = client.post("/api/v1/scoring-rules", json=version, headers=admin)
        assert (r.status_code, r.json()["code"]) == (status, code), r.text
    r = client.get("/api/v1/scoring-rules/999999", headers=admin)
    assert (r.status_code, r.json()["code"]) == (404, "rule_not_found")
    with app.state.session_factory() as s:
        assert s.query(ScoringRule).count() == 2
        assert s.query(AuditLog).filter_by(entity="scoring_rule").count() == 2  # default + new


def test_a_later_rule_version_never_rewrites_past_points(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    admin, reviewer = login(client, "admin"), login(client, "reviewer")
    city = sc.outlets["city"]
    march = make_draft(app, office.unit_a, office.users["officer_a"])
    r = client.post(f"/api/v1/drafts/{march}/adoptions", headers=reviewer,
                    json={"outlet_id": city, "adopted_on": "2025-03-05"})  # fmt: skip
    assert r.json()["points"] == 2.0

    multiply = {"mode": "multiply", "points": {"national": 3, "province": 2, "city": 2,
                                               "county": 1.5}}  # fmt: skip
    body = _version("2025-04-01", points__city__dynamic=4, instruction=multiply)
    r = client.post("/api/v1/scoring-rules", json=body, headers=admin)
    assert (r.status_code, r.json()["code"]) == (409, "rule_backdated")
    with unit_of_work(app.state.session_factory) as s:  # history set up as if published then
        new_id = create_version(s, name=body["name"], effective_from=date(2025, 4, 1),
                                rules=RulesDoc.model_validate(body["rules"]), actor_id=None,
                                backdate_ok=True).id  # fmt: skip

    listed = client.get(f"/api/v1/drafts/{march}/adoptions", headers=reviewer).json()["data"]
    assert [(a["points"], a["rule_id"]) for a in listed] == [(2.0, sc.rule_id)]
    april = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-04-01")
    r = client.post(f"/api/v1/drafts/{april}/adoptions", headers=reviewer,
                    json={"outlet_id": city, "adopted_on": "2025-04-02"})  # fmt: skip
    assert (r.json()["points"], r.json()["rule_id"]) == (4.0, new_id)
    # recorded after the change but dated before it: the old version applies
    late_entry = make_draft(app, office.unit_a, office.users["officer_a"])
    r = client.post(f"/api/v1/drafts/{late_entry}/adoptions", headers=reviewer,
                    json={"outlet_id": city, "adopted_on": "2025-03-20"})  # fmt: skip
    assert (r.json()["points"], r.json()["rule_id"]) == (2.0, sc.rule_id)

    # multiply mode: x2 of the piece's points; nothing to multiply before an adoption
    r = client.post(f"/api/v1/drafts/{april}/instructions", headers=reviewer,
                    json={"leader_level": "province", "instructed_on": "2025-04-03"})  # fmt: skip
    assert r.json()["points"] == 4.0 and "×2" in r.json()["note"]
    bare = make_draft(app, office.unit_a, office.users["officer_a"], submitted="2025-04-01")
    r = client.post(f"/api/v1/drafts/{bare}/instructions", headers=reviewer,
                    json={"leader_level": "city", "instructed_on": "2025-04-03"})  # fmt: skip
    assert (r.status_code, r.json()["code"]) == (409, "no_adoption_to_multiply")
    # an add-mode 批示 dated under the old version still adds
    r = client.post(f"/api/v1/drafts/{march}/instructions", headers=reviewer,
                    json={"leader_level": "city", "instructed_on": "2025-03-25"})  # fmt: skip
    assert r.json()["points"] == 10.0

    board = client.get("/api/v1/scores?period=quarter&date=2025-03-01", headers=admin).json()
    row = next(r for r in board["data"] if r["unit_id"] == office.unit_a)
    assert row["points"] == 14.0  # 2 + 2 + 10 in the first quarter
    board = client.get("/api/v1/scores?period=quarter&date=2025-04-01", headers=admin).json()
    row = next(r for r in board["data"] if r["unit_id"] == office.unit_a)
    assert (row["points"], row["previous_points"], row["points_change"]) == (8.0, 14.0, -6.0)


def test_first_start_seeds_the_default_rules_once(app, settings) -> None:
    from service.bootstrap import EXTRA_STEPS
    from service.repositories.scoring_rules import list_rules
    from service.services.scoring_rules import parse, seed_default_rules

    assert seed_default_rules in EXTRA_STEPS
    said: list[str] = []
    seed_default_rules(settings, app.state.session_factory, said.append)
    seed_default_rules(settings, app.state.session_factory, said.append)
    assert len(said) == 1
    with app.state.session_factory() as s:
        versions = list_rules(s)
        assert [v.effective_from.isoformat() for v in versions] == ["2000-01-01"]
        assert parse(versions[0]) == default_rules()
