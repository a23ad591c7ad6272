from __future__ import annotations

import httpx
import pytest

from tests.desk.support import DeskOnly, desk_config


@pytest.fixture
async def desk(db_url):
    d = await DeskOnly(desk_config(db_url)).start()
    yield d
    await d.stop()


@pytest.fixture
async def client(desk):
    async with httpx.AsyncClient(base_url=desk.desk.url, follow_redirects=False) as c:
        yield c
