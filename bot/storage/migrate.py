"""Apply Alembic migrations (all branch heads: each feature keeps its own branch).

Safe on every start: applied revisions are skipped, and on PostgreSQL an advisory lock makes a
second process that starts at the same moment wait rather than race the first.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant works: it names this application's lock among the server's advisory locks.
_PG_LOCK = 0x626F6C6967  # "bolig"


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


async def upgrade(engine: AsyncEngine, target: str = "heads") -> None:
    """Upgrade to ``target`` (all heads; tests name an earlier revision)."""
    cfg = alembic_config()

    def _run(sync_conn) -> None:  # type: ignore[no-untyped-def]
        cfg.attributes["connection"] = sync_conn
        command.upgrade(cfg, target)

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        await conn.run_sync(_run)


def head_revisions() -> set[str]:
    """The revisions of this release's schema."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


async def applied_revisions(engine: AsyncEngine) -> set[str] | None:
    """The revisions a database is at; ``None`` when it holds no Boligbot schema."""
    async with engine.connect() as conn:
        exists = await conn.run_sync(lambda c: inspect(c).has_table("alembic_version"))
        if not exists:
            return None
        rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
        return {r[0] for r in rows}
