from __future__ import annotations

import pytest

from tests.e2e.emulator import BotApiEmulator
from tests.e2e.harness import BotUnderTest, make_config, people


@pytest.fixture
async def emulator():
    emu = BotApiEmulator(token="123456:TEST-TOKEN-e2e")
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def bot(emulator, db_url):
    b = BotUnderTest(make_config(emulator, db_url, bot={"admin_ids": [42], "staff_chat_id": -100}))
    await b.start()
    yield b
    await b.stop()


@pytest.fixture
def person(emulator):
    return people(emulator)
