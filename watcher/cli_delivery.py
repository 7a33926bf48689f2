"""`watcher rules …`, `watcher digest …`, `watcher deliver`, `watcher signals show`, `watcher mute`:
the commands of the rules-and-delivery side, kept apart from the core commands in cli.py."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import func, select

from watcher.accounts import find_account
from watcher.cli import EXIT_PARTIAL, app, err, fail, load_rules, opened, out, settings, signals_app
from watcher.clock import SystemClock
from watcher.config import Settings, parse_duration
from watcher.daemon import process_owner
from watcher.domain import iso
from watcher.notify.base import build_notifiers
from watcher.notify.email import EmailNotifier
from watcher.pipeline.deliver import Deliverer
from watcher.pipeline.digest import DigestRunner, build, period_for, recipients
from watcher.pipeline.match import matching_rules
from watcher.pipeline.outbox import quiet_until, resolve
from watcher.store.models import AccountRow, DecisionRow, DeliveryRow, SignalRow

rules_app = typer.Typer(help="Check trigger rules and replay stored signals through them.", no_args_is_help=True)
digest_app = typer.Typer(help="Preview and send the digest e-mails.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(digest_app, name="digest")


@rules_app.command("check")
def rules_check() -> None:
    """Validate the rule files (file, rule and field named on error) and list the rules in force."""
    cfg = settings()
    for rule in load_rules(cfg):
        cooldown = f", cooldown {rule.cooldown:.0f}s" if rule.cooldown else ""
        out.print(f"{rule.name}{' (fallback)' if rule.fallback else ''} [{rule.priority}]: "
                  f"{', '.join(rule.kinds) or 'any kind'} → {', '.join(rule.routes)}{cooldown}", highlight=False,
                  markup=False)


@rules_app.command("test")
def rules_test(
    since: Annotated[str, typer.Option(help="Replay signals detected this far back.")] = "30d",
    rule: Annotated[str | None, typer.Option(help="Only this rule.")] = None,
) -> None:
    """Replay stored signals through the rules: what would have been sent where, and what suppressed, and why."""
    cfg = settings()
    rules = load_rules(cfg)
    if rule:
        rules = [r for r in rules if r.name == rule]
        if not rules:
            raise fail(f"no rule named {rule!r} (see `watcher rules check`)")
    cutoff = SystemClock().now() - timedelta(seconds=parse_duration(since))
    fired: dict[tuple[int | None, str], float] = {}
    counts: Counter[str] = Counter()
    with opened(cfg) as store, store.session() as session:
        rows = session.execute(
            select(SignalRow, AccountRow).outerjoin(AccountRow, SignalRow.account_id == AccountRow.id)
            .where(SignalRow.detected_at >= cutoff).order_by(SignalRow.detected_at)).all()
        for signal, account in rows:
            matches = matching_rules(rules, signal, account)
            if not matches:
                counts["unmatched"] += 1
                continue
            for m in matches:
                when = signal.detected_at.timestamp()
                last = fired.get((signal.account_id, m.name))
                if m.rule.cooldown and last is not None and when - last < m.rule.cooldown:
                    out.print(f"{iso(signal.detected_at)} [yellow]suppressed[/] {signal.title} — cooldown of "
                              f"{m.name}", highlight=False)
                    counts["suppressed: cooldown"] += 1
                    continue
                fired[(signal.account_id, m.name)] = when
                for route in m.rule.routes:
                    target = resolve(route, account, cfg)
                    quiet = quiet_until(m.rule.quiet_hours, signal.detected_at) if m.rule.quiet_hours else None
                    where = target.destination or f"nowhere ({target.note})"
                    held = f" (held for quiet hours until {quiet:%H:%M}Z)" if quiet else ""
                    out.print(f"{iso(signal.detected_at)} [bold]{m.name}[/] → {where}{held}: {signal.kind} "
                              f"{signal.title}", highlight=False)
                    counts["sent" if target.destination else "suppressed: no destination"] += 1
    out.print(f"{len(rows)} signal(s) replayed: " + (", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
                                                    or "nothing would have been sent"))


def _mailer(cfg: Settings) -> EmailNotifier:
    mailer = build_notifiers(cfg).get("email")
    if not isinstance(mailer, EmailNotifier):
        raise fail("the email notifier is not available")
    return mailer


@digest_app.command("preview")
def digest_preview(
    digest: Annotated[str | None, typer.Option(help="Digest name (default: the first configured).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Whose digest (default: the first recipient).")] = None,
    html: Annotated[Path | None, typer.Option(help="Write the HTML part to this file.")] = None,
) -> None:
    """Show the digest that would be sent for the latest period, without sending or recording it."""
    cfg = settings()
    chosen = next((d for d in cfg.digests if digest in (None, d.name)), None)
    if chosen is None:
        raise fail(f"no digest named {digest!r}" if digest else "no [[digests]] configured")
    period = period_for(chosen, SystemClock().now())
    with opened(cfg) as store, store.session() as session:
        people = recipients(session, chosen, period)
        person = recipient or (people[0] if people else (chosen.recipients or ["(nobody)"])[0])
        content = build(session, chosen, person, period, load_rules(cfg))
    out.print(content.text(), highlight=False, markup=False)
    if html:
        html.write_text(content.html(), encoding="utf-8")
        out.print(f"HTML written to {html}")


@digest_app.command("send")
def digest_send(
    now: Annotated[bool, typer.Option("--now", help="Send today's digest now, not at its hour.")] = False,
    digest: Annotated[str | None, typer.Option(help="Only this digest.")] = None,
) -> None:
    """Send the digests that are due (each recipient once per period)."""
    cfg = settings()
    with opened(cfg) as store:
        runner = DigestRunner(store, cfg, _mailer(cfg), SystemClock(), load_rules(cfg))
        results = asyncio.run(runner.run(only=digest, early=now))
    for name, person, outcome in results:
        out.print(f"{name} → {person}: {outcome}")
    if not results:
        out.print("no digest recipients this period")
    if any(o in ("retry", "parked") for _, _, o in results):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def deliver() -> None:
    """Send pending messages and due digests once, then exit (for cron; `watcher run` does this itself)."""
    cfg = settings()
    rules = load_rules(cfg)
    with opened(cfg) as store:
        notifiers = build_notifiers(cfg)
        report = asyncio.run(Deliverer(store, cfg, notifiers, SystemClock(), process_owner(), rules).flush())
        mailer = notifiers.get("email")
        digests = asyncio.run(DigestRunner(store, cfg, mailer, SystemClock(), rules).run()) \
            if isinstance(mailer, EmailNotifier) else []
    out.print(f"{report.sent} message(s) sent, {report.retried} to retry, {report.parked} parked; "
              f"{sum(o == 'sent' for _, _, o in digests)} digest(s) sent")
    if report.retried or report.parked:
        raise typer.Exit(EXIT_PARTIAL)


@signals_app.command("show")
def signals_show(signal_id: Annotated[int, typer.Argument(help="The signal's id (see `signals list`).")]) -> None:
    """One signal: its facts and sources, where it was sent, and every decision not to send it."""
    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        signal = session.get(SignalRow, signal_id)
        if signal is None:
            raise fail(f"no signal {signal_id}")
        account = session.get(AccountRow, signal.account_id) if signal.account_id else None
        deliveries = list(session.scalars(select(DeliveryRow).where(DeliveryRow.signal_id == signal_id)))
        decisions = list(session.scalars(select(DecisionRow).where(DecisionRow.signal_id == signal_id)
                                         .order_by(DecisionRow.id)))
    out.print(f"[bold]#{signal.id} {signal.kind}[/]: {signal.title}", highlight=False)
    out.print(f"  account: {account.name + ' (' + account.domain + ')' if account else '-'}; detected "
              f"{iso(signal.detected_at)}; occurred {iso(signal.occurred_at) or '-'}; key {signal.dedup_key}",
              highlight=False)
    for key, value in (signal.facts or {}).items():
        if key != "diff":
            out.print(f"  {key}: {value}", highlight=False, markup=False)
    if signal.evidence:
        out.print(f"  evidence: {signal.evidence}", highlight=False, markup=False)
    for source in signal.sources or []:
        out.print(f"  source: {source.get('url')} ({source.get('source')}, {source.get('seen_at')})", highlight=False)
    for d in deliveries:
        out.print(f"  delivery → {d.destination}: {d.status}" + (f" at {iso(d.sent_at)}" if d.sent_at else "")
                  + (f" (attempts {d.attempts}, last error: {d.last_error})" if d.last_error else ""), highlight=False)
    for decision in decisions:
        out.print(f"  decision: {decision.decision} {decision.destination or ''} — {decision.reason}",
                  highlight=False, markup=False)


@app.command()
def mute(domain: Annotated[str, typer.Argument(help="The account's domain.")],
         for_: Annotated[str, typer.Option("--for", help="How long, e.g. 7d.")] = "7d") -> None:
    """Send nothing about an account for a while (signals are still stored and shown in the digest's count)."""
    _set_mute(domain, parse_duration(for_))


@app.command()
def unmute(domain: Annotated[str, typer.Argument(help="The account's domain.")]) -> None:
    """Undo `watcher mute`."""
    _set_mute(domain, None)


def _set_mute(domain: str, seconds: float | None) -> None:
    cfg = settings()
    with opened(cfg) as store, store.session() as session:
        account = find_account(session, domain)
        if account is None:
            raise fail(f"{domain}: unknown account")
        account.muted_until = SystemClock().now() + timedelta(seconds=seconds) if seconds else None
        until = iso(account.muted_until)
    out.print(f"{domain}: muted until {until}" if until else f"{domain}: unmuted")


def delivery_status(cfg: Settings) -> None:
    """The outbox part of `watcher status`: backlog, failing and parked messages, digests."""
    with opened(cfg) as store, store.session() as session:
        by_status = dict(session.execute(select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)).all())
        failing = session.scalar(select(func.count()).select_from(DeliveryRow)
                                 .where(DeliveryRow.status == "pending", DeliveryRow.attempts > 0))
        parked = list(session.scalars(select(DeliveryRow).where(DeliveryRow.status == "parked")
                                      .order_by(DeliveryRow.id.desc()).limit(10)))
    out.print(f"outbox: {by_status.get('pending', 0)} pending ({failing} retrying), {by_status.get('sent', 0)} sent, "
              f"{by_status.get('parked', 0)} parked; {by_status.get('digest', 0)} digest entries")
    for row in parked:
        err.print(f"  parked #{row.id} → {row.destination}: {row.last_error}", highlight=False, markup=False)
