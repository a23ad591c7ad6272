"""The ``boligbot`` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable

from bot.config import Config, ConfigError, load_config, webhook_problems
from bot.core.ports import ServiceUnavailable
from bot.logsetup import setup_logging

log = logging.getLogger("boligbot")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="boligbot", description=__doc__)
    parser.add_argument(
        "--config", help="path to config.toml (else $BOLIGBOT_CONFIG, else ./config.toml)"
    )
    parser.add_argument("--log-level", help="DEBUG, INFO, WARNING or ERROR (else [logging] level)")
    sub = parser.add_subparsers(dest="cmd")
    sub.add_parser("run", help="run on Telegram if a token is set, else start the local chat")
    sub.add_parser("chat", help="chat with the bot in this terminal")
    sub.add_parser("migrate", help="apply database migrations")
    for name, helptext, register in _extra_commands():
        register(sub.add_parser(name, help=helptext))
    args = parser.parse_args(argv)
    standalone = {c.name: c.run for c in _standalone_commands()}
    if args.cmd in standalone:  # needs no config (e.g. `secret`, used to write one)
        return standalone[args.cmd](None, args)

    try:
        cfg = load_config(args.config)
    except ConfigError as exc:
        for line in exc.problems:
            print(f"config error: {line}", file=sys.stderr)
        return 2
    setup_logging(args.log_level or cfg.logging.level, secrets_of(cfg), cfg.logging.format)
    cmd = args.cmd or "run"
    if cmd == "migrate":
        return asyncio.run(_migrate(cfg))
    if cmd == "chat":
        return asyncio.run(_chat(cfg))
    if cmd == "run":
        return _run(cfg)
    handler = {name: run for name, _, run in _extra_runners()}[cmd]
    return handler(cfg, args)


def secrets_of(cfg: Config) -> list[str]:
    """What no log line may show: the token, the webhook secret, the desk's single sign-on
    secret, the database password."""
    from urllib.parse import quote

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(cfg.database.url).password or ""
    except (ValueError, ArgumentError):  # the engine will say what is wrong with the URL
        password = ""
    return [
        cfg.telegram.token.get_secret_value(),
        cfg.telegram.webhook.secret_token.get_secret_value(),
        cfg.desk.oidc.client_secret.get_secret_value(),
        str(password),
        quote(str(password), safe=""),  # as it is written inside the URL
    ]


def _standalone_commands() -> list:
    from bot.commands import COMMANDS

    return [c for c in COMMANDS if not c.needs_config]


def _extra_commands() -> list[tuple[str, str, Callable]]:
    from bot.commands import COMMANDS

    return [(c.name, c.help, c.add_arguments) for c in COMMANDS]


def _extra_runners() -> list[tuple[str, str, Callable]]:
    from bot.commands import COMMANDS

    return [(c.name, c.help, c.run) for c in COMMANDS]


async def _migrate(cfg: Config) -> int:
    from bot.storage.db import create_engine
    from bot.storage.migrate import upgrade

    engine = create_engine(cfg.database.url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    print("database is up to date")
    return 0


async def _chat(cfg: Config) -> int:
    from bot.app import build_runtime
    from bot.channels.console import ConsoleChat

    runtime = await build_runtime(cfg)
    _add_desk(runtime)
    try:
        await ConsoleChat(runtime.assistant, language=cfg.bot.default_language).run()
    finally:
        await runtime.close()
    return 0


def _run(cfg: Config) -> int:
    if problems := webhook_problems(cfg):
        for line in problems:
            print(f"config error: {line}", file=sys.stderr)
        return 2
    if not cfg.telegram.token.get_secret_value():
        print(
            "No Telegram token: starting the local chat. To connect to Telegram, get a token "
            "from @BotFather and set TELEGRAM_TOKEN (or telegram.token in config.toml).",
            file=sys.stderr,
        )
        return asyncio.run(_chat(cfg))
    from bot.app import build_runtime
    from bot.channels.telegram.app import TelegramChannel

    # One loop for all: the database is prepared on it, PTB runs on it, the database is closed
    # on it.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    runtime = loop.run_until_complete(build_runtime(cfg))
    desk = _add_desk(runtime)
    channel = TelegramChannel(cfg, runtime.assistant)
    log.info("starting on Telegram (%s mode)", cfg.telegram.mode)
    try:
        if cfg.telegram.mode == "webhook" and desk is not None:  # the desk is required (above)
            secret = cfg.telegram.webhook.secret_token.get_secret_value()
            desk.serve_webhook(secret, channel.receive)
        channel.run()
    except ServiceUnavailable as exc:
        log.error("%s", exc)
        return 1
    finally:
        # On the loop its connections were opened on (asyncpg's cannot be closed on another),
        # once nothing uses them: a task still holding one would have its driver thread
        # (aiosqlite) answer a closed loop, with a traceback on stderr.
        loop.run_until_complete(_close(runtime))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
    return 0


async def _close(runtime) -> None:  # type: ignore[no-untyped-def]
    """Cancel what still runs on the loop (as ``asyncio.run`` would), then close the runtime."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
    await runtime.close()


def _add_desk(runtime):  # type: ignore[no-untyped-def]
    """The staff desk runs on the channel's loop, started and stopped with the features.
    Returns its server (None when the desk is off)."""
    if not runtime.cfg.desk.enabled:
        return None
    from bot.desk.server import DeskServer

    desk = DeskServer(runtime)
    runtime.assistant.services.append(desk)
    return desk


if __name__ == "__main__":
    sys.exit(main())
