#!/usr/bin/env python3
"""How a pricing page's reading holds up when inline tags glue volatile values to the words around them.

    .venv/bin/python bench/pricing_fuzz.py                  # 1,500 random layouts, a few seconds
    .venv/bin/python bench/pricing_fuzz.py --layouts 300 --seed 7 --show 5

Minified markup puts an inline tag right against a volatile value ("<b>Save 20% today</b>ends in 2h 13m",
"<span>3 minutes ago</span>Save"), where a pattern that wants a word boundary finds none. Each random layout
is a small pricing section: plan cards and a note, with one volatile phrase (a countdown, "rendered in 12 ms",
"visitors online: 57", "3 minutes ago", "just now", a date) glued by inline tags to the word before it, the
word after it, both or neither, in a card, a note or a table cell. Each layout is loaded three times with
different volatile values, and once more with a real change (a price, a quota, a feature's number of days,
a new feature line). Counted, for the build (the document the checker stores and compares) and for the
fingerprint (which lets the checker skip the build):

* unstable: the three loads differ. An unstable build with a stable fingerprint stays quiet until something
  else changes the page; then each re-fetch differs from the pending one and the change never confirms.
* hidden: the real change leaves it equal to a load without the change: a missed event (for the fingerprint,
  the checker would not even build the page).
* fp-equal, build-differ: two loads without a change whose fingerprints are equal and builds differ (the
  fingerprint's by-design exception, see sources/_pricing/fingerprint.py).

Nothing is asserted; the figures are for comparing two versions of the reading (see README.md here).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from sources.pricing_page import PricingPage  # noqa: E402
from watcher.domain import WatchContext  # noqa: E402
from watcher.errors import ParseError  # noqa: E402
from watcher.pipeline.detect import document_hash  # noqa: E402

HEADERS = {"content-type": "text/html; charset=utf-8"}
CTX = WatchContext(watch_id=1, kind="pricing_page", target="https://example.test/pricing")
INLINE = ("b", "span", "em", "strong", "a", "small", "i")
# A volatile phrase, its values drawn anew on every load.
PHRASES = {
    "countdown": lambda r: f"ends in {r.randint(1, 23)}h {r.randint(0, 59):02d}m",
    "countdown-words": lambda r: f"expires in {r.randint(2, 9)} days",
    "timing": lambda r: f"rendered in {r.randint(10, 400)} ms",
    "online": lambda r: f"visitors online: {r.randint(3, 90)}",
    "ago": lambda r: f"{r.randint(2, 59)} minutes ago",
    "ago-words": lambda r: r.choice(("a minute ago", "just now", "a few seconds ago", "an hour ago")),
    "date": lambda r: f"{r.choice(('Nov', 'Dec', 'Jan'))} {r.randint(1, 28)}, 2026",
}
WORDS_BEFORE = ("Save 20% today", "Offer", "Updated", "Live", "Pro now $39", "Page", "Sale", "Status")
WORDS_AFTER = ("Save 20%", "Details", "Sign up", "Terms apply", "Compare plans", "$19 per month")
CHANGES = ("price", "quota", "days", "feature")


@dataclass(frozen=True, slots=True)
class Layout:
    """One random arrangement: where the phrase sits and how it is glued."""

    phrase: str
    place: str  # card, note, cell
    before: str | None  # an inline-tagged word glued before the phrase
    after: str | None  # one glued after it
    tag_before: str
    tag_after: str
    wrap: str | None  # the phrase inside its own inline tag
    space: bool  # a space between the glued parts after all


def random_layout(r: random.Random) -> Layout:
    glue = r.choice(("before", "after", "both", "none"))
    return Layout(phrase=r.choice(list(PHRASES)), place=r.choice(("card", "note", "cell")),
                  before=r.choice(WORDS_BEFORE) if glue in ("before", "both") else None,
                  after=r.choice(WORDS_AFTER) if glue in ("after", "both") else None,
                  tag_before=r.choice(INLINE), tag_after=r.choice(INLINE), wrap=r.choice((None, *INLINE)),
                  space=r.random() < 0.2)


def glued(layout: Layout, values: random.Random) -> str:
    """The volatile phrase with fresh values, and the inline-tagged words glued to it."""
    phrase = PHRASES[layout.phrase](values)
    if layout.wrap:
        phrase = f"<{layout.wrap}>{phrase}</{layout.wrap}>"
    gap = " " if layout.space else ""
    if layout.before:
        phrase = f"<{layout.tag_before}>{layout.before}</{layout.tag_before}>{gap}{phrase}"
    if layout.after:
        phrase = f"{phrase}{gap}<{layout.tag_after}>{layout.after}</{layout.tag_after}>"
    return phrase


def page(layout: Layout, values: random.Random, change: str | None = None) -> bytes:
    """The layout's page with fresh volatile values, and with one real change when asked."""
    phrase = glued(layout, values)
    price, quota, days = ("$24" if change == "price" else "$19", "20 GB" if change == "quota" else "10 GB",
                          "90" if change == "days" else "30")
    extra = "<li>Priority support</li>" if change == "feature" else ""
    card = f'<p class="note">{phrase}</p>' if layout.place == "card" else ""
    note = f"<p>{phrase}</p>" if layout.place == "note" else ""
    cell = f"<tr><td>Offer</td><td>{phrase}</td></tr>" if layout.place == "cell" else ""
    return (
        '<!DOCTYPE html><html><head><title>Pricing</title></head><body><main><section class="pricing">'
        '<h2>Plans</h2><div class="plans">'
        f'<div class="card"><h3>Starter</h3><p class="price">{price} per month</p><ul><li>{quota} storage</li>'
        f'<li>Spot trends in {days} days of history</li>{extra}</ul>{card}</div>'
        '<div class="card"><h3>Pro</h3><p class="price">$49 per month</p><ul><li>100 GB storage</li>'
        '<li>Unlimited history</li></ul></div></div>'
        f'<table><tr><th>Plan</th><th>Starter</th></tr><tr><td>Seats</td><td>5</td></tr>{cell}</table>'
        f'{note}</section></main></body></html>').encode()


