"""From response bytes to the pricing region: a cleaned lxml tree, where the prices are, and its lines.

The hot path stays in C where it can: one parse (comments dropped, so React's ``<!-- -->`` text splits
disappear), one ``strip_elements`` for scripts, styles and other non-content, one XPath for the body's
text nodes (a cheap test keeps the few with a currency or a "Contact sales"-like phrase), and an
ancestor walk from those nodes only — never an ancestor-set intersection over the whole tree.
The region is where the prices are: descend from ``<body>`` while one child holds them all, stop at a
``<section>``, take in short billing notes beside it, then trim leading and trailing children that hold
no price and say nothing about billing (heroes, FAQs, calls to action).
"""

from __future__ import annotations

import codecs
import functools
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.etree import _Element as Element

from sources._pricing.money import MONEY
from watcher.errors import ParseError

NON_CONTENT = ("script", "style", "noscript", "template", "iframe", "head", "object", "embed", "canvas", "video",
               "audio", "select", "nav", "dialog", "link", "meta")
CHROME = etree.XPath("/html/body/header | /html/body/footer | /html/body/*/header | /html/body/*/footer")
ALL_TEXT = etree.XPath("//body//text()")
SYMBOL = re.compile(r"[$€£¥₹₩円ł]")
PHRASES = frozenset(("contact sales", "contact us", "contact", "custom", "custom pricing", "custom price", "let's talk",
                     "talk to sales", "talk to us", "get a quote", "request a quote", "request pricing", "get in touch",
                     "contact for pricing", "book a demo", "free", "free forever", "$0", "quote", "custom quote",
                     "talk to an expert", "contact our sales team", "let’s talk", "contact sales →"))
SYMBOL_ONLY = re.compile(r"^(?:US\$|CA\$|A\$|[$€£¥₹₩円]|zł)$")
STOP = frozenset(("section", "article", "table", "ul", "ol"))
# Said of a short sibling of the prices: it belongs to the pricing (a toggle, a trial or tax note).
PRICING_WORDS = re.compile(r"\d+[- ]day|billed|annual|monthly|yearly|/mo\b|per (?:month|year|user|seat)|\bvat\b|"
                           r"\btax|currency|save \d|\d+ ?% off|months? free|excl\.|incl\.", re.I)
# Widgets and social proof; the second group only when it holds no price (a carousel of plan cards stays).
NOISE = re.compile(r"(?P<always>cookie|consent|gdpr|onetrust|cookiebot|testimonial|logo-?(?:wall|cloud|grid|strip|bar|"
                   r"list|s\b)|customer-?logos|trusted-?by|intercom|drift|crisp|livechat|chat-?widget|"
                   r"hubspot-messages|zendesk|tawk|olark|newsletter|breadcrumb|skip-?link|social-?proof|mega-?menu|"
                   r"share-?buttons)|carousel|slider|swiper|slick|splide|marquee|ticker|rotat|announcement|promo-?bar|"
                   r"modal|popup|toast|banner|sticky-?bar", re.I)
CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset=["']?([\w-]+)""", re.I)
_local = threading.local()


@dataclass(slots=True)
class Page:
    """A parsed page: the tree (scripts removed), the JSON islands it carried, hints about widgets."""

    root: Element
    ld_json: list[str] = field(default_factory=list)
    next_data: str | None = None
    nuxt_data: str | None = None
    nuxt: str | None = None
    rsc: list[str] = field(default_factory=list)
    scripts: int = 0
    widgets: list[str] = field(default_factory=list)
    aria_tables: bool = False


@dataclass(slots=True)
class Region:
    """Where the pricing is: its root elements and the price mentions per element (counted and below)."""

    roots: list[Element]
    counts: dict[Element, int]
    inside: set[Element]
    owners: list[Element]


def _parser(encoding: str) -> etree.HTMLParser:
    cache: dict[str, etree.HTMLParser] = _local.__dict__.setdefault("parsers", {})
    if encoding not in cache:
        cache[encoding] = etree.HTMLParser(encoding=encoding, remove_comments=True, remove_pis=True,
                                           no_network=True, default_doctype=False, collect_ids=False)
    return cache[encoding]


def encoding(body: bytes, headers: Mapping[str, str]) -> str:
    """The body's character encoding: the Content-Type header's, a <meta charset>, else UTF-8 when it decodes."""
    ctype = headers.get("content-type") or headers.get("Content-Type") or ""
    if "charset=" in ctype:
        return ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'").lower()
    m = CHARSET.search(body[:4096])
    if m:
        return m.group(1).decode("ascii").lower()
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


