"""Operations subcommands: secret, backup, restore, copy-db.

Database URLs are printed without their password.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import Config


def run_secret(cfg: Config | None, args: argparse.Namespace) -> int:
    """A webhook secret: 64 URL-safe characters (A-Z a-z 0-9 _ -), 384 random bits."""
    print(secrets.token_urlsafe(48))
    return 0


def shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def run_backup(cfg: Config, args: argparse.Namespace) -> int:
    from bot.storage.backup import OperationFailed, backup

    try:
        backup(cfg.database.url, Path(args.path))
    except OperationFailed as exc:
        print(f"backup: {exc}", file=sys.stderr)
        return 1
    print(f"backed up {shown(cfg.database.url)} to {args.path}")
    return 0


def run_restore(cfg: Config, args: argparse.Namespace) -> int:
    from bot.storage.backup import OperationFailed, restore

    try:
        kept = restore(cfg.database.url, Path(args.path))
    except OperationFailed as exc:
        print(f"restore: {exc}", file=sys.stderr)
        return 1
    if kept:
        print(f"the database as it was before is kept in {kept}")
    print(f"restored {shown(cfg.database.url)} from {args.path}")
    return 0


def run_copy_db(cfg: Config, args: argparse.Namespace) -> int:
    from bot.storage.backup import OperationFailed
    from bot.storage.copydb import copy_database

    urls = []
    for url in (args.from_url, args.to_url):
        if not url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            print(
                f"copy-db: {shown(url)}: must start with sqlite+aiosqlite:// or "
                "postgresql+asyncpg://",
                file=sys.stderr,
            )
            return 2
        urls.append(url)
    try:
        counts = asyncio.run(
            copy_database(*urls, progress=lambda table, n: print(f"  {table}: {n} rows"))
        )
    except OperationFailed as exc:
        print(f"copy-db: {exc}", file=sys.stderr)
        return 1
    print(
        f"copied {sum(counts.values())} rows in {len(counts)} tables from {shown(urls[0])} "
        f"to {shown(urls[1])}"
    )
    return 0


def path_argument(what: str):  # type: ignore[no-untyped-def]
    return lambda p: p.add_argument("path", help=what)


def copy_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("from_url", metavar="FROM", help="database URL to read")
    p.add_argument("to_url", metavar="TO", help="database URL to fill (migrated; must be empty)")
