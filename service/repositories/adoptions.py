"""Queries on adoptions and leader instructions (批示)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.repositories.drafts import lock_draft as lock_draft  # one lock for every draft write
from service.tables import Adoption, Draft, Instruction, Outlet


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
