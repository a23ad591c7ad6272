"""Repository for reminders: meetups, subscriptions, agreements, flows and the delivery log.

The delivery log's UNIQUE ``key`` is the exactly-once guard: :meth:`insert` claims the row
before anything is sent, and only the inserter sends. Retries claim a failed row again with a
conditional UPDATE, so two instances never both win. See :mod:`bot.core.reminders.due`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.core.reminders.due import LEASE, Delivery
from bot.core.reminders.plan import AgreementSpec, MeetupSpec, Planned
from bot.core.reminders.records import AgreementInfo, Flow, MeetupInfo
from bot.storage.models import User
from bot.storage.models_reminders import (
    Agreement,
    AgreementLink,
    Meetup,
    MeetupCancellation,
    MeetupSubscription,
    ReminderDelivery,
    ReminderFlow,
)
from bot.storage.presence import Presence


@dataclass(frozen=True)
class PlanInputs:
    meetups: dict[int, MeetupInfo]
    agreements: dict[int, AgreementInfo]
    meetup_specs: list[MeetupSpec]
    agreement_specs: list[AgreementSpec]


def _meetup(m: Meetup, subscribers: int = 0) -> MeetupInfo:
    return MeetupInfo(m.id, m.weekday, m.at, m.place, m.note, subscribers)


def _agreement(a: Agreement, linked: bool = False) -> AgreementInfo:
    reviews = tuple(date.fromisoformat(d) for d in a.review_dates)
    return AgreementInfo(a.id, a.label, a.starts_on, a.ends_on, reviews, a.staff_id, linked)


class ReminderStore:
    def __init__(self, sessions: async_sessionmaker):
        self.sessions = sessions
        self.in_flow = Presence()  # staff who may be in a /treff or /avtale flow

    # --- meetups -----------------------------------------------------------------------------

    async def meetups(self) -> list[MeetupInfo]:
        async with self.sessions() as s:
            counts = dict(
                (
                    await s.execute(
                        select(MeetupSubscription.meetup_id, func.count()).group_by(
                            MeetupSubscription.meetup_id
                        )
                    )
                ).all()
            )
            rows = (await s.scalars(select(Meetup).order_by(Meetup.weekday, Meetup.at))).all()
            return [_meetup(m, counts.get(m.id, 0)) for m in rows]

    async def meetup(self, meetup_id: int) -> MeetupInfo | None:
        async with self.sessions() as s:
            m = await s.get(Meetup, meetup_id)
            if m is None:
                return None
            count = await s.scalar(
                select(func.count())
                .select_from(MeetupSubscription)
                .where(MeetupSubscription.meetup_id == meetup_id)
            )
            return _meetup(m, int(count or 0))

    async def save_meetup(
        self,
        meetup_id: int | None,
        weekday: int,
        at: time,
        place: str,
        note: str | None,
        now: datetime,
    ) -> int | None:
        """Create (``meetup_id`` None) or change a meetup; None when it no longer exists."""
        async with self.sessions() as s:
            m = Meetup(created_at=now) if meetup_id is None else await s.get(Meetup, meetup_id)
            if m is None:
                return None
            m.weekday, m.at, m.place, m.note, m.updated_at = weekday, at, place, note, now
            s.add(m)
            await s.commit()
            return m.id

    async def delete_meetup(self, meetup_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(delete(Meetup).where(Meetup.id == meetup_id))
            await s.commit()
            return bool(result.rowcount)

    async def cancel_date(self, meetup_id: int, day: date, now: datetime) -> int | None:
        """Cancel one date; None when it was already cancelled (or the meetup is gone)."""
        async with self.sessions() as s:
            row = MeetupCancellation(meetup_id=meetup_id, on_date=day, created_at=now)
            s.add(row)
            try:
                await s.commit()
            except IntegrityError:
                return None
            return row.id

    async def uncancel(self, cancellation_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                delete(MeetupCancellation).where(MeetupCancellation.id == cancellation_id)
            )
            await s.commit()
            return bool(result.rowcount)

    async def cancelled(self, meetup_id: int, since: date) -> set[date]:
        async with self.sessions() as s:
            return set(
                (
                    await s.scalars(
                        select(MeetupCancellation.on_date).where(
                            MeetupCancellation.meetup_id == meetup_id,
                            MeetupCancellation.on_date >= since,
                        )
                    )
                ).all()
            )

    async def cancellations(self, meetup_id: int, since: date) -> list[tuple[int, date]]:
        """(cancellation id, date) of the meetup's cancelled dates from ``since``, in order."""
        async with self.sessions() as s:
            rows = (
                await s.execute(
                    select(MeetupCancellation.id, MeetupCancellation.on_date)
                    .where(
                        MeetupCancellation.meetup_id == meetup_id,
                        MeetupCancellation.on_date >= since,
                    )
                    .order_by(MeetupCancellation.on_date)
                )
            ).all()
        return [(i, d) for i, d in rows]

    # --- subscriptions -----------------------------------------------------------------------

    async def subscribe(self, user_id: int, meetup_id: int, now: datetime) -> bool:
        """True when newly subscribed; False if already subscribed or the meetup is gone."""
        async with self.sessions() as s:
            s.add(MeetupSubscription(user_id=user_id, meetup_id=meetup_id, created_at=now))
            try:
                await s.commit()
            except IntegrityError:
                return False
            return True

    async def unsubscribe(self, user_id: int, meetup_id: int | None = None) -> int:
        """Remove one subscription, or all of the user's when ``meetup_id`` is None."""
        stmt = delete(MeetupSubscription).where(MeetupSubscription.user_id == user_id)
        if meetup_id is not None:
            stmt = stmt.where(MeetupSubscription.meetup_id == meetup_id)
        async with self.sessions() as s:
            result = await s.execute(stmt)
            await s.commit()
            return result.rowcount or 0

    async def subscriptions(self, user_id: int) -> set[int]:
        async with self.sessions() as s:
            return set(
                (
                    await s.scalars(
                        select(MeetupSubscription.meetup_id).where(
                            MeetupSubscription.user_id == user_id
                        )
                    )
                ).all()
            )

    # --- agreements --------------------------------------------------------------------------

    async def create_agreement(
        self,
        label: str,
        starts_on: date,
        ends_on: date,
        reviews: Iterable[date],
        staff_id: int | None,
        code_hash: str,
        code_expires_at: datetime,
        now: datetime,
    ) -> int:
        async with self.sessions() as s:
            a = Agreement(
                label=label,
                starts_on=starts_on,
                ends_on=ends_on,
                review_dates=[d.isoformat() for d in reviews],
                staff_id=staff_id,
                code_hash=code_hash,
                code_expires_at=code_expires_at,
                created_at=now,
            )
            s.add(a)
            await s.commit()
            return a.id

    async def known_user(self, user_id: int) -> bool:
        """Whether this Telegram user has written to the bot (has a users row)."""
        async with self.sessions() as s:
            return await s.get(User, user_id) is not None

    async def agreements(self, ending_from: date) -> list[AgreementInfo]:
        """Agreements that end on or after ``ending_from``, soonest end first."""
        async with self.sessions() as s:
            linked = set((await s.scalars(select(AgreementLink.agreement_id))).all())
            rows = (
                await s.scalars(
                    select(Agreement)
                    .where(Agreement.ends_on >= ending_from)
                    .order_by(Agreement.ends_on, Agreement.id)
                )
            ).all()
            return [_agreement(a, a.id in linked) for a in rows]

    async def agreement(self, agreement_id: int) -> AgreementInfo | None:
        async with self.sessions() as s:
            a = await s.get(Agreement, agreement_id)
            if a is None:
                return None
            return _agreement(a, await s.get(AgreementLink, agreement_id) is not None)

    async def set_code(self, agreement_id: int, code_hash: str, expires_at: datetime) -> bool:
        async with self.sessions() as s:
            result = await s.execute(
                update(Agreement)
                .where(Agreement.id == agreement_id)
                .values(code_hash=code_hash, code_expires_at=expires_at)
            )
            await s.commit()
            return bool(result.rowcount)

    async def delete_agreement(self, agreement_id: int) -> bool:
        async with self.sessions() as s:
            result = await s.execute(delete(Agreement).where(Agreement.id == agreement_id))
            await s.commit()
            return bool(result.rowcount)

    async def link(self, code_hash: str, user_id: int, now: datetime) -> AgreementInfo | None:
        """Use a one-time code: link ``user_id`` to its agreement. None if unknown or expired.

        The code is consumed by a conditional UPDATE, so of two simultaneous uses one wins.
        """
        async with self.sessions() as s:
            a = (await s.scalars(select(Agreement).where(Agreement.code_hash == code_hash))).first()
            if a is None or a.code_expires_at is None or a.code_expires_at <= now:
                return None
            used = await s.execute(
                update(Agreement)
                .where(Agreement.id == a.id, Agreement.code_hash == code_hash)
                .values(code_hash=None, code_expires_at=None)
            )
            if not used.rowcount:
                return None
            await s.execute(delete(AgreementLink).where(AgreementLink.agreement_id == a.id))
            s.add(AgreementLink(agreement_id=a.id, user_id=user_id, linked_at=now))
            await s.commit()
            return _agreement(a, True)

    async def linked_agreements(self, user_id: int) -> list[AgreementInfo]:
        async with self.sessions() as s:
            rows = (
                await s.scalars(
                    select(Agreement)
                    .join(AgreementLink, AgreementLink.agreement_id == Agreement.id)
                    .where(AgreementLink.user_id == user_id)
                    .order_by(Agreement.ends_on)
                )
            ).all()
            return [_agreement(a, True) for a in rows]

    async def unlink(self, user_id: int) -> int:
        async with self.sessions() as s:
            result = await s.execute(delete(AgreementLink).where(AgreementLink.user_id == user_id))
            await s.commit()
            return result.rowcount or 0

    # --- flows -------------------------------------------------------------------------------

    async def load_presence(self) -> None:
        await self.in_flow.fill(self.sessions, select(ReminderFlow.user_id))

    async def flow(self, user_id: int) -> Flow | None:
        if not self.in_flow.may_have(user_id):
            return None
        async with self.sessions() as s:
            f = await s.get(ReminderFlow, user_id)
        if f is None:
            self.in_flow.discard(user_id)
            return None
        return Flow(f.kind, f.step, dict(f.data), f.updated_at)

    async def save_flow(
        self, user_id: int, kind: str, step: str, data: dict[str, Any], now: datetime
    ) -> None:
        self.in_flow.add(user_id)
        async with self.sessions() as s:
            f = await s.get(ReminderFlow, user_id)
            if f is None:
                s.add(
                    ReminderFlow(user_id=user_id, kind=kind, step=step, data=data, updated_at=now)
                )
            else:
                f.kind, f.step, f.data, f.updated_at = kind, step, data, now
            try:
                await s.commit()
            except IntegrityError:  # the same user's flow was created meanwhile
                await s.rollback()
                await s.execute(
                    update(ReminderFlow)
                    .where(ReminderFlow.user_id == user_id)
                    .values(kind=kind, step=step, data=data, updated_at=now)
                )
                await s.commit()

    async def end_flow(self, user_id: int) -> None:
        async with self.sessions() as s:
            await s.execute(delete(ReminderFlow).where(ReminderFlow.user_id == user_id))
            await s.commit()

    # --- what the sweep needs ----------------------------------------------------------------

    async def plan_inputs(self, since: date) -> PlanInputs:
        """Every meetup with subscribers and cancellations, and every agreement not yet over."""
        async with self.sessions() as s:
            meetups = (await s.scalars(select(Meetup))).all()
            subs = (
                await s.execute(
                    select(
                        MeetupSubscription.meetup_id,
                        MeetupSubscription.user_id,
                        MeetupSubscription.created_at,
                    )
                )
            ).all()
            cancels = (
                await s.execute(
                    select(
                        MeetupCancellation.meetup_id,
                        MeetupCancellation.on_date,
                        MeetupCancellation.created_at,
                    ).where(MeetupCancellation.on_date >= since)
                )
            ).all()
            agreements = (
                await s.scalars(select(Agreement).where(Agreement.ends_on >= since))
            ).all()
            links = {
                row.agreement_id: (row.user_id, row.linked_at)
                for row in (await s.scalars(select(AgreementLink))).all()
            }
        subscribers: dict[int, dict[int, datetime]] = {}
        for meetup_id, user_id, created_at in subs:
            subscribers.setdefault(meetup_id, {})[user_id] = created_at
        cancelled: dict[int, dict[date, datetime]] = {}
        for meetup_id, on_date, created_at in cancels:
            cancelled.setdefault(meetup_id, {})[on_date] = created_at
        meetup_specs = [
            MeetupSpec(m.id, m.weekday, m.at, subscribers.get(m.id, {}), cancelled.get(m.id, {}))
            for m in meetups
        ]
        infos = {a.id: _agreement(a, a.id in links) for a in agreements}
        agreement_specs = [
            AgreementSpec(
                a.id, a.ends_on, infos[a.id].reviews, a.created_at, a.staff_id, links.get(a.id)
            )
            for a in agreements
        ]
        return PlanInputs(
            {m.id: _meetup(m, len(subscribers.get(m.id, {}))) for m in meetups},
            infos,
            meetup_specs,
            agreement_specs,
        )

    async def languages(self, user_ids: Iterable[int]) -> dict[int, str]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        async with self.sessions() as s:
            return dict(
                (await s.execute(select(User.id, User.language).where(User.id.in_(ids)))).all()
            )

    # --- delivery log ------------------------------------------------------------------------

    async def deliveries(self, keys: list[str]) -> dict[str, Delivery]:
        out: dict[str, Delivery] = {}
        async with self.sessions() as s:
            for i in range(0, len(keys), 500):
                rows = (
                    await s.scalars(
                        select(ReminderDelivery).where(ReminderDelivery.key.in_(keys[i : i + 500]))
                    )
                ).all()
                out.update(
                    {
                        r.key: Delivery(r.status, r.attempts, r.updated_at, r.next_attempt_at)
                        for r in rows
                    }
                )
        return out

    async def insert(self, p: Planned, status: str, now: datetime) -> bool:
        """Claim ``p``'s key with ``status`` (``sending`` or ``skipped``); False if taken."""
        async with self.sessions() as s:
            s.add(
                ReminderDelivery(
                    key=p.key,
                    user_id=p.user_id,
                    due_at=p.due_at,
                    status=status,
                    attempts=1 if status == "sending" else 0,
                    updated_at=now,
                )
            )
            try:
                await s.commit()
            except IntegrityError:
                return False
            return True

    async def transition(
        self,
        key: str,
        old: str,
        new: str,
        now: datetime,
        *,
        attempts: int | None = None,
        stale_before: datetime | None = None,
        next_attempt_at: datetime | None = None,
    ) -> bool:
        """Move ``key`` from status ``old`` to ``new`` if it is still there; True if moved.

        ``attempts`` (the count seen) makes a retry claim conditional on nobody else retrying.
        """
        values: dict[str, Any] = {
            "status": new,
            "updated_at": now,
            "next_attempt_at": next_attempt_at,
        }
        stmt = update(ReminderDelivery).where(
            ReminderDelivery.key == key, ReminderDelivery.status == old
        )
        if attempts is not None:
            stmt = stmt.where(ReminderDelivery.attempts == attempts)
            values["attempts"] = attempts + 1
        if stale_before is not None:
            stmt = stmt.where(ReminderDelivery.updated_at < stale_before)
        async with self.sessions() as s:
            result = await s.execute(stmt.values(**values))
            await s.commit()
            return bool(result.rowcount)

    async def abandon_stale(self, key: str, now: datetime) -> bool:
        return await self.transition(key, "sending", "unknown", now, stale_before=now - LEASE)

    # --- housekeeping and figures ------------------------------------------------------------

    async def purge(
        self, now: datetime, log_before: datetime, flows_before: datetime, ended_before: date
    ) -> dict[str, int]:
        """Delete old log rows, abandoned flows, past cancellations and long-ended agreements."""
        counts = {}
        async with self.sessions() as s:
            for name, stmt in (
                (
                    "deliveries",
                    delete(ReminderDelivery).where(ReminderDelivery.due_at < log_before),
                ),
                ("flows", delete(ReminderFlow).where(ReminderFlow.updated_at < flows_before)),
                (
                    "cancellations",
                    delete(MeetupCancellation).where(
                        MeetupCancellation.on_date < (now - timedelta(days=7)).date()
                    ),
                ),
                ("agreements", delete(Agreement).where(Agreement.ends_on < ended_before)),
            ):
                counts[name] = (await s.execute(stmt)).rowcount or 0
            await s.commit()
        return counts

    async def stats(self, today: date) -> dict[str, Any]:
        async with self.sessions() as s:
            subs = (
                await s.execute(select(MeetupSubscription.meetup_id, MeetupSubscription.user_id))
            ).all()
            active = (await s.scalars(select(Agreement.id).where(Agreement.ends_on >= today))).all()
            linked = set((await s.scalars(select(AgreementLink.agreement_id))).all())
            meetups = (await s.scalars(select(Meetup.id))).all()
        per_meetup = Counter(meetup_id for meetup_id, _ in subs)
        return {
            "meetups": len(meetups),
            "meetup_subscribers": len({user_id for _, user_id in subs}),
            "meetup_subscriptions": {m: per_meetup.get(m, 0) for m in meetups},
            "agreements_active": len(active),
            "agreements_linked": len(linked & set(active)),
        }

    async def responsible_for(self, staff_id: int) -> int:
        async with self.sessions() as s:
            return int(
                await s.scalar(
                    select(func.count())
                    .select_from(Agreement)
                    .where(Agreement.staff_id == staff_id)
                )
                or 0
            )

    async def sent_count(self, user_id: int) -> int:
        async with self.sessions() as s:
            return int(
                await s.scalar(
                    select(func.count())
                    .select_from(ReminderDelivery)
                    .where(ReminderDelivery.user_id == user_id)
                )
                or 0
            )
