"""The core's item ledger: gone items, a recent window, re-events after a dedup window, redesigns."""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, update

from watcher import registry
from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.domain import Item, Observation, Signal, WatchContext
from watcher.fetch import Fetcher
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.sourcekind import Source
from watcher.store.db import Store
from watcher.store.models import SeenItemRow, SignalRow
from watcher.watches import WatchSpec


class Board(Source):
    """A job-board-like kind: {"jobs": [{"id", "title", "dept", "published"}]}."""

    family = "items"
    tracks_removals = True
    recent_window: ClassVar[timedelta | None] = timedelta(days=7)
    dedup_window: ClassVar[timedelta | None] = timedelta(days=30)

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        return Observation(items=tuple(
            Item(id=j["id"], title=j["title"], data={"dept": j["dept"]},
                 published_at=datetime.fromisoformat(j["published"]) if j.get("published") else None)
            for j in json.loads(body)["jobs"]))

    def _signal(self, key: str, title: str, watch: WatchContext, now: datetime) -> Signal:
        assert watch.account
        return Signal(kind="key_hire", account=watch.account.name, account_domain=watch.account.domain,
                      title=title, url=None, occurred_at=None, detected_at=now, source="board",
                      dedup_key=f"key_hire:{watch.account.domain}:{key}")

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        return [self._signal(i.title.lower(), f"opened {i.title}", watch, now) for i in items]

    def interpret_gone(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        return [self._signal(f"closed:{i.id}", f"closed {i.title}", watch, now) for i in items]

    def interpret_recent(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        sales = [i for i in items if i.data.get("dept") == "Sales"]
        if len(sales) < 3:
            return []
        return [self._signal(f"surge:sales:{sales[0].id}", f"surge of {len(sales)} Sales roles", watch, now)]


@pytest.fixture(autouse=True)
def board_kind() -> Iterator[None]:
    registry.register_source("test_board")(Board)
    yield
    registry._SOURCES.pop("test_board", None)


class World:
    def __init__(self, store: Store, settings: Settings, clock: FakeClock, server: HTTPServer) -> None:
        self.store, self.settings, self.clock, self.server = store, settings, clock, server
        self.jobs: list[dict[str, str]] = []
        with store.session() as session:
            follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
                   specs=[WatchSpec(kind="test_board", target=server.url_for("/jobs"))])

    def check(self, *jobs: tuple[str, str, str]) -> CheckOutcome:
        self.jobs = [{"id": i, "title": t, "dept": d, "published": self.clock.now().isoformat()} for i, t, d in jobs]
        self.server.clear()
        self.server.expect_request("/jobs").respond_with_json({"jobs": self.jobs})

        async def run() -> list[CheckOutcome]:
            async with Fetcher(self.settings.fetch, clock=self.clock) as fetcher:
                return await Checker(self.store, self.settings, fetcher, self.clock, "o").run_pass(force=True)

        outcome, = asyncio.run(run())
        self.clock.advance(days=1)
        return outcome

    def titles(self) -> list[str]:
        with self.store.session() as session:
            return list(session.scalars(select(SignalRow.title).order_by(SignalRow.id)))


@pytest.fixture
def world(store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> World:
    return World(store, settings, clock, httpserver)


def test_removed_items_are_reported_once_and_a_return_is_not_new(world: World) -> None:
    a, b = ("1", "AE", "Sales"), ("2", "CFO", "Finance")
    world.check(a, b)
    world.check(a)
    world.check(a)
    world.check(a, b)  # back again: neither new nor gone
    assert world.titles() == ["closed CFO"]


def ledger(world: World) -> dict[str, tuple[datetime, datetime | None]]:
    with world.store.session() as session:
        return {r.item_key: (r.last_seen_at, r.gone_at) for r in session.scalars(select(SeenItemRow))}


def test_the_ledger_marks_gone_revives_and_refreshes_only_what_it_must(world: World, clock: FakeClock) -> None:
    """A listing longer than one query's chunk: the id removed past the first chunk is gone once, its
    return clears it without a signal, and a present id is written again only when its row grows stale."""
    from watcher.pipeline.detect import CHUNK

    jobs = [(str(n), f"Engineer {n}", "Eng") for n in range(CHUNK + 50)]
    start = clock.now()
    world.check(*jobs)
    world.check(*jobs[:-1])  # the last id, in the second chunk, is removed
    removed_at = start + timedelta(days=1)
    assert ledger(world)[jobs[-1][0]] == (start, removed_at)
    assert ledger(world)[jobs[0][0]] == (start, None)  # present and fresh: not written again
    world.check(*jobs)  # it is back: neither new nor gone again, its row touched
    assert ledger(world)[jobs[-1][0]] == (start + timedelta(days=2), None)
    assert world.titles() == [f"closed {jobs[-1][1]}"]
    refresh = timedelta(seconds=world.settings.database.retention / 4)
    clock.advance(seconds=refresh.total_seconds())
    world.check(*jobs)
    touched = start + timedelta(days=3) + refresh
    assert ledger(world)[jobs[0][0]] == (touched, None)  # stale: refreshed so retention keeps it
    assert world.titles() == [f"closed {jobs[-1][1]}"]


def test_a_listing_with_one_new_id_reads_its_ledger_in_one_query(world: World) -> None:
    """Seen ids, the ids listed before and the stale rows come in one SELECT; nothing is updated when no row
    is gone or stale (an eventful check's statements are most of its cost)."""
    from sqlalchemy import event

    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "seen_items" in statement:
            statements.append(statement.split()[0])

    world.check(("1", "AE", "Sales"), ("2", "CFO", "Finance"))
    event.listen(world.store.engine, "before_cursor_execute", record)
    try:
        world.check(("1", "AE", "Sales"), ("2", "CFO", "Finance"), ("3", "SDR", "Sales"))
    finally:
        event.remove(world.store.engine, "before_cursor_execute", record)
    assert statements[:2] == ["SELECT", "INSERT"] and "UPDATE" not in statements


def test_recent_window_lets_a_kind_see_a_surge_once(world: World) -> None:
    world.check(("1", "AE", "Sales"))
    world.check(("1", "AE", "Sales"), ("2", "SDR", "Sales"))
    outcome = world.check(("1", "AE", "Sales"), ("2", "SDR", "Sales"), ("3", "SDR II", "Sales"), ("4", "BDR", "Sales"))
    assert [s.title for s in outcome.signals] == ["opened SDR II", "opened BDR", "surge of 3 Sales roles"]


def test_the_same_role_reposted_inside_the_window_is_not_new_but_months_later_it_is(
        world: World, clock: FakeClock) -> None:
    world.check(("1", "VP Sales", "Sales"))
    world.check(("1", "VP Sales", "Sales"), ("2", "CRO", "Sales"))
    world.check(("3", "CRO", "Sales"))  # re-posted with a new id a day later: same event
    clock.advance(days=60)
    world.check(("4", "CRO", "Sales"))  # re-opened two months later: a new event
    assert [t for t in world.titles() if t.startswith("opened")] == ["opened CRO", "opened CRO"]
    with world.store.session() as session:
        keys = list(session.scalars(select(SignalRow.dedup_key).where(SignalRow.title == "opened CRO")))
    assert keys[0] == "key_hire:acme.io:cro" and keys[1].startswith("key_hire:acme.io:cro@")


def test_a_redesign_that_changes_every_id_of_old_content_is_one_notice_not_fifty_alerts(
        world: World, clock: FakeClock) -> None:
    old = [(str(i), f"Role {i}", "Eng") for i in range(8)]
    world.check(*old)
    world.check(*old)
    then = clock.now() - timedelta(days=5)
    world.server.clear()
    jobs = [{"id": f"new-{i}", "title": f"Role {i}", "dept": "Eng", "published": then.isoformat()} for i in range(8)]
    world.server.expect_request("/jobs").respond_with_json({"jobs": jobs})

    async def run() -> list[CheckOutcome]:
        async with Fetcher(world.settings.fetch, clock=clock) as fetcher:
            return await Checker(world.store, world.settings, fetcher, clock, "o").run_pass(force=True)

    outcome, = asyncio.run(run())
    assert outcome.notice == "source_changed" and outcome.signals == ()
    assert [t for t in world.titles() if t.startswith("opened")] == []


def _one_check(store: Store, settings: Settings, clock: FakeClock) -> CheckOutcome:
    """One pass over the only watch."""
    async def run() -> list[CheckOutcome]:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            return await Checker(store, settings, fetcher, clock, "o").run_pass(force=True)

    outcome, = asyncio.run(run())
    return outcome


class Page(Source):
    """A document kind whose text is the body; changes must be confirmed."""

    family = "document"
    confirm_changes = True

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        from watcher.domain import Document

        return Observation(document=Document(text=body.decode()))

    def interpret_change(self, change: Any, watch: WatchContext, now: datetime) -> list[Signal]:
        assert watch.account
        return [Signal(kind="pricing_change", account=watch.account.name, account_domain=watch.account.domain,
                       title=f"{change.previous.text} -> {change.current.text}", url=None, occurred_at=None,
                       detected_at=now, source="page", dedup_key=f"p:{change.current.text}:{now.isoformat()}")]


@pytest.fixture
def page(store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> Callable[[str], CheckOutcome]:
    registry.register_source("test_page")(Page)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="test_page", target=httpserver.url_for("/pricing"))])

    def check(text: str) -> CheckOutcome:
        httpserver.clear()
        httpserver.expect_request("/pricing").respond_with_data(text)
        outcome = _one_check(store, settings, clock)
        clock.advance(minutes=10)
        return outcome

    yield check  # type: ignore[misc]
    registry._SOURCES.pop("test_page", None)


