#!/usr/bin/env python3
"""How a pricing page's reading holds up when inline tags glue volatile values to the words around them.

    .venv/bin/python bench/pricing_fuzz.py                  # 1,500 random layouts, a few seconds
    .venv/bin/python bench/pricing_fuzz.py --layouts 300 --seed 7 --show 5

Minified markup puts an inline tag right against a volatile value ("<b>Save 20% today</b>ends in 2h 13m",
"<span>3 minutes ago</span>Save"), where a pattern that wants a word boundary finds none. Each random layout
is a small pricing section of two plan cards; the first holds one volatile phrase (a countdown, "rendered in
12 ms", "visitors online: 57", "3 minutes ago", "just now", a date, a time, "12 people are viewing", "2h 13m
left") glued by inline tags to the word before it, the word after it, both or neither, in a note, a feature
line or a table cell, sometimes with a second, spaced phrase beside it. Each layout is loaded three times with
different volatile values, and twice more with the same values, with and without a real change (a price, a
quota, a feature's number of days, a new feature line, or the number in a glued word). Counted, for the build
(the document the checker stores and compares) and for the fingerprint (which lets the checker skip the build):

* unstable: the three loads differ. An unstable build with a stable fingerprint stays quiet until something
  else changes the page; the change is then confirmed by the pending body's fingerprint, but its report's diff
  may show the unfolded value beside the real change.
* hidden: the real change leaves it equal to the load without the change: a missed event (for the fingerprint,
  the checker would not even build the page). Some are hidden by design: a countdown takes the rest of its block
  ("ends in 2h 13m" and what follows it in the same block is one volatile value to the build).
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
    "numeric-date": lambda r: f"{r.randint(1, 12)}/{r.randint(1, 28)}/2026",
    "time": lambda r: f"Updated {r.randint(0, 23)}:{r.randint(0, 59):02d}",
    "viewers": lambda r: f"{r.randint(3, 90)} people are viewing",
    "left": lambda r: f"{r.randint(1, 23)}h {r.randint(0, 59)}m left",
}
# A second phrase in the same block, spaced as usual: folding the glued one must not hide it from its pattern.
COMPANIONS = (lambda r: f"Page built in {r.randint(5, 90)} ms", lambda r: f"Synced {r.randint(2, 50)} minutes ago")
WORDS_BEFORE = ("Save 20% today", "Offer", "Updated", "Live", "Pro now $39", "Page", "Sale", "Status")
WORDS_AFTER = ("Save 20%", "Details", "Sign up", "Terms apply", "Compare plans", "20 GB extra", "Join")
# Real changes: in the card around the phrase, and in the words glued to it (when they hold a number).
CHANGES = ("price", "quota", "days", "feature", "glued")


@dataclass(frozen=True, slots=True)
class Layout:
    """One random arrangement: where the phrase sits and how it is glued."""

    phrase: str
    place: str  # a note, a feature line or a table cell, all in the Starter card (the region the build reads)
    before: str | None  # an inline-tagged word glued before the phrase
    after: str | None  # one glued after it
    tag_before: str
    tag_after: str
    wrap: str | None  # the phrase inside its own inline tag
    space: bool  # a space between the glued parts after all
    companion: int | None  # a second, spaced phrase in the same block


def random_layout(r: random.Random) -> Layout:
    glue = r.choice(("before", "after", "both", "none"))
    return Layout(phrase=r.choice(list(PHRASES)), place=r.choice(("note", "feature", "cell")),
                  before=r.choice(WORDS_BEFORE) if glue in ("before", "both") else None,
                  after=r.choice(WORDS_AFTER) if glue in ("after", "both") else None,
                  tag_before=r.choice(INLINE), tag_after=r.choice(INLINE), wrap=r.choice((None, *INLINE)),
                  space=r.random() < 0.2, companion=r.randrange(len(COMPANIONS)) if r.random() < 0.3 else None)


def _changed(words: str) -> str:
    return words.replace("20", "30").replace("$39", "$45")


def glued(layout: Layout, values: random.Random, change: str | None = None) -> str:
    """The volatile phrase with fresh values, and the inline-tagged words glued to it."""
    phrase = PHRASES[layout.phrase](values)
    if layout.wrap:
        phrase = f"<{layout.wrap}>{phrase}</{layout.wrap}>"
    gap = " " if layout.space else ""
    if layout.before:
        words = _changed(layout.before) if change == "glued" else layout.before
        phrase = f"<{layout.tag_before}>{words}</{layout.tag_before}>{gap}{phrase}"
    if layout.after:
        words = _changed(layout.after) if change == "glued" else layout.after
        phrase = f"{phrase}{gap}<{layout.tag_after}>{words}</{layout.tag_after}>"
    if layout.companion is not None:
        phrase = f"{phrase}. {COMPANIONS[layout.companion](values)}"
    return phrase


def page(layout: Layout, values: random.Random, change: str | None = None) -> bytes:
    """The layout's page with fresh volatile values, and with one real change when asked."""
    phrase = glued(layout, values, change)
    price, quota, days = ("$24" if change == "price" else "$19", "20 GB" if change == "quota" else "10 GB",
                          "90" if change == "days" else "30")
    extra = "<li>Priority support</li>" if change == "feature" else ""
    note = f'<p class="note">{phrase}</p>' if layout.place == "note" else ""
    feature = f"<li>{phrase}</li>" if layout.place == "feature" else ""
    cell = f"<table><tr><td>Offer</td><td>{phrase}</td></tr></table>" if layout.place == "cell" else ""
    return (
        '<!DOCTYPE html><html><head><title>Pricing</title></head><body><main><section class="pricing">'
        '<h2>Plans</h2><div class="plans">'
        f'<div class="card"><h3>Starter</h3><p class="price">{price} per month</p><ul><li>{quota} storage</li>'
        f'<li>Spot trends in {days} days of history</li>{feature}{extra}</ul>{note}{cell}</div>'
        '<div class="card"><h3>Pro</h3><p class="price">$49 per month</p><ul><li>100 GB storage</li>'
        '<li>Unlimited history</li></ul></div></div></section></main></body></html>').encode()


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
        if change == "glued" and not any(c.isdigit() for c in (layout.before or "") + (layout.after or "")):
            continue
        # The changed page and the unchanged one carry the same volatile values: only the change differs.
        unchanged, changed = (read(page(layout, random.Random(n), c)) for c in (None, change))
        counts["real changes"] += 1
        counts[f"real changes: {change}"] += 1
        if changed[0] == unchanged[0]:
            counts["hidden by the build"] += 1
            counts[f"hidden by the build: {change}"] += 1
        if changed[1] is not None and changed[1] == unchanged[1]:
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
        for change in CHANGES:
            print(f"    {change:10} changes {result.get(f'real changes: {change}', 0):5}, hidden by the build "
                  f"{result.get(f'hidden by the build: {change}', 0)}")
        print(f"  unstable builds by phrase: {result['unstable_by_phrase']}")
        for example in result["examples"]:  # type: ignore[attr-defined]
            print(f"  e.g. {example}")
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
