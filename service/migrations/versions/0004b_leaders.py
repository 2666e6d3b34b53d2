"""leaders: the admin table of leaders' names, posts and order (issue 17)

Revision ID: 0004_leaders
Revises: 0004_submissions
Create Date: 2026-12-10 10:00:00

File name: its place in the chain (files sort in chain order); the revision id is older
and stays as it is, because existing databases store it in alembic_version.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_leaders"
down_revision: str | None = "0004_submissions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "leaders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("post", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leaders")),
    )
    with op.batch_alter_table("leaders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leaders_name"), ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("leaders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leaders_name"))
    op.drop_table("leaders")
