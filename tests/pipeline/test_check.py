"""The check path end to end: local HTTP server → fetch → parse → detect → interpret → store."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import threading
from collections.abc import Callable, Mapping
from datetime import timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, update
from werkzeug import Request, Response

from tests.conftest import make_settings
from tests.servers import hanging_server
from watcher import registry
from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.domain import Item, Observation, WatchContext
from watcher.fetch import Fetcher
from watcher.pipeline import skim
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.sourcekind import Source
from watcher.store.db import Store
from watcher.store.models import SignalRow, WatchRow
from watcher.watches import WatchSpec, sync_config_feeds

Rss = Callable[..., str]


def add_account(store: Store, settings: Settings, clock: FakeClock, domain: str, name: str,
                feeds: list[str], own: bool = True) -> None:
    with store.session() as session:
        follow(session, domain, name=name, now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="news", target=u, options={"own": own}) for u in feeds])


def run_pass(store: Store, settings: Settings, clock: FakeClock, **kw: Any) -> list[CheckOutcome]:
    async def main() -> list[CheckOutcome]:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            return await Checker(store, settings, fetcher, clock, "test-owner").run_pass(force=True, **kw)
    return asyncio.run(main())


def follow_pricing_page(store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer,
                        handler: Callable[[Request], Response]) -> None:
    """Acme follows a pricing page served by ``handler`` (robots.txt allows all)."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_handler(handler)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="pricing_page", target=httpserver.url_for("/pricing"))])


def signals(store: Store) -> list[SignalRow]:
    with store.session() as session:
        return list(session.scalars(select(SignalRow).order_by(SignalRow.id)))


def watch(store: Store, watch_id: int | None = None) -> WatchRow:
    with store.session() as session:
        query = select(WatchRow).order_by(WatchRow.id)
        return session.scalars(query.where(WatchRow.id == watch_id) if watch_id else query).first()  # type: ignore[return-value]


def test_first_check_is_a_silent_baseline_then_only_new_items_alert(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    old = [("a1", "Acme Robotics opens office", clock.now() - timedelta(days=30))]
    httpserver.expect_request("/feed").respond_with_data(make_rss(old), content_type="application/rss+xml")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])

    assert [o.verb for o in run_pass(store, settings, clock)] == ["baseline"]
    assert signals(store) == []

    clock.advance(hours=2)
    new = [("a2", "Acme Robotics ships Fleet", clock.now()), *old]
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(make_rss(new), content_type="application/rss+xml")
    outcomes = run_pass(store, settings, clock)
    assert [o.verb for o in outcomes] == ["new"]
    stored = signals(store)
    assert [(s.kind, s.title) for s in stored] == [("news", "Acme Robotics ships Fleet")]
    assert stored[0].account_id is not None

    clock.advance(hours=2)
    assert [o.verb for o in run_pass(store, settings, clock)] == ["unchanged"]
    assert len(signals(store)) == 1


