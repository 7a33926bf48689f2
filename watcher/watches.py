"""Creating and updating watches: the (account × source kind × target) rows the scheduler walks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote_plus

from sqlalchemy import select
from sqlalchemy.orm import Session

from watcher.config import Settings
from watcher.entities import core_name
from watcher.registry import source_kinds
from watcher.store.models import WatchRow


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchSpec:
    """A watch as declared (by CSV, config, `follow` or discovery) before it is stored."""

    kind: str
    target: str
    options: dict[str, Any] = field(default_factory=dict)
    interval: float | None = None


def watch_key(kind: str, target: str, account_id: int | None) -> str:
    return f"{kind}|{account_id if account_id is not None else '-'}|{target}"[:600]


def news_query(name: str, aliases: Iterable[str], domain: str) -> str:
    """The Google News query for an account: its names in quotes, or its domain."""
    names = dict.fromkeys(n for n in (core_name(name), *(core_name(a) for a in aliases)) if n)
    return " OR ".join([*(f'"{n}"' for n in names), f'"{domain}"'])


def default_specs(*, name: str, domain: str, aliases: Iterable[str], query: str | None,
                  settings: Settings) -> list[WatchSpec]:
    """Watches every followed account gets without declaring them."""
    if not settings.news.google_news:
        return []
    q = query or news_query(name, aliases, domain)
    url = settings.news.google_news_url.replace("{query}", quote_plus(q))
    return [WatchSpec(kind="news", target=url, options={"search": True, "query": q})]


def spec_from_board(value: str) -> WatchSpec:
    """``greenhouse:acme`` → a watch of kind greenhouse on board ``acme``."""
    kind, _, token = value.partition(":")
    return WatchSpec(kind=kind.strip().lower(), target=token.strip())


def ensure_watch(session: Session, *, account_id: int | None, spec: WatchSpec, origin: str,
                 now: datetime, settings: Settings) -> tuple[WatchRow, bool]:
    """Create the watch, or update and re-enable the existing one; True when created."""
    if spec.kind not in source_kinds():
        raise LookupError(f"unknown source kind {spec.kind!r}; known kinds: {', '.join(source_kinds())}")
    key = watch_key(spec.kind, spec.target, account_id)
    row = session.scalars(select(WatchRow).where(WatchRow.key == key)).first()
    if row is not None:
        row.options = {**(row.options or {}), **spec.options}
        row.interval_seconds = spec.interval or row.interval_seconds
        row.enabled = True
        return row, False
    row = WatchRow(key=key, account_id=account_id, kind=spec.kind, target=spec.target, options=dict(spec.options),
                   origin=origin, interval_seconds=spec.interval, enabled=True, next_check_at=now, created_at=now,
                   checks=0, failures=0, baselined=False, broken_reported=False)
    session.add(row)
    session.flush()
    return row, True  # due at once: its baseline is taken on the next tick


def sync_config_feeds(session: Session, settings: Settings, now: datetime) -> None:
    """Global feeds from ``[[feeds]]`` become account-less news watches; removed ones are disabled."""
    wanted = set()
    for feed in settings.feeds:
        spec = WatchSpec(kind="news", target=feed.url, options={"global": True, "name": feed.name},
                         interval=feed.interval)
        row, _ = ensure_watch(session, account_id=None, spec=spec, origin="config", now=now, settings=settings)
        wanted.add(row.id)
    for row in session.scalars(select(WatchRow).where(WatchRow.origin == "config", WatchRow.account_id.is_(None))):
        if row.id not in wanted:
            row.enabled = False


def sync_competitors(session: Session, settings: Settings, now: datetime) -> list[str]:
    """``[[competitors]]`` become competitor accounts (not followed) with their review watches.
    Returns warnings (a source kind that is not installed); removed sources are disabled."""
    from watcher.store.models import AccountRow

    warnings: list[str] = []
    wanted: set[int] = set()
    for comp in settings.competitors:
        domain = comp.domain.lower().removeprefix("www.")
        account = session.scalars(select(AccountRow).where(AccountRow.domain == domain)).first()
        if account is None:
            account = AccountRow(domain=domain, name=comp.name, created_at=now, updated_at=now, followed=False,
                                 competitor=True, aliases=list(comp.aliases), technologies=[], tags=[], icp_reasons={})
            session.add(account)
            session.flush()
        account.competitor, account.name, account.aliases = True, comp.name, list(comp.aliases)
        options = {"competitor": comp.name, "aliases": list(comp.aliases), "competitor_domain": domain,
                   "context": list(comp.context)}
        for kind, target, platform in comp.source_specs():
            extra = {"platform": platform} if platform else {}
            spec = WatchSpec(kind=kind, target=target, options={**options, **extra})
            try:
                row, _ = ensure_watch(session, account_id=account.id, spec=spec, origin="competitor", now=now,
                                      settings=settings)
            except LookupError as exc:
                warnings.append(f"competitor {comp.name}: {exc}")
                continue
            wanted.add(row.id)
    for row in session.scalars(select(WatchRow).where(WatchRow.origin == "competitor")):
        if row.id not in wanted:
            row.enabled = False
    return warnings
