"""key_hire semantics of the job-board kinds, through the real checker against a board on 127.0.0.1.

Opened key roles, the min_seniority option, re-posts, closed roles, surges, broken boards and
unattributed boards. The shared logic is exercised for every kind once, then in depth on Greenhouse.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from tests.sources.boards import BUILDERS, World, body
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.extract import extract
from watcher.store.db import Store
from watcher.store.models import WatchRow

AE = ("1", "Account Executive - Mid-Market", "New York, NY", "Sales")
SWE = ("2", "Senior Software Engineer, Platform", "Remote - US", "Engineering")
VP = ("3", "VP of Sales, North America", "New York, NY", "Sales")
MGR = ("4", "Sales Manager", "Austin, TX", "Sales")
CRO = ("9", "Chief Revenue Officer", "London", "Sales")


def make(store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer, kind: str = "greenhouse",
         **options: Any) -> World:
    return World(store, settings, clock, httpserver, kind, options)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_every_kind_reports_a_new_key_role_once_and_stays_quiet_on_ic_roles(
        kind: str, store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, kind)
    assert world.check(AE, SWE).verb == "baseline"
    outcome = world.check(AE, SWE, VP, MGR)
    assert outcome.verb == "new"
    signal, = outcome.signals
    assert signal.title == "Acme Robotics is hiring a VP of Sales, North America"
    assert signal.dedup_key == "key_hire:acme.io:vp-of-sales-north-america:new-york-ny"
    assert {k: signal.facts[k] for k in ("job_title", "seniority", "department", "location", "remote", "event",
                                         "ats", "job_id")} == {
        "job_title": "VP of Sales, North America", "seniority": "VP", "department": "Sales",
        "location": "New York, NY", "remote": None if kind in ("careers_page", "greenhouse") else False,
        "event": "opened", "ats": kind, "job_id": "3"}
    assert signal.facts["posted_at"] and signal.evidence.startswith("VP of Sales, North America, New York, NY")
    assert world.check(AE, SWE, VP, MGR).signals == ()


def test_min_seniority_widens_what_counts_as_a_key_role(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, min_seniority="manager")
    world.check(AE)
    assert [s.facts["job_title"] for s in world.check(AE, VP, MGR).signals] == ["VP of Sales, North America",
                                                                                "Sales Manager"]


def test_a_repost_under_a_new_id_is_neither_new_nor_closed_but_a_reopening_months_later_is_new(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver)
    world.check(AE)
    assert len(world.check(AE, VP).signals) == 1
    reposted = ("30", *VP[1:])
    assert world.check(AE, reposted).signals == ()  # same role, new id: merged, and not "closed"
    world.check(AE)  # now it is really gone
    clock.advance(days=60)
    reopened = world.check(AE, ("31", *VP[1:]))
    assert [s.title for s in reopened.signals] == ["Acme Robotics is hiring a VP of Sales, North America"]
    keys = [(r.dedup_key, r.facts["event"]) for r in world.stored()]
    assert keys[0] == ("key_hire:acme.io:vp-of-sales-north-america:new-york-ny", "opened")
    assert keys[1] == ("key_hire:acme.io:vp-of-sales-north-america:new-york-ny:closed", "closed")
    assert keys[2][0].startswith("key_hire:acme.io:vp-of-sales-north-america:new-york-ny@") and len(keys) == 3


def test_a_key_role_that_disappears_is_closed_and_an_ic_role_is_not(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver)
    world.check(AE, SWE, VP)
    outcome = world.check(SWE)
    signal, = outcome.signals
    assert signal.title == "Acme Robotics closed its VP of Sales, North America posting"
    assert (signal.facts["event"], signal.facts["job_id"], signal.occurred_at) == ("closed", "3", signal.detected_at)


def test_an_empty_or_broken_board_is_an_error_never_all_roles_closed(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver)
    world.check(AE, VP)
    assert world.check().verb == "error"
    world.serve("<html><body>Maintenance</body></html>")
    broken = world.run()
    assert broken.verb == "error" and "got an HTML" in (broken.error or "")
    world.serve("not found", status=404)
    assert (world.run().error or "").endswith("HTTP 404")
    assert world.check(AE, VP).signals == () and world.stored() == []


def test_a_surge_is_one_signal_per_department_and_later_arrivals_merge_into_it(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, surge_count=3)
    rows = [SWE]
    world.check(*rows)
    for number in range(3):
        rows.append((f"1{number}", f"Account Executive {number}", "Berlin", "Sales"))
        outcome = world.check(*rows)
    surge, = outcome.signals
    assert surge.title == "Acme Robotics is hiring fast in Sales: 3 roles opened in 7 days"
    assert surge.dedup_key == "key_hire:acme.io:surge:sales"
    assert (surge.facts["event"], surge.facts["count"], surge.facts["department"]) == ("surge", 3, "Sales")
    assert surge.facts["roles"] == ["Account Executive 0", "Account Executive 1", "Account Executive 2"]
    rows.append(("14", "Account Executive 4", "Berlin", "Sales"))
    assert world.check(*rows).signals == ()  # a fourth role merges into the surge already reported
    stored = next(row for row in world.stored() if row.dedup_key == "key_hire:acme.io:surge:sales")
    assert stored.title == "Acme Robotics is hiring fast in Sales: 4 roles opened in 7 days"
    assert (stored.facts["count"], stored.facts["roles"][-1]) == (4, "Account Executive 4")
    assert "Account Executive 4 — Berlin" in stored.evidence


def test_roles_opened_before_the_surge_window_do_not_count(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, surge_count=3, surge_days=1)
    rows = [SWE]
    world.check(*rows)
    for number in range(3):  # one a day: never three opened within a day
        rows.append((f"1{number}", f"Account Executive {number}", "Berlin", "Sales"))
        assert world.check(*rows).signals == ()


def test_an_unattributed_board_names_the_company_the_ats_gives(tmp_path: Path, clock: FakeClock) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(body("workable", [(AE, clock.now())]))
    after.write_text(body("workable", [(AE, clock.now()), (CRO, clock.now())]))
    found = extract("workable", after, previous=before, now=clock.now() + timedelta(hours=2))
    signal, = found
    assert (signal.account, signal.account_domain, signal.facts["company"]) == (None, None, "Acme Robotics")
    assert signal.title == "Acme Robotics is hiring a Chief Revenue Officer"
    assert signal.dedup_key == "key_hire:acme-robotics:chief-revenue-officer:london"


def engineer_rows(count: int) -> list[tuple[str, str, str, str]]:
    """Individual-contributor postings to fill a board's pages (none of them a key role)."""
    return [(str(100 + n), f"Software Engineer {n}", "Berlin", "Engineering") for n in range(count)]


