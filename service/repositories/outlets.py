"""Queries on outlets."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.tables import Adoption, Outlet, Solicitation


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
