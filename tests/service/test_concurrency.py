"""Simultaneous adoption and instruction requests: nothing lost, nothing counted twice.

PostgreSQL: 50 requests at once against a live server (row locks on the draft). SQLite: 20
sessions in threads (the database write lock serializes them)."""

from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import func, select

from service.core.db import unit_of_work
from service.core.errors import DomainError
from service.schemas.adoptions import AdoptionCreate, InstructionCreate
from service.schemas.outlets import OutletCreate
from service.services.adoptions import record_adoption, record_instruction
from service.services.outlets import create_outlet
from service.services.scoreboard import scoreboard
from service.tables import Adoption, Instruction, OutletLevel, User
from tests.factories import PASSWORD
from tests.live import live_api
from tests.service.scoring_support import assert_tallies_rebuild_the_same, make_draft, setup_scoring

LEVEL_POINTS = {"national": 10, "province": 3, "city": 2, "county": 1}  # dynamic pieces
BONUS = {"national": 50, "province": 20, "city": 10, "county": 5}


def _more_outlets(app, admin_id: int) -> dict[int, str]:
    levels = [OutletLevel.city, OutletLevel.county, OutletLevel.province] * 2
    with unit_of_work(app.state.session_factory) as s:
        made = [create_outlet(s, OutletCreate(name=f"刊物{i}", level=lv), admin_id)
                for i, lv in enumerate(levels)]  # fmt: skip
        return {o.id: str(o.level) for o in made}


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_fifty_concurrent_scoring_requests(settings, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    outlets = {oid: level for level, oid in sc.outlets.items()} | _more_outlets(
        app, office.users["admin"]
    )
    d1 = make_draft(app, office.unit_a, office.users["officer_a"])
    d2 = make_draft(app, office.unit_b, office.users["officer_b"])
    ids = sorted(outlets)
    # 30 adoptions: every outlet twice on d1 (10 distinct), 5 outlets twice on d2; d2's are
    # joint with unit A and d1's first two with unit B, so the tallies cross units
    calls: list[tuple[str, dict]] = []
    for oid in ids:
        joint = [{"unit_id": office.unit_b}] if oid in ids[:2] else []
        calls += [(f"/drafts/{d1}/adoptions", {"outlet_id": oid, "joint_units": joint})] * 2
    for oid in ids[:5]:
        joint = [{"unit_id": office.unit_a, "share": 0.5}]
        calls += [(f"/drafts/{d2}/adoptions", {"outlet_id": oid, "joint_units": joint})] * 2
    # 20 instructions: every level three times on d1, twice on d2
    for level in BONUS:
        calls += [(f"/drafts/{d1}/instructions", {"leader_level": level})] * 3
        calls += [(f"/drafts/{d2}/instructions", {"leader_level": level})] * 2
    assert len(calls) == 50
    random.Random(5).shuffle(calls)

    with live_api(settings) as url, httpx.Client(base_url=url, timeout=60) as http:
        token = http.post("/api/v1/auth/token",
                          data={"username": "reviewer", "password": PASSWORD}).json()  # fmt: skip
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        gate = threading.Barrier(len(calls))

        def send(call: tuple[str, dict]) -> httpx.Response:
            path, body = call
            key = "adopted_on" if "outlet_id" in body else "instructed_on"
            gate.wait()
            return http.post("/api/v1" + path, json={**body, key: "2025-03-05"}, headers=headers)

        with ThreadPoolExecutor(len(calls)) as pool:
            responses = list(pool.map(send, calls))

    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 35, 409: 15}, [r.text for r in responses if r.status_code >= 500]
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"already_adopted"}

    with app.state.session_factory() as s:
        adoptions = s.scalars(select(Adoption)).all()
        instructions = s.scalars(select(Instruction)).all()
    assert Counter(a.draft_id for a in adoptions) == {d1: 10, d2: 5}
    assert len({(a.draft_id, a.outlet_id) for a in adoptions}) == 15
    expected = sum(LEVEL_POINTS[outlets[o]] for o in ids) + sum(
        LEVEL_POINTS[outlets[o]] for o in ids[:5]
    )
    assert sum(a.points for a in adoptions) == Decimal(expected)
    assert len(instructions) == 20
    for draft in (d1, d2):
        for level, bonus in BONUS.items():
            points = sorted(i.points for i in instructions
                            if i.draft_id == draft and i.leader_level == level)  # fmt: skip
            assert points[-1] == bonus and all(p == 0 for p in points[:-1]), (draft, level)

    # the scoreboard adds up the same stored points, each once
    assert_tallies_rebuild_the_same(app)
    with app.state.session_factory() as s:
        board = scoreboard(s, "month", date(2025, 3, 1))
    rows = {r["unit_id"]: r for r in board["data"]}
    total = sum(r["points"] for r in rows.values())
    assert total == pytest.approx(expected + 2 * sum(BONUS.values()))
    assert rows[office.unit_a]["adopted"] == 1 and rows[office.unit_b]["adopted"] == 1
    assert rows[office.unit_a]["adoptions"] == 10 and rows[office.unit_b]["adoptions"] == 5
    assert rows[office.unit_a]["instructions"] == 12 and rows[office.unit_b]["instructions"] == 8


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_concurrent_sessions_on_sqlite(app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    draft = make_draft(app, office.unit_a, office.users["officer_a"])
    outlets = list(sc.outlets.values())
    gate = threading.Barrier(20)

    def work(i: int) -> str:
        gate.wait()
        try:
            with unit_of_work(app.state.session_factory) as s:
                user = s.get(User, office.users["reviewer"])
                if i % 2:
                    order = InstructionCreate(leader_level="city", instructed_on=date(2025, 3, 5))
                    record_instruction(s, user, draft, order)
                else:
                    outlet = outlets[(i // 2) % 4]
                    body = AdoptionCreate(outlet_id=outlet, adopted_on=date(2025, 3, 5))
                    record_adoption(s, user, draft, body)
            return "ok"
        except DomainError as exc:
            return exc.code

    with ThreadPoolExecutor(20) as pool:
        outcomes = Counter(pool.map(work, range(20)))
    assert outcomes == {"ok": 14, "already_adopted": 6}
    with app.state.session_factory() as s:
        points = sorted(i.points for i in s.scalars(select(Instruction)))
        assert points == [0] * 9 + [10]
        assert s.scalar(select(func.count()).select_from(Adoption)) == 4
    assert_tallies_rebuild_the_same(app)
