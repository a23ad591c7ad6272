"""Staff desk: how far each login has read each handover case (unread counts).

Revision ID: 0006_desk_reads
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_desk_reads"
# After the desk's logins and the staff tables (its rows point at handover cases): joins the two.
down_revision = ("0005_desk", "0004_staff")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_reads",
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("desk_users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "thread_id",
            sa.Integer(),
            sa.ForeignKey("handover_threads.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("last_read", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_desk_reads_thread_id", "desk_reads", ["thread_id"])


def downgrade() -> None:
    op.drop_index("ix_desk_reads_thread_id", "desk_reads")
    op.drop_table("desk_reads")
