"""FAQ learning tables and screening dialog progress/statistics.

Revision ID: 0002_faq_dialogs
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_faq_dialogs"
down_revision = "0001_foundation"
branch_labels = ("faq_dialogs",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_questions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_faq_questions_asked_at", "faq_questions", ["asked_at"])
    op.create_table(
        "faq_feedback",
        sa.Column("entry_id", sa.String(80), primary_key=True),
        sa.Column("answered", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("helpful", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("unhelpful", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "dialog_progress",
        sa.Column(
            "user_id",
            sa.BigInteger(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("dialog_id", sa.String(40), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dialog_progress_updated_at", "dialog_progress", ["updated_at"])
    op.create_table(
        "dialog_stats",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("dialog_id", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(60), nullable=True),
        sa.Column("kind", sa.String(20), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_dialog_stats_dialog_id", "dialog_stats", ["dialog_id"])
    op.create_index("ix_dialog_stats_started_on", "dialog_stats", ["started_on"])


def downgrade() -> None:
    for table in ("dialog_stats", "dialog_progress", "faq_feedback", "faq_questions"):
        op.drop_table(table)
