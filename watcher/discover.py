"""Find a company's job boards from its own website, so nobody has to look up board tokens by hand.

``discover(domain, fetcher)`` reads the homepage, the pages it links to as careers or jobs pages and the
usual paths (/careers, /jobs, /company/careers), and proposes a watch for every public ATS board they link
to or embed (Greenhouse, Lever, Ashby, Workable, SmartRecruiters, Recruitee) and for every page that
publishes schema.org JobPosting JSON-LD (``careers_page``). It only reads pages (robots.txt applies, at
most MAX_PAGES of them) and proposes; creating the watches is the caller's decision.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lhtml

from watcher.domain import AccountRef, WatchContext
from watcher.entities import same_company
from watcher.errors import FetchError, ParseError
from watcher.fetch import Fetcher
from watcher.registry import get_source

logger = logging.getLogger(__name__)
MAX_PAGES = 8
CAREERS_PATHS = ("/careers", "/jobs", "/company/careers")
_CAREERS = re.compile(r"career|\bjobs?\b|join[ -]?(?:us|the team)|work[ -]with[ -]us|we.re hiring|open (?:roles|"
                      r"positions)|karriere|stellen|emplois?|empleo|vacatures|vacanc", re.I)
_TOKEN = r"(?P<t>[A-Za-z0-9][\w.%-]*)"
# (kind, pattern, target template, what the match is); the first pattern to match a URL names the board.
_BOARDS: tuple[tuple[str, re.Pattern[str], str, str], ...] = tuple(
    (kind, re.compile(pattern, re.I), target, what) for kind, pattern, target, what in (
        ("greenhouse", rf"boards-api\.greenhouse\.io/v1/boards/{_TOKEN}", "{t}", "Greenhouse API embed"),
        ("greenhouse", rf"greenhouse\.io/embed/job_board(?:/js)?\?(?:[^\"'<>\s]*?&)?for={_TOKEN}", "{t}",
         "Greenhouse embed"),
        ("greenhouse", rf"(?:job-)?boards(?:\.eu)?\.greenhouse\.io/(?!embed\b){_TOKEN}", "{t}", "Greenhouse board"),
        ("lever", rf"(?:jobs\.eu\.lever\.co|api\.eu\.lever\.co/v0/postings)/{_TOKEN}",
         "https://api.eu.lever.co/v0/postings/{t}?mode=json",
         "Lever site (EU)"),
        ("lever", rf"(?:jobs|api)\.lever\.co/(?:v0/postings/)?{_TOKEN}", "{t}", "Lever site"),
        ("ashby", rf"(?:jobs\.ashbyhq\.com|api\.ashbyhq\.com/posting-api/job-board)/{_TOKEN}", "{t}", "Ashby board"),
        ("workable", rf"apply\.workable\.com/(?:api/v1/widget/accounts/)?(?!api\b|j\b){_TOKEN}", "{t}",
         "Workable careers page"),
        ("smartrecruiters", rf"(?:(?:jobs|careers)\.smartrecruiters\.com|api\.smartrecruiters\.com/v1/companies)/"
         rf"(?!external-referrals\b){_TOKEN}", "{t}", "SmartRecruiters careers page"),
        ("recruitee", rf"//(?!www\.|app\.|api\.){_TOKEN}\.recruitee\.com", "{t}", "Recruitee careers site"),
    ))
_URLISH = re.compile(r"[\w.-]+\.(?:greenhouse\.io|lever\.co|ashbyhq\.com|workable\.com|smartrecruiters\.com|"
                     r"recruitee\.com)[^\s\"'<>)]*", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """A watch worth creating: ``kind`` and ``target`` as a WatchSpec takes them, where and why it was found."""

    kind: str
    target: str
    evidence: str  # the URL of the page that links to, embeds or is the board
    reason: str


def homepage(domain: str) -> str:
    """``acme.com`` → ``https://acme.com/``; a URL (``http://127.0.0.1:8000``) is kept as given."""
    value = domain.strip()
    return value if "://" in value else f"https://{value.strip('/')}/"


