"""A digest of what a pricing extraction reads, with what the extraction treats as volatile already folded.

Most checks of a pricing page find it unchanged, yet its bytes differ on every request: CSRF tokens,
CSP nonces, "last refreshed" times, "12 people are viewing". Building the model costs about 4 ms of CPU
(parse, region, serialisation, plans); this digest costs well under half of that and lets the checker
recognise "the same page as the accepted one" without building it, the way a 304 does for a feed.

Two bodies with the same fingerprint build the same model and text:

- In: the body's markup: tags and attributes verbatim, except ``nonce``, ``integrity`` and ``value``
  (no extraction step reads them) and UUIDs and runs of 16 or more hex digits in them; the body's text
  through ``scrub`` (the placeholders the extraction writes into its own output); the plans the JSON
  islands hold, read as the extraction reads them (their tokens and timestamps never reach a plan); the
  widget hints, the number of scripts, the encoding, the selector, and the extractor's and the release's
  versions.
- Out: comments, scripts that are not islands, styles, and ``<head>``: the extraction drops them all
  before it reads anything.

A page it cannot read with that certainty (no ``<body>`` tag, content or unknown tags before it, a
raw-text element it cannot close, a ``<textarea>``) has no fingerprint and is always built. A false
"different" only costs a build; a false "same" would hide a change, so anything in doubt stays in.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Mapping

from lxml import etree

from sources._pricing.islands import island_plans, ld_plans
from sources._pricing.model import VERSION
from sources._pricing.page import Page, encoding, script_role, widgets
from sources._pricing.text import BREAK, scrub
from watcher import __version__

# The recipe's version; with the model's and the release's, it salts the digest: after an upgrade every
# stored fingerprint misses once and each page is built by the new code.
FORMAT = 1
# Encodings in which "<", ">" and ASCII tag names are single bytes that no other character contains: the
# markup is found in the bytes (ASCII lower() is eight times cheaper than str.lower() on a page with "✓").
ASCII_SAFE = ("utf-8", "ascii", "latin-1", "iso8859-", "cp125", "windows-125", "mac-roman", "koi8-")
# What may stand before <body> and still leave the body all the content: head tags, a title, an empty
# <noscript> (Next.js writes one); anything else there is moved into the body by the parser.
HEADISH = re.compile(rb"<(?:!doctype|!DOCTYPE|/?html|/?head|meta|link|base)(?=[\s/>])[^>]*>|"
                     rb"<title(?=[\s>])[^>]*>[^<]*</title>|<noscript(?=[\s>])[^>]*></noscript>")
TAG_SPLIT = re.compile(rb"(<[^>]*>)")
# Hex runs in attribute values (an e-mail protection hash, a request id, a signature): no word the
# extraction looks for in a class, a label or a file name is spelt with hex digits alone, so they fold.
# They are found in a copy where every hex digit is "h" (bytes.find runs in C; a regex takes ~1 ms).
HEX_MASK = bytes(ord("h") if chr(i) in "0123456789abcdefABCDEF" else ord("_") if chr(i) == "h" else i
                 for i in range(256))
HEX_RUNS = (b"hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh", b"h" * 16)
NOT_HEX = re.compile(rb"[^h]")
UNREAD = re.compile(rb"""(?:nonce|integrity|value)=(?:"[^"]*"|'[^']*'|[^\s>]*)""")
SPACE_OR_END = frozenset(b" \t\n\r\f>/")
ATTRIBUTE = {name: re.compile(rf"""(?:^|\s){name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""".encode(), re.I)
             for name in ("type", "id")}
# Left in the markup, these mean text the parser reads otherwise than this digest does: a raw-text
# element not taken out, or an element whose text is not markup (a "<script>" inside a <textarea>).
DOUBT = re.compile(rb"<(?:script|style|textarea|xmp|plaintext|noembed|noframes)")  # on lower-cased tags
STRANGE_COMMENTS = (b"<!-->", b"<!--->", b"--!>")  # ends of comments that parsers disagree about
_NO_ROOT = etree.Element("html")


def _attribute(tag: bytes, name: str) -> str:
    m = ATTRIBUTE[name].search(tag)
    return next((g for g in m.groups() if g is not None), b"").decode("latin-1") if m else ""


