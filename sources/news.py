"""`news`: any RSS/Atom feed — a company blog or press page, a Google News search, a venture feed.

The feed is fetched by the project's client and handed to feedparser as bytes with the response
headers. feedparser never raises: a malformed feed ("bozo") still yields what it could read,
and the problem becomes a warning. Items are attributed to the watch's account when the feed is
the company's own (``options.own``) or when the item mentions the company.

An attributed item becomes ONE signal: ``funding`` when it announces that the account raised money
(watcher/funding.py), ``key_hire`` (event "joined") when a leader joined it (watcher/leadership.py),
``news`` otherwise. A raise or a join of *another* company named in the account's news (its
investor's portfolio, its customer) stays ``news``. Without an account and with
``options.unattributed`` (``watcher extract news FILE``), every raise is reported with ``facts.company``.

Dedup keys, shared by every outlet that reports the same event (DESIGN.md §2):
* ``funding:{domain}:{round}`` (``series-b``, ``seed``, ``undisclosed`` …). An Undisclosed round is
  keyed by the round alone, not by amount or month: outlets round amounts differently ("$40M",
  "$40.5M", "€37M") and reports straddle month ends, while ``dedup_window`` (45 days) already says
  "the same event": a company does not announce two undisclosed rounds within weeks. The cost: a raise
  reported once with its round and once without it stays two signals.
* ``key_hire:{domain}:joined:{person}`` (the title when no name is given).
Without an account, the company's name stands in for the domain. The same key reported after the
window is a new event (a second Series B a year later, a rehire).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sources._feeds import ACCEPT, read_entries, reader_salt
from sources._markup import markup_text
from watcher.domain import AccountRef, Item, Observation, Signal, WatchContext
from watcher.entities import core_name, mentions, same_company
from watcher.funding import Funding, interpret_funding
from watcher.funding_text import headline_of
from watcher.leadership import LeadershipMove, interpret_leadership
from watcher.registry import register_source
from watcher.sourcekind import Source

# The forms that feedparser completes from the machine's clock: ISO 8601's reduced forms, a time alone ("10:00"),
# a date without its year ("--03-05", "-03"), a week ("2024-W10") or a day of the year ("2024-065"), and a year
# before a slash or a dot ("2024/03/05", "2024.03.05"), read as a year alone; it takes the missing month (or
# day, or year) from today's. Such a date is the day the feed was read, not the item's.
_REDUCED = re.compile(r"^\s*-|\d{4}-?W\d|^\s*\d{4}-?\d{3}(?!\d)|^\s*\d{4}\s*[/.]", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"(?<!\s[+-])(?<!\d)\d{4}")  # not an offset (" +0000", " -0800")
# A year in two digits: after a month's name (RFC 822: "Tue, 05 Mar 24") or first in a date ("24-03-05").
_TWO_DIGIT_YEAR = re.compile(r"[^\W\d]{3,}\.?\s+(\d\d)(?!\d)|^\s*(\d\d)-?\d\d-?\d\d(?!\d)")
# The code that keys an entry: a change to it reads every feed whole once (sources/_feeds.py).
_READER = reader_salt(__name__, "sources._markup", "sources._feeds", "watcher.pipeline.detect")
# Older than any feed: a placeholder (the Unix epoch, year 1, a CMS's empty field), which would make a new
# item look like old news and hide it.
EARLIEST_YEAR = 1995


def _stated(raw: str, year: int) -> bool:
    """``raw`` states the year feedparser read from it (or the next or last one: an offset may cross New
    Year), and is not a reduced form that feedparser completes from the clock."""
    if _REDUCED.search(raw):
        return False
    if fours := _FOUR_DIGITS.findall(raw):
        return any(abs(int(y) - year) <= 1 for y in fours)
    return any(abs(int(a or b) - year % 100) in (0, 1, 99) for a, b in _TWO_DIGIT_YEAR.findall(raw))


def _when(entry: Any) -> datetime | None:
    """When the item was published, as its feed states it; None rather than a date the feed did not give."""
    for key in ("published", "updated", "created"):
        if key not in entry:  # before get(): feedparser answers a missing "updated" with "published", and warns
            continue
        parsed, raw = entry.get(f"{key}_parsed"), entry.get(key)
        if parsed and isinstance(raw, str) and parsed[0] >= EARLIEST_YEAR and _stated(raw, parsed[0]):
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _item_id(entry: Any, title: str, link: str | None) -> str:
    raw = entry.get("id") or link or title
    return raw if len(raw) <= 200 else hashlib.sha256(raw.encode()).hexdigest()


def slug(text: str) -> str:
    """"Series B" → "series-b", "Acme Robotics, Inc." → "acme-robotics"."""
    return re.sub(r"[^a-z0-9]+", "-", core_name(text).lower()).strip("-") or "unknown"


def title_key(title: str) -> str:
    """A short stable hash of a normalised headline (publisher suffix " - Outlet" removed)."""
    core = re.sub(r"\s+[-–|]\s+[^-–|]{2,60}$", "", title).lower()
    core = re.sub(r"[^\w]+", " ", core).strip()
    return hashlib.sha1(core.encode()).hexdigest()[:16]


def _publisher(item: Item) -> str | None:
    publisher = item.data.get("publisher")
    if publisher:
        return str(publisher)
    headline = headline_of(item.title)
    return item.title[len(headline):].strip(" -–|") or None if headline != item.title else None


def _is_theirs(company: str | None, account: AccountRef, own: bool) -> bool:
    """A raise or join read from the account's news is the account's own (not its investor's or customer's)."""
    if company is None:
        return True  # "we raised …", "the company raised …": the item is already attributed to the account
    return same_company(company, account) or (own and mentions(company, account))


@register_source("news")
class NewsFeed(Source):
    family = "items"
    page = False
    item_digests = True
    signal_kind = "news"
    dedup_window = timedelta(days=45)

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": ACCEPT}

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        read = read_entries(body, headers, watch.known_digests, _READER)
        items = []
        for entry, digest in zip(read.entries, read.digests, strict=True):
            title = markup_text(entry.get("title", ""))
            link = entry.get("link")
            if not title and not link:
                continue
            summary = markup_text(entry.get("summary", ""))
            source = entry.get("source") or {}
            items.append(Item(
                id=_item_id(entry, title, link), title=title, url=link, published_at=_when(entry),
                text=summary, data={"publisher": source.get("title"), "publisher_url": source.get("href")},
                digest=digest,
            ))
        return Observation(items=tuple(items), known=read.known, warnings=read.warnings)

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        account = watch.account
        own = bool(watch.options.get("own"))
        signals = []
        for item in items:
            if account is None:
                if watch.options.get("unattributed"):
                    funding = interpret_funding(item.title, item.text, _publisher(item))
                    if funding is not None:
                        signals.append(self._funding(item, funding, None, watch, now))
                continue
            if not (own or mentions(f"{item.title}\n{item.text}", account)):
                continue
            signals.append(self._interpret(item, account, own, watch, now))
        return signals

    def _interpret(self, item: Item, account: AccountRef, own: bool, watch: WatchContext, now: datetime) -> Signal:
        publisher = _publisher(item)
        funding = interpret_funding(item.title, item.text, publisher)
        if funding is not None and _is_theirs(funding.company, account, own):
            return self._funding(item, funding, account, watch, now)
        move = interpret_leadership(item.title, item.text, publisher)
        if move is not None and _is_theirs(move.company, account, own):
            return self._key_hire(item, move, account, watch, now)
        return Signal(
            kind="news", account=account.name, account_domain=account.domain, title=item.title,
            url=item.url, occurred_at=item.published_at, detected_at=now, source=self.kind,
            dedup_key=f"news:{account.domain}:{title_key(item.title)}",
            facts={"publisher": item.data.get("publisher"), "feed": watch.target},
            evidence=(item.text or item.title)[:500],
        )

    def _funding(self, item: Item, funding: Funding, account: AccountRef | None, watch: WatchContext,
                 now: datetime) -> Signal:
        publisher = _publisher(item)
        company = funding.company or (account.name if account else None)
        who = account.domain if account else (slug(company) if company else f"unknown-{title_key(item.title)}")
        return Signal(
            kind="funding", account=account.name if account else None,
            account_domain=account.domain if account else None, title=headline_of(item.title, publisher),
            url=item.url, occurred_at=item.published_at, detected_at=now, source=self.kind,
            dedup_key=f"funding:{who}:{slug(funding.round)}",
            facts={**funding.facts(), "company": company, "publisher": publisher, "feed": watch.target},
            evidence=funding.evidence,
        )

    def _key_hire(self, item: Item, move: LeadershipMove, account: AccountRef, watch: WatchContext,
                  now: datetime) -> Signal:
        publisher = _publisher(item)
        return Signal(
            kind="key_hire", account=account.name, account_domain=account.domain,
            title=headline_of(item.title, publisher), url=item.url, occurred_at=item.published_at,
            detected_at=now, source=self.kind,
            dedup_key=f"key_hire:{account.domain}:joined:{slug(move.person or move.job_title)}",
            facts={**move.facts(), "company": move.company or account.name, "publisher": publisher,
                   "feed": watch.target},
            evidence=move.evidence,
        )
