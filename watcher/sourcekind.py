"""What a source kind is: it builds the URL, parses a response and interprets what is new.

The core decides what is new or changed (watcher/pipeline/detect.py); a source kind never
touches the database, the network or the clock.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import ClassVar

from watcher import __version__
from watcher.domain import Change, Family, Item, Observation, Signal, WatchContext


class Source(ABC):
    """Base class of every source kind; subclasses register with ``@register_source``."""

    kind: ClassVar[str] = ""
    family: ClassVar[Family] = "items"
    page: ClassVar[bool] = False  # True for human web pages: robots.txt applies
    signal_kind: ClassVar[str] = ""
    # Item streams: ask the core to report removed items (interpret_gone) ...
    tracks_removals: ClassVar[bool] = False
    # ... and, when something new arrives, every item first seen within this window (interpret_recent).
    recent_window: ClassVar[timedelta | None] = None
    # A signal whose dedup key was stored longer ago than this is a new event, not a repeat (None: never).
    dedup_window: ClassVar[timedelta | None] = None
    # Item streams whose parse digests each item's bytes (Item.digest): the core hands it the digests of the last
    # listing (WatchContext.known_digests), and it reports the items it met again as Observation.known, unread.
    item_digests: ClassVar[bool] = False
    # Documents: hold a change until a re-fetch ([schedule] confirm_after later) sees it again.
    confirm_changes: ClassVar[bool] = False

    def url(self, watch: WatchContext) -> str:
        """The URL to fetch for ``watch`` (by default the target itself)."""
        return watch.target

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        """Extra request headers (Accept, pinned Accept-Language …)."""
        return {}

    @abstractmethod
    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        """Read a response body. Raise ParseError when it is not what this kind expects."""

    def fingerprint(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> str | None:
        """A digest of what ``parse`` reads, with what parse treats as noise already folded: two bodies with
        the same fingerprint parse to the same observation, or to ones that differ only in that noise. The
        core compares it with the accepted version's and, when equal, records the check as unchanged without
        parsing: a 304 worked out from the body, for the many feeds and APIs that send no ETag or
        Last-Modified. (A paged listing's is not kept: its first page does not speak for the others.)

        By default, the bytes themselves, with the headers a parse reads (feedparser: type, location,
        language), what of the watch it may read (target, options, account) and the release (a new parser
        reads the same bytes anew). A kind whose pages carry tokens folds them (pricing_page); None means
        always parse.
        """
        digest = hashlib.blake2b(body, digest_size=20)
        read = [headers.get(name) for name in ("content-type", "content-location", "content-language")]
        digest.update(json.dumps([self.kind, read, watch.target, watch.options, repr(watch.account), __version__],
                                 sort_keys=True, default=str).encode())
        return digest.hexdigest()

    def template_scope(self, body: bytes, headers: Mapping[str, str]) -> str | None:
        """Whether the core may learn this body's template, and know the accepted page again by it without
        fingerprinting it (watcher/pipeline/skim.py), and in what scope: what the fingerprint reads of the body
        by its place rather than its content (the encoding it is read in), taken from every body anew. For a
        document whose token values (nonces, CSRF tokens, times) differ on every request, which the fingerprint
        folds, and a body whose bytes read as ASCII wherever they are ASCII (UTF-8 or a single-byte charset), so
        that a run of token bytes is a token. None: always fingerprinted (a byte digest never needs it)."""
        return None

    def detail_url(self, item: Item, watch: WatchContext) -> str | None:
        """A second document to fetch for a *new* item (a filing's primary document), or None."""
        return None

    def add_detail(self, item: Item, body: bytes, watch: WatchContext) -> Item:
        """The item with what its detail document says folded into ``item.data`` (JSON-able)."""
        return item

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        """Turn new items into signals (item-stream kinds)."""
        return []

    def interpret_gone(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        """Items that were present and are not any more (kinds with ``tracks_removals``)."""
        return []

    def interpret_recent(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        """Everything first seen within ``recent_window``, called when something new arrived (surges)."""
        return []

    def interpret_change(self, change: Change, watch: WatchContext, now: datetime) -> list[Signal]:
        """Turn a document change into signals (document kinds)."""
        return []

    def text_diff(self, old: str, new: str, before: str, after: str) -> list[str]:
        """The unified diff of two documents' texts, as lines, the way this kind's alerts show it (document
        kinds; ``watcher pricing diff``). By default the plain line diff; a kind whose texts may differ in values
        its fingerprint folds (pricing_page) matches lines as the fingerprint reads them."""
        return list(difflib.unified_diff(old.splitlines(), new.splitlines(), before, after, lineterm=""))

    def supersedes(self, signal: Signal) -> bool:
        """Whether a later report of a stored event replaces its title, facts and evidence (a running tally,
        such as a hiring surge that grew) instead of only filling gaps (another outlet's report of a raise)."""
        return False
