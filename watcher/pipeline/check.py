"""One check of one watch: fetch → parse → detect → interpret → store, in that order.

Fetching is concurrent (bounded); everything after it runs in one database transaction per
watch, so a crash leaves either the whole check or none of it. A watch's failure is recorded
on the watch and never raised through the loop (urlwatch's "error" verb).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import Update, bindparam, select, update
from sqlalchemy.orm import Session

from rules.model import Rule
from watcher.clock import Clock
from watcher.config import Settings
from watcher.domain import AccountRef, Item, Observation, Signal, WatchContext, iso
from watcher.entities import mentions
from watcher.errors import FetchError, ParseError, SourceError, StoreError
from watcher.faults import crashpoint
from watcher.fetch import Fetcher, FetchResult, loggable
from watcher.pipeline import skim
from watcher.pipeline.detect import (
    WatchState,
    detect_document,
    detect_items,
    document_hash,
    listed_digests,
    unpack_document,
    unseen,
)
from watcher.pipeline.enrich import enrich_reviews
from watcher.pipeline.match import matching_rules
from watcher.pipeline.outbox import enqueue, enqueue_notice
from watcher.pipeline.record import record_signal
from watcher.registry import get_source
from watcher.schedule import claim_due, interval_of, next_after_failure, next_check, release
from watcher.sourcekind import Source
from watcher.store.db import Store
from watcher.store.models import AccountRow, WatchRow

logger = logging.getLogger(__name__)
QUIET_BATCH = 100  # uneventful checks recorded per UPDATE batch
WATCHES = WatchRow.metadata.tables["watches"]
# What _commit reads of the watch: detection's state and its own columns, in one statement built once.
READ_WATCH = select(*(WATCHES.c[name] for name in (*WatchState.COLUMNS, "lease_owner", "broken_reported", "failures",
                                                   "failing_since"))).where(WATCHES.c.id == bindparam("id"))
# What a pass reads of each watch it claimed and of its account, as plain rows: loading them as ORM entities
# cost twice as much (1,000 watches: 60-100 ms against 20-35).
CLAIMED_JOBS = (
    select(WatchRow.id, WatchRow.kind, WatchRow.target, WatchRow.options, WatchRow.interval_seconds,
           WatchRow.etag, WatchRow.last_modified, WatchRow.broken_reported, WatchRow.baselined,
           WatchRow.content_hash, WatchRow.pending_hash, WatchRow.fingerprint, WatchRow.pending_fingerprint,
           WatchRow.pending_body, WatchRow.skim, WatchRow.account_id, AccountRow.name, AccountRow.domain,
           AccountRow.aliases, AccountRow.industry)
    .outerjoin(AccountRow, WatchRow.account_id == AccountRow.id)
    .where(WatchRow.id.in_(bindparam("ids", expanding=True))))
# What every successful check writes; _watch_update adds the columns that vary.
CHECKED = {"checks": WATCHES.c.checks + 1, "failures": 0, "failing_since": None, "last_error": None,
           "broken_reported": False, "lease_owner": None, "lease_until": None}
QUIET_COLUMNS = ("etag", "fingerprint", "last_checked_at", "last_modified", "last_ok_at", "next_check_at")
MAX_DETAILS = 10  # detail documents fetched per check; more new items wait for the next one
MAX_PAGES = 20  # pages of a paged listing read per check (2,000 postings at 100 a page)
Verb = Literal["baseline", "new", "changed", "pending", "unchanged", "error"]
Notice = Literal["broken", "recovered", "source_changed"] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckOutcome:
    """What one check did (urlwatch-style verb), for logs, the CLI and tests."""

    watch_id: int
    kind: str
    target: str
    account: str | None
    verb: Verb
    signals: tuple[Signal, ...] = ()
    new_signal_ids: tuple[int, ...] = ()
    error: str | None = None
    notice: Notice = None
    elapsed: float = 0.0


@dataclass(slots=True, kw_only=True)
class Applied:
    verb: Verb
    signals: list[Signal] = field(default_factory=list)
    new_signal_ids: list[int] = field(default_factory=list)
    notice: Notice = None


def _target(ctx: WatchContext) -> str:
    """The watch's target for people: the account and the URL without its query (tokens live there)."""
    where = ctx.target.split("?", 1)[0]
    return f"{ctx.account.name}, {where}" if ctx.account else where


