"""E-mail alerts and the daily digest through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from rules.loader import rules_from_settings
from tests.delivery.conftest import add_account, notifiers
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.demo.sinks import MailSink
from watcher.notify.email import EmailNotifier, build_email
from watcher.notify.message import Message
from watcher.pipeline.deliver import Deliverer
from watcher.pipeline.digest import DigestRunner, period_for
from watcher.store.db import Store
from watcher.store.models import DeliveryRow, DigestRunRow

Emit = Callable[..., int]
# 07:30 UTC is 08:30 in Berlin in winter: the digest hour (08:00 local) has just passed.
AFTER_HOUR = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)


def email_deliverer(store: Store, settings: Settings, clock: FakeClock, tmp_rules: Path | None = None) -> Deliverer:
    return Deliverer(store, settings, notifiers(settings), clock, "o", rules_from_settings(settings))


def mail_rule_settings(dsettings: Settings, tmp_path: Path) -> Settings:
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "mail-owner"\nkinds = ["funding"]\nroutes = ["email:owner"]\n')
    return dsettings.model_copy(update={"rules": dsettings.rules.model_copy(update={"files": [str(rules)],
                                                                                    "builtin": False})})


def test_alert_email_is_multipart_alternative_with_html_and_text(
        store: Store, dsettings: Settings, clock: FakeClock, mail: MailSink, tmp_path: Path) -> None:
    settings = mail_rule_settings(dsettings, tmp_path)
    add_account(store, clock)
    _emit_with(store, settings, clock, "funding", title="Acme Robotics raises $40M Series B")
    clock.advance(seconds=61)
    assert asyncio.run(email_deliverer(store, settings, clock).flush()).sent == 1
    rcpt, msg = mail.messages[0]
    assert rcpt == "dana@seller.example"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Subject"] == "Funding: Acme Robotics raises $40M Series B"
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Series B" in html and "ICP tier A" in html and "Why you are seeing this: rule mail-owner" in html


def _emit_with(store: Store, settings: Settings, clock: FakeClock, kind: str, title: str, domain: str = "acme.io"
               ) -> None:
    from tests.delivery.conftest import FACTS
    from watcher.domain import Signal
    from watcher.pipeline.match import matching_rules
    from watcher.pipeline.outbox import enqueue
    from watcher.pipeline.record import record_signal
    from watcher.store.models import AccountRow

    signal = Signal(kind=kind, account=None, account_domain=domain, title=title, url="https://n.example/1",
                    occurred_at=clock.now(), detected_at=clock.now(), source="test",
                    dedup_key=f"{kind}:{domain}:{title}", facts=FACTS[kind], evidence="…")
    with store.session() as session:
        account = session.scalars(select(AccountRow).where(AccountRow.domain == domain)).first()
        row, _ = record_signal(session, signal, account_id=account.id if account else None, watch_id=None)
        enqueue(session, row, account, matching_rules(rules_from_settings(settings), row, account), clock.now(),
                settings)


def test_smtp_recipient_refused_is_parked_421_is_retried_and_a_down_server_is_waited_for(
        store: Store, dsettings: Settings, clock: FakeClock, mail: MailSink, tmp_path: Path) -> None:
    settings = mail_rule_settings(dsettings, tmp_path)
    add_account(store, clock)
    add_account(store, clock, domain="globex.example", name="Globex", owner_email="bounce@seller.example")
    mail.refuse.add("bounce@seller.example")
    mail.busy = 1
    _emit_with(store, settings, clock, "funding", "Acme raises", "acme.io")
    _emit_with(store, settings, clock, "funding", "Globex raises", "globex.example")
    clock.advance(seconds=61)
    deliverer = email_deliverer(store, settings, clock)
    first = asyncio.run(deliverer.flush())
    assert (first.sent, first.retried, first.parked) == (0, 1, 1)  # 421 for Acme, 550 for Globex
    mail.stop()
    clock.advance(minutes=5)
    down = asyncio.run(deliverer.flush())
    assert down.sent == 0 and down.retried >= 1
    mail.start()
    clock.advance(minutes=30)
    asyncio.run(deliverer.flush())
    assert [r for r, _ in mail.messages] == ["dana@seller.example", "ops@seller.example"]
    assert "was parked: SMTP refused the recipient: 550" in mail.messages[1][1]["Subject"]
    with store.session() as session:
        parked = session.scalars(select(DeliveryRow).where(DeliveryRow.status == "parked")).one()
    assert "550" in (parked.last_error or "")


def test_header_injection_through_a_company_name_adds_no_header() -> None:
    msg = build_email(sender="watcher@seller.example", recipient="dana@seller.example",
                      subject="Funding: Acme\r\nBcc: victim@evil.example\r\nX-Evil: 1", text="t", html="<p>t</p>")
    raw = msg.as_bytes()
    assert b"\r\nBcc:" not in raw and b"\nX-Evil:" not in raw
    assert msg["Bcc"] is None and "Acme Bcc: victim@evil.example" in msg["Subject"]


def test_hostile_text_is_escaped_in_the_html_part(settings: Settings) -> None:
    from watcher.notify.email import render_html
    from watcher.notify.message import Card

    card = Card(kind="news", headline="<script>alert(1)</script>", account="Evil <b>Corp</b>", account_domain="e.io",
                tier="A", score=1, facts=[("Quote", "<img src=x onerror=alert(1)>")], when=None,
                links=[("Source", "javascript:alert(1)")], evidence="<!channel>", why=[])
    html = render_html("alert.html", message=Message(destination="email:x@y.z", subject="s", cards=[card]))
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html
    assert "javascript:" not in html


def digest_runner(store: Store, settings: Settings, clock: FakeClock) -> DigestRunner:
    mailer = notifiers(settings)["email"]
    assert isinstance(mailer, EmailNotifier)
    return DigestRunner(store, settings, mailer, clock, rules_from_settings(settings))


def test_daily_digest_is_sent_once_per_recipient_even_across_restarts(
        store: Store, dsettings: Settings, clock: FakeClock, mail: MailSink, emit: Emit) -> None:
    clock.set(datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    add_account(store, clock, owner_email="dana@seller.example")
    add_account(store, clock, domain="globex.example", name="Globex", icp_tier="C", icp_score=45,
                owner_email="kim@seller.example")
    emit("funding", domain="acme.io", title="Acme Robotics raises $40M Series B")
    emit("pricing_change", domain="globex.example", title="Globex changed its pricing page")
    clock.advance(hours=12)  # 00:00 UTC, before the hour in Berlin
    asyncio.run(digest_runner(store, dsettings, clock).run())
    assert mail.messages == []  # today's hour has not come; yesterday's period was empty
    clock.set(AFTER_HOUR)
    for _ in range(3):  # the daemon restarts twice around the hour
        asyncio.run(digest_runner(store, dsettings, clock).run())
        clock.advance(minutes=1)
    received = sorted(r for r, _ in mail.messages)
    assert received == ["dana@seller.example", "kim@seller.example", "lead@seller.example"]
    lead = next(m for r, m in mail.messages if r == "lead@seller.example")
    text = lead.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.index("Acme Robotics") < text.index("Globex")  # ranked by ICP fit × strength × recency
    kim = next(m for r, m in mail.messages if r == "kim@seller.example").get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Globex" in kim and "Acme" not in kim  # owners get their own accounts


def test_a_daemon_down_at_the_hour_sends_when_it_returns_and_one_failure_does_not_resend_others(
        store: Store, dsettings: Settings, clock: FakeClock, mail: MailSink, emit: Emit) -> None:
    clock.set(datetime(2026, 11, 22, 12, 0, tzinfo=UTC))
    add_account(store, clock)
    emit("news", title="Acme opens an office")
    mail.refuse.add("lead@seller.example")
    clock.set(AFTER_HOUR.replace(hour=15))  # came back seven hours late
    results = asyncio.run(digest_runner(store, dsettings, clock).run())
    assert sorted(o for _, _, o in results) == ["parked", "sent"]
    clock.advance(minutes=30)
    asyncio.run(digest_runner(store, dsettings, clock).run())
    assert [r for r, _ in mail.messages] == ["dana@seller.example"]
    with store.session() as session:
        runs = {r.recipient: r.status for r in session.scalars(select(DigestRunRow))}
    assert runs == {"dana@seller.example": "sent", "lead@seller.example": "parked"}


def test_an_empty_day_sends_nothing(store: Store, dsettings: Settings, clock: FakeClock, mail: MailSink) -> None:
    clock.set(AFTER_HOUR)
    asyncio.run(digest_runner(store, dsettings, clock).run())
    assert mail.messages == []


def test_period_is_the_24_hours_before_the_local_send_time(dsettings: Settings) -> None:
    digest = dsettings.digests[0]
    period = period_for(digest, AFTER_HOUR)
    assert period.label == "2026-11-23"
    assert period.end == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    before = period_for(digest, datetime(2026, 11, 23, 6, 59, tzinfo=UTC))
    assert before.label == "2026-11-22"
