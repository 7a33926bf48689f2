"""The one place that decides "new" (item streams) and "changed" (documents).

Source kinds only parse and interpret. The first check of a watch is a baseline: it records
what exists and reports nothing. A source that suddenly returns nothing is a failure, never
"everything was removed".
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from watcher.domain import Change, Document, Item
from watcher.errors import ParseError
from watcher.store.models import SeenItemRow, SnapshotRow

# Detection writes through SQLAlchemy Core on the session's connection: an eventful check's statements were
# most of its cost through the ORM (loading the watch, tracking it, flushing it and each new row).
SEEN = SeenItemRow.metadata.tables["seen_items"]
SNAPSHOTS = SnapshotRow.metadata.tables["snapshots"]
# The statements are built once, with bound parameters: building one and its cache key on every check cost
# more than SQLite's work for it.
ITEM_COLUMNS = (SEEN.c.item_key, SEEN.c.title, SEEN.c.url, SEEN.c.published_at, SEEN.c.data)
_KEYS = SEEN.c.item_key.in_(bindparam("keys", expanding=True))
_LEDGER = select(SEEN.c.id, SEEN.c.item_key, SEEN.c.gone_at, SEEN.c.last_seen_at, SEEN.c.digest)
LEDGER = _LEDGER.where(SEEN.c.watch_id == bindparam("watch"), _KEYS)
LEDGER_AND_LISTED = _LEDGER.where(SEEN.c.watch_id == bindparam("watch"), _KEYS | SEEN.c.gone_at.is_(None))
SEEN_KEYS = select(SEEN.c.item_key).where(SEEN.c.watch_id == bindparam("watch"), _KEYS)
TOUCH = update(SEEN).where(SEEN.c.watch_id == bindparam("watch"), _KEYS).values(last_seen_at=bindparam("now"),
                                                                                 gone_at=None)
GONE_ITEMS = select(*ITEM_COLUMNS).where(SEEN.c.id.in_(bindparam("ids", expanding=True))).order_by(SEEN.c.id)
MARK_GONE = update(SEEN).where(SEEN.c.id.in_(bindparam("ids", expanding=True))).values(gone_at=bindparam("now"))
RECENT = (select(*ITEM_COLUMNS).where(SEEN.c.watch_id == bindparam("watch"), SEEN.c.first_seen_at >= bindparam("since"),
                                      SEEN.c.first_seen_at > bindparam("baseline"))
          .order_by(SEEN.c.first_seen_at, SEEN.c.id))
ADD_SEEN = insert(SEEN)
REDIGEST = update(SEEN).where(SEEN.c.id == bindparam("row")).values(digest=bindparam("new_digest"))
# The digests of the items a watch's last listing held (what a parse may leave unread), with their keys.
LISTED_DIGESTS = select(SEEN.c.digest, SEEN.c.item_key).where(SEEN.c.watch_id == bindparam("watch"),
                                                               SEEN.c.gone_at.is_(None), SEEN.c.digest.is_not(None))
LATEST_SNAPSHOT = (select(SNAPSHOTS.c.content_hash, SNAPSHOTS.c.body).where(SNAPSHOTS.c.watch_id == bindparam("watch"))
                   .order_by(SNAPSHOTS.c.created_at.desc(), SNAPSHOTS.c.id.desc()).limit(1))
_STORED = (SNAPSHOTS.c.watch_id == bindparam("watch"), SNAPSHOTS.c.content_hash == bindparam("hash"),
           SNAPSHOTS.c.body.is_not(None))
STORED_BODY = select(SNAPSHOTS.c.body).where(*_STORED).limit(1)
HAS_BODY = select(SNAPSHOTS.c.id).where(*_STORED).limit(1)
ADD_SNAPSHOT = insert(SNAPSHOTS)

CHUNK = 400
# A date this far past the check is no publication date but a placeholder read wrong ("Thu, 01 Jan 70" is 2070 to
# feedparser, as RFC 822's two-digit years are), or a CMS's "2099-12-31": the item is taken as undated.
FUTURE_SKEW = timedelta(days=1)
# Items published this long before a watch's baseline are old news, even if they show up later.
BASELINE_GRACE = timedelta(days=2)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemDelta:
    """What changed in an item stream since the last check.

    ``new``: ids never seen (and not older than the baseline); ``gone``: ids that were present and
    are not any more (only when asked for); ``recent``: every item first seen within the asked
    window, new ones included; ``source_changed``: every id changed at once for old content (a
    redesign), so nothing is reported and the new ids become the baseline.
    """

    new: list[Item] = field(default_factory=list)
    gone: list[Item] = field(default_factory=list)
    recent: list[Item] = field(default_factory=list)
    baseline: bool = False
    source_changed: bool = False


@dataclass(slots=True, kw_only=True)
class WatchState:
    """What detection reads and writes of a watch, read with the check's other columns in one query.

    Detection changes it through ``set``, which also records the change: the checker writes ``changes``
    back with its own columns in the check's one UPDATE of the watch.
    """

    id: int
    baselined: bool = False
    baseline_at: datetime | None = None
    item_count: int | None = None
    content_hash: str | None = None
    pending_hash: str | None = None
    pending_since: datetime | None = None
    pending_body: bytes | None = None  # the pending document, packed; the checker confirms it by fingerprint
    last_ok_at: datetime | None = None
    last_change_at: datetime | None = None
    changes: dict[str, Any] = field(default_factory=dict)

    COLUMNS: ClassVar[tuple[str, ...]] = ("id", "baselined", "baseline_at", "item_count", "content_hash",
                                          "pending_hash", "pending_since", "pending_body", "last_ok_at",
                                          "last_change_at")

    @classmethod
    def of(cls, row: Any) -> WatchState:
        """From a row (or an object) that has the COLUMNS."""
        return cls(**{name: getattr(row, name) for name in cls.COLUMNS})

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self.changes.update(values)


def item_key(item: Item) -> str:
    return item.id if len(item.id) <= 200 else hashlib.sha256(item.id.encode()).hexdigest()


def unseen(session: Session, watch_id: int, items: Sequence[Item]) -> list[Item]:
    """The items this (baselined) watch has never seen — read only, for work done before the commit."""
    keys = {item_key(i): i for i in items}
    seen: set[str] = set()
    chunked = list(keys)
    conn = session.connection()
    for start in range(0, len(chunked), CHUNK):
        seen.update(conn.scalars(SEEN_KEYS, {"watch": watch_id, "keys": chunked[start:start + CHUNK]}))
    return [item for key, item in keys.items() if key not in seen]


def _ledger_item(item_key: str, title: str | None, url: str | None, published_at: datetime | None,
                 data: dict[str, Any] | None) -> Item:
    """An item back from the ledger (a row of ITEM_COLUMNS)."""
    return Item(id=item_key, title=title or "", url=url, published_at=published_at, data=dict(data or {}))


def _looks_like_redesign(watch: WatchState, items: Sequence[Item], fresh: int, listed: int) -> bool:
    """Every id is new and the content is old: the site re-issued ids, nothing was published."""
    if fresh != listed or listed < 5 or (watch.item_count or 0) < 5 or watch.last_ok_at is None:
        return False
    dated = [i.published_at for i in items if i.published_at is not None]
    return not dated or sum(d < watch.last_ok_at for d in dated) * 2 >= len(dated)


def listed_digests(session: Session, watch_id: int) -> dict[str, str]:
    """Digest: item key, of each item the watch's last listing held and whose bytes were digested."""
    return {digest: key for digest, key in session.connection().execute(LISTED_DIGESTS, {"watch": watch_id})}


