"""Recognise the accepted page again from its bytes, without parsing it.

A pricing page is sent anew on every request: its CSRF token, CSP nonce, request id and "refreshed at" time
differ each time, so no validator and no byte digest can say "unchanged". Its fingerprint can, but only after
an lxml parse and a walk of the tree (about 3 ms, most of a warm pass). Yet the page is the same template with
the same dozen values filled in differently.

So the checker learns the template. Two bodies that the source fingerprinted alike are compared byte by
byte; where they differ, the difference must lie within runs of token characters (letters, digits and
``-_+/=.:``), each taken whole and holding a digit or 16 characters or more in both bodies (never a word): a
*slot*. Each slot keeps the narrowest character class holding both values (digits; digits and date punctuation;
lower or upper hex; base64url; base64; any token) and their length when they had one (a number may grow, see
``_bounds``). The template is the second body outside its slots, kept as the lengths of those constant
stretches and their digest. A later body is the accepted page again when its constant stretches have that
digest and each slot holds a run of its class and length: one pass of hashing over the bytes, no parse. The
source says which bodies may be learned, and in what scope (``Source.template_scope``): only those whose ASCII
bytes are ASCII characters (UTF-8, a single-byte charset), for in Shift_JIS or UTF-16 a letter byte may be half a
character; the scope is the encoding the body is read in, taken from each body anew, so that a slot that pushes a
``<meta charset>`` out of reach, or holds one, is no longer the same page.

It is an inference, not a proof: a token-shaped value that differed between two readings which the source
took for one page is taken to be one its reading ignores or folds, wherever it stands. Anything else that
changes (a price, a plan, a feature, a word, a tag) falls in a constant stretch and sends the body to the
fingerprint. A template holds for one fingerprint of one scope: the watch (target, options, account), the
headers a parse reads, the encoding, the release and the digest of the source kinds' code.

A template follows the page (``follow``). When a body it missed has the same fingerprint (a count grew past its
bounds, a token stood where the learned bodies happened to agree), its slots widen. When the body is the page's
next version (a price changed: the checker fingerprinted it, built it and holds it for confirmation), the old
slots are found again in the new body, each in unchanged surroundings (CONTEXT bytes either side), and the
new version's template is that body with those slots: the confirming re-fetch, and every load after it, is
known without a fingerprint. The inference is the same, carried: a place whose token the reading ignored still
holds a token it ignores when nothing about it changed. A slot that cannot be placed so (the change is beside
it, took it away, or its value is not as learned) leaves the body to be paired as at first.

The state kept on the watch (``watches.skim``) is one of: a body awaiting its pair (``B``), a template with the
body it was learned or carried to (``T``), or a note that two bodies of this fingerprint could not be paired
(``N``; retried now and then). Each starts with its key: the scope's digest, then the fingerprint's.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from watcher import __version__
from watcher.domain import WatchContext

TOKEN = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.:")
# The slot classes, narrowest first; a slot takes the first that holds both of its values.
CLASSES = (rb"[0-9]", rb"[0-9.:/+\-TZ]", rb"[0-9a-f]", rb"[0-9A-F]", rb"[A-Za-z0-9_\-]", rb"[A-Za-z0-9+/=]",
           rb"[A-Za-z0-9_\-+/=.:]")
FULL = [re.compile(rb"(?:%s)*\Z" % c) for c in CLASSES]
RUN = [re.compile(rb"(?:%s)*" % c) for c in CLASSES]
DIGIT = re.compile(rb"[0-9]")
LONG = 16  # a slot's value holds a digit or is at least this long (a token)
HEX_RUN = 16  # the fingerprint folds a hex run this long or longer to its length
MAX_SLOTS = 128  # more differences than this is not one template
MAX_BODY = 1 << 20  # larger bodies are not kept to be paired
RETRY = 8  # an unpairable fingerprint keeps one body in RETRY (chosen by the body's CRC) to try again
KEY = 32  # a state's key: the scope's digest, then the fingerprint's in it
CONTEXT = 32  # bytes about a slot carried to the page's next version that must be as they were
WINDOW = 4096  # how far apart two versions of a page may be found to agree again after a change in markup
ANCHOR = 24  # and on how many bytes
# SUPERSET[a][b]: class a holds every byte class b does
SUPERSET = [[all(FULL[a].match(bytes([c])) for c in range(256) if FULL[b].match(bytes([c])))
             for b in range(len(CLASSES))] for a in range(len(CLASSES))]


@cache
def _code_salt() -> bytes:
    """The digest of this module and of every source kind's code: a new release learns every template anew."""
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    spec = importlib.util.find_spec("sources")
    if spec is not None and spec.submodule_search_locations:
        for root in spec.submodule_search_locations:
            for path in sorted(Path(root).rglob("*.py")):  # named from the package: an install path is no release
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.digest()


