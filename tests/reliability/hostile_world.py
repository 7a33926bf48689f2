"""A small world for hostile-input tests: local web servers whose routes can be swapped between passes,
healthy watches that keep publishing, and the real Checker (fetch → parse → detect → interpret → store → outbox).

Not a test module; tests/reliability/test_hostile_input.py builds on it.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from rules.loader import rules_from_settings
from tests.conftest import make_settings
from watcher.accounts import follow
from watcher.clock import FakeClock
from watcher.fetch import Fetcher
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.store.db import Store
from watcher.store.models import DeliveryRow, SignalRow, WatchRow
from watcher.watches import WatchSpec

Route = Callable[[Request], Response]
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LONG_AGO = START - timedelta(days=60)
HOSTILE = ("hostile.example", "Hostile Corp")


class _QuickServer(HTTPServer):
    """pytest-httpserver polling for shutdown every 20 ms instead of 500 (a world stops several servers)."""

    def thread_target(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=0.02)


class Web:
    """A threaded HTTP server on one loopback address; ``routes`` maps a path to a function and can be
    changed at any time. Every request path (with its query) is logged."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.server = _QuickServer(host=host, port=port, threaded=True)
        self.routes: dict[str, Route] = {}
        self.paths: list[str] = []

    def start(self) -> Web:
        self.server.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)
        self.server.start()
        return self

    def stop(self) -> None:
        if self.server.is_running():
            self.server.stop()

    @property
    def port(self) -> int:
        return int(self.server.port)

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def _dispatch(self, request: Request) -> Response:
        query = request.query_string.decode("latin-1")
        self.paths.append(request.path + (f"?{query}" if query else ""))
        route = self.routes.get(request.path)
        return route(request) if route else Response("no such page", status=404)


# --- content ------------------------------------------------------------------------------------------


def data(body: bytes | str, status: int = 200, content_type: str = "application/rss+xml",
         headers: dict[str, str] | None = None) -> Route:
    """A route answering ``body`` as is."""
    raw = body.encode() if isinstance(body, str) else body

    def route(_request: Request) -> Response:
        return Response(raw, status=status, headers={"Content-Type": content_type, **(headers or {})})

    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(_request: Request) -> Response:
        return Response(b"", status=status, headers={"Location": location})

    return route


def feed_xml(items: Sequence[tuple[str, str, datetime]], *, encoding: str = "UTF-8") -> str:
    """RSS 2.0 with items in Google News order (title, link, guid, pubDate, description)."""
    body = "".join(
        f"<item><title>{escape(title)}</title><link>https://news.example/{escape(guid)}</link>"
        f'<guid isPermaLink="false">{escape(guid)}</guid><pubDate>{format_datetime(when)}</pubDate>'
        f"<description>{escape(title)}</description></item>"
        for guid, title, when in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>news</title>'
            f"<link>https://news.example/</link><description>d</description>{body}</channel></rss>")


def board_json(jobs: Iterable[tuple[Any, str, str, datetime]]) -> str:
    """A Greenhouse Job Board API answer of (id, title, location, published) jobs."""
    out = [{"id": job_id, "title": title, "absolute_url": f"https://boards.example/jobs/{job_id}",
            "location": {"name": where}, "first_published": when.isoformat(), "updated_at": when.isoformat(),
            "departments": [{"name": "Sales"}], "content": "&lt;p&gt;Join us.&lt;/p&gt;"}
           for job_id, title, where, when in jobs]
    return json.dumps({"jobs": out, "meta": {"total": len(out)}})


def pricing_html(team_price: int = 49) -> str:
    return ("<!DOCTYPE html><html><head><title>Pricing</title></head><body><nav>Home</nav><main>"
            "<div class='plans'><div class='plan'><h3>Starter</h3><p>$19 per user / month</p></div>"
            f"<div class='plan'><h3>Team</h3><p>${team_price} per user / month</p></div>"
            "<div class='plan'><h3>Enterprise</h3><p>Contact sales</p></div></div></main>"
            "<footer>© 2026</footer></body></html>")


ALLOW_ALL = data("User-agent: *\nAllow: /\n", content_type="text/plain")


# --- the world ----------------------------------------------------------------------------------------


def migrated_template(directory: Path) -> Path:
    """A migrated, checkpointed SQLite file to copy for each world (migrating costs ~0.25 s, copying ~1 ms)."""
    path = directory / "template.db"
    if not path.exists():
        Store(f"sqlite:///{path}").dispose()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


