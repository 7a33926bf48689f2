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
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from watcher.domain import Change, Document, Item
from watcher.errors import ParseError
from watcher.store.models import SeenItemRow, SnapshotRow, WatchRow

CHUNK = 400
# Items published this long before a watch's baseline are old news, even if they show up later.
BASELINE_GRACE = timedelta(days=2)


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemDelta:
    new: list[Item]
    baseline: bool


def item_key(item: Item) -> str:
    return item.id if len(item.id) <= 200 else hashlib.sha256(item.id.encode()).hexdigest()


def detect_items(session: Session, watch: WatchRow, items: Sequence[Item], now: datetime,
                 *, refresh_after: timedelta) -> ItemDelta:
    """Record the items of this fetch and return the ones this watch has never seen."""
    if not items:
        if watch.item_count:
            raise ParseError(f"the source returned no items (it had {watch.item_count}); not treated as removals")
        if watch.baselined:
            return ItemDelta(new=[], baseline=False)
        watch.baselined, watch.baseline_at = True, now  # an empty search is a fine baseline
        return ItemDelta(new=[], baseline=True)
    by_key = {item_key(i): i for i in items}
    keys = list(by_key)
    seen: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        seen.update(session.scalars(
            select(SeenItemRow.item_key).where(SeenItemRow.watch_id == watch.id, SeenItemRow.item_key.in_(chunk))
        ))
        session.execute(
            update(SeenItemRow)
            .where(SeenItemRow.watch_id == watch.id, SeenItemRow.item_key.in_(chunk),
                   SeenItemRow.last_seen_at < now - refresh_after)
            .values(last_seen_at=now)
        )
    fresh = [k for k in keys if k not in seen]
    session.add_all(SeenItemRow(watch_id=watch.id, item_key=k, first_seen_at=now, last_seen_at=now) for k in fresh)
    watch.item_count = len(keys)
    if not watch.baselined:
        watch.baselined, watch.baseline_at = True, now
        return ItemDelta(new=[], baseline=True)
    cutoff = (watch.baseline_at or now) - BASELINE_GRACE
    new = [item for item in (by_key[k] for k in fresh) if not _older(item, cutoff)]
    return ItemDelta(new=new, baseline=False)


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
    change: Change | None
    baseline: bool


def latest_snapshot(session: Session, watch_id: int) -> SnapshotRow | None:
    return session.scalars(
        select(SnapshotRow).where(SnapshotRow.watch_id == watch_id)
        .order_by(SnapshotRow.created_at.desc(), SnapshotRow.id.desc()).limit(1)
    ).first()


def detect_document(session: Session, watch: WatchRow, document: Document, now: datetime) -> DocumentDelta:
    """Compare with the last accepted version; accept and return the change when it differs."""
    if not document.text.strip():
        raise ParseError("the page yielded no content (empty body, error page or a selector that matches nothing)")
    digest = document_hash(document)
    if watch.baselined and watch.content_hash == digest:
        return DocumentDelta(change=None, baseline=False)
    last = latest_snapshot(session, watch.id) if watch.baselined else None
    session.add(SnapshotRow(watch_id=watch.id, content_hash=digest, body=_pack(document), created_at=now))
    watch.content_hash = digest
    if last is None:
        watch.baselined, watch.baseline_at = True, now
        return DocumentDelta(change=None, baseline=True)
    return DocumentDelta(change=Change(previous=unpack_document(last.body), current=document), baseline=False)
