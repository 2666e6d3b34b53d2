"""Monthly score tallies per unit and author: what the scoreboard sums.

Every adoption and instruction adds its stored points to the row of its month (an upsert)
in the same transaction that records it. Scoreboard periods are whole months, quarters or
years, so a year sums at most units x authors x 12 rows instead of every adoption. A joint
piece (合报) credits each partner unit its share with author_id 0 (no author of that unit
wrote it). The tallies are derived data: `repositories.scoreboard.rebuild_score_months`
recomputes them from the adoptions and instructions.

The 稿酬 report reads `remuneration_months`: adoptions counted per (month, lead unit, author,
outlet, rule version), kept by the same writes. The outlet (not its level) is the key, so an
outlet moved to another level is paid at its current level, as the report always did; the rule
version gives the amount per level. `remuneration_years` holds the same counts per calendar
year (kept by the same upsert, rebuilt with them): a year's report over 10M adoptions sums
~8,000 rows there instead of ~96,000 monthly ones (bench_scoreboard_pg10m).

The draft-side counts (submitted, of those adopted so far, per category for the monthly base
points) read `draft_months`: submitted drafts per (office-local month of the latest submission,
unit, author, category: confirmed, else predicted, NO_CATEGORY when none), with how many of
them have an adoption. Submission, category confirmation or correction, re-analysis of a
returned draft, and a draft's first adoption and last withdrawal move its line in the same
transaction (`repositories.scoreboard.count_draft`). The month is in the office time zone
(`GOVBRIEF_TIMEZONE`): after changing the zone, rebuild the tallies.

Two indexes on drafts serve the scoreboard and are declared here, beside their only user:
(submitted_at, unit_id, author_id) counts the drafts submitted in a period from the index
alone; (solicitation_id, unit_id) finds the drafts answering a 约稿.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base
from service.tables.drafts import Draft

NO_AUTHOR = 0  # author_id of a partner unit's credit for a joint piece

Total = Numeric(12, 2)


class ScoreMonth(Base):
    __tablename__ = "score_months"

    month: Mapped[date] = mapped_column(primary_key=True)  # the first day of the month
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    author_id: Mapped[int] = mapped_column(primary_key=True)  # NO_AUTHOR for partner credits
    adoption_points: Mapped[Decimal] = mapped_column(Total, default=0)
    adoptions: Mapped[int] = mapped_column(default=0)  # 采用条次 (lead unit only)
    adopted_drafts: Mapped[int] = mapped_column(default=0)  # drafts first adopted this month
    instruction_points: Mapped[Decimal] = mapped_column(Total, default=0)
    instructions: Mapped[int] = mapped_column(default=0)


class RemunerationMonth(Base):
    __tablename__ = "remuneration_months"

    month: Mapped[date] = mapped_column(primary_key=True)  # the first day of the month
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)  # lead unit
    author_id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), primary_key=True)
    rule_id: Mapped[int] = mapped_column(primary_key=True)  # NO_RULE when scored without one
    adoptions: Mapped[int] = mapped_column(default=0)


class RemunerationYear(Base):
    __tablename__ = "remuneration_years"

    year: Mapped[date] = mapped_column(primary_key=True)  # 1 January of the year
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)  # lead unit
    author_id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), primary_key=True)
    rule_id: Mapped[int] = mapped_column(primary_key=True)  # NO_RULE when scored without one
    adoptions: Mapped[int] = mapped_column(default=0)


class DraftMonth(Base):
    __tablename__ = "draft_months"

    month: Mapped[date] = mapped_column(primary_key=True)  # local month of the submission
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    author_id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)  # NO_CATEGORY: none
    submitted: Mapped[int] = mapped_column(default=0)  # drafts whose latest submission is here
    adopted: Mapped[int] = mapped_column(default=0)  # of those, drafts with an adoption


NO_CATEGORY = ""  # category of a submitted draft with neither a confirmed nor a predicted one
NO_RULE = 0  # rule_id of adoptions scored under no rule version (they pay nothing)

_drafts = Draft.__table__.c
Index("ix_drafts_submitted_at_unit_id_author_id", _drafts.submitted_at, _drafts.unit_id,
      _drafts.author_id)  # fmt: skip
Index("ix_drafts_solicitation_id_unit_id", _drafts.solicitation_id, _drafts.unit_id)
