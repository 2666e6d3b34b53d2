"""submissions: every submission of a draft (time, who, note, title and text as submitted)

Revision ID: 0004_submissions
Revises: 0002
Create Date: 2026-12-06 19:30:00

File name: its place in the chain (files sort in chain order); the revision id is older
and stays as it is, because existing databases store it in alembic_version.

- draft_submissions: one row per submit; drafts.submitted_at stays the latest one.
  Existing submitted drafts get one row from their latest submission (the only one known).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_submissions"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_draft_submissions_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["users.id"], name=op.f("fk_draft_submissions_submitted_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_submissions")),
    )
    with op.batch_alter_table("draft_submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_draft_submissions_draft_id"), ["draft_id"], unique=False
        )
    op.execute(
        "INSERT INTO draft_submissions (draft_id, round, submitted_at, submitted_by, comment,"
        " title, body) SELECT id, 1, submitted_at, author_id, '', title, body FROM drafts"
        " WHERE submitted_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("draft_submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_submissions_draft_id"))
    op.drop_table("draft_submissions")
