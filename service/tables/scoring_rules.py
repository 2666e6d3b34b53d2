"""Dated scoring rule versions."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, JSONType, TimestampMixin


class ScoringRule(TimestampMixin, Base):
    """One version of the office's scoring table, in force from `effective_from`."""

    __tablename__ = "scoring_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    effective_from: Mapped[date] = mapped_column(unique=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
