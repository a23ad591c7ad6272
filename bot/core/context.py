"""Per-event context handed to feature handlers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.core.events import Button, Incoming, Outcome, Reply
from bot.core.ports import UserRecord

if TYPE_CHECKING:
    from bot.core.assistant import Assistant


@dataclass
class Context:
    incoming: Incoming
    user: UserRecord
    assistant: Assistant
    arg: str = ""  # the button's argument, a command's text, or a deep link's rest
    written_in: str | None = None  # the language a free-text message was written in, if clear

    @property
    def lang(self) -> str:
        """The language to answer in: the message's own, else the person's chosen one."""
        return self.written_in or self.user.language

    @property
    def user_id(self) -> int:
        return self.incoming.sender.id

    def t(self, msg_id: str, **args: Any) -> str:
        return self.assistant.t(self.lang, msg_id, **args)

    def button(self, label: str, action: str, arg: str = "") -> Button:
        return Button(label, self.assistant.signer.sign(self.incoming.owner, action, arg))

    async def is_staff(self) -> bool:
        return await self.assistant.roles.is_staff(self.user_id)

    def reply(self, text: str, buttons: list[list[Button]] | None = None, **kw: Any) -> Outcome:
        return Outcome([Reply(text, buttons or [], **kw)])

    def menu(self, text: str | None = None) -> Outcome:
        """A reply that ends with the main menu (the way out of every corner)."""
        return self.assistant.menu_outcome(self, text)
