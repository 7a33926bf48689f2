"""Deliver: send due outbox rows, mark them sent, retry failures with backoff, park the hopeless.

At least once, never twice: a row is marked sent in its own transaction right after its send, so
a crash in between may repeat that one message and nothing else. A retry honours Retry-After by
rescheduling (never a sleeping thread), and a destination whose earliest message is waiting
holds its later ones back, so messages arrive in order.
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from rules.model import Rule
from watcher.clock import Clock
from watcher.config import Settings
from watcher.errors import NotifyError
from watcher.faults import crashpoint
from watcher.notify.base import Notifier
from watcher.notify.message import Card, Message, card, subject_for
from watcher.pipeline.outbox import enqueue_notice
from watcher.store.db import Store
from watcher.store.models import AccountRow, DeliveryRow, SignalRow

logger = logging.getLogger(__name__)
BATCH = 200
# Cards per message: a Slack message holds 50 blocks and a card takes up to 7, so no card is ever cut.
CARDS_PER_MESSAGE = {"slack": 6}
DEFAULT_CARDS = 25


@dataclass(slots=True, kw_only=True)
class FlushReport:
    sent: int = 0
    retried: int = 0
    parked: int = 0
    messages: list[Message] = field(default_factory=list)


def backoff(attempts: int, settings: Settings, row_id: int) -> float:
    """Exponential with a stable jitter of up to 20% (derived from the row id)."""
    d = settings.delivery
    base = min(d.backoff_max, d.backoff_base * 2 ** min(max(attempts - 1, 0), 20))
    return float(base * (1 + 0.2 * (zlib.crc32(str(row_id).encode()) % 1000) / 1000))


class Deliverer:
    """Sends pending outbox rows through the notifiers. Built once per process."""

    def __init__(self, store: Store, settings: Settings, notifiers: Mapping[str, Notifier], clock: Clock,
                 owner: str, rules: Sequence[Rule] = ()) -> None:
        self.store, self.settings, self.notifiers, self.clock, self.owner = store, settings, notifiers, clock, owner
        self.descriptions = {r.name: r.description for r in rules}

    async def flush(self) -> FlushReport:
        """Send every due message once; returns what happened (for logs, the CLI and tests)."""
        now = self.clock.now()
        report = FlushReport()
        with self.store.session() as session:
            groups = self._claim(session, now)
        blocked: set[str] = set()
        for destination, ids, message in groups:
            if destination in blocked:
                self._release(ids)
                continue
            try:
                await asyncio.to_thread(self._notifier(destination).send, message)
            except NotifyError as exc:
                parked = self._failed(ids, exc, now)
                blocked.add(destination)
                report.parked += parked
                report.retried += len(ids) - parked
                logger.warning("delivery to=%s failed (%s): %s", _scheme(destination),
                               "retry" if not parked else "parked", exc)
                continue
            except Exception:  # a notifier bug must not stop the other deliveries
                logger.exception("delivery to=%s crashed", _scheme(destination))
                report.parked += self._failed(ids, NotifyError("internal error in the notifier", retryable=True), now)
                blocked.add(destination)
                continue
            crashpoint("deliver.after_send")
            self._sent(ids, now)
            crashpoint("deliver.after_mark")
            report.sent += len(ids)
            report.messages.append(message)
            logger.info("delivered to=%s signals=%d", destination if destination.startswith("slack:#")
                        else _scheme(destination), len(message.cards) or 1)
        return report

    def _notifier(self, destination: str) -> Notifier:
        scheme = _scheme(destination)
        if scheme not in self.notifiers:
            raise NotifyError(f"no notifier for {scheme!r} destinations", retryable=False)
        return self.notifiers[scheme]

    def _claim(self, session: Session, now: datetime) -> list[tuple[str, list[int], Message]]:
        free = or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until < now)
        # A destination whose earliest pending message is not due yet holds the later ones (ordering).
        waiting = {d: first for d, first in session.execute(
            select(DeliveryRow.destination, func.min(DeliveryRow.id))
            .where(DeliveryRow.status == "pending", DeliveryRow.next_attempt_at > now)
            .group_by(DeliveryRow.destination))}
        rows = [r for r in session.scalars(
            select(DeliveryRow).where(DeliveryRow.status == "pending", DeliveryRow.next_attempt_at <= now, free)
            .order_by(DeliveryRow.id).limit(BATCH).with_for_update(skip_locked=True))
            if r.destination not in waiting or r.id < waiting[r.destination]]
        rows += self._companions(session, rows, now, free)
        for row in rows:
            row.lease_owner, row.lease_until = self.owner, now + timedelta(minutes=5)
        return self._group(session, rows)

    @staticmethod
    def _companions(session: Session, due: list[DeliveryRow], now: datetime, free: ColumnElement[bool]
                    ) -> list[DeliveryRow]:
        """Fresh rows for an account and destination that already has a due row: they join its message."""
        keys = {(r.destination, r.account_id) for r in due if r.account_id is not None and not r.notice}
        if not keys:
            return []
        taken = {r.id for r in due}
        return [r for r in session.scalars(
            select(DeliveryRow).where(DeliveryRow.status == "pending", DeliveryRow.attempts == 0,
                                      DeliveryRow.next_attempt_at > now, free,
                                      DeliveryRow.account_id.in_({a for _, a in keys}))
            .order_by(DeliveryRow.id).with_for_update(skip_locked=True))
            if (r.destination, r.account_id) in keys and r.id not in taken]

    def _group(self, session: Session, rows: list[DeliveryRow]) -> list[tuple[str, list[int], Message]]:
        groups: dict[tuple[str, int | None, int], list[DeliveryRow]] = {}
        for row in rows:
            key = (row.destination, row.account_id, row.id if row.notice else 0)
            groups.setdefault(key, []).append(row)
        signal_ids = [r.signal_id for r in rows if r.signal_id]
        signals = {s.id: s for s in session.scalars(select(SignalRow).where(SignalRow.id.in_(signal_ids)))}
        account_ids = {s.account_id for s in signals.values() if s.account_id}
        accounts = {a.id: a for a in session.scalars(select(AccountRow).where(AccountRow.id.in_(account_ids)))}
        out = []
        for (destination, _, _), members in sorted(groups.items(), key=lambda kv: min(r.id for r in kv[1])):
            if members[0].notice:
                text = str(members[0].notice.get("text", ""))
                out.append((destination, [r.id for r in members],
                            Message(destination=destination, subject=text[:120], notice=text)))
                continue
            size = CARDS_PER_MESSAGE.get(_scheme(destination), DEFAULT_CARDS)
            for start in range(0, len(members), size):  # a long group goes out as several whole messages
                chunk = members[start:start + size]
                cards: list[Card] = []
                for r in chunk:
                    signal = signals.get(r.signal_id or 0)
                    if signal is not None:
                        account = accounts.get(signal.account_id or 0)
                        why = [f"rule {n}" + (f": {self.descriptions[n]}" if self.descriptions.get(n) else "")
                               for n in r.rules]
                        cards.append(card(signal, account, why, r.priority))
                out.append((destination, [r.id for r in chunk],
                            Message(destination=destination, subject=subject_for(cards), cards=cards)))
        return out

    def _sent(self, ids: list[int], now: datetime) -> None:
        with self.store.session() as session:
            session.execute(update(DeliveryRow).where(DeliveryRow.id.in_(ids))
                            .values(status="sent", sent_at=now, lease_owner=None, lease_until=None, last_error=None)
                            .execution_options(synchronize_session=False))

    def _release(self, ids: list[int]) -> None:
        with self.store.session() as session:
            session.execute(update(DeliveryRow).where(DeliveryRow.id.in_(ids), DeliveryRow.lease_owner == self.owner)
                            .values(lease_owner=None, lease_until=None).execution_options(synchronize_session=False))

    def _failed(self, ids: list[int], exc: NotifyError, now: datetime) -> int:
        """Reschedule or park; returns how many rows were parked."""
        d = self.settings.delivery
        parked = 0
        with self.store.session() as session:
            for row in session.scalars(select(DeliveryRow).where(DeliveryRow.id.in_(ids))):
                row.attempts += 1
                row.last_error = str(exc)[:500]
                row.lease_owner, row.lease_until = None, None
                if not exc.retryable or row.attempts >= d.max_attempts:
                    row.status = "parked"
                    parked += 1
                    why = str(exc) if not exc.retryable else f"gave up after {row.attempts} attempts: {exc}"
                    if row.destination != d.admin_route:
                        enqueue_notice(session, self.settings, f"A message to {row.destination} was parked: {why}",
                                       now, key=f"parked:{row.destination}:{why}")
                    continue
                delay = backoff(row.attempts, self.settings, row.id)
                if exc.retry_after is not None:
                    delay = max(min(exc.retry_after, d.max_retry_after), 1.0)
                row.next_attempt_at = now + timedelta(seconds=delay)
        return parked


def _scheme(destination: str) -> str:
    return destination.split(":", 1)[0]
