"""`workable`: a company's public Workable careers page (widget accounts API).

Target: the account subdomain (``acme`` for apply.workable.com/acme), which builds
``https://apply.workable.com/api/v1/widget/accounts/acme?details=true``, or a full URL.
Envelope ``{name, description, jobs: [...]}``; a job has ``shortcode`` (its id), ``title, department,
url, shortlink, telecommuting, city, state, country, published_on, created_at`` (YYYY-MM-DD) and, with
``details=true``, a ``description``. ``name`` is the company.
"""

from __future__ import annotations

from typing import Any

from sources._jobs import JobBoard
from sources._postings import Posting, obj, place, text, when
from watcher.registry import register_source


@register_source("workable")
class WorkableAccount(JobBoard):
    api = "https://apply.workable.com/api/v1/widget/accounts/{token}?details=true"
    expected = "a Workable widget API answer: a JSON object with a 'jobs' list"
    records = "jobs"

    def posting(self, record: dict[str, Any], answer: Any) -> Posting:
        remote = record.get("telecommuting")
        return Posting(id=text(record.get("shortcode")) or text(record.get("id")) or "",
                       title=text(record.get("title")) or "",
                       url=text(record.get("url")) or text(record.get("shortlink")),
                       posted_at=when(record.get("published_on")) or when(record.get("created_at")),
                       location=place(record.get("city"), record.get("state"), record.get("country")),
                       remote=remote if isinstance(remote, bool) else None, department=text(record.get("department")),
                       company=text(obj(answer).get("name")), description=text(record.get("description")) or "")
