"""Plain events between channels and the core: what a user did, and what to show them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "command", "button", "unsupported"]


@dataclass(frozen=True)
class Sender:
    id: int
    first_name: str = ""
    language_code: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: typed text, sent a command, pressed a button, or sent media."""

    sender: Sender
    chat_id: int
    kind: Kind
    text: str = ""
    command: str = ""
    data: str = ""
    media: str = ""
    photo: str = ""  # the channel's id of a sent photo (largest size), to send it on again
    chat_type: str = "private"
    message_id: int | None = None
    reply_to_message_id: int | None = None
    reply_to_text: str = ""  # the replied-to message's text (a staff-chat post's case number)
    update_id: int | None = None

    @property
    def is_private(self) -> bool:
        return self.chat_type == "private"

    @property
    def owner(self) -> int:
        """Whom buttons are signed for: the user in a private chat, the group in a group (any
        member of the staff chat may press a button there; the role is checked on press)."""
        return self.sender.id if self.is_private else self.chat_id


@dataclass(frozen=True)
class Button:
    label: str
    data: str = ""
    url: str = ""


@dataclass
class Reply:
    """A message to show. ``chat_id`` None means the chat the event came from.

    ``edit`` replaces the message whose button was pressed instead of sending a new one.
    """

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    chat_id: int | None = None
    photo: str | None = None
    edit: bool = False
    reply_to_message_id: int | None = None
    # Called with the message id once delivered (e.g. to link a staff-chat post to a thread).
    on_sent: object | None = None


@dataclass
class Outcome:
    """What the core answers to one event: replies plus an optional toast for a button press."""

    replies: list[Reply] = field(default_factory=list)
    notice: str | None = None
