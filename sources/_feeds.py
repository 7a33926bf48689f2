"""RSS/Atom bytes read with feedparser the way every feed kind needs: never raising on a malformed feed.

An HTML page (a block page, a login wall) is a ParseError; a malformed feed ("bozo") yields the
entries feedparser could read plus a warning. The bytes come from the project's own client, so
feedparser is given them and the response headers, never a URL.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import feedparser

from watcher.errors import ParseError

_NOT_FEED = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
ACCEPT = "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, */*;q=0.5"


# A DOCTYPE with an internal subset declares entities: the road to "billion laughs" and XXE. Feeds need
# none (feedparser knows the HTML entities), so it goes before the bytes reach an XML parser.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)


def read_feed(body: bytes, headers: Mapping[str, str]) -> tuple[feedparser.FeedParserDict, tuple[str, ...]]:
    """The parsed feed and its warnings; ParseError when the bytes are not a feed at all."""
    if _NOT_FEED.match(body[:512]):
        raise ParseError("the response is an HTML page, not a feed (blocked, or a login page?)")
    body = _DOCTYPE.sub(b"", body, count=1)
    # A stream, never the bytes themselves: given bytes, feedparser first tries them as a file name (and a URL),
    # so a body such as b"/etc/hostname" would have it read a local file.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=dict(headers), sanitize_html=False,
                              resolve_relative_uris=False)
    warnings: tuple[str, ...] = (f"malformed feed: {parsed.get('bozo_exception')}",) if parsed.get("bozo") else ()
    if not parsed.entries and not parsed.get("version"):
        raise ParseError("not an RSS or Atom feed" + (f" ({warnings[0]})" if warnings else ""))
    if parsed.get("bozo") and _cut_short(parsed.entries):
        parsed.entries = parsed.entries[:-1]
        warnings += ("the feed ends inside an item; that item was left out",)
    return parsed, warnings


def _cut_short(entries: list[feedparser.FeedParserDict]) -> bool:
    """In a malformed feed, a last entry missing the id or the date its siblings all have was cut off."""
    if len(entries) < 2:
        return False
    last, others = entries[-1], entries[:-1]
    lost_id = not last.get("id") and all(e.get("id") for e in others)
    lost_date = not (last.get("published") or last.get("updated")) and \
        all(e.get("published") or e.get("updated") for e in others)
    return lost_id or lost_date
