"""Queries on outlets, scoring rule versions, adoptions and instructions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.repositories.drafts import lock_draft as lock_draft  # one lock for every draft write
from service.tables import Adoption, Draft, Instruction, Outlet, ScoringRule, Solicitation, Unit

# -- outlets ---------------------------------------------------------------------------------


def list_outlets(session: Session, active_only: bool = False) -> list[Outlet]:
    query = select(Outlet).order_by(Outlet.id)
    if active_only:
        query = query.where(Outlet.active.is_(True))
    return list(session.scalars(query).all())


def get_outlet(session: Session, outlet_id: int) -> Outlet | None:
    return session.get(Outlet, outlet_id)


def get_outlet_by_name(session: Session, name: str) -> Outlet | None:
    return session.scalar(select(Outlet).where(Outlet.name == name))


def outlet_in_use(session: Session, outlet_id: int) -> bool:
    used = session.scalar(select(Adoption.id).where(Adoption.outlet_id == outlet_id).limit(1))
    asked = session.scalar(
        select(Solicitation.id).where(Solicitation.outlet_id == outlet_id).limit(1)
    )
    return used is not None or asked is not None


def outlet_ids(session: Session, ids: Iterable[int]) -> set[int]:
    wanted = set(ids)
    if not wanted:
        return set()
    return set(session.scalars(select(Outlet.id).where(Outlet.id.in_(wanted))).all())


# -- rule versions ---------------------------------------------------------------------------


def list_rules(session: Session) -> list[ScoringRule]:
    return list(session.scalars(select(ScoringRule).order_by(ScoringRule.effective_from.desc())))


def get_rule(session: Session, rule_id: int) -> ScoringRule | None:
    return session.get(ScoringRule, rule_id)


def rule_in_force(session: Session, on: date) -> ScoringRule | None:
    """The version with the latest effective_from on or before `on`."""
    return session.scalar(
        select(ScoringRule)
        .where(ScoringRule.effective_from <= on)
        .order_by(ScoringRule.effective_from.desc())
        .limit(1)
    )


def rule_in_use(session: Session, rule_id: int) -> bool:
    """Some adoption or instruction was scored under this version."""
    for table in (Adoption, Instruction):
        if session.scalar(select(table.id).where(table.rule_id == rule_id).limit(1)) is not None:
            return True
    return False


def latest_rule(session: Session) -> ScoringRule | None:
    return session.scalar(select(ScoringRule).order_by(ScoringRule.effective_from.desc()).limit(1))


def rules_effective_until(session: Session, end: date) -> list[ScoringRule]:
    """Every version that may be in force on some day up to `end`, oldest first."""
    return list(
        session.scalars(
            select(ScoringRule)
            .where(ScoringRule.effective_from <= end)
            .order_by(ScoringRule.effective_from)
        )
    )


def rules_by_id(session: Session, ids: Iterable[int]) -> dict[int, ScoringRule]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.scalars(select(ScoringRule).where(ScoringRule.id.in_(wanted)))
    return {r.id: r for r in rows}


# -- adoptions and instructions ----------------------------------------------------------------


def adoption_exists(session: Session, draft_id: int, outlet_id: int) -> bool:
    found = session.scalar(
        select(Adoption.id).where(Adoption.draft_id == draft_id, Adoption.outlet_id == outlet_id)
    )
    return found is not None


def count_adoptions(session: Session, draft_id: int) -> int:
    return session.scalar(select(func.count()).where(Adoption.draft_id == draft_id)) or 0


def earliest_adoption_on(session: Session, draft_id: int) -> date | None:
    """The date of the draft's first adoption (what 采用篇数 counts), whatever the entry order."""
    return session.scalar(
        select(func.min(Adoption.adopted_on)).where(Adoption.draft_id == draft_id)
    )


def get_adoption(session: Session, adoption_id: int) -> Adoption | None:
    return session.get(Adoption, adoption_id, populate_existing=True)


def get_instruction(session: Session, instruction_id: int) -> Instruction | None:
    return session.get(Instruction, instruction_id, populate_existing=True)


def best_adoption_points(session: Session, draft_id: int) -> Decimal | None:
    value = session.scalar(select(func.max(Adoption.points)).where(Adoption.draft_id == draft_id))
    return None if value is None else Decimal(str(value))


def draft_adoptions(session: Session, draft_id: int) -> list[tuple[Adoption, str, str]]:
    """(adoption, outlet name, outlet level) for a draft, oldest first."""
    rows = session.execute(
        select(Adoption, Outlet.name, Outlet.level)
        .join(Outlet, Outlet.id == Adoption.outlet_id)
        .where(Adoption.draft_id == draft_id)
        .order_by(Adoption.adopted_on, Adoption.id)
    ).all()
    return [(a, name, level) for a, name, level in rows]


def list_adoptions(
    session: Session,
    *,
    unit_id: int | None,
    start: date | None,
    end: date | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[Adoption, str, str, str]], int]:
    """(adoption, outlet name, outlet level, draft title), newest first, and the total."""
    where = []
    if unit_id is not None:
        where.append(Adoption.unit_id == unit_id)
    if start is not None:
        where.append(Adoption.adopted_on >= start)
    if end is not None:
        where.append(Adoption.adopted_on <= end)
    total = session.scalar(select(func.count()).select_from(Adoption).where(*where)) or 0
    rows = session.execute(
        select(Adoption, Outlet.name, Outlet.level, Draft.title)
        .join(Outlet, Outlet.id == Adoption.outlet_id)
        .join(Draft, Draft.id == Adoption.draft_id)
        .where(*where)
        .order_by(Adoption.adopted_on.desc(), Adoption.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [(a, n, lv, t) for a, n, lv, t in rows], total


def draft_instructions(session: Session, draft_id: int) -> list[Instruction]:
    return list(
        session.scalars(
            select(Instruction)
            .where(Instruction.draft_id == draft_id)
            .order_by(Instruction.instructed_on, Instruction.id)
        )
    )


# -- units ---------------------------------------------------------------------------------------


def unit_names(session: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    query = select(Unit.id, Unit.name)
    if ids is not None:
        query = query.where(Unit.id.in_(set(ids)))
    return {row[0]: row[1] for row in session.execute(query)}


def active_unit_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Unit.id).where(Unit.active.is_(True))))
