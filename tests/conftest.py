"""Shared fixtures: a database per test (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

PG_URL = os.environ.get("TEST_DATABASE_URL", "")


async def _reset_postgres(url: str) -> None:
    """Empty the test database. Sessions still open on it (a pool an earlier test leaked, a
    process a crashed run left behind) are ended first: one idle in a transaction would
    otherwise hold a lock that makes DROP SCHEMA wait for ever, and the whole run with it."""
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL lock_timeout = '30s'"))
        await conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request, tmp_path) -> str:
    """A fresh, empty database; every test using it runs on both back-ends."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/test.db"
    if not PG_URL:
        pytest.skip(
            "PostgreSQL run needs TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"
        )
    await _reset_postgres(PG_URL)
    return PG_URL
