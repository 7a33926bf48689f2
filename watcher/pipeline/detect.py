"""The one place that decides "new" (item streams) and "changed" (documents).

Source kinds only parse and interpret. The first check of a watch is a baseline: it records
what exists and reports nothing. A source that suddenly returns nothing is a failure, never
"everything was removed".
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from watcher.domain import Change, Document, Item
from watcher.errors import ParseError
from watcher.store.models import SeenItemRow, SnapshotRow, WatchRow

CHUNK = 400
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


def item_key(item: Item) -> str:
    return item.id if len(item.id) <= 200 else hashlib.sha256(item.id.encode()).hexdigest()


def unseen(session: Session, watch_id: int, items: Sequence[Item]) -> list[Item]:
    """The items this (baselined) watch has never seen — read only, for work done before the commit."""
    keys = {item_key(i): i for i in items}
    seen: set[str] = set()
    chunked = list(keys)
    for start in range(0, len(chunked), CHUNK):
        seen.update(session.scalars(select(SeenItemRow.item_key).where(
            SeenItemRow.watch_id == watch_id, SeenItemRow.item_key.in_(chunked[start:start + CHUNK]))))
    return [item for key, item in keys.items() if key not in seen]


def _row_item(row: SeenItemRow) -> Item:
    return Item(id=row.item_key, title=row.title or "", url=row.url, published_at=row.published_at,
                data=dict(row.data or {}))


def _looks_like_redesign(watch: WatchRow, items: Sequence[Item], fresh: int) -> bool:
    """Every id is new and the content is old: the site re-issued ids, nothing was published."""
    if fresh != len(items) or len(items) < 5 or (watch.item_count or 0) < 5 or watch.last_ok_at is None:
        return False
    dated = [i.published_at for i in items if i.published_at is not None]
    return not dated or sum(d < watch.last_ok_at for d in dated) * 2 >= len(dated)


def detect_items(session: Session, watch: WatchRow, items: Sequence[Item], now: datetime, *,
                 refresh_after: timedelta, complete: bool = True, track_gone: bool = False,
                 recent_window: timedelta | None = None) -> ItemDelta:
    """Record the items of this fetch in the ledger and say what is new (and gone, and recent).

    A complete listing also marks the ids it no longer holds as gone: retention forgets only ids gone
    for longer than it keeps, so an id a quiet source still publishes (answering 304 for months) is
    never forgotten and never comes back as "new". Gone items are returned only with ``track_gone``.
    """
    if not items:
        if watch.item_count:
            raise ParseError(f"the source returned no items (it had {watch.item_count}); not treated as removals")
        if watch.baselined:
            return ItemDelta()
        watch.baselined, watch.baseline_at = True, now  # an empty search is a fine baseline
        return ItemDelta(baseline=True)
    by_key = {item_key(i): i for i in items}
    keys = list(by_key)
    mark_gone = complete and watch.baselined
    found: dict[str, tuple[int, datetime | None, datetime]] = {}  # item_key: (row id, gone_at, last_seen_at)
    for start in range(0, len(keys), CHUNK):
        wanted: ColumnElement[bool] = SeenItemRow.item_key.in_(keys[start:start + CHUNK])
        if mark_gone and start == 0:  # the ids listed before come in the same query, for most listings the only one
            wanted = wanted | SeenItemRow.gone_at.is_(None)
        found.update((key, (row_id, gone_at, last_seen_at)) for row_id, key, gone_at, last_seen_at in session.execute(
            select(SeenItemRow.id, SeenItemRow.item_key, SeenItemRow.gone_at, SeenItemRow.last_seen_at)
            .where(SeenItemRow.watch_id == watch.id, wanted)))
    # Seen ids that had gone, or were not refreshed for a while, are touched so that retention keeps them.
    stale = [key for key, (_, gone_at, last_seen) in found.items()
             if key in by_key and (gone_at is not None or last_seen < now - refresh_after)]
    for start in range(0, len(stale), CHUNK):
        session.execute(update(SeenItemRow)
                        .where(SeenItemRow.watch_id == watch.id, SeenItemRow.item_key.in_(stale[start:start + CHUNK]))
                        .values(last_seen_at=now, gone_at=None))
    fresh = [k for k in keys if k not in found]
    gone = _mark_gone(session, sorted(row_id for key, (row_id, gone_at, _) in found.items()
                                      if gone_at is None and key not in by_key), now) if mark_gone else []
    if not track_gone:
        gone = []
    session.add_all(SeenItemRow(watch_id=watch.id, item_key=k, title=by_key[k].title[:2000], url=by_key[k].url,
                                published_at=by_key[k].published_at, data=by_key[k].data or None,
                                first_seen_at=now, last_seen_at=now) for k in fresh)
    redesign = watch.baselined and _looks_like_redesign(watch, items, len(fresh))
    watch.item_count = len(keys)
    if not watch.baselined or redesign:
        watch.baselined, watch.baseline_at = True, now
        return ItemDelta(baseline=not redesign, source_changed=redesign)
    cutoff = (watch.baseline_at or now) - BASELINE_GRACE
    new = [item for item in (by_key[k] for k in fresh) if not _older(item, cutoff)]
    recent: list[Item] = []
    if recent_window is not None and new:
        session.flush()
        recent = [_row_item(r) for r in session.scalars(
            select(SeenItemRow).where(SeenItemRow.watch_id == watch.id,
                                      SeenItemRow.first_seen_at >= now - recent_window,
                                      SeenItemRow.first_seen_at > (watch.baseline_at or now))
            .order_by(SeenItemRow.first_seen_at, SeenItemRow.id))]
    return ItemDelta(new=new, gone=gone, recent=recent)


def _mark_gone(session: Session, missing: list[int], now: datetime) -> list[Item]:
    """Mark the rows of the listed-before ids this listing lacks; only they are loaded (usually none or one)."""
    rows = [row for start in range(0, len(missing), CHUNK) for row in session.scalars(
        select(SeenItemRow).where(SeenItemRow.id.in_(missing[start:start + CHUNK])).order_by(SeenItemRow.id))]
    for row in rows:
        row.gone_at = now
    return [_row_item(r) for r in rows]


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


def latest_snapshot(session: Session, watch_id: int) -> SnapshotRow | None:
    return session.scalars(
        select(SnapshotRow).where(SnapshotRow.watch_id == watch_id)
        .order_by(SnapshotRow.created_at.desc(), SnapshotRow.id.desc()).limit(1)
    ).first()


def snapshot_document(session: Session, row: SnapshotRow) -> Document:
    """The document a snapshot row stands for (its body may live on the first row with that hash)."""
    body = row.body
    if body is None:
        body = session.scalars(select(SnapshotRow.body).where(
            SnapshotRow.watch_id == row.watch_id, SnapshotRow.content_hash == row.content_hash,
            SnapshotRow.body.is_not(None)).limit(1)).first()
    if body is None:
        raise ParseError("the stored version is missing (removed by retention)")
    return unpack_document(body)


def _accept(session: Session, watch: WatchRow, document: Document, digest: str, now: datetime) -> None:
    stored = session.scalars(select(SnapshotRow.id).where(SnapshotRow.watch_id == watch.id,
                                                          SnapshotRow.content_hash == digest,
                                                          SnapshotRow.body.is_not(None)).limit(1)).first()
    session.add(SnapshotRow(watch_id=watch.id, content_hash=digest, body=None if stored else _pack(document),
                            created_at=now))
    watch.content_hash, watch.pending_hash, watch.pending_since = digest, None, None


def detect_document(session: Session, watch: WatchRow, document: Document, now: datetime, *,
                    confirm: bool = False) -> DocumentDelta:
    """Compare with the last accepted version. With ``confirm``, a change is held as pending until a
    re-fetch sees the same version again; a page that flips back (an A/B test) is never reported."""
    if not document.text.strip():
        raise ParseError("the page yielded no content (empty body, error page or a selector that matches nothing)")
    digest = document_hash(document)
    if watch.baselined and watch.content_hash == digest:
        watch.pending_hash, watch.pending_since = None, None  # a pending variant flipped back: noise
        return DocumentDelta()
    if not watch.baselined:
        _accept(session, watch, document, digest, now)
        watch.baselined, watch.baseline_at = True, now
        return DocumentDelta(baseline=True)
    if confirm and watch.pending_hash != digest:
        watch.pending_hash, watch.pending_since = digest, now
        return DocumentDelta(pending=True)
    last = latest_snapshot(session, watch.id)
    previous = snapshot_document(session, last) if last is not None else None
    _accept(session, watch, document, digest, now)
    if previous is None:
        return DocumentDelta(baseline=True)
    return DocumentDelta(change=Change(previous=previous, current=document))
