"""Handover: a person's conversation with staff (open, relay, answer, close, list).

Every message between the person and staff goes through the message outbox
(:mod:`bot.core.outbox`): queued before the handler answers, sent with retries, at most once.
A staff-chat post is linked to its case as soon as Telegram gives its id; a post whose send
timed out (it may have arrived) is still found by the case number in its header.

The staff desk reads a case's conversation from those same outbox rows (:meth:`messages`),
kept while the case is open (``SqlMessageStore.purge``). The text is not redacted: it is what
the resident chose to tell staff, and what staff already read verbatim in the staff chat.
Answers and closings made on the desk are also posted in the staff chat, so colleagues in
Telegram see them; "who is answering" is a short claim in the database (:mod:`bot.core.claims`).
What staff do to a case (answer, close, reopen) is recorded in the audit log, without the text.
"""

from __future__ import annotations

import html
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core.audit import Actor, AuditLog
from bot.core.claims import Claim, Claims, MemoryClaims
from bot.core.events import Button, Reply
from bot.core.i18n import Translator
from bot.core.ids import row_id
from bot.core.jobs import SystemClock
from bot.core.outbox import Courier, Envelope, Queued
from bot.core.ports import Clock
from bot.storage.outbox import Relay, SqlMessageStore
from bot.storage.staff import StaffStore, Thread

log = logging.getLogger(__name__)

SignFor = Callable[[int, str, str, str], Button]  # owner, label, action, arg
_NAME_IN_HEADER = re.compile(r"<b>(.*?)</b>", re.DOTALL)
CLOSED_SHOWN = 20  # recently closed cases listed on the desk after the open ones


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str
    language: str


Answered = Literal["queued", "closed", "unknown"]
Reopened = Literal["reopened", "open", "busy", "gone"]


@dataclass(frozen=True)
class CaseMessage:
    """One message of a case: the resident's (to staff) or an answer (to the resident)."""

    id: int  # the outbox row: increasing, so "after id N" is "newer than N"
    from_resident: bool
    html: str  # Telegram HTML as delivered, without the post's header or the answer's heading
    at: datetime
    status: str  # pending sending sent failed blocked unknown


@dataclass(frozen=True)
class Case:
    """A case as the desk lists it."""

    thread: Thread
    first_name: str  # from the newest post's header; "" when its messages are deleted
    resident_messages: tuple[int, ...]  # ids of the resident's messages (for unread counts)
    last_at: datetime | None


def _post_text(header: str, body: str) -> str:
    return f"{header}\n\n{body}"


def _answer_text(heading: str, body: str) -> str:
    return f"{heading}\n{body}"


def message_of(relay: Relay) -> CaseMessage:
    """The body of a queued relay: what :func:`_post_text` / :func:`_answer_text` wrapped."""
    incoming = relay.kind == "ho.post"
    _, _, body = relay.reply.text.partition("\n\n" if incoming else "\n")
    return CaseMessage(relay.id, incoming, body, relay.created_at, relay.status)


def name_of(relay: Relay) -> str:
    """The person's first name in a post's header (escaped there; plain here)."""
    found = _NAME_IN_HEADER.search(relay.reply.text.partition("\n\n")[0])
    return html.unescape(found.group(1)) if found else ""


