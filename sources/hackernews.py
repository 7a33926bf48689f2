"""`hackernews`: Hacker News stories and comments that mention the competitor (HN Algolia, by date).

The target is the search query or a full ``hn.algolia.com/api/v1/search_by_date`` URL. A story
is judged on its title and text; a comment on its own words only — the story it sits under is
context for the reader (kept as ``story_title``), not evidence that the comment complains.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sources._reviews import ReviewSource, html_text, load_json, parse_time, review_item
from watcher.domain import Item, Observation, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source

SEARCH = "https://hn.algolia.com/api/v1/search_by_date?query={q}&tags=(story,comment)&hitsPerPage=100"
ITEM = "https://news.ycombinator.com/item?id={id}"


@register_source("hackernews")
class HackerNewsSearch(ReviewSource):
    search = SEARCH

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        data = load_json(body, "HN Algolia")
        if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
            raise ParseError("the JSON has no 'hits' list: not an HN Algolia search result")
        items = [self._item(hit) for hit in data["hits"] if isinstance(hit, dict) and hit.get("objectID")]
        return Observation(items=tuple(i for i in items if i is not None))

    def _item(self, hit: dict[str, Any]) -> Item | None:
        tags = hit.get("_tags") or []
        comment = "comment" in tags or (hit.get("comment_text") and not hit.get("title"))
        heading = "" if comment else str(hit.get("title") or "")
        text = html_text(str(hit.get("comment_text") if comment else hit.get("story_text") or ""))
        if not heading and not text:
            return None
        story = str(hit.get("story_title") or "") or None
        item = review_item(
            id=str(hit["objectID"]), title=heading or (f"Re: {story}" if story else ""), heading=heading, text=text,
            url=ITEM.format(id=hit["objectID"]),
            published_at=parse_time(hit.get("created_at")) or parse_time(hit.get("created_at_i")),
            platform="hackernews", author=str(hit.get("author") or "") or None, comment=bool(comment))
        item.data.update({"story_title": story if comment else None, "story_id": hit.get("story_id"),
                          "link": hit.get("url") or hit.get("story_url")})
        return item
