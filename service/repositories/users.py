"""Queries on users and units."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Row, bindparam, func, select
from sqlalchemy.orm import Session

from service.core.textrules import bad_character
from service.core.usernames import USERNAME_MAX, username_key
from service.tables import Role, Unit, User


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


_TOKEN_STATE = select(User.active, User.token_version, User.unit_id).where(
    User.id == bindparam("user_id")
)


def token_state(conn: Connection, user_id: int) -> Row[tuple[bool, int, int | None]] | None:
    """(active, token_version, unit_id) of a user: what a check request's token is held
    against, read on a plain connection (about a fifth of an ORM session's cost)."""
    return conn.execute(_TOKEN_STATE, {"user_id": user_id}).one_or_none()


def get_by_username(session: Session, username: str) -> User | None:
    """By the normalised key: `Admin`, `ａｄｍｉｎ` and `admin` find the same user."""
    key = username_key(username)
    if len(key) > USERNAME_MAX or bad_character(key, multiline=False) is not None:
        return None  # cannot be a stored name (and NUL would break PostgreSQL)
    return session.scalar(select(User).where(User.username_key == key))


def list_users(session: Session, offset: int = 0, limit: int = 100) -> tuple[list[User], int]:
    total = session.scalar(select(func.count()).select_from(User)) or 0
    rows = session.scalars(select(User).order_by(User.id).offset(offset).limit(limit)).all()
    return list(rows), total


def count_admins(session: Session) -> int:
    return session.scalar(select(func.count()).where(User.role == Role.admin)) or 0


def count_active_admins(session: Session, excluding: int | None = None) -> int:
    query = select(func.count()).where(User.role == Role.admin, User.active.is_(True))
    if excluding is not None:
        query = query.where(User.id != excluding)
    return session.scalar(query) or 0


def get_unit(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def get_unit_by_name(session: Session, name: str) -> Unit | None:
    return session.scalar(select(Unit).where(Unit.name == name))


def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.id)).all())


def unit_names(session: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    query = select(Unit.id, Unit.name)
    if ids is not None:
        query = query.where(Unit.id.in_(set(ids)))
    return {row[0]: row[1] for row in session.execute(query)}


def active_unit_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Unit.id).where(Unit.active.is_(True))))
