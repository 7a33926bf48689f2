"""Storing signals: one row per event; a later report merges into it, and only its own watch's tally replaces it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.domain import Signal
from watcher.pipeline.record import record_signal
from watcher.store.db import Store
from watcher.store.models import SignalRow, WatchRow
from watcher.watches import WatchSpec


@pytest.fixture(params=["upsert", "savepoint"])
def inserts(request: pytest.FixtureRequest, store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a new row goes in: one INSERT … ON CONFLICT DO NOTHING RETURNING, and, where the database
    cannot return from an INSERT (SQLite before 3.35), a plain INSERT in a SAVEPOINT."""
    if request.param == "savepoint":
        monkeypatch.setattr(store.engine.dialect, "insert_returning", False)
    return str(request.param)


def surge(count: int, clock: FakeClock, *, source: str = "greenhouse") -> Signal:
    return Signal(kind="key_hire", account="Acme Robotics", account_domain="acme.io",
                  title=f"Acme Robotics is hiring fast in Sales: {count} roles opened in 7 days", url=None,
                  occurred_at=clock.now(), detected_at=clock.now(), source=source,
                  dedup_key="key_hire:acme.io:surge:sales",
                  facts={"event": "surge", "count": count, "ats": source}, evidence=f"{count} roles")


def test_only_the_same_watchs_later_tally_replaces_the_stored_one(
        store: Store, settings: Settings, clock: FakeClock, inserts: str) -> None:
    with store.session() as session:
        follow(session, "acme.io", name="Acme Robotics", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="greenhouse", target="acme"), WatchSpec(kind="lever", target="acme")])
    with store.session() as session:
        board, other = session.scalars(select(WatchRow.id).order_by(WatchRow.id)).all()
        row, created = record_signal(session, surge(5, clock), account_id=None, watch_id=board, supersede=True)
        assert created
        clock.advance(hours=6)
        _, created = record_signal(session, surge(7, clock), account_id=None, watch_id=board, supersede=True)
        assert not created and (row.title, row.facts["count"], row.evidence) == (
            "Acme Robotics is hiring fast in Sales: 7 roles opened in 7 days", 7, "7 roles")
        _, created = record_signal(session, surge(2, clock, source="lever"), account_id=None, watch_id=other,
                                   supersede=True)
        assert not created and (row.facts["count"], row.facts["ats"]) == (7, "greenhouse")  # fills gaps only


def test_a_key_stored_between_the_read_and_the_insert_is_merged_into(
        store: Store, clock: FakeClock, inserts: str) -> None:
    """Another replica may store the same event after this one looked for it: the INSERT then does nothing and
    the stored row absorbs the report (staged here as a row with the key that the look-up by base misses)."""
    signal = surge(5, clock)
    with store.session() as session:
        session.add(SignalRow(dedup_key=signal.dedup_key, dedup_base="stored:elsewhere", kind="key_hire",
                              account_id=None, watch_id=None, title="stored by the other replica", url=None,
                              occurred_at=None, detected_at=clock.now(), source="greenhouse",
                              facts={"event": "surge"}, evidence="", sources=[]))
    with store.session() as session:
        row, created = record_signal(session, signal, account_id=None, watch_id=None)
        assert not created and row.title == "stored by the other replica" and row.facts["count"] == 5
    with store.session() as session:
        stored = session.scalars(select(SignalRow)).all()
        assert [(r.dedup_key, r.facts) for r in stored] == [(signal.dedup_key, {"event": "surge", "count": 5,
                                                                                 "ats": "greenhouse"})]


def test_a_new_row_is_the_sessions_own(store: Store, clock: FakeClock, inserts: str) -> None:
    """The row a new event returns is the one the session holds: a later merge in the same transaction
    changes it, and it is stored as merged."""
    with store.session() as session:
        row, created = record_signal(session, surge(5, clock), account_id=None, watch_id=None)
        assert created and row.id is not None
        clock.advance(hours=1)
        again, created = record_signal(session, surge(6, clock, source="lever"), account_id=None, watch_id=None)
        assert not created and again is row
    with store.session() as session:
        stored = session.scalars(select(SignalRow)).one()
        assert stored.facts["count"] == 5 and [s["source"] for s in stored.sources] == ["greenhouse"]


def test_a_signal_the_session_holds_unflushed_is_seen(store: Store, clock: FakeClock, inserts: str) -> None:
    signal = surge(5, clock)
    with store.session() as session:
        session.add(SignalRow(dedup_key=signal.dedup_key, dedup_base=signal.dedup_key, kind="key_hire",
                              account_id=None, watch_id=None, title="added, not flushed", url=None, occurred_at=None,
                              detected_at=clock.now(), source="greenhouse", facts={}, evidence="", sources=[]))
        row, created = record_signal(session, signal, account_id=None, watch_id=None)
        assert not created and row.title == "added, not flushed"


def test_an_insert_that_fails_on_another_constraint_says_so(store: Store, clock: FakeClock, inserts: str) -> None:
    """Only a key stored already is merged into; an account deleted meanwhile is the database error it is."""
    with pytest.raises(IntegrityError), store.session() as session:
        record_signal(session, surge(5, clock), account_id=999, watch_id=None)
