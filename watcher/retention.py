"""Keep the database bounded: forget old seen-item ids and old snapshots (never the latest)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from watcher.store.models import SeenItemRow, SnapshotRow


def prune(session: Session, *, now: datetime, keep_for: float) -> dict[str, int]:
    """Delete rows older than ``keep_for`` seconds; returns how many of each were removed."""
    cutoff = now - timedelta(seconds=keep_for)
    seen = session.execute(delete(SeenItemRow).where(SeenItemRow.last_seen_at < cutoff))
    latest = select(func.max(SnapshotRow.id)).group_by(SnapshotRow.watch_id).scalar_subquery()
    snaps = session.execute(
        delete(SnapshotRow).where(SnapshotRow.created_at < cutoff, SnapshotRow.id.not_in(latest))
    )
    return {"seen_items": seen.rowcount or 0, "snapshots": snaps.rowcount or 0}  # type: ignore[attr-defined]
