"""A digest of what a pricing extraction reads, with its volatile values folded.

Most checks of a pricing page find it unchanged, yet its bytes differ on every request: CSRF tokens,
CSP nonces, "last refreshed" times, "12 people are viewing". Building the model costs about 4 ms of CPU;
this digest costs about half and lets the checker recognise "the accepted page again" without building
it, the way a 304 does for a feed.

It is taken from the extraction's own starting point, ``page.load``: the same lxml parse, the same
scripts, styles, head and site chrome removed, the same JSON islands. The whole document is then
serialised as XML, where ``<`` and ``>`` are always escaped inside text and attribute values, so
splitting it into tags and text is exact (no second HTML tokenizer that could disagree with libxml2).
The digest holds:

- the tags with their attributes verbatim; without a selector, the ``nonce``, ``integrity`` and
  ``value`` attributes (no extraction step reads them) are removed from the tree first, and whole UUIDs
  and whole runs of 16 or more hex digits fold to their length;
- the text through ``text.fold_volatile``: dates, times, counters, durations, copyright years and
  tokens, each folded where it stands, never the words or prices beside them (``scrub``, which the
  extraction runs on its region, folds more: a counter's sentence, a countdown's block);
- the plans the islands hold, read by the extraction's island readers (their tokens never reach a
  plan), the widget hints, the number of scripts, the charset, the selector, the model's version and
  the release's.

So two bodies with the same fingerprint differ at most in volatile values. The extraction may still read those
two bodies differently in two ways, both about a volatile value alone: it leaves one unfolded where its
context hides it (its phrase missing from the region, or glued to a neighbour by inline tags in a way
``text.scrub`` does not know), or the value's length tips one of its length thresholds ("9 people" against "10
people" in a short line). Either way it would report an unchanged page as changed, which the fingerprint does
not repeat. A page holding characters of the private-use block the extraction writes its marks in
(U+E000–U+E03F) has no fingerprint and is always built.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from lxml import etree

from sources._pricing.islands import island_plans, ld_plans
from sources._pricing.model import VERSION
from sources._pricing.page import Page, encoding, load
from sources._pricing.text import BREAK, fold_volatile
from watcher import __version__
from watcher.errors import ParseError

# The recipe's version; with the model's and the release's, it salts the digest: after an upgrade every
# stored fingerprint misses once and each page is built by the new code.
FORMAT = 4  # 4: a countdown's later units are hours, minutes or seconds (text.COUNTDOWN_SPAN)
TAG_SPLIT = re.compile(r"(<[^>]*>)")  # exact on XML output: "<" and ">" are escaped everywhere else
# The attributes no extraction step reads; selected as attributes, which libxml2 finds about four times
# faster than it tests every element for them.
UNREAD = etree.XPath("//@nonce | //@integrity | //@value")
PRIVATE_USE = "\ue000".encode()[:2]  # the UTF-8 lead of U+E000-U+E03F, which holds the extraction's marks
# Hex runs in attribute values (an e-mail protection hash, a request id, a signature): no word the
# extraction looks for in a class, a label or a file name is spelt with hex digits alone. Only whole runs
# fold (not one glued to letters), to "\x01" and their length: a character XML output never holds. They are
# found in a copy where every hex digit is "h" (str.find runs in C; a regex over the tags takes about 1 ms).
HEX_MASK = str.maketrans({c: "h" for c in "0123456789abcdefABCDEF"} | {"h": "_"})
HEX_RUNS = ("hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh", "h" * 16)
NOT_HEX = re.compile(r"[^h]")


def _whole(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _fold_hex(tags: str) -> str:
    """``tags`` with each whole UUID and each whole run of 16 or more hex digits folded to its length."""
    for run in HEX_RUNS:
        mask = tags.translate(HEX_MASK)
        at = mask.find(run)
        if at < 0:
            continue
        out: list[str] = []
        last = 0
        while at >= 0:
            end = at + len(run)
            if run == HEX_RUNS[1]:  # the run goes on to the next non-hex character
                stop = NOT_HEX.search(mask, end)
                end = stop.start() if stop else len(mask)
            if _whole(tags, at, end):
                out += [tags[last:at], f"\x01{end - at}"]
                last = end
            at = mask.find(run, end)
        out.append(tags[last:])
        tags = "".join(out)
    return tags


def fingerprint(body: bytes, headers: Mapping[str, str], selector: str | None) -> str | None:
    """The digest of ``body`` as the extraction sees it; None when the page cannot be loaded (the build
    then says why) or holds the extraction's private marks."""
    try:
        page = load(body, headers)
    except ParseError:
        return None
    return page_fingerprint(page, body, headers, selector)


def page_fingerprint(page: Page, body: bytes, headers: Mapping[str, str], selector: str | None) -> str | None:
    """``fingerprint`` of a page already loaded from ``body``. Without a selector, the attributes no
    extraction step reads are removed from ``page``; the rest is left as it was, so the build may still
    take it when the digest misses (one parse, not two)."""
    if not selector:  # a selector may test any attribute; then every one is kept as it is
        for value in UNREAD(page.root):
            value.getparent().attrib.pop(value.attrname, None)
    # Every child of <html> (libxml2 keeps a second <body>), and <html>'s own attributes in its tag.
    xml = etree.tostring(page.root, method="xml", encoding="unicode")
    if PRIVATE_USE in xml.encode("utf-8", "surrogatepass"):  # a byte search: a regex over the text takes 4x longer
        return None
    parts = TAG_SPLIT.split(xml)
    tags = "\x00".join(parts[1::2])
    text = BREAK.join(parts[::2])
    if not selector:
        tags = _fold_hex(tags)
    if not (selector and ":contains" in selector):  # a selector's :contains() reads the raw text
        text = fold_volatile(text)
    data = {"scripts": page.scripts, "widgets": page.widgets, "aria": page.aria_tables,
            "ld": ld_plans(page.ld_json) if page.ld_json else [], "islands": island_plans(page)}
    digest = hashlib.blake2b(f"{FORMAT}:{VERSION}:{__version__}:{selector or ''}:{encoding(body, headers)}".encode(),
                             digest_size=20)
    for part in (json.dumps(data, sort_keys=True, default=str), tags, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x01")
    return digest.hexdigest()