class World:
    """Healthy watches (news feeds, Greenhouse boards, pricing pages on ``good``) that publish something new
    at every ``advance()``, the hostile account's watches on any other server, the real Checker."""

    def __init__(self, root: Path, template: Path, *, feeds: int = 12, boards: int = 2, pages: int = 2,
                 **sections: Any) -> None:
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(template, root / "watcher.db")
        fetch = {"allow_networks": ["127.0.0.1/32"], "max_body_bytes": 2_000_000, **sections.pop("fetch", {})}
        self.settings = make_settings(root, fetch=fetch, digests=[{"name": "daily", "recipients": ["lead@x.example"]}],
                                      **sections)
        self.store = Store(f"sqlite:///{root / 'watcher.db'}")
        self.rules = rules_from_settings(self.settings)
        self.clock = FakeClock(START)
        self.good = Web().start()
        self.servers = [self.good]
        self.version = 0
        self.born: dict[int, datetime] = {}
        self.healthy: dict[int, str] = {}
        self.good.routes["/robots.txt"] = ALLOW_ALL
        specs: list[WatchSpec] = []
        for i in range(feeds):
            self.good.routes[f"/feed/{i}"] = self._feed(i)
            specs.append(WatchSpec(kind="news", target=self.good.url(f"/feed/{i}"), options={"own": True}))
        for i in range(boards):
            self.good.routes[f"/board/{i}"] = self._board(i)
            specs.append(WatchSpec(kind="greenhouse", target=self.good.url(f"/board/{i}")))
        for i in range(pages):
            self.good.routes[f"/pricing/{i}"] = data(pricing_html(40 + i), content_type="text/html")
            specs.append(WatchSpec(kind="pricing_page", target=self.good.url(f"/pricing/{i}")))
        with self.store.session() as session:
            follow(session, "acme.io", name="Acme Robotics", now=self.clock.now(), settings=self.settings, specs=specs)
            for row in session.scalars(select(WatchRow)):
                self.healthy[row.id] = row.kind

    # content of the healthy sites: ``version`` new items on top of an old back catalogue
    def _feed(self, i: int) -> Route:
        def route(_request: Request) -> Response:
            items = [(f"acme-{i}-{v}", f"Acme Robotics ships build {i}.{v}", self.born[v])
                     for v in range(self.version, 0, -1)]
            items += [(f"acme-{i}-old-{k}", f"Acme Robotics archive {i}.{k}", LONG_AGO - timedelta(days=k))
                      for k in range(5)]
            return Response(feed_xml(items), content_type="application/rss+xml")

        return route

    def _board(self, i: int) -> Route:
        def route(_request: Request) -> Response:
            jobs = [(1_000_000 + 100 * i + k, "Software Engineer", f"Lisbon {k}", LONG_AGO) for k in range(5)]
            jobs += [(10_000 * (i + 1) + v, "VP of Sales", f"Berlin {i}-{v}", self.born[v])
                     for v in range(1, self.version + 1)]
            return Response(board_json(jobs), content_type="application/json")

        return route

    def web(self, host: str = "127.0.0.1", port: int = 0) -> Web:
        """Another server (another origin: its own robots.txt), stopped with the world."""
        server = Web(host, port).start()
        self.servers.append(server)
        return server

    def add(self, kind: str, target: str, options: dict[str, Any] | None = None,
            account: tuple[str, str] = HOSTILE) -> int:
        """A watch of the hostile account (news watches are its own feeds, so every item would be a signal)."""
        opts = {"own": True} if kind == "news" and options is None else dict(options or {})
        with self.store.session() as session:
            follow(session, account[0], name=account[1], now=self.clock.now(), settings=self.settings,
                   specs=[WatchSpec(kind=kind, target=target, options=opts)])
            row = session.scalars(select(WatchRow).where(WatchRow.target == target, WatchRow.kind == kind)).one()
            return row.id

    def advance(self, **delta: float) -> None:
        """Time passes (two hours unless told) and every healthy feed and board publishes one new item."""
        self.clock.advance(**(delta or {"hours": 2}))
        self.version += 1
        self.born[self.version] = self.clock.now()

    def check(self, ids: Sequence[int] | None = None) -> dict[int, CheckOutcome]:
        """One pass of the real Checker (a fresh Fetcher, as after a restart) over every watch, or ``ids``."""
        async def main() -> list[CheckOutcome]:
            async with Fetcher(self.settings.fetch, clock=self.clock) as fetcher:
                checker = Checker(self.store, self.settings, fetcher, self.clock, "hostile-test", self.rules)
                return await checker.run_pass(force=True, ids=ids)

        return {o.watch_id: o for o in asyncio.run(main())}

    # --- what the database holds ----------------------------------------------------------------------

    def watch(self, watch_id: int) -> WatchRow:
        with self.store.session() as session:
            row = session.get(WatchRow, watch_id)
            assert row is not None
            return row

    def signals(self, watch_ids: Iterable[int] | None = None) -> list[SignalRow]:
        with self.store.session() as session:
            query = select(SignalRow).order_by(SignalRow.id)
            if watch_ids is not None:
                query = query.where(SignalRow.watch_id.in_(list(watch_ids)))
            return list(session.scalars(query))

    def deliveries(self) -> list[DeliveryRow]:
        with self.store.session() as session:
            return list(session.scalars(select(DeliveryRow).order_by(DeliveryRow.id)))

    def stored_text(self) -> str:
        """Every value in the database as text, compressed snapshot bodies decompressed: for "never stored"."""
        path = self.store.engine.url.database
        assert path
        with sqlite3.connect(path) as conn:
            dump = "\n".join(conn.iterdump())
            bodies = [zlib.decompress(body).decode("utf-8", "replace")
                      for (body,) in conn.execute("SELECT body FROM snapshots WHERE body IS NOT NULL")]
        return "\n".join([dump, *bodies])

    def assert_healthy_carried_on(self, outcomes: dict[int, CheckOutcome], *, published: bool = True) -> None:
        """Every healthy watch was checked without error; after ``advance()`` each feed and board found its
        one new item and each feed stored its signal."""
        for watch_id, kind in self.healthy.items():
            outcome = outcomes[watch_id]
            assert outcome.error is None, (kind, outcome.error)
            if kind == "pricing_page":
                assert outcome.verb in ("baseline", "unchanged"), outcome
            elif published:
                assert outcome.verb == "new", outcome
                assert len(outcome.signals) == 1, outcome
            else:
                assert outcome.verb in ("baseline", "unchanged"), outcome

    def close(self) -> None:
        for server in self.servers:
            server.stop()
        self.store.dispose()


def counted(chunks: Iterator[bytes], counter: list[int]) -> Iterator[bytes]:
    """Pass ``chunks`` through, adding the bytes produced to ``counter[0]`` (what the server really sent)."""
    for chunk in chunks:
        counter[0] += len(chunk)
        yield chunk
