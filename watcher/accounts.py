"""Followed accounts in the store: import from a CRM export, follow/unfollow, ICP scoring.

Re-import updates rows in place (keyed on the normalised domain) and never duplicates;
unfollowing keeps the account's history and disables its watches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from watcher.config import Settings
from watcher.csvimport import AccountRow as CsvAccount
from watcher.csvimport import RowError, normalize_domain, read_accounts_csv
from watcher.icp import icp_fingerprint, score_account
from watcher.store.db import Store
from watcher.store.models import AccountRow, WatchRow
from watcher.watches import WatchSpec, default_specs, ensure_watch, spec_from_board

Change = Literal["created", "updated", "unchanged"]
PROFILE_FIELDS = ("name", "industry", "employees", "revenue", "country", "owner_email", "owner_slack",
                  "news_query")
LIST_FIELDS = ("technologies", "tags", "aliases")


@dataclass(slots=True, kw_only=True)
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    watches_added: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False


def apply_icp(account: AccountRow, settings: Settings) -> None:
    """Score ``account`` against the ICP now in force and remember which ICP that was."""
    fit = score_account(industry=account.industry, employees=account.employees, revenue=account.revenue,
                        country=account.country, technologies=tuple(account.technologies or ()), icp=settings.icp)
    account.icp_score, account.icp_tier, account.icp_reasons = fit.score, fit.tier, dict(fit.reasons)
    account.icp_fingerprint = icp_fingerprint(settings.icp)


def rescore_stale(session: Session, settings: Settings) -> int:
    """Recompute scores made under another ICP; returns how many changed."""
    current = icp_fingerprint(settings.icp)
    stale = list(session.scalars(select(AccountRow).where(
        (AccountRow.icp_fingerprint != current) | AccountRow.icp_fingerprint.is_(None))))
    for account in stale:
        apply_icp(account, settings)
    return len(stale)


def _values(row: CsvAccount) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(row, f) for f in PROFILE_FIELDS}
    values.update({f: list(getattr(row, f)) for f in LIST_FIELDS})
    return values


def upsert_account(session: Session, *, domain: str, values: dict[str, Any], now: datetime,
                   settings: Settings) -> tuple[AccountRow, Change]:
    """Create or update the account for ``domain``; empty values never erase stored ones."""
    account = session.scalars(select(AccountRow).where(AccountRow.domain == domain)).first()
    if account is None:
        account = AccountRow(domain=domain, created_at=now, updated_at=now, followed=True,
                             aliases=[], technologies=[], tags=[], icp_reasons={})
        for key, value in values.items():
            setattr(account, key, value)
        apply_icp(account, settings)
        session.add(account)
        session.flush()
        return account, "created"
    changed = not account.followed
    account.followed = True
    for key, value in values.items():
        if value in (None, "", []) or getattr(account, key) == value:
            continue
        setattr(account, key, value)
        changed = True
    if changed:
        account.updated_at = now
        apply_icp(account, settings)
    return account, "updated" if changed else "unchanged"


def account_specs(account: AccountRow, row: CsvAccount | None, settings: Settings) -> list[WatchSpec]:
    specs = default_specs(name=account.name, domain=account.domain, aliases=account.aliases or (),
                          query=account.news_query, settings=settings)
    if row is not None:
        if row.pricing_url:
            specs.append(WatchSpec(kind="pricing_page", target=row.pricing_url))
        if row.job_board:
            specs.append(spec_from_board(row.job_board))
        specs += [WatchSpec(kind="news", target=url, options={"own": True}) for url in row.feeds]
    return specs


def ensure_watches(session: Session, account: AccountRow, specs: Iterable[WatchSpec], *, origin: str,
                   now: datetime, settings: Settings, warnings: list[str]) -> int:
    added = 0
    for spec in specs:
        try:
            _, created = ensure_watch(session, account_id=account.id, spec=spec, origin=origin, now=now,
                                      settings=settings)
        except LookupError as exc:
            warnings.append(f"{account.domain}: {spec.kind} watch not added: {exc}")
            continue
        added += created
    return added


def import_accounts(store: Store, path: Path, settings: Settings, *, now: datetime,
                    dry_run: bool = False) -> ImportReport:
    """Import a CRM export; good rows land even when others are bad; a dry run changes nothing."""
    parsed = read_accounts_csv(path)
    report = ImportReport(errors=list(parsed.errors), ignored_columns=list(parsed.ignored_columns),
                          dry_run=dry_run)
    with store.session() as session:
        for row in parsed.rows:
            account, change = upsert_account(session, domain=row.domain, values=_values(row), now=now,
                                             settings=settings)
            getattr(report, change).append(account.domain)
            report.watches_added += ensure_watches(session, account, account_specs(account, row, settings),
                                                   origin="csv", now=now, settings=settings,
                                                   warnings=report.warnings)
        if dry_run:
            session.rollback()
    return report


def follow(session: Session, domain: str, *, name: str | None, now: datetime, settings: Settings,
           specs: Iterable[WatchSpec] = ()) -> tuple[AccountRow, Change, list[str]]:
    """Follow one account by domain (any URL form), with its default watches plus ``specs``."""
    clean = normalize_domain(domain)
    if clean is None:
        raise ValueError(f"{domain!r} is not a domain or website address")
    account, change = upsert_account(session, domain=clean, values={"name": name or clean} if name or
                                     not _exists(session, clean) else {}, now=now, settings=settings)
    warnings: list[str] = []
    ensure_watches(session, account, [*account_specs(account, None, settings), *specs], origin="cli", now=now,
                   settings=settings, warnings=warnings)
    return account, change, warnings


def _exists(session: Session, domain: str) -> bool:
    return session.scalars(select(AccountRow.id).where(AccountRow.domain == domain)).first() is not None


def find_account(session: Session, domain: str) -> AccountRow | None:
    """The account for a domain written in any URL form."""
    clean = normalize_domain(domain) or domain
    return session.scalars(select(AccountRow).where(AccountRow.domain == clean)).first()


def unfollow(session: Session, domain: str) -> AccountRow | None:
    """Stop watching an account; its signals and history stay."""
    account = find_account(session, domain)
    if account is None:
        return None
    account.followed = False
    for watch in session.scalars(select(WatchRow).where(WatchRow.account_id == account.id)):
        watch.enabled = False
    return account
