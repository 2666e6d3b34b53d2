"""Adoptions of drafts by outlets and leader instructions (批示) on drafts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, JSONType, utcnow
from service.tables.outlets import OutletLevel

Points = Numeric(10, 2)


class Adoption(Base):
    __tablename__ = "adoptions"
    __table_args__ = (UniqueConstraint("draft_id", "outlet_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    adopted_on: Mapped[date] = mapped_column(index=True)
    form: Mapped[str] = mapped_column(String(20), default="full")
    info_type: Mapped[str] = mapped_column(String(20), default="dynamic")
    points: Mapped[Decimal] = mapped_column(Points)
    shares: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    forwarded_to: Mapped[OutletLevel | None] = mapped_column(String(20))  # 转报 to this level
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")  # how scored
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_rules.id"))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Instruction(Base):
    """A leader's instruction (批示) on a draft."""

    __tablename__ = "instructions"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    leader_level: Mapped[str] = mapped_column(String(20))
    instructed_on: Mapped[date] = mapped_column(index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[Decimal] = mapped_column(Points)
    note: Mapped[str] = mapped_column(String(300), default="", server_default="")  # how scored
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_rules.id"))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
