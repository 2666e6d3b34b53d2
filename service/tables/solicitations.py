"""Solicitations (约稿) and the units asked."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, TimestampMixin


class Solicitation(TimestampMixin, Base):
    """约稿: the office above asks named units for pieces on a topic by a date."""

    __tablename__ = "solicitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[str] = mapped_column(String(200))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    due_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SolicitationUnit(Base):
    __tablename__ = "solicitation_units"

    solicitation_id: Mapped[int] = mapped_column(
        ForeignKey("solicitations.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
