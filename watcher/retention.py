"""Keep the database bounded: forget old seen-item ids and old snapshots (never the latest)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session

from watcher.store.models import SeenItemRow, SnapshotRow


def prune(session: Session, *, now: datetime, keep_for: float) -> dict[str, int]:
    """Delete rows older than ``keep_for`` seconds; returns how many of each were removed."""
    cutoff = now - timedelta(seconds=keep_for)
    seen = session.execute(delete(SeenItemRow).where(SeenItemRow.last_seen_at < cutoff))
    # Keep each watch's latest version, and the rows that hold a body some kept row still points to.
    latest = select(func.max(SnapshotRow.id)).group_by(SnapshotRow.watch_id).scalar_subquery()
    old = SnapshotRow.created_at < cutoff
    kept = select(SnapshotRow.watch_id, SnapshotRow.content_hash).where(~old | SnapshotRow.id.in_(latest))
    snaps = session.execute(
        delete(SnapshotRow).where(old, SnapshotRow.id.not_in(latest),
                                  tuple_(SnapshotRow.watch_id, SnapshotRow.content_hash).not_in(kept)
                                  | SnapshotRow.body.is_(None))
    )
    return {"seen_items": seen.rowcount or 0, "snapshots": snaps.rowcount or 0}  # type: ignore[attr-defined]
