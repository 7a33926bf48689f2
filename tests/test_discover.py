"""Discovery against a small company website on 127.0.0.1, read through the project's Fetcher."""

from __future__ import annotations

import asyncio
import json

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import make_settings
from watcher.discover import Proposal, boards_in, discover
from watcher.fetch import Fetcher

HOME = """<html><head><title>Acme Robotics</title></head><body>
<nav><a href="/pricing">Pricing</a> <a href="/about/work-with-us">Join us</a>
<a href="/private/careers">Careers</a></nav>
<footer><a href="https://jobs.lever.co/acme?lever-origin=applied">All jobs</a>
<a href="https://twitter.com/acme">Twitter</a></footer></body></html>"""
WORK_WITH_US = """<html><body><h1>Work with us</h1><div id="grnhse_app"></div>
<script src="https://boards.greenhouse.io/embed/job_board/js?for=acmerobotics"></script>
<a href="/jobs/open-roles">See open roles</a></body></html>"""
COMPANY_CAREERS = """<html><body>
<a href="https://jobs.ashbyhq.com/acme">Ashby</a> <a href="https://jobs.lever.co/acme">Lever again</a>
<a href="https://acme.recruitee.com/o/account-executive">Recruitee</a>
<iframe src="https://apply.workable.com/acme-robotics/?lng=en"></iframe>
<a href="https://careers.smartrecruiters.com/AcmeRobotics/sales">SmartRecruiters</a>
<script>window.board = {"api": "https:\\/\\/api.eu.lever.co\\/v0\\/postings\\/acme-eu?mode=json"};</script>
</body></html>"""
POSTING = {"@context": "https://schema.org", "@type": "JobPosting", "title": "VP of Sales",
           "hiringOrganization": {"@type": "Organization", "name": "Acme Robotics"}}
OPEN_ROLES = f"""<html><head><script type="application/ld+json">{json.dumps({"@graph": [POSTING]})}</script>
</head><body>VP of Sales</body></html>"""


def run(domain: str) -> list[Proposal]:
    async def go() -> list[Proposal]:
        async with Fetcher(make_settings().fetch) as fetcher:
            return await discover(domain, fetcher)

    return asyncio.run(go())


def serve(server: HTTPServer, pages: dict[str, str]) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    for path, text in pages.items():
        server.expect_request(path).respond_with_data(text, content_type="text/html")
    server.expect_request("/private/careers").respond_with_data("<a href='https://jobs.ashbyhq.com/secret'>x</a>")


def test_discovery_follows_careers_links_and_common_paths_and_proposes_each_board_once(
        httpserver: HTTPServer) -> None:
    serve(httpserver, {"/": HOME, "/about/work-with-us": WORK_WITH_US, "/company/careers": COMPANY_CAREERS,
                       "/jobs/open-roles": OPEN_ROLES})
    found = run(httpserver.url_for("/"))
    assert [(p.kind, p.target) for p in found] == [
        ("lever", "acme"),
        ("greenhouse", "acmerobotics"),
        ("ashby", "acme"),
        ("recruitee", "acme"),
        ("workable", "acme-robotics"),
        ("smartrecruiters", "AcmeRobotics"),
        ("lever", "https://api.eu.lever.co/v0/postings/acme-eu?mode=json"),
        ("careers_page", httpserver.url_for("/jobs/open-roles")),
    ]
    assert found[0].evidence == httpserver.url_for("/") and found[0].reason.startswith("Lever site: jobs.lever.co/acme")
    assert found[1].evidence == httpserver.url_for("/about/work-with-us")
    assert found[-1].reason == "1 JobPosting(s) in the page's JSON-LD"
    paths = [request.path for request, _ in httpserver.log]
    assert "/private/careers" not in paths  # robots.txt is honoured
    assert "/pricing" not in paths  # only careers and jobs links are followed


def test_a_site_without_boards_proposes_nothing(httpserver: HTTPServer) -> None:
    serve(httpserver, {"/": "<html><body><a href='/about'>About</a></body></html>"})
    assert run(httpserver.url_for("/")) == []


@pytest.mark.parametrize(("snippet", "kind", "target"), [
    ('<a href="https://boards.greenhouse.io/acme/jobs/4099001">', "greenhouse", "acme"),
    ('<a href="https://job-boards.greenhouse.io/acme">', "greenhouse", "acme"),
    ('<iframe src="https://boards.greenhouse.io/embed/job_board?for=acme&amp;b=https://acme.io">', "greenhouse",
     "acme"),
    ('<script src="https://boards-api.greenhouse.io/v1/boards/acme/embed/job_board">', "greenhouse", "acme"),
    ('<a href="https://jobs.lever.co/acme/1bbaf909-5ff3">', "lever", "acme"),
    ('<a href="https://jobs.ashbyhq.com/acme/d1183b00">', "ashby", "acme"),
    ('<a href="https://apply.workable.com/acme/j/19A136F8E2/">', "workable", "acme"),
    ('<a href="https://jobs.smartrecruiters.com/Acme/744000153871309-software-engineer">', "smartrecruiters", "Acme"),
    ('<a href="https://acme.recruitee.com/">', "recruitee", "acme"),
], ids=["greenhouse-job", "greenhouse-new-host", "greenhouse-iframe", "greenhouse-api-embed", "lever", "ashby",
        "workable", "smartrecruiters", "recruitee"])
def test_board_links_and_embeds(snippet: str, kind: str, target: str) -> None:
    proposal, = boards_in(snippet, "https://acme.io/careers")
    assert (proposal.kind, proposal.target) == (kind, target)


@pytest.mark.parametrize("snippet", [
    '<a href="https://www.greenhouse.io/">Greenhouse</a>', '<a href="https://apply.workable.com/j/19A136F8E2">',
    '<a href="https://www.recruitee.com/">', '<a href="https://jobs.smartrecruiters.com/external-referrals/x">',
], ids=["vendor-homepage", "workable-job-without-account", "recruitee-homepage", "smartrecruiters-referrals"])
def test_vendor_pages_are_not_boards(snippet: str) -> None:
    assert list(boards_in(snippet, "https://acme.io/")) == []


def test_form_d_filers_are_proposed_by_cik_when_the_name_is_the_company() -> None:
    from pathlib import Path

    from watcher.discover import form_d_filers

    answer = (Path(__file__).parent / "fixtures" / "edgar" / "efts_search.json").read_bytes()
    proposals = form_d_filers(answer, "Acme Robotics")
    assert [(p.kind, p.target) for p in proposals] == [("sec_form_d", "1999999")]  # not the fund, once
    assert form_d_filers(b"<html>", "Acme Robotics") == [] and form_d_filers(answer, "Globex") == []
