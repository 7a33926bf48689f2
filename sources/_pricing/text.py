"""Text normalisation: what may differ between two loads of an unchanged pricing page is made equal.

Whitespace (every Unicode space), dates and times, "updated 3 minutes ago", "12 people are viewing",
countdowns, copyright years, and long letter-digit tokens (request ids, nonces, build ids) become
placeholders. Prices are never touched: no pattern matches an amount. The patterns that can start at
any character are only run when a cheap substring test says they may match, and the others start with
a digit, so one pass over a 10 KB region costs a fraction of a millisecond.

The extractor writes private-use characters into its own copy of the tree (block breaks, table cells,
card and feature boundaries, the billing side of a toggle, inline-tag boundaries); they survive lxml's text
serialisation and are removed, or turned into `` | ``, before anything leaves the package.
"""

from __future__ import annotations

import re

BREAK, MONTHLY, ANNUAL, END, CELL, ROW = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ue005"
CARD, CARD_END, ITEM, ITEM_END, HEAD, CTA, TABLE, TABLE_END = (chr(c) for c in range(0xE006, 0xE00E))
INLINE = "\ue00e"  # an inline tag's boundary: read by ``scrub``'s first step, then removed
MARKS = re.compile("[\ue001-\ue003\ue005-\ue00d]")  # every mark but BREAK (never in a line) and CELL
MARKERS = "".join(chr(c) for c in range(0xE000, 0xE00E))

_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smhd])"
# Every branch starts with the digit matched first, so the scan skips non-digits in C; the lookbehind
# then rejects digits inside a number at once. An amount is no date: "$49, 2026 plan" is not "Nov 49, 2026".
_DIGITS = (
    r"[0-9](?<![\d.,]\d)(?:(?P<date>(?<![$€£¥₹]\d)"
    r"(?:\d{3}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d?[/.]\d{1,2}[/.]\d{4}\b|\d{3}/\d{2}/\d{2}\b|\d?(?:st|nd|rd|th)?,? (?:19|20)\d{2}\b"
    r"|\d?(?:st|nd|rd|th)? (?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,? \d{4}\b))"
    r"|(?P<time>\d?:\d{2}(?::\d{2})?(?:\s?(?i:[ap]\.?m\.?))?(?:\s?(?:UTC|GMT|[A-Z]{2,4}T))?\b)"
    rf"|(?P<ago>\d*\s+(?i:{_UNIT})\s+(?i:ago)\b)"
    r"|(?P<counter>[\d,.]*\+?\s+(?i:people|persons|visitors|users|teams|companies|customers|others|shoppers|buyers)"
    r"\s+(?i:are\s+|have\s+|just\s+)?(?i:viewing|looking|online|browsing|watching|signed up|joined|bought|"
    r"purchased|started|upgraded)\b<TAIL>)"
    rf"|(?P<left>\d*\s*(?i:{_UNIT})(?:\s*\d+\s*(?i:{_UNIT})){{0,3}}\s+(?i:left|remaining)\b))")
DIGITS = re.compile(_DIGITS.replace("<TAIL>", r"[^.\ue000]*"))  # a counter takes the rest of its sentence
DIGIT_SPANS = re.compile(_DIGITS.replace("<TAIL>", ""))  # fold_volatile: the counter alone
MONTH_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? <date>", re.I)
DIGIT_WORD = re.compile(r"[0-9][\w-]{3,}")
HEXISH = re.compile(r"[0-9a-fA-F-]+")
COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–—]\s*)?\d{4}", re.I)
# The phrases, each written once: after a word boundary here, after an inline tag's mark in GLUED below.
_AGO = r"(?:a|an|one|a few)\s+(?:second|minute|hour|day|week|moment)s?\s+ago\b|just now\b|moments ago\b"
_TIMED = r"(?:generated|rendered|served|loaded|built)\s+in\s+[\d.,]+\s*(?:ms|s|sec|secs|seconds?|milliseconds?)\b"
_ONLINE = r"(?:visitors|users|people|members)\s+(?:online|here)(?:\s+now)?:?\s*\d[\d,]*"
AGO_WORDS = re.compile(rf"\b(?:{_AGO})", re.I)
TIMING = re.compile(rf"\b(?:{_TIMED}|{_ONLINE})", re.I)
COUNTDOWN = re.compile(r"\b(?:ends|expires|ending|closes)\s+in\s+[^\ue000]*", re.I)
# A countdown's later units are hours, minutes or seconds: "ends in 3 days, 2 months free" and "ends in 5 days
# 14 days free trial" hold an offer after the countdown, which is no volatile value.
_SMALL = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|[smh])"
COUNTDOWN_SPAN = re.compile(rf"\b(?:ends|expires|ending|closes)\s+in\s+\d+\s*{_UNIT}"
                            rf"(?:[\s,]*(?:and\s+)?\d+\s*{_SMALL})*\b", re.I)
