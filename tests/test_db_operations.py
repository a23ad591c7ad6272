"""`boligbot migrate`, `backup`, `restore` and `copy-db`, run as the operator runs them (the
CLI), on SQLite and, with TEST_DATABASE_URL, PostgreSQL; every table's rows compared."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import stat
from datetime import UTC, datetime
from shutil import which

import pytest
from sqlalchemy import delete, insert, inspect, select

from bot.cli import main
from bot.storage.db import create_engine
from bot.storage.migrate import applied_revisions, head_revisions, upgrade
from bot.storage.models import User
from bot.storage.models_tips import Broadcast
from tests.conftest import PG_URL, _reset_postgres
from tests.dbsupport import every_row, fill_every_table

NO_PG = "copy-db to PostgreSQL needs TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """Run ``boligbot ARGS`` in a thread (it runs its own event loop) with DATABASE_URL set;
    returns (status, stdout, stderr). The root logger is given back to pytest afterwards."""
    monkeypatch.chdir(tmp_path)  # no ./config.toml
    monkeypatch.delenv("BOLIGBOT_CONFIG", raising=False)
    root = logging.getLogger()
    saved = root.handlers[:], root.level

    async def run(*argv: str, db: str | None = None) -> tuple[int, str, str]:
        if db is not None:
            monkeypatch.setenv("DATABASE_URL", db)
        capsys.readouterr()
        status = await asyncio.to_thread(main, list(argv))
        out = capsys.readouterr()
        return status, out.out, out.err

    yield run
    root.handlers[:], root.level = saved[0], saved[1]


async def filled(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        return await fill_every_table(engine)
    finally:
        await engine.dispose()


async def run_sql(url: str, *statements) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            for s in statements:
                await conn.execute(s)
    finally:
        await engine.dispose()


# --- migrate ---------------------------------------------------------------------------------


async def test_migrate_upgrades_the_first_release_and_is_safe_to_run_again(db_url, cli):
    engine = create_engine(db_url)
    try:
        await upgrade(engine, "0001_foundation")
        assert await applied_revisions(engine) == {"0001_foundation"}
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            await conn.execute(
                insert(User), [dict(id=7, language="nn", first_seen=now, last_seen=now)]
            )
    finally:
        await engine.dispose()

    for _ in range(2):
        status, out, _ = await cli("migrate", db=db_url)
        assert (status, out.strip()) == (0, "database is up to date")

    engine = create_engine(db_url)
    try:
        assert await applied_revisions(engine) == head_revisions()
        assert len(head_revisions()) > 1  # every feature branch, not only the foundation
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert {"users", "faq_questions", "meetups", "broadcast_outbox"} <= tables
            assert (await conn.execute(select(User.id, User.language))).all() == [(7, "nn")]
    finally:
        await engine.dispose()


# --- backup and restore ----------------------------------------------------------------------


async def test_backup_then_restore_gives_back_every_row(db_url, cli, tmp_path):
    if not db_url.startswith("sqlite") and not (which("pg_dump") and which("pg_restore")):
        pytest.skip("PostgreSQL backups need pg_dump and pg_restore on PATH (postgresql-client)")
    counts = await filled(db_url)
    assert len(counts) >= 20 and all(n == 3 for n in counts.values())
    before = await every_row(db_url)
    path = tmp_path / "backups" / "boligbot.backup"

    status, out, err = await cli("backup", str(path), db=db_url)
    assert status == 0, err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds personal data

    # Life goes on after the backup: a user deleted (with their rows), another one added.
    now = datetime.now(UTC)
    await run_sql(
        db_url,
        delete(User).where(User.id == 1),
        insert(User).values(id=99, language="uk", first_seen=now, last_seen=now),
    )
    assert await every_row(db_url) != before

    status, out, err = await cli("restore", str(path), db=db_url)
    assert status == 0, err
    assert await every_row(db_url) == before
    if db_url.startswith("sqlite"):
        kept = sorted(tmp_path.glob("test.db.before-restore-*"))
        assert len(kept) == 1 and "the database as it was before is kept" in out
        assert (99,) in sqlite3.connect(kept[0]).execute("SELECT id FROM users").fetchall()


async def test_sqlite_backup_while_the_bot_writes_holds_what_was_committed(tmp_path, cli):
    url = f"sqlite+aiosqlite:///{tmp_path}/live.db"
    engine = create_engine(url)
    try:
        await upgrade(engine)
        now = datetime.now(UTC)
        async with engine.begin() as conn:
            await conn.execute(
                insert(User).values(id=1, language="nb", first_seen=now, last_seen=now)
            )
        assert (tmp_path / "live.db-wal").stat().st_size > 0  # the row is in the WAL still
        async with engine.connect() as conn:
            # A transaction in flight while the backup runs: not committed, not in the backup.
            await conn.execute(
                insert(User).values(id=2, language="nb", first_seen=now, last_seen=now)
            )
            status, _, err = await cli("backup", str(tmp_path / "b.db"), db=url)
            await conn.rollback()
    finally:
        await engine.dispose()
    assert status == 0, err
    backup = sqlite3.connect(tmp_path / "b.db")
    assert backup.execute("SELECT id FROM users").fetchall() == [(1,)]
    assert backup.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file


async def test_restore_refuses_what_is_not_a_backup_of_this_kind(tmp_path, cli):
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    (tmp_path / "notes.txt").write_text("not a database")
    (tmp_path / "dump.backup").write_bytes(b"PGDMP\x01\x0e\x00" + bytes(100))
    status, _, err = await cli("restore", str(tmp_path / "notes.txt"), db=url)
    assert status == 1 and "notes.txt is not a backup" in err
    status, _, err = await cli("restore", str(tmp_path / "dump.backup"), db=url)
    assert status == 1 and "is a PostgreSQL dump" in err and "copy-db" in err
    status, _, err = await cli("restore", str(tmp_path / "missing.db"), db=url)
    assert status == 1 and "no backup file" in err
    assert not (tmp_path / "bot.db").exists()


async def test_postgres_backup_without_pg_dump_says_what_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    status, _, err = await cli(
        "backup", str(tmp_path / "x"), db="postgresql+asyncpg://u:pw@127.0.0.1:1/db"
    )
    assert status == 1 and "pg_dump not found on PATH" in err and "postgresql-client" in err
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.part").exists()


# --- copy-db ---------------------------------------------------------------------------------


async def test_copy_db_sqlite_to_sqlite_copies_every_row(tmp_path, cli):
    a, b = f"sqlite+aiosqlite:///{tmp_path}/a.db", f"sqlite+aiosqlite:///{tmp_path}/b.db"
    counts = await filled(a)
    status, out, err = await cli("copy-db", a, b)
    assert status == 0, err
    assert f"copied {sum(counts.values())} rows in {len(counts)} tables" in out
    assert await every_row(b) == await every_row(a)


@pytest.mark.skipif(not PG_URL, reason=NO_PG)
async def test_copy_db_sqlite_to_postgresql_and_back(tmp_path, cli):
    a, b = f"sqlite+aiosqlite:///{tmp_path}/a.db", f"sqlite+aiosqlite:///{tmp_path}/b.db"
    await _reset_postgres(PG_URL)
    await filled(a)
    rows = await every_row(a)
    assert all(len(r) == 3 for r in rows.values())

    status, _, err = await cli("copy-db", a, PG_URL)
    assert status == 0, err
    assert await every_row(PG_URL) == rows

    status, _, err = await cli("copy-db", PG_URL, b)
    assert status == 0, err
    assert await every_row(b) == rows

    # The sequences were moved past the copied ids: the next tip gets a fresh id.
    engine = create_engine(PG_URL)
    try:
        async with engine.begin() as conn:
            now = datetime.now(UTC)
            new_id = (
                await conn.execute(
                    insert(Broadcast)
                    .values(created_by=1, status="draft", step="content", created_at=now)
                    .returning(Broadcast.id)
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    assert new_id == max(r[0] for r in rows["broadcasts"]) + 1


async def test_copy_db_refuses_a_target_with_data_and_a_source_behind(tmp_path, cli):
    a, b = f"sqlite+aiosqlite:///{tmp_path}/a.db", f"sqlite+aiosqlite:///{tmp_path}/b.db"
    await filled(a)
    await filled(b)
    status, _, err = await cli("copy-db", a, b)
    assert status == 1 and "TO already holds data" in err

    old = f"sqlite+aiosqlite:///{tmp_path}/old.db"
    engine = create_engine(old)
    await upgrade(engine, "0001_foundation")
    await engine.dispose()
    status, _, err = await cli("copy-db", old, f"sqlite+aiosqlite:///{tmp_path}/c.db")
    assert status == 1 and "older schema" in err and "migrate" in err

    status, _, err = await cli("copy-db", a, "mysql://u:hunter2@h/db")
    assert status == 2 and "must start with" in err and "hunter2" not in err