def scope(kind: str, headers: Mapping[str, str], watch: WatchContext, read_as: str) -> bytes:
    """Where a template holds, whatever the fingerprint: the kind, the headers a parse reads, the encoding the body
    is read in (``read_as``: the source's, for this body), the watch (target, options, account), the release and
    the code of the source kinds."""
    read = [headers.get(name) for name in ("content-type", "content-location", "content-language")]
    where = json.dumps([kind, read, read_as, watch.target, watch.options, repr(watch.account), __version__],
                       sort_keys=True, default=str)
    return hashlib.blake2b(where.encode() + _code_salt(), digest_size=16).digest()


def key(where: bytes, fingerprint: str) -> bytes:
    """What a template is learned for: one fingerprint in one scope (the scope first, so that a state says which
    scope it was learned in)."""
    return where + hashlib.blake2b(where + fingerprint.encode(), digest_size=16).digest()


Slot = tuple[int, int, int, int, int]  # start and end in a body, class, shortest and longest length


@dataclass(frozen=True, slots=True)
class Template:
    """A body outside its slots: the lengths of its constant stretches (one more than the slots), each slot's
    class and bounds on its length, and the digest of the stretches."""

    lengths: tuple[int, ...]
    classes: bytes
    shortest: tuple[int, ...]
    longest: tuple[int, ...]
    digest: bytes

    def matches(self, body: bytes) -> bool:
        """Whether ``body`` has these constant stretches, with a run of its class and length in each slot."""
        return self._walk(body, None)

    def spans(self, body: bytes) -> list[tuple[int, int]] | None:
        """Where each slot stands in ``body``, when the template matches it."""
        found: list[tuple[int, int]] = []
        return found if self._walk(body, found) else None

    def _walk(self, body: bytes, found: list[tuple[int, int]] | None) -> bool:
        view, size = memoryview(body), len(body)
        digest = hashlib.blake2b(digest_size=16)
        at = 0
        for length, cls, low, high in zip(self.lengths, self.classes, self.shortest, self.longest, strict=False):
            end = at + length
            if end > size:
                return False
            digest.update(view[at:end])
            match = RUN[cls].match(body, end)
            at = match.end() if match else end
            if at < size and body[at] in TOKEN:  # the run goes on with characters outside its class
                return False
            if not low <= at - end <= high or 0 < at - end < LONG and not DIGIT.search(body, end, at):
                return False  # as learned: a number or a long token, never a short word
            if found is not None:
                found.append((end, at))
        if size - at != self.lengths[-1]:
            return False
        digest.update(view[at:])
        return digest.digest() == self.digest


def _template_of(body: bytes, slots: list[Slot]) -> Template:
    """``body`` with ``slots`` (in order, apart) taken out."""
    view, digest, at = memoryview(body), hashlib.blake2b(digest_size=16), 0
    lengths = []
    for start, end, *_ in slots:
        lengths.append(start - at)
        digest.update(view[at:start])
        at = end
    lengths.append(len(body) - at)
    digest.update(view[at:])
    return Template(tuple(lengths), bytes(s[2] for s in slots), tuple(s[3] for s in slots),
                    tuple(s[4] for s in slots), digest.digest())