RARE_WORDS = {"copyright": ("©", "(c)", "copyright"), "ago": ("ago", "just now"),
              "timing": ("generated", "rendered", "served", "loaded", "built", "online", "here"),
              "countdown": ("ends", "expires", "ending", "closes")}
# A volatile phrase an inline tag glued to the word before it: "<b>Save 20% today</b>ends in 2h 13m" reads
# "todayends in 2h 13m", where the patterns above find no word boundary, so the page built differently on every
# load and a real change on it never confirmed. The serialiser marks inline-tag boundaries. Where a word ends at
# a mark and a volatile phrase starts there, the phrase alone is folded (its units may sit in later tags): never
# what follows it, which on such a page may be a price ("<b>Sale</b>ends in 3 days: $19"), and nowhere else
# ("Spot trends in 30 days" holds no mark; after a space or a comma the patterns above find their boundary).
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_SPAN = rf"\d+\s*{_UNIT}(?:[\s,{CTA}{INLINE}]*(?:and\s+)?\d+\s*{_SMALL})*\b"  # later units may sit in later tags
GLUED = re.compile(
    rf"(?<=\w){INLINE}+(?:(?P<left>(?:ends|expires|ending|closes)\s+in[\s{INLINE}]+{_SPAN})"
    rf"|(?P<counter>{_TIMED}|{_ONLINE})|(?P<ago>{_AGO})"
    rf"|(?P<date>{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b))",
    re.I)
# The same on the other side: a phrase that ends where an inline tag glues it to the next word ("<span>3 minutes
# ago</span><b>Save 20%</b>" reads "3 minutes agoSave 20%", "Jan 12, 2026Compare plans"). It is read with the
# patterns of the spaced form, the mark standing for the boundary they want: the digit-led phrases of DIGITS (a
# date, a time, "3 minutes ago", "12 people are viewing", "2h 13m left"), "a minute ago", "rendered in 12 ms",
# "visitors online: 57". The phrase alone is folded; the next word stays. (A countdown already takes the rest of
# its block; an ISO date and a copyright year want no boundary after them.) Searched for only where a mark glues
# two words, in the few characters before it: a pattern that may start anywhere, run over the whole region, cost
# a sixth of a build.
GLUED_AFTER_WORDS = re.compile(rf"(?<!\w)(?:(?P<ago>{_AGO})|(?P<counter>{_TIMED}|{_ONLINE}))\Z", re.I)
GLUE = re.compile(rf"{INLINE}+(?=\w)")
# A number glued to the number before it: "<b>Save $5</b><span>16:02</span>" reads "Save $516:02", where the spaced
# form's patterns find no number start (a digit after a digit), so the time stayed and the page built differently
# on every load. The value after the mark is read with those patterns as if it started a number; the one before
# it stays. (Digits split across tags, "$<b>4</b>9", form no date or time and are left alone.)
NUMBER_GLUE = re.compile(rf"(?<=\d){INLINE}+(?=\d)")
DIGIT = re.compile("[0-9]")
WORD_CUES = ("ago", "now", "ed", "built", "online", "here")  # one is in every phrase GLUED_AFTER_WORDS knows
# The last words a phrase of DIGITS or GLUED_AFTER_WORDS can end with, besides a digit (keep them in step): most
# glues on a page with a span per word or per letter end with none of them, and are passed over at once.
PHRASE_ENDS = frozenset(("ago", "now", "am", "pm", "m", "utc", "gmt", "viewing", "looking", "online", "browsing",
                         "watching", "up", "joined", "bought", "purchased", "started", "upgraded", "left", "remaining",
                         "ms", "s", "sec", "secs", "second", "seconds", "millisecond", "milliseconds"))
