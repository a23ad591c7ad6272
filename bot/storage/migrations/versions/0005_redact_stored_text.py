"""Redact the free text stored before redaction existed: unanswered FAQ questions and text
answers of running dialogs (names, numbers, addresses and e-mail addresses become tags).

Revision ID: 0005_redact_stored_text
"""

import sqlalchemy as sa
from alembic import op

from bot.core.redact import redact
from bot.storage.dialogs import redacted_state

revision = "0005_redact_stored_text"
down_revision = "0002_faq_dialogs"
branch_labels = None
depends_on = None

questions = sa.table("faq_questions", sa.column("id", sa.Integer), sa.column("text", sa.Text))
progress = sa.table(
    "dialog_progress", sa.column("user_id", sa.BigInteger), sa.column("state", sa.JSON)
)


def upgrade() -> None:
    conn = op.get_bind()
    for row_id, text in conn.execute(sa.select(questions.c.id, questions.c.text)).all():
        if (clean := redact(text)) != text:
            conn.execute(questions.update().where(questions.c.id == row_id).values(text=clean))
    for user_id, state in conn.execute(sa.select(progress.c.user_id, progress.c.state)).all():
        if isinstance(state, dict) and (clean := redacted_state(state)) != state:
            conn.execute(progress.update().where(progress.c.user_id == user_id).values(state=clean))


def downgrade() -> None:
    pass  # what was taken out is gone
