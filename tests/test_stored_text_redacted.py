"""Free text is redacted by the store that writes it: read back from the real database (SQLite,
and PostgreSQL when TEST_DATABASE_URL is set), and rows stored before redaction existed are
redacted by the migration."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import select, text

from bot.storage.db import create_engine, session_factory
from bot.storage.dialogs import DialogStore
from bot.storage.faq import FaqStore
from bot.storage.migrate import alembic_config, upgrade
from bot.storage.models_faq_dialogs import DialogProgress, FaqQuestion
from tests.dbsupport import database_with_users

QUESTION = "Jeg heter Kari Nordmann, ring 412 34 567 om husleie i Storgata 12B"
CLEAN = "Jeg heter [navn], ring [telefon] om husleie i [adresse]"


async def test_the_faq_store_writes_unanswered_questions_redacted(db_url):
    engine, sessions = await database_with_users(db_url, [])
    store = FaqStore(sessions)
    await store.record_question(QUESTION, "nb", "none")
    await store.record_question("Hva koster 8 000 kr i måneden?", "nb", "unsure")
    async with sessions() as s:
        stored = set((await s.scalars(select(FaqQuestion.text))).all())
    assert stored == {CLEAN, "Hva koster 8 000 kr i måneden?"}
    top = dict(await store.top_unanswered())
    assert CLEAN.lower() in top and not any("412" in q or "kari" in q for q in top)
    await engine.dispose()


async def test_the_dialog_store_writes_text_answers_redacted(db_url):
    engine, sessions = await database_with_users(db_url, [7])
    store = DialogStore(sessions)
    state = {
        "dialog_id": "d",
        "step_id": "s3",
        "answers": {
            "why": "Mitt navn er Ola, mail ola@example.no, fnr 15108695088",
            "kids": "2",
            "income": 350000,
            "moved": "2027-03-12",
            "housing": "renting",
        },
        "history": ["why", "kids", "income", "moved", "housing"],
        "meta": {"stat_id": 1},
    }
    await store.save(7, "d", state)
    async with sessions() as s:
        row = await s.get(DialogProgress, 7)
    assert row is not None
    assert row.state["answers"] == {
        "why": "Mitt navn er [navn], mail [e-post], fnr [fnr]",
        "kids": "2",
        "income": 350000,
        "moved": "2027-03-12",
        "housing": "renting",
    }
    assert row.state["history"] == state["history"] and row.state["meta"] == {"stat_id": 1}
    loaded = await store.load(7)
    assert loaded is not None and loaded[1]["answers"]["why"].startswith("Mitt navn er [navn]")
    await engine.dispose()


async def test_the_migration_redacts_what_was_stored_before(db_url):
    engine = create_engine(db_url)
    cfg = alembic_config()

    def to_faq_only(sync_conn) -> None:  # type: ignore[no-untyped-def]
        cfg.attributes["connection"] = sync_conn
        command.upgrade(cfg, "0002_faq_dialogs")

    async with engine.begin() as conn:
        await conn.run_sync(to_faq_only)
        now = datetime.now(UTC)
        await conn.execute(
            text(
                "INSERT INTO users (id, language, first_seen, last_seen) VALUES (5, 'nb', :t, :t)"
            ),
            {"t": now},
        )
        await conn.execute(
            text(
                "INSERT INTO faq_questions (text, language, band, asked_at) "
                "VALUES (:q, 'nb', 'none', :t), ('Hvor mye er 8 000 kr?', 'nb', 'none', :t)"
            ),
            {"q": QUESTION, "t": now},
        )
    sessions = session_factory(engine)
    async with sessions() as s:
        s.add(
            DialogProgress(
                user_id=5,
                dialog_id="d",
                state={"answers": {"why": "ring 41234567", "kids": "yes"}, "history": []},
                updated_at=datetime.now(UTC),
            )
        )
        await s.commit()
    await upgrade(engine)
    async with sessions() as s:
        stored = set((await s.scalars(select(FaqQuestion.text))).all())
        progress = await s.get(DialogProgress, 5)
    assert stored == {CLEAN, "Hvor mye er 8 000 kr?"}
    assert progress is not None
    assert progress.state["answers"] == {"why": "ring [telefon]", "kids": "yes"}
    await engine.dispose()
