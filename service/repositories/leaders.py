"""Queries on the leaders' table."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.tables import Leader


def list_leaders(session: Session) -> list[Leader]:
    query = select(Leader).order_by(Leader.sort_order, Leader.id)
    return list(session.scalars(query).all())


def get_leader(session: Session, leader_id: int) -> Leader | None:
    return session.get(Leader, leader_id)


def fingerprint(session: Session) -> tuple:
    """Changes whenever a row is added, edited or deleted (cheap to poll)."""
    row = session.execute(
        select(func.count(Leader.id), func.max(Leader.id), func.max(Leader.updated_at))
    ).one()
    return tuple(str(x) for x in row)
