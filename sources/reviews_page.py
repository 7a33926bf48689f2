"""`reviews_page`: a review page that publishes schema.org ``Review`` items (JSON-LD or microdata).

This is the shape G2, Capterra, TrustRadius and Trustpilot-style pages use: Review nodes in
JSON-LD (alone, in a list, in an ``@graph``, or nested as ``Product.review``) or microdata
(``itemprop="review"`` / ``itemtype=…/Review``). Each review becomes an item with its rating and
scale (``bestRating``, else the product's ``aggregateRating.bestRating``, else 5) and whatever
reviewer details the page gives (name, ``jobTitle``, ``worksFor``/``affiliation`` company, its
``numberOfEmployees`` or a size band written beside the name, ``industry``). The page is a human
web page, so robots.txt applies. ``options.platform`` names the site when the URL does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree
from lxml import html as lhtml

from sources import _jsonld, _microdata
from sources._reviews import ReviewSource, content_id, number, parse_time, review_item, site_of, size_band
from watcher.domain import Item, Observation, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source

REVIEW_TYPES = ("Review", "UserReview", "CriticReview", "EmployerReview")
SUMMARY_TYPES = ("AggregateRating", "Product", "SoftwareApplication", "WebApplication", "MobileApplication",
                 "Organization", "LocalBusiness", "Service")
_MORE = re.compile(r"\s*(?:read|show|see) more\s*»?\s*$", re.IGNORECASE)
_TRUSTPILOT_ID = re.compile(r"^https://[\w.]*trustpilot\.com/#/schema/Review/[^/]+/(?P<id>\w+)$")


@dataclass(slots=True, kw_only=True)
class _Review:
    id: str | None
    heading: str
    body: str
    rating: float | None
    scale: float | None
    date: datetime | None
    url: str | None
    subject: str | None
    reviewer: dict[str, str | None]


@register_source("reviews_page")
class ReviewsPage(ReviewSource):
    page = True
    accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    checks_subject = True

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        try:
            root = lhtml.document_fromstring(body)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"the page is not HTML: {exc}") from exc
        graph = _jsonld.graph(root)
        page_url = _page_url(watch, root)
        platform = str(watch.options.get("platform") or "") or _site(page_url, graph)
        reviews = _from_jsonld(graph, page_url) + _from_microdata(root, page_url)
        if not reviews:
            if any(True for _ in graph.of_type(*SUMMARY_TYPES)) or any(
                    True for _ in _microdata.scopes(root, "AggregateRating")):
                return Observation(warnings=("the page has a rating summary but no individual reviews",))
            raise ParseError("no schema.org Review on the page (JSON-LD or microdata); blocked, or not a review page?")
        return Observation(items=tuple(_items(reviews, platform)))


def _items(reviews: list[_Review], platform: str) -> list[Item]:
    items: dict[str, Item] = {}
    seen: set[str] = set()
    for r in reviews:
        fingerprint = content_id(r.reviewer.get("author"), r.date, r.body[:300])
        review_id = r.id or content_id(r.reviewer.get("author"), r.date, r.heading, r.body[:500])
        if review_id in items or fingerprint in seen:
            continue  # the same review published both as JSON-LD and as microdata
        seen.add(fingerprint)
        items[review_id] = review_item(
            id=review_id, title=r.heading, text=r.body, url=r.url, published_at=r.date, platform=platform,
            rating=r.rating, scale=r.scale, subject=r.subject, author=r.reviewer.get("author"),
            role=r.reviewer.get("role"), company=r.reviewer.get("company"),
            company_size=r.reviewer.get("company_size"), industry=r.reviewer.get("industry"))
    return list(items.values())


def _from_jsonld(graph: _jsonld.Graph, page_url: str | None) -> list[_Review]:
    found = []
    for node, parent in graph.of_type(*REVIEW_TYPES):
        rating_node = graph.resolve(node.get("reviewRating"))
        rating_node = rating_node if isinstance(rating_node, dict) else {"ratingValue": rating_node}
        rating = number(rating_node.get("ratingValue"))
        summary = graph.resolve(parent.get("aggregateRating")) if parent else None
        scale = number(rating_node.get("bestRating")) or (
            number(summary.get("bestRating")) if isinstance(summary, dict) else None)
        reviewed = graph.resolve(node.get("itemReviewed"))
        node_id = node.get("@id") if isinstance(node.get("@id"), str) else None
        found.append(_Review(
            id=node_id or _jsonld.text(node.get("url")),
            heading=_jsonld.text(node.get("name")) or _jsonld.text(node.get("headline")) or "",
            body=_body(_jsonld.text(node.get("reviewBody")) or _jsonld.text(node.get("description"))
                       or _jsonld.text(node.get("text"))),
            rating=rating, scale=(scale or 5.0) if rating is not None else None,
            date=parse_time(node.get("datePublished") or node.get("dateCreated") or node.get("dateModified")),
            url=_review_url(_jsonld.text(node.get("url")), node_id, page_url),
            subject=_jsonld.text(reviewed) or (_jsonld.text(parent.get("name")) if parent else None),
            reviewer=_reviewer(node.get("author") or node.get("creator"), graph),
        ))
    return found


def _from_microdata(root: lhtml.HtmlElement, page_url: str | None) -> list[_Review]:
    found = []
    for scope in _microdata.scopes(root, "Review", prop="review"):
        props = _microdata.properties(scope)
        rating_item = _microdata.first(props, "reviewRating")
        rating_props = _flat(rating_item) if isinstance(rating_item, dict) else {"ratingValue": rating_item}
        rating = number(rating_props.get("ratingValue"))
        parent = _microdata.enclosing(scope)
        parent_props = _microdata.properties(parent) if parent is not None else {}
        summary = _microdata.first(parent_props, "aggregateRating")
        scale = number(rating_props.get("bestRating")) or (
            number(_flat(summary).get("bestRating")) if isinstance(summary, dict) else None)
        reviewer = _reviewer(_flat_value(_microdata.first(props, "author", "creator")), _jsonld.Graph())
        reviewer["company_size"] = reviewer.get("company_size") or size_band(_author_text(scope))
        url = _microdata.first(props, "url")
        found.append(_Review(
            id=scope.get("itemid") or scope.get("id") or url,
            heading=str(_microdata.first(props, "name", "headline") or ""),
            body=_body(_microdata.first(props, "reviewBody", "description", "text")),
            rating=rating, scale=(scale or 5.0) if rating is not None else None,
            date=parse_time(_microdata.first(props, "datePublished", "dateCreated")),
            url=_review_url(url, None, page_url), subject=_microdata.first(parent_props, "name"), reviewer=reviewer,
        ))
    return found


def _reviewer(author: Any, graph: _jsonld.Graph) -> dict[str, str | None]:
    """Name, role, company, size band and industry of a review's author, as far as the page tells."""
    author = graph.resolve(author[0] if isinstance(author, list) and author else author)
    if not isinstance(author, dict):
        return {"author": _jsonld.text(author)}
    org = graph.resolve(author.get("worksFor") or author.get("affiliation") or author.get("memberOf"))
    org = org[0] if isinstance(org, list) and org else org
    org_fields = org if isinstance(org, dict) else {}
    return {
        "author": _jsonld.text(author.get("name")),
        "role": _jsonld.text(author.get("jobTitle")) or _jsonld.text(graph.resolve(author.get("hasOccupation"))),
        "company": _jsonld.text(org),
        "company_size": _employees(org_fields.get("numberOfEmployees"))
        or size_band(_jsonld.text(author.get("description")), _jsonld.text(org_fields.get("description"))),
        "industry": _jsonld.text(author.get("industry")) or _jsonld.text(org_fields.get("industry")),
    }