def _common(a: memoryview, i: int, b: memoryview, j: int) -> int:
    """The length of the common run of ``a[i:]`` and ``b[j:]``: slices compared in C, in growing steps; in the
    step that differs, the first differing byte is the lowest set byte of the two read as integers and XORed."""
    n = min(len(a) - i, len(b) - j)
    same, step = 0, 256
    while same < n:
        k = min(step, n - same)
        x, y = a[i + same:i + same + k], b[j + same:j + same + k]
        if x != y:
            diff = int.from_bytes(x, "little") ^ int.from_bytes(y, "little")
            return same + ((diff & -diff).bit_length() - 1) // 8
        same += k
        step *= 4
    return same


def _run_end(body: bytes, at: int) -> int:
    while at < len(body) and body[at] in TOKEN:
        at += 1
    return at


def _bounds(a: bytes, b: bytes, cls: int) -> tuple[int, int]:
    """The lengths a slot may take. A token seen twice at one length keeps it (a nonce, a hash: the fingerprint
    folds a hex run to its length). A number (a count, a duration) may grow to twice its longest, short of a hex
    run the fingerprint would fold; any slot may be empty only if it was."""
    low = 0 if not (a and b) else 1
    if len(a) == len(b) and not (cls == 0 and len(a) < HEX_RUN):
        return len(a), len(a)
    high = 2 * max(len(a), len(b))
    return low, min(high, HEX_RUN - 1) if cls == 0 and max(len(a), len(b)) < HEX_RUN else high


def _class_of(*values: bytes) -> int | None:
    """The narrowest class holding ``values``; None when one of them is not token-shaped: a word ("hour",
    "Monday", "amp"), which the page may use anywhere, where an id, a count or a time holds a digit, and a
    random token is long."""
    if not all(not value or len(value) >= LONG or any(48 <= c <= 57 for c in value) for value in values):
        return None
    for number, full in enumerate(FULL):
        if all(full.match(value) for value in values):
            return number
    return None


def _fits(value: bytes, cls: int, low: int, high: int) -> bool:
    """Whether a slot of this class and these bounds takes ``value`` (as ``Template.matches`` does)."""
    return bool(FULL[cls].match(value)) and low <= len(value) <= high and (
        not value or len(value) >= LONG or DIGIT.search(value) is not None)


def _widened(seen: bytes, value: bytes, cls: int, low: int, high: int) -> tuple[int, int, int] | None:
    """A slot that also takes ``value``, seen where ``seen`` stood on a page of the same fingerprint: the
    narrowest class holding the old class and both values, the bounds of both."""
    if _class_of(seen, value) is None:
        return None
    wider = next((c for c in range(cls, len(CLASSES)) if SUPERSET[c][cls] and FULL[c].match(value)
                  and FULL[c].match(seen)), None)
    if wider is None:
        return None
    more_low, more_high = _bounds(seen, value, wider)
    return wider, min(low, more_low), max(high, more_high)


def _resync(old: bytes, i: int, new: bytes, j: int) -> tuple[int, int] | None:
    """The smallest skip ``(x, y)`` after which ``old[i + x:]`` and ``new[j + y:]`` agree again on ANCHOR bytes
    (or on the whole of what is left), each within WINDOW; None when they do not."""
    best: tuple[int, int] | None = None
    for x in range(min(WINDOW, len(old) - i) + 1):
        if best is not None and x >= best[0] + best[1]:
            break
        anchor = old[i + x:i + x + ANCHOR]
        reach = min(WINDOW, len(new) - j) if best is None else best[0] + best[1] - x - 1
        if len(anchor) < ANCHOR:  # the rest of ``old``: the rest of ``new`` must be the same
            y = len(new) - len(anchor) - j
            if 0 <= y <= reach and new.endswith(anchor):
                best = (x, y)
            continue
        at = new.find(anchor, j, j + reach + ANCHOR)
        if at >= 0:
            best = (x, at - j)
    return best


