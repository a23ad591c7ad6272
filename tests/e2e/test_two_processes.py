"""Two real `boligbot run` processes on one PostgreSQL database behind a round-robin proxy, one
killed with SIGKILL while it handles an update (issue 16.4): every message is answered, in each
person's order, and only an update the killed process held is handled twice."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage.db import create_engine
from tests.conftest import PG_URL, _reset_postgres
from tests.e2e.emulator import BotApiEmulator, SentMessage
from tests.e2e.harness import Person
from tests.e2e.processes import start_bot, stop

pytestmark = pytest.mark.skipif(
    not PG_URL,
    reason="two processes share a PostgreSQL database: set TEST_DATABASE_URL "
    "(e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test_yours)",
)

TOKEN = "987654:TWO-processes-token"
SECRET = "Two-instances_one-secret-0123456789abcdef"  # the same for both, as in production
LEASE_SECONDS = 6  # [bot] update_lease_seconds: a dead process's update is taken again soon
# One deterministic reply per message, the replies of neighbours different: the sequence of
# replies tells the order in which a person's messages were handled.
COMMANDS = ["/start", "/help", "/sprak"]
MESSAGES = 9  # per person
HUNG = 4  # Kari's fifth message: its reply arrives, then the process handling it is killed


def kind(msg: SentMessage) -> str:
    """Which command a reply answers."""
    for command, start in (
        ("/start", "Hei, "),
        ("/help", "Slik bruker du meg"),
        ("/sprak", "Velg"),
    ):
        if msg.text.startswith(start):
            return command
    raise AssertionError(f"not a reply to one of {COMMANDS}: {msg.text[:40]!r}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def accepts(port: int) -> bool:
    with contextlib.suppress(OSError):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()
        return True
    return False


def config(port: int) -> str:
    return (
        '[telegram]\nmode = "webhook"\ntimeout_seconds = 30\n'
        f'[telegram.webhook]\nurl = "https://bot.example.no"\nsecret_token = "{SECRET}"\n'
        f"[bot]\nupdate_lease_seconds = {LEASE_SECONDS}\ninstances = 2\n"
        f'[desk]\nport = {port}\n[faq]\nembedder = "none"\n'
    )


async def query(engine, sql: str, **params) -> list:  # type: ignore[no-untyped-def]
    async with engine.connect() as conn:
        return list(await conn.execute(text(sql), params))


@pytest.mark.timeout(150)
async def test_two_processes_one_killed_answer_every_message_in_order(tmp_path: Path):
    await _reset_postgres(PG_URL)
    emu = BotApiEmulator(token=TOKEN)
    await emu.start()
    ports = [free_port(), free_port()]
    procs = []
    for name, port in zip("ab", ports, strict=True):
        (tmp_path / name).mkdir()
        proc = await start_bot(
            tmp_path / name,
            emu,
            config(port),
            env={"DATABASE_URL": PG_URL},
            output=tmp_path / name / "bot.log",
        )
        procs.append(proc)
    engine = create_engine(PG_URL)
    try:
        # Both up: each has registered the webhook and its desk takes connections.
        deadline = time.monotonic() + 90
        while not (
            sum(m == "setWebhook" for m, _ in emu.calls) >= 2
            and all([await accepts(p) for p in ports])
        ):
            assert all(p.returncode is None for p in procs), "a bot exited at start"
            assert time.monotonic() < deadline, "the bots did not start"
            await asyncio.sleep(0.2)
        urls = [f"http://127.0.0.1:{p}/telegram" for p in ports]
        emu.proxy_webhook(urls, SECRET)

        # Five people (an odd number: round robin sends each person's messages to both).
        names = ["Kari", "Ola", "Siri", "Ali", "Nina"]
        people = [Person(emu, 7001 + i, name, "nb") for i, name in enumerate(names)]
        kari = people[0]
        # Kari's reply to her message HUNG arrives, and its answer to the bot hangs: the
        # process handling it is killed then, before it marks the update done.
        hung, release = asyncio.Event(), asyncio.Event()

        def hang(method: str, params: dict) -> asyncio.Event | None:
            if (
                method == "sendMessage"
                and int(params["chat_id"]) == kari.id
                and len(kari.messages) == HUNG + 1
                and not hung.is_set()
            ):
                hung.set()
                return release
            return None

        emu.hang_after = hang
        update_ids: dict[int, list[int]] = {p.id: [] for p in people}

        async def send(i: int) -> None:
            for p in people:
                update = await emu.send_text(p.user, COMMANDS[i % len(COMMANDS)])
                update_ids[p.id].append(update["update_id"])

        for i in range(HUNG + 1):  # round robin: each process gets half of every round
            await send(i)
        await asyncio.wait_for(hung.wait(), 30)

        [(owner,)] = await query(
            engine,
            "SELECT lease_owner FROM inbound_updates WHERE update_id = :u",
            u=update_ids[kari.id][HUNG],
        )
        [victim] = [p for p in procs if f":{p.pid}:" in owner]
        [survivor] = [p for p in procs if p is not victim]
        victim.kill()  # SIGKILL: no shutdown, its leases stay until they run out
        await victim.wait()
        release.set()
        held = {
            u
            for (u,) in await query(
                engine,
                "SELECT update_id FROM inbound_updates WHERE state = 'handling' "
                "AND lease_owner = :o",
                o=owner,
            )
        }
        assert update_ids[kari.id][HUNG] in held

        for i in range(HUNG + 1, MESSAGES):  # the proxy finds one instance gone: to the other
            await send(i)
        dead = urls[procs.index(victim)]
        refused = [u for url, u, status in emu.webhook_posts if url == dead and status != 200]
        assert refused, "the proxy never tried the killed instance after the kill"

        async def all_done() -> bool:
            [(left,)] = await query(
                engine, "SELECT count(*) FROM inbound_updates WHERE state <> 'done'"
            )
            return left == 0

        deadline = time.monotonic() + 45
        while not (await all_done() and all(len(p.messages) >= MESSAGES for p in people)):
            assert survivor.returncode is None, "the surviving bot exited"
            assert time.monotonic() < deadline, "not every message was answered"
            await asyncio.sleep(0.3)
        await asyncio.sleep(1)  # a late second answer to anything would arrive here

        attempts = dict(await query(engine, "SELECT update_id, attempts FROM inbound_updates"))
        assert len(attempts) == len(people) * MESSAGES  # each stored once, wherever it arrived
        again = {u for u, n in attempts.items() if n > 1}
        assert again <= held  # only what the killed process held was taken again
        assert attempts[update_ids[kari.id][HUNG]] == 2

        twice: set[int] = set()
        for p in people:
            # In order, each once; an update the killed process held may have been answered
            # by it before the kill and again by the survivor (at least once), never more.
            replies = [kind(m) for m in p.messages]
            at = 0
            for i, u in enumerate(update_ids[p.id]):
                expected = COMMANDS[i % len(COMMANDS)]
                assert replies[at : at + 1] == [expected], (p.user["first_name"], i, replies)
                at += 1
                if u in again and replies[at : at + 1] == [expected]:
                    twice.add(u)
                    at += 1
            assert at == len(replies), (p.user["first_name"], replies)
        # Kari's hung message was answered by the killed process and again by the survivor.
        assert update_ids[kari.id][HUNG] in twice and len(kari.messages) == MESSAGES + 1

        await stop(survivor)  # SIGTERM: a clean stop
        assert survivor.returncode == 0
    finally:
        for proc in procs:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        await engine.dispose()
        await emu.stop()
    logs = "".join((tmp_path / name / "bot.log").read_text() for name in "ab")
    assert "Traceback" not in logs, logs[logs.index("Traceback") - 300 :][:3000]
    assert SECRET not in logs and TOKEN not in logs
