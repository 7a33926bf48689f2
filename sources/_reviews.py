"""What every review source kind shares: the review item it produces and the signal it makes.

A review kind (``reviews_page``, ``app_store``, ``reddit``, ``hackernews``) only parses its
payload into items built by ``review_item``; ``ReviewSource.interpret_items`` asks
``watcher.complaints`` whether each new item is a complaint about the watch's competitor
(``options.competitor``, ``aliases``, ``competitor_domain``, ``context``) and makes the
``review_complaint`` signal of DESIGN.md §4. The signal is not attributed to an account: the
core attaches it when the reviewer's company is followed.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote_plus, urlsplit

from lxml import html as lhtml

from watcher.domain import Item, Signal, WatchContext
from watcher.errors import ParseError
from watcher.sourcekind import Source

if TYPE_CHECKING:
    from watcher.complaints import Competitor, Verdict

SIGNAL_KIND = "review_complaint"
DISPLAY = {"g2": "G2", "capterra": "Capterra", "trustradius": "TrustRadius", "trustpilot": "Trustpilot",
           "getapp": "GetApp", "softwareadvice": "Software Advice", "gartner": "Gartner Peer Insights",
           "app_store": "App Store", "reddit": "Reddit", "hackernews": "Hacker News"}
SITES = {"g2.com": "g2", "capterra.com": "capterra", "capterra.co.uk": "capterra", "trustradius.com": "trustradius",
         "trustpilot.com": "trustpilot", "getapp.com": "getapp", "softwareadvice.com": "softwareadvice",
         "gartner.com": "gartner", "apple.com": "app_store", "reddit.com": "reddit", "ycombinator.com": "hackernews"}
_SIZE = re.compile(r"\b(?:(?:small[- ]business|mid[- ]market|enterprise)\s*\([^)]{1,40}\)|\d[\d,]*\s*(?:[-–]|to)\s*"
                   r"\d[\d,]*\s*(?:employees|emp\.?)|\d[\d,]*\+\s*(?:employees|emp\.?)|(?:>|more than)\s*\d[\d,]*\s*"
                   r"(?:employees|emp\.?)|self-employed)", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def review_item(*, id: str, title: str, text: str, url: str | None, published_at: datetime | None, platform: str,
                heading: str | None = None, rating: float | None = None, scale: float | None = None,
                author: str | None = None, subject: str | None = None, comment: bool = False,
                role: str | None = None, company: str | None = None, company_size: str | None = None,
                industry: str | None = None, country: str | None = None) -> Item:
    """One review or post; ``heading`` is its own title (a comment has none), ``subject`` what it reviews."""
    title = title.strip().strip("\"“”'‘’ ")
    data: dict[str, Any] = {"platform": platform, "heading": title if heading is None else heading,
                            "rating": rating, "rating_scale": scale if rating is not None else None,
                            "author": author, "subject": subject}
    if comment:
        data["comment"] = True
    reviewer = {"role": role, "company": company, "company_size": company_size, "industry": industry,
                "country": country}
    data.update({f"reviewer_{k}": v for k, v in reviewer.items() if v})
    return Item(id=id, title=title or " ".join(text.split())[:120] or id, url=url, published_at=published_at, text=text,
                data=data)


def content_id(*parts: Any) -> str:
    """A stable id for a review that carries none of its own: a hash of what it says."""
    joined = "\x1f".join(" ".join(str(p).split()) for p in parts if p is not None)
    return "sha1:" + hashlib.sha1(joined.encode()).hexdigest()[:20]


def html_text(fragment: str) -> str:
    """Visible text of an HTML fragment: paragraphs and line breaks become newlines, entities decoded."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lhtml.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types for hopeless markup; the raw text still says something
        return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def load_json(body: bytes, what: str) -> Any:
    """The body as JSON; ParseError naming ``what`` should have answered when it is not."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{what} did not answer JSON: {exc}") from exc


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 (``Z``, offsets, a bare date) or Unix seconds, as aware UTC; None when unreadable."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(raw[:10])
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def number(value: Any) -> float | None:
    """A rating as a number: 4, "4.5", "4,5", "4 out of 5" → 4.0, 4.5, 4.5, 4.0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    match = re.search(r"\d+(?:[.,]\d+)?", str(value or ""))
    return float(match.group(0).replace(",", ".")) if match else None


