"""Scoring test data written straight into the real test database (service layer or ORM).

Drafts are inserted as rows here, not through the drafts API, so scoring tests do not
depend on the workflow's endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from sqlalchemy import select

from service.core.db import unit_of_work
from service.repositories.scoreboard import count_draft, rebuild_score_months
from service.schemas.outlets import OutletCreate
from service.services.accounts import create_unit
from service.services.office_time import OFFICE_TZ
from service.services.outlets import create_outlet
from service.services.scoring_rules import ensure_default_rules
from service.tables import Draft, DraftMonth, DraftStatus, OutletLevel, ScoreMonth

TITLE = "云岭县三举措推进春茶产业提质增效"
BODY = "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效，一季度线上销售额同比增长35%。"


@dataclass
class Scoring:
    rule_id: int
    outlets: dict[str, int]  # national / province / city / county -> outlet id


def setup_scoring(app, admin_id: int) -> Scoring:
    """The default rules and one outlet per level."""
    with unit_of_work(app.state.session_factory) as s:
        rule = ensure_default_rules(s)
        outlets = {}
        for level, name in [
            (OutletLevel.national, "国务院办公厅《政务信息》"),
            (OutletLevel.province, "省政府办公厅《政务要情》"),
            (OutletLevel.city, "市政府办公室《政务信息快报》"),
            (OutletLevel.county, "县政府办公室《县政务信息》"),
        ]:
            outlets[str(level)] = create_outlet(
                s, OutletCreate(name=name, level=level), admin_id
            ).id
        return Scoring(rule.id if rule else 0, outlets)


def local(day: str, hour: int = 10) -> datetime:
    """A local (UTC+8) time on a date, as the UTC datetime the workflow stores."""
    return datetime.combine(datetime.fromisoformat(day).date(), time(hour), OFFICE_TZ).astimezone(
        UTC
    )


def make_draft(
    app,
    unit_id: int,
    author_id: int,
    *,
    submitted: str | None = "2025-03-03",
    status: DraftStatus = DraftStatus.passed,
    category: str = "dynamic",
    solicitation_id: int | None = None,
    title: str = TITLE,
) -> int:
    with unit_of_work(app.state.session_factory) as s:
        draft = Draft(
            unit_id=unit_id,
            author_id=author_id,
            title=title,
            body=BODY,
            status=status,
            predicted_category=category,
            probabilities={category: 0.9},
            confidence=0.9,
            solicitation_id=solicitation_id,
            submitted_at=local(submitted) if submitted else None,
        )
        s.add(draft)
        s.flush()
        count_draft(s, draft, 1, adopted=False)  # a row written directly keeps its tally line
        return draft.id


def make_unit(app, name: str) -> int:
    with unit_of_work(app.state.session_factory) as s:
        return create_unit(s, name, "county").id


def _tallies(factory) -> list[tuple]:
    with factory() as s:
        rows = s.scalars(select(ScoreMonth)).all()
        return sorted(
            (r.month, r.unit_id, r.author_id, round(float(r.adoption_points), 2), r.adoptions,
             r.adopted_drafts, round(float(r.instruction_points), 2), r.instructions)
            for r in rows
            if r.adoptions or r.instructions or r.adoption_points or r.instruction_points
        ) + draft_tallies(factory)  # fmt: skip


def draft_tallies(factory) -> list[tuple]:
    """The draft tallies' non-empty lines."""
    with factory() as s:
        rows = s.scalars(select(DraftMonth)).all()
        return sorted(
            (r.month, r.unit_id, r.author_id, r.category, r.submitted, r.adopted)
            for r in rows
            if r.submitted or r.adopted
        )


def assert_tallies_rebuild_the_same(app) -> None:
    """The incrementally kept monthly tallies equal a rebuild from the stored points."""
    before = _tallies(app.state.session_factory)
    assert before
    with unit_of_work(app.state.session_factory) as s:
        rebuild_score_months(s)
    assert _tallies(app.state.session_factory) == before
