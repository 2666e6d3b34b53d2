"""reviewers' marks on near-identical drafts: 合报 (joint) or 重复 (duplicate) (issue 17)

Revision ID: 0007_draft_marks
Revises: 0006_accounts
Create Date: 2026-12-06 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_draft_marks"
down_revision: str | None = "0006_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_draft_marks_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["drafts.id"],
            name=op.f("fk_draft_marks_other_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["marked_by"],
            ["users.id"],
            name=op.f("fk_draft_marks_marked_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_marks")),
        sa.UniqueConstraint("draft_id", "other_id", name=op.f("uq_draft_marks_draft_id_other_id")),
    )
    with op.batch_alter_table("draft_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_marks_draft_id"), ["draft_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_draft_marks_other_id"), ["other_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("draft_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_marks_other_id"))
        batch_op.drop_index(batch_op.f("ix_draft_marks_draft_id"))
    op.drop_table("draft_marks")
