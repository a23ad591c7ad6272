"""The desk's web server as a :class:`bot.core.ports.Service`: uvicorn serving the desk's app
on the event loop the bot already runs (the channel's), started and stopped with the features.

The socket is bound here, not by uvicorn, so a port in use is one clear log line and the bot
goes on serving residents without the desk (uvicorn would exit the process), except in webhook
mode, where Telegram's updates arrive on this server: then the port is bound before anything
starts, and a port in use stops the process (:class:`bot.core.ports.ServiceUnavailable`).
uvicorn's own signal handlers are not installed: the channel (PTB or the console) owns
SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator

import uvicorn

from bot.app import Runtime
from bot.config import Config
from bot.core.ports import ServiceUnavailable
from bot.desk.access import Cookies
from bot.desk.auth import Auth
from bot.desk.health import Health, Heartbeat
from bot.desk.metrics import Exporter, PrometheusMetrics
from bot.desk.web import DeskDeps, build_app
from bot.desk.webhook import Deliver, WebhookInbox
from bot.storage.desk import DeskStore
from bot.storage.staff import SqlRoles

log = logging.getLogger(__name__)


class EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handlers (the process's owner handles the signals)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _single_sign_on(cfg: Config):  # type: ignore[no-untyped-def]
    if not cfg.desk.oidc.enabled:
        return None
    from bot.desk.sso import SingleSignOn  # Authlib is imported only when SSO is configured

    return SingleSignOn(cfg.desk.oidc)


class DeskServer:
    def __init__(self, runtime: Runtime):
        cfg = runtime.cfg
        self.cfg = cfg.desk
        self.metrics = PrometheusMetrics()
        runtime.assistant.metrics = self.metrics
        self.heartbeat = Heartbeat()
        store = DeskStore(runtime.sessions)
        roles = SqlRoles(cfg.bot.admin_ids, runtime.sessions)
        self.deps = DeskDeps(
            cfg=cfg,
            sessions=runtime.sessions,
            store=store,
            auth=Auth(cfg.desk, store, roles),
            t=runtime.assistant.t,
            health=Health(cfg, runtime.engine, lambda: runtime.assistant.features, self.heartbeat),
            exporter=Exporter(self.metrics, runtime.sessions),
            cookies=Cookies(cfg.desk.secure_cookies),
            sso=_single_sign_on(cfg),
            services=runtime.services,
        )
        self.app = build_app(self.deps)
        self.port = 0  # the bound port once started
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task | None = None
        self._socket: socket.socket | None = None  # bound early in webhook mode

    @property
    def url(self) -> str:
        host = self.cfg.listen if ":" not in self.cfg.listen else f"[{self.cfg.listen}]"
        return f"http://{host}:{self.port}"

    def serve_webhook(self, secret: str, deliver: Deliver) -> None:
        """Take Telegram's updates on ``POST /telegram`` (webhook mode). The server is then
        required: its port is bound now, before anything starts, and a port in use raises
        :class:`ServiceUnavailable`."""
        try:
            self._socket = self._bind()
        except OSError as exc:
            raise ServiceUnavailable(
                f"{self._cannot_listen(exc)}; webhook mode needs it (Telegram posts updates to "
                "/telegram there): free the port or set [desk] listen and port"
            ) from None
        self.deps.webhook = WebhookInbox(secret.encode(), deliver, self.metrics)

    def _bind(self) -> socket.socket:
        return socket.create_server(
            (self.cfg.listen, self.cfg.port),
            family=socket.AF_INET6 if ":" in self.cfg.listen else socket.AF_INET,
            reuse_port=False,
        )

    def _cannot_listen(self, exc: OSError) -> str:
        why = exc.strerror or type(exc).__name__
        return f"desk: cannot listen on {self.cfg.listen} port {self.cfg.port} ({why})"

    async def start(self) -> None:
        sock, self._socket = self._socket, None
        if sock is None:
            try:
                sock = self._bind()
            except OSError as exc:
                log.error("%s; the bot runs without the desk", self._cannot_listen(exc))
                return
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        forwarded = self.cfg.forwarded_allow_ips
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_config=None,
            access_log=False,  # URLs can carry ?next= paths; requests are not logged
            proxy_headers=bool(forwarded),
            forwarded_allow_ips=forwarded or None,
            server_header=False,
            timeout_graceful_shutdown=3,
        )
        self._server = EmbeddedServer(config)
        self.heartbeat.start()
        # The socket listens already: a request made before uvicorn accepts waits in its backlog.
        self._task = asyncio.get_running_loop().create_task(self._server.serve(sockets=[sock]))
        self._task.add_done_callback(self._ended)
        log.info("desk: listening on %s", self.url)
        if self.deps.webhook is not None:
            log.info("desk: taking Telegram's updates on %s/telegram", self.url)
        if self.cfg.public_url:
            log.info("desk: public address %s", self.cfg.public_url)
        if not await self.deps.store.users():
            log.info("desk: no logins yet; add one with `boligbot desk add-user EMAIL --admin`")

    def _ended(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("desk: the web server failed", exc_info=task.exception())

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await asyncio.gather(self._task, return_exceptions=True)
        await self.heartbeat.stop()
        self._server = self._task = None
        if self._socket is not None:  # bound for the webhook, never served
            self._socket.close()
            self._socket = None
