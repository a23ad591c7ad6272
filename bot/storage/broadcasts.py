"""Tip broadcasts: drafts, audiences, the outbox (see :mod:`bot.core.broadcast.sender`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Select, delete, func, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.broadcast.records import BroadcastInfo, OutboxItem, Report, Tip
from bot.storage.blocked import SqlBlocked
from bot.storage.models import User
from bot.storage.models_reminders import Agreement, AgreementLink, MeetupSubscription
from bot.storage.models_tips import Broadcast, OutboxRow, TipSubscription
from bot.storage.presence import Presence
from bot.storage.types import utcnow

_OPEN = ("pending", "sending")


def audience_query(audience: str, today: date) -> Select:
    """User ids of the audience. Every audience is people who subscribed to tips and have not
    blocked the bot: current residents (linked to an agreement that has not ended), former
    residents (an ended agreement, or meetup subscribers, who are former residents), or all."""
    subs = select(TipSubscription.user_id).where(TipSubscription.blocked_at.is_(None))
    current = (
        select(AgreementLink.user_id)
        .join(Agreement, Agreement.id == AgreementLink.agreement_id)
        .where(Agreement.ends_on >= today)
    )
    if audience == "residents":
        return subs.where(TipSubscription.user_id.in_(current))
    if audience == "former":
        ended = (
            select(AgreementLink.user_id)
            .join(Agreement, Agreement.id == AgreementLink.agreement_id)
            .where(Agreement.ends_on < today)
        )
        meetup = select(MeetupSubscription.user_id)
        return subs.where(
            or_(TipSubscription.user_id.in_(ended), TipSubscription.user_id.in_(meetup)),
            TipSubscription.user_id.not_in(current),
        )
    if audience == "all":
        return subs
    raise ValueError(f"unknown audience {audience!r}")


class BroadcastStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions
        self.drafting = Presence()  # staff who may have a draft

    # --- drafts (one per staff member) -------------------------------------------------------

    async def draft(self, staff_id: int) -> Broadcast | None:
        if not self.drafting.may_have(staff_id):
            return None
        async with self.sessions() as s:
            found = await s.scalar(
                select(Broadcast).where(
                    Broadcast.created_by == staff_id, Broadcast.status == "draft"
                )
            )
        if found is None:
            self.drafting.discard(staff_id)
        return found

    async def load_presence(self) -> None:
        await self.drafting.fill(
            self.sessions, select(Broadcast.created_by).where(Broadcast.status == "draft")
        )

    async def new_draft(self, staff_id: int) -> int:
        self.drafting.add(staff_id)
        async with self.sessions() as s:
            await s.execute(
                delete(Broadcast).where(
                    Broadcast.created_by == staff_id, Broadcast.status == "draft"
                )
            )
            b = Broadcast(
                created_by=staff_id,
                status="draft",
                step="content",
                text="",
                total=0,
                created_at=utcnow(),
            )
            s.add(b)
            await s.commit()
            return b.id

    async def set_content(self, draft_id: int, text: str, photo: str | None) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(Broadcast)
                .where(Broadcast.id == draft_id, Broadcast.status == "draft")
                .values(text=text, photo=photo, step="preview")
            )
            await s.commit()

    async def drop_draft(self, staff_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                delete(Broadcast).where(
                    Broadcast.created_by == staff_id, Broadcast.status == "draft"
                )
            )
            await s.commit()
            return bool(result.rowcount)

    async def audience_sizes(self, today: date) -> dict[str, int]:
        async with self.sessions() as s:
            return {
                a: int(
                    await s.scalar(
                        select(func.count()).select_from(audience_query(a, today).subquery())
                    )
                    or 0
                )
                for a in ("residents", "former", "all")
            }

    async def queue(
        self, draft_id: int, staff_id: int, audience: str, today: date, report_chat_id: int | None
    ) -> int | None:
        """Draft → running, with one outbox row per recipient, in one transaction.
        Returns the number of recipients, or None if the draft was already sent or dropped."""
        now = utcnow()
        async with self.sessions() as s:
            started = await s.execute(
                update(Broadcast)
                .where(
                    Broadcast.id == draft_id,
                    Broadcast.created_by == staff_id,
                    Broadcast.status == "draft",
                    Broadcast.step == "preview",
                )
                .values(
                    status="running",
                    audience=audience,
                    started_at=now,
                    report_chat_id=report_chat_id,
                )
            )
            if not started.rowcount:
                await s.rollback()
                return None
            ids = audience_query(audience, today).subquery()
            await s.execute(
                insert(OutboxRow).from_select(
                    [
                        "broadcast_id",
                        "user_id",
                        "status",
                        "attempts",
                        "next_attempt_at",
                        "updated_at",
                    ],
                    select(
                        literal(draft_id),
                        ids.c.user_id,
                        literal("pending"),
                        literal(0),
                        literal(now, OutboxRow.next_attempt_at.type),
                        literal(now, OutboxRow.updated_at.type),
                    ),
                )
            )
            total = int(
                await s.scalar(
                    select(func.count())
                    .select_from(OutboxRow)
                    .where(OutboxRow.broadcast_id == draft_id)
                )
                or 0
            )
            await s.execute(update(Broadcast).where(Broadcast.id == draft_id).values(total=total))
            await s.commit()
            return total

    async def set_report_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id)
                .values(report_chat_id=chat_id, report_message_id=message_id)
            )
            await s.commit()

    async def cancel(self, broadcast_id: int) -> bool:
        """Stop a running broadcast: rows not yet claimed become "cancelled"."""
        now = utcnow()
        async with self.sessions() as s:
            result = await s.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id, Broadcast.status == "running")
                .values(status="cancelled", finished_at=now)
            )
            if not result.rowcount:
                await s.rollback()
                return False
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.broadcast_id == broadcast_id, OutboxRow.status == "pending")
                .values(status="cancelled", updated_at=now)
            )
            await s.commit()
            return True

    # --- the outbox (bot.core.broadcast.records.OutboxStore) ---------------------------------

    async def recover(self, stale_before: datetime) -> int:
        async with self.sessions() as s:
            result = await s.execute(
                update(OutboxRow)
                .where(OutboxRow.status == "sending", OutboxRow.updated_at < stale_before)
                .values(status="unknown", updated_at=utcnow())
            )
            await s.commit()
            return result.rowcount or 0

    def _running_ids(self) -> Select:
        return select(Broadcast.id).where(Broadcast.status == "running")

    async def due(self, now: datetime, after_id: int, limit: int) -> list[OutboxItem]:
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(
                        OutboxRow.id,
                        OutboxRow.broadcast_id,
                        OutboxRow.user_id,
                        OutboxRow.attempts,
                        User.language,
                        OutboxRow.parts_sent,
                        OutboxRow.waits,
                    )
                    .join(User, User.id == OutboxRow.user_id)
                    .where(
                        OutboxRow.status == "pending",
                        OutboxRow.next_attempt_at <= now,
                        OutboxRow.id > after_id,
                        OutboxRow.broadcast_id.in_(self._running_ids()),
                    )
                    .order_by(OutboxRow.id)
                    .limit(limit)
                )
            ).all()
        return [
            OutboxItem(
                r.id, r.broadcast_id, r.user_id, r.attempts, r.language, r.parts_sent, r.waits
            )
            for r in rows
        ]

    async def next_due_at(self) -> datetime | None:
        async with self.sessions() as s:
            return await s.scalar(
                select(func.min(OutboxRow.next_attempt_at)).where(
                    OutboxRow.status == "pending", OutboxRow.broadcast_id.in_(self._running_ids())
                )
            )

    async def claim(self, item_id: int, now: datetime) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.id == item_id,
                    OutboxRow.status == "pending",
                    OutboxRow.broadcast_id.in_(self._running_ids()),
                )
                .values(status="sending", updated_at=now)
            )
            await s.commit()
            return bool(result.rowcount)

    async def finish(self, item_id: int, status: str, now: datetime) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == item_id)
                .values(status=status, updated_at=now)
            )
            await s.commit()

    async def retry(
        self, item_id: int, at: datetime, count_attempt: bool, count_wait: bool = False
    ) -> None:
        values: dict = {"status": "pending", "next_attempt_at": at, "updated_at": utcnow()}
        if count_attempt:
            values["attempts"] = OutboxRow.attempts + 1
        if count_wait:
            values["waits"] = OutboxRow.waits + 1
        async with self.sessions() as s:
            await s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == item_id, OutboxRow.status == "sending")
                .values(values)
            )
            await s.commit()

    async def progress(self, item_id: int, parts_sent: int) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(OutboxRow).where(OutboxRow.id == item_id).values(parts_sent=parts_sent)
            )
            await s.commit()

    async def mark_blocked(self, user_id: int, now: datetime) -> None:
        """The one handling of a person who blocked the bot (``bot/storage/blocked.py``)."""
        await SqlBlocked(self.sessions).blocked(user_id, now)

    async def tip(self, broadcast_id: int) -> Tip | None:
        async with self.sessions() as s:
            b = await s.get(Broadcast, broadcast_id)
        if b is None or b.status not in ("running", "draft"):
            return None
        return Tip(b.id, b.text, b.photo)

    async def _reports(self, s, ids: list[int]) -> dict[int, Report]:  # type: ignore[no-untyped-def]
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        if ids:
            rows = (
                await s.execute(
                    select(OutboxRow.broadcast_id, OutboxRow.status, func.count())
                    .where(OutboxRow.broadcast_id.in_(ids))
                    .group_by(OutboxRow.broadcast_id, OutboxRow.status)
                )
            ).all()
            for bid, status, n in rows:
                counts[bid][status] = n
        out = {}
        for bid in ids:
            c = counts[bid]
            out[bid] = Report(
                total=sum(c.values()),
                pending=sum(c.get(k, 0) for k in _OPEN),
                sent=c.get("sent", 0),
                blocked=c.get("blocked", 0),
                failed=c.get("failed", 0),
                unknown=c.get("unknown", 0),
                cancelled=c.get("cancelled", 0),
            )
        return out

    async def _infos(self, where: object, limit: int | None = None) -> list[BroadcastInfo]:
        async with self.sessions() as s:
            q = select(Broadcast).where(where).order_by(Broadcast.id.desc())
            if limit:
                q = q.limit(limit)
            rows = (await s.scalars(q)).all()
            reports = await self._reports(s, [b.id for b in rows])
        return [
            BroadcastInfo(
                b.id,
                b.status,
                b.audience,
                b.created_by,
                b.created_at,
                b.finished_at,
                b.report_chat_id,
                b.report_message_id,
                reports[b.id],
            )
            for b in rows
        ]

    async def running(self) -> list[BroadcastInfo]:
        return await self._infos(Broadcast.status == "running")

    async def info(self, broadcast_id: int) -> BroadcastInfo | None:
        found = await self._infos(Broadcast.id == broadcast_id)
        return found[0] if found else None

    async def recent(self, limit: int = 5) -> list[BroadcastInfo]:
        return await self._infos(Broadcast.status != "draft", limit)

    async def complete(self, broadcast_id: int, now: datetime) -> None:
        async with self.sessions() as s:
            await s.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id, Broadcast.status == "running")
                .values(status="done", finished_at=now)
            )
            await s.commit()

    async def outbox_counts(self) -> dict[str, int]:
        """Outbox rows per status (pending sending sent blocked failed unknown cancelled)."""
        async with self.sessions() as s:
            rows = (
                await s.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status))
            ).all()
        return {status: n for status, n in rows}
