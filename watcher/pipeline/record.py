"""Store signals: one row per dedup key; a later report of the same event merges into it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from watcher.domain import Signal
from watcher.store.models import SignalRow


def _source_entry(signal: Signal) -> dict[str, Any]:
    return {"url": signal.url, "source": signal.source, "title": signal.title,
            "seen_at": signal.detected_at.isoformat()}


def _merge(row: SignalRow, signal: Signal, supersede: bool, watch_id: int | None) -> None:
    if signal.url and all(s.get("url") != signal.url for s in row.sources):
        row.sources = [*row.sources, _source_entry(signal)]
    if supersede and row.watch_id == watch_id:  # the same watch's later tally; first detection stays as it was
        row.title, row.facts, row.evidence = signal.title, dict(signal.facts), signal.evidence
        row.occurred_at = signal.occurred_at or row.occurred_at
        return
    missing = {k: v for k, v in signal.facts.items() if row.facts.get(k) in (None, "", []) and v not in (None, "", [])}
    if missing:
        row.facts = {**row.facts, **missing}


def _latest(session: Session, base: str) -> SignalRow | None:
    return session.scalars(select(SignalRow).where(SignalRow.dedup_base == base)
                           .order_by(SignalRow.detected_at.desc(), SignalRow.id.desc()).limit(1)).first()


def record_signal(session: Session, signal: Signal, *, account_id: int | None, watch_id: int | None,
                  window: timedelta | None = None, supersede: bool = False) -> tuple[SignalRow, bool]:
    """Insert ``signal`` or merge it into the stored event with the same dedup key; True when new.

    With a ``window``, a stored event older than the window does not absorb the signal: the same
    key then names a new event (a role re-opened months later), stored under a dated key. With
    ``supersede``, a merge of the same watch's report replaces the stored title, facts and evidence (see
    Source.supersedes); another watch's report of the event only fills gaps.
    """
    row = _latest(session, signal.dedup_key)
    if row is not None and (window is None or row.detected_at >= signal.detected_at - window):
        _merge(row, signal, supersede, watch_id)
        return row, False
    key = signal.dedup_key if row is None else f"{signal.dedup_key}@{signal.detected_at:%Y%m%dT%H%M%S}"
    row = SignalRow(
        dedup_key=key, dedup_base=signal.dedup_key, kind=signal.kind, account_id=account_id, watch_id=watch_id,
        title=signal.title, url=signal.url, occurred_at=signal.occurred_at, detected_at=signal.detected_at,
        source=signal.source, facts=dict(signal.facts), evidence=signal.evidence,
        sources=[_source_entry(signal)],
    )
    try:
        with session.begin_nested():  # another replica may store the same event at the same moment
            session.add(row)
            session.flush()
    except IntegrityError:
        row = session.scalars(select(SignalRow).where(SignalRow.dedup_key == key)).one()
        _merge(row, signal, supersede, watch_id)
        return row, False
    return row, True
