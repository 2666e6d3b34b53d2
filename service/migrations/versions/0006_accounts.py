"""accounts: normalised username key, token version, login throttles per (username, client)
(issue 12)

Revision ID: 0006_accounts
Revises: 0005_neardup
Create Date: 2026-12-06 21:10:00
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_accounts"
down_revision: str | None = "0005_neardup"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(username: str) -> str:
    # the same rule as service.core.usernames.username_key, frozen here on purpose
    return unicodedata.normalize("NFKC", username).strip().casefold()[:50]


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username_key", sa.String(length=50), nullable=True))
        batch_op.add_column(
            sa.Column("token_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
    conn = op.get_bind()
    users = sa.table(
        "users", sa.column("id", sa.Integer), sa.column("username"), sa.column("username_key")
    )
    seen: dict[str, str] = {}
    for user_id, username in conn.execute(sa.select(users.c.id, users.c.username)).all():
        key = _key(username)
        if key in seen:
            raise RuntimeError(
                f"usernames {seen[key]!r} and {username!r} differ only by case or width; "
                "rename one of them before upgrading (用户名仅大小写或全半角不同，请先改名)"
            )
        seen[key] = username
        conn.execute(users.update().where(users.c.id == user_id).values(username_key=key))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("username_key", existing_type=sa.String(length=50), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_users_username_key"), ["username_key"])
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("locked_until")

    op.create_table(
        "login_throttles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username_digest", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_throttles")),
        sa.UniqueConstraint(
            "username_digest", "client", name=op.f("uq_login_throttles_username_digest_client")
        ),
    )
    with op.batch_alter_table("login_throttles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_throttles_username_digest"), ["username_digest"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_login_throttles_window_start"), ["window_start"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("login_throttles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttles_window_start"))
        batch_op.drop_index(batch_op.f("ix_login_throttles_username_digest"))
    op.drop_table("login_throttles")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(batch_op.f("uq_users_username_key"), type_="unique")
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("token_version")
        batch_op.drop_column("username_key")
