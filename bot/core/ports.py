"""What the core needs from the outside world, as protocols (storage and channels implement)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.core.events import Reply


@dataclass(frozen=True)
class UserRecord:
    id: int
    language: str
    first_seen: datetime
    last_seen: datetime


class UserStore(Protocol):
    async def touch(self, user_id: int, language: str) -> UserRecord:
        """Return the user, creating them with ``language`` if new; updates last_seen."""

    async def set_language(self, user_id: int, language: str) -> None: ...

    async def delete(self, user_id: int) -> bool:
        """Delete the user and, by cascade, every row that refers to them."""

    async def purge_inactive(self, before: datetime) -> int: ...


@dataclass
class Parts:
    """Where a message that goes out in parts stands (a long text is split; a photo's caption
    that does not fit is followed by the rest). ``done`` parts arrived in earlier attempts and
    are not sent again; ``saved(done)`` records progress after each part but the last, before
    the next is tried, so a retry (even after a restart) goes on from the part that failed."""

    done: int = 0
    saved: Callable[[int], Awaitable[None]] | None = None
    ids: list[int] = field(default_factory=list)  # every part's message id, in this attempt


class Messenger(Protocol):
    """Sends a message to any chat outside the request/reply flow (reminders, staff chat)."""

    username: str  # the bot's public name for t.me links; "" where there is none

    async def send(
        self,
        chat_id: int,
        reply: Reply,
        slot_taken: bool = False,
        urgent: bool = False,
        parts: Parts | None = None,
    ) -> int:
        """Deliver and return the (last part's) message id. Raises :class:`DeliveryError`
        subclasses. Sends are paced; ``slot_taken``: the caller already holds the pacer's slot;
        ``urgent``: a person waits for it (before broadcasts and reminders); ``parts``: the
        progress of a message that may go out in parts, kept by a caller that retries (and
        the id of every part sent, in ``parts.ids``)."""

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> None:
        """Replace a sent message's text and buttons (e.g. a progress report)."""

    async def upload_photo(self, chat_id: int, data: bytes, caption: str) -> str:
        """Post a photo (JPEG or PNG bytes) in ``chat_id`` and return the channel's id for it,
        so it can be sent again without uploading it (a tip's photo from the desk)."""


class DeliveryError(Exception):
    """Base for channel-neutral delivery failures."""


class RecipientBlocked(DeliveryError):
    """The user blocked the bot or deleted their account: stop sending to them."""


class RetryLater(DeliveryError):
    def __init__(self, seconds: float):
        super().__init__(f"retry after {seconds}s")
        self.seconds = seconds


class TransientError(DeliveryError):
    """Network or server error: retry with backoff."""


class DeliveryUncertain(TransientError):
    """The request timed out: the message may have arrived. Retry only where a second copy
    does no harm."""


class Service(Protocol):
    """Something that runs beside the features on the channel's event loop (the web desk)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class ServiceUnavailable(Exception):
    """A service the process cannot run without did not start (the message says why)."""


class BlockedRecipients(Protocol):
    async def blocked(self, user_id: int, now: datetime) -> None:
        """The person blocked the bot: stop every kind of send to them (one handling for tips,
        reminders and the message outbox)."""


class Clock(Protocol):
    def now(self) -> datetime: ...
