"""`watcher demo`: the real pipeline against the simulated web, on a throwaway SQLite database."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from watcher.accounts import apply_icp, follow
from watcher.clock import SystemClock
from watcher.config import Settings, settings_from_dict
from watcher.daemon import Daemon, process_owner
from watcher.demo.script import COMPANIES, STEPS
from watcher.demo.web import DemoWeb
from watcher.fetch import Fetcher
from watcher.pipeline.check import Checker, CheckOutcome
from watcher.store.db import Store
from watcher.watches import WatchSpec, sync_config_feeds


def demo_settings(base: str, folder: Path, interval: float) -> Settings:
    data = {
        "database": {"path": str(folder / "demo.db"), "url_env": "WATCHER_DEMO_DATABASE_URL_UNUSED"},
        "fetch": {"allow_networks": ["127.0.0.0/8"], "per_host_interval": 0, "per_host_concurrency": 16,
                  "contact": "https://example.invalid/watcher-demo"},
        "schedule": {"tick": 1, "backoff_base": interval,
                     "intervals": {"news": interval, "greenhouse": interval, "pricing_page": interval}},
        "icp": {"industries": ["Software", "SaaS"], "employees": {"min": 50, "max": 5000},
                "countries": ["US", "GB", "CA"]},
        "news": {"google_news_url": f"{base}/search?q={{query}}"},
        "feeds": [{"url": f"{base}/feeds/wire.xml", "name": "Demo venture wire"}],
    }
    return settings_from_dict(data, source="demo", base_dir=folder)


def seed(store: Store, settings: Settings, base: str) -> None:
    """Follow the demo companies with their blogs, and add the global wire feed."""
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
            account.owner_email = c.owner_email
            apply_icp(account, settings)
        sync_config_feeds(session, settings, now)


def show(console: Console, step: int, outcomes: Sequence[CheckOutcome]) -> int:
    found = 0
    for outcome in outcomes:
        for s in outcome.signals:
            found += 1
            console.print(f"  step {step}  [bold]{s.kind}[/]  {s.account}: {s.title}", highlight=False)
            if s.kind == "pricing_change":
                for line in s.evidence.splitlines()[:6]:
                    console.print(f"      {line}", highlight=False, markup=False)
        if outcome.error:
            console.print(f"  step {step}  [yellow]watch error[/] {outcome.kind} {outcome.target}: {outcome.error}",
                          highlight=False)
    return found


async def play_once(console: Console, folder: Path) -> int:
    web = DemoWeb()
    base = await web.start()
    settings = demo_settings(base, folder, interval=1)
    store = Store(settings.database_url())
    try:
        seed(store, settings, base)
        clock = SystemClock()
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            checker = Checker(store, settings, fetcher, clock, process_owner())
            total = 0
            for step in range(STEPS):
                web.step = step
                outcomes = await checker.run_pass(force=True, limit=10_000)
                label = "baseline recorded" if step == 0 else f"{len(outcomes)} checks"
                console.print(f"[dim]step {step}: {label}[/]")
                total += show(console, step, outcomes)
        console.print(f"demo finished: {total} signal(s); {web.requests} requests served; database {folder}/demo.db")
        return 0
    finally:
        store.dispose()
        await web.stop()


async def play_live(console: Console, folder: Path, step_seconds: float) -> int:
    web = DemoWeb()
    base = await web.start()
    settings = demo_settings(base, folder, interval=max(2.0, step_seconds / 3))
    store = Store(settings.database_url())
    seed(store, settings, base)
    clock = SystemClock()
    console.print(f"simulated web on {base}; database {folder}/demo.db; a step every {step_seconds:.0f}s "
                  "(Ctrl-C stops)")
    try:
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            daemon = Daemon(settings, store, clock, fetcher)
            original = daemon.checker.run_pass

            async def tick_and_show() -> None:
                show(console, web.step, await original())

            daemon.tick = tick_and_show  # type: ignore[method-assign]

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
            return code
    finally:
        store.dispose()
        await web.stop()


def run_demo(*, once: bool, step_seconds: float, console: Console) -> int:
    with tempfile.TemporaryDirectory(prefix="watcher-demo-") as tmp:
        folder = Path(tmp)
        if once:
            return asyncio.run(play_once(console, folder))
        return asyncio.run(play_live(console, folder, step_seconds))
