"""Drafts with their check report, and the review decisions on them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.tables.base import Base, JSONType, TimestampMixin, utcnow
from service.tables.org import Unit, User


class DraftStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    passed = "passed"


class ReviewStage(StrEnum):
    first = "first"  # 初审
    second = "second"  # 复审
    final = "final"  # 终审


class ReviewDecision(StrEnum):
    passed = "pass"
    returned = "return"


class Draft(TimestampMixin, Base):
    __tablename__ = "drafts"
    __table_args__ = (
        Index("ix_drafts_status_submitted_at", "status", "submitted_at"),
        Index("ix_drafts_unit_id_status", "unit_id", "status"),
        # the review queue's default order (lowest confidence first), over submitted drafts only
        Index(
            "ix_drafts_queue_confidence",
            "confidence",
            "id",
            postgresql_where=text("status = 'submitted'"),
            sqlite_where=text("status = 'submitted'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[DraftStatus] = mapped_column(String(20), default=DraftStatus.draft)
    predicted_category: Mapped[str | None] = mapped_column(String(20))
    probabilities: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    confidence: Mapped[float | None] = mapped_column(Float)
    confirmed_category: Mapped[str | None] = mapped_column(String(20))
    model_version: Mapped[str | None] = mapped_column(String(40))
    report: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    tokens: Mapped[dict[str, list[str]]] = mapped_column(JSONType, default=dict)
    flag_counts: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    flags_total: Mapped[int] = mapped_column(default=0)
    adoption_likelihood: Mapped[float | None] = mapped_column(Float)
    solicitation_id: Mapped[int | None] = mapped_column(ForeignKey("solicitations.id"))
    submitted_at: Mapped[datetime | None]

    unit: Mapped[Unit] = relationship(lazy="raise")
    author: Mapped[User] = relationship(lazy="raise")


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stage: Mapped[ReviewStage] = mapped_column(String(20))
    decision: Mapped[ReviewDecision] = mapped_column(String(20))
    confirmed_category: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DraftSubmission(Base):
    """One submission (报送) of a draft: each submit keeps its time, who, the officer's note
    and the title and text as submitted, so reviewers see what changed between rounds.
    `drafts.submitted_at` stays the latest submission's time."""

    __tablename__ = "draft_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(default=1)  # 1 for the first submission
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
