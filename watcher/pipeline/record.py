"""Store signals: one row per dedup key; a later report of the same event merges into it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from watcher.domain import Signal
from watcher.store.models import SignalRow


def _source_entry(signal: Signal) -> dict[str, Any]:
    return {"url": signal.url, "source": signal.source, "title": signal.title,
            "seen_at": signal.detected_at.isoformat()}


def _merge(row: SignalRow, signal: Signal) -> None:
    if signal.url and all(s.get("url") != signal.url for s in row.sources):
        row.sources = [*row.sources, _source_entry(signal)]
    missing = {k: v for k, v in signal.facts.items() if row.facts.get(k) in (None, "", []) and v not in (None, "", [])}
    if missing:
        row.facts = {**row.facts, **missing}


def record_signal(session: Session, signal: Signal, *, account_id: int | None,
                  watch_id: int | None) -> tuple[SignalRow, bool]:
    """Insert ``signal`` or merge it into the stored one with the same dedup key; True when new."""
    row = session.scalars(select(SignalRow).where(SignalRow.dedup_key == signal.dedup_key)).first()
    if row is not None:
        _merge(row, signal)
        return row, False
    row = SignalRow(
        dedup_key=signal.dedup_key, kind=signal.kind, account_id=account_id, watch_id=watch_id,
        title=signal.title, url=signal.url, occurred_at=signal.occurred_at, detected_at=signal.detected_at,
        source=signal.source, facts=dict(signal.facts), evidence=signal.evidence,
        sources=[_source_entry(signal)],
    )
    try:
        with session.begin_nested():  # another replica may store the same event at the same moment
            session.add(row)
            session.flush()
    except IntegrityError:
        row = session.scalars(select(SignalRow).where(SignalRow.dedup_key == signal.dedup_key)).one()
        _merge(row, signal)
        return row, False
    return row, True
