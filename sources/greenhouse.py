"""`greenhouse`: a company's public Greenhouse job board (Job Board API, jobs with their content).

Target: the board token (``acme`` for boards.greenhouse.io/acme or job-boards.greenhouse.io/acme), which
builds ``https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true``, or a full URL.
Envelope ``{jobs: [...], meta: {total}}``; a job has ``id, title, absolute_url, location{name},
departments[{name}], company_name, first_published, updated_at, content`` (HTML, itself HTML-escaped).
"""

from __future__ import annotations

from typing import Any

from sources._jobs import JobBoard
from sources._postings import Posting, obj, place, text, when
from watcher.registry import register_source


@register_source("greenhouse")
class GreenhouseBoard(JobBoard):
    api = "https://boards-api.greenhouse.io/v1/boards/{token}/jobs?content=true"
    expected = "a Greenhouse Job Board API answer: a JSON object with a 'jobs' list"
    records = "jobs"

    def posting(self, record: dict[str, Any], answer: Any) -> Posting:
        departments = [d.get("name") for d in record.get("departments") or [] if isinstance(d, dict)]
        return Posting(id=text(record.get("id")) or "", title=text(record.get("title")) or "",
                       url=text(record.get("absolute_url")),
                       posted_at=when(record.get("first_published")) or when(record.get("updated_at")),
                       location=place(obj(record.get("location")).get("name")),
                       department=text(departments[0]) if departments else None,
                       company=text(record.get("company_name")), description=text(record.get("content")) or "")
