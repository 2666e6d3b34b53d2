"""Admin dictionaries, flag dismissals / allow-lists, and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, JSONType, TimestampMixin, utcnow


class Dictionary(TimestampMixin, Base):
    """A named term list; `kind` custom_term raises flags, `allow` silences terms."""

    __tablename__ = "dictionaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="custom_term")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(default=True)


class DictionaryTerm(Base):
    __tablename__ = "dictionary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    dictionary_id: Mapped[int] = mapped_column(
        ForeignKey("dictionaries.id", ondelete="CASCADE"), index=True
    )
    term: Mapped[str] = mapped_column(String(100))
    replacement: Mapped[str | None] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(String(300), default="")
    severity: Mapped[str] = mapped_column(String(10), default="warning")


class FlagDismissal(Base):
    """A user silenced a flag: on one draft, for a unit, or globally (an allow-list entry)."""

    __tablename__ = "flag_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(100), index=True)
    text: Mapped[str | None] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(10), default="draft")
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(50))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