def test_a_change_is_reported_only_once_a_re_fetch_confirms_it(
        page: Callable[[str], CheckOutcome], store: Store, clock: FakeClock, settings: Settings) -> None:
    assert page("A").verb == "baseline"
    pending = page("B")
    assert pending.verb == "pending" and pending.signals == ()
    with store.session() as session:
        from watcher.store.models import WatchRow
        w = session.scalars(select(WatchRow)).one()
        # the confirming re-fetch is minutes away, not a whole interval
        assert (w.next_check_at - (clock.now() - timedelta(minutes=10))).total_seconds() == \
            settings.schedule.confirm_after
    confirmed = page("B")
    assert confirmed.verb == "changed" and [s.title for s in confirmed.signals] == ["A -> B"]


def test_the_watch_records_its_pending_version_and_its_last_change(
        page: Callable[[str], CheckOutcome], store: Store, clock: FakeClock) -> None:
    from watcher.store.models import WatchRow

    def row() -> tuple[Any, ...]:
        with store.session() as session:
            w = session.scalars(select(WatchRow)).one()
            return (w.baselined, w.content_hash is not None, w.pending_hash is not None, w.pending_since,
                    w.last_change_at, w.checks)

    start = clock.now()
    page("A")
    assert row() == (True, True, False, None, None, 1)
    page("B")
    assert row() == (True, True, True, start + timedelta(minutes=10), None, 2)
    page("A")  # flipped back: the pending version is forgotten
    assert row() == (True, True, False, None, None, 3)
    page("B")
    page("B")
    assert row() == (True, True, False, None, start + timedelta(minutes=40), 5)