ZONE = re.compile(r"[A-Z]{2,4}T")  # a time zone after a time (DIGITS)
LONGEST_GLUED = 60  # characters: longer than the phrases above ("generated in 1,234.5 milliseconds")
PLACEHOLDER = {"date": "<date>", "time": "<time>", "ago": "<ago>", "counter": "<counter>", "left": "<countdown>"}
TOOLTIP = re.compile(r"\s*[?ⓘ]$")


def _placeholder(m: re.Match[str]) -> str:
    return PLACEHOLDER[m.lastgroup or "date"]


def _is_token(word: str) -> bool:
    digits = sum(c.isdigit() for c in word)
    if digits == len(word.replace("-", "")):
        return False
    if len(word) >= 16 and digits >= 2:
        return True
    return len(word) >= 10 and bool(HEXISH.fullmatch(word)) and any(c.isalpha() for c in word)


def _tokens(text: str) -> str:
    """Replace long letter-digit words (found from their first digit, then extended to the word start)."""
    out, last = [], 0
    for m in DIGIT_WORD.finditer(text):
        start = m.start()
        while start > last and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            start -= 1
        if start < last or not _is_token(text[start:m.end()]):
            continue
        out += [text[last:start], "<token>"]
        last = m.end()
    return "".join(out) + text[last:] if out else text


def _within(pattern: re.Pattern[str], repl: str, text: str, low: str, words: tuple[str, ...]) -> str:
    """``pattern.sub(repl, text)``, run only on the blocks that hold one of ``words`` (lower case).

    No pattern here matches across a BREAK, and every match holds one of its words, so the result is the
    same; the patterns open with a word boundary or an alternation, which Python's engine tries at every
    character, and a block-wide run instead of a text-wide one saves most of a millisecond on a large page.
    """
    if len(low) != len(text) or "ſ" in low or "ı" in low:
        # lower() changed the length (a dotted İ), or the pattern's re.I matches a letter lower() keeps (a long
        # s, a dotless i): the words cannot be found in ``low``, so the whole text is run.
        return pattern.sub(repl, text)
    spans: list[tuple[int, int]] = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            spans.append((text.rfind(BREAK, 0, at) + 1, end if (end := text.find(BREAK, at)) >= 0 else len(text)))
            at = low.find(word, spans[-1][1])
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if end <= last:
            continue
        start = max(start, last)
        out += [text[last:start], pattern.sub(repl, text[start:end])]
        last = end
    return "".join(out) + text[last:]


def _may_end_phrase(text: str, end: int) -> bool:
    """A volatile phrase may end at ``end``: after a digit, or a word one of them ends with."""
    if text[end - 1].isdigit():
        return True
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:end]
    return bool(word) and (word.lower() in PHRASE_ENDS or ZONE.fullmatch(word) is not None)


def _glued_after(text: str) -> str:
    """``text`` with each volatile phrase that an inline mark glues to the next word folded: the phrase DIGIT_SPANS
    (read left to right from a word's start, as ``scrub`` reads the spaced form) or GLUED_AFTER_WORDS ends there."""
    out, last = [], 0
    for glue in GLUE.finditer(text):
        end = glue.start()
        if end == last or not _may_end_phrase(text, end):
            continue
        start = max(last, end - LONGEST_GLUED)
        while start > last and (text[start - 1].isalnum() or text[start - 1] in ".,"):
            start -= 1  # from the start of a word or number, never from inside one
        found = None
        if DIGIT.search(text, start, end):
            found = next((m for m in DIGIT_SPANS.finditer(text, start, end) if m.end() == end), None)
        if found is None and any(cue in text[start:end].lower() for cue in WORD_CUES):
            found = GLUED_AFTER_WORDS.search(text, start, end)
        if found:
            out += [text[last:found.start()], _placeholder(found)]
            last = end
    return "".join(out) + text[last:] if out else text


def _glued_numbers(text: str) -> str:
    """``text`` with each volatile value DIGITS reads from a NUMBER_GLUE mark folded: "$5<time>"."""
    out, last = [], 0
    for glue in NUMBER_GLUE.finditer(text):
        if glue.start() < last:
            continue
        found = DIGITS.match(text, glue.end())
        if found:
            out += [text[last:glue.end()], _placeholder(found)]
            last = found.end()
    return "".join(out) + text[last:] if out else text


