import logging
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.cli import main
from bot.config import Config, ConfigError, load_config, webhook_problems

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def test_example_file_shows_exactly_the_defaults():
    data = tomllib.loads(EXAMPLE.read_text())
    assert Config.model_validate(data).model_dump(mode="json") == Config().model_dump(mode="json")


def test_example_file_names_every_setting():
    def keys(model, prefix=""):
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                yield from keys(value, f"{prefix}{name}.")
            else:
                yield f"{prefix}{name}"

    text = EXAMPLE.read_text()
    missing = [k for k in keys(Config()) if f"{k.split('.')[-1]} =" not in text]
    assert missing == []


def test_environment_overrides_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[telegram]\ntoken = "from-file"\n[database]\nurl = "sqlite+aiosqlite:///x.db"\n'
    )
    cfg = load_config(
        str(path), env={"TELEGRAM_TOKEN": "from-env", "DATABASE_URL": "postgresql+asyncpg://u@h/db"}
    )
    assert cfg.telegram.token.get_secret_value() == "from-env"
    assert cfg.database.url == "postgresql+asyncpg://u@h/db"


def test_config_lookup_order(tmp_path, monkeypatch):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('[bot]\ndefault_language = "en"\n')
    b.write_text('[bot]\ntimezone = "UTC"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOLIGBOT_CONFIG", str(b))
    assert load_config(str(a)).bot.default_language == "en"
    assert load_config(None).bot.timezone == "UTC"
    monkeypatch.delenv("BOLIGBOT_CONFIG")
    assert load_config(None, env={}).bot.timezone == "Europe/Oslo"


def test_every_problem_is_one_line_naming_the_key(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[bot]\ntimezone = "Mars/Olympus"\nadmin_ids = "me"\n'
        '[database]\nurl = "mysql://x"\n[telegram]\ntokn = "typo"\n'
    )
    with pytest.raises(ConfigError) as err:
        load_config(str(path), env={})
    lines = err.value.problems
    assert any(line.startswith("bot.timezone:") and "Mars/Olympus" in line for line in lines)
    assert any(line.startswith("bot.admin_ids") for line in lines)
    assert any(line.startswith("database.url:") for line in lines)
    assert any(line.startswith("telegram.tokn:") and "unknown setting" in line for line in lines)
    assert len(lines) == 4


def test_cli_exits_2_and_never_prints_the_token(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_text('[telegram]\ntoken = 12345\nmode = "webhook"\n')
    assert main(["--config", str(path), "migrate"]) == 2
    err = capsys.readouterr().err
    assert "telegram.token:" in err and "12345" not in err


def test_missing_config_file_is_reported(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(str(tmp_path / "nope.toml"), env={})
    assert "file not found" in err.value.problems[0]


def webhook_config(tmp_path, secret: str | None) -> str:
    path = tmp_path / "c.toml"
    lines = ['[telegram]\nmode = "webhook"\n[telegram.webhook]\nurl = "https://bot.example.no"']
    if secret is not None:
        lines.append(f'secret_token = "{secret}"')
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@pytest.mark.parametrize(
    ("secret", "why"),
    [
        ("Sh0rt-but-random_xyz", "at least 32 random characters"),
        ("a" * 40, "at least 32 random characters"),  # long, but not random
        ("changeme" * 5, "at least 32 random characters"),
        ("spaces and !? are not allowed by Telegram 0123456789", "only A-Z a-z 0-9 _ -"),
        ("x" * 250 + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP", "at most 256"),
    ],
)
def test_a_weak_webhook_secret_is_refused_without_being_echoed(tmp_path, secret, why):
    with pytest.raises(ConfigError) as err:
        load_config(webhook_config(tmp_path, secret), env={})
    [line] = err.value.problems
    assert line.startswith("telegram.webhook.secret_token:") and why in line
    assert "boligbot secret" in line
    assert secret not in line


def test_secret_command_needs_no_config_and_prints_one_the_config_accepts(tmp_path, capsys):
    # Even with the config that it is meant to fix (webhook mode, no secret yet).
    assert main(["--config", webhook_config(tmp_path, None), "secret"]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["secret"]) == 0
    assert capsys.readouterr().out.strip() != first  # random each time
    cfg = load_config(webhook_config(tmp_path, first), env={})
    assert cfg.telegram.webhook.secret_token.get_secret_value() == first
    assert len(first) >= 64


def test_webhook_is_served_on_the_desk_and_reads_secrets_from_the_environment(tmp_path):
    cfg = load_config(webhook_config(tmp_path, "A" * 16 + "bcdefghijklmnopq0123456789_-"), env={})
    assert (cfg.desk.enabled, cfg.desk.listen, cfg.desk.port) == (True, "127.0.0.1", 8080)
    assert webhook_problems(cfg) == []
    secret = "Z9y8X7w6V5u4T3s2R1q0-_abcdefghijklmnop"
    cfg = load_config(
        webhook_config(tmp_path, None),
        env={
            "TELEGRAM_WEBHOOK_SECRET": secret,
            "DESK_LISTEN": "0.0.0.0",
            "FAQ_CACHE_DIR": "/opt/cache",
        },
    )
    assert cfg.telegram.webhook.secret_token.get_secret_value() == secret
    assert (cfg.desk.listen, cfg.faq.cache_dir) == ("0.0.0.0", "/opt/cache")


def test_the_webhooks_own_listen_and_port_are_refused_with_where_they_went(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[telegram.webhook]\nlisten = "0.0.0.0"\nport = 8443\n')
    with pytest.raises(ConfigError) as err:
        load_config(str(path), env={})
    [line] = err.value.problems
    assert line.startswith("telegram.webhook:") and "listen and port no longer used" in line
    assert "[desk] listen and port" in line


def test_webhook_mode_without_the_desk_does_not_start(tmp_path, capsys):
    path = webhook_config(tmp_path, "A" * 16 + "bcdefghijklmnopq0123456789_-")
    with open(path, "a") as f:
        f.write("[desk]\nenabled = false\n")
    assert main(["--config", path, "run"]) == 2
    err = capsys.readouterr().err
    assert "config error: desk.enabled: webhook mode needs the desk's web server" in err


@pytest.mark.parametrize("secret", [None, ""])
def test_webhook_mode_without_a_secret_does_not_start(tmp_path, capsys, monkeypatch, secret):
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
    assert main(["--config", webhook_config(tmp_path, secret), "run"]) == 2
    err = capsys.readouterr().err
    assert "config error: telegram.webhook.secret_token: webhook mode needs a secret" in err
    assert "boligbot secret" in err
    # Other commands need no secret: a backup or migration in a shell without the service's
    # environment still works.
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert main(["--config", webhook_config(tmp_path, secret), "migrate"]) == 0
    finally:
        root.handlers[:], root.level = handlers, level
