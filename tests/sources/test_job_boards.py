"""Job-board kinds read their ATS's real payloads, build the documented URLs and refuse what is not a board."""

from __future__ import annotations

import dataclasses
import html
import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sources import _postings
from sources._postings import SNIPPET_CHARS, plain_text, slug, snippet_of
from watcher.domain import WatchContext, iso
from watcher.errors import ParseError
from watcher.pipeline.detect import item_key
from watcher.registry import get_source

FIX = Path(__file__).parent.parent / "fixtures"


def parse(kind: str, body: bytes, target: str = "acme") -> list:
    source = get_source(kind)
    return list(source.parse(body, {}, WatchContext(watch_id=None, kind=kind, target=target)).items)


def ms(year: int, month: int, day: int, hour: int, minute: int, second: int, micro: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


# kind, fixture, items, first item: id, title, location, remote, ATS department, company, published
REAL = [
    ("greenhouse", "greenhouse/stripe.json", 3, "8172503", "Abuse Research Engineer", "Remote from the US", True,
     None, "Stripe", ms(2026, 9, 9, 14, 52, 9)),
    ("lever", "lever/spotify.json", 2, "1bbaf909-5ff3-4ed6-87ca-f7ff007a169c", "Data Scientist - Music Mission",
     "New York, NY", True, "Data and Analytics", None, ms(2026, 6, 22, 17, 14, 0, 858000)),
    ("ashby", "ashby/ramp.json", 2, "d1183b00-6590-4fe4-a585-28d84e578fe3", "Software Engineer, Security, Stablecoin",
     "New York, NY (HQ)", True, "Engineering", None, ms(2026, 5, 13, 20, 28, 9, 574000)),
    ("workable", "workable/huggingface.json", 3, "19A136F8E2", "Open-Source Machine Learning Engineer - US Remote",
     "New York, United States", True, "Open Source", "Hugging Face", ms(2026, 5, 29, 0, 0, 0)),
    ("smartrecruiters", "smartrecruiters/servicenow.json", 3, "744000153871309", "Software Engineer",
     "Santa Clara, CALIFORNIA, United States", False, "Engineering, Infrastructure and Operations", "ServiceNow",
     ms(2026, 10, 6, 22, 57, 35, 315000)),
    ("recruitee", "recruitee/bunq.json", 3, "2770592", "iOS Developer", "Amsterdam, Noord-Holland, Netherlands", False,
     "Technology", "bunq", ms(2026, 10, 5, 8, 25, 23)),
    ("careers_page", "careers_page/acme-careers.html", 3, "AR-1042", "VP of Sales, North America", "New York, NY, US",
     None, None, "Acme Robotics", ms(2026, 11, 20, 0, 0, 0)),
]


@pytest.mark.parametrize(("value", "key"), [
    ("Head of Sales, EMEA", "head-of-sales-emea"),
    ("Directeur Général – Ventes", "directeur-general-ventes"),
    ("Straße München", "strasse-munchen"),
    ("São Paulo", "sao-paulo"),
    ("", ""),
])
def test_slug_folds_case_punctuation_and_accents(value: str, key: str) -> None:
    assert slug(value) == key


@pytest.mark.parametrize(("kind", "fixture", "count", "job_id", "title", "location", "remote", "department",
                          "company", "published"), REAL, ids=[r[0] for r in REAL])
def test_real_payloads_parse(kind: str, fixture: str, count: int, job_id: str, title: str, location: str,
                             remote: bool | None, department: str | None, company: str | None,
                             published: datetime) -> None:
    items = parse(kind, (FIX / fixture).read_bytes())
    assert len(items) == count and len({i.id for i in items}) == count
    first = items[0]
    assert (first.id, first.title, first.published_at) == (job_id, title, published)
    assert (first.data["location"], first.data["remote"], first.data["department"], first.data["company"]) == (
        location, remote, department, company)
    assert first.data["ats"] == kind and first.data["posted_at"] == iso(published)
    assert len(first.data["snippet"]) <= 281


@pytest.mark.parametrize(("kind", "fixture", "job_id", "workplace", "remote"), [
    ("lever", "lever/spotify.json", "926149ab-6999-4058-b35d-41e302b70e05", "hybrid", False),
    ("ashby", "ashby/ramp.json", "4e64ab86-4e30-403b-b1b9-41dc052570ce", "hybrid", False),
    ("smartrecruiters", "smartrecruiters/servicenow.json", "744000153834444", "remote", True),
    ("careers_page", "careers_page/acme-careers.html", "AR-1043", "remote", True),
], ids=["lever-hybrid", "ashby-hybrid-beats-isRemote", "smartrecruiters-remote-flag", "jsonld-telecommute"])
def test_workplace_and_remote(kind: str, fixture: str, job_id: str, workplace: str, remote: bool) -> None:
    item, = (i for i in parse(kind, (FIX / fixture).read_bytes()) if i.id == job_id)
    assert (item.data["workplace"], item.data["remote"]) == (workplace, remote)


def test_careers_page_reads_lists_graphs_and_cleans_titles() -> None:
    items = parse("careers_page", (FIX / "careers_page/acme-careers.html").read_bytes(),
                  target="https://acme-robotics.io/careers")
    assert [(i.id, i.title, i.data["location"], i.url) for i in items] == [
        ("AR-1042", "VP of Sales, North America", "New York, NY, US",
         "https://acme-robotics.io/careers/vp-sales-north-america"),
        ("AR-1043", "Head of Revenue Operations", "USA", "https://acme-robotics.io/careers/head-revops"),
        ("AR-1001", "Account Executive", "Berlin, DE", "https://acme-robotics.io/careers/ae-berlin"),
    ]


def test_a_broken_ld_json_block_does_not_hide_the_others() -> None:
    page = (FIX / "careers_page/acme-careers.html").read_bytes()
    assert b"[ broken, json ]" in page and len(parse("careers_page", page)) == 3


HTML_ERROR = b"<!DOCTYPE html><html><body><h1>Oops</h1>Something went wrong</body></html>"
BROKEN = [
    ("greenhouse", HTML_ERROR, "expected a Greenhouse Job Board API answer.*got an HTML"),
    ("greenhouse", b'{"jobs": [', "Greenhouse.*malformed JSON"),
    ("greenhouse", b'{"status": 404, "error": "Job not found"}', r"'jobs' list, got an object with keys \['error'"),
    ("lever", HTML_ERROR, "Lever Postings API.*HTML"),
    ("lever", b"[{", "Lever.*malformed JSON"),
    ("lever", b'{"ok": false, "error": "Document not found"}',
     r"JSON array of postings, got an object with keys \['error', 'ok'\]"),
    ("ashby", HTML_ERROR, "Ashby posting API.*HTML"),
    ("ashby", b"{'jobs': []}", "Ashby.*malformed JSON"),
    ("ashby", b'{"apiVersion": "1", "jobBoard": null}', r"'jobs' list, got an object with keys \['apiVersion'"),
    ("workable", HTML_ERROR, "Workable widget API.*HTML"),
    ("workable", b"", "Workable.*malformed JSON"),
    ("workable", b'{"name": "Acme"}', r"'jobs' list, got an object with keys \['name'\]"),
    ("smartrecruiters", HTML_ERROR, "SmartRecruiters Posting API.*HTML"),
    ("smartrecruiters", b'{"content": [}', "SmartRecruiters.*malformed JSON"),
    ("smartrecruiters", b"[]", "'content' list, got a JSON list"),
    ("recruitee", HTML_ERROR, "Recruitee offers API.*HTML"),
    ("recruitee", b"\xff\xfe", "Recruitee.*malformed JSON"),
    ("recruitee", b'{"error": "Not Found"}', r"'offers' list, got an object with keys \['error'\]"),
    ("careers_page", HTML_ERROR, r"expected schema.org JobPosting JSON-LD, found none \(no ld\+json block"),
    ("careers_page", b'{"jobs": []}', "expected an HTML page with JobPosting JSON-LD, got JSON"),
    ("careers_page", b'<html><script type="application/ld+json">{"@type": </script></html>',
     r"found none \(1 ld\+json block\(s\), none readable"),
]


@pytest.mark.parametrize(("kind", "body", "message"), BROKEN,
                         ids=[f"{k}-{n}" for k, n in zip([b[0] for b in BROKEN],
                                                         ["html", "malformed", "envelope"] * 7, strict=True)])
def test_broken_boards_are_parse_errors_that_say_what_was_expected(kind: str, body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse(kind, body)


def test_a_page_of_json_ld_without_job_postings_is_a_board_with_no_open_roles() -> None:
    page = b'<html><script type="application/ld+json">{"@type": "Organization", "name": "Acme"}</script></html>'
    assert parse("careers_page", page) == []


@pytest.mark.parametrize(("kind", "target", "url"), [
    ("greenhouse", "acme", "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
    ("lever", "acme", "https://api.lever.co/v0/postings/acme?mode=json"),
    ("ashby", "acme", "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true"),
    ("workable", "acme", "https://apply.workable.com/api/v1/widget/accounts/acme?details=true"),
    ("smartrecruiters", "acme", "https://api.smartrecruiters.com/v1/companies/acme/postings?limit=100"),
    ("recruitee", "acme", "https://acme.recruitee.com/api/offers/"),
    ("careers_page", "acme.io", "https://acme.io/careers"),
    ("lever", "https://api.eu.lever.co/v0/postings/acme?mode=json", "https://api.eu.lever.co/v0/postings/acme?mode=json"),
    ("careers_page", "http://127.0.0.1:8000/jobs", "http://127.0.0.1:8000/jobs"),
], ids=["greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee", "careers_page", "lever-eu-url",
        "careers-url"])
def test_targets_build_the_documented_urls(kind: str, target: str, url: str) -> None:
    assert get_source(kind).url(WatchContext(watch_id=None, kind=kind, target=target)) == url


def test_unlisted_ashby_jobs_and_unpublished_recruitee_offers_are_not_on_the_board() -> None:
    ashby = b'{"jobs": [{"id": "a", "title": "VP Sales", "isListed": false}, {"id": "b", "title": "CFO"}]}'
    recruitee = b'{"offers": [{"id": 1, "title": "CFO", "status": "draft"}, {"id": 2, "title": "CTO"}]}'
    assert [i.id for i in parse("ashby", ashby)] == ["b"]
    assert [i.id for i in parse("recruitee", recruitee)] == ["2"]


def sr_page(total: int, ids: range) -> bytes:
    return json.dumps({"offset": 0, "limit": 100, "totalFound": total,
                       "content": [{"id": str(i), "name": f"Engineer {i}"} for i in ids]}).encode()


def test_a_smartrecruiters_page_names_the_next_one_counting_what_it_read() -> None:
    source = get_source("smartrecruiters")
    ctx = WatchContext(watch_id=None, kind="smartrecruiters", target="acme")
    first = source.parse(sr_page(250, range(100)), {}, ctx)
    assert first.next_page == "https://api.smartrecruiters.com/v1/companies/acme/postings?limit=100&offset=100"
    assert not first.partial and first.warnings == ()
    second = source.parse(sr_page(250, range(100, 200)), {}, ctx)  # the answer's own "offset" is not trusted
    assert second.next_page is not None and second.next_page.endswith("&offset=200")
    last = source.parse(sr_page(250, range(200, 250)), {}, ctx)
    assert last.next_page is None and not last.partial


@pytest.mark.parametrize(("pages", "said"), [
    ([sr_page(250, range(0))], "the board lists 250 postings but its page after 0 holds none"),
    ([sr_page(250, range(100)), sr_page(249, range(100, 199))], "the board changed while its pages were read"),
    ([sr_page(250, range(100)), sr_page(250, range(99, 199))], "the board changed while its pages were read"),
    ([sr_page(150, range(100)), sr_page(150, range(0))], "the board lists 150 postings but its page after 100"),
])
def test_a_smartrecruiters_read_that_does_not_add_up_is_partial(pages: list[bytes], said: str) -> None:
    source = get_source("smartrecruiters")
    ctx = WatchContext(watch_id=None, kind="smartrecruiters", target="acme")
    observations = [source.parse(page, {}, ctx) for page in pages]
    assert observations[-1].partial and observations[-1].next_page is None
    assert observations[-1].warnings[0].startswith(f"partial: {said}")


@pytest.mark.parametrize("escaped", [
    "&lt;p&gt;Salary &amp;lt; 100k &amp;amp; equity&lt;/p&gt;",  # Greenhouse: HTML escaped once more
    "&lt;p&gt;Caf&eacute; &#233; &nbsp;team&lt;/p&gt;",  # other entities: the general decoder
    "&lt;b&gt;R&amp;D&lt;/b&gt; &amp &lt; unterminated",  # legacy forms without ";"
    "&quot;quoted&quot; &#39;single&#39; &amp;quot;", "no entities at all", "",
])
def test_posting_text_decodes_as_html_unescape_does(escaped: str) -> None:
    expected = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(escaped)))).strip()
    assert plain_text(escaped) == expected


