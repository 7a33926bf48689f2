"""Internal records that flow through the pipeline: frozen, keyword-only, UTC-aware.

They are plain data; the store maps them to rows, the sources produce and read them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

Family = Literal["items", "document"]


def utc(dt: datetime) -> datetime:
    """Return ``dt`` as an aware UTC datetime (naive values are taken to be UTC)."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 with a ``Z`` suffix, as the signal contract prints times."""
    if dt is None:
        return None
    return utc(dt).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountRef:
    """What a source needs to know about the account a watch belongs to."""

    name: str
    domain: str
    aliases: tuple[str, ...] = ()
    industry: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchContext:
    """One watch as a source kind sees it: what to fetch and for whom."""

    watch_id: int | None
    kind: str
    target: str
    account: AccountRef | None = None
    options: dict[str, Any] = field(default_factory=dict)
    # Item kinds with ``Source.item_digests``: the digest of each item the watch's last listing held, with its key.
    # A parse need not read again an item whose bytes it meets again (``Observation.known``).
    known_digests: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One entry of an item stream (feed entry, job posting, review). ``id`` is stable across fetches."""

    id: str
    title: str
    url: str | None = None
    published_at: datetime | None = None
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    # The digest of the bytes the item was read from, when the source can tell (``Source.item_digests``): the
    # ledger keeps it, so the next parse can recognise the same bytes without reading them. Not part of the item.
    digest: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A normalised document (a pricing page): ``text`` is what is compared, ``data`` the structured model."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Observation:
    """What one parse of one response produced: items or a document, plus non-fatal warnings."""

    items: tuple[Item, ...] = ()
    document: Document | None = None
    warnings: tuple[str, ...] = ()
    # Some items could not be read (no id, a cut-off page): what is missing is not "gone".
    partial: bool = False
    # A listing that pages (an API answering 100 at a time): the next page's URL, which the core fetches
    # and parses in turn, adding its items to these.
    next_page: str | None = None
    # The keys of listed items the parse recognised by their digest (``WatchContext.known_digests``) and did not
    # read again: they are in the listing as surely as ``items``, and were seen before.
    known: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """A document that differs from the last accepted version."""

    previous: Document
    current: Document


@dataclass(frozen=True, slots=True, kw_only=True)
class Signal:
    """One buying signal, in the contract of DESIGN.md §4."""

    kind: str
    account: str | None
    account_domain: str | None
    title: str
    url: str | None
    occurred_at: datetime | None
    detected_at: datetime
    source: str
    dedup_key: str
    facts: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["occurred_at"] = iso(self.occurred_at)
        data["detected_at"] = iso(self.detected_at)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False, default=str)


@dataclass(frozen=True, slots=True, kw_only=True)
class IcpFit:
    """An account's fit with the ICP: a 0–100 score, a tier and the reason per criterion."""

    score: int
    tier: str  # "A", "B", "C" or "none"
    reasons: dict[str, str] = field(default_factory=dict)
