"""A migrated database with some users, for store tests; every table filled and read back,
for the tests of backup, restore and copy-db."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    Time,
    select,
)
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.types import TypeDecorator

from bot.storage.db import create_engine, session_factory
from bot.storage.migrate import upgrade
from bot.storage.models import User


async def database_with_users(
    db_url: str, ids: list[int]
) -> tuple[AsyncEngine, async_sessionmaker]:
    engine = create_engine(db_url)
    await upgrade(engine)
    sessions = session_factory(engine)
    now = datetime.now(UTC)
    async with sessions() as s:
        s.add_all([User(id=i, language="nb", first_seen=now, last_seen=now) for i in ids])
        await s.commit()
    return engine, sessions


# --- every table, filled and compared (backup, restore, copy-db) ------------------------------


def _value(column: Column, i: int) -> Any:
    """A value of the column's type for row ``i``; unique per row where keys need it."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if column.nullable and not column.primary_key and i == 1:
        return None
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, Integer):
        return 1000 + i if not column.primary_key else i + 1
    if isinstance(kind, DateTime):
        return datetime(2026, 3, 29, 0, 30, 15, 250000, tzinfo=UTC) + timedelta(days=i, hours=i)
    if isinstance(kind, Date):
        return date(2026, 1, 1) + timedelta(days=i)
    if isinstance(kind, Time):
        return time(10, i, 30)
    if isinstance(kind, JSON):
        return {"svar": [i, "ø æ å", None], "ok": True}
    if isinstance(kind, Float | Numeric):
        return i + 0.5
    if isinstance(kind, LargeBinary):
        return bytes([i, 0, 255])
    if isinstance(kind, Text):
        return f"Hei på deg {i} — привіт ✓\nlinje to"
    if isinstance(kind, String):
        text = f"{column.name}-{i}-ø"
        return text[-kind.length :] if kind.length else text
    raise AssertionError(f"no test value for {column.table.name}.{column.name}: {kind!r}")


async def fill_every_table(engine: AsyncEngine, rows: int = 3) -> dict[str, int]:
    """``rows`` rows in every table of a migrated database, parents first, each child row
    pointing at a parent row; returns the rows per table."""
    from bot.storage.copydb import ordered_tables

    made: dict[str, list[dict]] = {}
    async with engine.begin() as conn:
        for table in await ordered_tables(conn):
            batch = []
            for i in range(rows):
                row = {c.name: _value(c, i) for c in table.columns}
                for fk in table.foreign_keys:
                    parents = made[fk.column.table.name]
                    row[fk.parent.name] = parents[i % len(parents)][fk.column.name]
                batch.append(row)
            await conn.execute(table.insert(), batch)
            made[table.name] = batch
    return {name: len(batch) for name, batch in made.items()}


async def every_row(url: str) -> dict[str, list[tuple]]:
    """Every table's rows as values (times aware UTC), in a stable order."""
    from bot.storage.copydb import ordered_tables

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            out = {}
            for table in await ordered_tables(conn):
                rows = (await conn.execute(select(table))).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
            return out
    finally:
        await engine.dispose()