def serve_pages(world: World, rows: list[tuple[str, str, str, str]], *, page_size: int = 100,
                failing_offset: int | None = None, closes_after_first_page: str | None = None) -> None:
    """A SmartRecruiters board that pages like the real API: ``offset`` in, ``limit`` postings out."""
    dated = [(r, world.published.setdefault(r[0], world.clock.now())) for r in rows]

    def handler(request: Request) -> Response:
        nonlocal dated
        offset = int(request.args.get("offset", "0"))
        if offset == failing_offset:
            return Response("busy", status=500)
        if offset and closes_after_first_page:  # a posting closes while the pages are being read
            dated = [d for d in dated if d[0][0] != closes_after_first_page]
        answer = json.loads(body("smartrecruiters", dated[offset:offset + page_size]))
        answer.update(offset=offset, limit=page_size, totalFound=len(dated))
        return Response(json.dumps(answer), content_type="application/json", headers={"ETag": f'"{len(dated)}"'})

    world.server.clear()
    world.server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    world.server.expect_request("/board").respond_with_handler(handler)


def test_a_paged_board_is_read_to_its_last_page(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, "smartrecruiters")
    engineers = engineer_rows(226)
    serve_pages(world, [VP, *engineers])
    assert world.run().verb == "baseline"
    serve_pages(world, [*engineers, CRO])  # the VP left page 1; the new role is on page 3
    outcome = world.run()
    assert outcome.error is None and sorted(s.title for s in outcome.signals) == [
        "Acme Robotics closed its VP of Sales, North America posting",
        "Acme Robotics is hiring a Chief Revenue Officer"]
    assert [r.path + "?" + r.query_string.decode() for r, _ in httpserver.log if r.path == "/board"][-3:] == [
        "/board?", "/board?offset=100", "/board?offset=200"]
    # An ETag speaks for page 1 only: it is not kept, or a 304 there would hide changes on the other pages.
    assert not any("If-None-Match" in r.headers for r, _ in httpserver.log)


