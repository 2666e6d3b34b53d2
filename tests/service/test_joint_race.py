"""Two reviewers record the same joint piece (合报) at the same moment, each through one of
its partner drafts: one adoption per outlet, the other gets 409 `joint_already_adopted`.

Each draft write locks its own draft row; before the joint group was locked as a whole, both
requests passed the "already adopted through the partner?" check before either committed
(seen on PostgreSQL). SQLite and PostgreSQL, sessions in threads released by a barrier."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import select

from service.core.db import unit_of_work
from service.core.errors import Conflict, DomainError
from service.schemas.adoptions import AdoptionCorrection, AdoptionCreate
from service.schemas.neardup import MarkCreate
from service.schemas.outlets import OutletCreate
from service.services.adoptions import record_adoption
from service.services.corrections import correct_adoption
from service.services.draft_marks import create_mark
from service.services.outlets import create_outlet
from service.tables import Adoption, OutletLevel, User
from tests.service.scoring_support import assert_tallies_rebuild_the_same, make_draft, setup_scoring

ROUNDS = 8


def test_simultaneous_adoptions_of_one_joint_piece(app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    factory = app.state.session_factory
    with unit_of_work(factory) as s:
        extra = [create_outlet(s, OutletCreate(name=f"刊物{i}", level=OutletLevel.city),
                               office.users["admin"]).id for i in range(ROUNDS - 4)]  # fmt: skip
    outlets = [*sc.outlets.values(), *extra]
    a = make_draft(app, office.unit_a, office.users["officer_a"])
    b = make_draft(app, office.unit_b, office.users["officer_b"])
    with unit_of_work(factory) as s:
        reviewer = s.get(User, office.users["reviewer"])
        create_mark(s, reviewer, a, MarkCreate(other_draft_id=b, kind="joint"))
    gate = threading.Barrier(2)

    def adopt(draft_id: int, outlet_id: int) -> str:
        gate.wait()
        try:
            with unit_of_work(factory) as s:
                user = s.get(User, office.users["reviewer"])
                body = AdoptionCreate(outlet_id=outlet_id, adopted_on=date(2025, 3, 5))
                record_adoption(s, user, draft_id, body)
            return "ok"
        except DomainError as exc:
            return exc.code

    outcomes: Counter[str] = Counter()
    with ThreadPoolExecutor(2) as pool:
        for outlet_id in outlets:  # each round: the two partner drafts at once, one outlet
            outcomes.update(pool.map(adopt, [a, b] if outlet_id % 2 else [b, a], [outlet_id] * 2))
    assert outcomes == {"ok": ROUNDS, "joint_already_adopted": ROUNDS}, outcomes
    with factory() as s:
        taken = Counter(s.scalars(select(Adoption.outlet_id)))
    assert taken == dict.fromkeys(outlets, 1)
    assert_tallies_rebuild_the_same(app)


def test_a_correction_cannot_move_a_partner_adoption_onto_a_taken_outlet(app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    factory = app.state.session_factory
    a = make_draft(app, office.unit_a, office.users["officer_a"])
    b = make_draft(app, office.unit_b, office.users["officer_b"])
    city, county = sc.outlets["city"], sc.outlets["county"]
    with unit_of_work(factory) as s:
        user = s.get(User, office.users["reviewer"])
        create_mark(s, user, a, MarkCreate(other_draft_id=b, kind="joint"))
        record_adoption(s, user, a, AdoptionCreate(outlet_id=city, adopted_on=date(2025, 3, 5)))
        row, _ = record_adoption(
            s, user, b, AdoptionCreate(outlet_id=county, adopted_on=date(2025, 3, 5))
        )
        moved = row.id
    with pytest.raises(Conflict) as refused, unit_of_work(factory) as s:
        user = s.get(User, office.users["reviewer"])
        fix = AdoptionCorrection(outlet_id=city, adopted_on=date(2025, 3, 5), reason="刊物填错")
        correct_adoption(s, user, moved, fix)
    assert refused.value.code == "joint_already_adopted"
