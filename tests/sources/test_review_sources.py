"""The review kinds (reviews_page, app_store, reddit, hackernews) end to end, as a user runs them:
``watcher extract KIND FILE --competitor NAME`` against saved payloads. Real recorded payloads and
documented-shape ones are listed in each fixture folder's SOURCES.md; a documented-shape payload
has its expected signals beside it (``NAME.expected.jsonl``). Set WATCHER_UPDATE_GOLDEN=1 to rewrite
those after a deliberate change, then read the diff.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from watcher.domain import WatchContext
from watcher.errors import ParseError
from watcher.extract import extract
from watcher.registry import get_source

FIXTURES = Path(__file__).parent.parent / "fixtures"
# The facts a review kind writes; the core adds its own later (reviewer ICP fit …), which is not this test's.
FACTS = ("competitor", "competitor_domain", "platform", "rating", "rating_scale", "themes", "leaving",
         "reviewer_company", "reviewer_company_size", "reviewer_industry", "reviewer_role", "reviewer_country",
         "quote")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def ctx(kind: str, target: str = "saved-file", **options: Any) -> WatchContext:
    return WatchContext(watch_id=None, kind=kind, target=target, options=options)


def signals(kind: str, name: str, competitor: str | None, previous: str | None = None) -> list[dict[str, Any]]:
    found = extract(kind, FIXTURES / kind / name, competitor=competitor, now=NOW,
                    previous=FIXTURES / kind / previous if previous else None)
    return [{k: v for k, v in s.to_dict().items() if k != "detected_at"} | {"facts": {k: s.facts[k] for k in FACTS}}
            for s in found]


@pytest.mark.parametrize(("kind", "name", "competitor", "previous"), [
    ("reviews_page", "g2_style_initech.html", "Initech", None),
    ("reviews_page", "capterra_style_microdata.html", "Initech", None),
    ("reviews_page", "trustradius_style_graph.html", "Initech", None),
    ("app_store", "initech_crm_us.json", "Initech", None),
    ("app_store", "initech_crm_us.json", "Initech", "initech_crm_us-before.json"),
    ("reddit", "search_initech.xml", "Initech", None),
    ("reddit", "search_initech.xml", "Initech", "search_initech-before.xml"),
    ("hackernews", "search_by_date_initech.json", "Initech", None),
], ids=["g2-jsonld", "capterra-microdata", "trustradius-graph-10pt", "app-store", "app-store-after-previous",
        "reddit-search", "reddit-after-previous", "hn-search"])
def test_extract_matches_the_golden_signals(kind: str, name: str, competitor: str, previous: str | None) -> None:
    found = signals(kind, name, competitor, previous)
    golden = FIXTURES / kind / (Path(name).stem + ("-after-previous" if previous else "") + ".expected.jsonl")
    if os.environ.get("WATCHER_UPDATE_GOLDEN"):
        golden.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in found))
    assert found == [json.loads(line) for line in golden.read_text().splitlines()]


@pytest.mark.parametrize(("kind", "name", "count", "first_id"), [
    ("app_store", "viber_al_app_entry.json", 10, "2221577708"),
    ("app_store", "single_entry_object.json", 1, "10743046471"),
    ("reddit", "subreddit_accounting_atom.xml", 3, "t3_1wkpvt2"),
    ("hackernews", "search_stories_url.json", 4, "8828543"),
    ("hackernews", "search_by_date_comments.json", 4, "32167219"),
    ("reviews_page", "trustpilot_goldco_nodes.html", 2,
     "https://www.trustpilot.com/#/schema/Review/goldco.com/5db84119604858035c8f512a"),
    ("reviews_page", "trustlink_goldco_microdata.html", 1, "sha1:107cfc8fd261cbc01470"),
], ids=["app-store-old-with-app-entry", "app-store-single-object", "reddit-subreddit-atom", "hn-stories",
        "hn-comments", "trustpilot-jsonld-nodes", "trustlink-microdata"])
def test_real_payloads_parse_into_items_with_stable_ids(kind: str, name: str, count: int, first_id: str) -> None:
    body = (FIXTURES / kind / name).read_bytes()
    first = get_source(kind).parse(body, {}, ctx(kind)).items
    again = get_source(kind).parse(body, {}, ctx(kind)).items
    assert len(first) == count and first[0].id == first_id
    assert [i.id for i in first] == [i.id for i in again] and len({i.id for i in first}) == count
    assert all(i.title and i.data["platform"] for i in first)


def test_the_app_entry_is_skipped_and_names_what_the_reviews_are_about() -> None:
    items = get_source("app_store").parse((FIXTURES / "app_store" / "viber_al_app_entry.json").read_bytes(), {},
                                          ctx("app_store", "al:382617920")).items
    assert {i.data["subject"] for i in items} == {"Viber Messenger – Text & Call"}
    assert items[0].data["rating"] == 1.0 and items[0].data["reviewer_country"] == "AL"
    # Without --competitor the app's own name stands in for it: the 1-star reviews are complaints.
    found = extract("app_store", FIXTURES / "app_store" / "viber_al_app_entry.json", now=NOW)
    assert [s.dedup_key for s in found] == ["review_complaint:app_store:2221577708",
                                           "review_complaint:app_store:1818269499"]
    assert found[0].facts["competitor"] == "Viber Messenger – Text & Call"
    # The feed is the app's own: a competitor named otherwise than its app still gets every review judged.
    assert len(extract("app_store", FIXTURES / "app_store" / "viber_al_app_entry.json", competitor="Rakuten",
                       now=NOW)) == 2


@pytest.mark.parametrize(("kind", "name", "competitor"), [
    ("reviews_page", "trustpilot_goldco_nodes.html", "Goldco"),
    ("reviews_page", "trustlink_goldco_microdata.html", "Goldco"),
    ("reddit", "subreddit_accounting_atom.xml", "Big 4 Transparency"),
    ("hackernews", "search_by_date_comments.json", "Log4j"),
    ("hackernews", "search_stories_url.json", "Medium"),
], ids=["trustpilot-praise", "trustlink-praise-unrated", "reddit-not-about-it", "hn-log4j-is-not-a-vendor",
        "hn-url-search"])
def test_real_payloads_without_complaints_give_no_signals(kind: str, name: str, competitor: str) -> None:
    assert signals(kind, name, competitor) == []


def test_reviewer_details_come_from_jsonld_and_microdata() -> None:
    page = get_source("reviews_page")
    g2 = page.parse((FIXTURES / "reviews_page" / "g2_style_initech.html").read_bytes(), {}, ctx("reviews_page"))
    assert g2.items[0].data.items() >= {
        "platform": "g2", "subject": "Initech CRM", "reviewer_company": "Globex Corporation",
        "reviewer_company_size": "51-1000", "reviewer_industry": "Computer Software",
        "reviewer_role": "Director of Revenue Operations"}.items()
    assert g2.items[1].data["reviewer_company_size"] == "Mid-Market (51-1000 emp.)"
    capterra = page.parse((FIXTURES / "reviews_page" / "capterra_style_microdata.html").read_bytes(), {},
                          ctx("reviews_page"))
    assert [i.id for i in capterra.items] == ["review-4411873", "review-4410002", "review-4409155"]
    assert capterra.items[0].data.items() >= {
        "reviewer_company_size": "11-50 employees", "reviewer_industry": "Real Estate", "rating": 1.0,
        "rating_scale": 5.0, "heading": "Not worth the money"}.items()


def test_a_review_of_another_product_on_the_same_page_is_not_the_competitors() -> None:
    items = get_source("reviews_page").parse(
        (FIXTURES / "reviews_page" / "trustradius_style_graph.html").read_bytes(), {}, ctx("reviews_page")).items
    assert [i.data["subject"] for i in items] == ["Initech CRM", "Initech CRM", "Globex Sales Cloud"]
    assert [s["facts"]["competitor"] for s in signals("reviews_page", "trustradius_style_graph.html", "Globex")] \
        == ["Globex"]


def test_the_same_review_in_jsonld_and_microdata_is_one_item() -> None:
    html = (b'<html><head><script type="application/ld+json">{"@type":"Review","author":{"name":"Ann"},'
            b'"datePublished":"2026-11-01","reviewBody":"Slow and buggy.","reviewRating":{"ratingValue":"2"}}'
            b'</script></head><body><div itemscope itemtype="https://schema.org/Review">'
            b'<span itemprop="author">Ann</span><meta itemprop="datePublished" content="2026-11-01">'
            b'<p itemprop="reviewBody">Slow and buggy.</p></div></body></html>')
    assert len(get_source("reviews_page").parse(html, {}, ctx("reviews_page")).items) == 1


def test_a_page_with_only_a_rating_summary_is_empty_with_a_warning() -> None:
    html = (b'<html><head><script type="application/ld+json">{"@type":"Product","name":"Initech CRM",'
            b'"aggregateRating":{"@type":"AggregateRating","ratingValue":"4.1","reviewCount":"9"}}</script></head></html>')
    observation = get_source("reviews_page").parse(html, {}, ctx("reviews_page"))
    assert observation.items == () and observation.warnings


@pytest.mark.parametrize(("kind", "body"), [
    ("reviews_page", b"<html><body><h1>Access denied</h1></body></html>"),
    ("reviews_page", b""),
    ("app_store", b"<html>not json</html>"),
    ("app_store", b'{"results": []}'),
    ("reddit", b"<!DOCTYPE html><html><title>Blocked</title></html>"),
    ("reddit", b"plain text"),
    ("hackernews", b'{"message": "rate limited"}'),
    ("hackernews", b"<html></html>"),
], ids=["blocked-review-page", "empty-page", "app-store-html", "app-store-other-json", "reddit-blocked",
        "reddit-garbage", "hn-no-hits", "hn-html"])
def test_what_is_not_the_expected_payload_is_a_parse_error(kind: str, body: bytes) -> None:
    with pytest.raises(ParseError):
        get_source(kind).parse(body, {}, ctx(kind))


def test_an_app_store_feed_without_entries_is_a_warning_not_no_complaints() -> None:
    observation = get_source("app_store").parse(b'{"feed":{"author":{"name":{"label":"iTunes Store"}}}}', {},
                                                ctx("app_store"))
    assert observation.items == () and "throttl" in observation.warnings[0]


@pytest.mark.parametrize(("kind", "target", "url"), [
    ("app_store", "1588822741", "https://itunes.apple.com/us/rss/customerreviews/page=1/id=1588822741/sortby=mostrecent/json"),
    ("app_store", "gb:1588822741", "https://itunes.apple.com/gb/rss/customerreviews/page=1/id=1588822741/sortby=mostrecent/json"),
    ("app_store", "https://apps.apple.com/de/app/initech-crm/id1588822741",
     "https://itunes.apple.com/de/rss/customerreviews/page=1/id=1588822741/sortby=mostrecent/json"),
    ("reddit", 'initech OR "initech crm"', "https://www.reddit.com/search.rss?q=initech+OR+%22initech+crm%22&sort=new"),
    ("reddit", "https://www.reddit.com/r/sales/search.rss?q=initech&restrict_sr=1",
     "https://www.reddit.com/r/sales/search.rss?q=initech&restrict_sr=1"),
    ("hackernews", "initech crm",
     "https://hn.algolia.com/api/v1/search_by_date?query=initech+crm&tags=(story,comment)&hitsPerPage=100"),
    ("reviews_page", "https://www.g2.com/products/initech-crm/reviews", "https://www.g2.com/products/initech-crm/reviews"),
], ids=["app-id", "storefront-and-id", "app-url", "reddit-query", "reddit-url", "hn-query", "review-page-url"])
def test_targets_become_urls(kind: str, target: str, url: str) -> None:
    assert get_source(kind).url(ctx(kind, target)) == url


def test_reddit_posts_lose_the_submitted_by_trailer_and_hn_comments_are_judged_on_their_own_words() -> None:
    feed = (FIXTURES / "reddit" / "search_initech.xml").read_bytes()
    items = get_source("reddit").parse(feed, {}, ctx("reddit")).items
    assert "submitted by" not in " ".join(i.text for i in items) and items[-1].text == ""
    assert items[0].data["subreddit"] == "revops" and items[0].data["author"] == "finance_kat"
    hn = get_source("hackernews").parse((FIXTURES / "hackernews" / "search_by_date_comments.json").read_bytes(), {},
                                        ctx("hackernews")).items
    assert hn[1].data["heading"] == "" and hn[1].data["story_title"] == "Log4j: The pain just keeps going"
    assert "\n* We had log4j 1" in hn[1].text  # <p> is a paragraph break, entities decoded


def test_page_and_platform_options() -> None:
    assert get_source("reviews_page").page and not get_source("reddit").page
    found = extract("reviews_page", FIXTURES / "reviews_page" / "g2_style_initech.html", competitor="Initech", now=NOW)
    assert {s.facts["platform"] for s in found} == {"g2"} and all(s.account is None for s in found)
    observation = get_source("reviews_page").parse(
        (FIXTURES / "reviews_page" / "trustlink_goldco_microdata.html").read_bytes(), {},
        ctx("reviews_page", platform="trustlink"))
    assert observation.items[0].data["platform"] == "trustlink"
