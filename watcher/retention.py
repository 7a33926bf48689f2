"""Keep the database bounded: forget what is older than ``[database] retention``.

Seen-item ids are forgotten once they have been gone from their source for that long (an id still
published is kept however old, or it would come back as "new"); snapshots older than that except each
watch's latest; delivered and parked messages, decisions and digest records. Signals themselves are
the team's history and are kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.orm import Session

from watcher.store.models import DecisionRow, DeliveryRow, DigestRunRow, SeenItemRow, SnapshotRow


def prune(session: Session, *, now: datetime, keep_for: float) -> dict[str, int]:
    """Delete rows older than ``keep_for`` seconds; returns how many of each were removed."""
    cutoff = now - timedelta(seconds=keep_for)
    seen = session.execute(delete(SeenItemRow).where(SeenItemRow.gone_at.is_not(None),
                                                     SeenItemRow.gone_at < cutoff))
    # Keep each watch's latest version, and the rows that hold a body some kept row still points to.
    latest = select(func.max(SnapshotRow.id)).group_by(SnapshotRow.watch_id).scalar_subquery()
    old = SnapshotRow.created_at < cutoff
    kept = select(SnapshotRow.watch_id, SnapshotRow.content_hash).where(~old | SnapshotRow.id.in_(latest))
    snaps = session.execute(
        delete(SnapshotRow).where(old, SnapshotRow.id.not_in(latest),
                                  tuple_(SnapshotRow.watch_id, SnapshotRow.content_hash).not_in(kept)
                                  | SnapshotRow.body.is_(None))
    )
    sent = session.execute(delete(DeliveryRow).where(DeliveryRow.status.in_(("sent", "parked", "digest")),
                                                     DeliveryRow.created_at < cutoff))
    decisions = session.execute(delete(DecisionRow).where(DecisionRow.created_at < cutoff))
    digests = session.execute(delete(DigestRunRow).where(DigestRunRow.created_at < cutoff))
    return {"seen_items": seen.rowcount, "snapshots": snaps.rowcount,  # type: ignore[attr-defined]
            "deliveries": sent.rowcount, "decisions": decisions.rowcount,  # type: ignore[attr-defined]
            "digest_runs": digests.rowcount}  # type: ignore[attr-defined]
