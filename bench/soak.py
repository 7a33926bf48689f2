#!/usr/bin/env python3
"""Soak: a simulated month of watcher on an accelerated clock, to see that memory and the database stay bounded.

    .venv/bin/python bench/soak.py                                   # 5,000 watches, 30 days, 1 pass a day
    .venv/bin/python bench/soak.py --watches 600 --days 10 --checks-per-day 2    # a quick look

The real check path (one Fetcher, one Checker, one Deliverer, built once and reused as in the daemon) runs on
a FakeClock that jumps from pass to pass, on SQLite in a temp dir. The simulated web runs in a child process
on 127.0.0.1 (its CPU is not ours), with a Slack-compatible server and an SMTP server (watcher/demo/sinks.py).
Its sites are a third each news feeds (ETag, 304), Greenhouse-style boards (ETag, 304) and pricing pages
(always 200). Every simulated day about 5% of the sites change (a new item, a new posting, a new price); some
answer 500 for a few days then recover, some 404 for ever from some day on, a few hang past the fetch deadline
for a day or two. Each pass (--checks-per-day a simulated day) is followed, confirm_after later, by a pass over
what is due again (changed pricing pages to confirm, failed sites whose backoff ran out), as the daemon's tick
would. Deliveries go through the built-in rules plus two of the bench's own (news to Slack, pricing to e-mail) and
Deliverer.flush runs after every pass; retention (watcher.retention.prune) runs once a simulated day with a short
retention (--retention-days, 7) so that its effect shows within the month.

Printed per simulated day: RSS, database size (file + WAL), rows per table, checks per second and CPU per
check, verbs, changes the web made versus changes watcher reported (missed / false), signals, deliveries,
what retention removed. At the end: RSS growth after warm-up (goal < 10% and < 200 MB), whether each
table is bounded, and how long the run took. The last line is one JSON object with every figure.
Nothing is asserted: benchmarks report numbers, tests assert behaviour (DESIGN.md §9); never run by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.request import ProxyHandler, Request, build_opener

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS = ("feed", "board", "page")
WATCH_KIND = {"feed": "news", "board": "greenhouse", "page": "pricing_page"}
START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # day 0 of the simulated month
DAY = 86400.0
GOALS = {"rss_growth_pct": 10.0, "rss_growth_mb": 200.0}

# --- the plan: what every site does on every day (computed alike in both processes) --------------------


@dataclass(slots=True)
class SitePlan:
    changes: list[int]  # days on which the site publishes something new
    trouble: list[tuple[int, int, str]]  # (first day, last day, "500" | "404" | "hang")

    def version(self, day: int) -> int:
        return sum(1 for d in self.changes if d <= day)

    def status(self, day: int) -> str:
        for first, last, what in self.trouble:
            if first <= day <= last:
                return what
        return "ok"


def split(watches: int) -> dict[str, int]:
    third = watches // 3
    return {"feed": watches - 2 * third, "board": third, "page": third}


def make_plan(kind: str, i: int, days: int, seed: int, change_rate: float) -> SitePlan:
    rng = random.Random(f"{seed}/{kind}/{i}")
    changes = [d for d in range(1, days) if rng.random() < change_rate]
    trouble: list[tuple[int, int, str]] = []
    roll = rng.random()
    if roll < 0.03 and days > 4:  # flaky: 500 for 2-4 days, then fine again
        first = rng.randrange(1, days - 3)
        trouble.append((first, first + rng.randint(1, 3), "500"))
    elif roll < 0.04 and days > 2:  # gone: 404 from some day on, for ever
        trouble.append((rng.randrange(1, days), 10**6, "404"))
    elif roll < 0.043 and days > 2:  # hangs past the fetch deadline for a day or two
        first = rng.randrange(1, days)
        trouble.append((first, first + rng.randint(0, 1), "hang"))
    return SitePlan(changes, trouble)


def plans(counts: dict[str, int], days: int, seed: int, change_rate: float) -> dict[tuple[str, int], SitePlan]:
    return {(kind, i): make_plan(kind, i, days, seed, change_rate) for kind in KINDS for i in range(counts[kind])}


# --- the simulated web (child process: `soak.py --serve`) -------------------------------------------------

PREFIXES = ("Acme", "Nimbus", "Vertex", "Northwind", "Bluefin", "Quanta", "Helix", "Orbital", "Cobalt", "Lumen")
SUFFIXES = ("Labs", "Analytics", "Robotics", "Cloud", "Data", "Systems", "AI", "Software", "Networks", "Health")
LEADERS = ("VP of Sales", "Head of Marketing", "Director of Customer Success", "VP Revenue Operations")
ROLES = ("Software Engineer", "Account Executive", "Product Designer", "Data Scientist", "Support Engineer",
         "Site Reliability Engineer", "Recruiter", "Technical Writer")
FEATURES = ("Unlimited projects", "Single sign-on (SAML)", "Audit log", "Role-based access", "API access", "Webhooks",
            "Priority support", "99.9% uptime SLA", "Data residency", "Advanced analytics", "Custom roles",
            "Slack integration", "Salesforce integration", "Sandbox workspaces", "Version history")


def company(i: int) -> str:
    n = i // (len(PREFIXES) * len(SUFFIXES))
    base = f"{PREFIXES[i % len(PREFIXES)]} {SUFFIXES[(i // len(PREFIXES)) % len(SUFFIXES)]}"
    return f"{base} {n + 1}" if n else base


def stamp(day: int, i: int) -> datetime:
    return START + timedelta(days=day, minutes=(i * 37) % 600)


def feed_body(i: int, plan: SitePlan, day: int) -> bytes:
    name = company(i)
    items = [(f"f{i}-d{d}", (f"{name} raises ${5 + d % 40}M Series {'ABC'[d % 3]}" if d % 10 == 3
                             else f"{name} ships release {d}.{i % 7}"), stamp(d, i)) for d in plan.changes if d <= day]
    items.reverse()
    items += [(f"f{i}-old-{j}", f"{name} archive post {j}", START - timedelta(days=10 + 3 * j)) for j in range(20)]
    body = "".join(
        f"<item><title>{escape(t)}</title><link>https://{i}.example.com/blog/{g}</link>"
        f'<guid isPermaLink="false">{g}</guid><pubDate>{format_datetime(w)}</pubDate>'
        f"<description>{escape(t)}. More about it on our blog.</description></item>" for g, t, w in items[:20])
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(name)} blog</title>'
            f"<link>https://{i}.example.com/blog</link><description>news</description>{body}</channel></rss>").encode()


def board_body(i: int, plan: SitePlan, day: int) -> bytes:
    rng = random.Random(f"board/{i}")
    jobs = [(100_000 * (i + 1) + j, rng.choice(ROLES), START - timedelta(days=rng.randint(5, 60)))
            for j in range(rng.randint(8, 24))]
    for d in plan.changes:
        if d > day:
            break
        drng = random.Random(f"board/{i}/{d}")
        jobs.append((100_000 * (i + 1) + 1000 + d, drng.choice(LEADERS) if drng.random() < 0.3 else drng.choice(ROLES),
                     stamp(d, i)))
        if drng.random() < 0.3 and len(jobs) > 5:
            jobs.pop(0)  # a role filled: its posting closes
    out = [{"id": job_id, "title": title, "absolute_url": f"https://boards.example/{i}/jobs/{job_id}",
            "location": {"name": ("Berlin", "London", "New York, NY", "Remote - US")[job_id % 4]},
            "departments": [{"name": "Sales" if "Sales" in title or "Account" in title else "Engineering"}],
            "first_published": when.isoformat(), "updated_at": when.isoformat(), "company_name": company(i),
            "content": "&lt;p&gt;Join us to build the future of work.&lt;/p&gt;"} for job_id, title, when in jobs]
    return json.dumps({"jobs": out, "meta": {"total": len(out)}}).encode()


def page_body(i: int, plan: SitePlan, day: int) -> bytes:
    rng = random.Random(f"page/{i}")
    base = rng.choice((9, 12, 15, 19, 25))
    team = base * 3 + 4 + 5 * plan.version(day)
    plans_html = []
    for name, price in (("Starter", base), ("Team", team), ("Business", base * 7 + 9)):
        features = "".join(f"<li>{f}</li>" for f in rng.sample(FEATURES, 8))
        plans_html.append(f'<div class="plan-card"><h3>{name}</h3><p class="price"><span>${price}</span> per user / '
                          f'month</p><p>${price * 10} per user, billed annually</p><ul>{features}</ul>'
                          f'<a class="btn" href="/signup?plan={name.lower()}">Start free trial</a></div>')
    plans_html.append('<div class="plan-card"><h3>Enterprise</h3><p class="price">Custom pricing</p>'
                      '<a class="btn" href="/contact">Contact sales</a></div>')
    faq = "".join(f"<details><summary>Question {k} about {company(i)}?</summary><p>"
                  + " ".join(rng.choice(FEATURES).lower() for _ in range(30)) + "</p></details>" for k in range(8))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pricing | {company(i)}</title>'
            f'</head><body><nav><a href="/">{company(i)}</a> <a href="/product">Product</a></nav><main>'
            f'<h1>Simple pricing</h1><section id="pricing" class="plans">{"".join(plans_html)}</section>'
            f'<section class="faq">{faq}</section></main><footer>© 2026 {company(i)}</footer></body></html>').encode()


BODIES = {"feed": feed_body, "board": board_body, "page": page_body}
CONTENT_TYPES = {"feed": "application/rss+xml", "board": "application/json", "page": "text/html"}


class SimWeb:
    def __init__(self, counts: dict[str, int], days: int, seed: int, change_rate: float, hang: float) -> None:
        self.counts, self.days, self.hang = counts, days, hang
        self.plans = plans(counts, days, seed, change_rate)
        self.day = 0
        self.cache: dict[tuple[str, int], tuple[int, bytes]] = {}
        self.stats: Counter[str] = Counter()
        self.slack: Any = None
        self.mail: Any = None

    async def site(self, request: Any) -> Any:
        from aiohttp import web

        kind, raw = request.match_info["kind"], request.match_info["i"]
        kind = {"f": "feed", "b": "board", "p": "page"}.get(kind, "")
        if not kind or not raw.isdigit() or int(raw) >= self.counts[kind]:
            raise web.HTTPNotFound()
        i = int(raw)
        plan = self.plans[(kind, i)]
        status = plan.status(self.day)
        self.stats[f"{kind}:{status}"] += 1
        if status == "hang":
            await asyncio.sleep(self.hang)
        elif status in ("500", "404"):
            return web.Response(status=int(status), text=f"<html><body>Error {status}</body></html>",
                                content_type="text/html")
        version = plan.version(self.day)
        cached = self.cache.get((kind, i))
        if cached is None or cached[0] != version:
            cached = self.cache[(kind, i)] = (version, BODIES[kind](i, plan, self.day))
        if kind != "page":
            etag = f'"{kind}-{i}-{version}"'
            if request.headers.get("If-None-Match") == etag:
                self.stats["304"] += 1
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=cached[1], content_type=CONTENT_TYPES[kind], headers={"ETag": etag})
        return web.Response(body=cached[1], content_type=CONTENT_TYPES[kind])

    async def robots(self, request: Any) -> Any:
        from aiohttp import web

        return web.Response(text="User-agent: *\nDisallow: /admin\n")

    async def set_day(self, request: Any) -> Any:
        from aiohttp import web

        self.day = int(request.match_info["day"])
        return web.json_response({"day": self.day})

    async def sinks(self, request: Any) -> Any:
        """How many Slack posts and e-mails arrived since the last call (the lists are emptied)."""
        from aiohttp import web

        slack, mail = len(self.slack.posts), len(self.mail.messages)
        self.slack.posts.clear()
        self.mail.messages.clear()
        stats, self.stats = dict(self.stats), Counter()
        return web.json_response({"slack": slack, "mail": mail, "requests": stats})


async def serve(args: argparse.Namespace) -> None:
    from aiohttp import web

    from watcher.demo.sinks import MailSink, SlackSink

    sim = SimWeb(split(args.watches), args.days, args.seed, args.change_rate, args.hang)
    sim.slack, sim.mail = SlackSink().start(), MailSink().start()
    app = web.Application()
    app.add_routes([web.get("/robots.txt", sim.robots), web.get("/{kind}/{i}/{name}", sim.site),
                    web.post("/_day/{day}", sim.set_day), web.get("/_sinks", sim.sinks)])
    runner = web.AppRunner(app, access_log=None, handle_signals=True)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
    await site.start()
    print(json.dumps({"web": runner.addresses[0][1], "slack": sim.slack.api_url, "mail": sim.mail.port}), flush=True)
    await asyncio.Event().wait()


class WebProcess:
    """The simulated web's process, seen from the soak."""

    def __init__(self, args: argparse.Namespace) -> None:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--serve", "--watches", str(args.watches),
               "--days", str(args.days), "--seed", str(args.seed), "--change-rate", str(args.change_rate),
               "--hang", str(args.hang)]
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        try:
            ports = json.loads(line)
        except json.JSONDecodeError:
            self.proc.kill()
            raise RuntimeError(f"the simulated web did not start: {line!r}") from None
        self.base = f"http://127.0.0.1:{ports['web']}"
        self.slack_api, self.mail_port = str(ports["slack"]), int(ports["mail"])
        self._http = build_opener(ProxyHandler({}))

    def call(self, path: str, method: str = "GET") -> Any:
        request = Request(self.base + path, method=method, data=b"" if method == "POST" else None)
        with self._http.open(request, timeout=60) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --- watcher's side ---------------------------------------------------------------------------------------