def account_ref(row: _AccountFields) -> AccountRef:
    return AccountRef(name=row.name, domain=row.domain, aliases=tuple(row.aliases or ()), industry=row.industry)


class _WatchFields(Protocol):
    """What a check's context needs of a watch: its ORM row, or the plain row a pass claims."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def options(self) -> dict[str, Any] | None: ...


class _AccountFields(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def aliases(self) -> list[Any] | None: ...
    @property
    def industry(self) -> str | None: ...


def watch_context(watch: _WatchFields, account: _AccountFields | None) -> WatchContext:
    return WatchContext(watch_id=watch.id, kind=watch.kind, target=watch.target,
                        account=account_ref(account) if account else None, options=dict(watch.options or {}))


def followed_accounts(session: Session) -> list[AccountRef]:
    return [account_ref(a) for a in session.scalars(select(AccountRow).where(AccountRow.followed.is_(True)))]


def _cached(load: Callable[[], list[AccountRef]]) -> Callable[[], list[AccountRef]]:
    """Load the followed accounts at most once per check, and only if something asks."""
    box: list[list[AccountRef]] = []

    def get() -> list[AccountRef]:
        if not box:
            box.append(load())
        return box[0]

    return get


def _interpret_items(source: Source, items: Sequence[Item], ctx: WatchContext, now: datetime,
                     accounts: Callable[[], list[AccountRef]]) -> list[Signal]:
    if ctx.account is not None or ctx.options.get("unattributed"):
        return source.interpret_items(items, ctx, now)
    # A global feed: each item goes to every followed account it is about.
    signals: list[Signal] = []
    for account in accounts():
        about = [i for i in items if mentions(f"{i.title}\n{i.text}", account)]
        if about:
            signals += source.interpret_items(about, _with_account(ctx, account), now)
    return signals


def _with_account(ctx: WatchContext, account: AccountRef) -> WatchContext:
    return WatchContext(watch_id=ctx.watch_id, kind=ctx.kind, target=ctx.target, account=account,
                        options=ctx.options)


def apply_observation(session: Session, watch: WatchState, ctx: WatchContext, source: Source,
                      observation: Observation, now: datetime, settings: Settings,
                      rules: list[Rule] | None = None, *, confirm: bool = True) -> Applied:
    """Detect what is new or changed, interpret it, store the signals and, given rules, route them to the
    outbox — all in the caller's transaction, so a signal and its deliveries are written together. What
    changes of the watch itself is left in ``watch.changes`` for the caller to write."""
    if source.family == "items":
        refresh = timedelta(seconds=settings.database.retention / 4)
        delta = detect_items(session, watch, observation.items, now, refresh_after=refresh,
                             complete=not observation.partial and observation.next_page is None,
                             track_gone=source.tracks_removals and ctx.account is not None,
                             recent_window=source.recent_window if ctx.account is not None else None,
                             known=observation.known)
        if delta.baseline:
            return Applied(verb="baseline")
        if delta.source_changed:
            return Applied(verb="unchanged", notice="source_changed")
        signals = _interpret_items(source, delta.new, ctx, now, _cached(lambda: followed_accounts(session))) \
            if delta.new else []
        if delta.gone:
            signals += source.interpret_gone(delta.gone, ctx, now)
        if delta.recent:
            signals += source.interpret_recent(delta.recent, ctx, now)
        verb: Verb = "new" if delta.new else "unchanged"
    else:
        if observation.document is None:
            raise ParseError("the source kind produced no document")
        doc_delta = detect_document(session, watch, observation.document, now,
                                    confirm=confirm and source.confirm_changes and settings.schedule.confirm_after > 0)
        if doc_delta.baseline:
            return Applied(verb="baseline")
        if doc_delta.pending:
            return Applied(verb="pending")
        if doc_delta.change is None:
            return Applied(verb="unchanged")
        watch.set(last_change_at=now)
        signals = source.interpret_change(doc_delta.change, ctx, now)
        verb = "changed"
    signals = enrich_reviews(signals, _cached(lambda: followed_accounts(session)), settings.icp)
    applied = Applied(verb=verb)
    domains = {s.account_domain for s in signals if s.account_domain}
    accounts = {a.domain: a for a in session.scalars(select(AccountRow).where(AccountRow.domain.in_(domains)))} \
        if domains else {}
    for signal in signals:
        account = accounts.get(signal.account_domain or "")
        row, created = record_signal(session, signal, account_id=account.id if account else None,
                                     watch_id=watch.id, window=source.dedup_window,
                                     supersede=source.supersedes(signal))
        if created:
            applied.signals.append(signal)
            applied.new_signal_ids.append(row.id)
            if rules is not None:
                enqueue(session, row, account, matching_rules(rules, row, account), now, settings)
    return applied


@functools.cache
def _watch_update(columns: tuple[str, ...]) -> Update:
    """The UPDATE of a successful check, guarded by its lease, that sets ``columns`` from parameters of the
    same name with a "b_" prefix; one statement per set of columns (a handful), built once."""
    return (update(WATCHES).where(WATCHES.c.id == bindparam("b_id"), WATCHES.c.lease_owner == bindparam("b_owner"))
            .values({**CHECKED, **{name: bindparam(f"b_{name}") for name in columns}}))


@functools.cache
def _skim_update() -> Update:
    """The UPDATE of a quiet check's new skim state, guarded by its lease (run before the quiet batch frees it)."""
    return (update(WATCHES).where(WATCHES.c.id == bindparam("b_id"), WATCHES.c.lease_owner == bindparam("b_owner"))
            .values(skim=bindparam("b_skim")))


