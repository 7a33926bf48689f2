"""When each watch is checked next, and the claim/lease that keeps replicas from colliding.

Timing lives in the database (``next_check_at``), so a restart loses nothing and an overdue
watch is checked once, then rescheduled from *now* (no catch-up storm). Jitter is derived
from the watch id, so a thousand watches with one interval spread out the same way every time.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from watcher.config import ScheduleSettings
from watcher.store.models import WatchRow


def spread(watch_id: int) -> float:
    """A stable number in [0, 1) for this watch."""
    return (zlib.crc32(str(watch_id).encode()) % 10007) / 10007


class _Scheduled(Protocol):
    """What a watch's interval depends on: its ORM row, or the plain row a pass claims."""

    @property
    def kind(self) -> str: ...
    @property
    def interval_seconds(self) -> float | None: ...


def interval_of(watch: _Scheduled, settings: ScheduleSettings) -> float:
    return watch.interval_seconds or settings.interval_for(watch.kind)


def next_check(watch_id: int, interval: float, settings: ScheduleSettings, now: datetime) -> datetime:
    """The next check of a healthy watch: one interval on, give or take its stable jitter."""
    factor = 1 + settings.jitter * (2 * spread(watch_id) - 1)
    return now + timedelta(seconds=interval * factor)


def backoff_seconds(failures: int, settings: ScheduleSettings) -> float:
    """Exponential from ``backoff_base``, capped at ``backoff_max``; never given up."""
    exponent = min(max(failures - 1, 0), 30)
    return float(min(settings.backoff_max, settings.backoff_base * 2**exponent))


def next_after_failure(watch: WatchRow, settings: ScheduleSettings, now: datetime,
                       retry_after: float | None = None) -> datetime:
    delay = backoff_seconds(watch.failures, settings) * (1 + settings.jitter * spread(watch.id))
    delay = min(delay, max(interval_of(watch, settings), settings.backoff_base) * 4, settings.backoff_max)
    if retry_after is not None:
        delay = max(retry_after, min(delay, settings.backoff_base))
    return now + timedelta(seconds=delay)


def claim_due(session: Session, *, now: datetime, owner: str, lease: float, limit: int,
              ids: Sequence[int] | None = None, kinds: Sequence[str] | None = None,
              force: bool = False) -> list[int]:
    """Lease up to ``limit`` due watches for ``owner``; returns the ids this caller now holds.

    PostgreSQL: ``FOR UPDATE SKIP LOCKED`` lets replicas take disjoint batches. SQLite: the
    transaction is BEGIN IMMEDIATE, so claims are serialised. Either way the UPDATE is
    conditional on the lease being free, so a watch is never held by two owners.
    """
    free = or_(WatchRow.lease_until.is_(None), WatchRow.lease_until < now)
    query = select(WatchRow.id).where(WatchRow.enabled.is_(True), free)
    if not force:
        query = query.where(WatchRow.next_check_at <= now)
    if ids is not None:
        query = query.where(WatchRow.id.in_(list(ids)))
    if kinds:
        query = query.where(WatchRow.kind.in_(list(kinds)))
    query = query.order_by(WatchRow.next_check_at, WatchRow.id).limit(limit).with_for_update(skip_locked=True)
    candidates = list(session.scalars(query))
    if not candidates:
        return []
    session.execute(
        update(WatchRow).where(WatchRow.id.in_(candidates), free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease))
        .execution_options(synchronize_session=False)
    )
    return list(session.scalars(select(WatchRow.id).where(WatchRow.id.in_(candidates),
                                                         WatchRow.lease_owner == owner)))


def release(session: Session, watch_ids: Sequence[int], owner: str) -> None:
    """Give back leases this owner still holds (a clean shutdown)."""
    if watch_ids:
        session.execute(
            update(WatchRow).where(WatchRow.id.in_(list(watch_ids)), WatchRow.lease_owner == owner)
            .values(lease_owner=None, lease_until=None).execution_options(synchronize_session=False)
        )
