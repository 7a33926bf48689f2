"""`news`: any RSS/Atom feed — a company blog or press page, a Google News search, a venture feed.

The feed is fetched by the project's client and handed to feedparser as bytes with the response
headers. feedparser never raises: a malformed feed ("bozo") still yields what it could read,
and the problem becomes a warning. Items are attributed to the watch's account when the feed is
the company's own (``options.own``) or when the item mentions the company.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import feedparser

from watcher.domain import Item, Observation, Signal, WatchContext
from watcher.entities import mentions
from watcher.errors import ParseError
from watcher.registry import register_source
from watcher.sourcekind import Source

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_NOT_FEED = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


def plain_text(value: str) -> str:
    """Markup and entities removed, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value or ""))).strip()


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _item_id(entry: Any, title: str, link: str | None) -> str:
    raw = entry.get("id") or link or title
    return raw if len(raw) <= 200 else hashlib.sha256(raw.encode()).hexdigest()


def title_key(title: str) -> str:
    """A short stable hash of a normalised headline (publisher suffix " - Outlet" removed)."""
    core = re.sub(r"\s+[-–|]\s+[^-–|]{2,60}$", "", title).lower()
    core = re.sub(r"[^\w]+", " ", core).strip()
    return hashlib.sha1(core.encode()).hexdigest()[:16]


@register_source("news")
class NewsFeed(Source):
    family = "items"
    page = False
    signal_kind = "news"

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        if _NOT_FEED.match(body[:512]):
            raise ParseError("the response is an HTML page, not a feed")
        parsed = feedparser.parse(body, response_headers=dict(headers), sanitize_html=False,
                                  resolve_relative_uris=False)
        warnings: list[str] = []
        if parsed.get("bozo"):
            warnings.append(f"malformed feed: {parsed.get('bozo_exception')}")
        if not parsed.entries and not parsed.get("version"):
            raise ParseError("not an RSS or Atom feed" + (f" ({warnings[0]})" if warnings else ""))
        items = []
        for entry in parsed.entries:
            title = plain_text(entry.get("title", ""))
            link = entry.get("link")
            if not title and not link:
                continue
            summary = plain_text(entry.get("summary", ""))
            source = entry.get("source") or {}
            items.append(Item(
                id=_item_id(entry, title, link), title=title, url=link, published_at=_when(entry),
                text=summary, data={"publisher": source.get("title"), "publisher_url": source.get("href")},
            ))
        return Observation(items=tuple(items), warnings=tuple(warnings))

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        account = watch.account
        own = bool(watch.options.get("own"))
        signals = []
        for item in items:
            if account is None or not (own or mentions(f"{item.title}\n{item.text}", account)):
                continue
            signals.append(Signal(
                kind="news", account=account.name, account_domain=account.domain, title=item.title,
                url=item.url, occurred_at=item.published_at, detected_at=now, source=self.kind,
                dedup_key=f"news:{account.domain}:{title_key(item.title)}",
                facts={"publisher": item.data.get("publisher"), "feed": watch.target},
                evidence=(item.text or item.title)[:500],
            ))
        return signals
