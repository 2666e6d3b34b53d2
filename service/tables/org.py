"""Units (submitting organisations) and users."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.tables.base import Base, TimestampMixin, utcnow


class Role(StrEnum):
    officer = "officer"
    reviewer = "reviewer"
    admin = "admin"


class Unit(TimestampMixin, Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="department")  # 县区/部门/乡镇/企业
    active: Mapped[bool] = mapped_column(default=True)


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    # NFKC + case folded: `Admin` and `admin` are one name (core/usernames.py)
    username_key: Mapped[str] = mapped_column(String(50), unique=True)
    full_name: Mapped[str] = mapped_column(String(50), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]
    # bumped when the password changes or the account is deactivated: older tokens are refused
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
    password_changed_at: Mapped[datetime | None]

    unit: Mapped[Unit | None] = relationship(lazy="raise")


class LoginThrottle(Base):
    """Failed logins of one username from one client address, and the lock they led to.

    Keyed by (username, client) so nobody can lock another person out from elsewhere, and
    kept for names that do not exist too (same answers either way). The username is stored
    as a SHA-256 digest of its normalised form: attempted names are arbitrary input."""

    __tablename__ = "login_throttles"
    __table_args__ = (UniqueConstraint("username_digest", "client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username_digest: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64))
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    locked_until: Mapped[datetime | None]