def read(body: bytes) -> tuple[str, str | None]:
    """The build's document hash (or its error) and the fingerprint, as the checker takes them."""
    source = PricingPage()
    fingerprint = source.fingerprint(body, HEADERS, CTX)
    try:
        document = source.parse(body, HEADERS, CTX).document
    except ParseError as exc:
        return f"error: {exc}", fingerprint
    assert document is not None
    return document_hash(document), fingerprint


def run(layouts: int, seed: int, show: int) -> dict[str, object]:
    r = random.Random(seed)
    counts: Counter[str] = Counter()
    by_phrase: Counter[str] = Counter()
    examples: list[str] = []
    started = time.process_time()
    for n in range(layouts):
        layout = random_layout(r)
        values = random.Random(seed * 1_000_003 + n)
        bodies = [page(layout, values) for _ in range(3)]
        readings = [read(b) for b in bodies]
        builds, prints = {b for b, _ in readings}, {f for _, f in readings}
        if len(builds) > 1:
            counts["unstable build"] += 1
            by_phrase[layout.phrase] += 1
            if len(examples) < show:
                examples.append(f"{layout.place}: {glued(layout, random.Random(n))}")
        if len(prints) > 1:
            counts["unstable fingerprint"] += 1
        if len(builds) > 1 and len(prints) == 1:
            counts["unstable build, stable fingerprint"] += 1
        counts["fp-equal, build-differ pairs"] += sum(
            1 for i in range(3) for j in range(i + 1, 3)
            if readings[i][1] == readings[j][1] and readings[i][1] is not None and readings[i][0] != readings[j][0])
        change = CHANGES[n % len(CHANGES)]
        build, fingerprint = read(page(layout, values, change))
        counts["real changes"] += 1
        if build in builds:
            counts["hidden by the build"] += 1
        if fingerprint is not None and fingerprint in prints:
            counts["hidden by the fingerprint"] += 1
    cpu = time.process_time() - started
    return {"bench": "pricing_fuzz", "layouts": layouts, "seed": seed, **dict(counts),
            "unstable_by_phrase": dict(by_phrase.most_common()), "cpu_s": round(cpu, 1), "examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--layouts", type=int, default=1500, help="random layouts (default 1,500)")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--show", type=int, default=0, help="print the pricing section of this many unstable layouts")
    ap.add_argument("--json", action="store_true", help="print only the JSON summary line")
    args = ap.parse_args(argv)
    result = run(args.layouts, args.seed, args.show)
    if not args.json:
        print(f"pricing fuzz: {args.layouts:,} layouts (seed {args.seed}), 3 loads each and one real change; "
              f"{result['cpu_s']} s CPU")
        for key in ("unstable build", "unstable fingerprint", "unstable build, stable fingerprint",
                    "fp-equal, build-differ pairs", "real changes", "hidden by the build", "hidden by the fingerprint"):
            print(f"  {key:38} {result.get(key, 0):6}")
        print(f"  unstable builds by phrase: {result['unstable_by_phrase']}")
        for example in result["examples"]:  # type: ignore[attr-defined]
            print(f"  e.g. {example}")
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
