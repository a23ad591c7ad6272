"""FAQ answers per day (a count per date, for the desk's questions-per-day chart).

Revision ID: 0007_faq_daily
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_faq_daily"
down_revision = "0005_redact_stored_text"  # the FAQ's own branch
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_answers_per_day",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("answered", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("faq_answers_per_day")
