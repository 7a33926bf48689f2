"""read_entries: a feed's entries the watch met before (the same bytes in the same feed) are left unread, and
what is read is exactly what reading the whole feed gives. Real recorded feeds (tests/fixtures/news/SOURCES.md,
tests/fixtures/reddit/SOURCES.md say where each came from), each taken as the newer version of itself without
its newest entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sources._feeds import _cut, read_entries
from watcher.domain import Item, WatchContext
from watcher.pipeline.detect import item_key
from watcher.registry import get_source

FIXTURES = Path(__file__).parent.parent / "fixtures"
FEEDS = ["news/google_news_search.xml", "news/techcrunch_feed.xml", "news/youtube_channel_atom.xml",
         "news/sec_press_releases.rss", "news/sec_edgar_browse_atom.xml", "news/funding_search.xml",
         "reddit/search_initech.xml", "reddit/subreddit_accounting_atom.xml"]
RSS = {"content-type": "application/rss+xml; charset=utf-8"}
CTX = WatchContext(watch_id=None, kind="news", target="file")


def _without_first_entry(body: bytes) -> bytes:
    cut = _cut(body, RSS)
    assert cut is not None
    return body.replace(cut.chunks[0], b"", 1)


def _known(items: tuple[Item, ...]) -> dict[str, str]:
    return {i.digest: item_key(i) for i in items if i.digest is not None}


def _with(ctx: WatchContext, known: dict[str, str]) -> WatchContext:
    return WatchContext(watch_id=ctx.watch_id, kind=ctx.kind, target=ctx.target, known_digests=known)


@pytest.mark.parametrize(("kind", "name"), [*(("news", f) for f in FEEDS),
                                           *(("reddit", f) for f in FEEDS if f.startswith("reddit/"))])
def test_a_real_feed_that_gained_an_entry_is_read_for_that_entry_alone(kind: str, name: str) -> None:
    body = (FIXTURES / name).read_bytes()
    news = get_source(kind)
    whole = news.parse(body, RSS, CTX)
    before = news.parse(_without_first_entry(body), RSS, CTX)
    assert all(i.digest for i in whole.items), "every entry of a well-formed feed is digested"

    again = news.parse(body, RSS, _with(CTX, _known(before.items)))

    assert again.items == whole.items[:1]  # the same item as a whole read gives, to the last field
    assert again.items[0].digest == whole.items[0].digest
    assert set(again.known) == {item_key(i) for i in whole.items[1:]}


@pytest.mark.parametrize("name", FEEDS)
def test_a_real_feed_met_again_whole_gives_feedparser_its_first_entry_alone(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first entry and the text around the entries are still read: a fault there, or an entry the cut did
    not see, sends the feed to a whole read."""
    import feedparser

    body = (FIXTURES / name).read_bytes()
    news = get_source("news")
    whole = news.parse(body, RSS, CTX)
    given: list[int] = []
    real = feedparser.parse
    monkeypatch.setattr("sources._feeds.feedparser.parse",
                        lambda *a, **k: (parsed := real(*a, **k), given.append(len(parsed.entries)))[0])
    again = news.parse(body, RSS, _with(CTX, _known(whole.items)))
    assert again.items == ()
    assert sorted(again.known) == sorted(item_key(i) for i in whole.items)
    assert given == [1]


RSS_DOC = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"%(ns)s><channel><title>Acme</title>'
           b"<lastBuildDate>%(built)s</lastBuildDate>%(items)s</channel></rss>")


def _feed(items: list[bytes], ns: bytes = b"", built: bytes = b"Mon, 02 Mar 2026 10:00:00 GMT",
          between: bytes = b"\n") -> bytes:
    return RSS_DOC % {b"ns": ns, b"built": built, b"items": between.join(items)}


def _item(n: int, extra: bytes = b"") -> bytes:
    return (b"<item><guid>post-%d</guid><title>Acme news %d</title><link>/blog/%d</link>"
            b"<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>%s</item>" % (n, n, n, extra))


