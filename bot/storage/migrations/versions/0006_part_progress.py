"""Per-part progress and a bound on RetryAfter for both outboxes (tips and messages).

A long message goes out in parts; ``parts_sent`` says how many arrived, so a retry goes on from
the part that failed instead of sending part 1 again. ``waits`` counts RetryAfter answers, which
are not attempts but must not repeat without end.

It continues the outbox branch and depends on the staff branch (which made broadcast_outbox):
branching from 0001_foundation with both as ``depends_on`` trips Alembic's head bookkeeping
(KeyError on upgrade), and this way the order is certain.

Revision ID: 0006_part_progress
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_part_progress"
down_revision = "0005_outbox"
branch_labels = ("part_progress",)
depends_on = ("0004_staff",)

TABLES = ("broadcast_outbox", "outbox_messages")


def upgrade() -> None:
    for table in TABLES:
        for column in ("parts_sent", "waits"):
            op.add_column(
                table, sa.Column(column, sa.Integer(), nullable=False, server_default="0")
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("waits")
            batch.drop_column("parts_sent")
