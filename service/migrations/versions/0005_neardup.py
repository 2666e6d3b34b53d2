"""near-duplicate index: draft_signatures (MinHash) and draft_bands (LSH keys) (issue 17)

Revision ID: 0005_neardup
Revises: 0004_leaders
Create Date: 2026-12-10 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_neardup"
down_revision: str | None = "0004_leaders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft_signatures",
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_draft_signatures_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("draft_id", name=op.f("pk_draft_signatures")),
    )
    op.create_table(
        "draft_bands",
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_draft_bands_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "draft_id", name=op.f("pk_draft_bands")),
    )
    with op.batch_alter_table("draft_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_bands_draft_id"), ["draft_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("draft_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_bands_draft_id"))
    op.drop_table("draft_bands")
    op.drop_table("draft_signatures")
