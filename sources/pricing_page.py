"""`pricing_page`: a company's pricing page, watched as a document.

parse: the pricing region (``options.selector``, or found where the prices are), cleaned of navigation,
banners, testimonials, widgets and volatile tokens, becomes ``Document.text`` (normalised lines, for the
diff) and ``Document.data`` (plans with prices, billing, "contact sales", features; trial; discounts).
A page whose prices are drawn in the browser is a ParseError that says what to do instead.
interpret_change: one ``pricing_change`` signal listing what changed, field by field (sources/_pricing).
Options: ``selector`` (CSS), ``language`` (Accept-Language), ``cookies`` (pinned currency, region, consent).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from sources._pricing.describe import evidence, facts, price_list, title
from sources._pricing.diff import Change as ModelChange
from sources._pricing.diff import compare, text_diff
from sources._pricing.fingerprint import page_fingerprint
from sources._pricing.model import build
from sources._pricing.page import Page, ascii_safe, encoding, load
from watcher.domain import Change, Document, Observation, Signal, WatchContext
from watcher.errors import ParseError
from watcher.registry import register_source
from watcher.sourcekind import Source

DIFF_LIMIT = 20_000
UTF_16_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # byte-order marks libxml2 follows whatever is declared


def unified(old: str, new: str) -> str:
    """The unified diff of two extracted texts (a line differing in volatile values alone is shown as it is now),
    bounded."""
    return "\n".join(text_diff(old, new))[:DIFF_LIMIT]


def _text_change(diff: str) -> ModelChange:
    body = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
    old = "\n".join(line[1:] for line in body if line.startswith("-"))
    new = "\n".join(line[1:] for line in body if line.startswith("+"))
    return {"type": "text_changed", "plan": None, "old": old[:500] or None, "new": new[:500] or None,
            "evidence": [f"{line[0]} {line[1:]}" for line in body[:12]]}


@register_source("pricing_page")
class PricingPage(Source):
    family = "document"
    page = True
    signal_kind = "pricing_change"
    confirm_changes = True  # an A/B variant or a flapping cache must hold on a re-fetch before it is a change

    def __init__(self) -> None:
        # The page the fingerprint loaded, handed to ``parse`` of the same body when the digest misses: the
        # checker asks both of one instance, one check at a time.
        self._loaded: tuple[bytes, Mapping[str, str], Page] | None = None

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        headers = {"Accept": "text/html,application/xhtml+xml",
                   "Accept-Language": str(watch.options.get("language") or "en-US")}
        cookies = watch.options.get("cookies")
        if isinstance(cookies, Mapping):
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        elif isinstance(cookies, str) and cookies:
            headers["Cookie"] = cookies
        return headers

    def template_scope(self, body: bytes, headers: Mapping[str, str]) -> str | None:
        """Its CSRF tokens, nonces and times differ on every request; its bytes are learned as a template when
        they are read in UTF-8 or a single-byte charset (not Shift_JIS, GBK, Big5, UTF-16, ISO-2022-JP …), in the
        scope of that encoding (a token that pushes the page's <meta charset> out of the first 4 KB, or holds a
        "charset=", changes it)."""
        if body.startswith(UTF_16_32):
            return None
        read_as = encoding(body, headers)
        return read_as if ascii_safe(read_as) else None

    def fingerprint(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> str | None:
        try:
            page = load(body, headers)
        except ParseError:
            return None  # the build says why
        self._loaded = (body, headers, page)
        return page_fingerprint(page, body, headers, watch.options.get("selector") or None)

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        loaded, self._loaded = self._loaded, None
        page = loaded[2] if loaded is not None and loaded[0] is body and loaded[1] is headers else load(body, headers)
        data, text, warnings = build(page, watch.options.get("selector") or None)
        return Observation(document=Document(text=text, data=data), warnings=tuple(warnings))

    def text_diff(self, old: str, new: str, before: str, after: str) -> list[str]:
        """As the alert's ``facts.diff`` reads (unbounded): a line that differs in volatile values alone is one."""
        return text_diff(old, new, before, after)

    def interpret_change(self, change: Change, watch: WatchContext, now: datetime) -> list[Signal]:
        changes = compare(change.previous.data, change.current.data)
        if changes is None:  # the snapshot was taken by an older extractor: accept silently as the new baseline
            return []
        diff = unified(change.previous.text, change.current.text)
        if not changes:
            if change.previous.text == change.current.text:
                return []
            changes = [_text_change(diff)]
        account = watch.account
        domain = account.domain if account else (urlsplit(watch.target).hostname or watch.target)
        model = json.dumps(change.current.data, sort_keys=True, ensure_ascii=False, default=str)
        return [Signal(
            kind=self.signal_kind, account=account.name if account else None,
            account_domain=account.domain if account else None,
            title=title(account.name if account else domain, changes), url=watch.target, occurred_at=None,
            detected_at=now, source=self.kind,
            dedup_key=f"pricing_change:{domain}:{hashlib.sha256(model.encode()).hexdigest()[:16]}",
            facts={"changes": facts(changes), "old_prices": price_list(change.previous.data),
                   "new_prices": price_list(change.current.data), "diff": diff},
            evidence=evidence(changes),
        )]