def _align(template: Template, spans: list[tuple[int, int]], old: bytes, new: bytes, *, same: bool
           ) -> list[Slot] | None:
    """The slots of ``new``, compared byte by byte with ``old``, where ``template``'s slots stand at ``spans``.

    Each old slot is found again in ``new`` (the run where it stood, whose value may differ). Where else the two
    differ: with ``same`` (both have one fingerprint) a differing token run is a new slot, and anything else means
    no template; without (``new`` is another version of the page), differences are the page's change, constant in
    the new template, and every old slot must stand at least CONTEXT bytes from them, in surroundings as they were,
    and take its new value as learned."""
    va, vb = memoryview(old), memoryview(new)
    slots: list[Slot] = []
    changes: list[tuple[int, int]] = []  # where ``new`` differs other than in a slot
    i = j = k = 0
    while True:
        i0 = i  # the runs agree from here
        agree = _common(va, i, vb, j)
        i, j = i + agree, j + agree
        while k < len(spans) and (spans[k][1] < i or spans[k][1] == i == len(old) and j == len(new)):
            start, end = spans[k]  # the old slot holds the same value: it keeps its place
            slots.append((start + j - i, end + j - i, template.classes[k], template.shortest[k],
                          template.longest[k]))
            k += 1
        if i == len(old) and j == len(new):
            break
        if k < len(spans) and spans[k][0] <= i:  # the difference is in old slot k, or its run goes on
            start, end = spans[k]
            at = j - (i - start)
            if start < i0 or (at > 0 and new[at - 1] in TOKEN):
                return None  # the slot no longer stands alone
            stop = _run_end(new, at)
            cls, low, high = template.classes[k], template.shortest[k], template.longest[k]
            if not _fits(new[at:stop], cls, low, high):
                wider = _widened(old[start:end], new[at:stop], cls, low, high) if same else None
                if wider is None:
                    return None
                cls, low, high = wider
            slots.append((at, stop, cls, low, high))
            i, j, k = end, stop, k + 1
            continue
        back = 0  # the run the difference falls in starts where the common text's last run does
        while i - back > i0 and old[i - back - 1] in TOKEN:
            back += 1
        end_a, end_b = _run_end(old, i), _run_end(new, j)
        if end_a > i or end_b > j:  # a token run differs
            if k < len(spans) and spans[k][0] < end_a:
                return None
            if same:
                cls_ = _class_of(old[i - back:end_a], new[j - back:end_b])
                if cls_ is None or len(slots) >= MAX_SLOTS:
                    return None
                low_, high_ = _bounds(old[i - back:end_a], new[j - back:end_b], cls_)
                slots.append((j - back, end_b, cls_, low_, high_))
            else:
                changes.append((j - back, end_b))
            i, j = end_a, end_b
            continue
        skip = None if same else _resync(old, i, new, j)  # markup or words differ
        if skip is None or len(changes) >= MAX_SLOTS:
            return None
        changes.append((j, j + skip[1]))
        i, j = i + skip[0], j + skip[1]
        if k < len(spans) and spans[k][0] < i:
            return None  # an old slot was in what changed
    if k < len(spans) or (not same and not changes):
        return None
    if any(c_start - CONTEXT < end and start < c_end + CONTEXT for start, end, *_ in slots
           for c_start, c_end in changes):
        return None
    return slots


def learn(a: bytes, b: bytes) -> Template | None:
    """The template of two bodies of one page (``b`` the later), or None when they differ in anything but
    whole token runs."""
    slots = _align(_template_of(a, []), [], a, b, same=True)
    return _template_of(b, slots) if slots is not None else None


