"""Job boards for tests: each ATS's envelope built from simple rows, and a world that runs the real checker.

A row is (id, title, location, department); like a real board, a row keeps the date it was first served.
The builders follow the field names of the real payloads in tests/fixtures/<kind>/.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pytest_httpserver import HTTPServer
from sqlalchemy import select

from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.fetch import Fetcher
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.store.db import Store
from watcher.store.models import SignalRow
from watcher.watches import WatchSpec

Row = tuple[str, str, str, str]
Dated = list[tuple[Row, datetime]]
COMPANY = "Acme Robotics"


def greenhouse(rows: Dated) -> Any:
    jobs = [{"id": int(i), "title": t, "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{i}",
             "location": {"name": loc}, "departments": [{"id": 1, "name": d, "child_ids": [], "parent_id": None}],
             "company_name": COMPANY, "first_published": when.isoformat(), "updated_at": when.isoformat(),
             "content": "&lt;p&gt;Join us.&lt;/p&gt;"} for (i, t, loc, d), when in rows]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def lever(rows: Dated) -> Any:
    return [{"id": i, "text": t, "hostedUrl": f"https://jobs.lever.co/acme/{i}", "workplaceType": "onsite",
             "categories": {"location": loc, "department": d, "allLocations": [loc]},
             "createdAt": int(when.timestamp() * 1000), "descriptionPlain": "Join us."}
            for (i, t, loc, d), when in rows]


def ashby(rows: Dated) -> Any:
    return {"apiVersion": "1", "jobs": [{"id": i, "title": t, "department": d, "location": loc, "isListed": True,
                                         "isRemote": False, "workplaceType": "OnSite", "publishedAt": when.isoformat(),
                                         "jobUrl": f"https://jobs.ashbyhq.com/acme/{i}", "descriptionPlain": "Join us."}
                                        for (i, t, loc, d), when in rows]}


def workable(rows: Dated) -> Any:
    return {"name": COMPANY, "description": "Robots.", "jobs": [
        {"shortcode": i, "title": t, "department": d, "url": f"https://apply.workable.com/j/{i}", "city": loc,
         "state": "", "country": "", "telecommuting": False, "published_on": when.date().isoformat(),
         "created_at": when.date().isoformat()} for (i, t, loc, d), when in rows]}


def smartrecruiters(rows: Dated) -> Any:
    return {"offset": 0, "limit": 100, "totalFound": len(rows), "content": [
        {"id": i, "name": t, "company": {"identifier": "AcmeRobotics", "name": COMPANY},
         "location": {"fullLocation": loc, "remote": False, "hybrid": False}, "department": {"id": "1", "label": d},
         "releasedDate": when.isoformat()} for (i, t, loc, d), when in rows]}


def recruitee(rows: Dated) -> Any:
    return {"offers": [{"id": int(i), "title": t, "status": "published", "location": loc, "department": d,
                        "company_name": COMPANY, "careers_url": f"https://acme.recruitee.com/o/{i}", "remote": False,
                        "published_at": when.strftime("%Y-%m-%d %H:%M:%S UTC")} for (i, t, loc, d), when in rows]}


def careers_page(rows: Dated) -> str:
    postings = [{"@context": "https://schema.org", "@type": "JobPosting", "title": t,
                 "identifier": {"@type": "PropertyValue", "value": i}, "url": f"/careers/{i}",
                 "datePosted": when.isoformat(), "occupationalCategory": d,
                 "hiringOrganization": {"@type": "Organization", "name": COMPANY},
                 "jobLocation": {"@type": "Place", "address": loc}} for (i, t, loc, d), when in rows]
    return (f'<html><head><script type="application/ld+json">{json.dumps(postings)}</script></head>'
            f"<body><h1>Careers</h1></body></html>")


BUILDERS: dict[str, Callable[[Dated], Any]] = {
    "greenhouse": greenhouse, "lever": lever, "ashby": ashby, "workable": workable,
    "smartrecruiters": smartrecruiters, "recruitee": recruitee, "careers_page": careers_page}


def body(kind: str, rows: Dated) -> str:
    built = BUILDERS[kind](rows)
    return built if isinstance(built, str) else json.dumps(built)


class World:
    """One followed account (Acme Robotics, acme.io) watching one board on the local server."""

    def __init__(self, store: Store, settings: Settings, clock: FakeClock, server: HTTPServer, kind: str,
                 options: dict[str, Any] | None = None) -> None:
        self.store, self.settings, self.clock, self.server, self.kind = store, settings, clock, server, kind
        self.published: dict[str, datetime] = {}
        with store.session() as session:
            follow(session, "acme.io", name=COMPANY, now=clock.now(), settings=settings,
                   specs=[WatchSpec(kind=kind, target=server.url_for("/board"), options=options or {})])

    def serve(self, text: str, status: int = 200) -> None:
        self.server.clear()
        self.server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        self.server.expect_request("/board").respond_with_data(text, status=status)

    def check(self, *rows: Row) -> CheckOutcome:
        """Serve ``rows`` (each dated when first served), run one check pass, then let a day go by."""
        self.serve(body(self.kind, [(r, self.published.setdefault(r[0], self.clock.now())) for r in rows]))
        return self.run()

    def run(self) -> CheckOutcome:
        async def run() -> list[CheckOutcome]:
            async with Fetcher(self.settings.fetch, clock=self.clock) as fetcher:
                return await Checker(self.store, self.settings, fetcher, self.clock, "test").run_pass(force=True)

        outcome, = asyncio.run(run())
        self.clock.advance(days=1)
        return outcome

    def stored(self) -> list[SignalRow]:
        with self.store.session() as session:
            rows = list(session.scalars(select(SignalRow).order_by(SignalRow.id)))
            session.expunge_all()
            return rows