def detect_items(session: Session, watch: WatchState, items: Sequence[Item], now: datetime, *,
                 refresh_after: timedelta, complete: bool = True, track_gone: bool = False,
                 recent_window: timedelta | None = None, known: Sequence[str] = ()) -> ItemDelta:
    """Record the items of this fetch in the ledger and say what is new (and gone, and recent).

    A complete listing also marks the ids it no longer holds as gone: retention forgets only ids gone
    for longer than it keeps, so an id a quiet source still publishes (answering 304 for months) is
    never forgotten and never comes back as "new". Gone items are returned only with ``track_gone``.
    ``known`` are the keys of listed items the parse recognised by their digest and did not read: listed
    and seen, as an item read again would be. Each item's digest is kept on its ledger row.
    """
    items = _undated_if_future(items, now)
    if not items and not known:
        if watch.item_count:
            raise ParseError(f"the source returned no items (it had {watch.item_count}); not treated as removals")
        if watch.baselined:
            return ItemDelta()
        watch.set(baselined=True, baseline_at=now)  # an empty search is a fine baseline
        return ItemDelta(baseline=True)
    conn = session.connection()
    by_key = {item_key(i): i for i in items}
    keys = list(dict.fromkeys([*by_key, *known]))
    mark_gone = complete and watch.baselined
    listed = set(keys)
    # item_key: (row id, gone_at, last_seen_at, digest)
    found: dict[str, tuple[int, datetime | None, datetime, str | None]] = {}
    for start in range(0, len(keys), CHUNK):
        # The ids listed before come in the first chunk's query: for most listings the only one.
        query = LEDGER_AND_LISTED if mark_gone and start == 0 else LEDGER
        found.update((key, (row_id, gone_at, last_seen_at, digest))
                     for row_id, key, gone_at, last_seen_at, digest in conn.execute(
                         query, {"watch": watch.id, "keys": keys[start:start + CHUNK]}))
    # Seen ids that had gone, or were not refreshed for a while, are touched so that retention keeps them.
    stale = [key for key, (_, gone_at, last_seen, _) in found.items()
             if key in listed and (gone_at is not None or last_seen < now - refresh_after)]
    for start in range(0, len(stale), CHUNK):
        conn.execute(TOUCH, {"watch": watch.id, "keys": stale[start:start + CHUNK], "now": now})
    # An item read from other bytes than last time (edited, or digested for the first time) keeps the new digest;
    # not an id listed twice with different bytes, whose digest would change back and forth on every check.
    twice = {k for k, n in Counter([*map(item_key, items), *known]).items() if n > 1} \
        if len(keys) < len(items) + len(known) else set()
    redigest = [{"row": found[key][0], "new_digest": item.digest} for key, item in by_key.items()
                if item.digest is not None and key in found and found[key][3] != item.digest and key not in twice]
    if redigest:
        conn.execute(REDIGEST, redigest)
    # A known key the ledger lacks cannot be (it was read from the ledger): without its item, it is left out.
    fresh = [k for k in keys if k not in found and k in by_key]
    gone = _mark_gone(conn, sorted(row_id for key, (row_id, gone_at, _, _) in found.items()
                                   if gone_at is None and key not in listed), now) if mark_gone else []
    if not track_gone:
        gone = []
    if fresh:
        conn.execute(ADD_SEEN, [
            {"watch_id": watch.id, "item_key": k, "title": by_key[k].title[:2000], "url": by_key[k].url,
             "published_at": by_key[k].published_at, "data": by_key[k].data or None, "first_seen_at": now,
             "last_seen_at": now, "gone_at": None, "digest": by_key[k].digest} for k in fresh])
    redesign = watch.baselined and _looks_like_redesign(watch, items, len(fresh), len(keys))
    if watch.item_count != len(keys):
        watch.set(item_count=len(keys))
    if not watch.baselined or redesign:
        watch.set(baselined=True, baseline_at=now)
        return ItemDelta(baseline=not redesign, source_changed=redesign)
    cutoff = (watch.baseline_at or now) - BASELINE_GRACE
    new = [item for item in (by_key[k] for k in fresh) if not _older(item, cutoff)]
    recent: list[Item] = []
    if recent_window is not None and new:
        recent = [_ledger_item(*r) for r in conn.execute(
            RECENT, {"watch": watch.id, "since": now - recent_window, "baseline": watch.baseline_at or now})]
    return ItemDelta(new=new, gone=gone, recent=recent)