RULES = """
[[rule]]
name = "soak-news"
description = "Every news item of a followed account, to Slack."
kinds = ["news", "funding"]
priority = "low"
routes = ["slack:#news"]

[[rule]]
name = "soak-pricing"
description = "Every pricing change, by e-mail."
kinds = ["pricing_change"]
priority = "normal"
routes = ["email:pricing@seller.example"]
"""


def soak_settings(args: argparse.Namespace, tmp: Path, web: WebProcess) -> Any:
    from watcher.config import settings_from_dict

    (tmp / "soak_rules.toml").write_text(RULES)
    interval = DAY / args.checks_per_day * 0.9  # with 5% jitter every watch is due at every pass
    return settings_from_dict({
        "database": {"path": str(tmp / "soak.db"), "url_env": "SOAK_NO_DATABASE_URL",
                     "retention": args.retention_days * DAY},
        "fetch": {"allow_networks": ["127.0.0.1/32"], "per_host_interval": 0, "per_host_concurrency": 64,
                  "concurrency": 64, "deadline": args.deadline, "connect_timeout": args.deadline,
                  "read_timeout": args.deadline},
        "news": {"google_news": False},
        "schedule": {"intervals": {kind: interval for kind in WATCH_KIND.values()}, "jitter": 0.05,
                     "batch": args.watches, "concurrency": 32, "lease": 3600, "backoff_base": 600,
                     "broken_after": 5},
        "rules": {"files": ["soak_rules.toml"], "group_window": 60},
        "slack": {"base_url": web.slack_api, "token_env": "SOAK_SLACK_TOKEN", "default_channel": "#signals"},
        "email": {"host": "127.0.0.1", "port": web.mail_port, "security": "none", "sender": "watcher@seller.example"},
        "delivery": {"admin_route": "email:ops@seller.example", "backoff_base": 60},
    }, source="soak", base_dir=tmp)