def boards_in(page: str, evidence: str) -> Iterator[Proposal]:
    """Every ATS board a page links to or embeds, in page order (script URLs and inline JS included)."""
    for match in _URLISH.finditer(html.unescape(page).replace("\\/", "/")):
        url = "//" + match.group()
        for kind, pattern, target, what in _BOARDS:
            found = pattern.search(url)
            if found:
                token = found.group("t").rstrip(".")
                yield Proposal(kind=kind, target=target.format(t=token), evidence=evidence,
                               reason=f"{what}: {match.group()[:120]}")
                break


def careers_links(page: str, base: str) -> list[str]:
    """Same-site links whose text or address says careers or jobs."""
    try:
        root = lhtml.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    site = _site(base)
    found = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        url = urldefrag(urljoin(base, href)).url
        if _site(url) == site and (_CAREERS.search(anchor.text_content() or "") or _CAREERS.search(href)):
            found.append(url)
    return found


def postings_on(page: bytes, url: str) -> int:
    """How many JobPostings the ``careers_page`` kind reads on a page (0 when it would refuse the page)."""
    try:
        observation = get_source("careers_page").parse(page, {}, WatchContext(watch_id=None, kind="careers_page",
                                                                              target=url))
    except ParseError:
        return 0
    return len(observation.items)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


async def discover(domain: str, fetcher: Fetcher) -> list[Proposal]:
    """Proposed watches for ``domain`` (a bare domain, or a base URL), boards first, duplicates removed."""
    start = homepage(domain)
    queue = [start, *(urljoin(start, path) for path in CAREERS_PATHS)]
    seen: set[str] = set()
    boards: dict[tuple[str, str], Proposal] = {}
    pages: dict[str, Proposal] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            result = await fetcher.get(url, page=True)
        except FetchError as exc:
            logger.info("discover %s: %s skipped (%s)", domain, url, exc)
            continue
        page = result.content.decode("utf-8", errors="replace")
        for proposal in boards_in(page, result.url):
            boards.setdefault((proposal.kind, proposal.target.lower()), proposal)
        postings = postings_on(result.content, result.url)
        if postings and result.url not in pages:
            pages[result.url] = Proposal(kind="careers_page", target=result.url, evidence=result.url,
                                         reason=f"{postings} JobPosting(s) in the page's JSON-LD")
        # Links found on the homepage come before the guessed paths; deeper links go to the back.
        links = [link for link in careers_links(page, result.url) if link not in seen]
        queue = [*links, *queue] if url == start else [*queue, *links]
    return [*boards.values(), *pages.values()]


_CIK_IN_NAME = re.compile(r"\s*\(CIK\s*(\d{1,10})\)\s*$", re.IGNORECASE)


def form_d_filers(answer: bytes, company: str) -> list[Proposal]:
    """Form D filers in an EDGAR full-text search answer whose name is the company's (legal suffixes and
    case aside); each is a ``sec_form_d`` watch on its CIK, for the user to confirm."""
    try:
        hits = json.loads(answer)["hits"]["hits"]
    except (ValueError, KeyError, TypeError):
        return []
    account = AccountRef(name=company, domain="")
    found: dict[str, Proposal] = {}
    for hit in hits if isinstance(hits, list) else []:
        source = hit.get("_source") if isinstance(hit, dict) else None
        if not isinstance(source, dict):
            continue
        for cik, shown in zip(source.get("ciks") or [], source.get("display_names") or [], strict=False):
            name = _CIK_IN_NAME.sub("", str(shown)).strip()
            if same_company(name, account) and str(cik) not in found:
                found[str(cik)] = Proposal(kind="sec_form_d", target=str(int(cik)), evidence="EDGAR full-text search",
                                           reason=f"Form D filer {name} (CIK {int(cik)})")
    return list(found.values())


async def discover_filer(company: str, fetcher: Fetcher, search_url: str) -> list[Proposal]:
    """Ask EDGAR's full-text search for Form D filings by ``company``; a failure proposes nothing."""
    url = search_url.replace("{query}", quote(company))
    try:
        result = await fetcher.get(url, headers={"Accept": "application/json"})
    except FetchError as exc:
        logger.info("discover %s on EDGAR: %s", company, exc)
        return []
    return form_d_filers(result.content, company)
