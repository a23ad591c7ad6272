"""Staff desk: who is answering a case, in the database (shared by every instance).

Revision ID: 0009_desk_claims
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_desk_claims"
down_revision = "0006_desk_reads"  # the desk's branch: its rows point at handover cases
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_claims",
        sa.Column(
            "thread_id",
            sa.Integer(),
            sa.ForeignKey("handover_threads.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("who", sa.String(254), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("desk_claims")
