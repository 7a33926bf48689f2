"""`careers_page`: any careers page that publishes schema.org JobPosting JSON-LD (as Google asks job sites to).

Target: the page's URL (a bare domain means ``https://DOMAIN/careers``). It is a web page, so robots.txt
applies. Every ``<script type="application/ld+json">`` is read, lists and ``@graph`` included; each
JobPosting is an item: ``title, identifier{value}, url, datePosted, hiringOrganization{name},
jobLocation[{address{addressLocality, addressRegion, addressCountry}}]`` or ``jobLocationType:
TELECOMMUTE`` with ``applicantLocationRequirements``, ``description`` (HTML).

JSON-LD is read by sources/_jsonld.py (``@id`` references resolved, broken blocks skipped). A page with
schema.org nodes but no JobPosting has no open roles; a page with none at all (an error page, a page
rendered by script) is a ParseError, so it is never read as "every role closed".
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lhtml

from sources import _jsonld
from sources._jobs import JobBoard
from sources._postings import Posting, place, text, when, workplace_of
from watcher.domain import WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source


def _location(job: dict[str, Any], graph: _jsonld.Graph) -> str | None:
    places = graph.resolve(job.get("jobLocation"))
    for entry in places if isinstance(places, list) else [places]:
        address = graph.resolve(entry.get("address")) if isinstance(entry, dict) else None
        if isinstance(address, dict):
            found = place(_jsonld.text(address.get("addressLocality")), _jsonld.text(address.get("addressRegion")),
                          _jsonld.text(address.get("addressCountry")))
            if found:
                return found
        elif _jsonld.text(address):
            return _jsonld.text(address)
    return _jsonld.text(job.get("applicantLocationRequirements"))


def _id(job: dict[str, Any], url: str | None) -> str:
    identifier = job.get("identifier")
    value = text(identifier.get("value")) if isinstance(identifier, dict) else text(identifier)
    if value:
        return value
    return url or hashlib.sha256(f"{job.get('title')}|{job.get('datePosted')}".encode()).hexdigest()[:24]


def _posting(job: dict[str, Any], graph: _jsonld.Graph, page_url: str | None) -> Posting:
    link = text(job.get("url"))
    url = urljoin(page_url, link) if link and page_url else link
    organization = graph.resolve(job.get("hiringOrganization"))
    return Posting(id=_id(job, url), title=_jsonld.text(job.get("title")) or _jsonld.text(job) or "", url=url,
                   posted_at=when(job.get("datePosted")), location=_location(job, graph),
                   workplace=workplace_of(_jsonld.text(job.get("jobLocationType"))),
                   department=_jsonld.text(job.get("occupationalCategory")),
                   company=_jsonld.text(organization), description=text(job.get("description")) or "")


@register_source("careers_page")
class CareersPage(JobBoard):
    page = True

    def url(self, watch: WatchContext) -> str:
        target = watch.target.strip()
        return target if target.startswith(("http://", "https://")) else f"https://{target.strip('/')}/careers"

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}

    def postings(self, body: bytes, watch: WatchContext) -> tuple[list[Posting], list[str]]:
        if body[:512].lstrip()[:1] in (b"{", b"["):
            raise ParseError("careers_page: expected an HTML page with JobPosting JSON-LD, got JSON")
        try:
            root = lhtml.fromstring(body)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"careers_page: expected an HTML page with JobPosting JSON-LD ({exc})") from exc
        blocks = sum("ld+json" in (script.get("type") or "").lower() for script in root.iter("script"))
        graph = _jsonld.graph(root)
        jobs = [node for node, _ in graph.of_type("JobPosting")]
        if not jobs and not graph.nodes:
            problem = f"{blocks} ld+json block(s), none readable" if blocks else "no ld+json block on the page"
            raise ParseError(f"careers_page: expected schema.org JobPosting JSON-LD, found none ({problem})")
        return [_posting(job, graph, self._page_url(watch)) for job in jobs], []

    def _page_url(self, watch: WatchContext) -> str | None:
        """What relative job links resolve against; a saved file (``watcher extract``) has no page URL."""
        target = watch.target.strip()
        return self.url(watch) if target.startswith(("http://", "https://")) or "/" not in target else None