class _LeaseLost(Exception):
    """Another process took the watch over during the check: its transaction is rolled back."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """A claimed watch with what its check needs, read once when the pass claims it."""

    watch_id: int
    ctx: WatchContext
    etag: str | None
    last_modified: str | None
    interval: float
    broken_reported: bool
    baselined: bool
    content_hash: str | None
    pending_hash: str | None
    fingerprint: str | None
    pending_fingerprint: str | None
    pending_body: bytes | None
    skim: bytes | None = None


class Checker:
    """Runs check passes over claimed watches. Built once per process and reused."""

    def __init__(self, store: Store, settings: Settings, fetcher: Fetcher, clock: Clock, owner: str,
                 rules: list[Rule] | None = None) -> None:
        self.store = store
        self.rules = rules
        self._quiet_rows: list[dict[str, object]] = []
        self._skim_rows: list[dict[str, object]] = []
        self.settings = settings
        self.fetcher = fetcher
        self.clock = clock
        self.owner = owner

    async def run_pass(self, *, ids: Sequence[int] | None = None, kinds: Sequence[str] | None = None,
                       force: bool = False, limit: int | None = None,
                       on_outcome: Callable[[CheckOutcome], None] | None = None) -> list[CheckOutcome]:
        """Claim due (or, with ``force``, all matching) watches and check them concurrently."""
        now = self.clock.now()
        sched = self.settings.schedule
        with self.store.session() as session:
            claimed = claim_due(session, now=now, owner=self.owner, lease=sched.lease,
                                limit=limit or sched.batch, ids=ids, kinds=kinds, force=force)
            if not claimed:
                return []
            rows = session.execute(CLAIMED_JOBS, {"ids": claimed}).all()
            jobs = [Job(watch_id=r.id, ctx=watch_context(r, r if r.domain is not None else None),
                        etag=r.etag, last_modified=r.last_modified, interval=interval_of(r, sched),
                        broken_reported=r.broken_reported, baselined=r.baselined, content_hash=r.content_hash,
                        pending_hash=r.pending_hash, fingerprint=r.fingerprint,
                        pending_fingerprint=r.pending_fingerprint, pending_body=r.pending_body, skim=r.skim)
                    for r in rows]
        # ``concurrency`` workers take the jobs in turn: a task and a semaphore wait for every job cost more
        # (about 11 µs a check) than the worker's loop.
        outcomes: list[CheckOutcome | None] = [None] * len(jobs)
        queue = iter(enumerate(jobs))

        async def worker() -> None:
            for index, job in queue:
                outcomes[index] = outcome = await self.check(job, now=now)
                if on_outcome:
                    on_outcome(outcome)

        try:
            await asyncio.gather(*(worker() for _ in range(min(sched.concurrency, len(jobs)))))
            return [outcome for outcome in outcomes if outcome is not None]
        finally:
            self._flush_quiet()
            with self.store.session() as session:
                release(session, claimed, self.owner)

    async def check(self, job: Job, *, now: datetime) -> CheckOutcome:
        started = time.perf_counter()
        ctx, watch_id = job.ctx, job.watch_id
        fetched = ""  # the check's fetch, for its log line (the fetcher logs it at DEBUG only)
        try:
            source = get_source(ctx.kind)
            url = source.url(ctx)
            # While a change awaits its confirming re-fetch, the body is asked for: a 304 would only say that the
            # pending version is still served, and confirm nothing.
            pending = job.pending_hash is not None
            try:
                result = await self.fetcher.get(url, etag=None if pending else job.etag,
                                                last_modified=None if pending else job.last_modified,
                                                page=source.page, headers=source.request_headers(ctx),
                                                logged_by_caller=True)
            except FetchError as exc:
                fetched = f" GET {loggable(url)} -> {exc.reason} {exc.status or '-'}"
                raise
            fetched = (f" GET {result.shown_url} -> {result.status} {result.bytes_received} bytes "
                       f"{result.elapsed * 1000:.0f} ms")
            fingerprint, skim_state = self._fingerprint(job, source, result)
            if fingerprint is not None and job.baselined and fingerprint == job.fingerprint:
                outcome = self._accepted_again(job, source, result, now, fingerprint, skim_state)
            else:
                outcome = await self._parse_and_apply(job, source, result, fingerprint, now, skim_state)
        except (SourceError, LookupError) as exc:
            outcome = self._recorded_failure(watch_id, ctx, exc, now)
        except StoreError as exc:
            outcome = self._store_unavailable(watch_id, ctx, exc)
        except Exception as exc:  # a bug in one source kind must not stop the others
            logger.exception("check crashed watch=%s kind=%s", watch_id, ctx.kind)
            outcome = self._recorded_failure(
                watch_id, ctx, ParseError(f"internal error: {type(exc).__name__}: {exc}"), now)
        except asyncio.CancelledError:  # shutdown's grace ran out: the check is dropped, its fetch still logged
            logger.info("check watch=%s kind=%s account=%s verb=cancelled ms=%d%s", watch_id, ctx.kind,
                        ctx.account.domain if ctx.account else "-", (time.perf_counter() - started) * 1000, fetched)
            raise
        elapsed = time.perf_counter() - started
        logger.info("check watch=%s kind=%s account=%s verb=%s signals=%d ms=%d%s%s", watch_id, ctx.kind,
                    ctx.account.domain if ctx.account else "-", outcome.verb, len(outcome.signals),
                    elapsed * 1000, fetched, f" error={outcome.error}" if outcome.error else "")
        return outcome

    @staticmethod
    def _fingerprint(job: Job, source: Source, result: FetchResult) -> tuple[str | None, bytes | None]:
        """The body's fingerprint and the watch's skim state after it. A templated page that matches the template
        learned for the accepted fingerprint has that fingerprint, unread; any other body is fingerprinted and
        kept, or paired with the one kept, to learn its template."""
        if result.not_modified:
            return None, job.skim
        ctx = job.ctx
        scope = source.template_scope(result.content, result.headers)
        if scope is None:
            return source.fingerprint(result.content, result.headers, ctx), job.skim
        if job.baselined and job.fingerprint is not None and job.skim is not None and skim.recognises(
                job.skim, skim.key(source.kind, result.headers, ctx, job.fingerprint, scope), result.content):
            return job.fingerprint, job.skim
        fingerprint = source.fingerprint(result.content, result.headers, ctx)
        if fingerprint is None:
            return None, None
        return fingerprint, skim.advance(job.skim, skim.key(source.kind, result.headers, ctx, fingerprint, scope),
                                         result.content)

    async def _parse_and_apply(self, job: Job, source: Source, result: FetchResult, fingerprint: str | None,
                               now: datetime, skim_state: bytes | None) -> CheckOutcome:
        ctx, watch_id = job.ctx, job.watch_id
        observation = None if result.not_modified else (
            self._pending_again(job, fingerprint)
            or source.parse(result.content, result.headers, self._with_known_digests(job, source)))
        if observation is not None and observation.next_page:
            observation = await self._pages(ctx, source, observation)
            # Validators and the fingerprint speak for the first page only: they must not skip the others.
            result = dataclasses.replace(result, etag=None, last_modified=None)
            fingerprint, skim_state = None, None
        if observation is not None and job.baselined and type(source).detail_url is not Source.detail_url:
            observation = await self._details(watch_id, ctx, source, observation)
        if self._nothing_new(job, observation):
            return self._quiet(job, result, now, fingerprint, skim_state)
        return self._commit(job, source, result, observation, now, fingerprint, skim_state)

    def _accepted_again(self, job: Job, source: Source, result: FetchResult, now: datetime,
                        fingerprint: str, skim_state: bytes | None) -> CheckOutcome:
        """The body is the accepted document again (its fingerprint says so): no parse, no detection. A change
        held for confirmation has flipped back (an A/B test), or a broken watch works again: either is written in
        the check's own transaction; otherwise the check is quiet. Never built: a build that leaks a volatile
        value the fingerprint folds would take the accepted page for a change."""
        if job.pending_hash is None and not job.broken_reported:
            return self._quiet(job, result, now, fingerprint, skim_state)
        return self._commit(job, source, result, None, now, fingerprint, skim_state, accepted_again=True)

    def _with_known_digests(self, job: Job, source: Source) -> WatchContext:
        """The watch's context with the digests of its last listing, for a kind whose parse leaves the items it
        meets again unread (a feed that gained one entry is read for that entry)."""
        if not (source.item_digests and job.baselined):
            return job.ctx
        with self.store.read() as session:
            known = listed_digests(session, job.watch_id)
        return dataclasses.replace(job.ctx, known_digests=known) if known else job.ctx

    @staticmethod
    def _pending_again(job: Job, fingerprint: str | None) -> Observation | None:
        """The body is the pending version again (its fingerprint says so): the pending document, as it was
        built when first seen, is what the re-fetch confirms. No build, and no volatile value the build of this
        body would leak (one the fingerprint folds) can keep a real change pending for ever."""
        if fingerprint is None or job.pending_hash is None or job.pending_body is None \
                or fingerprint != job.pending_fingerprint:
            return None
        try:
            document = unpack_document(job.pending_body)
        except (zlib.error, ValueError, KeyError):
            return None  # unreadable: the body is built as any other
        return Observation(document=document) if document_hash(document) == job.pending_hash else None

    @staticmethod
    def _nothing_new(job: Job, observation: Observation | None) -> bool:
        """A 304, or a document identical to the accepted version, needs no row loaded and no detection
        (a watch coming back from failure takes the full path, which reports its recovery)."""
        if job.broken_reported:
            return False
        if observation is None:
            return True
        document = observation.document
        return (document is not None and job.baselined and job.pending_hash is None
                and job.content_hash == document_hash(document))

    def _quiet(self, job: Job, result: FetchResult, now: datetime, fingerprint: str | None,
               skim_state: bytes | None) -> CheckOutcome:
        """Record an uneventful check in a batched UPDATE guarded by the lease (losing one to a crash only
        means the watch is checked again). A 304 keeps the stored fingerprint; a body sets its own. A changed
        skim state goes in a second batch, so that the many checks that keep theirs do not rewrite it."""
        if skim_state != job.skim:
            self._skim_rows.append({"b_id": job.watch_id, "b_owner": self.owner, "b_skim": skim_state})
        self._quiet_rows.append({
            "b_id": job.watch_id, "b_owner": self.owner, "b_etag": result.etag,
            "b_last_modified": result.last_modified, "b_last_checked_at": now, "b_last_ok_at": now,
            "b_fingerprint": job.fingerprint if result.not_modified else fingerprint,
            "b_next_check_at": next_check(job.watch_id, job.interval, self.settings.schedule, now)})
        if len(self._quiet_rows) >= QUIET_BATCH:
            self._flush_quiet()
        return self._outcome(job.ctx, job.watch_id, "unchanged")

    def _flush_quiet(self) -> None:
        rows, self._quiet_rows = self._quiet_rows, []
        skims, self._skim_rows = self._skim_rows, []
        if not rows:
            return
        try:
            with self.store.session() as session:
                if skims:  # first: its rows are still leased
                    session.connection().execute(_skim_update(), skims)
                session.connection().execute(_watch_update(QUIET_COLUMNS), rows)
        except StoreError as exc:
            logger.error("%d uneventful checks not recorded (%s); they will be repeated", len(rows), exc)

    async def _pages(self, ctx: WatchContext, source: Source, observation: Observation) -> Observation:
        """Read a paged listing to its end through the same client (politeness and the guard apply).

        A page that cannot be read, a page loop or more than MAX_PAGES pages leave the listing partial:
        what it holds is reported, what it may have left out is never taken for removed.
        """
        items, warnings, partial = list(observation.items), list(observation.warnings), observation.partial
        seen: set[str] = set()
        next_page = observation.next_page
        while next_page:
            if len(seen) + 1 >= MAX_PAGES or next_page in seen:
                warnings.append(f"the listing has more than {MAX_PAGES} pages; it is read as partial"
                                if next_page not in seen else "the listing's pages loop; it is read as partial")
                partial = True
                break
            seen.add(next_page)
            try:
                page = await self.fetcher.get(next_page, page=source.page, headers=source.request_headers(ctx))
                more = source.parse(page.content, page.headers, ctx)
            except SourceError as exc:
                warnings.append(f"page {len(seen) + 1} of the listing could not be read ({exc}); "
                                "it is read as partial")
                partial = True
                break
            items += more.items
            warnings += more.warnings
            partial = partial or more.partial
            next_page = more.next_page
        return dataclasses.replace(observation, items=tuple(items), warnings=tuple(warnings), partial=partial,
                                   next_page=None)

    async def _details(self, watch_id: int, ctx: WatchContext, source: Source, observation: Observation
                       ) -> Observation:
        """Fetch the detail document of each new item (at most MAX_DETAILS a check) through the same
        client, so per-host spacing and the SSRF guard apply; a failure fails the check, to be retried."""
        with self.store.read() as session:  # (a baseline reports nothing: its details are not fetched)
            fresh = unseen(session, watch_id, observation.items)[:MAX_DETAILS]
        wanted = {i.id: url for i in fresh if (url := source.detail_url(i, ctx))}
        if not wanted:
            return observation
        bodies = await asyncio.gather(*(self.fetcher.get(url, headers=source.request_headers(ctx))
                                        for url in wanted.values()))
        detailed = {item_id: r.content for item_id, r in zip(wanted, bodies, strict=True)}
        items = tuple(source.add_detail(i, detailed[i.id], ctx) if i.id in detailed else i
                      for i in observation.items)
        return dataclasses.replace(observation, items=items)

    def _recorded_failure(self, watch_id: int, ctx: WatchContext, exc: Exception, now: datetime) -> CheckOutcome:
        try:
            return self._fail(watch_id, ctx, exc, now)
        except StoreError as store_exc:
            return self._store_unavailable(watch_id, ctx, store_exc)

    def _store_unavailable(self, watch_id: int, ctx: WatchContext, exc: StoreError) -> CheckOutcome:
        """The database refused the write (locked, full): nothing of this check is stored, the watch keeps
        its lease until it expires and is checked again then; the daemon goes on."""
        logger.error("watch=%s kind=%s: %s; the check will be repeated", watch_id, ctx.kind, exc)
        return self._outcome(ctx, watch_id, "error", error=str(exc))

    def _commit(self, job: Job, source: Source, result: FetchResult, observation: Observation | None,
                now: datetime, fingerprint: str | None = None, skim_state: bytes | None = None, *,
                accepted_again: bool = False) -> CheckOutcome:
        """Store the check in one transaction: its detection, signals and deliveries, and one UPDATE of the
        watch guarded by the lease (statements on the session's connection: the ORM's tracking of the watch
        and its rows cost more than the statements themselves)."""
        ctx, watch_id = job.ctx, job.watch_id
        for warning in observation.warnings if observation else ():
            logger.warning("watch=%s %s", watch_id, warning)
        try:
            return self._store(job, source, result, observation, now, fingerprint, skim_state, accepted_again)
        except _LeaseLost:
            return self._outcome(ctx, watch_id, "unchanged", error="lease lost; result dropped")

    def _store(self, job: Job, source: Source, result: FetchResult, observation: Observation | None,
               now: datetime, fingerprint: str | None, skim_state: bytes | None,
               accepted_again: bool = False) -> CheckOutcome:
        ctx, watch_id = job.ctx, job.watch_id
        with self.store.session() as session:
            conn = session.connection()
            row = conn.execute(READ_WATCH, {"id": watch_id}).first()
            if row is None or row.lease_owner != self.owner:
                raise _LeaseLost
            notice: Notice = "recovered" if row.broken_reported else None
            if notice:
                enqueue_notice(session, self.settings, f"Recovered: {ctx.kind} watch #{watch_id} ({_target(ctx)}) "
                               f"works again after {row.failures} failures.", now,
                               key=f"recovered:{watch_id}:{iso(row.failing_since)}")
            state = WatchState.of(row)
            applied = Applied(verb="unchanged") if observation is None else apply_observation(
                session, state, ctx, source, observation, now, self.settings, self.rules)
            values: dict[str, object] = {
                **state.changes, "etag": result.etag, "last_modified": result.last_modified, "last_checked_at": now,
                "last_ok_at": now,
                "next_check_at": next_check(watch_id, job.interval, self.settings.schedule, now)
                if applied.verb != "pending" else now + timedelta(seconds=self.settings.schedule.confirm_after)}
            if accepted_again:  # the accepted page again: a pending change, if any, flipped back
                values.update(pending_hash=None, pending_since=None, pending_body=None, pending_fingerprint=None)
            elif observation is not None and applied.verb == "pending":
                # The accepted fingerprint stays (a flip-back is recognised unbuilt), the pending body's is kept
                # beside it. Not when the accepted one is unknown (a watch pending since before there were
                # pending fingerprints): the accepted page itself, built with a leak, could then be taken for
                # the pending version and confirmed.
                values["pending_fingerprint"] = fingerprint if job.fingerprint is not None else None
            elif observation is not None:  # the body's document is now the accepted one
                values.update(fingerprint=fingerprint, pending_fingerprint=None)
            if skim_state != job.skim:
                values["skim"] = skim_state
            if applied.signals:
                session.flush()
            columns = tuple(sorted(values))
            written = conn.execute(_watch_update(columns), {"b_id": watch_id, "b_owner": self.owner,
                                                            **{f"b_{name}": values[name] for name in columns}})
            if written.rowcount != 1:  # taken over since it was read (PostgreSQL reads committed rows)
                raise _LeaseLost
            if applied.signals:
                crashpoint("check.in_transaction")
        if applied.signals:
            crashpoint("check.after_commit")
        if notice:
            logger.warning("watch=%s kind=%s recovered", watch_id, ctx.kind)
        if applied.notice == "source_changed":
            logger.warning("watch=%s kind=%s: every item id changed at once (a redesign?); new baseline taken, "
                           "nothing reported", watch_id, ctx.kind)
        return self._outcome(ctx, watch_id, applied.verb, signals=applied.signals,
                             ids=applied.new_signal_ids, notice=notice or applied.notice)

    def _fail(self, watch_id: int, ctx: WatchContext, exc: Exception, now: datetime) -> CheckOutcome:
        message = str(exc) or type(exc).__name__
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        notice: Notice = None
        with self.store.session() as session:
            watch = session.get(WatchRow, watch_id)
            if watch is None:
                return self._outcome(ctx, watch_id, "error", error=message)
            changed = watch.last_error != message
            watch.checks += 1
            watch.failures += 1
            watch.failing_since = watch.failing_since or now
            watch.last_error = message
            watch.last_checked_at = now
            watch.next_check_at = next_after_failure(watch, self.settings.schedule, now, retry_after)
            if watch.lease_owner == self.owner:
                watch.lease_owner, watch.lease_until = None, None
            if watch.failures >= self.settings.schedule.broken_after and not watch.broken_reported:
                watch.broken_reported, notice = True, "broken"
                enqueue_notice(session, self.settings, f"Broken: {ctx.kind} watch #{watch_id} ({_target(ctx)}) has "
                               f"failed {watch.failures} times since {iso(watch.failing_since)}: {message}", now,
                               key=f"broken:{watch_id}:{iso(watch.failing_since)}")
        if notice:
            logger.warning("watch=%s kind=%s broken after %d failures: %s", watch_id, ctx.kind,
                           self.settings.schedule.broken_after, message)
        elif changed:
            logger.info("watch=%s kind=%s failing: %s", watch_id, ctx.kind, message)
        return self._outcome(ctx, watch_id, "error", error=message, notice=notice)

    @staticmethod
    def _outcome(ctx: WatchContext, watch_id: int, verb: Verb, *, signals: Sequence[Signal] = (),
                 ids: Sequence[int] = (), error: str | None = None,
                 notice: Notice = None) -> CheckOutcome:
        return CheckOutcome(watch_id=watch_id, kind=ctx.kind, target=ctx.target,
                            account=ctx.account.name if ctx.account else None, verb=verb,
                            signals=tuple(signals), new_signal_ids=tuple(ids), error=error, notice=notice)
