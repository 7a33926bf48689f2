"""`ashby`: a company's public Ashby job board (posting API).

Target: the board name (``acme`` for jobs.ashbyhq.com/acme), which builds
``https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true``, or a full URL.
Envelope ``{apiVersion, jobs: [...]}``; a job has ``id, title, department, team, location,
secondaryLocations, isRemote, workplaceType`` (OnSite, Remote, Hybrid), ``isListed, jobUrl, publishedAt,
descriptionPlain``. Unlisted jobs are not on the public board and are skipped. ``isRemote`` is also true
for hybrid jobs, so ``workplaceType`` decides when it is given.
"""

from __future__ import annotations

from typing import Any

from sources._jobs import JobBoard
from sources._postings import Posting, place, text, when, workplace_of
from watcher.registry import register_source


@register_source("ashby")
class AshbyBoard(JobBoard):
    api = "https://api.ashbyhq.com/posting-api/job-board/{token}?includeCompensation=true"
    expected = "an Ashby posting API answer: a JSON object with a 'jobs' list"
    records = "jobs"

    def posting(self, record: dict[str, Any], answer: Any) -> Posting | None:
        if record.get("isListed") is False:
            return None
        remote = record.get("isRemote")
        return Posting(id=text(record.get("id")) or "", title=text(record.get("title")) or "",
                       url=text(record.get("jobUrl")), posted_at=when(record.get("publishedAt")),
                       location=place(record.get("location")), workplace=workplace_of(record.get("workplaceType")),
                       remote=remote if isinstance(remote, bool) else None,
                       department=text(record.get("department")) or text(record.get("team")),
                       description=text(record.get("descriptionPlain")) or text(record.get("descriptionHtml")) or "")
