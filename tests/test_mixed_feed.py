"""Both news readers over one mixed company feed, as the news source runs them: most items are no signal.

tests/fixtures/news/mixed_feed.tsv was written blind (tests/fixtures/news/SOURCES.md): 160 items of eight
invented companies' feeds, 14 raises and 18 key hires among product news, earnings, departures, other
companies' raises and hires, name collisions and job ads. A signal counts for the followed company when the
reader names that company or none (sources/news.py attributes an unnamed company to the feed's account).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from watcher.domain import AccountRef
from watcher.entities import same_company
from watcher.funding import interpret_funding
from watcher.leadership import interpret_leadership

FEED = Path(__file__).parent / "fixtures" / "news" / "mixed_feed.tsv"


def _theirs(company: str | None, followed: str) -> bool:
    return company is None or same_company(company, AccountRef(name=followed, domain="example.invalid"))


def test_the_mixed_feed(capsys: pytest.CaptureFixture[str]) -> None:
    lines = [line for line in FEED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    counts = {kind: [0, 0, 0] for kind in ("funding", "key_hire")}  # found right, found wrongly, missed
    misses = []
    for row in rows:
        funding = interpret_funding(row["headline"], row["summary"])
        move = interpret_leadership(row["headline"], row["summary"])
        found = "funding" if funding and _theirs(funding.company, row["company"]) else \
            "key_hire" if move and _theirs(move.company, row["company"]) else "none"
        for kind, tally in counts.items():
            if found == kind == row["signal"]:
                tally[0] += 1
            elif found == kind:
                tally[1] += 1
                misses.append(f"false {kind} {row['id']}: {row['headline']}")
            elif row["signal"] == kind:
                tally[2] += 1
                misses.append(f"missed {kind} {row['id']}: {row['headline']}")
    figures = "; ".join(f"{kind} precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f}"
                        for kind, (tp, fp, fn) in counts.items())
    with capsys.disabled():
        print(f"\nmixed feed: {figures}" + "".join(f"\n  {m}" for m in misses))
    for tp, fp, fn in counts.values():
        assert tp / max(1, tp + fp) >= 0.95 and tp / max(1, tp + fn) >= 0.85