def populate(store: Any, settings: Any, now: datetime, base: str, counts: dict[str, int]) -> dict[int, tuple[str, int]]:
    """One account per three sites (a feed, a board, a page): the watches, and which site each one watches."""
    from sqlalchemy import select

    from watcher.accounts import follow
    from watcher.store.models import WatchRow
    from watcher.watches import WatchSpec

    paths = {"feed": "/f/{i}/feed.xml", "board": "/b/{i}/jobs", "page": "/p/{i}/pricing"}
    accounts = max(counts.values())
    with store.session() as session:
        for a in range(accounts):
            specs = [WatchSpec(kind=WATCH_KIND[k], target=base + paths[k].format(i=a),
                               options={"own": True} if k == "feed" else {}) for k in KINDS if a < counts[k]]
            follow(session, f"account-{a}.example.com", name=company(a), now=now, settings=settings, specs=specs)
    sites: dict[int, tuple[str, int]] = {}
    with store.session() as session:
        for watch_id, target in session.execute(select(WatchRow.id, WatchRow.target)):
            kind = {"f": "feed", "b": "board", "p": "page"}[target[len(base) + 1]]
            sites[watch_id] = (kind, int(target[len(base):].split("/")[2]))
    return sites


def rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def db_mb(path: Path) -> tuple[float, float]:
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size / 2**20, (wal.stat().st_size if wal.exists() else 0) / 2**20


