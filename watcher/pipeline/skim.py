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
headers a parse reads, the release and the digest of the source kinds' code; a changed one makes the next body
learn anew.

The state kept on the watch (``watches.skim``) is one of: a body awaiting its pair (``B``), a template (``T``),
or a note that two bodies of this fingerprint could not be paired (``N``; retried now and then).
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


def key(kind: str, headers: Mapping[str, str], watch: WatchContext, fingerprint: str, read_as: str) -> bytes:
    """What a template is learned for: one fingerprint, read in one scope (``read_as``: the source's, for this
    body)."""
    read = [headers.get(name) for name in ("content-type", "content-location", "content-language")]
    scope = json.dumps([kind, read, read_as, watch.target, watch.options, repr(watch.account), __version__,
                        fingerprint], sort_keys=True, default=str)
    return hashlib.blake2b(scope.encode() + _code_salt(), digest_size=16).digest()


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
        if size - at != self.lengths[-1]:
            return False
        digest.update(view[at:])
        return digest.digest() == self.digest


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


def learn(a: bytes, b: bytes) -> Template | None:
    """The template of two bodies of one page (``b`` the later), or None when they differ in anything but
    whole token runs."""
    va, vb = memoryview(a), memoryview(b)
    i = j = start = 0  # start: where the current constant stretch of ``b`` began
    lengths: list[int] = []
    classes = bytearray()
    shortest: list[int] = []
    longest: list[int] = []
    digest = hashlib.blake2b(digest_size=16)
    while True:
        same = _common(va, i, vb, j)
        i, j = i + same, j + same
        if i == len(a) and j == len(b):
            break
        back = 0  # the run the difference falls in starts where the common text's last run does
        while j - back > start and b[j - back - 1] in TOKEN:
            back += 1
        run_a, run_b = i - back, j - back
        end_a, end_b = _run_end(a, i), _run_end(b, j)
        if end_a == i and end_b == j:  # the difference is outside any run: markup or words changed
            return None
        cls = _class_of(a[run_a:end_a], b[run_b:end_b])
        if cls is None or len(classes) >= MAX_SLOTS:
            return None
        lengths.append(run_b - start)
        classes.append(cls)
        low, high = _bounds(a[run_a:end_a], b[run_b:end_b], cls)
        shortest.append(low)
        longest.append(high)
        digest.update(vb[start:run_b])
        i, j, start = end_a, end_b, end_b
    lengths.append(len(b) - start)
    digest.update(vb[start:])
    return Template(tuple(lengths), bytes(classes), tuple(shortest), tuple(longest), digest.digest())


def pack_template(watch_key: bytes, template: Template) -> bytes:
    """``T``, the key, the digest, the number of slots, then the stretches' lengths, the slots' classes and their
    length bounds, as unsigned 32-bit integers (bytes for the classes)."""
    n = len(template.classes)
    return (b"T" + watch_key + template.digest + struct.pack(f"<I{n + 1}I", n, *template.lengths)
            + template.classes + struct.pack(f"<{2 * n}I", *template.shortest, *template.longest))


def _unpack_template(state: bytes) -> Template | None:
    body = state[33:]
    if len(state) < 37:
        return None
    (n,) = struct.unpack_from("<I", body)
    if len(body) != 4 + 4 * (n + 1) + n + 8 * n:
        return None
    lengths = struct.unpack_from(f"<{n + 1}I", body, 4)
    classes = body[4 + 4 * (n + 1):4 + 4 * (n + 1) + n]
    bounds = struct.unpack_from(f"<{2 * n}I", body, 4 + 4 * (n + 1) + n)
    if any(c >= len(CLASSES) for c in classes):
        return None
    return Template(lengths, bytes(classes), bounds[:n], bounds[n:], state[17:33])


def recognises(state: bytes | None, watch_key: bytes, body: bytes) -> bool:
    """Whether ``state`` is a template learned for ``watch_key`` that ``body`` matches."""
    if not state or state[:1] != b"T" or state[1:17] != watch_key:
        return False
    template = _unpack_template(state)
    return template is not None and template.matches(body)


def advance(state: bytes | None, watch_key: bytes, body: bytes) -> bytes | None:
    """The state after a fingerprinted ``body`` that ``state`` did not recognise: the template learned from the
    body kept for this key and this one; else this body, kept to be paired with the next."""
    state = state or b" "
    tag, same = state[:1], state[1:17] == watch_key
    if same and tag == b"B":
        try:
            kept: bytes | None = zlib.decompress(state[17:])
        except zlib.error:
            kept = None
        template = learn(kept, body) if kept is not None else None
        return pack_template(watch_key, template) if template else b"N" + watch_key
    if same and tag == b"N" and zlib.crc32(body) % RETRY:
        return state
    if len(body) > MAX_BODY:
        return None
    return b"B" + watch_key + zlib.compress(body, 1)
