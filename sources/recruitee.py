"""`recruitee`: a company's public Recruitee careers site (offers API).

Target: the company subdomain (``acme`` for acme.recruitee.com), which builds
``https://acme.recruitee.com/api/offers/``, or a full URL (a custom careers domain serves the same path).
Envelope ``{offers: [...]}``; an offer has ``id, title, status`` (only "published" is public), ``slug,
careers_url, location, city, country, remote, hybrid, on_site, department, company_name, description,
created_at, published_at`` ("2026-10-05 08:25:23 UTC").
"""

from __future__ import annotations

from typing import Any

from sources._jobs import JobBoard
from sources._postings import Posting, place, text, when
from watcher.registry import register_source


@register_source("recruitee")
class RecruiteeSite(JobBoard):
    api = "https://{token}.recruitee.com/api/offers/"
    expected = "a Recruitee offers API answer: a JSON object with an 'offers' list"
    records = "offers"

    def posting(self, record: dict[str, Any], answer: Any) -> Posting | None:
        if record.get("status") not in (None, "published"):
            return None
        remote, hybrid = record.get("remote"), record.get("hybrid")
        return Posting(id=text(record.get("id")) or "", title=text(record.get("title")) or "",
                       url=text(record.get("careers_url")),
                       posted_at=when(record.get("published_at")) or when(record.get("created_at")),
                       location=text(record.get("location")) or place(record.get("city"), record.get("country")),
                       workplace="remote" if remote is True else "hybrid" if hybrid is True else
                       "onsite" if record.get("on_site") is True else None,
                       remote=remote if isinstance(remote, bool) else None, department=text(record.get("department")),
                       company=text(record.get("company_name")), description=text(record.get("description")) or "")
