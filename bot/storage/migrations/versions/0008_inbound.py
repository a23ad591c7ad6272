"""The inbound update queue (``inbound_updates``): updates are stored before Telegram is told
they arrived, and handled from the table in order per person, by any process.

Revision ID: 0008_inbound
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_inbound"
down_revision = ("0006_desk_reads", "0006_part_progress")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("chat_key", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("lease_owner", sa.String(80), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_inbound_updates_state", "inbound_updates", ["state", "update_id"])
    op.create_index("ix_inbound_updates_chat", "inbound_updates", ["chat_key", "update_id"])


def downgrade() -> None:
    op.drop_index("ix_inbound_updates_chat", "inbound_updates")
    op.drop_index("ix_inbound_updates_state", "inbound_updates")
    op.drop_table("inbound_updates")
