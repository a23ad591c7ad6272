"""Maintenance subcommands: check, faq-report, faq-eval, faq-fit, faq-warm, desk, and the
operations of :mod:`bot.commands_ops` (secret, backup, restore, copy-db)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot import commands_ops as ops
from bot.config import Config

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Config, argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda p: None
    needs_config: bool = True  # False: runs before the config is read (and gets None)


def run_check(cfg: Config, args: argparse.Namespace) -> int:
    """Validate knowledge and dialogs; one line per problem; status 1 when there are any."""
    from bot.core.dialogs.validate import validate_dialogs
    from bot.core.faq.check import check_knowledge
    from bot.core.faq.knowledge import read_entries
    from bot.core.i18n import LOCALES_DIR, SUPPORTED, missing_messages

    dialog_ids = {p.stem for p in (ROOT / "dialogs").glob("*.yaml")}  # an id is its file's name
    problems = check_knowledge(
        ROOT / "knowledge",
        SUPPORTED,
        placeholders=cfg.knowledge_placeholders(),
        dialogs=dialog_ids,
    )
    faq_ids = {e.id for e in read_entries(ROOT / "knowledge" / "faq")[0]}
    problems += validate_dialogs(
        ROOT / "dialogs",
        SUPPORTED,
        known_variables=set(cfg.content_variables()),
        known_faq=faq_ids,
    )
    problems += missing_messages(LOCALES_DIR, SUPPORTED)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("knowledge and dialogs: no problems")
    return 0


def _understanding(
    cfg: Config,
    semantic: bool = True,  # type: ignore[no-untyped-def]
    policies=None,
):
    from bot.core.faq.embedder import load_embedder
    from bot.features.faq import load_understanding

    embedder = load_embedder(cfg.faq.embedder) if semantic else None
    return load_understanding(
        ROOT / "knowledge",
        embedder,
        Path(cfg.faq.cache_dir),
        cfg.faq.answer_at,
        cfg.faq.scope_at,
        policies,
    )


def run_faq_eval(cfg: Config, args: argparse.Namespace) -> int:
    """Every figure of `bot.core.faq.evaluate` for each labelled set."""
    import yaml

    from bot.core.faq.evaluate import evaluate, faq_links, format_report

    understanding = _understanding(cfg, not args.lexical)
    for path in args.data or DEFAULT_SETS:
        items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        print(f"== {Path(path).name}")
        report = evaluate(understanding.match, items, faq_links(understanding.knowledge))
        print(format_report(report, misses=args.misses))
    return 0


DEFAULT_SETS = [
    str(ROOT / "tests" / "data" / n)
    for n in ("faq_eval.yaml", "faq_holdout.yaml", "faq_blind_uk_en.yaml")
]
TUNING_SETS = [str(ROOT / "tests" / "data" / n) for n in ("faq_eval.yaml", "faq_eval_more.yaml")]


def _eval_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", action="append", help="a labelled set (repeatable; default: all)")
    p.add_argument("--lexical", action="store_true", help="without the semantic view")
    p.add_argument("--misses", action="store_true", help="list every miss")


def run_faq_fit(cfg: Config, args: argparse.Namespace) -> int:
    """Fit the answer policy on the tuning sets only (never the held-out or blind sets)."""
    import yaml

    from bot.core.faq.calibrate import fit_policy, policy_data, unfitted

    items = [
        x
        for path in TUNING_SETS
        if Path(path).exists()
        for x in yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    ]
    expect = [x.get("expect") for x in items]
    out = {}
    for key, semantic in (("blended", True), ("lexical", False)):
        understanding = _understanding(cfg, semantic, unfitted())
        if semantic and understanding.semantic is None:
            print("the embedder could not be loaded: cannot fit the blended policy")
            return 1
        views = [understanding.views(str(x["q"]), understanding.embed(str(x["q"]))) for x in items]
        out[key] = policy_data(fit_policy(views, expect, semantic))
        print(
            key,
            out[key]["stats"],
            "answer_at",
            out[key]["answer_at"],
            "scope_at",
            out[key]["scope_at"],
        )
    header = (
        "# The FAQ's answer policy, fitted by `boligbot faq-fit` on the tuning sets\n"
        "# (tests/data/faq_eval.yaml, faq_eval_more.yaml) with 5-fold cross-validation.\n"
        "# Data, not code: a logistic model over the views' scores and the thresholds\n"
        "# chosen from its out-of-fold confidences. Do not edit by hand.\n"
    )
    (ROOT / "knowledge" / "calibration.yaml").write_text(
        header + yaml.safe_dump(out, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return 0


def run_faq_warm(cfg: Config, args: argparse.Namespace) -> int:
    """Embed the knowledge into ``faq.cache_dir`` now (at image build), so the first start of
    the bot reads the vectors instead of embedding for minutes."""
    understanding = _understanding(cfg)
    if understanding.semantic is None:
        print(f"faq.embedder {cfg.faq.embedder!r}: no semantic view, nothing to embed")
        return 0 if cfg.faq.embedder == "none" else 1
    files = sorted(Path(cfg.faq.cache_dir).glob("vectors-*.npz"))
    for f in files:
        print(f"FAQ vectors: {f} ({f.stat().st_size // 1024} KiB)")
    return 0 if files else 1


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


def run_desk(cfg: Config, args: argparse.Namespace) -> int:
    from bot.desk.commands import run

    return run(cfg, args)


def _desk_args(p: argparse.ArgumentParser) -> None:
    from bot.desk.commands import add_arguments

    add_arguments(p)


COMMANDS: list[Command] = [
    Command("check", "validate knowledge/ and dialogs/", run_check),
    Command(
        "faq-report",
        "most common unanswered questions and least helpful answers",
        run_faq_report,
        lambda p: p.add_argument("--limit", type=int, default=20),
    ),
    Command(
        "faq-eval", "accuracy of the FAQ on the labelled question sets", run_faq_eval, _eval_args
    ),
    Command(
        "faq-fit", "fit the FAQ answer policy on the tuning sets (needs scikit-learn)", run_faq_fit
    ),
    Command("faq-warm", "embed the knowledge into faq.cache_dir now (image build)", run_faq_warm),
    Command(
        "secret",
        "print a new random webhook secret (telegram.webhook.secret_token)",
        ops.run_secret,
        needs_config=False,
    ),
    Command(
        "backup",
        "back up the database to PATH (safe while the bot runs)",
        ops.run_backup,
        ops.path_argument("backup file to write"),
    ),
    Command(
        "restore",
        "replace the database with the backup at PATH (stop the bot first)",
        ops.run_restore,
        ops.path_argument("backup file to read"),
    ),
    Command(
        "copy-db",
        "copy every table from database FROM into the empty database TO (stop the bot first)",
        ops.run_copy_db,
        ops.copy_arguments,
    ),
    Command("desk", "the staff desk: add-user EMAIL [--admin]", run_desk, _desk_args),
]
