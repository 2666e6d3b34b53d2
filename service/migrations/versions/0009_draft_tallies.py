"""Draft tallies: submitted drafts per (office-local month, unit, author, category) (issue 15)

The scoreboard counted the drafts submitted in its period (and, of those, the adopted ones,
and per category for the monthly base points) by reading every draft of the period; it now
sums these rows, which submission, review (category confirmed or corrected), re-analysis of a
returned draft and a draft's first adoption or last withdrawal keep in their own transaction
(see service/tables/scoreboard.py). Back-filled here from the stored drafts, one office-local
month at a time (the zone configured for the process, `GOVBRIEF_TIMEZONE`).

Revision ID: 0009_draft_tallies
Revises: 0008_remuneration_tallies
Create Date: 2026-12-07 03:45:00
"""

from collections.abc import Sequence
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

from service.services.office_time import local_date, utc_bounds
from service.tables.base import UTCDateTime

revision: str = "0009_draft_tallies"
down_revision: str | None = "0008_remuneration_tallies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL = """
INSERT INTO draft_months (month, unit_id, author_id, category, submitted, adopted)
SELECT :month, d.unit_id, d.author_id,
       coalesce(d.confirmed_category, d.predicted_category, ''), count(*),
       sum(CASE WHEN EXISTS (SELECT 1 FROM adoptions a WHERE a.draft_id = d.id)
           THEN 1 ELSE 0 END)
FROM drafts d
WHERE d.submitted_at >= :since AND d.submitted_at < :before
GROUP BY d.unit_id, d.author_id, coalesce(d.confirmed_category, d.predicted_category, '')
"""


def _first_of(day: date) -> date:
    return day.replace(day=1)


def upgrade() -> None:
    op.create_table(
        "draft_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("submitted", sa.Integer(), nullable=False),
        sa.Column("adopted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_draft_months_unit_id_units")
        ),
        sa.PrimaryKeyConstraint(
            "month", "unit_id", "author_id", "category", name=op.f("pk_draft_months")
        ),
    )
    bind = op.get_bind()
    stamp = UTCDateTime()
    first, last = bind.execute(
        sa.text("SELECT min(submitted_at), max(submitted_at) FROM drafts").columns(
            sa.column("first", stamp), sa.column("last", stamp)
        )
    ).one()
    if first is None:
        return
    backfill = sa.text(_BACKFILL).bindparams(
        sa.bindparam("month", type_=sa.Date()),
        sa.bindparam("since", type_=stamp),
        sa.bindparam("before", type_=stamp),
    )
    month, stop = _first_of(local_date(first)), local_date(last)
    while month <= stop:
        following = _first_of(month + timedelta(days=31))
        since, before = utc_bounds(month, following - timedelta(days=1))
        bind.execute(backfill, {"month": month, "since": since, "before": before})
        month = following


def downgrade() -> None:
    op.drop_table("draft_months")