def row_counts(store: Any) -> dict[str, int]:
    from sqlalchemy import func, select

    from watcher.store.models import Base

    with store.session() as session:
        return {t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in Base.metadata.sorted_tables}


@dataclass(slots=True)
class Day:
    day: int
    checks: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    verbs: Counter[str] = field(default_factory=Counter)
    notices: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    expected_changes: int = 0
    reported_changes: int = 0
    missed: int = 0
    missed_kinds: Counter[str] = field(default_factory=Counter)
    false_changes: int = 0
    unexpected_errors: int = 0
    unexpected: Counter[str] = field(default_factory=Counter)  # errors of sites planned to be fine, by reason
    signals: int = 0
    sent: int = 0
    retried: int = 0
    parked: int = 0
    pruned: dict[str, int] = field(default_factory=dict)
    sinks: dict[str, Any] = field(default_factory=dict)
    rss_mb: float = 0.0
    db_mb: float = 0.0
    wal_mb: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        rows = " ".join(f"{k}={v}" for k, v in self.rows.items() if k not in ("digest_runs",))
        return (f"day {self.day:>3} | rss {self.rss_mb:6.1f} MB | db {self.db_mb:6.1f} MB (+wal {self.wal_mb:5.1f}) | "
                f"{self.checks:>5} checks {self.checks / max(self.wall, 1e-9):6.0f}/s "
                f"{self.cpu / max(self.checks, 1) * 1000:5.2f} ms cpu | {dict(self.verbs)} | "
                f"changes {self.reported_changes}/"
                f"{self.expected_changes} missed {self.missed}{dict(+self.missed_kinds) or ''} "
                f"false {self.false_changes} | "
                f"signals {self.signals} sent {self.sent} (slack {self.sinks.get('slack', 0)}, mail "
                f"{self.sinks.get('mail', 0)}) | errors {sum(self.errors.values())} unexpected "
                f"{self.unexpected_errors}{dict(self.unexpected) or ''} | notices {dict(self.notices)} | "
                f"pruned {self.pruned} | {rows}")


