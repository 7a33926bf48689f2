"""Enqueue: matched rules → outbox rows, in the transaction that stored the signal.

Each decision is recorded: queued, held (quiet hours), or suppressed with its reason
(cooldown, muted, duplicate, no owner). Immediate routes wait the group window, so several
signals for one account in quick succession leave as one message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.engine import RuleMatch
from rules.model import QuietHours, Rule
from watcher.config import Settings
from watcher.store.models import AccountRow, DecisionRow, DeliveryRow, SignalRow


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    destination: str | None
    note: str | None = None


def resolve(route: str, account: AccountRow | None, settings: Settings) -> Route:
    """``slack:owner`` → the owner's Slack id (or e-mail lookup, or the default channel); ``email:owner`` → e-mail."""
    if route == "slack:owner":
        if account is not None and account.owner_slack:
            return Route(destination=f"slack:@{account.owner_slack}")
        if account is not None and account.owner_email:
            return Route(destination=f"slack:email:{account.owner_email}")
        return Route(destination=f"slack:{settings.slack.default_channel}",
                     note="no owner on the account; sent to the default channel")
    if route == "email:owner":
        if account is not None and account.owner_email:
            return Route(destination=f"email:{account.owner_email}")
        return Route(destination=None, note="no owner e-mail on the account")
    return Route(destination=route)


def quiet_until(quiet: QuietHours, now: datetime) -> datetime | None:
    """End of the quiet period ``now`` falls in, or None when it is not quiet."""
    tz = ZoneInfo(quiet.timezone)
    local = now.astimezone(tz)
    start, end = (time(int(t[:2]), int(t[3:5])) for t in (quiet.start, quiet.end))
    t = local.time()
    inside = start <= t < end if start < end else (t >= start or t < end)
    if not inside:
        return None
    day = local.date() if t < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz).astimezone(now.tzinfo)


def _decide(session: Session, signal: SignalRow, rule: Rule | None, destination: str | None, decision: str,
            reason: str, now: datetime) -> None:
    session.add(DecisionRow(signal_id=signal.id, rule=rule.name if rule else None, destination=destination,
                            decision=decision, reason=reason, created_at=now))


def _in_cooldown(session: Session, rule: Rule, account: AccountRow | None, now: datetime) -> bool:
    if not rule.cooldown or account is None:
        return False
    since = now - timedelta(seconds=rule.cooldown)
    return session.scalars(
        select(DecisionRow.id).join(SignalRow, DecisionRow.signal_id == SignalRow.id)
        .where(SignalRow.account_id == account.id, DecisionRow.rule == rule.name,
               DecisionRow.decision.in_(("queued", "held")), DecisionRow.created_at >= since).limit(1)
    ).first() is not None


def enqueue(session: Session, signal: SignalRow, account: AccountRow | None, matches: list[RuleMatch],
            now: datetime, settings: Settings) -> list[DeliveryRow]:
    """Write the outbox rows (and decisions) for a newly stored signal."""
    if not matches:
        _decide(session, signal, None, None, "unmatched", "no rule matched", now)
        return []
    if account is not None and account.muted_until and account.muted_until > now:
        reason = f"account muted until {account.muted_until:%Y-%m-%d %H:%M}Z"
        for m in matches:
            _decide(session, signal, m.rule, None, "suppressed", reason, now)
        return []
    rows: dict[str, DeliveryRow] = {}
    for m in matches:
        if _in_cooldown(session, m.rule, account, now):
            _decide(session, signal, m.rule, None, "suppressed",
                    f"cooldown: rule {m.name} already fired for this account in the last {m.rule.cooldown:.0f}s", now)
            continue
        for route in m.rule.routes:
            target = resolve(route, account, settings)
            if target.destination is None:
                _decide(session, signal, m.rule, route, "suppressed", target.note or "no destination", now)
                continue
            if target.destination in rows:
                rows[target.destination].rules = [*rows[target.destination].rules, m.name]
                _decide(session, signal, m.rule, target.destination, "suppressed",
                        "duplicate: another rule already sends this signal there", now)
                continue
            due, decision, reason = now, "queued", target.note or f"rule {m.name} ({m.rule.priority})"
            if not target.destination.startswith("digest:"):
                due = now + timedelta(seconds=settings.rules.group_window)
                held = quiet_until(m.rule.quiet_hours, now) if m.rule.quiet_hours else None
                if held is not None:
                    due, decision, reason = held, "held", f"quiet hours of rule {m.name} until {held:%H:%M}Z"
            row = DeliveryRow(signal_id=signal.id, account_id=account.id if account else None,
                              destination=target.destination, rules=[m.name], priority=m.rule.priority,
                              status="digest" if target.destination.startswith("digest:") else "pending",
                              attempts=0, next_attempt_at=due, created_at=now)
            rows[target.destination] = row
            session.add(row)
            _decide(session, signal, m.rule, target.destination, decision, reason, now)
    return list(rows.values())


NOTICE_REPEAT = timedelta(days=1)


def enqueue_notice(session: Session, settings: Settings, text: str, now: datetime, *, key: str) -> bool:
    """An admin notice (a broken source, a parked message), sent once per ``key`` a day to the admin route."""
    route = settings.delivery.admin_route
    if not route or route.startswith("digest:"):
        return False
    destination = resolve(route, None, settings).destination
    if destination is None:
        return False
    key = key[:300]
    if session.scalars(select(DeliveryRow.id).where(DeliveryRow.notice_key == key,
                                                    DeliveryRow.created_at >= now - NOTICE_REPEAT)).first():
        return False
    session.add(DeliveryRow(signal_id=None, account_id=None, destination=destination, rules=[], priority="high",
                            notice={"text": text}, notice_key=key, status="pending", attempts=0,
                            next_attempt_at=now, created_at=now))
    return True
