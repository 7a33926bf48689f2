"""The database tables (SQLAlchemy 2.x). State lives here, not in the scheduler."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the backend stores (SQLite keeps naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    industry: Mapped[str | None] = mapped_column(String(200))
    employees: Mapped[int | None] = mapped_column(Integer)
    revenue: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(100))
    technologies: Mapped[list[Any]] = mapped_column(default=list)
    owner_email: Mapped[str | None] = mapped_column(String(320))
    owner_slack: Mapped[str | None] = mapped_column(String(64))
    tags: Mapped[list[Any]] = mapped_column(default=list)
    news_query: Mapped[str | None] = mapped_column(String(500))
    followed: Mapped[bool] = mapped_column(Boolean, default=True)
    competitor: Mapped[bool] = mapped_column(Boolean, default=False)
    muted_until: Mapped[datetime | None]
    icp_score: Mapped[int] = mapped_column(Integer, default=0)
    icp_tier: Mapped[str] = mapped_column(String(8), default="none")
    icp_reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    icp_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WatchRow(Base):
    __tablename__ = "watches"
    __table_args__ = (
        UniqueConstraint("key", name="uq_watches_key"),
        Index("ix_watches_due", "enabled", "next_check_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(600))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(2000))
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    origin: Mapped[str] = mapped_column(String(20), default="cli")
    interval_seconds: Mapped[float | None] = mapped_column(Float)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    next_check_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    baselined: Mapped[bool] = mapped_column(Boolean, default=False)
    baseline_at: Mapped[datetime | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    pending_hash: Mapped[str | None] = mapped_column(String(64))  # a change seen once, awaiting confirmation
    pending_since: Mapped[datetime | None]
    # Source.fingerprint of the body whose document is the accepted one (content_hash): a body with the same
    # fingerprint is that document again, and is not parsed.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    # The pending version as it was built, and its body's fingerprint: a confirming re-fetch with the same
    # fingerprint confirms that document without a build (and whatever volatile value its build would leak).
    pending_fingerprint: Mapped[str | None] = mapped_column(String(64))
    pending_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    # For Source.templated kinds, where the accepted body's token values vary (watcher/pipeline/skim.py): a body
    # awaiting its pair, the template learned from two, or a note that they could not be paired.
    skim: Mapped[bytes | None] = mapped_column(LargeBinary)
    item_count: Mapped[int | None] = mapped_column(Integer)
    checks: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failing_since: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    broken_reported: Mapped[bool] = mapped_column(Boolean, default=False)
    last_checked_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_change_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class SeenItemRow(Base):
    """The item ledger of a watch: which ids it has seen, when, and which have gone.

    It is the memory that decides "new" for item streams, and it keeps enough of each item
    (title, url, data) for kinds that reason over recent or removed items (a hiring surge, a
    closed role) without refetching anything.
    """

    __tablename__ = "seen_items"
    __table_args__ = (UniqueConstraint("watch_id", "item_key", name="uq_seen_items_watch_item"),
                      Index("ix_seen_items_watch_first", "watch_id", "first_seen_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime] = mapped_column(index=True)
    gone_at: Mapped[datetime | None]
    # The digest of the bytes the item was last read from (Item.digest), for kinds that can tell: the next parse
    # leaves the same bytes unread.
    digest: Mapped[str | None] = mapped_column(String(32))


class SnapshotRow(Base):
    """Accepted versions of a document watch, in order. The compressed body is stored once per
    (watch, content hash): a page that flips back to an earlier version adds a row, not a copy."""

    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_watch_created", "watch_id", "created_at"),
                      Index("ix_snapshots_watch_hash", "watch_id", "content_hash"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class SignalRow(Base):
    """One event, stored once per dedup key; later reports merge their sources in."""

    __tablename__ = "signals"
    __table_args__ = (
        UniqueConstraint("dedup_key", name="uq_signals_dedup_key"),
        Index("ix_signals_detected", "detected_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(500))
    dedup_base: Mapped[str] = mapped_column(String(500), index=True)
    kind: Mapped[str] = mapped_column(String(50), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    watch_id: Mapped[int | None] = mapped_column(ForeignKey("watches.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime | None]
    detected_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(50))
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    evidence: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list[Any]] = mapped_column(default=list)


class DeliveryRow(Base):
    """The outbox: one row per (signal, destination), written with the signal, sent at least once.

    ``status``: pending → sent, or parked (a permanent failure or the retry budget spent). Rows
    for one account and destination that are due together go out as one message.
    """

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("signal_id", "destination", name="uq_deliveries_signal_destination"),
                      Index("ix_deliveries_due", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_id: Mapped[int | None] = mapped_column(ForeignKey("signals.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    destination: Mapped[str] = mapped_column(String(400))
    rules: Mapped[list[Any]] = mapped_column(default=list)
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    notice: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # admin notices carry their text here
    notice_key: Mapped[str | None] = mapped_column(String(300), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class DecisionRow(Base):
    """Why a signal was or was not sent somewhere: every suppression is recorded with its reason."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signal_id: Mapped[int] = mapped_column(ForeignKey("signals.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str | None] = mapped_column(String(80))
    destination: Mapped[str | None] = mapped_column(String(400))
    decision: Mapped[str] = mapped_column(String(20))  # queued, held, suppressed, unmatched
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)


class DigestRunRow(Base):
    """A digest sent (or being sent) to one recipient for one period: never twice."""

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("digest", "recipient", "period", name="uq_digest_runs_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(50))
    recipient: Mapped[str] = mapped_column(String(320))
    period: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