def test_an_item_dated_decades_ahead_is_reported_as_undated(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    """feedparser reads RFC 822's two-digit "70" (the Unix epoch, a CMS's empty date) as 2070: no item is
    published in the future, so it is reported as an undated one, found now; a date an hour ahead (a clock a
    little fast) is kept."""
    old = [("a1", "Acme Robotics opens office", clock.now() - timedelta(days=30))]
    httpserver.expect_request("/feed").respond_with_data(make_rss(old), content_type="application/rss+xml")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    assert [o.verb for o in run_pass(store, settings, clock)] == ["baseline"]

    clock.advance(hours=2)
    soon = clock.now() + timedelta(hours=1)
    feed = make_rss([("a3", "Acme Robotics hires a CFO", soon), ("a2", "Acme Robotics ships Fleet", clock.now()),
                     *old]).replace(format_datetime(clock.now()), "Thu, 01 Jan 70 00:00:00 +0000")
    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(feed, content_type="application/rss+xml")
    assert [o.verb for o in run_pass(store, settings, clock)] == ["new"]
    dates = {s.title: s.occurred_at and s.occurred_at.replace(tzinfo=None) for s in signals(store)}
    assert dates == {"Acme Robotics ships Fleet": None, "Acme Robotics hires a CFO": soon.replace(tzinfo=None)}


def test_not_modified_is_a_healthy_unchanged_that_skips_parsing(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    body = make_rss([("a1", "Acme Robotics news", clock.now())])
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/feed").respond_with_handler(handler)
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    run_pass(store, settings, clock)
    clock.advance(hours=1)
    outcomes = run_pass(store, settings, clock)
    assert seen == [None, '"v1"']
    assert [(o.verb, o.error) for o in outcomes] == [("unchanged", None)]
    w = watch(store)
    assert (w.failures, w.checks, w.etag) == (0, 2, '"v1"')



def test_a_check_logs_one_line_that_holds_its_fetch_without_the_query(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss,
        caplog: pytest.LogCaptureFixture) -> None:
    httpserver.expect_request("/feed").respond_with_data(make_rss([("a1", "Acme Robotics news", clock.now())]),
                                                         content_type="application/rss+xml")
    httpserver.expect_request("/gone").respond_with_data("no", status=503)
    url = httpserver.url_for("/feed")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [f"{url}?key=s3cret", httpserver.url_for("/gone")])
    with caplog.at_level(logging.INFO):
        run_pass(store, settings, clock)
    info = [r for r in caplog.records if r.levelno == logging.INFO and r.name.startswith("watcher")]
    assert [r.getMessage() for r in info if r.name == "watcher.fetch"] == []  # the check's line holds its fetch
    lines = sorted(r.getMessage() for r in info if r.getMessage().startswith("check "))
    assert len(lines) == 2, lines
    assert re.fullmatch(rf"check watch=\d+ kind=news account=acme\.io verb=baseline signals=0 ms=\d+ "
                        rf"GET {re.escape(url)} -> 200 \d+ bytes \d+ ms", lines[0]), lines[0]
    assert re.fullmatch(rf"check watch=\d+ kind=news account=acme\.io verb=error signals=0 ms=\d+ "
                        rf"GET {re.escape(httpserver.url_for('/gone'))} -> http_status 503 error=.*503.*", lines[1]), \
        lines[1]
    assert not any("s3cret" in r.getMessage() for r in caplog.records if r.name.startswith("watcher"))




class PagedList(Source):
    """An item listing in pages of JSON: {"ids": [...], "next": url}."""

    family = "items"

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        answer = json.loads(body)
        return Observation(items=tuple(Item(id=i, title=i) for i in answer["ids"]), next_page=answer.get("next"))


def test_a_check_cancelled_at_shutdown_still_logs_its_fetch(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer,
        caplog: pytest.LogCaptureFixture) -> None:
    registry.register_source("test_paged")(PagedList)
    asked, release = threading.Event(), threading.Event()

    def second_page(request: Request) -> Response:  # hangs until the test ends
        asked.set()
        release.wait(10)
        return Response("{}")

    httpserver.expect_request("/p1").respond_with_json({"ids": ["a"], "next": httpserver.url_for("/p2")})
    httpserver.expect_request("/p2").respond_with_handler(second_page)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="test_paged", target=httpserver.url_for("/p1"))])

    async def main() -> None:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            task = asyncio.create_task(Checker(store, settings, fetcher, clock, "o").run_pass(force=True))
            await asyncio.to_thread(asked.wait, 10)
            task.cancel()  # as the daemon does when its shutdown grace runs out
            with pytest.raises(asyncio.CancelledError):
                await task

    try:
        with caplog.at_level(logging.INFO):
            asyncio.run(main())
    finally:
        release.set()
        registry._SOURCES.pop("test_paged", None)
    lines = [r.getMessage() for r in caplog.records if r.name == "watcher.pipeline.check"]
    assert len(lines) == 1 and re.fullmatch(
        rf"check watch=\d+ kind=test_paged account=acme\.io verb=cancelled ms=\d+ "
        rf"GET {re.escape(httpserver.url_for('/p1'))} -> 200 \d+ bytes \d+ ms", lines[0]), lines


def _ledger_rows(store: Store) -> int:
    from watcher.store.models import SeenItemRow

    with store.session() as session:
        return len(list(session.scalars(select(SeenItemRow.id))))


