"""Per-part progress and a bound on RetryAfter for both outboxes (tips and messages).

A long message goes out in parts; ``parts_sent`` says how many arrived, so a retry goes on from
the part that failed instead of sending part 1 again. ``waits`` counts RetryAfter answers, which
are not attempts but must not repeat without end.

It joins the outbox branch (outbox_messages) and the staff branch (broadcast_outbox), whose
tables it changes: a merge revision, so neither is left a head of its own.

Revision ID: 0006_part_progress
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_part_progress"
down_revision = ("0005_outbox", "0004_staff")
branch_labels = None
depends_on = None

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