class Tracker:
    """What the web did versus what watcher said: a change is expected when the site's version moved since the
    last successful check of its watch."""

    def __init__(self, sites: dict[int, tuple[str, int]], plans_: dict[tuple[str, int], SitePlan]) -> None:
        self.sites, self.plans = sites, plans_
        self.seen: dict[int, int] = {}

    def account(self, outcome: Any, day: int, stats: Day) -> None:
        site = self.sites[outcome.watch_id]
        plan = self.plans[site]
        stats.verbs[outcome.verb] += 1
        if outcome.notice:
            stats.notices[outcome.notice] += 1
        if outcome.verb == "error":
            reason = (outcome.error or "?").split(": ", 1)[-1][:60]
            stats.errors[reason] += 1
            if plan.status(day) == "ok":
                stats.unexpected_errors += 1
                stats.unexpected[reason] += 1
            return
        if outcome.verb == "pending":
            return  # a change held until a re-fetch confirms it: judged then
        version, last = plan.version(day), self.seen.get(outcome.watch_id)
        self.seen[outcome.watch_id] = version
        moved = last is not None and version > last
        reported = outcome.verb in ("new", "changed")
        stats.expected_changes += moved
        stats.reported_changes += reported and moved
        stats.missed += moved and not reported
        stats.missed_kinds[WATCH_KIND[site[0]]] += moved and not reported
        stats.false_changes += reported and not moved


