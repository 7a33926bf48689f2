"""RSS/Atom bytes read with feedparser the way every feed kind needs: never raising on a malformed feed.

An HTML page (a block page, a login wall) is a ParseError; a malformed feed ("bozo") yields the
entries feedparser could read plus a warning. The bytes come from the project's own client, so
feedparser is given them and the response headers, never a URL.

``read_entries`` reads only the entries a watch has not met before. A feed that gained one item
still sends the other nineteen (or ninety-nine: a news search sends no validators, and its build
date changes on every request), and feedparser spends most of its time on them: about 8 ms for a
20-item feed against about 1 ms for one item. Each ``<item>``/``<entry>`` element is cut from the
bytes and digested with its context (the feed's root and channel tags, its namespaces and base, the
expected encoding, the headers feedparser reads, the code that keys the items); the entries whose
digest the watch's last listing held are left out of the bytes feedparser is given (the first entry
and the text around the entries are always given), and their keys are reported as known. Anything
the cut cannot vouch for (text between the elements, an entry element spelt otherwise, a base or a
namespace declared inside an entry, an encoding declared outside the XML declaration, a fault or an
entry count in the spliced read other than given) reads the whole feed, as before.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import feedparser

from watcher import __version__
from watcher.errors import ParseError

_NOT_FEED = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
ACCEPT = "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, */*;q=0.5"


# A DOCTYPE with an internal subset declares entities: the road to "billion laughs" and XXE. Feeds need
# none (feedparser knows the HTML entities), so it goes before the bytes reach an XML parser.
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)


def read_feed(body: bytes, headers: Mapping[str, str]) -> tuple[feedparser.FeedParserDict, tuple[str, ...]]:
    """The parsed feed and its warnings; ParseError when the bytes are not a feed at all."""
    return _read_whole(_prepared(body), headers)


def _prepared(body: bytes) -> bytes:
    """``body`` without its DOCTYPE; ParseError for an HTML page."""
    if _NOT_FEED.match(body[:512]):
        raise ParseError("the response is an HTML page, not a feed (blocked, or a login page?)")
    return _DOCTYPE.sub(b"", body, count=1)


def _parse(body: bytes, headers: Mapping[str, str]) -> feedparser.FeedParserDict:
    # A stream, never the bytes themselves: given bytes, feedparser first tries them as a file name (and a URL),
    # so a body such as b"/etc/hostname" would have it read a local file.
    return feedparser.parse(io.BytesIO(body), response_headers=dict(headers), sanitize_html=False,
                            resolve_relative_uris=False)


def _read_whole(body: bytes, headers: Mapping[str, str]) -> tuple[feedparser.FeedParserDict, tuple[str, ...]]:
    parsed = _parse(body, headers)
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


# The digest's recipe; a new one misses every stored digest once (the feeds are read whole once).
DIGEST_FORMAT = b"feed-entry-1"
_ATOM_ROOT = re.compile(rb"<(?:[\w.-]+:)?feed[\s>]")
_START_TAG = re.compile(rb"<[A-Za-z][^>]*>")
_ROOT_NAME = re.compile(rb"<([\w:.-]+)")
# The releases that read the entry (ours: its id and item key; feedparser's): after an upgrade, every stored
# digest misses once and each feed is read whole, so no entry keeps a key the new release would not give it.
# The reading module's own bytes are added by its caller (``reader_salt``): a change of its id rules between
# releases counts too.
_RELEASE = f"\x00{__version__}\x00{feedparser.__version__}".encode()
# What of the text before the first entry can change how an entry reads: the XML declaration (its encoding)
# and the namespace, base and language attributes of the elements that enclose the entries (feedparser reads
# attribute names in any case, and a plain "base" as xml:base).
_SCOPE = re.compile(rb"<\?xml[^>]*>|\s(?:xmlns(?::[\w.-]+)?|(?:[\w.-]+:)?(?:base|lang))\s*=\s*(?:\"[^\"]*\"|'[^']*')",
                    re.IGNORECASE)
_DECLARED = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"'][^>]*\?>|\s*<\?xml[^>]*\?>")
_ENCODING_SAID = re.compile(rb"encoding\s*=\s*[\"']")
# State feedparser carries from one entry to the next: a base (relative links and ids resolve against the last
# one met) and namespace declarations (a prefix keeps the first URI declared for it). A feed with either inside
# an entry is read whole.
_CARRIED = re.compile(rb"\s(?:[\w.-]+:)?base\s*=|\sxmlns[\s:=]", re.IGNORECASE)  # atom:base reads as xml:base
# An entry element the cut does not take (another case, a prefix, the other format's name): feedparser reads it,
# so the cut would miss it.
_ANY_ENTRY = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s/>]", re.IGNORECASE)
_NAME_END = frozenset(b" \t\r\n>")


@dataclass(frozen=True, slots=True)
class Entries:
    """What ``read_entries`` read: feedparser's entries, each with the digest of the bytes it came from (None
    when the cut could not vouch for it), and the keys of the entries recognised and not read."""

    entries: list[feedparser.FeedParserDict]
    digests: list[str | None]
    known: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Cut:
    prefix: bytes
    chunks: list[bytes]
    digests: list[str]
    suffix: bytes
    encoding: str


def reader_salt(*modules: str) -> bytes:
    """A digest of the named modules' source files: the code that turns an entry into an item key. Given to
    ``read_entries``, it makes a changed id rule read every feed whole once."""
    digest = hashlib.blake2b(digest_size=16)
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            digest.update(Path(spec.origin).read_bytes())
    return digest.digest()


def read_entries(body: bytes, headers: Mapping[str, str], known: Mapping[str, str], reader: bytes = b"") -> Entries:
    """The feed's entries that ``known`` (digest: item key, of the watch's last listing) does not hold, read by
    feedparser; ParseError as ``read_feed``. Without ``known``, every entry is read. ``reader`` salts the
    digests with the code that keys the items (``reader_salt``)."""
    body = _prepared(body)
    cut = _cut(body, headers, reader)
    if cut is not None and known:
        fresh = [i for i, digest in enumerate(cut.digests) if digest not in known]
        if len(fresh) < len(cut.chunks):
            # feedparser is always given the first entry (it carries some of the channel's state, which only an
            # entry's end resets) and the text around the entries: the spliced feed must read clean, in the
            # encoding the whole would be read in, with exactly the entries it was given, or the whole is read.
            given = sorted({0, *fresh})
            parsed = _parse(cut.prefix + b"".join(cut.chunks[i] for i in given) + cut.suffix, headers)
            if _clean(parsed, cut) and len(parsed.entries) == len(given):
                read = [(e, cut.digests[i]) for e, i in zip(parsed.entries, given, strict=True) if i in fresh]
                keys = tuple(known[digest] for digest in cut.digests if digest in known)
                return Entries([e for e, _ in read], [d for _, d in read], keys, ())
    parsed, warnings = _read_whole(body, headers)
    entries = list(parsed.entries)
    vouched = cut is not None and _clean(parsed, cut) and len(entries) == len(cut.chunks)
    return Entries(entries, list(cut.digests) if cut is not None and vouched else [None] * len(entries), (),
                   warnings)


def _clean(parsed: feedparser.FeedParserDict, cut: _Cut) -> bool:
    """Read without a fault, in the encoding the digests were taken for."""
    return not parsed.get("bozo") and _codec(str(parsed.get("encoding") or "")) == cut.encoding


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _expected_encoding(declared: re.Match[bytes] | None, headers: Mapping[str, str]) -> str | None:
    """The encoding feedparser should read ``body`` in: the Content-Type's charset, else the XML declaration's,
    else UTF-8. A read in another one (a fallback, a declaration sniffed elsewhere) is not vouched for."""
    ctype = headers.get("content-type") or ""
    if "charset=" in ctype.lower():
        return _codec(ctype.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    return _codec(declared.group(1).decode("ascii") if declared and declared.group(1) else "utf-8")


def _encoding_said(body: bytes, start: int) -> bool:
    """An encoding declared after ``start`` (searched in C: a regex scan of the feed costs ten times more)."""
    at = body.find(b"encoding", start)
    while at >= 0:
        if _ENCODING_SAID.match(body, at):
            return True
        at = body.find(b"encoding", at + 8)
    return False


def _cut(body: bytes, headers: Mapping[str, str], reader: bytes = b"") -> _Cut | None:
    """The feed cut into the text before its first entry, each entry's element, and the text after the last;
    None when the entries are not plain sibling elements with nothing but white space between them."""
    tag = b"entry" if _ATOM_ROOT.search(body, 0, 4096) else b"item"
    opening, closing = b"<" + tag, b"</" + tag
    spans: list[tuple[int, int]] = []
    at = body.find(opening)
    while at >= 0:
        after = body[at + len(opening):at + len(opening) + 1]
        if after == b"/":
            return None  # an empty element: feedparser may or may not count it
        if not after or after[0] not in _NAME_END:  # <items>, <itemList>
            at = body.find(opening, at + 1)
            continue
        end = body.find(closing, at)
        while end >= 0 and body[end + len(closing):end + len(closing) + 1] not in (b">", b" ", b"\t", b"\r", b"\n"):
            end = body.find(closing, end + 1)
        close = body.find(b">", end) if end >= 0 else -1
        if close < 0:
            return None  # cut off inside an entry
        if spans and body[spans[-1][1]:at].strip():
            return None  # text, a comment or another element between two entries
        chunk = body[at:close + 1]
        if chunk.count(b"<![CDATA[") != chunk.count(b"]]>") or chunk.count(b"<!--") != chunk.count(b"-->"):
            return None  # the closing tag found is written inside a CDATA section or a comment
        low = chunk.lower()  # the regex alone tries a prefix at every space: gated by a search in C
        if (b"base" in low or b"xmlns" in low) and _CARRIED.search(chunk):
            return None  # feedparser keeps an entry's base and namespaces for the entries after it
        spans.append((at, close + 1))
        at = body.find(opening, close + 1)
    if not spans:
        return None
    prefix, suffix = body[:spans[0][0]], body[spans[-1][1]:]
    root = _ROOT_NAME.match(first.group()) if (first := _START_TAG.search(prefix)) else None
    if root is None or prefix.rfind(b"<![CDATA[") > prefix.rfind(b"]]>") \
            or prefix.rfind(b"<!--") > prefix.rfind(b"-->"):
        return None  # no root, or the first "<item" is written inside a CDATA section or a comment
    if not suffix.rstrip().endswith(b"</" + root.group(1) + b">") or closing in suffix:
        return None  # cut off after an entry, or the last entry's closing tag was not the one found
    if _ANY_ENTRY.search(prefix) or _ANY_ENTRY.search(suffix):
        return None  # an entry written otherwise (<Item>, <atom:entry>), which feedparser reads and the cut does not
    # feedparser sniffs an encoding declaration with a greedy match over the first line: one written anywhere but
    # the XML declaration (an entry quoting a feed) could change how the whole is decoded.
    declaration = _DECLARED.match(body)
    encoding = _expected_encoding(declaration, headers)
    if encoding is None or _encoding_said(body, declaration.end() if declaration else 0):
        return None
    scope = hashlib.blake2b(DIGEST_FORMAT + _RELEASE + reader, digest_size=16)
    for name in ("content-type", "content-location", "content-language"):
        scope.update(f"\x00{headers.get(name)!r}".encode())  # the exact keys feedparser reads
    scope.update(f"\x00{encoding}".encode())
    scope.update(b"\x00".join(_START_TAG.findall(prefix)[:2] + _SCOPE.findall(prefix)))
    chunks, digests = [], []
    for start, end in spans:
        chunk = body[start:end]
        digest = scope.copy()
        digest.update(b"\x01" + chunk)
        chunks.append(chunk)
        digests.append(digest.hexdigest())
    return _Cut(prefix, chunks, digests, suffix, encoding)
