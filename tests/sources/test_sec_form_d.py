"""sec_form_d: the real EDGAR listing and the real Form D primary_doc.xml (tests/fixtures/news/SOURCES.md),
plus variants derived from them in the test (each derivation says what it changes)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sources.sec_form_d import RelatedPerson, parse_form_d, primary_doc_url
from watcher.domain import AccountRef, Item, WatchContext
from watcher.errors import ParseError
from watcher.extract import extract
from watcher.registry import get_source

NEWS = Path(__file__).parent.parent / "fixtures" / "news"
LISTING = (NEWS / "sec_edgar_browse_atom.xml").read_bytes()
PRIMARY = (NEWS / "sec_form_d_primary_doc.xml").read_bytes()
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ACCOUNT = AccountRef(name="Maquia Capital Acquisition", domain="maquia.example")
CTX = WatchContext(watch_id=1, kind="sec_form_d", target="1844419", account=ACCOUNT)


def operating_company(body: bytes = PRIMARY) -> bytes:
    """The REIT's filing as an operating company's would read: another industry group, no pooled-fund flag."""
    return body.replace(b"REITS and Finance", b"Other Technology").replace(
        b"<isPooledInvestmentFundType>true</isPooledInvestmentFundType>", b"")


def signals_from(body: bytes, ctx: WatchContext = CTX) -> list[dict[str, object]]:
    source = get_source("sec_form_d")
    return [s.to_dict() for s in source.interpret_items(source.parse(body, {}, ctx).items, ctx, NOW)]


def test_parse_form_d_reads_the_real_primary_doc() -> None:
    form = parse_form_d(PRIMARY)
    assert (form.submission_type, form.cik, form.issuer, form.entity_type) == (
        "D", "1961089", "1685 38th REIT, L.L.C.", "Limited Liability Company")
    assert (form.industry_group, form.is_pooled_fund, form.is_amendment) == ("REITS and Finance", True, False)
    assert (form.total_offering_amount, form.total_amount_sold, form.total_remaining) == (125_000, 125_000, 0)
    assert (form.date_of_first_sale, form.signature_date, form.year_of_inc) == (
        date(2023, 1, 19), date(2023, 1, 27), 2022)
    assert form.investors_count == 125 and form.securities == ("Equity", "PooledInvestmentFund")
    assert len(form.related_persons) == 14
    assert form.related_persons[4] == RelatedPerson(name="Joseph G. Doran",
                                                    relationships=("Executive Officer", "Director"))
    assert form.round == "Undisclosed" and form.amount == 125_000


def test_indefinite_offering_amount() -> None:
    form = parse_form_d(PRIMARY.replace(b"<totalOfferingAmount>125000<", b"<totalOfferingAmount>Indefinite<"))
    assert form.total_offering_amount is None and form.offering_indefinite


@pytest.mark.parametrize("body", [b"<html><body>Forbidden</body></html>", b"not xml", b"<edgarSubmission/>"],
                         ids=["html", "garbage", "empty-submission"])
def test_what_is_not_a_listing_or_a_form_d_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        get_source("sec_form_d").parse(body, {}, CTX)


def test_a_pooled_investment_fund_is_not_a_company_raise() -> None:
    assert signals_from(PRIMARY) == []
    assert extract("sec_form_d", NEWS / "sec_form_d_primary_doc.xml", now=NOW) == []


def test_an_operating_companys_form_d_is_a_funding_signal_with_the_news_dedup_key() -> None:
    signal, = signals_from(operating_company())
    assert (signal["kind"], signal["dedup_key"], signal["title"]) == (
        "funding", "funding:maquia.example:undisclosed", "1685 38th REIT, L.L.C. filed a Form D: $125,000 sold")
    facts = signal["facts"]
    assert isinstance(facts, dict)
    assert {k: facts[k] for k in ("amount", "currency", "amount_usd", "round", "company", "date_of_first_sale",
                                  "industry_group")} == {
        "amount": 125_000, "currency": "USD", "amount_usd": 125_000, "round": "Undisclosed",
        "company": "1685 38th REIT, L.L.C.", "date_of_first_sale": "2023-01-19", "industry_group": "Other Technology"}
    assert facts["related_persons"][0] == "Daniel Belldegrun"
    news = get_source("news").interpret_items(
        [Item(id="n", title="Maquia Capital Acquisition raises $125,000 in new funding")], CTX, NOW)
    assert news[0].dedup_key == signal["dedup_key"]  # the press report of the same raise merges into it


def test_the_round_comes_from_the_filing_when_it_names_one() -> None:
    named = operating_company().replace(
        b"<isEquityType>true</isEquityType>",
        b"<isEquityType>true</isEquityType><isOtherType>true</isOtherType>"
        b"<descriptionOfOtherType>Series A Preferred Stock</descriptionOfOtherType>")
    signal, = signals_from(named)
    assert signal["dedup_key"] == "funding:maquia.example:series-a"


def test_an_amendment_is_not_a_new_raise() -> None:
    amended = operating_company().replace(b"<submissionType>D<", b"<submissionType>D/A<").replace(
        b"<isAmendment>false<", b"<isAmendment>true<")
    assert signals_from(amended) == []


def test_the_real_listing_parses_into_filings_by_accession_number() -> None:
    items = get_source("sec_form_d").parse(LISTING, {}, CTX).items
    assert [i.id for i in items][:2] == ["0001104659-21-057704", "0001104659-21-048133"]
    assert {i.data["form"] for i in items} == {"S-1/A", "S-1"}
    assert items[0].data["primary_doc"] == (
        "https://www.sec.gov/Archives/edgar/data/1844419/000110465921057704/primary_doc.xml")
    assert signals_from(LISTING) == []  # registration statements are not Form D raises


def test_a_d_in_the_listing_is_a_raise_and_a_d_a_is_not() -> None:
    # The real listing with its newest filing relabelled D/A and its oldest relabelled D (EDGAR's D listing shape).
    listing = LISTING.replace(b"<filing-type>S-1/A</filing-type>", b"<filing-type>D/A</filing-type>", 1)
    listing = listing.replace(b"<filing-type>S-1</filing-type>", b"<filing-type>D</filing-type>")
    signal, = signals_from(listing)
    assert (signal["title"], signal["dedup_key"], signal["occurred_at"]) == (
        "Maquia Capital Acquisition Corp filed a Form D", "funding:maquia.example:undisclosed", "2021-02-16T00:00:00Z")
    unattributed = WatchContext(watch_id=None, kind="sec_form_d", target="x", options={"unattributed": True})
    signal, = signals_from(listing, unattributed)
    assert signal["account"] is None and signal["dedup_key"] == "funding:maquia-capital-acquisition:undisclosed"
    assert signals_from(listing, WatchContext(watch_id=None, kind="sec_form_d", target="x")) == []


@pytest.mark.parametrize(("target", "url"), [
    ("1844419", "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001844419&type=D&dateb="
                "&owner=include&count=40&output=atom"),
    ("https://www.sec.gov/Archives/edgar/data/1961089/000196108923000001/primary_doc.xml",
     "https://www.sec.gov/Archives/edgar/data/1961089/000196108923000001/primary_doc.xml"),
], ids=["cik", "url"])
def test_url_of_a_target(target: str, url: str) -> None:
    assert get_source("sec_form_d").url(WatchContext(watch_id=1, kind="sec_form_d", target=target)) == url


def test_primary_doc_url_from_a_filing_index() -> None:
    assert primary_doc_url("https://www.sec.gov/Archives/edgar/data/1/000000000023000001/x-index.htm") == (
        "https://www.sec.gov/Archives/edgar/data/1/000000000023000001/primary_doc.xml")
    assert primary_doc_url("https://example.com/") is None


def test_a_new_filing_is_read_in_full_through_its_primary_document(
        tmp_path: Path, httpserver: object) -> None:
    """End to end through the Checker: the core fetches each new filing's primary_doc.xml (the detail
    hook), so the signal carries the amount sold; the baseline fetches no details."""
    import asyncio

    from pytest_httpserver import HTTPServer

    from tests.conftest import make_settings
    from watcher.accounts import follow
    from watcher.clock import FakeClock
    from watcher.fetch import Fetcher
    from watcher.pipeline.check import Checker
    from watcher.store.db import Store
    from watcher.watches import WatchSpec

    assert isinstance(httpserver, HTTPServer)
    base = httpserver.url_for("").rstrip("/")
    listing = LISTING.replace(b"https://www.sec.gov", base.encode())
    older = listing.replace(b"<filing-type>S-1/A</filing-type>", b"<filing-type>S-1</filing-type>", 1)
    newer = listing.replace(b"<filing-type>S-1/A</filing-type>", b"<filing-type>D</filing-type>", 1)
    newest_id = get_source("sec_form_d").parse(newer, {}, CTX).items[0]
    settings = make_settings(tmp_path)
    assert newest_id.published_at is not None  # the clock stands on the day the newest filing came out
    store, clock = Store(f"sqlite:///{tmp_path / 'w.db'}"), FakeClock(newest_id.published_at)
    with store.session() as session:
        follow(session, "maquia.example", name="Maquia Capital Acquisition", now=clock.now(), settings=settings,
               specs=[WatchSpec(kind="sec_form_d", target=f"{base}/listing")])

    def run(body: bytes) -> list[object]:
        httpserver.clear()  # type: ignore[attr-defined]
        httpserver.expect_request("/listing").respond_with_data(body)  # type: ignore[attr-defined]
        httpserver.expect_request(  # type: ignore[attr-defined]
            newest_id.data["primary_doc"].removeprefix(base)).respond_with_data(operating_company())

        async def main() -> list[object]:
            async with Fetcher(settings.fetch, clock=clock) as fetcher:
                return list(await Checker(store, settings, fetcher, clock, "o").run_pass(force=True))
        return asyncio.run(main())

    # The first listing: the newest filing is still an S-1, so its id is unseen when it turns into a D.
    older_without_newest = older.replace(newest_id.id.encode(), b"0000000000-00-000000")
    assert [o.verb for o in run(older_without_newest)] == ["baseline"]  # type: ignore[attr-defined]
    outcome, = run(newer)
    signal, = outcome.signals  # type: ignore[attr-defined]
    assert signal.kind == "funding" and signal.facts["amount"] and signal.facts["industry_group"] == "Other Technology"
    detail_hits = [r for r, _ in httpserver.log if r.path.endswith("primary_doc.xml")]  # type: ignore[attr-defined]
    assert len(detail_hits) == 1
    store.dispose()