def _read(body: bytes, known: dict[str, str], headers: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(ids read, keys known)."""
    got = read_entries(body, headers or RSS, known)
    return [e.get("id") for e in got.entries], sorted(got.known)


def _digests(body: bytes, headers: dict[str, str] | None = None) -> dict[str, str]:
    got = read_entries(body, headers or RSS, {})
    return {d: e.get("id") for d, e in zip(got.digests, got.entries, strict=True) if d}


def test_the_channel_s_build_date_changing_does_not_make_entries_new() -> None:
    known = _digests(_feed([_item(2), _item(1)]))
    newer = _feed([_item(3), _item(2), _item(1)], built=b"Mon, 02 Mar 2026 11:00:00 GMT")
    assert _read(newer, known) == (["post-3"], ["post-1", "post-2"])


def test_an_edited_entry_is_read_again() -> None:
    known = _digests(_feed([_item(2), _item(1)]))
    edited = _feed([_item(2, b"<description>updated</description>"), _item(1)])
    assert _read(edited, known) == (["post-2"], ["post-1"])


@pytest.mark.parametrize(("old", "new", "headers"), [
    (b"", b' xml:base="https://acme.example/en/"', None),  # relative links resolve elsewhere
    (b' xmlns:dc="http://purl.org/dc/elements/1.1/"', b' xmlns:dc="http://example.com/other"', None),
    (b"", b"", {"content-type": "application/rss+xml; charset=iso-8859-1"}),  # the bytes decode otherwise
    (b"", b"", {"content-type": "application/rss+xml; charset=utf-8", "content-location": "https://b.example/"}),
], ids=["base", "namespace", "charset", "location"])
def test_a_change_of_what_the_entries_are_read_in_reads_them_all_again(old: bytes, new: bytes,
                                                                       headers: dict[str, str] | None) -> None:
    known = _digests(_feed([_item(2), _item(1)], ns=old))
    body = _feed([_item(2), _item(1)], ns=new)
    assert _read(body, known, headers) == _read(body, {}, headers)  # feedparser resolves a guid against the base
    assert len(_read(body, known, headers)[0]) == 2


@pytest.mark.parametrize(("body", "why"), [
    (_feed([_item(2), _item(1)], between=b"<!-- ad -->"), "a comment between two entries"),
    (_feed([_item(2), _item(1)], between=b"<foo>x</foo>"), "an element between two entries"),
    (_feed([_item(2, b"<description><![CDATA[a </item> in the text]]></description>"), _item(1)]),
     "a closing tag inside CDATA"),
    (_feed([b"<item/>", _item(1)]), "an empty element"),
    (_feed([_item(2), _item(1)]).replace(b"<title>Acme</title>",
                                         b"<description><![CDATA[<item>]]></description>"), "<item> in CDATA first"),
    (_feed([_item(2), _item(1)])[:-40], "cut off inside an entry"),
    (_feed([_item(2), _item(1)])[:_feed([_item(2), _item(1)]).rfind(b"</item>") + 7], "cut off after an entry"),
    (_feed([_item(2), _item(1, b"<description><![CDATA[see </item> here]]></description>")]),
     "a closing tag inside the last entry's CDATA"),
    (_feed([_item(2).replace(b"<item>", b'<item xml:base="https://s.example/b/">'), _item(1)]),
     "an entry's base, which feedparser keeps for the entries after it"),
    (_feed([_item(2).replace(b"<item>", b'<item xml:Base="https://s.example/b/">'), _item(1)]),
     "a base spelt in another case"),
    (_feed([_item(2).replace(b"<item>", b'<item base="https://s.example/b/">'), _item(1)]), "a plain base"),
    (_feed([_item(2, b'<dc:date xmlns:dc="http://purl.org/dc/terms/">2026-03-02</dc:date>'), _item(1)]),
     "a namespace declared inside an entry, which feedparser keeps for the entries after it"),
    (_feed([_item(2), _item(1)]).replace(b"</channel>", b"<Item><title>NEW</title><link>/new</link></Item></channel>"),
     "an entry in another case after the last"),
    (_feed([_item(2), _item(1)]).replace(b"<title>Acme</title>", b"<title>Acme</title><entry><title>NEW</title>"
                                                                  b"<link>/new</link></entry>"),
     "the other format's entry before the first"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_entries_the_cut_cannot_vouch_for_are_read_whole_and_not_digested(body: bytes, why: str) -> None:
    whole = read_entries(body, RSS, {})
    assert whole.digests == [None] * len(whole.entries), why
    # Whatever the watch knew, the read is a whole one.
    known = _digests(_feed([_item(2), _item(1)]))
    assert [e.get("id") for e in read_entries(body, RSS, known).entries] == [e.get("id") for e in whole.entries]


def test_a_base_on_an_element_of_the_channel_is_part_of_what_entries_are_read_in() -> None:
    known = _digests(_feed([_item(2), _item(1)]))
    based = _feed([_item(2), _item(1)]).replace(b"<title>Acme</title>", b'<title base="https://b.example/x/">Acme</title>')
    assert _read(based, known) == _read(based, {})


def test_a_malformed_feed_is_read_whole_with_its_warning() -> None:
    known = _digests(_feed([_item(2), _item(1)]))
    broken = _feed([_item(3, b"<description>a & b</description>"), _item(2), _item(1)])
    got = read_entries(broken, RSS, known)
    assert [e.get("id") for e in got.entries] == ["post-3", "post-2", "post-1"]
    assert got.known == ()
    assert got.warnings and "malformed feed" in got.warnings[0]


def test_an_atom_feed_is_cut_on_its_entries() -> None:
    def atom(*ids: int) -> bytes:
        entries = b"".join(b"<entry><id>urn:e:%d</id><title>Post %d</title><updated>2026-03-02T09:00:00Z</updated>"
                           b'<link href="https://acme.example/%d"/></entry>' % (n, n, n) for n in ids)
        return (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Acme</title>'
                b"<updated>2026-03-02T10:00:00Z</updated>" + entries + b"</feed>")

    known = _digests(atom(2, 1), {"content-type": "application/atom+xml"})
    assert len(known) == 2
    assert _read(atom(3, 2, 1), known, {"content-type": "application/atom+xml"}) == (["urn:e:3"],
                                                                                      ["urn:e:1", "urn:e:2"])


def test_the_cut_of_a_real_feed_puts_back_the_same_bytes() -> None:
    for name in FEEDS:
        body = (FIXTURES / name).read_bytes()
        cut = _cut(body, RSS)
        assert cut is not None, name
        assert re.sub(rb"\s+", b"", cut.prefix + b"".join(cut.chunks) + cut.suffix) == re.sub(rb"\s+", b"", body)


def test_an_entry_after_one_with_its_own_base_reads_as_in_the_whole_feed() -> None:
    """feedparser resolves an entry's link and permalink guid against the last xml:base it met, even one set on
    an earlier entry: such a feed is always read whole, so an edited entry keeps the key it had."""
    def feed(title: bytes) -> bytes:
        based = b'<item xml:base="https://s.example/b/"><title>T 2</title><link>p2</link></item>'
        return _feed([based, b"<item><title>" + title + b"</title><link>p1</link></item>"])

    assert read_entries(feed(b"T 1"), RSS, {}).digests == [None, None]  # so the watch knows no digest of it
    assert [e.get("link") for e in read_entries(feed(b"T 1 (updated)"), RSS, {}).entries] == [
        "https://s.example/b/p2", "https://s.example/b/p1"]


def test_a_new_release_reads_every_feed_whole_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest holds the releases that read the entry (ours and feedparser's): a key the new release computes
    differently is never kept for bytes it has not read."""
    body = _feed([_item(2), _item(1)])
    known = _digests(body)
    monkeypatch.setattr("sources._feeds._RELEASE", b"\x00the next release")
    assert _read(body, known) == (["post-2", "post-1"], [])


def test_a_changed_id_rule_reads_every_feed_whole_once() -> None:
    """The reading module's own code salts the digests (reader_salt): keys kept for unchanged bytes are always
    the keys today's code gives."""
    from sources._feeds import reader_salt

    body = _feed([_item(2), _item(1)])
    first = read_entries(body, RSS, {}, reader_salt("sources.news"))
    known = {d: e.get("id") for d, e in zip(first.digests, first.entries, strict=True)}
    assert _read(body, known) == (["post-2", "post-1"], [])  # another reader's digests
    assert read_entries(body, RSS, known, reader_salt("sources.news")).known == ("post-2", "post-1")
    assert reader_salt("sources.news") != reader_salt("sources.reddit")


def _same_as_whole(v1: bytes, v2: bytes, headers: dict[str, str]) -> None:
    news = get_source("news")
    known = _known(news.parse(v1, headers, CTX).items)
    fast = news.parse(v2, headers, _with(CTX, known))
    whole = news.parse(v2, headers, CTX)
    assert {item_key(i) for i in fast.items} | set(fast.known) == {item_key(i) for i in whole.items}
    by_key = {item_key(i): i for i in whole.items}
    assert all(by_key[item_key(i)] == i for i in fast.items)
    assert fast.warnings == whole.warnings


def _full(n: int) -> bytes:
    return (b"<item><guid>post-%d</guid><title>Acme news %d</title><link>/blog/%d</link><description>Short %d"
            b"</description><itunes:summary>Full notes %d</itunes:summary></item>" % (n, n, n, n, n))


SHOW = b"<title>Acme</title><itunes:summary>Show</itunes:summary><description>Podcast</description>"
ITUNES = b' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom"'
QUOTED = "<item><guid>https://acme.example/acme’s-news-1</guid><title>Acme’s news</title></item>".encode()
SNIP = _item(9, b'<description><![CDATA[<?xml version="1.0" encoding="windows-1252"?> caf\xc3\xa9]]></description>')


@pytest.mark.parametrize(("v1", "v2", "headers"), [
    (_feed([_item(2), _item(1)]),
     _feed([_item(2), _item(1)]).replace(b"</channel>", b"<item!><title>NEW</title><guid>new</guid></channel>"),
     RSS),
    (_feed([_item(2), _item(1)]), _feed([_item(2), _item(1)]).replace(
        b"</channel>", b'<\xc3\xa9:item xmlns:\xc3\xa9="http://purl.org/rss/1.0/"><title>NEW</title><link>/new</link>'
                       b"</\xc3\xa9:item></channel>"), RSS),
    (_feed([_item(2), _item(1)], ns=ITUNES), _feed([_item(2), _item(1)], ns=ITUNES).replace(
        b"<title>Acme</title>", b'<title>Acme</title><atom:link atom:base="https://acme.example/" rel="self"/>'),
     RSS),
    (_feed([_item(2).replace(b"<item>", b'<item atom:base="https://acme.example/x/">'), _item(1)], ns=ITUNES),
     _feed([_item(3), _item(1)], ns=ITUNES), RSS),
    (_feed([QUOTED], between=b""), _feed([SNIP, QUOTED], between=b""), {"content-type": "application/rss+xml"}),
    (_feed([SNIP, QUOTED], between=b""), _feed([_item(2), SNIP, QUOTED], between=b""),
     {"content-type": "application/rss+xml"}),
    (_feed([_full(1), _full(2)], ns=ITUNES).replace(b"<title>Acme</title>", SHOW),
     _feed([_full(1), _full(2), _full(3)], ns=ITUNES).replace(b"<title>Acme</title>", SHOW), RSS),
], ids=["malformed-new-entry", "non-ascii-prefix", "atom-base-channel", "atom-base-entry", "encoding-in-new-entry",
        "encoding-in-known-entry", "channel-state-into-first-entry"])
def test_what_feedparser_reads_from_the_whole_document_is_read_as_in_the_whole(v1: bytes, v2: bytes,
                                                                               headers: dict[str, str]) -> None:
    """Found by review: entries the cut cannot see, bases under another prefix, an encoding declared in an entry
    (feedparser sniffs the first line greedily), and the channel's state that carries into the first entry."""
    _same_as_whole(v1, v2, headers)
