"""Two real `watcher run` processes on one PostgreSQL database share the work and never check a watch twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select

from tests.conftest import PG_URL, make_settings, reset_postgres, rss
from watcher.accounts import follow
from watcher.store.db import Store
from watcher.store.models import WatchRow
from watcher.watches import WatchSpec

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs WATCHER_TEST_DATABASE_URL (PostgreSQL)")
WATCHES = 2000


def test_two_replicas_split_the_work_with_no_double_checks(tmp_path: Path, httpserver: HTTPServer) -> None:
    assert PG_URL
    reset_postgres(PG_URL)
    body = rss([("1", "Acme Robotics news", datetime.now(UTC))])
    httpserver.expect_request("/feed").respond_with_data(body, content_type="application/rss+xml")
    settings = make_settings(tmp_path)
    store = Store(PG_URL)
    now = datetime.now(UTC)
    with store.session() as session:
        follow(session, "acme.io", name="Acme Robotics", now=now, settings=settings,
               specs=[WatchSpec(kind="news", target=f"{httpserver.url_for('/feed')}?n={i}", options={"own": True})
                      for i in range(WATCHES)])
    config = tmp_path / "config.toml"
    config.write_text(
        '[database]\nurl_env = "WATCHER_REPLICA_DB"\n'
        '[fetch]\nallow_networks = ["127.0.0.0/8"]\nper_host_interval = 0\nper_host_concurrency = 8\n'
        '[news]\ngoogle_news = false\n'
        '[schedule]\ntick = "0.2s"\nbatch = 50\nconcurrency = 16\n[schedule.intervals]\nnews = "1h"\n'
    )
    env = {**os.environ, "WATCHER_CONFIG": str(config), "WATCHER_REPLICA_DB": PG_URL}
    logs = [tmp_path / f"replica{i}.log" for i in range(2)]
    handles = [log.open("w") for log in logs]
    procs = [subprocess.Popen([sys.executable, "-m", "watcher", "run"], env=env, stdout=subprocess.DEVNULL,
                              stderr=handle) for handle in handles]
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            with store.session() as session:
                done = session.scalar(select(func.count()).select_from(WatchRow).where(WatchRow.checks >= 1))
            if done == WATCHES or any(p.poll() is not None for p in procs):
                break
            time.sleep(0.2)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        codes = [p.wait(timeout=30) for p in procs]
        for handle in handles:
            handle.close()
    store.dispose()
    assert codes == [0, 0], [log.read_text()[-2000:] for log in logs]
    assert done == WATCHES
    hits = Counter(req.query_string.decode() for req, _ in httpserver.log)
    assert len(hits) == WATCHES and set(hits.values()) == {1}, "a watch was fetched twice"
    per_replica = [log.read_text().count(" check watch=") for log in logs]
    assert sum(per_replica) == WATCHES and min(per_replica) > 0, per_replica