@functools.lru_cache(maxsize=256)
def ascii_safe(name: str) -> bool:
    """Whether, in encoding ``name``, each ASCII byte is that character and each other byte a character alone:
    UTF-8 (whose other bytes are never ASCII) and the single-byte charsets, not Shift_JIS, GBK, Big5, UTF-16,
    UTF-7 or ISO-2022-JP, where a character may be spelt with ASCII bytes."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    if info.name == "utf-8":
        return True
    try:
        for byte in range(256):
            text = info.incrementaldecoder("replace").decode(bytes([byte]), final=False)
            if not isinstance(text, str) or ((text != chr(byte)) if byte < 128 else (len(text) != 1)):
                return False
    except Exception:  # noqa: BLE001  (a bytes-to-bytes codec named as a charset: "hex", "zlib", "rot13" …)
        return False
    return True


def load(body: bytes, headers: Mapping[str, str]) -> Page:
    """Parse ``body``; keep the JSON islands and widget hints, then drop everything that is not content."""
    if not body.strip():
        raise ParseError("the pricing page is empty")
    try:
        root = etree.fromstring(body.replace(b"<!-- -->", b""), _parser(encoding(body, headers)))
    except (etree.ParserError, etree.XMLSyntaxError, LookupError, ValueError) as exc:
        raise ParseError(f"not an HTML page: {exc}") from exc
    if root is None or root.find("body") is None:
        raise ParseError("not an HTML page: it has no <body>")
    page = Page(root=root)
    _read_scripts(page)
    page.aria_tables = b'role="table"' in body or b'role="grid"' in body
    page.widgets = widgets(body)
    etree.strip_elements(root, *NON_CONTENT, with_tail=False)
    for el in CHROME(root):
        drop(el)
    return page


def widgets(body: bytes) -> list[str]:
    """Checkout and pricing-table widgets the page loads: why a page without prices in its HTML has none."""
    found = ["a Stripe pricing table (<stripe-pricing-table>)"] if b"<stripe-pricing-table" in body else []
    for needle, name in ((b"js.chargebee.com", "a Chargebee checkout"), (b"cdn.paddle.com", "a Paddle checkout"),
                         (b"paddle.js", "a Paddle checkout")):
        if needle in body and name not in found:
            found.append(name)
    return found


def script_role(kind: str, ident: str, text: str) -> str | None:
    """Which JSON island a script is (the Page field it fills), or None for code."""
    if kind.lower() == "application/ld+json":
        return "ld_json"
    if ident == "__NEXT_DATA__":
        return "next_data"
    if ident == "__NUXT_DATA__":
        return "nuxt_data"
    if "__NUXT__" in text[:200]:
        return "nuxt"
    if "self.__next_f.push" in text[:100]:
        return "rsc"
    return None


def _read_scripts(page: Page) -> None:
    for script in page.root.iter("script"):
        page.scripts += 1
        text = script.text or ""
        role = script_role(script.get("type") or "", script.get("id") or "", text)
        if role == "ld_json":
            page.ld_json.append(text)
        elif role == "rsc":
            page.rsc.append(text)
        elif role:
            setattr(page, role, text)


def drop(el: Element) -> None:
    """Remove ``el`` and its subtree but keep the text that follows it (lxml's tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _mentions(root: Element) -> list[tuple[Element, bool]]:
    """Owners of price-ish text, each with whether it is a strong mention (a short text with an amount)."""
    found = []
    for node in ALL_TEXT(root):
        if SYMBOL.search(node) or "USD" in node or "EUR" in node or "GBP" in node or "CHF" in node:
            said = node.strip()
            if not (SYMBOL_ONLY.match(said) or MONEY.search(said)):
                continue
            strong = len(said) <= 80
        elif len(node) < 40 and node.strip().lower().rstrip(" .!→›»") in PHRASES:
            strong = False
        else:
            continue
        owner = node.getparent() if node.is_text else node.getparent().getparent()
        if owner is not None:
            found.append((owner, strong))
    return found


@lru_cache(maxsize=4096)  # class names repeat across a site's pages and every check
def noise(marker: str) -> str | None:
    """"always" for a widget or social proof, "unpriced" for a carousel-like block, None otherwise."""
    m = NOISE.search(marker)
    return None if m is None else "always" if m["always"] else "unpriced"


def _noisy(el: Element, memo: dict[Element, bool]) -> bool:
    said = memo.get(el)
    if said is None:
        marker = el.get("class") or el.get("id")
        said = memo[el] = el.tag == "blockquote" or (marker is not None and noise(
            f"{marker} {el.get('id', '')}") == "always")
    return said


def _chains(mentions: list[tuple[Element, bool]]) -> list[tuple[list[Element], bool]]:
    """Each mention's chain of ancestors up to <html>; a mention inside a testimonial or widget is left out."""
    memo: dict[Element, bool] = {}
    out = []
    for owner, strong in mentions:
        chain = [owner, *owner.iterancestors()]
        if not any(_noisy(el, memo) for el in chain):
            out.append((chain, strong))
    return out


def _count(chains: list[tuple[list[Element], bool]], strong_only: bool = False) -> dict[Element, int]:
    """Mentions per element: each owner and all its ancestors."""
    counts: dict[Element, int] = {}
    for chain, strong in chains:
        if strong or not strong_only:
            for el in chain:
                counts[el] = counts.get(el, 0) + 1
    return counts


def _inside(chains: list[tuple[list[Element], bool]], roots: list[Element]) -> set[Element]:
    """The counted elements at or below one of ``roots``."""
    inside: set[Element] = set()
    for chain, _ in chains:
        for i, el in enumerate(chain):
            if any(el is r for r in roots):
                inside.update(chain[:i + 1])
                break
    return inside


def _descend(body: Element, counts: dict[Element, int], strong: dict[Element, int]) -> Element:
    """Go down while one child holds every price: all mentions, or all of at least two amounts.

    Amounts lead (a "Contact sales" button in the hero must not hold the region up), but a single amount
    does not pull the region into its card away from a "Let's talk" card beside it.
    """
    node = body
    while node is body or node.tag not in STOP:
        every, amounts = counts.get(node, 0), strong.get(node, 0)
        holder = next((c for c in node if counts.get(c, 0) == every or (amounts >= 2 and strong.get(c, 0) == amounts)),
                      None)
        if holder is None or not isinstance(holder.tag, str):
            break
        node = holder
    return node


def _text(el: Element) -> str:
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _pricing_ish(el: Element, counts: dict[Element, int]) -> bool:
    if counts.get(el):
        return True
    if el.tag in ("h1", "h2"):
        return False
    text = _text(el)
    return len(text) <= 240 and bool(PRICING_WORDS.search(text))


def _widen(node: Element, body: Element, counts: dict[Element, int]) -> Element:
    """Go up while the siblings are short pricing notes (a toggle, "14-day free trial", "prices excl. VAT")."""
    for _ in range(2):
        parent = node.getparent()
        if node is body or parent is None or parent.tag == "html":
            break
        siblings = [c for c in parent if c is not node and isinstance(c.tag, str)]
        if not any(_pricing_ish(s, counts) for s in siblings):
            break
        node = parent
    return node


def _trim(node: Element, counts: dict[Element, int]) -> None:
    """Drop leading and trailing children that neither hold a price nor speak of billing."""
    while len(node) == 1 and isinstance(node[0].tag, str) and not (node.text or "").strip() and node[0].tag not in STOP:
        node = node[0]
    kids = [c for c in node if isinstance(c.tag, str)]
    keep = [_pricing_ish(c, counts) for c in kids]
    if not any(keep):
        return
    first, last = keep.index(True), len(keep) - 1 - keep[::-1].index(True)
    for i, kid in enumerate(kids):
        if i < first or i > last:
            drop(kid)


def _selector(css: str) -> CSSSelector:
    """Compiled for each page: a compiled ``:contains()`` selector (an lxml XPath extension function) kept
    across pages from different parsers fails with "XPath function lower-case not found"."""
    try:
        return CSSSelector(css)
    except Exception as exc:  # cssselect raises its own SelectorSyntaxError / ExpressionError
        raise ParseError(f"options.selector {css!r} is not a valid CSS selector: {exc}") from exc


def find_region(page: Page, selector: str | None) -> Region | None:
    """The pricing region (``None``: the page holds no price at all)."""
    body = page.root.find("body")
    assert body is not None
    chains = _chains(_mentions(page.root))
    counts = _count(chains)
    if selector:
        roots = _selector(selector)(page.root)
        if not roots:
            raise ParseError(f"options.selector {selector!r} matches nothing on the page")
    elif not chains:
        return None
    else:
        node = _widen(_descend(body, counts, _count(chains, strong_only=True)), body, counts)
        _trim(node, counts)
        roots = [node]
    inside = _inside(chains, roots)
    return Region(roots=roots, counts=counts, inside=inside, owners=[c[0] for c, _ in chains if c[0] in inside])


def shell_error(page: Page) -> ParseError:
    """Why a page without prices cannot be watched as it is, and what to do instead."""
    remedy = ("set options.selector to the element that holds the plans, or watch the JSON endpoint the page calls "
              "(see the browser's network tab) with a JSON source; rendering with a headless browser is not "
              "supported yet")
    if page.widgets:
        return ParseError(f"no prices in the HTML: they are drawn in the browser by {page.widgets[0]}; {remedy}")
    body = page.root.find("body")
    text = _text(body).strip() if body is not None else ""
    mount = page.root.xpath("//*[@id='root' or @id='__next' or @id='app' or @id='__nuxt' or @id='___gatsby']")
    if page.scripts and (len(text) < 200 or any(not _text(m).strip() for m in mount)):
        where = f"an empty #{mount[0].get('id')}" if mount else "almost no text"
        return ParseError(f"no prices in the HTML: the page is a JavaScript shell ({where} and {page.scripts} "
                          f"scripts) whose prices are rendered in the browser; {remedy}")
    return ParseError(f"no prices found on the page; {remedy}")
