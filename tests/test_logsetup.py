"""Log lines: text, key=value (logfmt) and JSON, one line per record, secrets redacted."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from bot.logsetup import RedactFilter, formatter

TOKEN = "123456:AAE-very-secret-token"
DB_PASSWORD = 'p"w\\rd'  # JSON and logfmt both escape these characters


def emit(fmt: str, level: int = logging.INFO, exc: bool = False, **extra) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter(fmt))  # type: ignore[arg-type]
    handler.addFilter(RedactFilter([TOKEN, DB_PASSWORD]))
    log = logging.getLogger(f"test.logsetup.{fmt}")
    log.handlers[:], log.propagate, log.level = [handler], False, logging.DEBUG
    if exc:
        try:
            raise RuntimeError(f"connect failed with {TOKEN}")
        except RuntimeError:
            log.exception('update %s: "quoted" = x\nsecond line %s', 17, DB_PASSWORD, extra=extra)
    else:
        log.log(level, 'update %s: "quoted" = x\nsecond line %s', 17, DB_PASSWORD, extra=extra)
    return stream.getvalue()


def logfmt(line: str) -> dict[str, str]:
    pairs = re.findall(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)', line)
    return {
        k: json.loads(v) if v.startswith('"') else v  # logfmt's escapes are JSON's here
        for k, v in pairs
    }


@pytest.mark.parametrize("fmt", ["text", "keyvalue", "json"])
def test_secrets_never_reach_a_line_in_any_format(fmt):
    out = emit(fmt, exc=True, chat="user 5 via " + TOKEN)
    assert TOKEN not in out and "very-secret" not in out
    assert DB_PASSWORD not in out and json.dumps(DB_PASSWORD)[1:-1] not in out
    assert "[REDACTED]" in out


def test_json_is_one_object_per_line_with_the_extra_fields():
    [line] = emit("json", user_id=5101, event="handover").splitlines()
    record = json.loads(line)
    assert record["level"] == "INFO" and record["logger"] == "test.logsetup.json"
    assert record["msg"] == 'update 17: "quoted" = x\nsecond line [REDACTED]'
    assert (record["user_id"], record["event"]) == (5101, "handover")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", record["time"])
    [line] = emit("json", exc=True).splitlines()
    assert "RuntimeError: connect failed with [REDACTED]" in json.loads(line)["exc"]


def test_keyvalue_is_one_logfmt_line_that_reads_back():
    [line] = emit("keyvalue", logging.WARNING, user_id=5101).splitlines()
    fields = logfmt(line)
    assert fields["level"] == "WARNING" and fields["logger"] == "test.logsetup.keyvalue"
    assert fields["msg"] == 'update 17: "quoted" = x\nsecond line [REDACTED]'
    assert fields["user_id"] == "5101"
    assert line.startswith("time=") and list(fields)[:4] == ["time", "level", "logger", "msg"]
    [line] = emit("keyvalue", exc=True).splitlines()
    assert "RuntimeError: connect failed with [REDACTED]" in logfmt(line)["exc"]


def test_the_database_password_is_a_secret_as_given_and_as_written_in_the_url():
    from bot.cli import secrets_of
    from bot.config import Config

    cfg = Config.model_validate(
        {
            "telegram": {"token": TOKEN},
            "database": {"url": "postgresql+asyncpg://bot:s3cr%40t@db:5432/boligbot"},
        }
    )
    assert {TOKEN, "s3cr@t", "s3cr%40t"} <= set(secrets_of(cfg))
