"""`watcher extract`: run one source kind's parse → detect → interpret offline on saved files.

It goes through the very code the daemon uses (apply_observation on a throwaway in-memory
store), so "why did this (not) alert?" gets the daemon's own answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from watcher.config import Settings
from watcher.domain import Signal, WatchContext
from watcher.pipeline.check import apply_observation, watch_context
from watcher.pipeline.detect import WatchState
from watcher.registry import get_source
from watcher.store.db import Store
from watcher.store.models import AccountRow, WatchRow

logger = logging.getLogger(__name__)
FAR_PAST = timedelta(days=365 * 30)


def extract(kind: str, file: Path, *, previous: Path | None = None, account: str | None = None,
            domain: str | None = None, competitor: str | None = None, settings: Settings | None = None,
            now: datetime, warn: Callable[[str], None] = logger.warning) -> list[Signal]:
    """Signals that ``file`` holds (compared with ``previous`` when given)."""
    settings = settings or Settings()
    get_source(kind)  # an unknown kind fails before anything is built
    store = Store("sqlite://")
    try:
        with store.session() as session:
            acc = None
            if account or domain:
                acc = AccountRow(name=account or domain, domain=domain or (account or "").lower(), created_at=now,
                                 updated_at=now, followed=True, aliases=[], technologies=[], tags=[],
                                 icp_reasons={})
                session.add(acc)
                session.flush()
            # Without an account, a kind reports what it finds unattributed (e.g. every raise in a venture feed).
            options: dict[str, object] = {"own": acc is not None, "unattributed": acc is None}
            if competitor:
                options["competitor"] = competitor
            watch = WatchRow(key=f"extract|{kind}", account_id=acc.id if acc else None, kind=kind,
                             target=str(file), options=options, origin="extract", next_check_at=now,
                             created_at=now - FAR_PAST, checks=0, failures=0, enabled=True,
                             baselined=previous is None, baseline_at=now - FAR_PAST if previous is None else None,
                             broken_reported=False)
            session.add(watch)
            session.flush()
            ctx: WatchContext = watch_context(watch, acc)
            state = WatchState.of(watch)  # the throwaway watch's state lives here between the two files
            if previous is not None:
                _apply(session, state, ctx, previous, now - timedelta(hours=1), settings, warn)
                state.baseline_at = now - FAR_PAST  # saved files may be old: judge by order, not by date
            return _apply(session, state, ctx, file, now, settings, warn)
    finally:
        store.dispose()


def _apply(session: Session, watch: WatchState, ctx: WatchContext, path: Path, now: datetime, settings: Settings,
           warn: Callable[[str], None]) -> list[Signal]:
    source = get_source(ctx.kind)
    observation = source.parse(path.read_bytes(), {}, ctx)
    for message in observation.warnings:
        warn(f"{path}: {message}")
    if observation.next_page:  # offline, the other pages are not fetched: nothing is taken for removed
        warn(f"{path}: one page of a longer listing (the next is {observation.next_page}); closed items are not "
             "reported")
    # Two saved files are compared directly: no confirming re-fetch.
    return apply_observation(session, watch, ctx, source, observation, now, settings, confirm=False).signals
