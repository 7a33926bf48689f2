"""Store signals: one row per dedup key; a later report of the same event merges into it."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

from sqlalchemy import Insert, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient_to_detached

from watcher.domain import Signal
from watcher.store.models import SignalRow

SIGNALS = SignalRow.metadata.tables["signals"]
# The newest stored event of a dedup key (its first key, or a dated one after its window).
LATEST = (select(SIGNALS.c.id, SIGNALS.c.detected_at).where(SIGNALS.c.dedup_base == bindparam("base"))
          .order_by(SIGNALS.c.detected_at.desc(), SIGNALS.c.id.desc()).limit(1))


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


@functools.cache
def _upsert(dialect: str) -> Insert:
    """INSERT … ON CONFLICT (dedup_key) DO NOTHING RETURNING id, in the database's dialect (built once)."""
    upsert = pg_insert if dialect == "postgresql" else sqlite_insert
    return upsert(SIGNALS).on_conflict_do_nothing(index_elements=[SIGNALS.c.dedup_key]).returning(SIGNALS.c.id)


def _inserted(session: Session, values: dict[str, Any]) -> int | None:
    """The new row's id, or None when the key is stored already (by another replica, at the same moment).

    One statement on PostgreSQL and on SQLite from 3.35 (RETURNING); elsewhere (an older SQLite, another
    database) a plain INSERT in a SAVEPOINT whose unique-key failure is caught."""
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name in ("sqlite", "postgresql") and dialect.insert_returning:
        signal_id: int | None = conn.execute(_upsert(dialect.name), values).scalar()
        return signal_id
    session.flush()  # the session's own changes, whose failure is theirs, not a key stored already
    try:
        with session.begin_nested():  # (its connection asked for inside: that is what emits the SAVEPOINT)
            key = session.connection().execute(insert(SIGNALS), values).inserted_primary_key
    except IntegrityError:
        stored = session.connection().execute(select(SIGNALS.c.id).where(SIGNALS.c.dedup_key == values["dedup_key"]))
        if stored.first() is None:  # another constraint failed (an account deleted meanwhile): say so
            raise
        return None
    assert key is not None  # an INSERT of one row
    return int(key[0])


def _stored(session: Session, signal_id: int) -> SignalRow:
    row = session.get(SignalRow, signal_id)
    assert row is not None  # read in this transaction
    return row


def record_signal(session: Session, signal: Signal, *, account_id: int | None, watch_id: int | None,
                  window: timedelta | None = None, supersede: bool = False) -> tuple[SignalRow, bool]:
    """Insert ``signal`` or merge it into the stored event with the same dedup key; True when new.

    With a ``window``, a stored event older than the window does not absorb the signal: the same
    key then names a new event (a role re-opened months later), stored under a dated key. With
    ``supersede``, a merge of the same watch's report replaces the stored title, facts and evidence (see
    Source.supersedes); another watch's report of the event only fills gaps.

    A new event is one INSERT that does nothing on a conflicting key (another replica stored the same event at
    the same moment: it is merged into instead). Its row is put in the session as if it had been loaded, without
    reading it back: so it must not be recorded inside a SAVEPOINT that may roll back (the session would keep a
    row the database lost); the checker records in the check's own transaction.
    """
    if session.new:  # signals added through the ORM and not flushed: the statements below would not see them
        session.flush()
    conn = session.connection()
    latest = conn.execute(LATEST, {"base": signal.dedup_key}).first()
    if latest is not None and (window is None or latest.detected_at >= signal.detected_at - window):
        row = _stored(session, latest.id)
        _merge(row, signal, supersede, watch_id)
        return row, False
    key = signal.dedup_key if latest is None else f"{signal.dedup_key}@{signal.detected_at:%Y%m%dT%H%M%S}"
    values: dict[str, Any] = {
        "dedup_key": key, "dedup_base": signal.dedup_key, "kind": signal.kind, "account_id": account_id,
        "watch_id": watch_id, "title": signal.title, "url": signal.url, "occurred_at": signal.occurred_at,
        "detected_at": signal.detected_at, "source": signal.source, "facts": dict(signal.facts),
        "evidence": signal.evidence, "sources": [_source_entry(signal)]}
    signal_id = _inserted(session, values)
    if signal_id is None:
        row = session.scalars(select(SignalRow).where(SignalRow.dedup_key == key)).one()
        _merge(row, signal, supersede, watch_id)
        return row, False
    row = SignalRow(id=signal_id, **values)
    make_transient_to_detached(row)
    session.add(row)
    return row, True
