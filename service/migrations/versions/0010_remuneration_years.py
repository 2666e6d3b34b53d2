"""稿酬 tallies per year: adoptions per (year, lead unit, author, outlet, rule version) (issue 15)

The year's 稿酬 report summed twelve months of `remuneration_months`: at 10,000,000 adoptions
that is ~96,000 rows (200 units x 2 officers x 20 outlets x 12 months), 105-150 ms on
PostgreSQL (bench_scoreboard_pg10m). The same counts per calendar year are ~8,000 rows; the
upsert that keeps the monthly row keeps the yearly one in the same transaction. Back-filled
here from the monthly tallies.

Revision ID: 0010_remuneration_years
Revises: 0009_draft_tallies
Create Date: 2026-12-07 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_remuneration_years"
down_revision: str | None = "0009_draft_tallies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL = """
INSERT INTO remuneration_years (year, unit_id, author_id, outlet_id, rule_id, adoptions)
SELECT {year}, unit_id, author_id, outlet_id, rule_id, sum(adoptions)
FROM remuneration_months
GROUP BY {year}, unit_id, author_id, outlet_id, rule_id
"""


def upgrade() -> None:
    op.create_table(
        "remuneration_years",
        sa.Column("year", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("outlet_id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("adoptions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outlet_id"], ["outlets.id"], name=op.f("fk_remuneration_years_outlet_id_outlets")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_remuneration_years_unit_id_units")
        ),
        sa.PrimaryKeyConstraint(
            "year",
            "unit_id",
            "author_id",
            "outlet_id",
            "rule_id",
            name=op.f("pk_remuneration_years"),
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        year = "date_trunc('year', month)::date"
    else:
        year = "date(month, 'start of year')"
    op.execute(_BACKFILL.format(year=year))


def downgrade() -> None:
    op.drop_table("remuneration_years")
