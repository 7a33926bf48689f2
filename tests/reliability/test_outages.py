"""Outages and slowness: a source down for days, a database locked or full."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import event, select

from rules.loader import rules_from_settings
from tests.conftest import make_settings, rss
from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.demo.sinks import MailSink
from watcher.fetch import Fetcher
from watcher.notify.email import EmailNotifier
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.pipeline.deliver import Deliverer
from watcher.store.db import Store
from watcher.store.models import WatchRow
from watcher.watches import WatchSpec


@pytest.fixture
def mail() -> Iterator[MailSink]:
    sink = MailSink().start()
    yield sink
    sink.stop()


def checker_pass(store: Store, settings: Settings, clock: FakeClock, force: bool = False) -> list[CheckOutcome]:
    async def main() -> list[CheckOutcome]:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            return await Checker(store, settings, fetcher, clock, "o", rules_from_settings(settings)).run_pass(
                force=force)
    return asyncio.run(main())


def test_a_source_down_for_days_is_probed_with_capped_backoff_and_reported_broken_and_recovered_once(
        store: Store, tmp_path: Path, clock: FakeClock, httpserver: HTTPServer, mail: MailSink) -> None:
    settings = make_settings(tmp_path, schedule={"backoff_base": 300, "backoff_max": 7200, "broken_after": 3,
                                                 "intervals": {"news": 3600}},
                             email={"host": "127.0.0.1", "port": mail.port, "security": "none"},
                             delivery={"admin_route": "email:ops@seller.example"})
    down = {"value": True}

    def handler(request: Any) -> Any:
        from werkzeug import Response
        if down["value"]:
            return Response("maintenance", status=503)
        return Response(rss([("1", "Acme Robotics news", clock.now())]), content_type="application/rss+xml")

    httpserver.expect_request("/feed").respond_with_handler(handler)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="news", target=httpserver.url_for("/feed"), options={"own": True})])
    deliverer = Deliverer(store, settings, {"email": EmailNotifier(settings, {})}, clock, "o")
    gaps: list[float] = []

    async def days(steps: int) -> None:
        last = clock.now()
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            checker = Checker(store, settings, fetcher, clock, "o", rules_from_settings(settings))
            for _ in range(steps):
                if await checker.run_pass():
                    gaps.append((clock.now() - last).total_seconds())
                    last = clock.now()
                await deliverer.flush()
                clock.advance(minutes=30)

    asyncio.run(days(24 * 2 * 3))  # three days down, looked at every 30 minutes
    assert max(gaps) <= 7200 * 1.2 + 1800 and len(gaps) >= 30  # capped backoff: probed all along
    down["value"] = False
    asyncio.run(days(6))
    subjects = [m["Subject"] for _, m in mail.messages]
    assert sum(s.startswith("Broken:") for s in subjects) == 1
    assert sum(s.startswith("Recovered:") for s in subjects) == 1
    with store.session() as session:
        watch = session.scalars(select(WatchRow)).one()
    assert watch.failures == 0 and watch.broken_reported is False


def test_a_database_locked_by_another_process_for_ten_seconds_delays_writes_and_loses_nothing(
        tmp_path: Path, clock: FakeClock, httpserver: HTTPServer) -> None:
    settings = make_settings(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    httpserver.expect_request("/feed").respond_with_data(rss([("1", "Acme Robotics news", clock.now())]))
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="news", target=httpserver.url_for("/feed"), options={"own": True})])
    locked = threading.Event()

    def hold_lock() -> None:
        other = sqlite3.connect(tmp_path / "w.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked.set()
        time.sleep(10)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait(5)
    started = time.monotonic()
    outcomes = checker_pass(store, settings, clock, force=True)
    holder.join()
    assert time.monotonic() - started >= 9  # it waited for the lock instead of failing
    assert [o.verb for o in outcomes] == ["baseline"]
    db = sqlite3.connect(tmp_path / "w.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    db.close()
    store.dispose()


def test_a_full_disk_stops_writes_with_a_clear_error_and_resumes_with_nothing_corrupted(
        tmp_path: Path, clock: FakeClock, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    settings = make_settings(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    feeds = [httpserver.url_for(f"/feed/{i}") for i in range(5)]
    for i in range(5):
        httpserver.expect_request(f"/feed/{i}").respond_with_data(
            rss([(f"{i}-{n}", f"Acme Robotics story {i}-{n} " + "x" * 3000, clock.now()) for n in range(40)]))
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="news", target=u, options={"own": True}) for u in feeds])
    pages = sqlite3.connect(tmp_path / "w.db").execute("pragma page_count").fetchone()[0]

    def full(conn: Any, _: Any) -> None:
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    store.engine.dispose()
    event.listen(store.engine, "connect", full)
    outcomes = checker_pass(store, settings, clock, force=True)
    assert all(o.verb == "error" and "full" in (o.error or "") for o in outcomes), outcomes
    assert "database or disk is full" in caplog.text
    event.remove(store.engine, "connect", full)
    store.engine.dispose()
    clock.advance(minutes=20)  # the leases of the failed checks have run out
    outcomes = checker_pass(store, settings, clock, force=True)
    assert [o.verb for o in outcomes] == ["baseline"] * 5
    db = sqlite3.connect(tmp_path / "w.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from seen_items").fetchone()[0] == 200
    db.close()
    store.dispose()


def test_a_feed_quiet_for_months_keeps_its_ids_through_retention_and_still_reports_the_next_item(
        store: Store, tmp_path: Path, clock: FakeClock, httpserver: HTTPServer) -> None:
    """Found by bench/soak.py: a source answering 304 never refreshed its ids, retention forgot them, and the
    next real item arrived among "new" old ids, was taken for a redesign, and was never reported."""
    from werkzeug import Response

    from watcher.retention import prune

    settings = make_settings(tmp_path, database={"retention": "7d"}, schedule={"intervals": {"news": 86400}})
    items = [(f"id-{n}", f"Acme Robotics story {n}", clock.now()) for n in range(10)]

    def handler(request: Any) -> Any:
        body = rss(items)
        tag = f'"{len(items)}"'
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        return Response(body, content_type="application/rss+xml", headers={"ETag": tag})

    httpserver.expect_request("/feed").respond_with_handler(handler)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="news", target=httpserver.url_for("/feed"), options={"own": True})])
    checker_pass(store, settings, clock, force=True)
    for _ in range(30):  # a month of 304s, with the daily retention job
        clock.advance(days=1)
        assert [o.verb for o in checker_pass(store, settings, clock, force=True)] == ["unchanged"]
        with store.session() as session:
            prune(session, now=clock.now(), keep_for=settings.database.retention)
    items.insert(0, ("id-new", "Acme Robotics opens a Berlin office", clock.now()))
    outcome, = checker_pass(store, settings, clock, force=True)
    assert outcome.verb == "new" and [s.title for s in outcome.signals] == ["Acme Robotics opens a Berlin office"]
