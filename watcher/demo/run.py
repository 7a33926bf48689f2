"""`watcher demo`: the real pipeline against a simulated web on a throwaway SQLite database,
delivering to a local Slack-compatible sink and a local SMTP sink."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from rules.loader import rules_from_settings
from watcher.accounts import apply_icp, follow
from watcher.clock import SystemClock
from watcher.config import Settings, settings_from_dict
from watcher.daemon import Daemon, process_owner
from watcher.demo.script import COMPANIES, COMPETITOR, STEPS
from watcher.demo.sinks import MailSink, SlackSink
from watcher.demo.web import DemoWeb
from watcher.fetch import Fetcher
from watcher.notify.base import Notifier
from watcher.notify.email import EmailNotifier
from watcher.notify.slack import SlackNotifier
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.pipeline.deliver import Deliverer
from watcher.pipeline.digest import DigestRunner, build, period_for
from watcher.store.db import Store
from watcher.watches import WatchSpec, sync_competitors, sync_config_feeds

DEMO_TOKEN = {"WATCHER_DEMO_SLACK_TOKEN": "xoxb-demo-token"}


def demo_settings(base: str, folder: Path, interval: float, slack: SlackSink, mail: MailSink,
                  group_window: float) -> Settings:
    data = {
        "database": {"path": str(folder / "demo.db"), "url_env": "WATCHER_DEMO_DATABASE_URL_UNUSED"},
        "fetch": {"allow_networks": ["127.0.0.0/8"], "per_host_interval": 0, "per_host_concurrency": 16,
                  "contact": "https://example.invalid/watcher-demo"},
        "schedule": {"tick": 1, "backoff_base": interval,
                     "intervals": {"news": interval, "greenhouse": interval, "pricing_page": interval,
                                   "reviews_page": interval, "reddit": interval}, "confirm_after": interval},
        "icp": {"industries": ["Software", "SaaS"], "employees": {"min": 50, "max": 5000},
                "countries": ["US", "GB", "CA"]},
        "news": {"google_news_url": f"{base}/search?q={{query}}"},
        "feeds": [{"url": f"{base}/feeds/wire.xml", "name": "Demo venture wire"}],
        "rules": {"group_window": group_window},
        "slack": {"base_url": slack.api_url, "token_env": "WATCHER_DEMO_SLACK_TOKEN", "default_channel": "#signals"},
        "email": {"host": "127.0.0.1", "port": mail.port, "security": "none", "sender": "watcher@demo.example"},
        "delivery": {"tick": 1, "admin_route": "email:ops@seller.example"},
        "digests": [{"name": "daily", "recipients": ["owners", "revops@seller.example"], "at": "08:00"}],
        "competitors": [{"name": COMPETITOR[0], "domain": COMPETITOR[1], "aliases": ["Initech CRM"],
                         "sources": [{"kind": "reviews_page", "target": f"{base}/reviews/initech",
                                      "platform": "G2"},
                                     f"reddit:{base}/reddit/search?q=initech&sort=new"]}],
    }
    return settings_from_dict(data, source="demo", base_dir=folder)


def demo_notifiers(settings: Settings) -> dict[str, Notifier]:
    return {"slack": SlackNotifier(settings, DEMO_TOKEN), "email": EmailNotifier(settings, {})}


def seed(store: Store, settings: Settings, base: str) -> None:
    """Follow the demo companies with their blogs, boards and pricing pages, and add the global wire feed."""
    now = SystemClock().now()
    with store.session() as session:
        for c in COMPANIES:
            specs = [WatchSpec(kind="news", target=f"{base}/feeds/{c.slug}.xml", options={"own": True}),
                     WatchSpec(kind="greenhouse", target=f"{base}/boards/{c.slug}.json"),
                     WatchSpec(kind="pricing_page", target=f"{base}/pricing/{c.slug}")]
            if c.slug == "globex":
                specs = specs[:1]
            account, _, _ = follow(session, c.domain, name=c.name, now=now, settings=settings, specs=specs)
            account.industry, account.employees, account.country = c.industry, c.employees, c.country
            account.owner_email, account.owner_slack = c.owner_email, c.owner_slack
            apply_icp(account, settings)
        sync_config_feeds(session, settings, now)
        sync_competitors(session, settings, now)


def show(console: Console, step: int, outcomes: Sequence[CheckOutcome]) -> int:
    found = 0
    for outcome in outcomes:
        for s in outcome.signals:
            found += 1
            who = s.account or f"{s.facts.get('competitor', '?')} (competitor)"
            console.print(f"  step {step}  [bold]{s.kind}[/]  {who}: {s.title}", highlight=False)
            if s.kind == "pricing_change":
                for line in s.evidence.splitlines()[:6]:
                    console.print(f"      {line}", highlight=False, markup=False)
        if outcome.error:
            console.print(f"  step {step}  [yellow]watch error[/] {outcome.kind} {outcome.target}: "
                          f"{outcome.error}", highlight=False)
    return found


def show_sinks(console: Console, slack: SlackSink, mail: MailSink, printed: list[int]) -> None:
    """Print what the Slack sink and the SMTP sink received since the last call."""
    for post in slack.posts[printed[0]:]:
        headers = [b["text"]["text"] for b in post.blocks if b.get("type") == "header"]
        console.print(f"  [green]slack[/] → {post.channel}: {'; '.join(headers) or post.text[:100]}",
                      highlight=False, markup=True)
    for rcpt, msg in mail.messages[printed[1]:]:
        console.print(f"  [green]email[/] → {rcpt}: {msg['Subject']}", highlight=False)
    printed[:] = [len(slack.posts), len(mail.messages)]


def write_preview(store: Store, settings: Settings, out_dir: Path) -> Path:
    digest = settings.digests[0]
    period = period_for(digest, SystemClock().now())
    with store.session() as session:
        content = build(session, digest, "revops@seller.example", period, rules_from_settings(settings))
    from watcher.pipeline.digest import Period

    if content.total == 0:  # the demo's day has not reached its digest hour: preview the last 24 hours
        now = SystemClock().now()
        with store.session() as session:
            content = build(session, digest, "revops@seller.example",
                            Period(label=now.date().isoformat(), start=period.end, end=now),
                            rules_from_settings(settings))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "digest-preview.html"
    path.write_text(content.html(), encoding="utf-8")
    return path.resolve()


async def play_once(console: Console, folder: Path, out_dir: Path) -> int:
    web = DemoWeb()
    base = await web.start()
    slack, mail = SlackSink(users={"sam@seller.example": "U0SAM"}).start(), MailSink().start()
    settings = demo_settings(base, folder, interval=1, slack=slack, mail=mail, group_window=0)
    store = Store(settings.database_url())
    printed = [0, 0]
    try:
        seed(store, settings, base)
        clock = SystemClock()
        rules = rules_from_settings(settings)
        notifiers = demo_notifiers(settings)
        deliverer = Deliverer(store, settings, notifiers, clock, process_owner(), rules)
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            checker = Checker(store, settings, fetcher, clock, process_owner(), rules)
            total = 0
            for step in range(STEPS):
                web.step = step
                outcomes = await checker.run_pass(force=True, limit=10_000)
                label = "baseline recorded" if step == 0 else f"{len(outcomes)} checks"
                console.print(f"[dim]step {step}: {label}[/]")
                total += show(console, step, outcomes)
                await deliverer.flush()
                show_sinks(console, slack, mail, printed)
        mailer = notifiers["email"]
        assert isinstance(mailer, EmailNotifier)
        await DigestRunner(store, settings, mailer, clock, rules).run(early=True)
        show_sinks(console, slack, mail, printed)
        preview = write_preview(store, settings, out_dir)
        console.print(f"demo finished: {total} signal(s); {web.requests} requests served; {len(slack.posts)} Slack "
                      f"message(s), {len(mail.messages)} e-mail(s); digest preview: {preview}")
        return 0
    finally:
        store.dispose()
        slack.stop()
        mail.stop()
        await web.stop()


async def play_live(console: Console, folder: Path, out_dir: Path, step_seconds: float) -> int:
    web = DemoWeb()
    base = await web.start()
    slack, mail = SlackSink(users={"sam@seller.example": "U0SAM"}).start(), MailSink().start()
    settings = demo_settings(base, folder, interval=max(2.0, step_seconds / 3), slack=slack, mail=mail,
                             group_window=5)
    store = Store(settings.database_url())
    seed(store, settings, base)
    clock = SystemClock()
    printed = [0, 0]
    console.print(f"simulated web on {base}; Slack sink on {slack.api_url}; SMTP sink on 127.0.0.1:{mail.port}; "
                  f"database {folder}/demo.db; a step every {step_seconds:.0f}s (Ctrl-C stops)")
    try:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            daemon = Daemon(settings, store, clock, fetcher, notifiers=demo_notifiers(settings))
            check, deliver = daemon.checker.run_pass, daemon.deliverer.flush

            async def tick_and_show() -> None:
                show(console, web.step, await check())

            async def deliver_and_show() -> None:
                await deliver()
                show_sinks(console, slack, mail, printed)

            daemon.tick = tick_and_show  # type: ignore[method-assign]
            daemon.deliver = deliver_and_show  # type: ignore[method-assign]

            async def script() -> None:
                for step in range(1, STEPS):
                    await asyncio.sleep(step_seconds)
                    web.step = step
                    console.print(f"[dim]the world moves to step {step}[/]")
                await asyncio.sleep(step_seconds)
                daemon.stop()

            task = asyncio.create_task(script())
            code = await daemon.run()
            task.cancel()
            console.print(f"digest preview: {write_preview(store, settings, out_dir)}")
            return code
    finally:
        store.dispose()
        slack.stop()
        mail.stop()
        await web.stop()


def run_demo(*, once: bool, step_seconds: float, console: Console, out_dir: Path = Path("demo-out")) -> int:
    with tempfile.TemporaryDirectory(prefix="watcher-demo-") as tmp:
        folder = Path(tmp)
        if once:
            return asyncio.run(play_once(console, folder, out_dir))
        return asyncio.run(play_live(console, folder, out_dir, step_seconds))
