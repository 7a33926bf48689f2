"""`reddit`: Reddit's search feed (Atom) of posts that mention the competitor, newest first.

The target is the search query (``"initech OR \\"initech crm\\""``) or a full feed URL — a search,
a subreddit's ``/new/.rss`` or a subreddit search with ``restrict_sr=1``. Posts are unrated, so
``watcher.complaints`` decides from the words whether one complains about the competitor.
The post body is the text between Reddit's ``SC_OFF``/``SC_ON`` markers; the "submitted by …
[link] [comments]" trailer is Reddit's, not the writer's, and is dropped. Reddit limits default
user agents; the project's client sends its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from sources._feeds import ACCEPT, read_entries, reader_salt
from sources._reviews import ReviewSource, html_text, parse_time, review_item
from watcher.domain import Item, Observation, WatchContext
from watcher.registry import register_source

SEARCH = "https://www.reddit.com/search.rss?q={q}&sort=new"
# The code that keys a post: a change to it reads every feed whole once (sources/_feeds.py).
_READER = reader_salt(__name__, "sources._reviews", "sources._feeds", "watcher.pipeline.detect")
_SELF_TEXT = re.compile(r"<!--\s*SC_OFF\s*-->(?P<body>.*?)<!--\s*SC_ON\s*-->", re.DOTALL)
_TRAILER = re.compile(r"(?:&#32;|\s)*submitted by\b.*$", re.DOTALL | re.IGNORECASE)


@register_source("reddit")
class RedditSearch(ReviewSource):
    search = SEARCH
    accept = ACCEPT
    item_digests = True

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        read = read_entries(body, headers, watch.known_digests, _READER)
        items = [dataclasses.replace(self._item(entry), digest=digest)
                 for entry, digest in zip(read.entries, read.digests, strict=True)
                 if entry.get("id") or entry.get("link")]
        return Observation(items=tuple(items), known=read.known, warnings=read.warnings)

    def _item(self, entry: Any) -> Item:
        content = entry.get("content") or [{}]
        raw = content[0].get("value") or entry.get("summary") or ""
        match = _SELF_TEXT.search(raw)
        text = html_text(match.group("body") if match else _TRAILER.sub("", raw))
        tags = entry.get("tags") or [{}]
        item = review_item(
            id=str(entry.get("id") or entry.get("link")), title=html_text(entry.get("title") or ""), text=text,
            url=entry.get("link"), published_at=parse_time(entry.get("published") or entry.get("updated")),
            platform="reddit", author=str(entry.get("author") or "").removeprefix("/u/") or None)
        item.data["subreddit"] = tags[0].get("term")
        return item
