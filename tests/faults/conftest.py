"""Fault tests drive the real bot through the Bot API emulator, like the end-to-end tests."""

from tests.e2e.conftest import bot, emulator, person  # noqa: F401  (fixtures)