def _take_raw(html: bytes, charset: str, page: Page) -> bytes | None:
    """``html`` without comments, scripts and styles, as the parser ends them; the islands go to ``page``."""
    low = html.lower()
    ahead = {opener: low.find(opener) for opener in (b"<!--", b"<script", b"<style")}
    if ahead[b"<!--"] >= 0 and any(s in html for s in STRANGE_COMMENTS):
        return None
    out: list[bytes] = []
    at = 0
    while True:
        for opener, found in ahead.items():
            if 0 <= found < at:
                ahead[opener] = low.find(opener, at)
        found, opener = min(((f, o) for o, f in ahead.items() if f >= 0), default=(-1, b""))
        if found < 0:
            break
        out.append(html[at:found])
        if opener == b"<!--":
            end = html.find(b"-->", found + 4)
            if end < 0:
                return None
            at = end + 3
            continue
        name_end = found + len(opener)
        if low[name_end] not in SPACE_OR_END:  # <scripts>, <style-guide>: another element
            out.append(html[found:name_end])
            at = name_end
            continue
        gt = html.find(b">", name_end)
        close = low.find(b"</" + opener[1:], gt)
        attributes = html[name_end:gt]
        if gt < 0 or close < 0 or attributes.count(b'"') % 2 or attributes.count(b"'") % 2:
            return None  # unclosed, or a quoted ">" in the tag: where the parser ends it is not certain
        if opener == b"<script":
            page.scripts += 1
            text = html[gt + 1:close].decode(charset, "surrogateescape")
            role = script_role(_attribute(attributes, "type"), _attribute(attributes, "id"), text)
            if role == "ld_json":
                page.ld_json.append(text)
            elif role == "rsc":
                page.rsc.append(text)
            elif role:
                setattr(page, role, text)
        end = html.find(b">", close)
        if end < 0:
            return None
        at = end + 1
    out.append(html[at:])
    return b"".join(out)


def _fold_hex(tags: bytes) -> bytes:
    """``tags`` with each UUID and each run of 16 or more hex digits replaced by "#"."""
    mask = tags.translate(HEX_MASK)
    for run in HEX_RUNS:
        at = mask.find(run)
        if at < 0:
            continue
        out: list[bytes] = []
        last = 0
        while at >= 0:
            end = at + len(run)
            if run == HEX_RUNS[1]:  # the run goes on to the next non-hex byte
                stop = NOT_HEX.search(mask, end)
                end = stop.start() if stop else len(mask)
            out += [tags[last:at], b"#"]
            last = end
            at = mask.find(run, end)
        out.append(tags[last:])
        tags = b"".join(out)
        mask = tags.translate(HEX_MASK)
    return tags


def _unread(m: re.Match[bytes]) -> bytes:
    """An attribute no extraction step reads is left out; ``data-value=`` and ``:value=`` are other names."""
    return b"" if m.string[m.start() - 1] in b" \t\n\r\f" else m[0]


def fingerprint(body: bytes, headers: Mapping[str, str], selector: str | None) -> str | None:
    """The digest of ``body`` as the extraction sees it, or None when it cannot be taken with certainty."""
    charset = encoding(body, headers)
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    if not name.startswith(ASCII_SAFE) or b"\x00" in body:
        return None
    islands = Page(root=_NO_ROOT)
    rest = _take_raw(body, name, islands)
    opening = -1 if rest is None else rest.find(b"<body")
    if rest is None or opening < 0 or rest[opening + 5] not in SPACE_OR_END or HEADISH.sub(b"", rest[:opening]).strip():
        return None
    parts = TAG_SPLIT.split(rest[opening:])
    tags = b"\x00".join(parts[1::2])
    if DOUBT.search(tags.lower()):
        return None
    text = b"\x00".join(parts[::2]).decode(name, "surrogateescape").replace("\x00", BREAK)
    data = {"scripts": islands.scripts, "widgets": widgets(body), "aria": b'role="table"' in body or
            b'role="grid"' in body, "ld": ld_plans(islands.ld_json) if islands.ld_json else [],
            "islands": island_plans(islands)}
    digest = hashlib.blake2b(f"{FORMAT}:{VERSION}:{__version__}:{selector or ''}:{name}".encode(), digest_size=20)
    digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    digest.update(b"\x01")
    digest.update(_fold_hex(UNREAD.sub(_unread, tags)))
    digest.update(b"\x01")
    digest.update(scrub(text).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