def test_a_check_whose_lease_was_taken_over_during_its_fetch_stores_nothing(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    body = make_rss([("a1", "Acme Robotics news", clock.now())])

    def take_over(request: Request) -> Response:  # another replica claims the watch while this one fetches
        with store.session() as session:
            session.execute(update(WatchRow).values(lease_owner="other-replica"))
        return Response(body, content_type="application/rss+xml")

    httpserver.expect_request("/feed").respond_with_handler(take_over)
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    outcome, = run_pass(store, settings, clock)
    assert (outcome.verb, outcome.error) == ("unchanged", "lease lost; result dropped")
    w = watch(store)
    assert (w.checks, w.baselined, w.lease_owner, _ledger_rows(store)) == (0, False, "other-replica", 0)


def test_a_check_whose_lease_was_taken_over_inside_its_transaction_is_rolled_back(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch's UPDATE is guarded by the lease: on PostgreSQL another replica may take an expired lease over
    between the transaction's read of the watch and its write."""
    import watcher.pipeline.check as check_module

    original = check_module.apply_observation

    def taken_over_meanwhile(session: Any, *args: Any, **kwargs: Any) -> Any:
        applied = original(session, *args, **kwargs)
        session.execute(update(WatchRow).values(lease_owner="other-replica"))
        return applied

    monkeypatch.setattr(check_module, "apply_observation", taken_over_meanwhile)
    httpserver.expect_request("/feed").respond_with_data(make_rss([("a1", "Acme Robotics news", clock.now())]),
                                                         content_type="application/rss+xml")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    outcome, = run_pass(store, settings, clock)
    assert (outcome.verb, outcome.error) == ("unchanged", "lease lost; result dropped")
    w = watch(store)
    assert (w.checks, w.baselined, _ledger_rows(store)) == (0, False, 0)  # the whole transaction, rolled back


def test_a_feed_that_suddenly_returns_nothing_is_a_failure_not_removals(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    items = [("a1", "Acme Robotics one", clock.now()), ("a2", "Acme Robotics two", clock.now())]
    httpserver.expect_request("/feed").respond_with_data(make_rss(items), content_type="application/rss+xml")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    run_pass(store, settings, clock)

    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(make_rss([]), content_type="application/rss+xml")
    clock.advance(hours=1)
    outcome, = run_pass(store, settings, clock)
    assert outcome.verb == "error" and "returned no items" in (outcome.error or "")
    w = watch(store)
    assert w.failures == 1 and w.failing_since == clock.now() and w.item_count == 2

    # The feed comes back with the same two items plus one: only the new one alerts.
    httpserver.clear()
    items.insert(0, ("a3", "Acme Robotics three", clock.now()))
    httpserver.expect_request("/feed").respond_with_data(make_rss(items), content_type="application/rss+xml")
    clock.advance(hours=1)
    outcome, = run_pass(store, settings, clock)
    assert outcome.verb == "new" and [s.title for s in outcome.signals] == ["Acme Robotics three"]
    assert watch(store).failures == 0


def test_html_error_page_with_status_200_is_a_failure(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("<!DOCTYPE html><html><body>Maintenance</body></html>",
                                                         content_type="text/html")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    outcome, = run_pass(store, settings, clock)
    assert outcome.verb == "error" and "HTML page" in (outcome.error or "")
    assert not watch(store).baselined


def test_restart_between_two_checks_loses_nothing_and_alerts_nothing_twice(
        db_url: str, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    items = [("a1", "Acme Robotics one", clock.now())]
    httpserver.expect_request("/feed").respond_with_data(make_rss(items), content_type="application/rss+xml")
    first = Store(db_url)
    add_account(first, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    run_pass(first, settings, clock)
    first.dispose()

    httpserver.clear()
    items.insert(0, ("a2", "Acme Robotics two", clock.now()))
    httpserver.expect_request("/feed").respond_with_data(make_rss(items), content_type="application/rss+xml")
    for _ in range(3):  # three "restarts", each a fresh process-like store and checker
        clock.advance(hours=1)
        again = Store(db_url)
        run_pass(again, settings, clock)
        again.dispose()
    final = Store(db_url)
    assert [s.title for s in signals(final)] == ["Acme Robotics two"]
    final.dispose()


def test_one_hanging_source_does_not_delay_the_healthy_ones(
        store: Store, tmp_path: Any, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    settings = make_settings(tmp_path, fetch={"deadline": 1.5, "read_timeout": 1.5})
    httpserver.expect_request("/feed").respond_with_data(make_rss([("a", "Acme Robotics x", clock.now())]),
                                                         content_type="application/rss+xml")
    with hanging_server() as slow:
        feeds = [f"{httpserver.url_for('/feed')}?n={i}" for i in range(20)]
        add_account(store, settings, clock, "acme.io", "Acme Robotics", [f"{slow}/feed", *feeds])
        order: list[CheckOutcome] = []
        run_pass(store, settings, clock, on_outcome=order.append)
    assert len(order) == 21
    assert [o.verb for o in order[:20]] == ["baseline"] * 20
    assert order[-1].verb == "error" and "timed out" in (order[-1].error or "")


def test_failing_watch_backs_off_exponentially_is_never_given_up_and_reports_broken_once(
        store: Store, tmp_path: Any, clock: FakeClock, httpserver: HTTPServer) -> None:
    settings = make_settings(tmp_path, schedule={"backoff_base": 60, "backoff_max": 3600, "jitter": 0,
                                                 "broken_after": 3, "intervals": {"news": 86400}})
    httpserver.expect_request("/feed").respond_with_data("nope", status=500)
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    delays, notices = [], []
    for _ in range(10):
        outcome, = run_pass(store, settings, clock)
        notices.append(outcome.notice)
        w = watch(store)
        delays.append((w.next_check_at - clock.now()).total_seconds())
        clock.advance(seconds=delays[-1])
    assert delays[:7] == [60, 120, 240, 480, 960, 1920, 3600]
    assert delays[7:] == [3600] * 3  # capped, never given up
    assert notices.count("broken") == 1 and notices[2] == "broken"
    assert w.enabled and w.failures == 10 and "500" in (w.last_error or "")

    httpserver.clear()
    httpserver.expect_request("/feed").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        content_type="application/rss+xml")
    outcome, = run_pass(store, settings, clock)
    assert outcome.notice == "recovered" and outcome.verb == "baseline"
    assert watch(store).failures == 0


def test_global_feed_items_go_to_the_account_they_are_about_and_merge_duplicates(
        store: Store, tmp_path: Any, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    settings = make_settings(tmp_path, feeds=[{"url": httpserver.url_for("/wire")},
                                              {"url": httpserver.url_for("/wire2")}])
    httpserver.expect_request("/wire").respond_with_data(make_rss([]), content_type="application/rss+xml")
    httpserver.expect_request("/wire2").respond_with_data(make_rss([]), content_type="application/rss+xml")
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [])
    add_account(store, settings, clock, "northwind.dev", "Northwind Data", [])
    with store.session() as session:
        sync_config_feeds(session, settings, clock.now())
    run_pass(store, settings, clock)

    clock.advance(hours=1)
    now = clock.now()
    wire = [("w1", "Acme Robotics raises $40M Series B", now), ("w2", "Acme Roboticsworks recalls toys", now),
            ("w3", "Northwind Data hires a CRO", now), ("w4", "Initech lays off staff", now)]
    httpserver.clear()
    httpserver.expect_request("/wire").respond_with_data(make_rss(wire), content_type="application/rss+xml")
    httpserver.expect_request("/wire2").respond_with_data(
        make_rss([("x9", "Acme Robotics raises $40M Series B - Other Outlet", now)]),
        content_type="application/rss+xml")
    run_pass(store, settings, clock)
    stored = signals(store)
    assert len(stored) == 2
    raise_, cro = sorted(stored, key=lambda s: s.title)
    assert raise_.title.startswith("Acme Robotics raises $40M Series B") and cro.title == "Northwind Data hires a CRO"
    assert len(raise_.sources) == 2  # the second outlet merged in, no second signal


@pytest.mark.parametrize("status", [404, 410, 500])
def test_http_errors_are_kept_on_the_watch(status: int, store: Store, settings: Settings, clock: FakeClock,
                                           httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("x", status=status)
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    outcome, = run_pass(store, settings, clock)
    assert outcome.verb == "error" and str(status) in (outcome.error or "")
    assert watch(store).last_error == outcome.error


def test_retry_after_reschedules_the_watch_no_sooner_than_asked(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("slow down", status=429, headers={"Retry-After": "7200"})
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    outcome, = run_pass(store, settings, clock)
    assert outcome.verb == "error"
    assert (watch(store).next_check_at - clock.now()).total_seconds() >= 7200


def test_an_overdue_watch_is_checked_once_after_downtime(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    httpserver.expect_request("/feed").respond_with_data(make_rss([("a", "Acme Robotics x", clock.now())]))
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])

    async def due_pass() -> list[CheckOutcome]:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            return await Checker(store, settings, fetcher, clock, "owner").run_pass()

    assert len(asyncio.run(due_pass())) == 1
    clock.advance(days=3)  # the daemon was down for 72 intervals
    assert len(asyncio.run(due_pass())) == 1
    assert asyncio.run(due_pass()) == []  # rescheduled from now, not from when it was due
    assert watch(store).next_check_at > clock.now() + timedelta(minutes=50)


PRICING = ('<!DOCTYPE html><html><head><meta name="csrf-token" content="{csrf}"><title>Pricing | Acme</title>'
           '<script nonce="{nonce}">window.__RID="{rid}"</script></head><body><main><h1>Pricing</h1>'
           '<section class="pricing"><p class="updated">Prices updated {stamp}, {viewers} people are viewing</p>'
           '<div class="cards"><div class="card"><h2>Starter</h2><p class="price">$19/seat/month</p>'
           '<form action="/signup"><input type="hidden" name="authenticity_token" value="{csrf}"></form></div>'
           '<div class="card"><h2>Pro</h2><p class="price">${pro}/seat/month</p></div></div></section></main>'
           '<footer><a href="/cdn-cgi/l/email-protection#{rid}">email</a></footer></body></html>')


def tokened_pricing(served: dict[str, Any]) -> Callable[[Request], Response]:
    """A handler serving PRICING with a new CSRF token, nonce, request id, time and viewer count on every request
    (``served["n"]`` counts them) and the Pro price ``served["pro"]``."""
    import secrets
    import uuid

    def handler(request: Request) -> Response:
        served["n"] += 1
        n = served["n"]
        page = PRICING.format(csrf=secrets.token_urlsafe(32), nonce=secrets.token_hex(12), rid=uuid.uuid4().hex,
                              stamp=f"2026-11-{n:02d} {n:02d}:{n:02d}:07 UTC", viewers=10 + n, pro=served["pro"])
        return Response(page, content_type="text/html; charset=utf-8")

    return handler


def test_a_pricing_page_whose_tokens_alone_changed_is_not_built_again(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its fingerprint equals the accepted document's: unchanged, without a parse. A price change is built
    once and held for its confirmation with its body's fingerprint; the re-fetch, its tokens changed again, has
    that fingerprint and confirms the kept version without a second build. Reported once."""
    from sources.pricing_page import PricingPage

    served = {"n": 0, "pro": "49"}
    parsed: list[int] = []
    handler = tokened_pricing(served)
    real_parse = PricingPage.parse
    monkeypatch.setattr(PricingPage, "parse", lambda self, *a: parsed.append(served["n"]) or real_parse(self, *a))
    follow_pricing_page(store, settings, clock, httpserver, handler)

    def check() -> tuple[str, int, str | None]:
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        return outcome.verb, len(parsed), watch(store).fingerprint

    verb, builds, first = check()
    assert (verb, builds) == ("baseline", 1) and first
    assert check() == ("unchanged", 1, first)
    assert check() == ("unchanged", 1, first)
    served["pro"] = "59"
    assert check() == ("pending", 2, first)  # the accepted fingerprint stays
    pending = watch(store)
    assert pending.pending_fingerprint not in (None, first) and pending.pending_body
    verb, builds, second = check()
    assert (verb, builds) == ("changed", 2) and second == pending.pending_fingerprint
    done = watch(store)
    assert (done.pending_hash, done.pending_fingerprint, done.pending_body) == (None, None, None)
    assert done.content_hash == pending.pending_hash
    assert check() == ("unchanged", 2, second)
    [signal] = signals(store)
    assert "$49" in signal.title and "$59" in signal.title
    assert watch(store).checks == 6


def test_a_pricing_page_is_known_again_by_its_learned_template_without_a_fingerprint(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two bodies with the accepted fingerprint teach the watch where the page's tokens stand; later bodies that
    differ only there are the accepted page, neither parsed nor fingerprinted. A price change is fingerprinted,
    built, held and confirmed as before, and the confirmed version is learned in turn. A new release (its code
    digest) learns again. The template survives the process: it is kept on the watch."""
    from sources.pricing_page import PricingPage

    served = {"n": 0, "pro": "49"}
    digested: list[int] = []
    handler = tokened_pricing(served)
    real = PricingPage.fingerprint
    monkeypatch.setattr(PricingPage, "fingerprint", lambda self, *a: digested.append(served["n"]) or real(self, *a))
    follow_pricing_page(store, settings, clock, httpserver, handler)

    def check() -> tuple[str, int, bytes]:
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)  # a new Checker each pass: nothing is kept in memory
        return outcome.verb, len(digested), (watch(store).skim or b" ")[:1]

    assert check() == ("baseline", 1, b"B")  # the body is kept to be paired
    assert check() == ("unchanged", 2, b"T")  # paired with the next of its fingerprint: learned
    assert check() == ("unchanged", 2, b"T")
    assert check() == ("unchanged", 2, b"T")
    served["pro"] = "59"
    assert check() == ("pending", 3, b"B")
    assert check() == ("changed", 4, b"T")
    assert check() == ("unchanged", 4, b"T")
    monkeypatch.setattr(skim, "_code_salt", functools.partial(b"another release".__bytes__))
    assert check() == ("unchanged", 5, b"B")
    assert check() == ("unchanged", 6, b"T")
    assert check() == ("unchanged", 6, b"T")
    [signal] = signals(store)
    assert "$49" in signal.title and "$59" in signal.title


HIDDEN_CARD = ('<!DOCTYPE html><html><body><main><section class="pricing"><div class="plans">'
               '<div class="card"><h3>Starter</h3><p>$19 per month</p></div><div class="card"><h3>Pro</h3>'
               '<p>$49 per month</p></div><{tag} class="plans"><p>Lorem ipsum dolor sit amet, consectetur.</p>'
               '<div class="card"><h3>Team</h3><p>${team} per month</p></div>'
               '<p>Lorem ipsum dolor sit amet, consectetur.</p></{tag}></div></section></main></body></html>')


def test_a_price_that_a_change_far_away_made_visible_is_watched_from_then_on(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """A review's counterexample to carrying a template over to a page's next version: a price inside a <template>
    varies between loads and is learned as a slot; the <template> becomes a <div>, far from the slot, and the
    price is read from then on. Its next change must be reported, so the new version is learned from its own
    loads, never from the old one's slots."""
    served: dict[str, Any] = {"tag": "template", "team": iter(["70", "80"]), "fixed": "90"}

    def handler(request: Request) -> Response:
        team = next(served["team"], None) or served["fixed"]
        return Response(HIDDEN_CARD.format(tag=served["tag"], team=team), content_type="text/html; charset=utf-8")

    follow_pricing_page(store, settings, clock, httpserver, handler)

    def check() -> str:
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        return outcome.verb

    assert [check(), check()] == ["baseline", "unchanged"]  # learned: the hidden Team price is a slot
    served["tag"] = "div"
    assert [check(), check(), check()] == ["pending", "changed", "unchanged"]
    served["fixed"] = "99"
    assert [check(), check()] == ["pending", "changed"]
    assert any("$90" in s.title and "$99" in s.title for s in signals(store))


def test_a_shift_jis_page_whose_word_changed_beside_a_date_is_reported(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """The review's page: in Shift_JIS the second byte of 新 is "V", which a template would glue to the date run
    beside it and then take 人 for it. Such a page is never learned: each load is fingerprinted."""
    served = {"n": 0, "word": "新"}

    def handler(request: Request) -> Response:
        served["n"] += 1
        page = ('<html><body><main><section class="pricing"><div class="cards"><div class="card"><h2>Starter</h2>'
                f'<p class="price">$19/seat/month</p><ul><li>{served["word"]}2026-11-{served["n"]:02d}</li>'
                '<li>SSO</li></ul></div><div class="card"><h2>Pro</h2><p class="price">$49/seat/month</p></div>'
                '</div></section></main></body></html>')
        return Response(page.encode("shift_jis"), content_type="text/html; charset=shift_jis")

    follow_pricing_page(store, settings, clock, httpserver, handler)
    verbs = []
    for n in range(6):
        if n == 3:
            served["word"] = "人"
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        verbs.append(outcome.verb)
    assert verbs == ["baseline", "unchanged", "unchanged", "pending", "changed", "unchanged"]
    assert watch(store).skim is None


GLUED = ('<!DOCTYPE html><html><body><main><section class="pricing"><div class="plans"><div class="card"><h3>Starter'
         '</h3><p>$19 per month</p></div><div class="card"><h3>Pro</h3><p>${pro} per month</p></div></div>'
         '<p>{note}</p></section></main></body></html>')


@pytest.mark.parametrize("note", [
    "<b>Save 20% today</b>ends in {hours}h {minutes:02d}m",  # glued to the word before it: "todayends in …"
    "<span>Updated {minutes} minutes ago</span><b>Save 20% today</b>",  # and after it: "agoSave"
    # folding the glued phrase must leave the spaced one beside it to its own pattern
    "<span>visitors online: {minutes}</span><em>Join</em>. Save 20% today. Page built in {hours}{minutes} ms",
    # a time glued to an amount before it: "Save $516:02" (the hour two-digit) built differently on every load
    "<b>Save $5</b><span>{minutes}:{hours:02d}</span>",
], ids=("before", "after", "beside", "number"))
def test_a_price_change_beside_a_glued_volatile_phrase_is_confirmed_and_reported_once(
        note: str, store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """Minified markup glues a countdown or a time to the word beside it ("todayends in 2h 13m", "3 minutes
    agoSave"). The page must build the same on every load, or each re-fetch differs from the pending version and
    the change never confirms (it did not, before inline-tag boundaries were marked and read on both sides)."""
    served = {"n": 0, "pro": "49"}

    def handler(request: Request) -> Response:
        served["n"] += 1
        n = served["n"]
        return Response(GLUED.format(pro=served["pro"], note=note.format(hours=n % 24, minutes=7 * n % 60 + 2)),
                        content_type="text/html; charset=utf-8")

    follow_pricing_page(store, settings, clock, httpserver, handler)
    verbs = []
    for n in range(7):
        served["pro"] = "59" if n >= 3 else "49"
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        verbs.append(outcome.verb)
    assert verbs == ["baseline", "unchanged", "unchanged", "pending", "changed", "unchanged", "unchanged"]
    [signal] = signals(store)
    assert "$49" in signal.title and "$59" in signal.title
    assert "ends in" not in signal.facts["diff"] and "minutes ago" not in signal.facts["diff"]


def test_a_price_change_on_a_page_that_answers_304_is_confirmed(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """A static page with an ETag answers the confirming re-fetch's If-None-Match with 304, which says the pending
    version is still served but carries no body to confirm: the re-fetch asks for the body (the change stayed
    pending for ever)."""
    served = {"pro": "49"}
    asked: list[str | None] = []

    def handler(request: Request) -> Response:
        tag = f'"v{served["pro"]}"'
        asked.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        return Response(GLUED.format(pro=served["pro"], note="Prices in USD."), headers={"ETag": tag},
                        content_type="text/html; charset=utf-8")

    follow_pricing_page(store, settings, clock, httpserver, handler)
    verbs = []
    for price in ("49", "49", "59", "59", "59"):
        served["pro"] = price
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        verbs.append(outcome.verb)
    assert verbs == ["baseline", "unchanged", "pending", "changed", "unchanged"]
    assert asked == [None, '"v49"', '"v49"', None, '"v59"']
    [signal] = signals(store)
    assert "$49" in signal.title and "$59" in signal.title


def test_a_release_that_reads_pricing_pages_differently_re_baselines_them_silently(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot taken by an older model version is replaced by the new reading after its confirmation, with no
    signal: an upgrade never reports a change that only the extractor made."""
    import sources._pricing.diff
    import sources._pricing.fingerprint
    import sources._pricing.model

    modules = (sources._pricing.model, sources._pricing.diff, sources._pricing.fingerprint)
    current = sources._pricing.model.VERSION
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/pricing").respond_with_data(
        GLUED.format(pro="49", note="<b>Save 20% today</b>ends in 2h 13m"), content_type="text/html; charset=utf-8")
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="pricing_page", target=httpserver.url_for("/pricing"))])
    verbs = []
    for version in (current - 1, current - 1, current, current, current):
        for module in modules:
            monkeypatch.setattr(module, "VERSION", version)
        # A release changes the code's files, whose digest keys the learned templates (pipeline/skim.py).
        monkeypatch.setattr(skim, "_code_salt", functools.partial(str(version).encode))
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        verbs.append(outcome.verb)
    assert verbs == ["baseline", "unchanged", "pending", "changed", "unchanged"]
    assert signals(store) == []


def test_a_feed_without_validators_answering_the_same_bytes_is_not_parsed_again(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Many feeds and APIs send no ETag or Last-Modified: the same bytes again are a 304 worked out by the
    core from the body's fingerprint. New bytes are parsed and their new item reported."""
    from sources.news import NewsFeed

    items = [("a1", "Acme Robotics opens office", clock.now() - timedelta(days=1))]
    parsed: list[int] = []
    real_parse = NewsFeed.parse
    monkeypatch.setattr(NewsFeed, "parse", lambda self, *a: parsed.append(1) or real_parse(self, *a))
    httpserver.expect_request("/feed").respond_with_handler(
        lambda request: Response(make_rss(items), content_type="application/rss+xml"))
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])

    def check() -> tuple[str, int]:
        clock.advance(hours=1)
        [outcome] = run_pass(store, settings, clock)
        return outcome.verb, len(parsed)

    assert check() == ("baseline", 1)
    assert check() == ("unchanged", 1)
    assert check() == ("unchanged", 1)
    items.insert(0, ("a2", "Acme Robotics ships Fleet", clock.now()))
    assert check() == ("new", 2)
    assert check() == ("unchanged", 2)
    assert [s.title for s in signals(store)] == ["Acme Robotics ships Fleet"]
    assert (watch(store).checks, watch(store).failures) == (5, 0)


def test_a_feed_that_gained_an_item_is_read_for_that_item_and_its_ledger_keeps_each_item_s_digest(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed without validators whose build date changes on every request (a news search): each check reads
    only the entries the watch has not met in those bytes. An edited entry is read again and not reported; an
    entry that left and came back is read and not reported; the watch's ledger is the same as reading whole."""
    import feedparser

    from watcher.store.models import SeenItemRow

    day = timedelta(days=1)
    items = [("a2", "Acme Robotics opens office", clock.now() - day),
             ("a1", "Acme Robotics at CES", clock.now() - 2 * day)]
    edits: dict[str, str] = {}
    read: list[int] = []
    real_parse = feedparser.parse
    monkeypatch.setattr("sources._feeds.feedparser.parse",
                        lambda *a, **k: (parsed := real_parse(*a, **k), read.append(len(parsed.entries)))[0])

    def body(request: Request) -> Response:
        feed = make_rss(items, title=f"built {clock.now().isoformat()}")
        for guid, text in edits.items():
            feed = feed.replace(f"<guid>{guid}</guid>", f"<guid>{guid}</guid><category>{text}</category>")
        return Response(feed, content_type="application/rss+xml")

    httpserver.expect_request("/feed").respond_with_handler(body)
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])

    def check() -> tuple[str, list[int]]:
        clock.advance(hours=1)
        read.clear()
        [outcome] = run_pass(store, settings, clock)
        return outcome.verb, list(read)

    def ledger() -> dict[str, tuple[bool, bool]]:
        with store.session() as session:
            return {r.item_key: (r.digest is not None, r.gone_at is None) for r in session.scalars(select(SeenItemRow))}

    assert check() == ("baseline", [2])
    assert ledger() == {"a1": (True, True), "a2": (True, True)}
    assert check() == ("unchanged", [1])  # every entry known: feedparser reads the first alone
    items.insert(0, ("a3", "Acme Robotics ships Fleet", clock.now()))
    assert check() == ("new", [1])
    edits["a2"] = "robots"
    with store.session() as session:
        before = session.scalar(select(SeenItemRow.digest).where(SeenItemRow.item_key == "a2"))
    assert check() == ("unchanged", [2])  # the first entry and the edited one
    with store.session() as session:
        assert session.scalar(select(SeenItemRow.digest).where(SeenItemRow.item_key == "a2")) != before
    assert check() == ("unchanged", [1])
    gone = items.pop()
    assert check() == ("unchanged", [1])
    assert ledger()["a1"] == (True, False)  # gone, though nothing was read
    items.append(gone)
    assert check() == ("unchanged", [2])  # back: read (its digest is no longer listed), not new
    assert ledger() == {"a1": (True, True), "a2": (True, True), "a3": (True, True)}
    with store.session() as session:  # rows written before digests were kept
        session.execute(update(SeenItemRow).values(digest=None))
    assert check() == ("unchanged", [3])
    assert check() == ("unchanged", [1])
    assert [s.title for s in signals(store)] == ["Acme Robotics ships Fleet"]


def test_an_id_listed_twice_with_different_bytes_keeps_one_digest(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, make_rss: Rss) -> None:
    """Two entries with one guid (a feed that repeats a post with another title): the ledger keeps the digest it
    first stored instead of rewriting it on every check, and nothing is reported."""
    from watcher.store.models import SeenItemRow

    items = [("a2", "Acme Robotics at CES", clock.now()), ("a2", "Acme Robotics at CES 2026", clock.now()),
             ("a1", "Acme Robotics opens office", clock.now())]
    httpserver.expect_request("/feed").respond_with_handler(
        lambda request: Response(make_rss(items, title=f"built {clock.now().isoformat()}"),
                                 content_type="application/rss+xml"))
    add_account(store, settings, clock, "acme.io", "Acme Robotics", [httpserver.url_for("/feed")])
    digests = []
    for _ in range(4):
        clock.advance(hours=1)
        run_pass(store, settings, clock)
        with store.session() as session:
            digests.append(session.scalar(select(SeenItemRow.digest).where(SeenItemRow.item_key == "a2")))
    assert len(set(digests)) == 1 and digests[0] is not None
    assert signals(store) == []
