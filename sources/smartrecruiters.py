"""`smartrecruiters`: a company's public SmartRecruiters postings (Posting API).

Target: the company identifier (``acme`` for jobs.smartrecruiters.com/acme), which builds
``https://api.smartrecruiters.com/v1/companies/acme/postings?limit=100``, or a full URL.
Envelope ``{offset, limit, totalFound, content: [...]}``; a posting has ``id, name, company{identifier,
name}, location{city, region, country, remote, hybrid, fullLocation}, department{label}, releasedDate``.
The API pages (``limit`` at most 100): the core follows ``offset`` through ``totalFound``, so a board of
any size is read whole; an answer that stops short of ``totalFound`` is read as a partial listing (new
roles are reported, closed ones are not, since a role it left out would look closed).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from sources._jobs import PARTIAL, JobBoard
from sources._postings import Posting, obj, place, text, when
from watcher.domain import WatchContext
from watcher.registry import register_source


@register_source("smartrecruiters")
class SmartRecruitersCompany(JobBoard):
    api = "https://api.smartrecruiters.com/v1/companies/{token}/postings?limit=100"
    expected = "a SmartRecruiters Posting API answer: a JSON object with a 'content' list"
    records = "content"

    def __init__(self) -> None:
        super().__init__()
        # What the pages of this check's read said so far: a board that changes between two pages shifts
        # the offsets, so a posting could be read twice or never; such a read is partial.
        self._total: int | None = None
        self._ids: set[str] = set()
        self._read = 0
        self._changed = False

    def posting(self, record: dict[str, Any], answer: Any) -> Posting:
        location, company = obj(record.get("location")), obj(record.get("company"))
        job_id, identifier = text(record.get("id")) or "", text(company.get("identifier"))
        remote, hybrid = location.get("remote"), location.get("hybrid")
        return Posting(id=job_id, title=text(record.get("name")) or "",
                       url=f"https://jobs.smartrecruiters.com/{quote(identifier)}/{quote(job_id)}" if identifier
                       else None, posted_at=when(record.get("releasedDate")),
                       location=text(location.get("fullLocation"))
                       or place(location.get("city"), location.get("region"), location.get("country")),
                       workplace="remote" if remote is True else "hybrid" if hybrid is True else None,
                       remote=remote if isinstance(remote, bool) else None,
                       department=text(obj(record.get("department")).get("label")), company=text(company.get("name")))

    def warnings(self, answer: Any, records: list[dict[str, Any]]) -> list[str]:
        total = obj(answer).get("totalFound")
        total = total if isinstance(total, int) else None
        ids = {job_id for r in records if (job_id := text(obj(r).get("id")))}
        first = self._total is None and not self._read
        changed = not first and (total != self._total or bool(ids & self._ids))
        self._total = total if first else self._total
        self._changed = self._changed or changed
        self._ids |= ids
        self._read += len(records)
        if changed:
            return [f"{PARTIAL} the board changed while its pages were read; closed roles are not reported"]
        if total is not None and total > self._read and not records:
            return [f"{PARTIAL} the board lists {total} postings but its page after {self._read} holds none; "
                    "closed roles are not reported"]
        return []

    def next_page(self, answer: Any, records: list[dict[str, Any]], watch: WatchContext) -> str | None:
        """The next ``offset``, counted from the postings read in this check (not from the answer's word)."""
        if self._total is None or not records or self._read >= self._total or self._changed:
            return None
        parts = urlsplit(self.url(watch))
        query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("offset="))
        return urlunsplit(parts._replace(query=f"{query}&offset={self._read}" if query else f"offset={self._read}"))
