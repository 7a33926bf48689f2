"""`watcher run`: it checks on schedule, stops cleanly on SIGTERM, and exits non-zero when its scheduler dies."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from sqlalchemy import select

from tests.conftest import make_settings, rss
from watcher.accounts import follow
from watcher.clock import SystemClock
from watcher.daemon import Daemon
from watcher.fetch import Fetcher
from watcher.store.db import Store
from watcher.store.models import WatchRow
from watcher.watches import WatchSpec


def test_run_checks_due_watches_and_stops_cleanly_on_sigterm(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(rss([("1", "Acme Robotics news", datetime.now(UTC))]))
    config = tmp_path / "config.toml"
    config.write_text('[database]\npath = "w.db"\n[fetch]\nallow_networks = ["127.0.0.0/8"]\n'
                      '[news]\ngoogle_news = false\n[schedule]\ntick = "0.2s"\n')
    settings = make_settings(tmp_path)
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with store.session() as session:
        follow(session, "acme.io", name="Acme Robotics", now=SystemClock().now(), settings=settings,
               specs=[WatchSpec(kind="news", target=httpserver.url_for("/feed"), options={"own": True})])
    with (tmp_path / "log").open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "watcher", "run"], stderr=log, stdout=subprocess.DEVNULL,
                                env={**os.environ, "WATCHER_CONFIG": str(config)})
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with store.session() as session:
                    if session.scalar(select(WatchRow.checks)) == 1:
                        break
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=30)
    text = (tmp_path / "log").read_text()
    store.dispose()
    assert code == 0, text
    checks = [line for line in text.splitlines() if " check watch=" in line]
    assert len(checks) == 1, text  # one line per check, which holds its request
    assert re.search(r"INFO watcher\.pipeline\.check check watch=1 kind=news account=acme\.io verb=baseline "
                     r"signals=0 ms=\d+ GET http://\S+/feed -> 200 \d+ bytes \d+ ms$", checks[0]), text
    assert "watcher.fetch" not in text
    assert "apscheduler" not in text  # no line per tick from the scheduler itself


def test_run_exits_non_zero_when_the_scheduler_dies(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, schedule={"tick": 3600})
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")

    async def main() -> int:
        clock = SystemClock()
        async with Fetcher(settings.fetch, clock=clock) as fetcher:
            daemon = Daemon(settings, store, clock, fetcher)

            async def kill_scheduler() -> None:
                while daemon.scheduler is None or not daemon.scheduler.running:
                    await asyncio.sleep(0.01)
                daemon.scheduler.shutdown(wait=False)  # as if it crashed

            killer = asyncio.create_task(kill_scheduler())
            code = await asyncio.wait_for(daemon.run(), timeout=20)
            await killer
            return code

    try:
        assert asyncio.run(main()) == 1
    finally:
        store.dispose()
