"""`app_store`: Apple's customer-reviews JSON feed of one app, most recent first.

The target is the app id (``"1234567"``), a storefront and id (``"gb:1234567"``), an
apps.apple.com app URL, or the feed URL itself. Older payloads put the app itself first in
``feed.entry`` (no ``im:rating``): it is skipped and its name kept as what the reviews are about.
A feed with one review has an object where the list would be; a feed with no ``entry`` at all
means no reviews yet — or throttling — and is reported as a warning, not as "no complaints".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sources._reviews import ReviewSource, load_json, number, parse_time, review_item
from watcher.domain import Item, Observation, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source

FEED = "https://itunes.apple.com/{cc}/rss/customerreviews/page=1/id={app}/sortby=mostrecent/json"
_TARGET = re.compile(r"^(?:(?P<cc>[a-z]{2}):)?(?:id)?(?P<app>\d{4,})$", re.IGNORECASE)
_APP_URL = re.compile(r"apps\.apple\.com/(?P<cc>[a-z]{2})/app/(?:[^/]+/)?id(?P<app>\d+)", re.IGNORECASE)
_FEED_COUNTRY = re.compile(r"itunes\.apple\.com/(?P<cc>[a-z]{2})/rss/", re.IGNORECASE)


def _label(node: Any) -> str:
    if isinstance(node, dict):
        value = node.get("label")
        return str(value).strip() if value is not None else ""
    return ""


@register_source("app_store")
class AppStoreReviews(ReviewSource):
    def url(self, watch: WatchContext) -> str:
        target = watch.target.strip()
        match = _TARGET.match(target) or _APP_URL.search(target)
        if match:
            return FEED.format(cc=(match.group("cc") or "us").lower(), app=match.group("app"))
        return target

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        data = load_json(body, "the App Store review feed")
        feed = data.get("feed") if isinstance(data, dict) else None
        if not isinstance(feed, dict):
            raise ParseError("the JSON has no 'feed' object: not an App Store review feed")
        entries = feed.get("entry")
        if entries is None:
            return Observation(warnings=("the feed has no entries: no reviews yet, or Apple is throttling",))
        entries = entries if isinstance(entries, list) else [entries]
        app = next((_label(e.get("im:name")) for e in entries if isinstance(e, dict) and "im:rating" not in e), None)
        country = self._country(watch, feed)
        items = [self._item(e, app, country) for e in entries if isinstance(e, dict) and "im:rating" in e]
        return Observation(items=tuple(i for i in items if i is not None))

    def _item(self, entry: dict[str, Any], app: str | None, country: str | None) -> Item | None:
        """One review; the storefront's country stands in for the reviewer's (Apple shows no more)."""
        review_id = _label(entry.get("id"))
        if not review_id:
            return None
        link = entry.get("link")
        links = link if isinstance(link, list) else [link]
        href = next((str(lnk["attributes"]["href"]) for lnk in links if isinstance(lnk, dict)
                     and isinstance(lnk.get("attributes"), dict) and lnk["attributes"].get("href")), None)
        author_node = entry.get("author")
        author = _label(author_node.get("name")) if isinstance(author_node, dict) else ""
        item = review_item(
            id=review_id, title=_label(entry.get("title")), text=_label(entry.get("content")), url=href,
            published_at=parse_time(_label(entry.get("updated"))), platform="app_store",
            rating=number(_label(entry.get("im:rating"))), scale=5.0, author=author or None,
            subject=app or None, country=country.upper() if country else None)
        item.data["app_version"] = _label(entry.get("im:version")) or None
        return item

    def _country(self, watch: WatchContext, feed: dict[str, Any]) -> str | None:
        match = _TARGET.match(watch.target.strip()) or _APP_URL.search(watch.target)
        if match and match.group("cc"):
            return match.group("cc").lower()
        feed_id = _label(feed.get("id"))
        found = _FEED_COUNTRY.search(feed_id or watch.target)
        return found.group("cc").lower() if found else None
