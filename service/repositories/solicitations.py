"""Queries on solicitations (约稿), the units asked, and the drafts answering them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.tables import Draft, Outlet, Solicitation, SolicitationUnit


def get(session: Session, solicitation_id: int) -> Solicitation | None:
    return session.get(Solicitation, solicitation_id)


def list_page(
    session: Session, unit_id: int | None, offset: int, limit: int
) -> tuple[list[Solicitation], int]:
    """Newest due date first; only those asking `unit_id` when given."""
    where = []
    if unit_id is not None:
        asked = select(SolicitationUnit.solicitation_id).where(SolicitationUnit.unit_id == unit_id)
        where.append(Solicitation.id.in_(asked))
    total = session.scalar(select(func.count()).select_from(Solicitation).where(*where)) or 0
    rows = session.scalars(
        select(Solicitation)
        .where(*where)
        .order_by(Solicitation.due_on.desc(), Solicitation.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def asked_units(session: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    wanted = set(ids)
    if not wanted:
        return out
    rows = session.execute(
        select(SolicitationUnit.solicitation_id, SolicitationUnit.unit_id)
        .where(SolicitationUnit.solicitation_id.in_(wanted))
        .order_by(SolicitationUnit.unit_id)
    )
    for sid, unit_id in rows:
        out.setdefault(sid, []).append(unit_id)
    return out


def first_answers(
    session: Session, ids: Iterable[int]
) -> dict[tuple[int, int], tuple[int, datetime]]:
    """(solicitation, unit) -> (draft id, submitted_at) of the earliest submitted answer."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(Draft.solicitation_id, Draft.unit_id, Draft.id, Draft.submitted_at)
        .where(Draft.solicitation_id.in_(wanted), Draft.submitted_at.is_not(None))
        .order_by(Draft.submitted_at, Draft.id)
    )
    out: dict[tuple[int, int], tuple[int, datetime]] = {}
    for sid, unit_id, draft_id, submitted_at in rows:
        out.setdefault((sid, unit_id), (draft_id, submitted_at))
    return out


def due_between(session: Session, start: date, end: date) -> list[tuple[int, date, int]]:
    """(solicitation, due date, asked unit) for solicitations due in [start, end]."""
    rows = session.execute(
        select(Solicitation.id, Solicitation.due_on, SolicitationUnit.unit_id)
        .join(SolicitationUnit, SolicitationUnit.solicitation_id == Solicitation.id)
        .where(Solicitation.due_on >= start, Solicitation.due_on <= end)
    )
    return [(sid, due, unit_id) for sid, due, unit_id in rows]


def outlet_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(Outlet.id, Outlet.name).where(Outlet.id.in_(wanted)))
    return {row[0]: row[1] for row in rows}
