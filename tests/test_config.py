import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from bot.cli import main
from bot.config import Config, ConfigError, load_config

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
