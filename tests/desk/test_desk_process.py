"""`boligbot run` without a token starts the local chat and the desk together (issue 15.1), and
`boligbot desk add-user` adds a login with the password read from standard input (15.2)."""

from __future__ import annotations

import asyncio
import io
import os
import re
import sys

import httpx

from bot.cli import main
from bot.core.jobs import SystemClock
from bot.desk.passwords import verify_password
from bot.storage.audit import SqlAuditLog
from bot.storage.db import create_engine, session_factory
from bot.storage.desk import DeskStore
from tests.desk.support import PASSWORD, log_in
from tests.faqsupport import VECTOR_CACHE

LISTENING = re.compile(r"desk: listening on (http://127\.0\.0\.1:\d+)")


async def test_run_without_a_token_starts_the_chat_and_the_desk(tmp_path):
    (tmp_path / "config.toml").write_text(
        f'[faq]\ncache_dir = "{VECTOR_CACHE}"\nembedder = "none"\n[desk]\nport = 0\n'
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TELEGRAM_TOKEN", "BOLIGBOT_CONFIG", "DATABASE_URL")
    }
    add = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "desk", "add-user", "kari@kommune.no", "--admin",
        cwd=tmp_path, env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(add.communicate(f"{PASSWORD}\n".encode()), 60)
    assert add.returncode == 0 and b"added kari@kommune.no (admin)" in out

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run",
        cwd=tmp_path, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        url, log = None, ""
        while url is None:
            line = (await asyncio.wait_for(proc.stderr.readline(), 60)).decode()
            assert line, f"the process ended before the desk listened:\n{log}"
            log += line
            if found := LISTENING.search(line):
                url = found.group(1)
        async with httpx.AsyncClient(base_url=url) as client:
            assert (await client.get("/healthz")).status_code == 200
            assert (await log_in(client, "kari@kommune.no")).headers["location"] == "/"
        out, err = await asyncio.wait_for(proc.communicate(b"/quit\n"), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0
    assert "Hva vil du gjøre?" in out.decode()  # the local chat answered in the same process
    assert PASSWORD not in log + err.decode()


def test_add_user_reads_the_password_from_standard_input(tmp_path, monkeypatch):
    db = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    monkeypatch.setenv("DATABASE_URL", db)
    monkeypatch.delenv("BOLIGBOT_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, stdin: str) -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return main(["desk", "add-user", *args])

    assert run("ola@kommune.no", "--telegram-id", "4242", stdin=PASSWORD + "\n") == 0
    assert run("ola@kommune.no", stdin=PASSWORD + "\n") == 1  # taken
    assert run("per@kommune.no", stdin="short\n") == 2
    assert run("not-an-address", stdin=PASSWORD + "\n") == 2

    async def check() -> None:
        engine = create_engine(db)
        try:
            store = DeskStore(session_factory(engine))
            ola = await store.user_by_email("ola@kommune.no")
            assert ola.role == "staff" and ola.telegram_id == 4242
            assert await verify_password(ola.password_hash, PASSWORD)
            assert PASSWORD not in ola.password_hash
            assert await store.user_by_email("per@kommune.no") is None
            # Recorded once (the refused attempts changed nothing), by the command line.
            lines = await SqlAuditLog(session_factory(engine), SystemClock()).recent()
            assert [(x.via, x.action, x.subject, x.detail) for x in lines] == [
                ("cli", "login.add", "ola@kommune.no", "staff")
            ]
        finally:
            await engine.dispose()

    asyncio.run(check())