def size_band(*texts: str | None) -> str | None:
    """A company-size band written in reviewer details ("51-200 employees", "Mid-Market (51-1000 emp.)")."""
    for text in texts:
        match = _SIZE.search(text or "")
        if match:
            return " ".join(match.group(0).split())
    return None


def site_of(url: str | None) -> str | None:
    """The platform a URL belongs to (``g2``, ``trustpilot`` …) or its bare host; None for non-URLs."""
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    host = host.removeprefix("www.")
    if not host:
        return None
    for domain, name in SITES.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


class ReviewSource(Source):
    """Base of the review kinds: interpretation is the same for all of them.

    ``search`` is the URL a plain-text target (a query) is put into as ``{q}``; a target that is
    already a URL is fetched as it is. ``checks_subject``: the payload can review several products
    (a comparison page), so a review of another product is skipped.
    """

    signal_kind: ClassVar[str] = SIGNAL_KIND
    search: ClassVar[str] = ""
    accept: ClassVar[str] = "application/json"
    checks_subject: ClassVar[bool] = False

    def url(self, watch: WatchContext) -> str:
        target = watch.target.strip()
        if target.startswith(("http://", "https://")) or not self.search:
            return target
        return self.search.format(q=quote_plus(target))

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": self.accept}

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        # Imported here: the registry loads every kind at start, the vocabulary is only needed to judge.
        from watcher.complaints import Competitor, judge

        signals = []
        for item in items:
            competitor = Competitor.from_options(watch.options, fallback=item.data.get("subject"))
            if competitor is None or (self.checks_subject and not _reviews_competitor(item, competitor, watch)):
                continue
            verdict = judge(competitor, title=item.data.get("heading") or "", text=item.text,
                            rating=item.data.get("rating"), scale=item.data.get("rating_scale"),
                            author=item.data.get("author") or "")
            if verdict.complaint:
                signals.append(self._signal(item, competitor, verdict, watch, now))
        return signals

    def _signal(self, item: Item, competitor: Competitor, verdict: Verdict, watch: WatchContext,
                now: datetime) -> Signal:
        data = item.data
        platform = str(watch.options.get("platform") or data.get("platform") or self.kind)
        return Signal(
            kind=SIGNAL_KIND, account=None, account_domain=None, title=_title(item, competitor, verdict, platform),
            url=item.url, occurred_at=item.published_at, detected_at=now, source=self.kind,
            dedup_key=f"{SIGNAL_KIND}:{platform}:{item.id}",
            facts={"competitor": competitor.name, "competitor_domain": competitor.domain, "platform": platform,
                   "rating": data.get("rating"), "rating_scale": data.get("rating_scale"),
                   "themes": list(verdict.themes), "leaving": verdict.leaving,
                   "reviewer_company": data.get("reviewer_company"),
                   "reviewer_company_size": data.get("reviewer_company_size"),
                   "reviewer_industry": data.get("reviewer_industry"), "reviewer_role": data.get("reviewer_role"),
                   "reviewer_country": data.get("reviewer_country"),
                   "quote": verdict.quote},
            evidence=verdict.quote,
        )


def _reviews_competitor(item: Item, competitor: Competitor, watch: WatchContext) -> bool:
    """A page can review several products: a review of another one is not about the competitor."""
    from watcher.complaints import NameMatcher

    subject = item.data.get("subject")
    if not subject or not watch.options.get("competitor"):
        return True
    return bool(NameMatcher(competitor).any.search(subject))


def _title(item: Item, competitor: Competitor, verdict: Verdict, platform: str) -> str:
    from watcher.complaints import shorten

    where = DISPLAY.get(platform, platform)
    heading = item.data.get("heading") or ""
    summary = shorten(heading if len(heading.split()) >= 2 else verdict.quote or heading, 80)
    rating = item.data.get("rating")
    if rating is not None:
        scale = item.data.get("rating_scale") or 5
        return f"{where} review of {competitor.name}: {_num(rating)}/{_num(scale)} — '{summary}'"
    what = "comment" if item.data.get("comment") else "post"
    return f"{where} {what} about {competitor.name}: '{summary}'"


def _num(value: float) -> str:
    return f"{value:g}"
