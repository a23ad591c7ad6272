"""The deployment files keep their safety properties (no Docker needed: the files are read)."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import yaml

from bot.config import Desk

ROOT = Path(__file__).resolve().parent.parent


def test_compose_publishes_on_loopback_only_mounts_the_config_read_only_and_keeps_secrets_in_env():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert bot["ports"] and all(p.startswith("127.0.0.1:") for p in bot["ports"])
    # One web server (the desk's: pages, /healthz, /metrics, /telegram), on the default port.
    assert bot["ports"] == [f"127.0.0.1:{Desk().port}:{Desk().port}"]
    assert "ports" not in db  # PostgreSQL is reached on the compose network only
    assert "./config.toml:/etc/boligbot/config.toml:ro" in bot["volumes"]
    assert bot["environment"]["BOLIGBOT_CONFIG"] == "/etc/boligbot/config.toml"
    env = bot["environment"]
    assert env["TELEGRAM_TOKEN"].startswith("${") and env["PGPASSWORD"].startswith("${")
    assert ":" not in env["DATABASE_URL"].split("@")[0].split("//")[1]  # no password in the URL
    assert (
        db["image"] == "postgres:15" and bot["depends_on"]["db"]["condition"] == "service_healthy"
    )


def test_image_runs_as_an_unprivileged_user_with_the_knowledge_and_a_healthcheck():
    text = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    assert len(stages) == 2  # build, then runtime
    runtime = stages[-1]
    users = re.findall(r"^USER (\S+)", runtime, flags=re.M)
    assert users == ["boligbot"]
    assert (
        "faq-warm" in stages[0] and "COPY knowledge/" in stages[0] and "COPY dialogs/" in stages[0]
    )
    assert "COPY --from=build /app /app" in runtime
    assert re.search(r"^HEALTHCHECK .*http://127\.0\.0\.1:8080/healthz", runtime, flags=re.M | re.S)
    # The healthcheck, the webhook and the desk share one port, reachable from the host.
    assert re.findall(r"^EXPOSE (.+)$", runtime, flags=re.M) == [str(Desk().port)]
    assert "DESK_LISTEN=0.0.0.0" in runtime
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"config.toml", ".env", "data/", ".git"} <= set(ignored)


def test_systemd_unit_runs_hardened_as_its_own_user():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment]
    unit.read_string((ROOT / "deploy" / "boligbot.service").read_text())
    service = unit["Service"]
    assert service["User"] == "boligbot" and service["UMask"] == "0077"
    for key, value in {
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "NoNewPrivileges": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
    }.items():
        assert service[key] == value, key
    assert service["ExecStart"].endswith("boligbot run")
    assert "EnvironmentFile" in service  # the token is not in the unit or the config
