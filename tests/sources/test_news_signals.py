"""news: what an item becomes — one `funding` signal per raise however many outlets report it, `key_hire`
for a leader who joined, plain `news` for the rest — and unattributed raises for `watcher extract`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from watcher.domain import AccountRef, Item, Signal, WatchContext
from watcher.extract import extract
from watcher.pipeline.record import record_signal
from watcher.registry import get_source
from watcher.store.db import Store
from watcher.store.models import SignalRow

NEWS = Path(__file__).parent.parent / "fixtures" / "news"
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ACME = AccountRef(name="Acme Robotics", domain="acme.io", industry="Robotics")
SEARCH = WatchContext(watch_id=1, kind="news", target="search", account=ACME, options={"search": True})


def item(guid: str, title: str, summary: str = "", publisher: str | None = None, day: int = 18) -> Item:
    return Item(id=guid, title=title, url=f"https://news.example/{guid}", text=summary,
                published_at=datetime(2026, 11, day, 9, 0, tzinfo=UTC), data={"publisher": publisher})


def lines(found: list[Signal]) -> list[dict[str, Any]]:
    """Signals as printed, with the feed (a local path) reduced to its file name."""
    printed = [json.loads(s.to_json()) for s in found]
    for signal in printed:
        signal["facts"]["feed"] = Path(signal["facts"]["feed"]).name
    return printed


@pytest.mark.parametrize(("account", "domain", "golden"), [
    (None, None, "funding_search.unattributed.jsonl"),
    ("Acme Robotics", "acme.io", "funding_search.acme.jsonl"),
], ids=["unattributed", "as-acme-own-feed"])
def test_funding_search_feed_golden(account: str | None, domain: str | None, golden: str) -> None:
    found = lines(extract("news", NEWS / "funding_search.xml", now=NOW, account=account, domain=domain))
    expected = [json.loads(line) for line in (NEWS / golden).read_text().splitlines()]
    assert found == expected


def test_three_outlets_on_three_days_are_one_signal_with_three_sources(store: Store) -> None:
    source = get_source("news")
    reports = [
        item("a", "Acme Robotics raises $40M Series B led by Foo Ventures - TechCrunch", publisher="TechCrunch"),
        item("b", "Warehouse robot maker Acme Robotics lands $40 million in Series B funding", day=19),
        item("c", "Acme Robotics Announces $40 Million Series B Financing Led by Foo Ventures", day=20),
        item("d", "Acme Robotics raises $90M Series C", day=30),  # a later round: a new event
    ]
    created = []
    with store.session() as session:
        for n, report in enumerate(reports):
            detected = NOW + timedelta(days=n)
            for signal in source.interpret_items([report], SEARCH, detected):
                created.append(record_signal(session, signal, account_id=None, watch_id=None,
                                             window=source.dedup_window)[1])
    with store.session() as session:
        rows = list(session.scalars(select(SignalRow).order_by(SignalRow.id)))
    assert created == [True, False, False, True]
    assert [(r.kind, r.dedup_key, len(r.sources)) for r in rows] == [
        ("funding", "funding:acme.io:series-b", 3), ("funding", "funding:acme.io:series-c", 1)]
    assert rows[0].facts["lead_investors"] == ["Foo Ventures"] and rows[0].facts["amount_usd"] == 40_000_000


def test_the_same_round_key_after_the_window_is_a_new_event(store: Store) -> None:
    source = get_source("news")
    first = source.interpret_items([item("a", "Acme Robotics raises $5M in new funding")], SEARCH, NOW)
    later = source.interpret_items([item("b", "Acme Robotics raises $12M to expand to Europe")], SEARCH,
                                   NOW + timedelta(days=200))
    with store.session() as session:
        stored = [record_signal(session, s, account_id=None, watch_id=None, window=source.dedup_window)[1]
                  for s in [*first, *later]]
    assert stored == [True, True]
    assert first[0].dedup_key == later[0].dedup_key == "funding:acme.io:undisclosed"


@pytest.mark.parametrize(("title", "kind"), [
    ("Salesforce Ventures leads $30M Series B in Convoyr", "news"),
    ("Salesforce to acquire Own Company for $1.9 billion", "news"),
    ("Salesforce raises full-year revenue guidance", "news"),
    ("Salesforce names Jane Roe Chief Revenue Officer", "key_hire"),
], ids=["investor-not-raiser", "acquirer", "guidance", "leader-joined"])
def test_an_accounts_news_is_its_raise_only_when_it_raised(title: str, kind: str) -> None:
    account = AccountRef(name="Salesforce", domain="salesforce.com")
    ctx = WatchContext(watch_id=1, kind="news", target="search", account=account)
    signal, = get_source("news").interpret_items([item("x", title)], ctx, NOW)
    assert signal.kind == kind


def test_key_hire_from_news_carries_the_contract_facts() -> None:
    report = item("k", "Acme Robotics hires former Stripe exec as CRO - Business Insider",
                  "Acme Robotics has hired Jane Park, formerly of Stripe, as chief revenue officer.",
                  publisher="Business Insider")
    signal, = get_source("news").interpret_items([report], SEARCH, NOW)
    assert (signal.kind, signal.title, signal.dedup_key) == (
        "key_hire", "Acme Robotics hires former Stripe exec as CRO", "key_hire:acme.io:joined:jane-park")
    assert {k: signal.facts[k] for k in ("event", "person", "job_title", "seniority", "department",
                                         "previous_employer", "publisher")} == {
        "event": "joined", "person": "Jane Park", "job_title": "CRO", "seniority": "C-level", "department": "Sales",
        "previous_employer": "Stripe", "publisher": "Business Insider"}
    assert signal.evidence.startswith("Acme Robotics has hired Jane Park")


@pytest.mark.parametrize("name", ["google_news_search.xml", "techcrunch_feed.xml", "sec_press_releases.rss",
                                  "youtube_channel_atom.xml"], ids=["google-news", "techcrunch", "sec-press", "atom"])
def test_real_feeds_without_raises_report_none_unattributed(name: str) -> None:
    assert extract("news", NEWS / name, now=NOW) == []