class LeakyPage(Page):
    """A page whose build leaks a volatile value its fingerprint folds: "text|token", a new token on every load.
    What a pricing page does when its extraction misses a timestamp that the fingerprint folds."""

    def fingerprint(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> str | None:
        return body.split(b"|")[0].decode()


@pytest.fixture
def leaky(store: Store, settings: Settings, clock: FakeClock,
          httpserver: HTTPServer) -> Iterator[Callable[[str | None], CheckOutcome]]:
    """check(text): one check of a LeakyPage watch serving text (None: an HTTP 500), a day apart."""
    registry.register_source("test_leaky")(LeakyPage)
    with store.session() as session:
        follow(session, "acme.io", name="Acme", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="test_leaky", target=httpserver.url_for("/pricing"))])
    loads = iter(range(1, 1000))

    def check(text: str | None) -> CheckOutcome:
        httpserver.clear()
        if text is None:
            httpserver.expect_request("/pricing").respond_with_data("down", status=500)
        else:
            httpserver.expect_request("/pricing").respond_with_data(f"{text}|{next(loads)}")
        outcome = _one_check(store, settings, clock)
        clock.advance(days=1)
        return outcome

    yield check
    registry._SOURCES.pop("test_leaky", None)


def _watch_row(store: Store) -> Any:
    from watcher.store.models import WatchRow

    with store.session() as session:
        return session.scalars(select(WatchRow)).one()


def test_a_leaky_build_is_confirmed_by_the_pending_fingerprint(leaky: Callable[[str | None], CheckOutcome]) -> None:
    """Each build of the changed page differs from the one held; the re-fetch has the held body's fingerprint and
    confirms the version kept then (built, it re-pended for ever)."""
    verbs = [leaky(text).verb for text in ["A", "A", "B", "B", "B"]]
    assert verbs == ["baseline", "unchanged", "pending", "changed", "unchanged"]


