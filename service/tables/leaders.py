"""Leaders' table (RULES.md §4.5): names, posts and order that checks compare drafts with."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, TimestampMixin


class Leader(TimestampMixin, Base):
    """One person in one post for one term; a change of post is a new row."""

    __tablename__ = "leaders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20), index=True)
    post: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(20), default="")  # 省级/市级/县级 …
    sort_order: Mapped[int] = mapped_column(default=0)  # listing order: smaller first
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
