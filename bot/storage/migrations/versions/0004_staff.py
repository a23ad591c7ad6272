"""Staff tools: staff roles and invites, tip subscriptions, broadcasts and outbox, handover.

Revision ID: 0004_staff
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_staff"
down_revision = "0001_foundation"
branch_labels = ("staff",)
depends_on = None


def _user_fk() -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete="CASCADE")


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "staff_members",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("added_by", sa.BigInteger(), nullable=False),
        _ts("added_at"),
    )
    op.create_table(
        "staff_invites",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        _ts("expires_at"),
    )
    op.create_table(
        "tip_subscriptions",
        sa.Column("user_id", sa.BigInteger(), _user_fk(), primary_key=True),
        _ts("created_at"),
        _ts("blocked_at", nullable=True),
    )
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False, index=True),
        sa.Column("status", sa.String(12), nullable=False, index=True),
        sa.Column("step", sa.String(12), nullable=False),
        sa.Column("audience", sa.String(12), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("photo", sa.String(255), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("report_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("report_message_id", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("started_at", nullable=True),
        _ts("finished_at", nullable=True),
    )
    op.create_table(
        "broadcast_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "broadcast_id",
            sa.Integer(),
            sa.ForeignKey("broadcasts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _ts("next_attempt_at"),
        _ts("updated_at"),
        sa.UniqueConstraint("broadcast_id", "user_id"),
    )
    op.create_index("ix_outbox_due", "broadcast_outbox", ["status", "next_attempt_at"])
    op.create_table(
        "handover_threads",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False, index=True),
        sa.Column("status", sa.String(8), nullable=False, index=True),
        _ts("opened_at"),
        _ts("updated_at"),
        _ts("closed_at", nullable=True),
    )
    op.create_table(
        "handover_posts",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("message_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column(
            "thread_id",
            sa.Integer(),
            sa.ForeignKey("handover_threads.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_due", "broadcast_outbox")
    for table in (
        "handover_posts",
        "handover_threads",
        "broadcast_outbox",
        "broadcasts",
        "tip_subscriptions",
        "staff_invites",
        "staff_members",
    ):
        op.drop_table(table)
