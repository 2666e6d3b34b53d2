"""稿酬 tallies: adoptions per (month, lead unit, author, outlet, rule version) (issue 15)

The 稿酬 report read every adoption of its period; it now sums these rows, which every
adoption, correction and withdrawal keeps in its own transaction (see
service/tables/scoreboard.py). Back-filled here from the stored adoptions.

Revision ID: 0008_remuneration_tallies
Revises: 0007_draft_marks
Create Date: 2026-12-07 00:27:49
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_remuneration_tallies"
down_revision: str | None = "0007_draft_marks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL = """
INSERT INTO remuneration_months (month, unit_id, author_id, outlet_id, rule_id, adoptions)
SELECT {month}, a.unit_id, d.author_id, a.outlet_id, coalesce(a.rule_id, 0), count(*)
FROM adoptions a JOIN drafts d ON d.id = a.draft_id
GROUP BY {month}, a.unit_id, d.author_id, a.outlet_id, coalesce(a.rule_id, 0)
"""


def upgrade() -> None:
    op.create_table(
        "remuneration_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("adoptions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_remuneration_months_outlet_id_outlets")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_remuneration_months_unit_id_units")
        ),
        sa.PrimaryKeyConstraint(
            "month",
            "unit_id",
            "author_id",
            "outlet_id",
            "rule_id",
            name=op.f("pk_remuneration_months"),
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        month = "date_trunc('month', a.adopted_on)::date"
    else:
        month = "date(a.adopted_on, 'start of month')"
    op.execute(_BACKFILL.format(month=month))


def downgrade() -> None:
    op.drop_table("remuneration_months")