async def check_due(checker: Any, tracker: Tracker, day: int, stats: Day) -> None:
    """Check every due watch (several claims if need be), timed."""
    cpu, wall = time.process_time(), time.perf_counter()
    while outcomes := await checker.run_pass():
        for outcome in outcomes:
            tracker.account(outcome, day, stats)
            stats.signals += len(outcome.new_signal_ids)
        stats.checks += len(outcomes)
    stats.wall += time.perf_counter() - wall
    stats.cpu += time.process_time() - cpu


async def flush(deliverer: Any, stats: Day) -> None:
    """Send every due message (several batches if need be)."""
    while True:
        report = await deliverer.flush()
        stats.sent, stats.retried, stats.parked = (stats.sent + report.sent, stats.retried + report.retried,
                                                   stats.parked + report.parked)
        if not (report.sent or report.retried or report.parked):
            return


async def soak(args: argparse.Namespace, tmp: Path, web: WebProcess) -> dict[str, Any]:
    from rules.loader import rules_from_settings
    from watcher.clock import FakeClock
    from watcher.daemon import collect_less_often
    from watcher.fetch import Fetcher
    from watcher.notify.base import Notifier
    from watcher.notify.email import EmailNotifier
    from watcher.notify.slack import SlackNotifier
    from watcher.pipeline.check import Checker
    from watcher.pipeline.deliver import Deliverer
    from watcher.retention import prune
    from watcher.store.db import Store

    collect_less_often()  # as `watcher run` does
    settings = soak_settings(args, tmp, web)
    db = tmp / "soak.db"
    store = Store(f"sqlite:///{db}")
    clock = FakeClock(START)
    counts = split(args.watches)
    started = time.perf_counter()
    sites = populate(store, settings, clock.now(), web.base, counts)
    print(f"{len(sites)} watches ({', '.join(f'{n} {WATCH_KIND[k]}' for k, n in counts.items())}) on "
          f"{max(counts.values())} accounts, set up in {time.perf_counter() - started:.1f} s; database {db}",
          flush=True)
    tracker = Tracker(sites, plans(counts, args.days, args.seed, args.change_rate))
    rules = rules_from_settings(settings)
    notifiers: dict[str, Notifier] = {"slack": SlackNotifier(settings, {"SOAK_SLACK_TOKEN": "xoxb-soak-token"}),
                                      "email": EmailNotifier(settings, {})}
    days: list[Day] = []
    async with Fetcher(settings.fetch, clock=clock) as fetcher:
        checker = Checker(store, settings, fetcher, clock, "soak", rules)
        deliverer = Deliverer(store, settings, notifiers, clock, "soak", rules)
        for day in range(args.days):
            web.call(f"/_day/{day}", "POST")
            stats = Day(day)
            for n in range(args.checks_per_day):
                clock.set(START + timedelta(days=day, seconds=n * DAY / args.checks_per_day))
                await check_due(checker, tracker, day, stats)
                clock.advance(seconds=settings.rules.group_window + 60)  # the grouping window has passed
                await flush(deliverer, stats)
                # As the daemon's tick would: re-fetch the changed pricing pages to confirm them (and retry what
                # failed, its backoff permitting) once confirm_after has passed.
                clock.advance(seconds=settings.schedule.confirm_after * 1.1)
                await check_due(checker, tracker, day, stats)
                clock.advance(seconds=settings.rules.group_window + 60)
                await flush(deliverer, stats)
            with store.session() as session:
                stats.pruned = prune(session, now=clock.now(), keep_for=settings.database.retention)
            stats.sinks = web.call("/_sinks")
            stats.rss_mb = rss_mb()
            stats.db_mb, stats.wal_mb = db_mb(db)
            stats.rows = row_counts(store)
            days.append(stats)
            print(stats.line(), flush=True)
    store.dispose()
    return summary(args, days, time.perf_counter() - started)


