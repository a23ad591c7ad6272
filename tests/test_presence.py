"""Stores that skip reads for people without per-user state still find that state after a
restart (a new store loading its presence from the table)."""

from __future__ import annotations

from bot.storage.dialogs import DialogStore
from bot.storage.staff import StaffStore
from tests.dbsupport import database_with_users


async def test_dialog_progress_and_threads_survive_a_restart(db_url):
    engine, sessions = await database_with_users(db_url, [1, 2, 3])
    dialogs, staff = DialogStore(sessions), StaffStore(sessions)
    await dialogs.load_presence()
    await staff.load_presence()
    await dialogs.save(1, "bolignu", {"step": "q1"})
    await staff.ask(2)
    assert (await dialogs.load(1))[0] == "bolignu" and await dialogs.load(2) is None
    assert (await staff.thread_of(2)).status == "asking" and await staff.thread_of(1) is None

    dialogs, staff = DialogStore(sessions), StaffStore(sessions)  # the bot restarted
    await dialogs.load_presence()
    await staff.load_presence()
    assert (await dialogs.load(1))[1] == {"step": "q1"}
    assert (await staff.thread_of(2)).user_id == 2
    assert await dialogs.load(3) is None and await staff.thread_of(3) is None

    await dialogs.clear(1)
    thread = await staff.thread_of(2)
    await staff.set_status(thread.id, "closed")
    assert await dialogs.load(1) is None and await staff.thread_of(2) is None
    await dialogs.save(1, "foyer", {})  # a new dialog after the old one ended is found
    assert (await dialogs.load(1))[0] == "foyer"
    await engine.dispose()