class HandoverService:
    def __init__(
        self,
        store: StaffStore,
        courier: Courier,
        t: Translator,
        sign_for: SignFor,
        staff_chat: int,
        staff_lang: str,
        office_name: str,
        variables: dict,
        audit: AuditLog,
        messages: SqlMessageStore | None = None,
        clock: Clock | None = None,
        claims: Claims | None = None,
    ):
        """``messages``: the outbox's rows, read for a case's conversation (the desk).
        ``claims``: who is answering (in the database; in memory when not given)."""
        self.audit = audit
        self.store, self.courier, self.t, self.sign_for = store, courier, t, sign_for
        self.staff_chat, self.staff_lang = staff_chat, staff_lang
        self.office_name, self.variables = office_name, variables
        self.relays = messages
        self.clock = clock or SystemClock()
        self.claims: Claims = claims or MemoryClaims(self.clock)
        courier.hooks("ho.post", on_sent=self._link, on_failed=self._post_failed)
        courier.hooks("ho.answer", on_failed=self._answer_failed)

    @property
    def available(self) -> bool:
        return bool(self.staff_chat)

    # --- reading -----------------------------------------------------------------------------

    async def thread_of(self, user_id: int) -> Thread | None:
        return await self.store.thread_of(user_id)

    async def thread(self, thread_id: int) -> Thread | None:
        return await self.store.thread(thread_id)

    async def thread_of_post(self, chat_id: int, message_id: int, text: str = "") -> Thread | None:
        """The case a staff-chat post belongs to: by its link, else by the case number in the
        post's header (a post whose send timed out after it arrived has no link)."""
        thread = await self.store.thread_by_post(chat_id, message_id)
        if thread is None and chat_id == self.staff_chat and (number := self._case_in(text)):
            thread = await self.store.thread(number)
            if thread is not None:
                await self.store.add_post(thread.id, chat_id, message_id)
        return thread

    def _case_in(self, text: str) -> int | None:
        """The case number in a case post's header: right before the header's fixed ending,
        at the end of the first line (a name holding "· sak 5 ·" or a note that quotes a name
        must not pass for case 5)."""
        ending = self.t(self.staff_lang, "handover-staff-post", name="", language="", thread=0)
        ending = ending.rpartition("0")[2]  # " · svar på denne meldingen for å svare"
        first = text.split("\n", 1)[0]
        m = re.search(r"·\s*(?:sak|case)\s+([0-9]+)" + re.escape(ending) + "$", first, re.I)
        return row_id(m.group(1)) if m else None

    async def open_threads(self) -> list[Thread]:
        return await self.store.open_threads()

    async def cases(self, closed: int = CLOSED_SHOWN) -> list[Case]:
        """Open cases (the longest waiting first), then the ``closed`` most recently closed."""
        threads = [*await self.store.open_threads(), *await self.store.closed_threads(closed)]
        by_case: dict[int, list[Relay]] = defaultdict(list)
        if self.relays is not None:
            for relay in await self.relays.relays(t.id for t in threads):
                by_case[relay.ref].append(relay)
        out = []
        for thread in threads:
            relays = by_case[thread.id]
            posts = [r for r in relays if r.kind == "ho.post"]
            out.append(
                Case(
                    thread,
                    name_of(posts[-1]) if posts else "",
                    tuple(r.id for r in posts),
                    relays[-1].created_at if relays else None,
                )
            )
        return out

    async def messages(self, thread_id: int, after: int = 0) -> list[CaseMessage]:
        """The case's conversation, oldest first (only messages newer than ``after``)."""
        if self.relays is None:
            return []
        return [message_of(r) for r in await self.relays.relays([thread_id]) if r.id > after]

    async def first_name(self, thread_id: int) -> str:
        posts = [] if self.relays is None else await self.relays.relays([thread_id])
        names = [name_of(r) for r in posts if r.kind == "ho.post"]
        return names[-1] if names else ""

    # --- who is answering (the desk) ----------------------------------------------------------

    async def claim(self, thread_id: int, who: str) -> Claim:
        """``who`` starts answering; returns the claim that holds (a colleague's, if live)."""
        return await self.claims.claim(thread_id, who)

    async def answering(self, thread_id: int) -> Claim | None:
        return await self.claims.holder(thread_id)

    # --- the person --------------------------------------------------------------------------

    async def ask(self, user_id: int) -> None:
        """Wait for the person's message to staff (their next text goes to staff)."""
        await self.store.ask(user_id)
        thread = await self.store.thread_of(user_id)
        if thread is not None and thread.status == "shared":
            await self.store.set_status(thread.id, "asking")

    async def expire_if_idle(self, thread: Thread, now: datetime, after: timedelta) -> bool:
        """Close a thread that asked long ago and never got the person's message."""
        if thread.status == "asking" and now - thread.updated_at > after:
            await self.store.set_status(thread.id, "closed")
            return True
        return False

    async def relay(self, thread: Thread, person: Person, text: str, key: str) -> bool:
        """Queue the person's message for the staff chat; True if it opened the case."""
        await self._post(thread, person, html.escape(text, quote=False), key)
        if thread.status == "asking":
            await self.store.set_status(thread.id, "open")
            return True
        return False

    async def escalate(self, person: Person, body: str, key: str) -> Thread:
        """Open a case with a post already written (a screening's answers, HTML) so that a
        staff reply to it reaches the person; reuses the person's open case. Until staff
        answer, the case is "shared": what the person writes still goes to the FAQ."""
        await self.store.ask(person.user_id)
        thread = await self.store.thread_of(person.user_id)
        assert thread is not None
        if thread.status == "asking":
            await self.store.set_status(thread.id, "shared")
        await self._post(thread, person, body, key)
        return thread

    async def _post(self, thread: Thread, person: Person, body: str, key: str) -> None:
        name = html.escape(person.first_name or "?", quote=False)
        header = self.t(
            self.staff_lang,
            "handover-staff-post",
            name=name,
            language=self.t(self.staff_lang, f"language-name-{person.language}"),
            thread=thread.id,
        )
        close = self.sign_for(
            self.staff_chat, self.t(self.staff_lang, "handover-btn-close"), "hoc", str(thread.id)
        )
        post = Reply(_post_text(header, body), [[close]])
        await self.courier.put(
            Envelope(
                f"ho.post:{key}",
                "ho.post",
                self.staff_chat,
                post,
                ref=thread.id,
                user_id=person.user_id,
                urgent=True,
            )
        )

    # --- staff -------------------------------------------------------------------------------

    async def answer(
        self,
        thread: Thread,
        text: str,
        key: str,
        by: Actor,
        origin: int = 0,
        desk: str | None = None,
    ) -> Answered:
        """Queue a staff member's answer for the person (``origin``: their staff-chat post;
        ``desk``: who answered on the desk, and the staff chat gets a copy)."""
        if thread.status == "closed":
            return "closed"
        if thread.status == "shared":  # staff answered: now a conversation
            await self.store.set_status(thread.id, "open")
        lang = thread.language
        heading = self.t(lang, "handover-answer", office=html.escape(self.office_name, quote=False))
        end = self.sign_for(thread.user_id, self.t(lang, "handover-btn-end"), "hoe", str(thread.id))
        body = html.escape(text, quote=False)
        reply = Reply(_answer_text(heading, body), [[end]])
        queued = await self.courier.put(
            Envelope(
                f"ho.answer:{key}",
                "ho.answer",
                thread.user_id,
                reply,
                ref=thread.id,
                origin=origin,
                user_id=thread.user_id,
                urgent=True,
            )
        )
        if queued:  # not when the same answer came again (a redelivered update)
            await self.audit.record(by, "case.answer", thread.id)
        if desk is not None:
            await self.claims.release(thread.id, desk)
            if queued and self.staff_chat:
                # The staff member's words stay outside Fluent (no placeable limit on them).
                heading = self.t(
                    self.staff_lang,
                    "handover-staff-desk-answer",
                    by=html.escape(desk, quote=False),
                    thread=thread.id,
                )
                copy = f"{heading}\n{body}"
                await self._note(
                    f"ho.desk:{key}",
                    self.staff_chat,
                    copy,
                    thread.user_id,
                    await self.store.last_post(thread.id, self.staff_chat) or 0,
                )
        return "queued" if queued else "unknown"

    async def close(
        self,
        thread: Thread,
        by: Literal["staff", "person", "desk"],
        by_name: str,
        *,
        actor: Actor | None,
    ) -> bool:
        """Close a case and tell the other side (closed on the desk: the person, and the staff
        chat); False when it was closed already. ``actor``: the staff member, for the audit log
        (None when the person closed it)."""
        if not await self.store.set_status(thread.id, "closed"):
            return False
        if actor is not None:
            await self.audit.record(actor, "case.close", thread.id)
        await self.claims.release(thread.id, by_name)
        name = html.escape(by_name or "?", quote=False)
        # A reopened case can be closed again: each closing has its own notes.
        key = f"ho.closed:{thread.id}:{uuid.uuid4().hex[:12]}"
        if by == "person":
            note = self.t(
                self.staff_lang, "handover-staff-person-closed", name=name, thread=thread.id
            )
            await self._note(key, self.staff_chat, note, thread.user_id)
        else:
            if by == "desk" and self.staff_chat:
                note = self.t(
                    self.staff_lang, "handover-staff-desk-closed", by=name, thread=thread.id
                )
                await self._note(f"{key}:staff", self.staff_chat, note, thread.user_id)
            lang = thread.language
            menu = self.sign_for(thread.user_id, self.t(lang, "handover-btn-menu"), "menu", "")
            await self.courier.put(
                Envelope(
                    key,
                    "ho.note",
                    thread.user_id,
                    Reply(self.t(lang, "handover-closed-by-staff"), [[menu]]),
                    ref=thread.id,
                    user_id=thread.user_id,
                )
            )
        return True

    async def cancel(self, thread: Thread) -> None:
        await self.store.set_status(thread.id, "closed")

    async def reopen(self, thread_id: int, by_name: str, actor: Actor) -> Reopened:
        """Open a closed case again (the desk): the person is told that what they write now goes
        to staff again, and the staff chat hears who reopened it. "busy" when the person has
        opened another case since; "open" when it was not closed."""
        thread = await self.store.thread(thread_id)
        if thread is None:
            return "gone"
        if thread.status != "closed":
            return "open"
        if not await self.store.reopen(thread_id):
            return "busy"
        await self.audit.record(actor, "case.reopen", thread_id)
        key = f"ho.reopened:{thread_id}:{uuid.uuid4().hex[:12]}"
        lang = thread.language
        end = self.sign_for(thread.user_id, self.t(lang, "handover-btn-end"), "hoe", str(thread_id))
        await self.courier.put(
            Envelope(
                key,
                "ho.note",
                thread.user_id,
                Reply(self.t(lang, "handover-reopened"), [[end]]),
                ref=thread_id,
                user_id=thread.user_id,
            )
        )
        if self.staff_chat:
            name = html.escape(by_name or "?", quote=False)
            note = self.t(
                self.staff_lang, "handover-staff-desk-reopened", by=name, thread=thread_id
            )
            await self._note(f"{key}:staff", self.staff_chat, note, thread.user_id)
        log.info("case %s reopened on the desk", thread_id)
        return "reopened"

    # --- outbox hooks ------------------------------------------------------------------------

    async def _note(
        self, key: str, chat_id: int, text: str, user_id: int | None, origin: int = 0
    ) -> None:
        await self.courier.put(
            Envelope(
                key,
                "ho.note",
                chat_id,
                Reply(text, reply_to_message_id=origin or None),
                user_id=user_id,
            )
        )

    async def _link(self, row: Queued, message_ids: list[int]) -> None:
        """Every part of a post split for length answers to the case."""
        for message_id in message_ids:
            await self.store.add_post(row.ref, row.chat_id, message_id)

    async def _post_failed(self, row: Queued, status: str) -> None:
        if status == "unknown":  # it may well have arrived; staff replies find it by number
            return
        thread = await self.store.thread(row.ref)
        if thread is None or row.user_id is None:
            return
        text = self.t(thread.language, "handover-failed", **self.variables)
        await self._note(f"ho.failed:{row.id}", row.user_id, text, row.user_id)

    async def _answer_failed(self, row: Queued, status: str) -> None:
        if status == "blocked":
            await self.store.set_status(row.ref, "closed")
            key = "handover-staff-blocked"
        elif status == "unknown":
            key = "handover-staff-unknown"
        else:
            key = "handover-staff-undelivered"
        await self._note(
            f"ho.failed:{row.id}", self.staff_chat, self.t(self.staff_lang, key), None, row.origin
        )