def _employees(value: Any) -> str | None:
    if isinstance(value, dict):
        low, high = number(value.get("minValue")), number(value.get("maxValue"))
        if low is not None and high is not None:
            return f"{low:g}-{high:g}"
        exact = number(value.get("value"))
        return f"{exact:g}" if exact is not None else (f"{low:g}+" if low is not None else None)
    return _jsonld.text(value)


def _flat(props: dict[str, list[Any]]) -> dict[str, Any]:
    return {k: _flat_value(v[0] if len(v) == 1 else v) for k, v in props.items()}


def _flat_value(value: Any) -> Any:
    """Microdata item dictionaries in the JSON-LD shape the readers above expect."""
    if isinstance(value, dict):
        return _flat(value)
    if isinstance(value, list):
        return [_flat_value(v) for v in value]
    return value


def _author_text(scope: lhtml.HtmlElement) -> str:
    author = next((el for el in scope.iter() if isinstance(el.tag, str)
                   and "author" in (el.get("itemprop") or "").split()), None)
    return " ".join(author.text_content().split()) if author is not None else ""


def _body(value: Any) -> str:
    return _MORE.sub("", str(value or "")).strip()


def _page_url(watch: WatchContext, root: lhtml.HtmlElement) -> str | None:
    if watch.target.startswith(("http://", "https://")):
        return watch.target
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = root.xpath(xpath)
        if found:
            return str(found[0]).strip()
    return None


def _site(page_url: str | None, graph: _jsonld.Graph) -> str:
    review_ids = (node.get("@id") or node.get("url") for node, _ in graph.of_type(*REVIEW_TYPES))
    return site_of(page_url) or next((s for s in map(site_of, review_ids) if s), None) or "reviews_page"


def _review_url(url: str | None, node_id: str | None, page_url: str | None) -> str | None:
    for candidate in (url, node_id):
        if candidate and candidate.startswith(("http://", "https://")) and "#" not in candidate:
            return candidate
    match = _TRUSTPILOT_ID.match(node_id or "")
    if match:
        return f"https://www.trustpilot.com/reviews/{match.group('id')}"
    return page_url
