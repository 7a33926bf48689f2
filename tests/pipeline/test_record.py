"""Storing signals: one row per event; a later report merges into it, and only its own watch's tally replaces it."""

from __future__ import annotations

from sqlalchemy import select

from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.domain import Signal
from watcher.pipeline.record import record_signal
from watcher.store.db import Store
from watcher.store.models import WatchRow
from watcher.watches import WatchSpec


def surge(count: int, clock: FakeClock, *, source: str = "greenhouse") -> Signal:
    return Signal(kind="key_hire", account="Acme Robotics", account_domain="acme.io",
                  title=f"Acme Robotics is hiring fast in Sales: {count} roles opened in 7 days", url=None,
                  occurred_at=clock.now(), detected_at=clock.now(), source=source,
                  dedup_key="key_hire:acme.io:surge:sales",
                  facts={"event": "surge", "count": count, "ats": source}, evidence=f"{count} roles")


def test_only_the_same_watchs_later_tally_replaces_the_stored_one(
        store: Store, settings: Settings, clock: FakeClock) -> None:
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
