"""The audit log of staff actions (who did what, when; kept ``privacy.audit_days``).

A merge revision of the two heads that changed the staff tables (``0006_desk_reads`` and
``0006_part_progress``): the log records actions on both, and neither is left a head of its own.

Revision ID: 0007_audit
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_audit"
down_revision = ("0006_desk_reads", "0006_part_progress")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("via", sa.String(8), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_login", sa.String(254), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.String(254), nullable=False, server_default=""),
        sa.Column("person", sa.BigInteger(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(40), nullable=False, server_default=""),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_action", "audit_log")
    op.drop_index("ix_audit_log_at", "audit_log")
    op.drop_table("audit_log")