def test_a_snippet_read_from_the_start_of_a_long_description_is_the_snippet_of_the_whole() -> None:
    def whole(description: str) -> str:  # the snippet as defined: of the whole description's plain text
        plain = plain_text(description)
        return plain if len(plain) <= SNIPPET_CHARS else plain[:SNIPPET_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"

    pieces = ["<p>", "</p>", '<a href="x > y">', "</a>", "&lt;p&gt;", "&lt;/p&gt;", "&amp;amp;", "&amp;lt;", "&lt;",
              "&gt;", ">", "<", "&", "&nbsp;", "&amp", " ", "\n", "word", "salary", "é", ";", "&#39;", "<br/>",
              "a" * 40]
    rng = random.Random(20261123)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 900))) for _ in range(1500)]
    texts.append("&lt;p&gt;" + "We build robots that sort parcels. " * 300 + "&lt;/p&gt;")  # 10 KB, Greenhouse-escaped
    texts.append("<p>Intro <a title='" + "y" * 2000 + "'>link</a> " + "word " * 100)  # a tag across any fixed cut
    assert [snippet_of(t) for t in texts] == [whole(t) for t in texts]


def _known_of(items: tuple) -> dict[str, str]:
    return {i.digest: item_key(i) for i in items if i.digest is not None}


