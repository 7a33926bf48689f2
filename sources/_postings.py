"""Reading job postings, whatever the ATS: one ``Posting`` record, dates, places, remote work, snippets.

Every job-board kind turns its ATS's records into ``Posting``s with these helpers and hands them to
``item_from``; the item's ``data`` is what the core keeps in its ledger (and gives back for closed roles
and surges), so it holds only short, JSON-friendly values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import operator
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sources._markup import markup_text
from watcher import __version__
from watcher.domain import Item, iso
from watcher.errors import ParseError
from watcher.titles import clean_title, lower_ascii

SNIPPET_CHARS = 280
SNIPPET_SOURCE = SNIPPET_CHARS * 5  # decoded markup folded for a snippet before the rest is looked at
_REMOTE_WORDS = re.compile(r"\b(?:remote|anywhere|telecommute|work from home|wfh|télétravail|remoto)\b", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Posting:
    """One posting as the ATS publishes it; ``description`` may be HTML (even HTML-escaped) or plain text."""

    id: str
    title: str
    url: str | None = None
    posted_at: datetime | None = None
    location: str | None = None
    workplace: str | None = None  # "remote", "hybrid", "onsite" or None when not said
    remote: bool | None = None  # an explicit remote flag from the ATS
    department: str | None = None
    company: str | None = None
    description: str = ""


def item_from(posting: Posting, ats: str, digest: str | None = None) -> Item:
    """The ledger item of a posting (its id is the ATS's posting id), with its ``posting_digest``."""
    snippet = snippet_of(posting.description)
    location = posting.location or None
    data = {"location": location, "remote": remote_of(posting.remote, posting.workplace, location),
            "workplace": posting.workplace, "department": posting.department or None,
            "company": posting.company or None, "posted_at": iso(posting.posted_at), "snippet": snippet, "ats": ats}
    return Item(id=posting.id, title=clean_title(posting.title), url=posting.url, published_at=posting.posted_at,
                text=snippet, data=data, digest=digest)


# The digest's recipe (a new one misses every stored digest once: each board is read whole once), and the release.
_DIGEST_SCOPE = f"posting-1\x00{__version__}\x00".encode()
_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Posting)))


def posting_digest(posting: Posting, ats: str) -> str:
    """The digest of every field of a posting (Item.digest): a posting met again as it was is known by it, and
    its item is not built again (its description cut to a snippet), which most of a changed board's parse was.

    The item's key is the posting's id, which the digest covers; a posting's ledger row keeps what it was first
    read as, whether it is met again known or read."""
    fields = repr((ats, _FIELDS(posting))).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(_DIGEST_SCOPE + fields, digest_size=16).hexdigest()


def load_json(body: bytes, kind: str, expected: str) -> Any:
    """The decoded JSON body; an HTML page or malformed JSON is a ParseError naming what was expected."""
    if body[:512].lstrip().startswith(b"<"):
        raise ParseError(f"{kind}: expected {expected}, got an HTML or XML page (an error or login page?)")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{kind}: expected {expected}, got malformed JSON ({exc})") from exc
    except RecursionError:
        raise ParseError(f"{kind}: expected {expected}, got malformed JSON (nested too deeply)") from None


def envelope(data: Any, key: str | None, kind: str, expected: str) -> list[dict[str, Any]]:
    """The objects of ``data[key]`` (of ``data`` itself when ``key`` is None, a bare array); a missing or
    mistyped envelope is a ParseError naming what came instead."""
    records = data if key is None else data.get(key) if isinstance(data, dict) else None
    if isinstance(records, list):
        return [record for record in records if isinstance(record, dict)]
    found = f"an object with keys {sorted(data)[:8]}" if isinstance(data, dict) else f"a JSON {type(data).__name__}"
    raise ParseError(f"{kind}: expected {expected}, got {found}")


def obj(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (ATS fields are often null or missing)."""
    return value if isinstance(value, dict) else {}


def text(value: Any) -> str | None:
    """A stripped string, or None for anything empty or not a string/number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def when(value: Any) -> datetime | None:
    """A UTC datetime from ISO 8601 (with Z, an offset, " UTC" or a bare date) or epoch seconds/milliseconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    raw = text(value)
    if raw is None:
        return None
    raw = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", raw)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def place(*parts: Any) -> str | None:
    """Location parts joined with ", ", empty and repeated parts dropped ("Paris, Île-de-France, France")."""
    seen: list[str] = []
    for part in parts:
        value = text(part)
        if value and value.lower() not in (s.lower() for s in seen):
            seen.append(value)
    return ", ".join(seen) or None


def workplace_of(value: Any) -> str | None:
    """remote, hybrid or onsite from the ATS's spelling (OnSite, on-site, TELECOMMUTE, …); None if unsaid."""
    word = re.sub(r"[^a-z]", "", (text(value) or "").lower())
    if word in ("remote", "telecommute", "fullyremote"):
        return "remote"
    if word == "hybrid":
        return "hybrid"
    return "onsite" if word in ("onsite", "office", "inoffice", "inperson") else None


def remote_of(flag: bool | None, workplace: str | None, location: str | None) -> bool | None:
    """Remote or not: the ATS's flag, else its workplace type, else the location's words; None if unsaid."""
    if workplace is not None:
        return workplace == "remote"
    if flag is not None:
        return flag
    return True if location and _REMOTE_WORDS.search(location) else None


# What an ATS writes when it escapes its HTML; html.unescape calls back into Python for each of them.
_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))


def _unescape(value: str) -> str:
    """html.unescape, with a fast path for text whose every "&" opens one of _ESCAPES (``&amp;`` last, so
    that what it makes is not decoded again)."""
    if "&" not in value:
        return value
    if value.count("&") != sum(value.count(entity) for entity, _ in _ESCAPES):
        return html.unescape(value)
    for entity, char in _ESCAPES:
        value = value.replace(entity, char)
    return value


def plain_text(value: str) -> str:
    """Markup removed and entities decoded (twice: Greenhouse escapes its HTML), whitespace folded."""
    return markup_text(_unescape(value or ""))


def _cut(plain: str) -> str:
    return plain[:SNIPPET_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def snippet_of(description: str) -> str:
    """The first words of a description, cut at a word boundary.

    Every posting of a board is read on every changed check, and descriptions run to many KB: the markup
    is first folded only up to a ``>`` past SNIPPET_SOURCE characters. No tag or entity spans that cut, so
    what it gives is the start of the whole text; when it is longer than the snippet, it is the snippet.
    """
    decoded = _unescape(description or "")
    cut = decoded.find(">", SNIPPET_SOURCE) if len(decoded) > SNIPPET_SOURCE else -1
    if cut != -1 and len(head := markup_text(decoded[:cut + 1])) > SNIPPET_CHARS:
        return _cut(head)
    plain = markup_text(decoded)
    return plain if len(plain) <= SNIPPET_CHARS else _cut(plain)


_WORD = re.compile(r"[a-z0-9]+")


def slug(value: str) -> str:
    """A stable key part: ASCII, lower case, words joined by "-" ("Head of Sales, EMEA" → "head-of-sales-emea")."""
    return "-".join(_WORD.findall(lower_ascii(value)))
