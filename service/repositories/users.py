"""Queries on users and units."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.tables import Role, Unit, User


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def list_users(session: Session, offset: int = 0, limit: int = 100) -> tuple[list[User], int]:
    total = session.scalar(select(func.count()).select_from(User)) or 0
    rows = session.scalars(select(User).order_by(User.id).offset(offset).limit(limit)).all()
    return list(rows), total


def count_admins(session: Session) -> int:
    return session.scalar(select(func.count()).where(User.role == Role.admin)) or 0


def get_unit(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def get_unit_by_name(session: Session, name: str) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.name == name))


def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.id)).all())
