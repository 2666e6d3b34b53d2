"""Daily score tallies per unit and author: what the scoreboard sums.

Every adoption and instruction adds its stored points here in the same transaction that
records it (an upsert on the day's row), so a year's scoreboard sums at most
units x authors x 366 rows instead of every adoption. A joint piece (合报) credits each
partner unit its share with author_id 0 (no author of that unit wrote it). The tallies are
derived data: `repositories.scoreboard.rebuild_score_days` recomputes them from adoptions
and instructions.

The index on drafts (submitted_at, unit_id, author_id) lets the scoreboard count the drafts
submitted in a period from the index alone; it is declared here, beside its only user.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base
from service.tables.drafts import Draft

NO_AUTHOR = 0  # author_id of a partner unit's credit for a joint piece

Total = Numeric(12, 2)


class ScoreDay(Base):
    __tablename__ = "score_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    author_id: Mapped[int] = mapped_column(primary_key=True)  # NO_AUTHOR for partner credits
    adoption_points: Mapped[Decimal] = mapped_column(Total, default=0)
    adoptions: Mapped[int] = mapped_column(default=0)  # 采用条次 (lead unit only)
    adopted_drafts: Mapped[int] = mapped_column(default=0)  # drafts first adopted this day
    instruction_points: Mapped[Decimal] = mapped_column(Total, default=0)
    instructions: Mapped[int] = mapped_column(default=0)


Index(
    "ix_drafts_submitted_at_unit_id_author_id",
    Draft.__table__.c.submitted_at,
    Draft.__table__.c.unit_id,
    Draft.__table__.c.author_id,
)
