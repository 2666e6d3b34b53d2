"""`govbrief demo`: a small demo office loads, scores consistently, and loads only once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from service.core.db import unit_of_work
from service.services.demo import DemoExists, load_demo
from service.services.model_versions import ModelHolder
from service.services.scoreboard import scoreboard
from service.tables import Adoption, AuditLog, Draft, Review, Solicitation, User
from tests.service.scoring_support import assert_tallies_rebuild_the_same


def test_demo_office(app, settings) -> None:
    factory = app.state.session_factory
    holder = ModelHolder(factory)
    with unit_of_work(factory) as s:
        office = load_demo(s, settings, holder, drafts=40, pending=15, seed=7)
    assert len(office.units) == 10 and len(office.password) >= 12
    with factory() as s:
        count = lambda table: s.scalar(select(func.count()).select_from(table))  # noqa: E731
        assert count(Draft) == 55 and count(Solicitation) == 5
        assert count(Review) > 20 and count(Adoption) == office.counts["adoptions"] > 5
        assert s.scalar(select(func.count()).where(AuditLog.entity == "adoption")) == count(
            Adoption
        )
        assert s.scalar(select(func.count()).where(User.role == "officer")) == 10
        assert all(d.report.get("stats") and d.tokens for d in s.scalars(select(Draft)))
        board = scoreboard(s, "year", office_today(s))
    assert board["count"] == 10 and any(r["points"] for r in board["data"])
    assert_tallies_rebuild_the_same(app)

    with unit_of_work(factory) as s, pytest.raises(DemoExists):
        load_demo(s, settings, holder, drafts=10)
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Draft)) == 55


def test_demo_desk_has_a_queue_to_triage(app, settings, client) -> None:
    """The pending drafts wait in the queue; those returned once show both versions."""
    from tests.factories import login

    factory = app.state.session_factory
    with unit_of_work(factory) as s:
        demo = load_demo(s, settings, ModelHolder(factory), drafts=10, pending=40, seed=3)
    headers = login(client, "reviewer1", demo.password)
    queue = client.get("/api/v1/queue?limit=200", headers=headers).json()
    assert queue["count"] >= 40
    resubmitted = awaiting_final = 0
    for row in queue["data"]:
        history = client.get(f"/api/v1/drafts/{row['id']}/history", headers=headers).json()
        kinds = [e["kind"] for e in history["data"]]
        if kinds[:3] == ["submit", "return", "submit"]:
            resubmitted += 1
            first, second = (e for e in history["data"] if e["kind"] == "submit")
            assert first["body"] != second["body"] and second["changed"] == ["body"]
        if row["last_review_stage"] == "first":
            awaiting_final += 1
            assert row["category"] == "problem"
    assert resubmitted >= 4 and awaiting_final >= 1


def office_today(session) -> object:
    """The latest adoption date: the demo's year (it spans the twelve months before today)."""
    return session.scalar(select(func.max(Adoption.adopted_on)))
