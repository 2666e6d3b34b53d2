"""The scoreboard: exact numbers, ranks and change, officers, 稿酬, .xlsx, base points,
penalties and the zeroed year; the monthly tallies equal a rebuild from the stored points."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from service.core.db import unit_of_work
from service.services.scoreboard import period_of, ranks
from service.services.scoring_rules import create_version, default_rules
from tests.factories import login
from tests.service.scoring_support import (
    assert_tallies_rebuild_the_same,
    make_draft,
    make_unit,
    setup_scoring,
)


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "label"),
    [
        ("month", "2025-03-17", "2025-03-01", "2025-03-31", "2025年3月"),
        ("month", "2024-02-10", "2024-02-01", "2024-02-29", "2024年2月"),
        ("month", "2025-12-31", "2025-12-01", "2025-12-31", "2025年12月"),
        ("quarter", "2025-05-05", "2025-04-01", "2025-06-30", "2025年第2季度"),
        ("quarter", "2025-11-30", "2025-10-01", "2025-12-31", "2025年第4季度"),
        ("year", "2025-07-01", "2025-01-01", "2025-12-31", "2025年度"),
    ],
)
def test_periods(kind: str, day: str, start: str, end: str, label: str) -> None:
    p = period_of(kind, date.fromisoformat(day))
    assert (p.start.isoformat(), p.end.isoformat(), p.label) == (start, end, label)
    assert p.previous().end.toordinal() == p.start.toordinal() - 1


def test_ranks_are_competition_ranks() -> None:
    assert ranks({"a": 5, "b": 9, "c": 5, "d": 1}) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_scoreboard_numbers_officers_remuneration_and_export(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    o = sc.outlets
    reviewer, officer_a = login(client, "reviewer"), login(client, "officer_a")
    unit_c = make_unit(app, "松林县人民政府办公室")
    a, b = office.users["officer_a"], office.users["officer_b"]
    a1 = make_draft(app, office.unit_a, a, submitted="2025-03-03")
    a2 = make_draft(app, office.unit_a, a, submitted="2025-03-10", category="special")
    make_draft(app, office.unit_a, a, submitted="2025-03-31")  # submitted, never adopted
    b_feb = make_draft(app, office.unit_b, b, submitted="2025-02-20")
    b_mar = make_draft(app, office.unit_b, b, submitted="2025-03-05")
    make_draft(app, office.unit_b, b, submitted="2025-03-06", category="problem")

    def adopt(draft: int, outlet: str, day: str, **extra) -> None:
        body = {"outlet_id": o[outlet], "adopted_on": day, **extra}
        r = client.post(f"/api/v1/drafts/{draft}/adoptions", json=body, headers=reviewer)
        assert r.status_code == 201, r.text

    adopt(a1, "city", "2025-03-05")  # 2
    adopt(a1, "province", "2025-03-08")  # 3
    adopt(a2, "national", "2025-03-12")  # special 50
    adopt(b_feb, "city", "2025-02-25")  # 2
    adopt(b_mar, "province", "2025-03-09")  # 3
    r = client.post(f"/api/v1/drafts/{a1}/instructions", headers=reviewer,
                    json={"leader_level": "city", "instructed_on": "2025-03-20"})  # fmt: skip
    assert r.json()["points"] == 10.0

    board = client.get("/api/v1/scores?period=month&date=2025-03-15", headers=officer_a).json()
    assert board["period"] == {"kind": "month", "label": "2025年3月", "start": "2025-03-01",
                               "end": "2025-03-31"}  # fmt: skip
    assert board["previous"]["label"] == "2025年2月" and board["count"] == 3
    rows = {r["unit_id"]: r for r in board["data"]}
    ra, rb, rc = rows[office.unit_a], rows[office.unit_b], rows[unit_c]
    assert (ra["points"], ra["adoption_points"], ra["instruction_points"]) == (65.0, 55.0, 10.0)
    assert (ra["submitted"], ra["adopted"], ra["adoptions"], ra["instructions"]) == (3, 2, 3, 1)
    assert ra["adoption_rate"] == 0.6667
    assert (ra["rank"], ra["previous_rank"], ra["rank_change"], ra["points_change"]) == (
        1, 2, 1, 65.0)  # fmt: skip
    assert (rb["points"], rb["submitted"], rb["adopted"], rb["adoption_rate"]) == (3.0, 2, 1, 0.5)
    assert (rb["rank"], rb["previous_points"], rb["previous_rank"], rb["rank_change"]) == (
        2, 2.0, 1, -1)  # fmt: skip
    assert (rc["points"], rc["rank"], rc["adoption_rate"], rc["previous_rank"]) == (0.0, 3, None, 2)
    assert [r["unit_id"] for r in board["data"]] == [office.unit_a, office.unit_b, unit_c]

    year = client.get("/api/v1/scores?period=year&date=2025-06-01", headers=reviewer).json()
    assert {r["unit_id"]: r["points"] for r in year["data"]} == {
        office.unit_a: 65.0, office.unit_b: 5.0, unit_c: 0.0}  # fmt: skip
    quarter = client.get("/api/v1/scores?period=quarter&date=2025-02-01", headers=reviewer).json()
    assert {r["unit_id"]: r["submitted"] for r in quarter["data"]} == {
        office.unit_a: 3, office.unit_b: 3, unit_c: 0}  # fmt: skip

    # per officer: reviewers see everyone, an officer their own unit's officers
    by_officer = "/api/v1/scores?period=month&date=2025-03-01&by=officer"
    people = client.get(by_officer, headers=reviewer).json()["data"]
    assert [(p["user_id"], p["points"], p["rank"]) for p in people] == [(a, 65.0, 1), (b, 3.0, 2)]
    mine = client.get(by_officer, headers=officer_a).json()["data"]
    assert [(p["user_name"], p["unit_name"]) for p in mine] == [
        ("officer_a", "云岭县人民政府办公室")
    ]

    # 稿酬: 50 (city) + 100 (province) + 200 (national) for A; 100 for B in March
    pay = client.get("/api/v1/scores/remuneration?period=month&date=2025-03-01",
                     headers=officer_a).json()  # fmt: skip
    assert [(r["unit_id"], r["count"], r["amount"]) for r in pay["data"]] == [
        (office.unit_a, 3, 350.0), (office.unit_b, 1, 100.0)]  # fmt: skip
    assert pay["data"][0]["levels"]["national"] == {"count": 1, "amount": 200.0}
    assert pay["total_amount"] == 450.0
    pay = client.get("/api/v1/scores/remuneration?period=year&date=2025-03-01&by=officer",
                     headers=officer_a).json()  # fmt: skip
    assert [(r["user_id"], r["amount"]) for r in pay["data"]] == [(a, 350.0)]

    # the 月通报 workbook
    r = client.get("/api/v1/scores.xlsx?period=month&date=2025-03-01", headers=officer_a)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["content-disposition"]
    ws = load_workbook(BytesIO(r.content)).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "2025年3月政务信息积分通报"
    assert values[1][:3] == ("排名", "单位", "报送数") and "总积分" in values[1]
    total = values[1].index("总积分")
    assert [(v[0], v[1], v[total]) for v in values[2:]] == [
        (1, "云岭县人民政府办公室", 65), (2, "桐溪县人民政府办公室", 3), (3, "松林县人民政府办公室", 0)]  # fmt: skip
    r = client.get("/api/v1/scores.xlsx?period=month&date=2025-03-01&by=officer", headers=reviewer)
    ws = load_workbook(BytesIO(r.content)).active
    assert ws["B2"].value == "信息员" and ws["B3"].value == "officer_a"
    r = client.get("/api/v1/scores?period=week", headers=reviewer)
    assert (r.status_code, r.json()["code"]) == (422, "invalid_input")
    r = client.get("/api/v1/scores?date=2025-02-30", headers=reviewer)
    assert r.status_code == 422

    assert_tallies_rebuild_the_same(app)


def test_base_points_penalties_and_the_zeroed_year(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    rules = default_rules().model_dump(mode="json")
    rules["monthly_base"] = {"info_type": "dynamic", "min_pieces": 2, "points": 5}
    rules["solicitation"]["zero_year_after_missing"] = 2
    with unit_of_work(app.state.session_factory) as s:
        create_version(s, name="2025", effective_from=date(2025, 1, 1),
                       rules=type(default_rules()).model_validate(rules), actor_id=None,
                       backdate_ok=True)  # fmt: skip
    reviewer = login(client, "reviewer")
    a, b = office.users["officer_a"], office.users["officer_b"]
    a1 = make_draft(app, office.unit_a, a, submitted="2025-03-03")
    make_draft(app, office.unit_a, a, submitted="2025-03-04")  # 2 dynamic in March: base 5
    make_draft(app, office.unit_a, a, submitted="2025-04-04")  # 1 in April: no base
    make_draft(app, office.unit_b, b, submitted="2025-03-03")
    make_draft(app, office.unit_b, b, submitted="2025-03-04", category="problem")  # not dynamic
    r = client.post(f"/api/v1/drafts/{a1}/adoptions", headers=reviewer,
                    json={"outlet_id": sc.outlets["province"], "adopted_on": "2025-03-05"})  # fmt: skip
    assert r.json()["points"] == 3.0
    for due in ("2025-03-10", "2025-06-10"):  # unit A misses two 约稿 in the year
        r = client.post("/api/v1/solicitations", headers=reviewer,
                        json={"topic": "专题约稿", "due_on": due, "unit_ids": [office.unit_a]})  # fmt: skip
        assert r.status_code == 201

    march = client.get("/api/v1/scores?period=month&date=2025-03-01", headers=reviewer).json()
    row = next(r for r in march["data"] if r["unit_id"] == office.unit_a)
    assert (row["adoption_points"], row["base_points"], row["penalty_points"]) == (3.0, 5.0, -10.0)
    assert (row["points"], row["missing"], row["zeroed"]) == (-2.0, 1, False)
    other = next(r for r in march["data"] if r["unit_id"] == office.unit_b)
    assert (other["base_points"], other["points"], other["rank"]) == (0.0, 0.0, 1)
    year = client.get("/api/v1/scores?period=year&date=2025-03-01", headers=reviewer).json()
    row = next(r for r in year["data"] if r["unit_id"] == office.unit_a)
    assert (row["missing"], row["zeroed"], row["points"]) == (2, True, 0.0)
    assert row["adoption_points"] == 3.0  # the parts stay visible; the total is zeroed
