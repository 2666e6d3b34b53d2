"""workflow: a partial index for the review queue's default order

Revision ID: 0002
Revises: 0003
Create Date: 2026-11-24 12:00:00

File name: its place in the chain (files sort in chain order); the revision id is older
and stays as it is, because existing databases store it in alembic_version.

GET /api/v1/queue lists submitted drafts, lowest confidence first. Without an index that
page reads and sorts every submitted draft (about 30-60 ms for 20,000 on the bench machine,
growing with the queue); with this partial index it reads the first page only (0.2 ms).

Chained after 0003 (not 0001) so the history keeps a single head: 0003 (scoring, file
0002_scoring.py) already revises 0001. The two migrations are independent; either order works.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUBMITTED = sa.text("status = 'submitted'")


def upgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_drafts_queue_confidence",
            ["confidence", "id"],
            unique=False,
            postgresql_where=SUBMITTED,
            sqlite_where=SUBMITTED,
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index("ix_drafts_queue_confidence")
