"""Near-duplicate index: one MinHash signature per draft and its LSH band keys."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base


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
