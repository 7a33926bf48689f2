"""A digest of what a pricing extraction reads, with what the extraction treats as volatile already folded.

Most checks of a pricing page find it unchanged, yet its bytes differ on every request: CSRF tokens,
CSP nonces, "last refreshed" times, "12 people are viewing". Building the model costs about 4 ms of CPU;
this digest costs about half and lets the checker recognise "the accepted page again" without building
it, the way a 304 does for a feed.

It is taken from the extraction's own starting point, ``page.load``: the same lxml parse, the same
scripts, styles, head and site chrome removed, the same JSON islands. The body is then serialised as
XML, where ``<`` and ``>`` are always escaped inside text and attribute values, so splitting it into
tags and text is exact (no second HTML tokenizer that could disagree with libxml2). The digest holds:

- the tags with their attributes verbatim, and ``<html>``'s attributes; without a selector, the
  ``nonce``, ``integrity`` and ``value`` attributes (no extraction step reads them) are left out, and
  UUIDs and runs of 16 or more hex digits are folded to their length;
- the text through ``scrub``, the extraction's own folding of dates, times, counters and tokens;
- the plans the islands hold, read by the extraction's island readers (their tokens never reach a
  plan), the widget hints, the number of scripts, the charset, the selector, the model's version
  and the release's.

So two bodies with the same fingerprint differ at most in what the extraction folds as volatile. The
one thing the extraction could still do differently on them is tip a length threshold on a volatile
value ("9 people" vs "10 people" in a short line): a difference the extraction would report as a
change of an unchanged page, which the fingerprint does not repeat. Likewise each text node is folded
by itself, so a token glued to a letter by an inline tag is folded here and kept there: a token change,
volatile by the extraction's own rules. A page holding characters of the private-use block the
extraction writes its marks in (U+E000–U+E03F) has no fingerprint and is always built.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from lxml import etree

from sources._pricing.islands import island_plans, ld_plans
from sources._pricing.model import VERSION
from sources._pricing.page import encoding, load
from sources._pricing.text import BREAK
from sources._pricing.text import scrub as scrub_text
from watcher import __version__
from watcher.errors import ParseError

# The recipe's version; with the model's and the release's, it salts the digest: after an upgrade every
# stored fingerprint misses once and each page is built by the new code.
FORMAT = 2
TAG_SPLIT = re.compile(r"(<[^>]*>)")  # exact on XML output: "<" and ">" are escaped everywhere else
UNREAD = re.compile(r' (?:nonce|integrity|value)="[^"]*"')  # XML output: one space, double quotes, &quot;
PRIVATE_USE = "\ue000".encode()[:2]  # the UTF-8 lead of U+E000-U+E03F, which holds the extraction's marks
# Hex runs in attribute values (an e-mail protection hash, a request id, a signature): no word the
# extraction looks for in a class, a label or a file name is spelt with hex digits alone. They are found
# in a copy where every hex digit is "h" (str.find runs in C; a regex over the tags takes about 1 ms).
HEX_MASK = str.maketrans({c: "h" for c in "0123456789abcdefABCDEF"} | {"h": "_"})
HEX_RUNS = ("hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh", "h" * 16)
NOT_HEX = re.compile(r"[^h]")


def _fold_hex(tags: str) -> str:
    """``tags`` with each UUID and each run of 16 or more hex digits replaced by ``#`` and its length."""
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
            out += [tags[last:at], f"#{end - at}"]
            last = end
            at = mask.find(run, end)
        out.append(tags[last:])
        tags = "".join(out)
    return tags


def fingerprint(body: bytes, headers: Mapping[str, str], selector: str | None) -> str | None:
    """The digest of ``body`` as the extraction sees it; None when the page cannot be loaded (the build
    then says why) or its text holds the extraction's private marks."""
    try:
        page = load(body, headers)
    except ParseError:
        return None
    content = page.root.find("body")
    assert content is not None  # load() refuses a page without one
    xml = etree.tostring(content, method="xml", encoding="unicode")
    if PRIVATE_USE in xml.encode("utf-8", "surrogatepass"):  # a byte search: a regex over the text takes 4x longer
        return None
    parts = TAG_SPLIT.split(xml)
    tags = "\x00".join(parts[1::2])
    if not selector:  # a selector may test any attribute; then every one is kept as it is
        tags = _fold_hex(UNREAD.sub("", tags))
    data = {"html": dict(page.root.attrib), "scripts": page.scripts, "widgets": page.widgets,
            "aria": page.aria_tables, "ld": ld_plans(page.ld_json) if page.ld_json else [],
            "islands": island_plans(page)}
    digest = hashlib.blake2b(f"{FORMAT}:{VERSION}:{__version__}:{selector or ''}:{encoding(body, headers)}".encode(),
                             digest_size=20)
    for part in (json.dumps(data, sort_keys=True, default=str), tags, scrub_text(BREAK.join(parts[::2]))):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x01")
    return digest.hexdigest()