def _mark_gone(conn: Connection, missing: list[int], now: datetime) -> list[Item]:
    """Mark the rows of the listed-before ids this listing lacks; only they are read (usually none or one)."""
    gone: list[Item] = []
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start:start + CHUNK]
        gone += [_ledger_item(*r) for r in conn.execute(GONE_ITEMS, {"ids": chunk})]
        conn.execute(MARK_GONE, {"ids": chunk, "now": now})
    return gone


def _undated_if_future(items: Sequence[Item], now: datetime) -> Sequence[Item]:
    """``items`` with each date later than the check (beyond clock skew) dropped: the item is reported as one
    that states no date, with the time it was found, never with a date decades ahead."""
    limit = now + FUTURE_SKEW
    if all(i.published_at is None or i.published_at <= limit for i in items):
        return items
    return [dataclasses.replace(i, published_at=None) if i.published_at and i.published_at > limit else i
            for i in items]


def _older(item: Item, cutoff: datetime) -> bool:
    return item.published_at is not None and item.published_at < cutoff


def document_hash(document: Document) -> str:
    payload = json.dumps([document.text, document.data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _pack(document: Document) -> bytes:
    return zlib.compress(json.dumps({"text": document.text, "data": document.data}, default=str).encode(), 6)


def unpack_document(body: bytes) -> Document:
    raw = json.loads(zlib.decompress(body))
    return Document(text=raw["text"], data=raw.get("data") or {})


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentDelta:
    change: Change | None = None
    baseline: bool = False
    pending: bool = False  # changed once; accepted only if the confirming re-fetch sees it again


def snapshot_document(session: Session, watch_id: int, content_hash: str, body: bytes | None) -> Document:
    """The document a snapshot row stands for (its body may live on the first row with that hash)."""
    if body is None:
        body = session.connection().scalars(STORED_BODY, {"watch": watch_id, "hash": content_hash}).first()
    if body is None:
        raise ParseError("the stored version is missing (removed by retention)")
    return unpack_document(body)


def _accept(conn: Connection, watch: WatchState, document: Document, digest: str, now: datetime) -> None:
    stored = conn.scalars(HAS_BODY, {"watch": watch.id, "hash": digest}).first() is not None
    body: bytes | None = None
    if not stored:  # a confirmed version was packed when first seen
        body = watch.pending_body if watch.pending_hash == digest and watch.pending_body else _pack(document)
    conn.execute(ADD_SNAPSHOT, {"watch_id": watch.id, "content_hash": digest, "body": body, "created_at": now})
    watch.set(content_hash=digest, pending_hash=None, pending_since=None, pending_body=None)


def detect_document(session: Session, watch: WatchState, document: Document, now: datetime, *,
                    confirm: bool = False) -> DocumentDelta:
    """Compare with the last accepted version. With ``confirm``, a change is held as pending until a
    re-fetch sees the same version again; a page that flips back (an A/B test) is never reported."""
    if not document.text.strip():
        raise ParseError("the page yielded no content (empty body, error page or a selector that matches nothing)")
    digest = document_hash(document)
    if watch.baselined and watch.content_hash == digest:
        if watch.pending_hash is not None:
            watch.set(pending_hash=None, pending_since=None, pending_body=None)  # a variant flipped back: noise
        return DocumentDelta()
    conn = session.connection()
    if not watch.baselined:
        _accept(conn, watch, document, digest, now)
        watch.set(baselined=True, baseline_at=now)
        return DocumentDelta(baseline=True)
    if confirm and watch.pending_hash != digest:
        watch.set(pending_hash=digest, pending_since=now, pending_body=_pack(document))
        return DocumentDelta(pending=True)
    last = conn.execute(LATEST_SNAPSHOT, {"watch": watch.id}).first()
    previous = snapshot_document(session, watch.id, last.content_hash, last.body) if last is not None else None
    _accept(conn, watch, document, digest, now)
    if previous is None:
        return DocumentDelta(baseline=True)
    return DocumentDelta(change=Change(previous=previous, current=document))