@pytest.mark.parametrize(("texts", "verbs"), [
    ("ABAAA", ["baseline", "pending", "unchanged", "unchanged", "unchanged"]),
    ("ABABAA", ["baseline", "pending", "unchanged", "pending", "unchanged", "unchanged"]),
], ids=("once", "a/b"))
def test_a_leaky_page_that_flips_back_reports_nothing(
        texts: str, verbs: list[str], leaky: Callable[[str | None], CheckOutcome], store: Store) -> None:
    """A body with the accepted fingerprint is the accepted page, also while a change is held: the change flipped
    back, recognised unbuilt. Built, the leak looked like a change, was held with the accepted page's fingerprint,
    and the next re-fetch confirmed it: a made-up change."""
    outcomes = [leaky(text) for text in texts]
    assert [o.verb for o in outcomes] == verbs
    assert all(not o.signals for o in outcomes)
    row = _watch_row(store)
    assert (row.pending_hash, row.pending_body, row.pending_fingerprint) == (None, None, None)


def test_a_broken_leaky_page_that_comes_back_unchanged_reports_its_recovery_alone(
        leaky: Callable[[str | None], CheckOutcome], store: Store) -> None:
    outcomes = [leaky(text) for text in ["A", None, None, None, None, None, "A", "A"]]
    assert [o.notice for o in outcomes].count("broken") == 1
    assert [(o.verb, o.notice) for o in outcomes[-2:]] == [("unchanged", "recovered"), ("unchanged", None)]
    assert all(not o.signals for o in outcomes)


def test_a_leaky_page_whose_accepted_fingerprint_is_unknown_confirms_by_building(
        leaky: Callable[[str | None], CheckOutcome], store: Store) -> None:
    """A watch held pending since before pending fingerprints were kept has no accepted fingerprint either. The
    accepted page, built with its leak, then looks like a change; its fingerprint must not be kept to confirm it.
    The confirmation is built, and a leak never confirms: silence, not a made-up change."""
    from watcher.store.models import WatchRow

    verbs = []
    for text in ["A", "B", "A", "A", "A"]:
        verbs.append(leaky(text).verb)
        with store.session() as session:  # as a row pending since before migration 0003 has it
            session.execute(update(WatchRow).values(fingerprint=None))
    assert verbs == ["baseline", "pending", "pending", "pending", "pending"]
    assert _watch_row(store).pending_fingerprint is None


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bodies Page builds from here on."""
    builds: list[str] = []
    parse = Page.parse
    monkeypatch.setattr(Page, "parse", lambda self, body, *a: builds.append(body.decode()) or parse(self, body, *a))
    return builds


@pytest.mark.parametrize("kept", [b"not zlib", zlib.compress(b'{"text": "C"}')], ids=("unreadable", "another"))
def test_a_confirmation_whose_kept_version_cannot_be_used_builds_the_body(
        kept: bytes, page: Callable[[str], CheckOutcome], store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The re-fetch has the pending body's fingerprint, so it would confirm the version kept when the change was
    first seen; when that cannot be read, or is not the pending version, the body is built as any other."""
    from watcher.store.models import WatchRow

    builds = _builds(monkeypatch)
    page("A")
    assert page("B").verb == "pending"
    with store.session() as session:
        session.scalars(select(WatchRow)).one().pending_body = kept
    confirmed = page("B")
    assert confirmed.verb == "changed" and [s.title for s in confirmed.signals] == ["A -> B"]
    assert builds == ["A", "B", "B"]


def test_a_confirmation_by_fingerprint_is_not_built_again(
        page: Callable[[str], CheckOutcome], monkeypatch: pytest.MonkeyPatch) -> None:
    builds = _builds(monkeypatch)
    page("A")
    page("B")
    confirmed = page("B")
    assert confirmed.verb == "changed" and [s.title for s in confirmed.signals] == ["A -> B"]
    assert builds == ["A", "B"]


def test_an_ab_test_that_flips_back_and_forth_stays_silent(page: Callable[[str], CheckOutcome]) -> None:
    page("A")
    verbs = [page(v).verb for v in ["B", "A", "B", "A", "B", "A"]]
    assert verbs == ["pending", "unchanged"] * 3


def test_a_third_version_restarts_the_confirmation_and_the_change_is_from_the_accepted_one(
        page: Callable[[str], CheckOutcome]) -> None:
    page("A")
    assert page("B").verb == "pending"
    assert page("C").verb == "pending"
    outcome = page("C")
    assert [s.title for s in outcome.signals] == ["A -> C"]


def test_a_flip_back_to_an_old_version_reuses_its_stored_body(
        page: Callable[[str], CheckOutcome], store: Store) -> None:
    for text in ["A", "B", "B", "A", "A"]:
        page(text)
    from watcher.store.models import SnapshotRow
    with store.session() as session:
        rows = list(session.scalars(select(SnapshotRow).order_by(SnapshotRow.id)))
    assert [r.body is not None for r in rows] == [True, True, False]
