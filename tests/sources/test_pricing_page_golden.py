"""pricing_page golden pages: every noisy re-render is silent, every real change is described right.

Each page in tests/fixtures/pricing_page/ is a template (``NAME.html``) with noise slots (``{{csrf}}``,
``{{hero}}``, ``{{testimonial}}`` …) filled differently on every render, as real sites do, and an
expectation file (``NAME.toml``) naming its plans and listing real changes: literal edits of the template
and the ``changes`` entries the signal must carry.
"""

from __future__ import annotations

import random
import re
import tomllib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from watcher.domain import Change, Signal, WatchContext
from watcher.extract import extract
from watcher.pipeline.detect import document_hash
from watcher.registry import get_source

FIXTURES = Path(__file__).parent.parent / "fixtures" / "pricing_page"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SLOT = re.compile(r"\{\{(\w+)\}\}")
SOAK = 1000
CTX = WatchContext(watch_id=1, kind="pricing_page", target="https://www.example.com/pricing")

HEROES = ("Simple, transparent pricing", "Pricing that scales with you", "Plans for teams of every size",
          "Start free. Upgrade when you grow.", "Choose the plan that fits")
QUOTES = (("We replaced three tools with it in a week.", "Dana Whitfield, Head of Ops at Brightline"),
          ("Our support queue dropped by 40% in the first month.", "Marco Ruiz, VP Support, Quillstone"),
          ("The best purchase our team made this year — it paid for itself in six weeks.", "Priya N., Fernwood"),
          ("Setup took an afternoon. Saved us $12,000 a year.", "Tom Becker, CFO at Lakeview Labs"))
LOGOS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark Industries", "Wayne Enterprises",
         "Soylent", "Tyrell", "Cyberdyne", "Wonka")
COOKIES = (
    '<div id="onetrust-banner-sdk" class="otFlat" role="dialog" aria-label="Cookie banner"><div id="onetrust-policy">'
    '<p id="onetrust-policy-text">We use cookies to improve your experience. <a href="/privacy">Privacy policy</a></p>'
    '</div><button id="onetrust-accept-btn-handler">Accept All Cookies</button></div>',
    '<div id="CybotCookiebotDialog" class="CybotCookiebotDialogActive"><h2 id="CybotCookiebotDialogBodyContentTitle">'
    'This website uses cookies</h2><p>We use cookies to personalise content and ads.</p>'
    '<a id="CybotCookiebotDialogBodyButtonAccept" href="#">Allow all</a></div>',
    '<div class="cookie-consent cookie-consent--bottom"><span>By using this site you agree to our use of cookies.'
    '</span><button class="cookie-consent__agree">Got it</button></div>',
    "",
)
CHATS = ('<div id="intercom-container"><div class="intercom-launcher" aria-label="Open Intercom Messenger">'
         '<span>Chat with us</span></div></div>',
         '<div id="hubspot-messages-iframe-container" class="widget-align-right"><div class="shadow-container">'
         '</div><p>Questions? We reply in {0} minutes.</p></div>', "")
PROMOS = ("New: join our live pricing Q&amp;A on Thursday →", "We raised our Series B — read the announcement",
          "Introducing AI Assist, now in beta")


def _date(rng: random.Random) -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(60 * 24 * 360))


