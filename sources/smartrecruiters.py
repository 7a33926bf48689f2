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
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from sources._jobs import PARTIAL, JobBoard
from sources._postings import Posting, obj, place, text, when
from watcher.domain import WatchContext
from watcher.registry import register_source


@register_source("smartrecruiters")
class SmartRecruitersCompany(JobBoard):
    api = "https://api.smartrecruiters.com/v1/companies/{token}/postings?limit=100"
    expected = "a SmartRecruiters Posting API answer: a JSON object with a 'content' list"
    records = "content"

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
        total, offset = obj(answer).get("totalFound"), _offset(answer)
        if isinstance(total, int) and total > offset + len(records) and not records:
            return [f"{PARTIAL} the board lists {total} postings but its page at offset {offset} holds none; "
                    "closed roles are not reported"]
        return []

    def next_page(self, answer: Any, records: list[dict[str, Any]], watch: WatchContext) -> str | None:
        total, offset = obj(answer).get("totalFound"), _offset(answer)
        if not (isinstance(total, int) and records and offset + len(records) < total):
            return None
        parts = urlsplit(self.url(watch))
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "offset"]
        return urlunsplit(parts._replace(query=urlencode([*query, ("offset", str(offset + len(records)))])))


def _offset(answer: Any) -> int:
    offset = obj(answer).get("offset")
    return offset if isinstance(offset, int) and offset >= 0 else 0
