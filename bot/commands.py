"""Maintenance subcommands: check, faq-report, faq-eval."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.config import Config

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Config, argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda p: None


def thresholds(cfg: Config):  # type: ignore[no-untyped-def]
    from bot.core.faq.matcher import Thresholds

    default = Thresholds()
    return Thresholds(
        confident=cfg.faq.confident if cfg.faq.confident is not None else default.confident,
        unsure=cfg.faq.unsure if cfg.faq.unsure is not None else default.unsure,
    )


def run_check(cfg: Config, args: argparse.Namespace) -> int:
    """Validate knowledge and dialogs; one line per problem; status 1 when there are any."""
    from bot.core.dialogs.validate import validate_dialogs
    from bot.core.faq.check import check_knowledge
    from bot.core.faq.knowledge import read_entries

    problems = check_knowledge(ROOT / "knowledge", ("nb", "en"), thresholds(cfg).confident)
    faq_ids = {e.id for e in read_entries(ROOT / "knowledge" / "faq")[0]}
    problems += validate_dialogs(ROOT / "dialogs", ("nb", "en"),
                                 set(cfg.content_variables()), known_faq=faq_ids)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("knowledge and dialogs: no problems")
    return 0


def run_faq_eval(cfg: Config, args: argparse.Namespace) -> int:
    import yaml

    from bot.core.faq.evaluate import evaluate, format_report
    from bot.features.faq import load_matcher

    _, matcher = load_matcher(ROOT / "knowledge")
    items = yaml.safe_load(Path(args.data).read_text(encoding="utf-8"))
    report = evaluate(matcher, items, thresholds(cfg))
    print(format_report(report))
    return 0


def _eval_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=str(ROOT / "tests" / "data" / "faq_eval.yaml"))


def run_faq_report(cfg: Config, args: argparse.Namespace) -> int:
    return asyncio.run(_faq_report(cfg, args.limit))


async def _faq_report(cfg: Config, limit: int) -> int:
    from datetime import timedelta

    from bot.storage.db import create_engine, session_factory
    from bot.storage.faq import FaqStore
    from bot.storage.migrate import upgrade
    from bot.storage.types import utcnow

    engine = create_engine(cfg.database.url)
    try:
        await upgrade(engine)
        store = FaqStore(session_factory(engine))
        await store.purge(utcnow() - timedelta(days=cfg.faq.unanswered_retention_days))
        print(f"Most common unanswered questions (last {cfg.faq.unanswered_retention_days} days):")
        top = await store.top_unanswered(limit)
        for text, n in top:
            print(f"  {n:4d}  {text}")
        if not top:
            print("  (none)")
        print("Least helpful answers (👎 − 👍):")
        worst = await store.least_helpful(limit)
        for f in worst:
            print(f"  {f.entry_id}: 👎 {f.unhelpful}  👍 {f.helpful}  answered {f.answered}")
        if not worst:
            print("  (none)")
    finally:
        await engine.dispose()
    return 0


COMMANDS: list[Command] = [
    Command("check", "validate knowledge/ and dialogs/", run_check),
    Command("faq-report", "most common unanswered questions and least helpful answers",
            run_faq_report, lambda p: p.add_argument("--limit", type=int, default=20)),
    Command("faq-eval", "accuracy of the FAQ matcher on the labelled question set",
            run_faq_eval, _eval_args),
]
