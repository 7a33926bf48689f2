"""pricing_page: prices read right, noise silent, real changes described, JavaScript shells refused.

The golden pages (many site styles, a 1,000-render noise soak) are in test_pricing_page_golden.py; these
are the narrow cases: money formats, volatile tokens, options, and the signal's own shape.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sources._pricing.money import display, find_money, terms
from sources._pricing.text import normalise
from watcher.domain import AccountRef, Change, Document, WatchContext
from watcher.errors import ParseError
from watcher.extract import extract
from watcher.registry import get_source

BASE = (Path(__file__).parent.parent / "fixtures" / "pricing_page" / "base.html").read_text()
STARTER = ('<div class="card"><h2>Starter</h2><p class="price">$19<span>/seat/month</span></p>'
           '<ul><li>5 projects</li></ul><a href="/signup?plan=starter">Start trial</a></div>')
QUOTES = ["Acme changed how we work. — Jo, Initech", "Best tool we bought this year. — Sam, Globex",
          "Our team loves it. — Kim, Umbrella"]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
ACME = WatchContext(watch_id=1, kind="pricing_page", target="https://acme.io/pricing",
                    account=AccountRef(name="Acme", domain="acme.io"))


def render(n: int, *, pro: str = "49", starter: bool = True) -> str:
    """The Acme page, re-rendered with new noise (token, nonce, timestamp, testimonial) for each ``n``."""
    return BASE.format(token=f"tok{n:04d}x{n * 7919:012x}abcdef", nonce=f"n{n * 31337:x}abcdefgh12345678",
                       stamp=f"2026-11-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00", pro=pro,
                       starter=STARTER if starter else "", quote=QUOTES[n % len(QUOTES)])


def signals(tmp_path: Path, old: str, new: str) -> list[dict[str, Any]]:
    (tmp_path / "old.html").write_text(old)
    (tmp_path / "new.html").write_text(new)
    found = extract("pricing_page", tmp_path / "new.html", previous=tmp_path / "old.html", account="Acme",
                    domain="acme.io", now=NOW)
    return [json.loads(s.to_json()) for s in found]


def parse(html: str, **options: Any) -> Document:
    watch = WatchContext(watch_id=1, kind="pricing_page", target="https://acme.io/pricing", options=options)
    document = get_source("pricing_page").parse(html.encode(), {}, watch).document
    assert document is not None
    return document


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("$1,200.00", 1200, "USD"), ("1.200,00 €", 1200, "EUR"), ("US$49", 49, "USD"), ("¥1,980", 1980, "JPY"),
    ("49,99 €", 49.99, "EUR"), ("$0.005 per event", 0.005, "USD"), ("£2.50", 2.5, "GBP"), ("CHF 25", 25, "CHF"),
    ("$1.5k", 1500, "USD"), ("1 200,00 €", 1200, "EUR"), ("$49 CAD", 49, "CAD"), ("A$29", 29, "AUD"),
    ("8,50\u00a0€ HT", 8.5, "EUR"), ("€1.290", 1290, "EUR"), ("$0.0079", 0.0079, "USD"),
], ids=str)
def test_amounts_in_every_format_read_the_same(text: str, amount: float, currency: str) -> None:
    found = find_money(text)
    assert [(m.amount, m.currency) for m in found] == [(amount, currency)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Save 20% with annual billing", []), ("99.9% uptime", []), ("Up to 10,000 events", []), ("2026-11-22", []),
])
def test_numbers_that_are_not_prices_are_not_read_as_prices(text: str, expected: list[Any]) -> None:
    assert list(find_money(text)) == expected


@pytest.mark.parametrize(("context", "expected"), [
    ("/seat/month", ("month", "seat", None)), (" per user / month", ("month", "user", None)),
    ("/mo billed annually", ("month", None, "annual")), (" per 1,000 events", (None, "1,000 events", None)),
    (" per 1M requests", (None, "1M requests", None)), (" one-time", ("one-time", None, None)),
    (" / Monat", ("month", None, None)), (" per vehicle / month", ("month", "vehicle", None)),
    (" billed yearly", ("year", None, "annual")),
], ids=str)
def test_what_a_price_is_for(context: str, expected: tuple[str | None, ...]) -> None:
    assert terms(context) == expected


def test_display_is_canonical() -> None:
    assert [display(a, c) for a, c in [(1200, "USD"), (49.9, "EUR"), (0.005, "USD"), (25, "CHF"), (1980, "JPY")]] \
        == ["$1,200", "€49.90", "$0.005", "CHF 25", "¥1,980"]


@pytest.mark.parametrize("noisy", [
    "Prices updated 2026-11-22 14:03:11", "Updated Nov 3, 2026 at 2:03 PM", "12 people are viewing this page",
    "Last refreshed 3 minutes ago", "© 2019–2026 Acme Inc.", "Request id 9f8e7d6c5b4a3f2e1d0c",
    "Offer ends in 2d 14h 03m", "Page generated in 0.042 seconds", "Visitors online: 57", "updated just now",
], ids=str)
def test_volatile_tokens_are_normalised(noisy: str) -> None:
    digits = [c for c in "".join(normalise(noisy)) if c.isdigit()]
    assert not digits, normalise(noisy)


def test_prices_survive_normalisation() -> None:
    assert normalise("$1,200.00 per seat / month, billed annually") == ["$1,200.00 per seat / month, billed annually"]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(range(6), 2)))
def test_noisy_re_renders_produce_no_signal(tmp_path: Path, a: int, b: int) -> None:
    assert signals(tmp_path, render(a), render(b)) == []


def test_a_price_increase_is_one_signal_said_as_a_seller_would(tmp_path: Path) -> None:
    [found] = signals(tmp_path, render(1), render(2, pro="59"))
    assert found["title"] == "Acme raised Pro from $49 to $59 per seat/month"
    assert found["facts"]["changes"] == [{"type": "price_increased", "plan": "Pro", "old": "$49", "new": "$59",
                                          "period": "month", "percent": 20.4, "unit": "seat",
                                          "billing": "monthly", "currency": "USD", "old_amount": 49.0,
                                          "new_amount": 59.0}]
    assert "Pro: $49 per seat/month" in found["facts"]["old_prices"]
    assert "Pro: $59 per seat/month" in found["facts"]["new_prices"]
    assert "-$49/seat/month" in found["facts"]["diff"] and "+$59/seat/month" in found["facts"]["diff"]
    assert found["evidence"].splitlines()[:2] == ["- $49/seat/month", "+ $59/seat/month"]
    assert found["dedup_key"].startswith("pricing_change:acme.io:")


def test_a_price_change_and_a_removed_plan_are_one_signal(tmp_path: Path) -> None:
    [found] = signals(tmp_path, render(1), render(2, pro="59", starter=False))
    assert found["title"] == "Acme raised Pro from $49 to $59 per seat/month and removed Starter"
    assert [c["type"] for c in found["facts"]["changes"]] == ["price_increased", "plan_removed"]
    assert "- Starter: $19 per seat/month" in found["evidence"]


def test_the_same_new_model_has_the_same_dedup_key(tmp_path: Path) -> None:
    first = signals(tmp_path, render(1), render(2, pro="59"))
    again = signals(tmp_path, render(3), render(4, pro="59"))
    assert first[0]["dedup_key"] == again[0]["dedup_key"]


def test_a_change_the_model_cannot_name_is_a_text_change() -> None:
    old = parse(render(1))
    new = parse(render(1).replace("Talk to us", "Book a call with our team"))
    [signal] = get_source("pricing_page").interpret_change(Change(previous=old, current=new), ACME, NOW)
    assert signal.facts["changes"][0]["type"] == "text_changed"
    assert signal.title == "Acme changed its pricing page"


def test_a_snapshot_from_an_older_extractor_is_a_silent_new_baseline() -> None:
    old = Document(text="Pro\n$49/seat/month", data={"prices": ["$49"]})
    change = Change(previous=old, current=parse(render(1)))
    assert get_source("pricing_page").interpret_change(change, ACME, NOW) == []


def test_the_selector_option_picks_the_region_and_its_cards() -> None:
    doc = parse(render(1), selector=".card")
    assert [p["name"] for p in doc.data["plans"]] == ["Starter", "Pro", "Enterprise"]
    with pytest.raises(ParseError, match="matches nothing"):
        parse(render(1), selector="#no-such-thing")
    with pytest.raises(ParseError, match="not a valid CSS selector"):
        parse(render(1), selector="div[")


@pytest.mark.parametrize(("html", "words"), [
    ("<html><body><div id='root'></div><script src='/app.js'></script></body></html>",
     ["JavaScript shell", "empty #root", "options.selector", "JSON endpoint", "headless browser"]),
    ("<html><body><div id='__next'></div><script>self.__next_f=[]</script></body></html>", ["empty #__next"]),
    ("<html><body><h1>Pricing</h1><p>Simple plans for everyone.</p><stripe-pricing-table pricing-table-id='prctbl_1'>"
     "</stripe-pricing-table></body></html>", ["Stripe pricing table", "options.selector"]),
    ("<html><body><h1>Pricing</h1><p>Plans for every team. Talk to us.</p></body></html>", ["no prices found"]),
], ids=["react-root", "next-root", "stripe", "no-prices"])
def test_a_page_drawn_in_the_browser_is_refused_with_the_remedy(html: str, words: list[str]) -> None:
    with pytest.raises(ParseError) as err:
        parse(html)
    for word in words:
        assert word in str(err.value)


def test_an_empty_or_non_html_body_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse("   ")


def test_a_latin_1_page_without_a_charset_still_reads_its_pounds() -> None:
    page = ("<html><body><div class='p'><h2>Home</h2><p>\u00a34.99 per month</p></div>"
            "<div class='p'><h2>Office</h2><p>\u00a324.99 per month</p></div></body></html>").encode("latin-1")
    watch = WatchContext(watch_id=1, kind="pricing_page", target="x")
    doc = get_source("pricing_page").parse(page, {"content-type": "text/html; charset=ISO-8859-1"}, watch).document
    assert doc is not None and [p["prices"][0]["amount"] for p in doc.data["plans"]] == [4.99, 24.99]


def test_request_headers_pin_language_and_cookies() -> None:
    source = get_source("pricing_page")
    watch = WatchContext(watch_id=1, kind="pricing_page", target="x",
                         options={"language": "de-DE", "cookies": {"currency": "EUR", "consent": "yes"}})
    headers = source.request_headers(watch)
    assert headers["Accept-Language"] == "de-DE" and headers["Cookie"] == "currency=EUR; consent=yes"
    plain = WatchContext(watch_id=1, kind="pricing_page", target="x", options={"cookies": "geo=US"})
    assert source.request_headers(plain)["Cookie"] == "geo=US"


def _with_line(document: Document, line: str) -> Document:
    return Document(text=f"{document.text}\n{line}", data=document.data)


@pytest.mark.parametrize(("old", "new"), [
    ("Includes 10, 2000 or 5000 credits", "Includes 20, 2000 or 5000 credits"),  # "10,\n2000" in the page
    ("Your free trial expires in 14 days.", "Your free trial expires in 30 days."),
    ("Prices checked at 10:01:07 UTC", "Prices checked at 10:05:44 UTC"),  # a leak: still said, as before
])
def test_a_text_change_the_fold_would_take_for_a_volatile_value_is_still_reported(old: str, new: str) -> None:
    """The fold reads built lines, whose white space is collapsed: it can take a real change for a date or a
    countdown. A text that differs is always reported, with the plain diff when the fold leaves none."""
    base = parse(render(1))
    [signal] = get_source("pricing_page").interpret_change(
        Change(previous=_with_line(base, old), current=_with_line(base, new)), ACME, NOW)
    assert f"-{old}" in signal.facts["diff"] and f"+{new}" in signal.facts["diff"]


def test_a_text_change_beside_a_leaked_volatile_value_shows_the_change_alone() -> None:
    base = parse(render(1))
    change = Change(previous=_with_line(_with_line(base, "Prices checked at 10:01:07 UTC"), "SSO on Enterprise"),
                    current=_with_line(_with_line(base, "Prices checked at 10:05:44 UTC"), "SSO on every plan"))
    [signal] = get_source("pricing_page").interpret_change(change, ACME, NOW)
    diff = signal.facts["diff"]
    assert "-SSO on Enterprise" in diff and "+SSO on every plan" in diff
    assert "10:01" not in diff and "-Prices checked" not in diff
    assert " Prices checked at 10:05:44 UTC" in diff  # context, as it reads now
    assert "10:0" not in signal.evidence


def test_pricing_diff_shows_the_versions_as_the_alert_does() -> None:
    """`watcher pricing diff` asks the kind for its diff: a leaked volatile value is context, not a change; a kind
    that folds nothing gives the plain line diff."""
    from watcher.registry import get_source as kind

    old = _with_line(_with_line(parse(render(1)), "Prices checked at 10:01:07 UTC"), "SSO on Enterprise").text
    new = _with_line(_with_line(parse(render(1)), "Prices checked at 10:05:44 UTC"), "SSO on every plan").text
    lines = kind("pricing_page").text_diff(old, new, "#1", "#2")
    assert lines[:2] == ["--- #1", "+++ #2"] and "-SSO on Enterprise" in lines and "+SSO on every plan" in lines
    assert " Prices checked at 10:05:44 UTC" in lines and not any("10:01" in line for line in lines)
    plain = kind("news").text_diff(old, new, "#1", "#2")
    assert "-Prices checked at 10:01:07 UTC" in plain and "+Prices checked at 10:05:44 UTC" in plain


@pytest.mark.parametrize("seed", range(30))
def test_the_diff_of_texts_without_volatile_values_is_difflib_s(seed: int) -> None:
    import difflib
    import random

    from sources._pricing.diff import text_diff

    rng = random.Random(seed)
    words = ["Starter", "Pro", "Team", "SSO", "audit log", "API", "support", "seats", "Contact sales", "Free"]
    old = [" ".join(rng.sample(words, 3)) for _ in range(rng.randint(0, 25))]
    new = [line if rng.random() < 0.7 else " ".join(rng.sample(words, 2)) for line in old]
    new = [line for line in new if rng.random() < 0.9] + [" ".join(rng.sample(words, 2))] * rng.randint(0, 2)
    expected = list(difflib.unified_diff(old, new, "before", "after", lineterm="", n=2))
    assert text_diff("\n".join(old), "\n".join(new)) == expected


def test_lines_are_folded_at_once_as_they_would_be_one_by_one() -> None:
    """The diff folds a text whole, for speed; each line reads as a fold of that line alone would read it, also
    where a volatile value ran over a line break (then the lines are folded one by one)."""
    from sources._pricing.diff import _folded
    from sources._pricing.text import fold_volatile
    from tests.sources.test_pricing_page_golden import WATCHED, parse

    texts = [parse(page_.render(seed)).document.text for page_ in WATCHED for seed in range(2)]
    texts.append("Pro\nUpdated 3\nminutes ago\nends in 3d\n4h 5m\n12\npeople are viewing\n© 2026 Acme")
    for text in texts:
        lines = text.splitlines()
        assert _folded(lines) == [fold_volatile(line) for line in lines]
