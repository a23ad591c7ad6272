"""Copy every table from one database to another (``boligbot copy-db FROM TO``): the way from
SQLite to PostgreSQL, and back.

The target is migrated first and must be empty; the source must be at this release's schema.
Tables are copied parents first (foreign-key order) through the models' column types, so times
stay aware UTC and JSON stays JSON on either back-end, in one transaction on the target.
PostgreSQL's sequences are then set past the copied ids. Stop the bot while it runs.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from sqlalchemy import Integer, MetaData, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import bot.storage
from bot.storage.backup import OperationFailed
from bot.storage.db import create_engine
from bot.storage.migrate import applied_revisions, head_revisions, upgrade
from bot.storage.models import Base

BATCH = 1000
SKIP = {"alembic_version"}  # written by the target's own migration


def model_tables() -> dict[str, Table]:
    """Every table the models declare (each ``bot.storage.models*`` module)."""
    for mod in pkgutil.iter_modules(bot.storage.__path__):
        if mod.name.startswith("models"):
            importlib.import_module(f"bot.storage.{mod.name}")
    return dict(Base.metadata.tables)


async def ordered_tables(conn: AsyncConnection) -> list[Table]:
    """The tables of the database on ``conn``, parents before children. A table no model
    declares is copied as reflected."""
    reflected = MetaData()
    await conn.run_sync(lambda c: reflected.reflect(c))
    models = model_tables()
    # The order comes from the database's own foreign keys (one metadata, all of them).
    return [models.get(t.name, t) for t in reflected.sorted_tables if t.name not in SKIP]


async def copy_database(
    from_url: str, to_url: str, progress: Callable[[str, int], None] = lambda t, n: None
) -> dict[str, int]:
    """Copy every row from ``from_url`` into the empty database at ``to_url``; rows per table."""
    if from_url == to_url:
        raise OperationFailed("FROM and TO are the same database")
    source, target = create_engine(from_url), create_engine(to_url)
    try:
        await _check_source(source)
        await upgrade(target)
        counts: dict[str, int] = {}
        async with target.begin() as out, source.connect() as inp:
            tables = await ordered_tables(out)
            await _check_empty(out, tables)
            for table in tables:
                counts[table.name] = await _copy_table(inp, out, table)
                progress(table.name, counts[table.name])
            if out.dialect.name == "postgresql":
                await _reset_sequences(out, tables)
        return counts
    finally:
        await source.dispose()
        await target.dispose()


async def _check_source(source: AsyncEngine) -> None:
    applied, heads = await applied_revisions(source), head_revisions()
    if applied is None:
        raise OperationFailed("FROM holds no Boligbot database (no alembic_version table)")
    if applied - heads and not heads - applied:
        raise OperationFailed("FROM was written by a newer release: copy with that release")
    if applied != heads:
        raise OperationFailed(
            "FROM is at an older schema: bring it up to date first "
            "(DATABASE_URL=FROM boligbot migrate), then copy"
        )


async def _check_empty(out: AsyncConnection, tables: list[Table]) -> None:
    for table in tables:
        n = (await out.execute(select(func.count()).select_from(table))).scalar_one()
        if n:
            raise OperationFailed(
                f"TO already holds data ({table.name}: {n} rows); copy-db fills an empty "
                "database only"
            )


async def _copy_table(inp: AsyncConnection, out: AsyncConnection, table: Table) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    result = await inp.stream(select(table).order_by(*order))
    copied = 0
    async for chunk in result.partitions(BATCH):
        await out.execute(insert(table), [dict(row._mapping) for row in chunk])
        copied += len(chunk)
    return copied


async def _reset_sequences(out: AsyncConnection, tables: list[Table]) -> None:
    """Set each serial/identity sequence to the largest copied id (inserts resume after it)."""
    quote = out.dialect.identifier_preparer.quote
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        col, name = quote(pk[0].name), quote(table.name)
        await out.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(MAX({col}), 1), "
                f"MAX({col}) IS NOT NULL) FROM {name}"
            ),
            {"t": name, "c": pk[0].name},
        )
