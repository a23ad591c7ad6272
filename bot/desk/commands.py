"""``boligbot desk add-user EMAIL [--admin] [--telegram-id ID]``: the password is read from
standard input (asked twice on a terminal, else the first line), never from the command line,
where other users of the machine could see it. The audit log records it (actor: the command
line)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from bot.config import Config


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="desk_cmd", required=True)
    add = sub.add_parser("add-user", help="add a desk login (password from standard input)")
    add.add_argument("email")
    add.add_argument("--admin", action="store_true", help="may manage staff")
    add.add_argument(
        "--telegram-id", type=int, help="the person's Telegram id: one role in both places"
    )


def run(cfg: Config, args: argparse.Namespace) -> int:
    from bot.core.i18n import translator
    from bot.desk.auth import normalise_email, valid_email
    from bot.desk.passwords import problem

    t = translator()
    email = normalise_email(args.email)
    if not valid_email(email):
        print(t("en", "desk-users-bad-email"), file=sys.stderr)
        return 2
    password = _read_password()
    if password is None:
        print("passwords did not match", file=sys.stderr)
        return 2
    if (error := problem(password)) is not None:
        print(t("en", error), file=sys.stderr)
        return 2
    return asyncio.run(_add(cfg, email, password, args.admin, args.telegram_id))


def _read_password() -> str | None:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        return first if getpass.getpass("Again: ") == first else None
    return sys.stdin.readline().rstrip("\r\n")


async def _add(cfg: Config, email: str, password: str, admin: bool, telegram_id: int | None) -> int:
    from bot.core.audit import Actor
    from bot.core.jobs import SystemClock
    from bot.desk.passwords import hash_password
    from bot.services.desk_accounts import DeskAccounts
    from bot.storage.audit import SqlAuditLog
    from bot.storage.db import create_engine, session_factory
    from bot.storage.desk import DeskStore
    from bot.storage.migrate import upgrade

    engine = create_engine(cfg.database.url)
    try:
        await upgrade(engine)
        sessions, clock = session_factory(engine), SystemClock()
        accounts = DeskAccounts(DeskStore(sessions), clock, SqlAuditLog(sessions, clock))
        role = "admin" if admin else "staff"
        account = await accounts.add(
            email, await hash_password(password), role, Actor.cli(), telegram_id=telegram_id
        )
    finally:
        await engine.dispose()
    if account is None:
        print(
            f"{email}: an account with this e-mail address or Telegram id exists", file=sys.stderr
        )
        return 1
    print(f"added {email} ({role})")
    return 0
