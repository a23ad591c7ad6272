from datetime import date, timedelta

from sqlalchemy import update

from bot.cli import main
from bot.storage.db import create_engine, session_factory
from bot.storage.faq import FaqStore
from bot.storage.migrate import upgrade
from bot.storage.models_faq_dialogs import FaqQuestion
from bot.storage.types import utcnow


async def _store(db_url):
    engine = create_engine(db_url)
    await upgrade(engine)
    return engine, FaqStore(session_factory(engine))


async def test_unanswered_counted_feedback_ranked_and_old_questions_purged(db_url):
    engine, store = await _store(db_url)
    for text in ["Hvor er badet", "hvor er badet ", "parkering?", "hvor er badet"]:
        await store.record_question(text, "nb", "none")
    await store.feedback("a", helpful=False)
    await store.feedback("a", helpful=False)
    await store.feedback("b", helpful=True)
    await store.feedback("b", helpful=False)
    await store.count_answer("a")
    top = await store.top_unanswered()
    assert top[0] == ("hvor er badet", 3) and top[1] == ("parkering?", 1)
    worst = await store.least_helpful()
    assert [f.entry_id for f in worst] == ["a", "b"] and worst[0].answered == 1
    async with store.sessions() as s:
        await s.execute(
            update(FaqQuestion)
            .where(FaqQuestion.text == "parkering?")
            .values(asked_at=utcnow() - timedelta(days=100))
        )
        await s.commit()
    assert await store.purge(utcnow() - timedelta(days=90)) == 1
    assert await store.totals() == {"answered": 1, "unanswered": 3}
    await engine.dispose()


async def test_answers_are_counted_on_the_municipalitys_day(db_url):
    engine = create_engine(db_url)
    await upgrade(engine)
    days = iter([date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 2)])
    store = FaqStore(session_factory(engine), today=lambda: next(days))
    for entry in ("a", "b", "a"):
        await store.count_answer(entry)
    assert await store.answered_since(date(2026, 3, 1)) == {
        date(2026, 3, 1): 2,
        date(2026, 3, 2): 1,
    }
    assert await store.answered_since(date(2026, 3, 2)) == {date(2026, 3, 2): 1}
    assert await store.totals() == {"answered": 3, "unanswered": 0}
    await engine.dispose()


async def test_faq_report_command_prints_questions_and_entries(db_url, monkeypatch, capsys):
    engine, store = await _store(db_url)
    await store.record_question("kan jeg ha katt", "nb", "none")
    await store.feedback("bolignu-price", helpful=False)
    await engine.dispose()
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("BOLIGBOT_CONFIG", raising=False)
    assert await _run(main, ["faq-report"]) == 0
    out = capsys.readouterr().out
    assert "kan jeg ha katt" in out and "bolignu-price: 👎 1" in out


async def _run(fn, argv):
    # The command runs its own event loop; keep it off the test's loop.
    import asyncio

    return await asyncio.to_thread(fn, argv)
