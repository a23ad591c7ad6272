"""Reminders: meetups, subscriptions, agreements and their links, staff flows, delivery log.

Revision ID: 0003_reminders
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_reminders"
down_revision = "0001_foundation"
branch_labels = ("reminders",)
depends_on = None


def _user_fk(ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey("users.id", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "meetups",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("at", sa.Time(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "meetup_cancellations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "meetup_id",
            sa.Integer(),
            sa.ForeignKey("meetups.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("meetup_id", "on_date"),
    )
    op.create_table(
        "meetup_subscriptions",
        sa.Column("user_id", sa.BigInteger(), _user_fk(), primary_key=True),
        sa.Column(
            "meetup_id",
            sa.Integer(),
            sa.ForeignKey("meetups.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_meetup_subscriptions_meetup_id", "meetup_subscriptions", ["meetup_id"])
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("review_dates", sa.JSON(), nullable=False),
        # The staff member's id is not theirs to cascade: their /slett only unsets it.
        sa.Column("staff_id", sa.BigInteger(), _user_fk("SET NULL"), nullable=True),
        sa.Column("code_hash", sa.String(64), nullable=True, unique=True),
        sa.Column("code_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_agreements_ends_on", "agreements", ["ends_on"])
    op.create_table(
        "agreement_links",
        sa.Column(
            "agreement_id",
            sa.Integer(),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_agreement_links_user_id", "agreement_links", ["user_id"])
    op.create_table(
        "reminder_flows",
        sa.Column("user_id", sa.BigInteger(), _user_fk(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("step", sa.String(20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reminder_flows_updated_at", "reminder_flows", ["updated_at"])
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(160), nullable=False, unique=True),
        sa.Column("user_id", sa.BigInteger(), _user_fk(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reminder_deliveries_user_id", "reminder_deliveries", ["user_id"])
    op.create_index("ix_reminder_deliveries_due_at", "reminder_deliveries", ["due_at"])


def downgrade() -> None:
    for table in (
        "reminder_deliveries",
        "reminder_flows",
        "agreement_links",
        "agreements",
        "meetup_subscriptions",
        "meetup_cancellations",
        "meetups",
    ):
        op.drop_table(table)