def _token(rng: random.Random, n: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def noise(slot: str, rng: random.Random) -> str:
    """One value of a noise slot: what a real site changes between two loads of an unchanged page."""
    when = _date(rng)
    quote, author = rng.choice(QUOTES)
    values = {
        "csrf": lambda: _token(rng, 43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        "nonce": lambda: _token(rng, 22, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
        "build_id": lambda: _token(rng, 21, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
        "hex": lambda: _token(rng, 16, "0123456789abcdef"),
        "request_id": lambda: str(uuid.UUID(int=rng.getrandbits(128))),
        "timestamp": lambda: when.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "epoch": lambda: str(int(when.timestamp() * 1000)),
        "date": lambda: when.strftime(rng.choice(("%b %-d, %Y", "%-d %B %Y", "%Y-%m-%d", "%m/%d/%Y"))),
        "time": lambda: when.strftime(rng.choice(("%H:%M", "%-I:%M %p", "%H:%M:%S UTC"))),
        "ago": lambda: rng.choice(("just now", "a minute ago", f"{rng.randint(2, 59)} minutes ago",
                                   f"{rng.randint(1, 23)} hours ago")),
        "year": lambda: str(rng.choice((2025, 2026, 2027))),
        "viewers": lambda: str(rng.randint(2, 140)),
        "countdown": lambda: f"{rng.randint(0, 6)}d {rng.randint(0, 23)}h {rng.randint(0, 59):02d}m",
        "hero": lambda: rng.choice(HEROES),
        "testimonial": lambda: quote,
        "author": lambda: author,
        "logos": lambda: "".join(f'<img src="/img/logos/{n.lower().replace(" ", "-")}.svg?v={_token(rng, 6)}" '
                                 f'alt="{n}" loading="lazy">' for n in rng.sample(LOGOS, 6)),
        "cookie_banner": lambda: rng.choice(COOKIES),
        "chat": lambda: rng.choice(CHATS).format(rng.randint(2, 30)),
        "promo": lambda: rng.choice(PROMOS),
        "cf_email": lambda: _token(rng, 38, "0123456789abcdef"),
        "cache": lambda: _token(rng, 8, "0123456789abcdef"),
        "react": lambda: rng.choice(("<!-- -->", "")),
        "ga": lambda: f"G-{_token(rng, 10, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}",
        "session": lambda: _token(rng, 32, "0123456789abcdef"),
    }
    if slot not in values:
        raise KeyError(f"unknown noise slot {{{{{slot}}}}}")
    return values[slot]()


@dataclass(frozen=True)
class Page:
    name: str
    template: str
    spec: dict[str, Any]

    def render(self, seed: int, edits: list[list[str]] | None = None) -> str:
        text = self.template
        for old, new in edits or []:
            assert old in text, f"{self.name}: edit target {old!r} is not in the template"
            text = text.replace(old, new)
        rng = random.Random(f"{self.name}:{seed}")
        return SLOT.sub(lambda m: noise(m.group(1), rng), text)


def pages() -> list[Page]:
    out = []
    for spec_file in sorted(FIXTURES.glob("*.toml")):
        html = spec_file.with_suffix(".html")
        out.append(Page(spec_file.stem, html.read_text(encoding="utf-8"), tomllib.loads(spec_file.read_text())))
    return out


PAGES = pages()
WATCHED = [p for p in PAGES if not p.spec.get("error")]
CHANGES = [(p, c) for p in WATCHED for c in p.spec.get("changes", [])]


def parse(html: str) -> Any:
    return get_source("pricing_page").parse(html.encode(), {"content-type": "text/html; charset=utf-8"}, CTX)


def signals_between(tmp_path: Path, old: str, new: str) -> list[Signal]:
    (tmp_path / "old.html").write_text(old, encoding="utf-8")
    (tmp_path / "new.html").write_text(new, encoding="utf-8")
    return extract("pricing_page", tmp_path / "new.html", previous=tmp_path / "old.html", account="Acme",
                   domain="acme.io", now=NOW)


def matches(expected: dict[str, Any], change: dict[str, Any]) -> bool:
    return all(change.get(k) == v for k, v in expected.items())


def test_there_are_enough_pages_in_the_styles_real_sites_use() -> None:
    assert len(WATCHED) >= 25 and len(CHANGES) >= 75
    assert all(p.spec.get("style") for p in PAGES)


@pytest.mark.parametrize("page", WATCHED, ids=lambda p: p.name)
def test_the_plans_are_read(page: Page) -> None:
    data = parse(page.render(0)).document.data
    assert [p["name"] for p in data["plans"]] == page.spec["plans"]
    for name, shown in page.spec.get("prices", {}).items():
        plan = next(p for p in data["plans"] if p["name"] == name)
        from sources._pricing.diff import summary

        assert summary(plan) == shown, (name, plan)
    if "trial" in page.spec:
        assert data["trial"] == page.spec["trial"]


@pytest.mark.parametrize("page", WATCHED, ids=lambda p: p.name)
def test_noisy_re_renders_are_silent(page: Page, tmp_path: Path) -> None:
    first = parse(page.render(0)).document
    for seed in range(1, 12):
        assert document_hash(parse(page.render(seed)).document) == document_hash(first), seed
    assert signals_between(tmp_path, page.render(1), page.render(2)) == []


@pytest.mark.parametrize(("page", "change"), CHANGES, ids=[f"{p.name}:{c['name']}" for p, c in CHANGES])
def test_a_real_change_is_one_signal_with_the_right_changes(page: Page, change: dict[str, Any],
                                                            tmp_path: Path) -> None:
    found = signals_between(tmp_path, page.render(3), page.render(4, change["edits"]))
    assert len(found) == 1, f"{len(found)} signals"
    got = found[0].facts["changes"]
    for expected in change["expect"]:
        assert any(matches(expected, c) for c in got), f"missing {expected} in {got}"
    assert len(got) == len(change["expect"]), got
    if "title" in change:
        assert found[0].title == change["title"]


@pytest.mark.parametrize("page", [p for p in PAGES if p.spec.get("error")], ids=lambda p: p.name)
def test_a_page_drawn_in_the_browser_is_refused_with_the_remedy(page: Page) -> None:
    from watcher.errors import ParseError

    with pytest.raises(ParseError) as err:
        parse(page.render(0))
    for words in page.spec["error"]:
        assert words in str(err.value)


def interpret(old: Any, new: Any) -> list[Signal]:
    if document_hash(old.document) == document_hash(new.document):
        return []
    change = Change(previous=old.document, current=new.document)
    return get_source("pricing_page").interpret_change(change, CTX, NOW)


def test_soak_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """1,000 noisy re-renders across the set against each page's first render, plus every real change."""
    firsts = {p.name: parse(p.render(0)) for p in WATCHED}
    false_alarms = renders = 0
    for i in range(SOAK):
        page = WATCHED[i % len(WATCHED)]
        renders += 1
        false_alarms += bool(interpret(firsts[page.name], parse(page.render(1000 + i))))
    detected = 0
    for page, change in CHANGES:
        got = interpret(parse(page.render(5)), parse(page.render(6, change["edits"])))
        facts = got[0].facts["changes"] if len(got) == 1 else []
        detected += len(facts) == len(change["expect"]) and all(
            any(matches(e, c) for c in facts) for e in change["expect"])
    with capsys.disabled():
        print(f"\npricing_page golden set: {len(WATCHED)} pages (+{len(PAGES) - len(WATCHED)} refused), "
              f"{renders} noisy re-renders, {false_alarms} false alarms, "
              f"real changes detected {detected}/{len(CHANGES)}")
    assert false_alarms == 0 and detected == len(CHANGES)
