"""Near-duplicate index: one MinHash signature per draft and its LSH band keys; reviewers'
marks on near-identical pairs (合报 / 重复)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, TimestampMixin


class DraftSignature(Base):
    __tablename__ = "draft_signatures"

    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class DraftBand(Base):
    """(key, draft): drafts sharing a key are candidates; the key index makes lookup cheap."""

    __tablename__ = "draft_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    draft_id: Mapped[int] = mapped_column(
        ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class DraftMark(TimestampMixin, Base):
    """A reviewer's judgement on two near-identical drafts: one joint piece (合报, `joint`:
    the pair is unordered) or `draft_id` is a duplicate (重复) of `other_id`. One mark per
    pair of drafts, whichever way round (the service checks both directions under both
    drafts' row locks); withdrawing a mark deletes it (the audit log keeps it)."""

    __tablename__ = "draft_marks"
    __table_args__ = (UniqueConstraint("draft_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "joint" | "duplicate"
    note: Mapped[str] = mapped_column(String(300), default="")
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
