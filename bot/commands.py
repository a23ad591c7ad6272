"""Maintenance subcommands contributed by features (check, faq-report, faq-eval ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import Config


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Config, argparse.Namespace], int]
    add_arguments: Callable[[argparse.ArgumentParser], None] = lambda p: None


COMMANDS: list[Command] = []
