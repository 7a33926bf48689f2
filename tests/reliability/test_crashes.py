"""kill -9 at injected points of the real daemon, again and again: nothing lost, at most one repeat per
crash (and only of a message accepted before the kill), the database intact, the next run picks up."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import make_settings, rss
from watcher.accounts import follow
from watcher.demo.sinks import SlackSink
from watcher.faults import POINTS
from watcher.store.db import Store
from watcher.watches import WatchSpec

FEEDS = 4  # four accounts, one feed each: a round makes four signals and four messages
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "34"))


class World:
    """Feeds that gain one item per round; the daemon under test runs as a subprocess."""

    def __init__(self, tmp: Path, server: HTTPServer, slack: SlackSink) -> None:
        self.tmp, self.server, self.slack, self.round, self.launches = tmp, server, slack, 0, 0
        self.start = datetime.now(UTC) - timedelta(hours=1)
        server.expect_request("/robots.txt").respond_with_data("", status=404)
        for i in range(FEEDS):
            server.expect_request(f"/feed/{i}").respond_with_handler(self._feed(i))
        (tmp / "rules.toml").write_text('[[rule]]\nname = "all-news"\nkinds = ["news"]\nroutes = ["slack:#news"]\n')
        (tmp / "config.toml").write_text(
            '[database]\npath = "w.db"\nurl_env = "NO_DB_URL_HERE"\n'
            '[fetch]\nallow_networks = ["127.0.0.0/8"]\nper_host_interval = 0\nper_host_concurrency = 8\n'
            '[news]\ngoogle_news = false\n'
            '[schedule]\ntick = "0.1s"\nbackoff_base = "0.5s"\n[schedule.intervals]\nnews = "0.3s"\n'
            f'[rules]\nbuiltin = false\nfiles = ["rules.toml"]\ngroup_window = 0\n'
            f'[slack]\nbase_url = "{slack.api_url}"\ntoken_env = "CRASH_TEST_SLACK_TOKEN"\n'
            '[delivery]\ntick = "0.1s"\nbackoff_base = "0.5s"\nbackoff_max = "1s"\n')

    def _feed(self, i: int):  # type: ignore[no-untyped-def]
        def handler(request: Request) -> Response:
            items = [(f"{i}-{r}", f"Acme Robotics {i} item {i}-{r}", self.start + timedelta(minutes=r))
                     for r in range(self.round + 1)]
            return Response(rss(items[::-1]), content_type="application/rss+xml")
        return handler

    def expected(self) -> set[str]:
        return {f"Acme Robotics {i} item {i}-{r}" for i in range(FEEDS) for r in range(1, self.round + 1)}

    def daemon(self, crash: str | None) -> subprocess.Popen[bytes]:
        env = {**os.environ, "WATCHER_CONFIG": str(self.tmp / "config.toml"), "CRASH_TEST_SLACK_TOKEN": "xoxb-t"}
        env.pop("WATCHER_CRASH_AT", None)
        if crash:
            env["WATCHER_CRASH_AT"] = crash
        self.launches += 1
        log = (self.tmp / "daemon.log").open("ab")
        try:
            return subprocess.Popen([sys.executable, "-m", "watcher", "run"], env=env, stdout=subprocess.DEVNULL,
                                    stderr=log)
        finally:
            log.close()

    def follow(self) -> None:
        settings = make_settings(self.tmp)
        store = Store(f"sqlite:///{self.tmp / 'w.db'}")
        with store.session() as session:
            for i in range(FEEDS):
                follow(session, f"acme{i}.io", name=f"Acme Robotics {i}", now=datetime.now(UTC), settings=settings,
                       specs=[WatchSpec(kind="news", target=self.server.url_for(f"/feed/{i}"),
                                        options={"own": True})])
        store.dispose()

    def state(self) -> tuple[set[str], int, int]:
        db = sqlite3.connect(self.tmp / "w.db", timeout=15)
        try:
            titles = {t for (t,) in db.execute("select title from signals")}
            pending = db.execute("select count(*) from deliveries where status = 'pending'").fetchone()[0]
            unchecked = db.execute("select count(*) from watches where checks = 0").fetchone()[0]
        finally:
            db.close()
        return titles, pending, unchecked

    def running(self) -> bool:
        """The latest daemon has started its scheduler (so SIGTERM is a clean stop)."""
        return (self.tmp / "daemon.log").read_text().count("watcher running:") >= self.launches

    def settled(self) -> bool:
        if not self.running():
            return False
        titles, pending, unchecked = self.state()
        return titles >= self.expected() and pending == 0 and unchecked == 0


def run_until(world: World, proc: subprocess.Popen[bytes], timeout: float = 20) -> str:
    """Wait for the daemon to die (a crash) or for the round's work to be done; returns what happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return "killed" if proc.returncode == -signal.SIGKILL else f"exit {proc.returncode}"
        if world.settled():
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=30)
            if code == -signal.SIGKILL:  # the crash point was reached while it drained
                return "killed"
            assert code == 0, f"exit {code}"
            return "settled"
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    raise AssertionError("the daemon neither crashed nor finished its work in time")


@pytest.fixture
def slack() -> SlackSink:
    sink = SlackSink().start()
    yield sink  # type: ignore[misc]
    sink.stop()


@pytest.mark.timeout(400)
def test_random_kill_9_points_lose_nothing_and_repeat_at_most_the_message_in_flight(
        tmp_path: Path, httpserver: HTTPServer, slack: SlackSink) -> None:
    world = World(tmp_path, httpserver, slack)
    world.follow()
    rng = random.Random(20261122)
    assert run_until(world, world.daemon(None)) == "settled"  # the baseline
    kills: Counter[str] = Counter()
    for round_ in range(1, ROUNDS + 1):  # every round brings new work, then a kill at a random point
        world.round = round_
        point = POINTS[round_ % len(POINTS)] if round_ <= 2 * len(POINTS) else rng.choice(POINTS)
        if run_until(world, world.daemon(f"{point}:{rng.randint(1, 2)}")) == "killed":
            kills[point] += 1
    assert run_until(world, world.daemon(None)) == "settled"  # the next run picks up where the last stopped
    titles, pending, _ = world.state()
    assert titles == world.expected() and pending == 0  # zero signals lost, none stored twice
    seen: set[str] = set()
    repeats = 0
    for post in slack.posts:  # a message repeats if it carries a signal an earlier message carried
        headers = {b["text"]["text"].removeprefix("News: ") for b in post.blocks if b["type"] == "header"}
        repeats += bool(headers & seen)
        seen |= headers
    assert world.expected() - seen == set()  # every signal reached Slack
    # Sends are sequential, so a kill — wherever it strikes — interrupts at most the one message in flight.
    assert repeats <= sum(kills.values()), (repeats, kills)
    assert sum(kills.values()) >= 30, kills
    db = sqlite3.connect(tmp_path / "w.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    db.close()