def bounded(series: list[int]) -> tuple[bool, float]:
    """A table is bounded when its last week grows by less than 5% of its size (and a few rows); returns
    (bounded, rows added per day over the last week)."""
    week = min(7, len(series) - 1)
    if week < 1:
        return True, 0.0
    growth = series[-1] - series[-1 - week]
    return growth <= max(0.05 * series[-1], 50), growth / week


def summary(args: argparse.Namespace, days: list[Day], elapsed: float) -> dict[str, Any]:
    warm = max(1, args.days // 10)
    rss = [d.rss_mb for d in days]
    base = rss[min(warm, len(rss) - 1)]
    growth_mb, worst = rss[-1] - base, max(rss[min(warm, len(rss) - 1):]) - base
    tables = {name: [d.rows.get(name, 0) for d in days] for name in days[-1].rows}
    bounds = {name: bounded(series) for name, series in tables.items()}
    retention_kicks_in = args.retention_days + 1
    checks, wall, cpu = sum(d.checks for d in days), sum(d.wall for d in days), sum(d.cpu for d in days)
    result: dict[str, Any] = {
        "watches": args.watches, "days": args.days, "checks_per_day": args.checks_per_day,
        "retention_days": args.retention_days, "elapsed_s": round(elapsed, 1), "checks": checks,
        "checks_per_s": round(checks / max(wall, 1e-9), 1), "cpu_ms_per_check": round(cpu / max(checks, 1) * 1000, 2),
        "rss_mb": {"after_warmup_day": warm, "at_warmup": round(base, 1), "final": round(rss[-1], 1),
                   "max_after_warmup": round(base + worst, 1), "peak_hwm": round(peak_rss_mb(), 1),
                   "growth_mb": round(growth_mb, 1), "growth_pct": round(100 * growth_mb / base, 1),
                   "worst_growth_pct": round(100 * worst / base, 1)},
        "db_mb": {"final": round(days[-1].db_mb, 1), "wal_final": round(days[-1].wal_mb, 1),
                  "growth_last_week": round(days[-1].db_mb - days[max(0, len(days) - 8)].db_mb, 2),
                  "at_retention": round(days[min(retention_kicks_in, len(days) - 1)].db_mb, 1)},
        "rows_final": days[-1].rows,
        "tables": {name: {"bounded": ok, "rows_per_day_last_week": round(rate, 1)} for name, (ok, rate) in
                   bounds.items()},
        "changes": {"expected": sum(d.expected_changes for d in days),
                    "reported": sum(d.reported_changes for d in days),
                    "missed": sum(d.missed for d in days), "false": sum(d.false_changes for d in days),
                    "missed_by_kind": dict(+sum((d.missed_kinds for d in days), Counter()))},
        "notices": dict(sum((d.notices for d in days), Counter())),
        "errors": sum(sum(d.errors.values()) for d in days),
        "unexpected_errors": sum(d.unexpected_errors for d in days),
        "unexpected_by_reason": dict(sum((d.unexpected for d in days), Counter())),
        "signals": sum(d.signals for d in days), "sent": sum(d.sent for d in days),
        "slack_posts": sum(d.sinks.get("slack", 0) for d in days), "emails": sum(d.sinks.get("mail", 0) for d in days),
        "pruned": dict(sum((Counter(d.pruned) for d in days), Counter())),
    }
    ok_rss = result["rss_mb"]["worst_growth_pct"] < GOALS["rss_growth_pct"] and worst < GOALS["rss_growth_mb"]
    result["goals"] = {"rss": "PASS" if ok_rss else "MISS",
                       "db_bounded_by_retention": all(bounds[t][0] for t in ("seen_items", "snapshots") if t in bounds)}
    return result


def print_summary(result: dict[str, Any]) -> None:
    r = result["rss_mb"]
    print(f"\n{result['checks']} checks of {result['watches']} watches over {result['days']} simulated days in "
          f"{result['elapsed_s']:.0f} s ({result['checks_per_s']:.0f} checks/s, {result['cpu_ms_per_check']} ms CPU "
          "per check)")
    print(f"RSS after warm-up (day {r['after_warmup_day']}): {r['at_warmup']} MB -> {r['final']} MB at the end, "
          f"{r['max_after_warmup']} MB at most: growth {r['growth_mb']} MB ({r['growth_pct']}%), worst "
          f"{r['worst_growth_pct']}%; peak {r['peak_hwm']} MB. Goal < {GOALS['rss_growth_pct']:.0f}% and < "
          f"{GOALS['rss_growth_mb']:.0f} MB: {result['goals']['rss']}")
    d = result["db_mb"]
    print(f"database: {d['at_retention']} MB when retention starts to bite, {d['final']} MB at the end "
          f"(+ WAL {d['wal_final']} MB), {d['growth_last_week']:+} MB over the last week")
    for name, info in result["tables"].items():
        print(f"  {name:<12} {result['rows_final'].get(name, 0):>9} rows  {'bounded' if info['bounded'] else 'GROWING'}"
              f" ({info['rows_per_day_last_week']:+.0f} rows/day over the last week)")
    print(f"bounded by retention (seen_items, snapshots): {result['goals']['db_bounded_by_retention']}")
    c = result["changes"]
    print(f"changes: {c['reported']} of {c['expected']} reported, {c['missed']} missed {c['missed_by_kind']}, "
          f"{c['false']} false; notices "
          f"{result['notices']}; errors {result['errors']} ({result['unexpected_errors']} not planned: "
          f"{result['unexpected_by_reason']}); signals "
          f"{result['signals']}, messages sent {result['sent']} (Slack {result['slack_posts']}, e-mail "
          f"{result['emails']}); pruned {result['pruned']}")
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--watches", type=int, default=5000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--checks-per-day", type=int, default=1, help="passes per simulated day")
    parser.add_argument("--retention-days", type=float, default=7)
    parser.add_argument("--change-rate", type=float, default=0.05, help="share of the sites changing per day")
    parser.add_argument("--deadline", type=float, default=2.0, help="fetch deadline (s); hanging sites outlast it")
    parser.add_argument("--hang", type=float, default=4.0, help="how long a hanging site holds the request (s)")
    parser.add_argument("--seed", type=int, default=20260302)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, log)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args))
        return
    tmp = Path(tempfile.mkdtemp(prefix="watcher-soak-"))
    logging.basicConfig(filename=tmp / "soak.log", level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    print(f"soak: {args.watches} watches, {args.days} days, {args.checks_per_day} pass(es) a day, retention "
          f"{args.retention_days:g} days, {args.change_rate:.0%} of sites changing a day; log {tmp / 'soak.log'}",
          flush=True)
    web = WebProcess(args)
    try:
        result = asyncio.run(soak(args, tmp, web))
    finally:
        web.stop()
        if not args.keep:
            for path in sorted(tmp.iterdir()):
                path.unlink()
            tmp.rmdir()
    print_summary(result)


if __name__ == "__main__":
    main()
