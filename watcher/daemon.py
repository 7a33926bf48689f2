"""`watcher run`: APScheduler 3.x drives a handful of periodic jobs; state stays in the database.

Jobs: the due-watch tick and retention (delivery and digests join in later issues). A job's
exception is an event and a log line, never a dead scheduler; if the scheduler itself stops
without being asked, the daemon exits non-zero so a supervisor restarts it.
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import logging
import os
import signal
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import IO, Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_SCHEDULER_SHUTDOWN, JobExecutionEvent, SchedulerEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import update
from sqlalchemy.engine import make_url

from rules.loader import rules_from_settings
from rules.model import Rule
from watcher.clock import Clock
from watcher.config import Settings
from watcher.errors import WatcherError
from watcher.fetch import Fetcher
from watcher.notify.base import Notifier, build_notifiers
from watcher.notify.email import EmailNotifier
from watcher.pipeline.check import Checker
from watcher.pipeline.deliver import Deliverer
from watcher.pipeline.digest import DigestRunner
from watcher.retention import prune
from watcher.store.db import Store
from watcher.store.models import DeliveryRow, WatchRow
from watcher.watches import sync_competitors, sync_config_feeds

logger = logging.getLogger(__name__)
GRACE_SECONDS = 20.0


# Young objects collected every 5,000 net allocations instead of 700. A check allocates thousands of objects that
# live for a few milliseconds (parsed feeds, rows, headers); at 700, about 90 young collections a pass of 1,000 checks
# found them still alive and copied them on: 40 ms of CPU, 2-3 % of a warm pass. At 5,000 most are gone first (5
# collections, 5 ms; gc.callbacks timed around bench/check_throughput.py's warm passes). Cycles wait a little longer
# to be freed (bench/soak.py: RSS 142 MB after warm-up, against 139 MB before).
YOUNG_THRESHOLD = 5000


def collect_less_often() -> None:
    """Set this process's garbage collector for a checking process (the daemon, a check pass): called by the
    commands that check, not on import, so that a program using the package keeps its own setting."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def process_owner() -> str:
    """A name for this process's leases: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class InstanceLock:
    """One daemon per SQLite file: a second `watcher run` on it refuses to start."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.path = Path(f"{parsed.database}.lock") if parsed.get_backend_name() == "sqlite" and \
            parsed.database not in (None, "", ":memory:") else None
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        if self.path is None:
            return
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise WatcherError(
                f"another `watcher run` ({holder}) is using {self.path.with_suffix('')}; "
                "SQLite allows one daemon per database (use PostgreSQL for replicas)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class Daemon:
    """Wires the scheduler to the pipeline and runs until a signal asks it to stop."""

    def __init__(self, settings: Settings, store: Store, clock: Clock, fetcher: Fetcher,
                 *, owner: str | None = None, rules: list[Rule] | None = None,
                 notifiers: Mapping[str, Notifier] | None = None) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.fetcher = fetcher
        owner = owner or process_owner()
        rules = rules_from_settings(settings) if rules is None else rules
        notifiers = build_notifiers(settings) if notifiers is None else notifiers
        self.checker = Checker(store, settings, fetcher, clock, owner, rules)
        self.deliverer = Deliverer(store, settings, notifiers, clock, owner, rules)
        mailer = notifiers.get("email")
        self.digests = DigestRunner(store, settings, mailer, clock, rules) \
            if isinstance(mailer, EmailNotifier) else None
        self.extra_jobs: list[tuple[str, float, Callable[[], Awaitable[Any]]]] = []
        self._stop = asyncio.Event()
        self._died = False
        self._running: set[asyncio.Task[Any]] = set()
        self.scheduler: AsyncIOScheduler | None = None

    def stop(self) -> None:
        self._stop.set()

    async def tick(self) -> None:
        await self.checker.run_pass()

    async def deliver(self) -> None:
        await self.deliverer.flush()

    async def digest(self) -> None:
        if self.digests is not None:
            await self.digests.run()

    async def retention(self) -> None:
        with self.store.session() as session:
            removed = prune(session, now=self.clock.now(), keep_for=self.settings.database.retention)
        logger.info("retention removed %s", removed)

    def _tracked(self, job: Callable[[], Awaitable[Any]]) -> Callable[[], Awaitable[Any]]:
        async def run() -> Any:
            task = asyncio.current_task()
            if task:
                self._running.add(task)
            try:
                return await job()
            finally:
                if task:
                    self._running.discard(task)
        return run

    def _on_event(self, event: SchedulerEvent) -> None:
        if isinstance(event, JobExecutionEvent) and event.exception is not None:
            logger.error("job %s failed: %s", event.job_id, event.exception)
        elif event.code == EVENT_SCHEDULER_SHUTDOWN and not self._stop.is_set():
            logger.critical("the scheduler stopped unexpectedly")
            self._died = True
            self._stop.set()

    async def run(self) -> int:
        """Run until SIGINT/SIGTERM (exit 0) or until the scheduler dies (exit 1)."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stop)
        with self.store.session() as session:
            if self.store.is_sqlite:
                # The instance lock makes this the only daemon on the file: leases left by a killed
                # predecessor are stale, and waiting them out would delay those watches and messages.
                session.execute(update(WatchRow).values(lease_owner=None, lease_until=None))
                session.execute(update(DeliveryRow).values(lease_owner=None, lease_until=None))
            sync_config_feeds(session, self.settings, self.clock.now())
            for warning in sync_competitors(session, self.settings, self.clock.now()):
                logger.warning("%s", warning)
        scheduler = self.scheduler = AsyncIOScheduler(event_loop=loop, timezone="UTC")
        scheduler.add_listener(self._on_event, EVENT_JOB_ERROR | EVENT_SCHEDULER_SHUTDOWN)
        jobs = [("tick", self.settings.schedule.tick, self.tick),
                ("deliver", self.settings.delivery.tick, self.deliver), ("digest", 60.0, self.digest),
                ("retention", 86400.0, self.retention), *self.extra_jobs]
        for name, seconds, func in jobs:
            scheduler.add_job(self._tracked(func), "interval", seconds=seconds, id=name, max_instances=1,
                              coalesce=True, misfire_grace_time=None,
                              next_run_time=self.clock.now() if name != "retention" else None)
        scheduler.start()
        logger.info("watcher running: tick every %ss, %d checks at once", self.settings.schedule.tick,
                    self.settings.schedule.concurrency)
        try:
            await self._stop.wait()
        finally:
            # Pause first and let running jobs finish: APScheduler's shutdown cancels the tasks of running
            # coroutine jobs, which would cut a delivery between its send and its mark.
            if scheduler.running:
                scheduler.pause()
            await self._drain()
            if scheduler.running:
                scheduler.shutdown(wait=False)
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
        return 1 if self._died else 0

    async def _drain(self) -> None:
        """Let running jobs finish within the grace period, then cancel them (leases expire)."""
        if not self._running:
            return
        logger.info("stopping: waiting up to %ss for %d running job(s)", GRACE_SECONDS, len(self._running))
        _, pending = await asyncio.wait(set(self._running), timeout=GRACE_SECONDS)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=5)
