"""news: real recorded feeds (tests/fixtures/news/SOURCES.md says where each came from) parse into items,
and items are attributed only to the account they are about."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources._feeds import read_feed
from watcher.domain import WatchContext
from watcher.errors import ParseError
from watcher.extract import extract
from watcher.registry import get_source

NEWS = Path(__file__).parent.parent / "fixtures" / "news"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
CTX = WatchContext(watch_id=None, kind="news", target="file")


@pytest.mark.parametrize(("name", "count", "first_title"), [
    ("google_news_search.xml", 15, "Why the ECB Is Unlikely to Keep Rates Higher Than 3% - Goldman Sachs"),
    ("techcrunch_feed.xml", 5, None),
    ("youtube_channel_atom.xml", 11, None),
    ("sec_press_releases.rss", 25, None),
    ("sec_edgar_browse_atom.xml", 5, None),
], ids=["google-news", "techcrunch", "atom", "sec-press", "edgar-atom"])
def test_real_feeds_parse_into_items_with_stable_ids_and_dates(name: str, count: int, first_title: str | None) -> None:
    body = (NEWS / name).read_bytes()
    source = get_source("news")
    first = source.parse(body, {}, CTX)
    again = source.parse(body, {}, CTX)
    assert len(first.items) == count
    assert [i.id for i in first.items] == [i.id for i in again.items]
    assert len({i.id for i in first.items}) == count
    assert all(i.title and i.published_at for i in first.items)
    if first_title:
        assert first.items[0].title == first_title


def test_google_news_items_carry_the_publisher() -> None:
    items = get_source("news").parse((NEWS / "google_news_search.xml").read_bytes(), {}, CTX).items
    assert items[0].data["publisher"] == "Goldman Sachs"
    assert items[0].url and items[0].url.startswith("https://news.google.com/rss/articles/")


def test_extract_with_an_account_reads_the_file_as_that_accounts_own_feed() -> None:
    found = extract("news", NEWS / "google_news_search.xml", account="Goldman Sachs", domain="goldmansachs.com",
                    now=NOW)
    signals = [json.loads(s.to_json()) for s in found]
    assert len(signals) == 15
    assert {s["account_domain"] for s in signals} == {"goldmansachs.com"}


def test_search_feed_items_must_mention_the_account() -> None:
    source = get_source("news")
    from watcher.domain import AccountRef

    ctx = WatchContext(watch_id=1, kind="news", target="search", options={"search": True},
                       account=AccountRef(name="Goldman Sachs", domain="goldmansachs.com"))
    items = source.parse((NEWS / "google_news_search.xml").read_bytes(), {}, ctx).items
    signals = source.interpret_items(items, ctx, NOW)
    assert [s.title for s in signals] == [i.title for i in items if "Goldman Sachs" in i.title or
                                          "Goldman Sachs" in i.text]
    assert 0 < len(signals) < len(items)


@pytest.mark.parametrize("body", [
    b"<!DOCTYPE html><html><head><title>Error</title></head><body>Service unavailable</body></html>",
    b"this is not xml at all",
    b"",
], ids=["html-page", "garbage", "empty"])
def test_non_feeds_are_parse_errors(body: bytes) -> None:
    with pytest.raises(ParseError):
        get_source("news").parse(body, {}, CTX)


def test_truncated_feed_is_a_warning_with_the_items_it_could_read() -> None:
    body = (NEWS / "techcrunch_feed.xml").read_bytes()
    cut = body[: body.index(b"</item>", body.index(b"</item>") + 1) + 7]  # two whole items, then EOF
    observation = get_source("news").parse(cut, {}, CTX)
    assert len(observation.items) == 2 and observation.warnings


def test_a_body_that_names_a_local_file_is_read_as_bytes_never_opened(tmp_path: Path) -> None:
    """feedparser given bytes first tries them as a file name: a feed host must not make us read local files."""
    local = tmp_path / "feed.xml"
    local.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>local</title><item><title>secret'
                     "</title><link>https://example.com/a</link><guid>a</guid></item></channel></rss>")
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        read_feed(str(local).encode(), {"content-type": "application/rss+xml"})


def _dated(raw: str) -> bytes:
    return (f'<rss version="2.0"><channel><title>Blog</title><item><title>Acme ships</title><link>https://acme.test/a'
            f'</link><pubDate>{raw}</pubDate></item></channel></rss>').encode()


@pytest.mark.parametrize(("raw", "expected"), [
    ("Tue, 05 Mar 2024 10:00:00 GMT", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
    ("05 Mar 24 10:00 GMT", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
    # RFC 822's two-digit year with a numeric offset: the offset is no year.
    ("Tue, 05 Mar 24 10:00:00 +0000", datetime(2024, 3, 5, 10, 0, tzinfo=UTC)),
    ("Tue, 05 Mar 24 10:00:00 -0800", datetime(2024, 3, 5, 18, 0, tzinfo=UTC)),
    ("Fri, 01 Jan 00 01:00:00 +0500", datetime(1999, 12, 31, 20, 0, tzinfo=UTC)),
    ("2024-03-05T10:00:00.000+01:00", datetime(2024, 3, 5, 9, 0, tzinfo=UTC)),
    ("20240305", datetime(2024, 3, 5, tzinfo=UTC)),
    ("24-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
    ("2024-03", datetime(2024, 3, 1, tzinfo=UTC)),
    # An offset that crosses New Year moves the year feedparser reads.
    ("Thu, 01 Jan 2026 01:00:00 +0500", datetime(2025, 12, 31, 20, 0, tzinfo=UTC)),
    ("Wed, 31 Dec 2025 23:00:00 -0500", datetime(2026, 1, 1, 4, 0, tzinfo=UTC)),
    # feedparser completes these from the machine's clock (today's date, this year, this month): not the item's.
    ("10:00", None), ("T10:25", None), ("--03-05", None), ("-03", None), ("2024-W10", None), ("2024-W10-2", None),
    ("2024-065", None), ("2024/03/05", None), ("2024.03.05", None), ("2024. 03. 05.", None), ("2024/03", None),
    ("10:00:00 +0000", None),
    # Placeholders older than any feed would make a new item look like old news.
    ("Thu, 01 Jan 1970 00:00:00 GMT", None), ("0001-01-01T00:00:00Z", None),
], ids=lambda v: str(v))
def test_an_item_is_dated_only_by_a_date_its_feed_states(raw: str, expected: datetime | None) -> None:
    items = get_source("news").parse(_dated(raw), {}, CTX).items
    assert [i.published_at for i in items] == [expected]



def test_an_entry_whose_published_date_is_a_time_alone_is_dated_by_its_updated_date() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry><id>urn:1</id><title>Acme ships'
            b'</title><published>10:00</published><updated>2024-03-05T10:00:00Z</updated></entry></feed>')
    items = get_source("news").parse(body, {}, CTX).items
    assert [i.published_at for i in items] == [datetime(2024, 3, 5, 10, 0, tzinfo=UTC)]
