"""`lever`: a company's public Lever job site (Postings API in JSON mode).

Target: the site name (``acme`` for jobs.lever.co/acme), which builds
``https://api.lever.co/v0/postings/acme?mode=json``, or a full URL (EU sites: ``https://api.eu.lever.co/…``).
The answer is a bare array of postings: ``id, text, hostedUrl, categories{location, team, department,
commitment, allLocations}, workplaceType, country, createdAt`` (epoch milliseconds), ``descriptionPlain``.
An unknown site answers ``{"ok": false, "error": "Document not found"}`` (with a 404).
"""

from __future__ import annotations

from typing import Any

from sources._jobs import JobBoard
from sources._postings import Posting, obj, place, text, when, workplace_of
from watcher.registry import register_source


@register_source("lever")
class LeverSite(JobBoard):
    api = "https://api.lever.co/v0/postings/{token}?mode=json"
    expected = "a Lever Postings API answer: a JSON array of postings"
    records = None

    def posting(self, record: dict[str, Any], answer: Any) -> Posting:
        categories = obj(record.get("categories"))
        return Posting(id=text(record.get("id")) or "", title=text(record.get("text")) or "",
                       url=text(record.get("hostedUrl")), posted_at=when(record.get("createdAt")),
                       location=place(categories.get("location")), workplace=workplace_of(record.get("workplaceType")),
                       department=text(categories.get("department")) or text(categories.get("team")),
                       description=text(record.get("descriptionPlain")) or text(record.get("description")) or "")