def test_a_change_on_a_later_page_is_seen_though_page_1_is_the_same_bytes(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """Page 1's fingerprint speaks for page 1 only: it is not kept, or equal bytes there would hide page 3."""
    world = make(store, settings, clock, httpserver, "smartrecruiters")
    engineers = engineer_rows(226)
    serve_pages(world, [VP, *engineers])
    assert world.run().verb == "baseline"
    serve_pages(world, [VP, *engineers[:-1], CRO])  # as many postings; the CRO replaces the last engineer
    outcome = world.run()
    assert outcome.error is None and [s.title for s in outcome.signals] == [
        "Acme Robotics is hiring a Chief Revenue Officer"]
    with store.session() as session:
        assert session.scalars(select(WatchRow.fingerprint)).one() is None


def test_a_page_that_fails_leaves_the_listing_partial_never_roles_closed(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, "smartrecruiters")
    engineers = engineer_rows(150)
    serve_pages(world, [*engineers, VP])
    assert world.run().verb == "baseline"
    serve_pages(world, [MGR, *engineers, VP], failing_offset=100)  # page 2, with the VP on it, is down
    outcome = world.run()
    assert outcome.error is None and outcome.signals == ()  # no "VP closed"; the manager is not a key role
    serve_pages(world, [MGR, *engineers, VP])
    assert world.run().signals == ()  # and the VP, read again, is not new


def test_a_board_that_changes_while_its_pages_are_read_reports_no_role_closed(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, "smartrecruiters")
    engineers = engineer_rows(150)
    cfo = ("8", "Chief Financial Officer", "London", "Finance")
    serve_pages(world, [*engineers[:99], VP, cfo, *engineers[99:]])
    assert world.run().verb == "baseline"
    # The VP closes after page 1 was served: the CFO slides onto page 1 and page 2 never shows it.
    serve_pages(world, [*engineers[:99], VP, cfo, *engineers[99:]], closes_after_first_page=VP[0])
    assert world.run().signals == ()  # neither "CFO closed" (wrong) nor "VP closed" (not seen this time)
    serve_pages(world, [*engineers[:99], cfo, *engineers[99:]])
    assert [s.title for s in world.run().signals] == ["Acme Robotics closed its VP of Sales, North America posting"]


def test_a_saved_page_of_a_longer_board_reports_nothing_closed(tmp_path: Path, clock: FakeClock) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    old = clock.now() - timedelta(days=60)  # long-open roles: no hiring surge
    engineers = [(row, old) for row in engineer_rows(99)]
    page = json.loads(body("smartrecruiters", [(VP, clock.now()), *engineers]))
    before.write_text(json.dumps({**page, "totalFound": 250}))
    page = json.loads(body("smartrecruiters", [(CRO, clock.now()), *engineers]))
    after.write_text(json.dumps({**page, "totalFound": 250}))
    warnings: list[str] = []
    found = extract("smartrecruiters", after, previous=before, account="Acme Robotics", domain="acme.io",
                    now=clock.now() + timedelta(hours=2), warn=warnings.append)
    assert [s.title for s in found] == ["Acme Robotics is hiring a Chief Revenue Officer"]  # no "VP closed": page 2?
    assert any("one page of a longer listing" in w for w in warnings)


def test_a_board_longer_than_the_page_limit_is_read_as_partial(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    world = make(store, settings, clock, httpserver, "smartrecruiters", surge_count=1000)
    engineers = engineer_rows(210)
    serve_pages(world, [*engineers[20:], VP], page_size=10)  # 20 pages: the VP is on the last one read
    assert world.run().verb == "baseline"
    serve_pages(world, [*engineers, VP], page_size=10)  # 20 new roles push the VP to page 22, past the limit
    assert world.run().signals == ()  # the VP is not reported closed
    assert sum(1 for r, _ in httpserver.log if r.path == "/board") == 20


def test_a_role_still_listed_by_a_posting_met_again_unread_is_not_closed(
        store: Store, settings: Settings, clock: FakeClock, httpserver: HTTPServer) -> None:
    """A key role listed twice (an old id and its re-post): when the old id goes, the re-post that is still
    there, known by its digest and not read again, keeps the role open."""
    world = make(store, settings, clock, httpserver)
    world.check(AE)
    twice = ("32", *VP[1:])
    assert len(world.check(AE, VP, twice).signals) == 1
    assert world.check(AE, twice).signals == ()
    assert [s.title for s in world.check(AE).signals] == ["Acme Robotics closed its VP of Sales, North America posting"]
