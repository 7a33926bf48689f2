"""Fixtures for delivery tests: a Slack-compatible server, an SMTP server, signals of every kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rules.loader import rules_from_settings
from rules.model import Rule
from tests.conftest import make_settings
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.demo.sinks import MailSink, SlackSink
from watcher.domain import Signal
from watcher.notify.email import EmailNotifier
from watcher.notify.slack import SlackNotifier
from watcher.pipeline.deliver import Deliverer
from watcher.pipeline.match import matching_rules
from watcher.pipeline.outbox import enqueue
from watcher.pipeline.record import record_signal
from watcher.store.db import Store
from watcher.store.models import AccountRow

TOKEN = "xoxb-0000-SECRET-TOKEN"
PASSWORD = "smtp-SECRET-password"


@pytest.fixture
def slack() -> Iterator[SlackSink]:
    sink = SlackSink(users={"dana@seller.example": "U0DANA"}).start()
    yield sink
    sink.stop()


@pytest.fixture
def mail() -> Iterator[MailSink]:
    sink = MailSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def dsettings(tmp_path: Path, slack: SlackSink, mail: MailSink) -> Settings:
    return make_settings(
        tmp_path,
        slack={"base_url": slack.api_url, "default_channel": "#signals", "token_env": "T_SLACK",
               "webhook_env": "T_WEBHOOK"},
        email={"host": "127.0.0.1", "port": mail.port, "security": "none", "sender": "watcher@seller.example",
               "username_env": "T_SMTP_USER", "password_env": "T_SMTP_PASS"},
        delivery={"backoff_base": 30, "backoff_max": 600, "max_attempts": 10,
                  "admin_route": "email:ops@seller.example"},
        rules={"group_window": 60},
        digests=[{"name": "daily", "recipients": ["lead@seller.example", "owners"], "at": "08:00",
                  "timezone": "Europe/Berlin"}],
    )


def notifiers(settings: Settings, env: dict[str, str] | None = None) -> dict[str, Any]:
    env = {"T_SLACK": TOKEN} if env is None else env
    return {"slack": SlackNotifier(settings, env), "email": EmailNotifier(settings, {"T_SMTP_PASS": PASSWORD})}


@pytest.fixture
def deliverer(store: Store, dsettings: Settings, clock: FakeClock) -> Deliverer:
    return Deliverer(store, dsettings, notifiers(dsettings), clock, "test-owner", rules_from_settings(dsettings))


def add_account(store: Store, clock: FakeClock, domain: str = "acme.io", name: str = "Acme Robotics",
                **fields: Any) -> int:
    with store.session() as session:
        defaults = {"icp_score": 90, "icp_tier": "A", "owner_email": "dana@seller.example", "owner_slack": "U0DANA"}
        row = AccountRow(domain=domain, name=name, created_at=clock.now(), updated_at=clock.now(), followed=True,
                         aliases=[], technologies=[], tags=[], icp_reasons={}, **{**defaults, **fields})
        session.add(row)
        session.flush()
        return row.id


FACTS = {
    "funding": {"amount": 40_000_000, "currency": "USD", "amount_usd": 40_000_000, "round": "Series B",
                "investors": ["Foo Ventures", "Bar Capital"], "lead_investors": ["Foo Ventures"]},
    "key_hire": {"job_title": "VP of Sales, North America", "seniority": "VP", "department": "Sales",
                 "location": "New York, NY", "event": "opened"},
    "pricing_change": {"changes": [{"type": "price_increased", "plan": "Pro", "old": "$49", "new": "$59",
                                    "percent": 20.4}, {"type": "plan_removed", "plan": "Starter"}]},
    "review_complaint": {"competitor": "Initech", "platform": "G2", "rating": 1, "rating_scale": 5,
                         "themes": ["pricing"], "reviewer_company": "Globex", "reviewer_company_size": "201-500",
                         "reviewer_icp_tier": "A", "quote": "The price doubled at renewal."},
    "news": {"publisher": "TechCrunch"},
}


@pytest.fixture
def emit(store: Store, dsettings: Settings, clock: FakeClock) -> Callable[..., int]:
    """Store a signal the way the pipeline does and route it through the rules; returns its id."""
    rules: list[Rule] = rules_from_settings(dsettings)
    counter = iter(range(1, 10_000))

    def _emit(kind: str = "funding", domain: str | None = "acme.io", title: str | None = None,
              facts: dict[str, Any] | None = None) -> int:
        n = next(counter)
        signal = Signal(kind=kind, account=None, account_domain=domain, title=title or f"{kind} event {n}",
                        url=f"https://news.example/{n}", occurred_at=clock.now(), detected_at=clock.now(),
                        source="test", dedup_key=f"{kind}:{domain}:{n}", facts=facts or FACTS[kind],
                        evidence=f"evidence {n}")
        with store.session() as session:
            from sqlalchemy import select
            account = session.scalars(select(AccountRow).where(AccountRow.domain == domain)).first() if domain else None
            row, _ = record_signal(session, signal, account_id=account.id if account else None, watch_id=None)
            enqueue(session, row, account, matching_rules(rules, row, account), clock.now(), dsettings)
            return row.id

    return _emit