def follow(template: Template, old: bytes, new: bytes, *, same: bool) -> Template | None:
    """The template of ``new``, which ``template`` (learned up to ``old``) did not match, carried over from it.

    With ``same``, ``new`` has the fingerprint the template was learned for: a slot that met a longer number or a
    wider class widens, and a token run that differs where no slot stood becomes one, as in ``learn``. Without,
    ``new`` is another version of the page, already fingerprinted (a change, or a change that went back): its
    template holds the old slots wherever they are found again in unchanged surroundings, so that the next load
    of this version is known without a fingerprint. None when a slot cannot be placed so."""
    spans = template.spans(old)
    if spans is None:
        return None
    slots = _align(template, spans, old, new, same=same)
    if slots is None:
        return None
    followed = _template_of(new, slots)
    return followed if followed.matches(new) else None


def pack_template(watch_key: bytes, template: Template, body: bytes) -> bytes:
    """``T``, the key, the digest, the number of slots, then the stretches' lengths, the slots' classes and their
    length bounds, as unsigned 32-bit integers (bytes for the classes), then the body, compressed: the template
    is carried from it to the page's next version."""
    n = len(template.classes)
    return (b"T" + watch_key + template.digest + struct.pack(f"<I{n + 1}I", n, *template.lengths)
            + template.classes + struct.pack(f"<{2 * n}I", *template.shortest, *template.longest)
            + zlib.compress(body, 1))


HEAD = 1 + KEY + 16  # a template state's tag, key and digest


def _unpack_template(state: bytes) -> tuple[Template, int] | None:
    """The template and where the compressed body starts."""
    if len(state) < HEAD + 4:
        return None
    (n,) = struct.unpack_from("<I", state, HEAD)
    body_at = HEAD + 4 + 4 * (n + 1) + n + 8 * n
    if n > MAX_SLOTS or len(state) < body_at:
        return None
    lengths = struct.unpack_from(f"<{n + 1}I", state, HEAD + 4)
    classes = state[HEAD + 4 + 4 * (n + 1):HEAD + 4 + 4 * (n + 1) + n]
    bounds = struct.unpack_from(f"<{2 * n}I", state, HEAD + 4 + 4 * (n + 1) + n)
    if any(c >= len(CLASSES) for c in classes):
        return None
    return Template(lengths, bytes(classes), bounds[:n], bounds[n:], state[1 + KEY:HEAD]), body_at


def recognises(state: bytes | None, watch_key: bytes, body: bytes) -> bool:
    """Whether ``state`` is a template learned for ``watch_key`` that ``body`` matches."""
    if not state or state[:1] != b"T" or state[1:1 + KEY] != watch_key:
        return False
    unpacked = _unpack_template(state)
    return unpacked is not None and unpacked[0].matches(body)


def _decompressed(data: bytes) -> bytes | None:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return None


def advance(state: bytes | None, watch_key: bytes, body: bytes) -> bytes | None:
    """The state after a fingerprinted ``body`` that ``state`` did not recognise: the template carried over from
    the one of this scope (``follow``); else the template learned from the body kept for this key and this one;
    else this body, kept to be paired with the next."""
    if len(body) > MAX_BODY:
        return None
    state = state or b" "
    tag, same = state[:1], state[1:1 + KEY] == watch_key
    if tag == b"T" and state[1:1 + KEY // 2] == watch_key[:KEY // 2]:
        unpacked = _unpack_template(state)
        old = _decompressed(state[unpacked[1]:]) if unpacked is not None else None
        if unpacked is not None and old is not None:
            followed = follow(unpacked[0], old, body, same=same)
            if followed is not None:
                return pack_template(watch_key, followed, body)
    if same and tag == b"B":
        kept = _decompressed(state[1 + KEY:])
        template = learn(kept, body) if kept is not None else None
        return pack_template(watch_key, template, body) if template else b"N" + watch_key
    if same and tag == b"N" and zlib.crc32(body) % RETRY:
        return state
    return b"B" + watch_key + zlib.compress(body, 1)