@pytest.mark.parametrize(("kind", "fixture"), [(r[0], r[1]) for r in REAL], ids=[r[0] for r in REAL])
def test_a_real_board_met_again_is_read_for_its_new_posting_alone(kind: str, fixture: str) -> None:
    """The postings the last listing held as they are now are known by their digest, not built into items again;
    the new one is the very item a whole read gives."""
    source = get_source(kind)
    ctx = WatchContext(watch_id=None, kind=kind, target="acme")
    whole = source.parse((FIX / fixture).read_bytes(), {}, ctx)
    assert len(whole.items) >= 2 and all(i.digest for i in whole.items)
    before = _known_of(whole.items[1:])

    again = get_source(kind).parse((FIX / fixture).read_bytes(), {}, dataclasses.replace(ctx, known_digests=before))

    assert again.items == whole.items[:1] and again.items[0].digest == whole.items[0].digest
    assert set(again.known) == {item_key(i) for i in whole.items[1:]}


def test_an_edited_posting_is_read_again_and_a_new_release_reads_the_board_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    body = (FIX / "greenhouse/stripe.json").read_bytes()
    ctx = WatchContext(watch_id=None, kind="greenhouse", target="stripe")
    whole = get_source("greenhouse").parse(body, {}, ctx)
    known = dataclasses.replace(ctx, known_digests=_known_of(whole.items))
    assert get_source("greenhouse").parse(body, {}, known).items == ()

    data = json.loads(body)
    data["jobs"][1]["content"] += "&lt;p&gt;Now hybrid.&lt;/p&gt;"
    edited = get_source("greenhouse").parse(json.dumps(data).encode(), {}, known)
    assert [i.id for i in edited.items] == [whole.items[1].id] and len(edited.known) == len(whole.items) - 1

    monkeypatch.setattr(_postings, "_DIGEST_SCOPE", b"posting-1\x00a later release\x00")
    assert get_source("greenhouse").parse(body, {}, known).items == whole.items