def scrub(text: str) -> str:
    """``text`` with its volatile parts replaced by placeholders."""
    if INLINE in text:
        text = _glued_after(_glued_numbers(GLUED.sub(_placeholder, text))).replace(INLINE, "")
    low = text.lower()
    if "©" in text or "(c)" in low or "copyright" in low:
        text = _within(COPYRIGHT, "©", text, low, RARE_WORDS["copyright"])
    text = DIGITS.sub(_placeholder, text)
    if "<date>" in text:
        text = _within(MONTH_DATE, "<date>", text, text.lower(), ("<date>",))
    text = _tokens(text)
    rare: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = []
    if "just now" in low or ("ago" in low and " ago" in text.lower()):
        rare.append((AGO_WORDS, "<ago>", RARE_WORDS["ago"]))
    rare.append((TIMING, "<counter>", RARE_WORDS["timing"]))  # ungated: _within looks for its words itself
    if any(w in low for w in ("ends in", "expires in", "ending in", "closes in")):
        rare.append((COUNTDOWN, "<countdown>", RARE_WORDS["countdown"]))
    for pattern, placeholder, words in rare:
        text = _within(pattern, placeholder, text, text.lower(), words)
    return text


def fold_volatile(text: str) -> str:
    """The volatile values alone, each replaced wherever it stands: what the pricing fingerprint folds.

    ``scrub`` folds more: a counter takes the rest of its sentence and a countdown the rest of its block,
    and its rare patterns run only when their phrase is somewhere in the text (the region it is given).
    The fingerprint is taken over the whole page, node by node, so it must fold no more than ``scrub``
    could in any context: a date, a time, "3 minutes ago", "12 people are viewing", "ends in 3d 4h",
    "rendered in 12 ms", a copyright year, a token, never a price beside them.
    """
    low = text.lower()  # lower() costs ~0.05 ms on a page's text: taken again only when the text changed
    text = _within(COPYRIGHT, "©", text, low, RARE_WORDS["copyright"])
    text = _tokens(_within(MONTH_DATE, "<date>", (dated := DIGIT_SPANS.sub(_placeholder, text)), dated,
                           ("<date>",)))  # DIGIT_SPANS writes "<date>" in lower case
    low = text.lower()
    for pattern, placeholder, words in ((AGO_WORDS, "<ago>", RARE_WORDS["ago"]),
                                        (TIMING, "<counter>", RARE_WORDS["timing"]),
                                        (COUNTDOWN_SPAN, "<countdown>", RARE_WORDS["countdown"])):
        folded = _within(pattern, placeholder, text, low, words)
        if folded != text:
            text, low = folded, folded.lower()
    return text


def split(text: str) -> list[str]:
    """The blocks of ``text`` (already scrubbed) with whitespace collapsed; marker-only lines are kept.

    ``str.split()`` folds the same whitespace as ``\\s`` in C; a regex substitution over the region
    costs several times more.
    """
    return [line for line in (" ".join(raw.split()) for raw in text.split(BREAK)) if line]


def normalise(text: str) -> list[str]:
    """The readable, non-empty lines of ``text``."""
    return [r for r in map(readable, split(scrub(text))) if r]


def _unmarked(line: str) -> str:
    if HEAD in line or CTA in line or MONTHLY in line or ANNUAL in line or END in line:
        return MARKS.sub("", line)
    return line.replace(ROW, "") if ROW in line else line


def cells(line: str) -> list[str]:
    """The cells of a table row line (marks removed)."""
    out = [c.strip() for c in _unmarked(line).split(CELL)]
    return [TOOLTIP.sub("", c) if c.endswith(("?", "ⓘ")) else c for c in out]


def readable(line: str) -> str:
    """A line as people read it: marks removed, table cells joined with `` | ``."""
    if CELL in line:
        return joined(cells(line))
    text = _unmarked(line)
    return text if text is line else " ".join(text.split())


def joined(parts: list[str]) -> str:
    """Table cells as one readable line."""
    return " | ".join(parts[1:] if parts and not parts[0] else parts)
