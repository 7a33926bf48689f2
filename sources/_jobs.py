"""What every job-board kind shares: items in, key_hire signals out.

A kind knows only its ATS's URL, envelope and field names (``posting``); the rest is decided here:
* a new posting is a ``key_hire`` "opened" signal only for a key role: Director or above by default,
  or ``options.min_seniority`` (e.g. "Manager") and above, in any department;
* a re-post (new id, same title and location) has the dedup key of the original, so the core merges it
  into the stored event for 30 days and treats it as new after that;
* a key role whose posting disappears is "closed", unless the same role is still on the board under a new
  id (a re-post) or the listing was truncated;
* a surge is ``options.surge_count`` (default 5) roles of any seniority in one department opened within
  ``options.surge_days`` (default 7, at most 30): one signal per department, later arrivals merge into it
  (its stored count, roles and evidence follow them; they are not alerted again);
* without an account (``options.unattributed``) signals name the company the board gives, account None.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

from sources._postings import Posting, envelope, item_from, load_json, posting_digest, slug
from watcher.domain import Item, Observation, Signal, WatchContext, iso
from watcher.sourcekind import Source
from watcher.titles import SENIORITIES, TitleInfo, at_least, classify_title, clean_title, department_of

logger = logging.getLogger(__name__)
MAX_SURGE_DAYS = 30
PARTIAL = "partial:"  # a warning that starts so says the listing holds only part of the board
_WARNED: set[tuple[int | None, str]] = set()  # (watch id, unknown min_seniority) already logged
# "an SDR", "an Account Executive", "a VP", "a Head of …"
_AN = re.compile(r"^(?:[AEIOaeio]|[FHLMNRSX][A-Z0-9]*\b)")


class JobBoard(Source):
    """Base of the job-board kinds: a JSON API kind sets ``api``, ``expected`` and ``records`` and reads one
    record in ``posting``; a kind whose answer is not a JSON envelope overrides ``postings`` instead."""

    family = "items"
    page = False
    item_digests = True
    signal_kind = "key_hire"
    tracks_removals = True
    recent_window: ClassVar[timedelta | None] = timedelta(days=MAX_SURGE_DAYS)
    dedup_window: ClassVar[timedelta | None] = timedelta(days=30)
    api: ClassVar[str] = ""  # the public API URL of a board, with {token}
    expected: ClassVar[str] = ""  # what the answer should be, for the ParseError of a broken board
    records: ClassVar[str | None] = "jobs"  # the answer's list of postings (None: the answer is a bare array)

    def __init__(self) -> None:
        # The core builds one instance per check and parses before it interprets: the roles this fetch holds
        # let interpret_gone tell a re-post (same role, new id) from a role that closed.
        self._present: set[tuple[str, str]] = set()
        self._partial = False
        self._next_page: str | None = None

    def url(self, watch: WatchContext) -> str:
        target = watch.target.strip()
        return target if target.startswith(("http://", "https://")) else self.api.format(token=quote(target, safe=""))

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "application/json"}

    def posting(self, record: dict[str, Any], answer: Any) -> Posting | None:
        """One record of the answer as a posting (None: not on the public board). Every JSON board kind
        implements it; a kind that reads something else (careers_page) overrides ``postings`` instead."""
        raise NotImplementedError(f"{type(self).__name__} must implement posting() or postings()")

    def warnings(self, answer: Any, records: list[dict[str, Any]]) -> list[str]:
        """Problems worth logging that do not stop the check (a warning starting with PARTIAL: a truncated list)."""
        return []

    def next_page(self, answer: Any, records: list[dict[str, Any]], watch: WatchContext) -> str | None:
        """The URL of the board's next page, for an API that pages (None: this answer holds the rest).
        Called after ``warnings`` for the same page."""
        return None

    def postings(self, body: bytes, watch: WatchContext) -> tuple[list[Posting], list[str]]:
        """The board's postings and warnings; raise ParseError when the body is not this ATS's answer."""
        answer = load_json(body, self.kind, self.expected)
        records = envelope(answer, self.records, self.kind, self.expected)
        found = [p for p in (self.posting(r, answer) for r in records) if p is not None]
        warnings = self.warnings(answer, records)  # before next_page: a paging kind counts the page here
        self._next_page = self.next_page(answer, records, watch)
        return found, warnings

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        found, warnings = self.postings(body, watch)
        listed = [p for p in found if p.id and p.title.strip()]
        if len(listed) < len(found):
            warnings = [*warnings, f"{len(found) - len(listed)} posting(s) without an id or title were skipped; "
                                   "no role is reported closed from this listing"]
        # A posting the last listing held as it is now is known by its digest; only the others become items.
        items, known = [], []
        for posting in listed:
            digest = posting_digest(posting, self.kind)
            key = watch.known_digests.get(digest)
            if key is None:
                items.append(item_from(posting, self.kind, digest))
            else:
                known.append(key)
            # The core parses each page of a paged board with this one instance: what they hold adds up.
            self._present.add(_role_key(clean_title(posting.title), posting.location))
        partial = any(w.startswith(PARTIAL) for w in warnings) or len(listed) < len(found)
        self._partial = self._partial or partial
        return Observation(items=tuple(items), known=tuple(known), warnings=tuple(warnings), partial=partial,
                           next_page=self._next_page)

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        floor = _min_seniority(watch)
        return [s for item in items if at_least((info := classify_title(item.title)).seniority, floor)
                for s in self._role(item, info, watch, now, "opened")]

    def interpret_gone(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        if self._partial:
            return []
        floor = _min_seniority(watch)
        return [s for item in items if at_least((info := classify_title(item.title)).seniority, floor)
                and _role_key(item.title, item.data.get("location")) not in self._present
                for s in self._role(item, info, watch, now, "closed")]

    def interpret_recent(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        days, count = _surge_options(watch)
        since = now - timedelta(days=days)
        by_department: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            if item.published_at is None or item.published_at >= since:
                by_department[department(item, classify_title(item.title))].append(item)
        by_department.pop("Other", None)
        return [s for dept, roles in by_department.items() if len(roles) >= count
                for s in self._surge(dept, roles, days, watch, now)]

    def supersedes(self, signal: Signal) -> bool:
        return signal.facts.get("event") == "surge"  # the stored surge is kept at the latest count and roles

    def _role(self, item: Item, info: TitleInfo, watch: WatchContext, now: datetime, event: str) -> list[Signal]:
        who = _who(watch, item)
        if who is None:
            return []
        name, namespace = who
        data = item.data
        location = data.get("location")
        facts = {"job_title": info.title, "seniority": info.seniority, "department": department(item, info),
                 "location": location, "remote": data.get("remote"), "posted_at": iso(item.published_at),
                 "event": event, "ats": self.kind, "job_id": item.id, "ats_department": data.get("department"),
                 "workplace": data.get("workplace"), "company": data.get("company")}
        where = f", {location}" if location and location.lower() not in info.title.lower() else ""
        title = (f"{name} is hiring {'an' if _AN.match(info.title) else 'a'} {info.title}" if event == "opened"
                 else f"{name} closed its {info.title} posting")
        key = f"key_hire:{namespace}:{slug(info.title)}:{slug(location or '') or '-'}"
        snippet = data.get("snippet")
        return [self._signal(watch, title=title, url=item.url, now=now, facts=facts,
                             occurred_at=item.published_at if event == "opened" else now,
                             dedup_key=key if event == "opened" else f"{key}:closed",
                             evidence=f"{info.title}{where}" + (f"\n{snippet}" if snippet else ""))]

    def _surge(self, dept: str, roles: list[Item], days: int, watch: WatchContext, now: datetime) -> list[Signal]:
        who = _who(watch, roles[0])
        if who is None:
            return []
        name, namespace = who
        titles = [classify_title(r.title).title for r in roles]
        latest = max((r.published_at for r in roles if r.published_at is not None), default=None)
        facts = {"event": "surge", "department": dept, "count": len(roles), "roles": titles, "days": days,
                 "ats": self.kind, "posted_at": iso(latest), "company": roles[0].data.get("company")}
        evidence = "\n".join(f"{t} — {r.data.get('location') or 'location not given'}"
                              for t, r in zip(titles, roles, strict=True))
        return [self._signal(watch, title=f"{name} is hiring fast in {dept}: {len(roles)} roles opened in {days} days",
                             url=roles[-1].url, now=now, occurred_at=latest or now, facts=facts, evidence=evidence,
                             dedup_key=f"key_hire:{namespace}:surge:{slug(dept)}")]

    def _signal(self, watch: WatchContext, *, title: str, url: str | None, now: datetime,
                occurred_at: datetime | None, dedup_key: str, facts: dict[str, object], evidence: str) -> Signal:
        account = watch.account
        return Signal(kind="key_hire", account=account.name if account else None,
                      account_domain=account.domain if account else None, title=title, url=url,
                      occurred_at=occurred_at, detected_at=now, source=self.kind, dedup_key=dedup_key, facts=facts,
                      evidence=evidence)


def department(item: Item, info: TitleInfo) -> str:
    """The title's department; when the title alone says nothing, the ATS's own department label."""
    if info.department != "Other" or not item.data.get("department"):
        return info.department
    return department_of(str(item.data["department"]))


def _role_key(title: str, location: str | None) -> tuple[str, str]:
    """What makes two postings the same role: the cleaned title and the location."""
    return slug(clean_title(title)), slug(location or "")


def _who(watch: WatchContext, item: Item) -> tuple[str, str] | None:
    """(name to print, dedup namespace): the account, or for an unattributed board the company it names."""
    if watch.account is not None:
        return watch.account.name, watch.account.domain
    if not watch.options.get("unattributed"):
        return None
    company = str(item.data.get("company") or watch.target)
    return company, slug(company)


def _min_seniority(watch: WatchContext) -> str:
    wanted = str(watch.options.get("min_seniority") or "Director").strip().lower()
    for level in SENIORITIES:
        if level.lower() == wanted:
            return level
    if (watch.watch_id, wanted) not in _WARNED:  # once per watch and value, not on every check
        _WARNED.add((watch.watch_id, wanted))
        logger.warning("watch=%s: unknown min_seniority %r (one of %s); using Director", watch.watch_id, wanted,
                       ", ".join(SENIORITIES))
    return "Director"


def _surge_options(watch: WatchContext) -> tuple[int, int]:
    def number(name: str, default: int, top: int) -> int:
        try:
            return max(1, min(int(watch.options.get(name, default)), top))
        except (TypeError, ValueError):
            return default

    return number("surge_days", 7, MAX_SURGE_DAYS), number("surge_count", 5, 10_000)
