"""Staff desk: desk users, server-side sessions, failed-login counts.

Revision ID: 0005_desk
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_desk"
down_revision = "0001_foundation"
branch_labels = ("desk",)
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "desk_users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True, unique=True),
        _ts("created_at"),
        _ts("last_login_at", nullable=True),
    )
    op.create_table(
        "desk_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("desk_users.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("csrf", sa.String(64), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("last_seen_at"),
    )
    op.create_index("ix_desk_sessions_expires_at", "desk_sessions", ["expires_at"])
    op.create_table(
        "desk_login_failures",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        _ts("last_failure_at"),
    )
    op.create_index(
        "ix_desk_login_failures_last_failure_at", "desk_login_failures", ["last_failure_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_desk_login_failures_last_failure_at", "desk_login_failures")
    op.drop_index("ix_desk_sessions_expires_at", "desk_sessions")
    for table in ("desk_login_failures", "desk_sessions", "desk_users"):
        op.drop_table(table)
