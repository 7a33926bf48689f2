"""SIGTERM while a message is on its way to Slack: a clean exit within the grace period, and the message
either delivered and marked, or left pending — never lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import make_settings
from watcher.demo.sinks import SlackSink
from watcher.domain import Signal
from watcher.pipeline.outbox import enqueue
from watcher.pipeline.record import record_signal
from watcher.store.db import Store


@pytest.fixture
def slack() -> Iterator[SlackSink]:
    sink = SlackSink().start()
    yield sink
    sink.stop()


def test_sigterm_during_a_delivery_exits_cleanly_with_the_message_sent_or_pending(
        tmp_path: Path, slack: SlackSink) -> None:
    (tmp_path / "rules.toml").write_text('[[rule]]\nname = "all"\nroutes = ["slack:#news"]\n')
    (tmp_path / "config.toml").write_text(
        '[database]\npath = "w.db"\nurl_env = "NO_DB_URL_HERE"\n[news]\ngoogle_news = false\n'
        '[rules]\nbuiltin = false\nfiles = ["rules.toml"]\ngroup_window = 0\n'
        f'[slack]\nbase_url = "{slack.api_url}"\ntoken_env = "SHUTDOWN_TEST_TOKEN"\n[delivery]\ntick = "0.1s"\n')
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    settings = make_settings(tmp_path, rules={"builtin": False, "files": [str(tmp_path / "rules.toml")],
                                              "group_window": 0})
    from rules.engine import match
    from rules.loader import rules_from_settings
    from watcher.pipeline.match import signal_context

    now = datetime.now(UTC)
    with store.session() as session:
        row, _ = record_signal(session, Signal(kind="news", account=None, account_domain=None, title="Hello",
                                               url=None, occurred_at=now, detected_at=now, source="t",
                                               dedup_key="news:x:1"), account_id=None, watch_id=None)
        enqueue(session, row, None, match(rules_from_settings(settings), signal_context(row, None)), now, settings)
    store.dispose()
    slack.script.append(("slow", 3))
    env = {**os.environ, "WATCHER_CONFIG": str(tmp_path / "config.toml"), "SHUTDOWN_TEST_TOKEN": "xoxb-t"}
    proc = subprocess.Popen([sys.executable, "-m", "watcher", "run"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while slack.requests == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert slack.requests == 1, "the daemon never started sending"
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, raw = proc.communicate(timeout=30)
    code, stopped, stderr = proc.returncode, time.monotonic() - started, raw.decode()
    assert code == 0, stderr
    assert stopped < 20 + 5  # the grace period
    db = sqlite3.connect(tmp_path / "w.db")
    status = db.execute("select status from deliveries").fetchone()[0]
    db.close()
    assert status in ("sent", "pending")
    assert (status == "sent") == (len(slack.posts) == 1)
