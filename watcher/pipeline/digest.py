"""The daily digest: per recipient, at a local time, the period's signals grouped by account and
ranked by ICP fit × signal strength × recency, each with its evidence and why it matched, plus a
line for what was suppressed.

A run is recorded per (digest, recipient, period) before it is sent, so it is never sent twice; a
daemon that was down at the hour sends it when it comes back; one recipient's failure is retried
for that recipient alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules.model import Rule
from watcher.clock import Clock
from watcher.config import DigestSettings, Settings
from watcher.errors import NotifyError
from watcher.notify.email import EmailNotifier, build_email, render_html
from watcher.notify.message import Card, card
from watcher.pipeline.deliver import backoff
from watcher.store.db import Store
from watcher.store.models import AccountRow, DecisionRow, DeliveryRow, DigestRunRow, SignalRow

logger = logging.getLogger(__name__)
STRENGTH = {"funding": 1.0, "key_hire": 0.8, "review_complaint": 0.75, "pricing_change": 0.7, "news": 0.3}
SENDING_LEASE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    label: str  # the local date of the send time
    start: datetime
    end: datetime


@dataclass(slots=True, kw_only=True)
class Group:
    name: str
    tier: str | None
    score: int | None
    cards: list[Card] = field(default_factory=list)
    rank: float = 0.0


@dataclass(slots=True, kw_only=True)
class DigestContent:
    digest: str
    recipient: str
    period: Period
    groups: list[Group]
    total: int
    more: int
    suppressed: list[tuple[str, int]]

    @property
    def subject(self) -> str:
        return (f"{self.digest.capitalize()} signals for {self.period.label}: {self.total} signal(s), "
                f"{len(self.groups)} account(s)")

    def html(self) -> str:
        return render_html("digest.html", subject=self.subject, title=f"{self.digest.capitalize()} signals",
                           period_label=self.period.label, total=self.total, groups=self.groups, more=self.more,
                           suppressed=self.suppressed)

    def text(self) -> str:
        lines = [self.subject, ""]
        for group in self.groups:
            lines.append(f"== {group.name}" + (f" (ICP tier {group.tier}, score {group.score})" if group.tier else ""))
            for c in group.cards:
                lines.append(f"- {c.headline}")
                lines += [f"    {label}: {value}" for label, value in c.facts]
                lines += [f"    {label}: {url}" for label, url in c.links[:2]]
                if c.why:
                    lines.append(f"    Why: {'; '.join(c.why)}")
            lines.append("")
        if self.more:
            lines.append(f"…and {self.more} more signal(s).")
        if self.suppressed:
            lines.append("Not sent: " + "; ".join(f"{n} × {r}" for r, n in self.suppressed) + ".")
        return "\n".join(lines).strip() + "\n"


def period_for(digest: DigestSettings, now: datetime) -> Period:
    """The latest period whose send time has passed: the 24 hours before today's (or yesterday's) send time."""
    tz = ZoneInfo(digest.timezone)
    local = now.astimezone(tz)
    hour, minute = int(digest.at[:2]), int(digest.at[3:5])
    send = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if send > local:
        send -= timedelta(days=1)
    end = send.astimezone(now.tzinfo)
    return Period(label=send.date().isoformat(), start=end - timedelta(days=1), end=end)


def rank(signal: SignalRow, account: AccountRow | None, end: datetime) -> float:
    fit = max((account.icp_score if account else 30) / 100, 0.2)
    strength = STRENGTH.get(signal.kind, 0.3)
    if signal.kind == "key_hire" and (signal.facts or {}).get("event") == "closed":
        strength = 0.2
    hours = max((end - signal.detected_at).total_seconds() / 3600, 0)
    return fit * strength * 0.5 ** (hours / 24)


def recipients(session: Session, digest: DigestSettings, period: Period) -> list[str]:
    """The configured addresses; ``owners`` expands to every owner with something in the period."""
    out = [r for r in digest.recipients if r != "owners"]
    if "owners" in digest.recipients:
        owners = session.scalars(
            select(AccountRow.owner_email).join(DeliveryRow, DeliveryRow.account_id == AccountRow.id)
            .where(DeliveryRow.destination == f"digest:{digest.name}", DeliveryRow.created_at > period.start,
                   DeliveryRow.created_at <= period.end, AccountRow.owner_email.is_not(None)).distinct())
        out += [o for o in owners if o and o not in out]
    return out


def build(session: Session, digest: DigestSettings, recipient: str, period: Period,
          rules: Sequence[Rule] = ()) -> DigestContent:
    descriptions = {r.name: r.description for r in rules}
    query = (select(DeliveryRow, SignalRow, AccountRow).join(SignalRow, DeliveryRow.signal_id == SignalRow.id)
             .outerjoin(AccountRow, SignalRow.account_id == AccountRow.id)
             .where(DeliveryRow.destination == f"digest:{digest.name}", DeliveryRow.created_at > period.start,
                    DeliveryRow.created_at <= period.end))
    if "owners" in digest.recipients and recipient not in digest.recipients:
        query = query.where(AccountRow.owner_email == recipient)
    groups: dict[str, Group] = {}
    scored: list[tuple[float, Group, Card]] = []
    for row, signal, account in session.execute(query).all():
        name = account.name if account else "Not attributed to an account"
        group = groups.setdefault(name, Group(name=name, tier=account.icp_tier if account else None,
                                              score=account.icp_score if account else None))
        why = [f"rule {n}" + (f": {descriptions[n]}" if descriptions.get(n) else "") for n in row.rules]
        scored.append((rank(signal, account, period.end), group, card(signal, account, why, row.priority)))
    scored.sort(key=lambda t: t[0], reverse=True)
    kept = scored[: digest.max_items]
    for score, group, c in kept:
        group.cards.append(c)
        group.rank = max(group.rank, score)
    ordered = sorted((g for g in groups.values() if g.cards), key=lambda g: g.rank, reverse=True)
    reasons = Counter(r.split(":")[0] for r in session.scalars(
        select(DecisionRow.reason).where(DecisionRow.decision == "suppressed", DecisionRow.created_at > period.start,
                                         DecisionRow.created_at <= period.end)))
    return DigestContent(digest=digest.name, recipient=recipient, period=period, groups=ordered, total=len(scored),
                         more=len(scored) - len(kept), suppressed=sorted(reasons.items()))


class DigestRunner:
    """Sends the digests that are due, once per (digest, recipient, period)."""

    def __init__(self, store: Store, settings: Settings, mailer: EmailNotifier, clock: Clock,
                 rules: Sequence[Rule] = ()) -> None:
        self.store, self.settings, self.mailer, self.clock, self.rules = store, settings, mailer, clock, rules

    async def run(self, *, only: str | None = None, early: bool = False) -> list[tuple[str, str, str]]:
        """Send what is due; ``early`` sends today's digest now, covering the 24 hours up to now.
        Returns (digest, recipient, outcome) for each recipient considered."""
        now = self.clock.now()
        results = []
        for digest in self.settings.digests:
            if only and digest.name != only:
                continue
            period = period_for(digest, now)
            if early:
                label = now.astimezone(ZoneInfo(digest.timezone)).date().isoformat()
                period = Period(label=label, start=now - timedelta(days=1), end=now)
            with self.store.session() as session:
                people = recipients(session, digest, period)
            for person in people:
                results.append((digest.name, person, await self._one(digest, person, period, now)))
        return results

    def _claim(self, digest: DigestSettings, person: str, period: Period, now: datetime) -> DigestContent | str:
        with self.store.session() as session:
            run = session.scalars(select(DigestRunRow).where(
                DigestRunRow.digest == digest.name, DigestRunRow.recipient == person,
                DigestRunRow.period == period.label)).first()
            if run is None:
                run = DigestRunRow(digest=digest.name, recipient=person, period=period.label, status="pending",
                                   attempts=0, items=0, next_attempt_at=now, created_at=now)
                try:
                    with session.begin_nested():
                        session.add(run)
                except IntegrityError:
                    return "taken"
            if run.status in ("sent", "empty", "parked") or run.next_attempt_at > now:
                return run.status
            content = build(session, digest, person, period, self.rules)
            if content.total == 0 and not digest.send_empty:
                run.status = "empty"
                return "empty"
            run.status, run.next_attempt_at = "sending", now + SENDING_LEASE
            return content

    async def _one(self, digest: DigestSettings, person: str, period: Period, now: datetime) -> str:
        content = self._claim(digest, person, period, now)
        if isinstance(content, str):
            return content
        msg = build_email(sender=self.settings.email.sender, recipient=person, subject=content.subject,
                          text=content.text(), html=content.html())
        try:
            await asyncio.to_thread(self.mailer.send_email, msg, person)
        except NotifyError as exc:
            return self._failed(digest, person, period, exc, now)
        with self.store.session() as session:
            run = self._run(session, digest, person, period)
            run.status, run.sent_at, run.items, run.last_error = "sent", now, content.total, None
        logger.info("digest %s sent for %s (%d signals)", digest.name, period.label, content.total)
        return "sent"

    @staticmethod
    def _run(session: Session, digest: DigestSettings, person: str, period: Period) -> DigestRunRow:
        return session.scalars(select(DigestRunRow).where(
            DigestRunRow.digest == digest.name, DigestRunRow.recipient == person,
            DigestRunRow.period == period.label)).one()

    def _failed(self, digest: DigestSettings, person: str, period: Period, exc: NotifyError, now: datetime) -> str:
        with self.store.session() as session:
            run = self._run(session, digest, person, period)
            run.attempts += 1
            run.last_error = str(exc)[:500]
            if not exc.retryable or run.attempts >= self.settings.delivery.max_attempts:
                run.status = "parked"
            else:
                run.status = "pending"
                run.next_attempt_at = now + timedelta(seconds=backoff(run.attempts, self.settings, run.id))
            status = run.status
        logger.warning("digest %s for %s failed (%s): %s", digest.name, period.label, status, exc)
        return "retry" if status == "pending" else "parked"
