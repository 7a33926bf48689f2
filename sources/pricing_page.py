"""`pricing_page`: a company's pricing page, watched as a document.

The pricing region is taken from a configured CSS selector (``options.selector``) or found
automatically as the smallest element that holds every price on the page; navigation, footers,
scripts, cookie banners, testimonials and carousels are dropped, and volatile tokens (dates,
times, nonces, counters) are normalised away before the core compares versions. The full
structured model (plans, features, confirming re-fetch) grows on this in the pricing issue.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping
from datetime import datetime

from lxml import etree
from lxml import html as lhtml

from watcher.domain import Change, Document, Observation, Signal, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source
from watcher.sourcekind import Source

DROP_TAGS = ("script", "style", "noscript", "svg", "template", "iframe", "nav", "footer", "head", "form", "button")
NOISE = re.compile(r"cookie|consent|gdpr|banner|testimonial|carousel|slider|marquee|chat|intercom|newsletter|"
                   r"modal|popup|announcement|promo-bar|logo-?wall|customer-?logos|review", re.I)
BLOCK = frozenset("p div section article li ul ol tr td th table h1 h2 h3 h4 h5 h6 header main aside dl dt dd "
                  "br hr blockquote figure figcaption summary details label".split())
PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:USD|EUR|GBP|€|\$))")
VOLATILE = [
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"), "<date>"),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AaPp][Mm])?\b"), "<time>"),
    (re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}\b"), "<date>"),
    (re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}\b"), "<date>"),
    (re.compile(r"(?:©|\(c\)|copyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?", re.I), "©"),
    (re.compile(r"\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}\b"), "<token>"),
    (re.compile(r"\b(?:updated|posted|refreshed)\s+\d+\s+\w+\s+ago\b", re.I), "<ago>"),
    (re.compile(r"\b\d+\s+(?:people|users|customers|teams)\s+(?:are\s+)?(?:viewing|online|signed up)\b[^.]*", re.I),
     "<counter>"),
]
SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _drop_noise(root: lhtml.HtmlElement) -> None:
    etree.strip_elements(root, *DROP_TAGS, etree.Comment, with_tail=False)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        marker = f"{el.get('id', '')} {el.get('class', '')} {el.get('role', '')} {el.get('aria-label', '')}"
        if el.get("hidden") is not None or (marker.strip() and NOISE.search(marker)):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)


def _region(root: lhtml.HtmlElement, selector: str | None) -> lhtml.HtmlElement:
    if selector:
        found = root.cssselect(selector)
        if not found:
            raise ParseError(f"the selector {selector!r} matches nothing on the page")
        return found[0]
    holders = [el for el in root.iter() if isinstance(el.tag, str) and el.text and PRICE.search(el.text)]
    if not holders:
        main = root.find(".//main")
        return main if main is not None else root
    common = set(holders[0].iterancestors()) | {holders[0]}
    for el in holders[1:]:
        common &= set(el.iterancestors()) | {el}
    # The deepest shared ancestor: the one with the most ancestors of its own.
    return max(common, key=lambda el: sum(1 for _ in el.iterancestors()))


def visible_lines(region: lhtml.HtmlElement) -> list[str]:
    """The region's text, one line per block, volatile tokens normalised."""
    for el in region.iter():
        if isinstance(el.tag, str) and el.tag in BLOCK:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    lines = []
    for raw in region.text_content().splitlines():
        line = SPACE.sub(" ", raw).strip()
        for pattern, replacement in VOLATILE:
            line = pattern.sub(replacement, line)
        if line:
            lines.append(line)
    return lines


@register_source("pricing_page")
class PricingPage(Source):
    family = "document"
    page = True
    signal_kind = "pricing_change"

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "text/html,application/xhtml+xml", "Accept-Language": watch.options.get("language", "en-US")}

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        if not body.strip():
            raise ParseError("the pricing page is empty")
        try:
            root = lhtml.document_fromstring(body)
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"not an HTML page: {exc}") from exc
        _drop_noise(root)
        lines = visible_lines(_region(root, watch.options.get("selector")))
        prices = sorted({m.group(0).replace(" ", "") for line in lines for m in PRICE.finditer(line)})
        return Observation(document=Document(text="\n".join(lines), data={"prices": prices}))

    def interpret_change(self, change: Change, watch: WatchContext, now: datetime) -> list[Signal]:
        account = watch.account
        old, new = change.previous.text.splitlines(), change.current.text.splitlines()
        diff = "\n".join(difflib.unified_diff(old, new, "before", "after", lineterm="", n=1))
        added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
        removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
        digest = hashlib.sha1(change.current.text.encode()).hexdigest()[:16]
        name = account.name if account else watch.target
        return [Signal(
            kind="pricing_change", account=account.name if account else None,
            account_domain=account.domain if account else None, title=f"{name} changed its pricing page",
            url=watch.target, occurred_at=None, detected_at=now, source=self.kind,
            dedup_key=f"pricing_change:{account.domain if account else watch.target}:{digest}",
            facts={"changes": [{"type": "text_changed", "old": "\n".join(removed)[:500],
                                "new": "\n".join(added)[:500]}],
                   "old_prices": change.previous.data.get("prices", []),
                   "new_prices": change.current.data.get("prices", []), "diff": diff[:20000]},
            evidence="\n".join(f"- {r}" for r in removed[:5]) + "\n" + "\n".join(f"+ {a}" for a in added[:5]),
        )]
