"""scoring: monthly score tallies, how each adoption/instruction was scored, 转报 level

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-24 10:00:00

File name: its place in the chain (files sort in chain order); the revision id is older
and stays as it is, because existing databases store it in alembic_version.

- score_months: per (month, unit, author) sums of stored adoption and instruction points;
  the scoreboard sums these instead of every adoption (see service/tables/scoreboard.py).
- adoptions.forwarded_to (转报 level), adoptions.note and instructions.note (the stored
  explanation of the points, e.g. why a second same-level 批示 scores 0).
- drafts (submitted_at, unit_id, author_id): submitted counts per period from the index;
  drafts (solicitation_id, unit_id): the drafts answering a 约稿.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "score_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("adoption_points", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("adoptions", sa.Integer(), nullable=False),
        sa.Column("adopted_drafts", sa.Integer(), nullable=False),
        sa.Column("instruction_points", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("instructions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_score_months_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("month", "unit_id", "author_id", name=op.f("pk_score_months")),
    )
    with op.batch_alter_table("adoptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("forwarded_to", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("note", sa.String(length=300), server_default="", nullable=False)
        )
    with op.batch_alter_table("instructions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("note", sa.String(length=300), server_default="", nullable=False)
        )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_drafts_submitted_at_unit_id_author_id",
            ["submitted_at", "unit_id", "author_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_drafts_solicitation_id_unit_id", ["solicitation_id", "unit_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index("ix_drafts_solicitation_id_unit_id")
        batch_op.drop_index("ix_drafts_submitted_at_unit_id_author_id")
    with op.batch_alter_table("instructions", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("adoptions", schema=None) as batch_op:
        batch_op.drop_column("note")
        batch_op.drop_column("forwarded_to")
    op.drop_table("score_months")
