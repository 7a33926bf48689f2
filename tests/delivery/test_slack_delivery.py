"""Slack delivery through the real slack_sdk client against a local Slack-compatible server."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable

import pytest
from sqlalchemy import select

from tests.delivery.conftest import TOKEN, add_account, notifiers
from watcher.clock import FakeClock
from watcher.config import Settings
from watcher.demo.sinks import MailSink, SlackSink
from watcher.pipeline.deliver import Deliverer
from watcher.store.db import Store
from watcher.store.models import DecisionRow, DeliveryRow

Emit = Callable[..., int]


def flush(deliverer: Deliverer) -> tuple[int, int, int]:
    report = asyncio.run(deliverer.flush())
    return report.sent, report.retried, report.parked


def rows(store: Store) -> list[DeliveryRow]:
    with store.session() as session:
        return list(session.scalars(select(DeliveryRow).order_by(DeliveryRow.id)))


@pytest.mark.parametrize("kind", ["funding", "key_hire", "pricing_change", "review_complaint"])
def test_each_kind_reaches_the_owner_as_an_insight_card(kind: str, store: Store, clock: FakeClock, emit: Emit,
                                                         deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock)
    emit(kind)
    assert flush(deliverer) == (0, 0, 0)  # waits the group window first
    clock.advance(seconds=61)
    assert flush(deliverer)[0] == 1
    post, = slack.posts
    assert post.channel == "U0DANA" and post.token == TOKEN
    text = json.dumps(post.blocks, ensure_ascii=False)
    assert "Acme Robotics (acme.io) · ICP tier A · score 90" in text
    assert "Why you are seeing this: rule" in text
    assert {"header", "context", "section", "actions"} <= {b["type"] for b in post.blocks}
    expected = {"funding": "Round: Series B", "key_hire": "Seniority: VP", "pricing_change": "Pro: $49 → $59 (+20%)",
                "review_complaint": "Quote: The price doubled at renewal."}[kind]
    assert expected in text


def test_signals_for_one_account_within_the_window_go_out_as_one_message(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock)
    add_account(store, clock, domain="northwind.dev", name="Northwind", owner_slack="U0DANA")
    emit("funding")
    clock.advance(seconds=20)
    emit("key_hire")
    emit("funding", domain="northwind.dev")
    clock.advance(seconds=41)
    flush(deliverer)  # Acme's window has passed: both of its signals leave together; Northwind's waits
    assert [sum(1 for b in p.blocks if b["type"] == "header") for p in slack.posts] == [2]
    clock.advance(seconds=60)
    flush(deliverer)
    assert [sum(1 for b in p.blocks if b["type"] == "header") for p in slack.posts] == [2, 1]
    assert "Northwind" in slack.posts[1].text


def test_slack_down_for_30_minutes_then_everything_arrives_once_in_order(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink) -> None:
    titles = []
    for i in range(6):  # six accounts (the funding rule has a one-day cooldown per account)
        add_account(store, clock, domain=f"account{i}.example", name=f"Account {i}", owner_slack="U0DANA")
        titles.append(f"signal {i}")
        emit("funding", domain=f"account{i}.example", title=f"signal {i}")
        clock.advance(seconds=70)  # each its own group
    slack.script.extend(["500"] * 40)
    for _ in range(30):  # thirty minutes of failures
        flush(deliverer)
        clock.advance(minutes=1)
    assert slack.posts == []
    slack.script.clear()
    for _ in range(20):
        clock.advance(minutes=10)
        flush(deliverer)
    headers = [b["text"]["text"] for p in slack.posts for b in p.blocks if b["type"] == "header"]
    assert headers == [f"Funding: {t}" for t in titles]
    assert {r.status for r in rows(store) if r.destination.startswith("slack")} == {"sent"}


def test_429_retry_after_is_honoured_by_rescheduling_not_sleeping(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock)
    emit("funding")
    clock.advance(seconds=61)
    slack.script.append(("429", 120))
    assert flush(deliverer) == (0, 1, 0)
    row = next(r for r in rows(store) if r.destination == "slack:@U0DANA")
    assert (row.next_attempt_at - clock.now()).total_seconds() == 120
    clock.advance(seconds=119)
    assert flush(deliverer) == (0, 0, 0)
    clock.advance(seconds=2)
    assert flush(deliverer)[0] == 1


def test_a_huge_retry_after_is_capped_and_rescheduled(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink,
        dsettings: Settings) -> None:
    add_account(store, clock)
    emit("funding")
    clock.advance(seconds=61)
    slack.script.append(("429", 86400 * 7))
    flush(deliverer)
    row = next(r for r in rows(store) if r.destination == "slack:@U0DANA")
    assert (row.next_attempt_at - clock.now()).total_seconds() == dsettings.delivery.max_retry_after


def test_dropped_connection_is_retried(store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer,
                                       slack: SlackSink) -> None:
    add_account(store, clock)
    emit("funding")
    clock.advance(seconds=61)
    slack.script.append("drop")
    assert flush(deliverer) == (0, 1, 0)
    clock.advance(minutes=5)
    assert flush(deliverer)[0] == 1 and len(slack.posts) == 1


def test_permanent_errors_are_parked_and_reported_once_to_the_admin(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink, mail: MailSink) -> None:
    add_account(store, clock)
    emit("funding")
    emit("key_hire")
    clock.advance(seconds=61)
    slack.script.extend([("error", "channel_not_found")] * 3)
    sent, retried, parked = flush(deliverer)
    assert parked == 2 and retried == 0
    parked_rows = [r for r in rows(store) if r.status == "parked"]
    assert all("channel_not_found" in (r.last_error or "") for r in parked_rows)
    flush(deliverer)  # the admin notice goes out by e-mail
    notices = [m for rcpt, m in mail.messages if rcpt == "ops@seller.example"]
    assert len(notices) == 1 and "channel_not_found" in notices[0]["Subject"]


def test_retry_budget_spent_parks_the_message(store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer,
                                              slack: SlackSink, dsettings: Settings) -> None:
    add_account(store, clock)
    emit("funding")
    slack.script.extend(["500"] * 50)
    for _ in range(dsettings.delivery.max_attempts + 2):
        clock.advance(minutes=15)
        flush(deliverer)
    row = next(r for r in rows(store) if r.destination == "slack:@U0DANA")
    assert row.status == "parked" and row.attempts == dsettings.delivery.max_attempts
    assert "HTTP 500" in (row.last_error or "")


def test_killed_between_send_and_mark_repeats_at_most_that_message(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_account(store, clock)
    add_account(store, clock, domain="northwind.dev", name="Northwind", owner_slack="U0SAM")
    emit("funding", domain="acme.io")
    emit("funding", domain="northwind.dev")
    clock.advance(seconds=61)
    real_sent = Deliverer._sent

    def crash(self: Deliverer, ids: list[int], now: object) -> None:
        raise KeyboardInterrupt  # the process dies right after Slack accepted the first message

    monkeypatch.setattr(Deliverer, "_sent", crash)
    with pytest.raises(KeyboardInterrupt):
        flush(deliverer)
    monkeypatch.setattr(Deliverer, "_sent", real_sent)
    assert len(slack.posts) == 1
    flush(deliverer)  # the crashed row is still leased: only the other goes now
    clock.advance(minutes=6)  # the lease expires
    flush(deliverer)
    channels = [p.channel for p in slack.posts]
    assert sorted(channels) == ["U0DANA", "U0DANA", "U0SAM"]  # one repeat, of the message accepted before the kill
    clock.advance(minutes=60)
    flush(deliverer)
    assert len(slack.posts) == 3


def test_owner_dm_by_email_lookup_and_default_channel_without_owner(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock, owner_slack=None)
    add_account(store, clock, domain="globex.example", name="Globex", owner_slack=None, owner_email=None)
    first = emit("funding", domain="acme.io")
    second = emit("funding", domain="globex.example")
    clock.advance(seconds=61)
    flush(deliverer)
    assert sorted(p.channel for p in slack.posts) == ["#signals", "U0DANA"]
    with store.session() as session:
        reasons = list(session.scalars(select(DecisionRow.reason).where(DecisionRow.signal_id == second)))
    assert any("no owner on the account" in r for r in reasons) and first


def test_webhook_when_there_is_no_token(store: Store, clock: FakeClock, emit: Emit, slack: SlackSink,
                                        dsettings: Settings) -> None:
    deliverer = Deliverer(store, dsettings, notifiers(dsettings, {"T_WEBHOOK": slack.webhook_url}), clock, "o")
    add_account(store, clock)
    emit("funding")
    clock.advance(seconds=61)
    assert flush(deliverer)[0] == 1 and slack.posts[0].channel == "webhook"


HOSTILE = "<!channel> Acme *bold* <https://evil.example|click here> <@U999> & <script>alert(1)</script>"


def test_hostile_text_is_rendered_harmless_in_slack(store: Store, clock: FakeClock, emit: Emit,
                                                    deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock, name="Evil <!here> Corp\r\nX-Injected: yes")
    emit("review_complaint", title=HOSTILE, facts={"competitor": HOSTILE, "rating": 1, "quote": HOSTILE})
    clock.advance(seconds=61)
    flush(deliverer)
    post, = slack.posts
    for block in post.blocks:
        for text in _texts(block):
            if text["type"] == "mrkdwn":
                assert "<!" not in text["text"] and "<http" not in text["text"] and "<@" not in text["text"]
    assert "&lt;!channel&gt;" in post.text and "<!channel>" not in post.text


def _texts(block: dict) -> list[dict]:  # type: ignore[type-arg]
    found = []
    if isinstance(block.get("text"), dict):
        found.append(block["text"])
    for key in ("fields", "elements"):
        found += [e for e in block.get(key, []) if isinstance(e, dict) and "type" in e and "text" in e
                  and isinstance(e["text"], str)]
    return found


def test_no_token_webhook_or_password_in_logs_or_stored_errors(
        store: Store, clock: FakeClock, emit: Emit, slack: SlackSink, mail: MailSink, dsettings: Settings,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    mail.refuse.add("dana@seller.example")
    env = {"T_SLACK": TOKEN, "T_WEBHOOK": slack.webhook_url}
    deliverer = Deliverer(store, dsettings, notifiers(dsettings, env), clock, "o")
    add_account(store, clock)
    emit("funding")
    clock.advance(seconds=61)
    slack.script.extend(["500", ("error", "invalid_auth"), "drop"])
    for _ in range(4):
        flush(deliverer)
        clock.advance(minutes=20)
    stored = " ".join(r.last_error or "" for r in rows(store))
    for secret in (TOKEN, slack.webhook_url, "XXXXSECRETXXXX", "smtp-SECRET-password"):
        assert secret not in caplog.text and secret not in stored



def test_more_cards_than_slack_allows_are_summarised_not_failed() -> None:
    from watcher.notify.message import Card, Message
    from watcher.notify.slack import message_blocks

    cards = [Card(kind="news", headline="x" * 500, account="A", account_domain="a.io", tier="A", score=1,
                  facts=[("Publisher", "y" * 5000)], when=None, links=[("Source", "https://a.io/" + "z" * 4000)],
                  evidence="e" * 10_000, why=["rule r"]) for _ in range(30)]
    blocks = message_blocks(Message(destination="slack:#x", subject="s", cards=cards))
    assert len(blocks) <= 50
    assert "more signal(s)" in blocks[-1]["elements"][0]["text"]
    assert all(len(b["text"]["text"]) <= 150 for b in blocks if b["type"] == "header")
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section" and "text" in b)
    assert not any(b["type"] == "actions" for b in blocks)  # a 4000-character URL is not offered as a button


def test_a_long_group_goes_out_as_several_whole_messages_so_no_card_is_cut(
        store: Store, clock: FakeClock, emit: Emit, deliverer: Deliverer, slack: SlackSink) -> None:
    add_account(store, clock)
    for n in range(15):  # the complaint rule has no cooldown: fifteen signals for one account at once
        emit("review_complaint", title=f"complaint {n}")
    clock.advance(seconds=61)
    assert flush(deliverer)[0] == 15
    cards = [[b["text"]["text"] for b in p.blocks if b["type"] == "header"] for p in slack.posts]
    assert [len(c) for c in cards] == [6, 6, 3]
    assert [t.removeprefix("Competitor complaint: ") for c in cards for t in c] == [f"complaint {n}" for n in range(15)]
