"""RSS/Atom bytes read with feedparser the way every feed kind needs: never raising on a malformed feed.

An HTML page (a block page, a login wall) is a ParseError; a malformed feed ("bozo") yields the
entries feedparser could read plus a warning. The bytes come from the project's own client, so
feedparser is given them and the response headers, never a URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import feedparser

from watcher.errors import ParseError

_NOT_FEED = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
ACCEPT = "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, */*;q=0.5"


def read_feed(body: bytes, headers: Mapping[str, str]) -> tuple[feedparser.FeedParserDict, tuple[str, ...]]:
    """The parsed feed and its warnings; ParseError when the bytes are not a feed at all."""
    if _NOT_FEED.match(body[:512]):
        raise ParseError("the response is an HTML page, not a feed (blocked, or a login page?)")
    parsed = feedparser.parse(body, response_headers=dict(headers), sanitize_html=False, resolve_relative_uris=False)
    warnings = (f"malformed feed: {parsed.get('bozo_exception')}",) if parsed.get("bozo") else ()
    if not parsed.entries and not parsed.get("version"):
        raise ParseError("not an RSS or Atom feed" + (f" ({warnings[0]})" if warnings else ""))
    return parsed, warnings
