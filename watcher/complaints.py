"""Is this review or post a complaint about the competitor, about what, and in which words?

Pure functions shared by every review source kind. A rated review is a complaint when its rating
is in the lowest 40 % of its scale (1–2 of 5, 1–4 of 10) — unless its words are plainly positive
with nothing negative at all, which on review sites is a mis-tap ("Love it!!" with one star), not
a complaint. An unrated post (Reddit, Hacker News) is a complaint when it is about *this*
competitor (a name, alias or domain on word boundaries; an ambiguous name such as "Relay" or
"Sunday" also needs its category's words nearby) and says the writer is unhappy or leaving. The
vendor's own reply is never a complaint. ``watcher.complaint_cues`` holds the vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from watcher import complaint_cues as cues
from watcher.entities import COMMON_WORDS, core_name
from watcher.money import find_money

LOW_SHARE = 0.4
QUOTE_MAX = 280
# Names that are also everyday words, beyond the company names entities.py already knows.
AMBIGUOUS = COMMON_WORDS | frozenset(
    "relay beacon harbor cadence tandem sunday canvas pulse anchor orbit compass signal beam bridge".split()
)
_STOP_CAPS = frozenset(
    """i i'm i've i'd i'll ok monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december black cyber q1 q2 q3 q4 ios android
    mac iphone ipad""".split()
)
_STARTERS = frozenset(
    """the a an we our i my it its this that these those they their there then so and but or if when since after
    before just still also now any anyone has have had is was are were do does did can could would should will
    not no yes what why how which who where been being honestly overall hey hi thanks please every each all
    some most many much more less very really too for from with without at on in of to by as up out about""".split()
)
_INTEGRATION = re.compile(
    r"\b(?:sync\w*|integration\w*|plugin|add-?in|connector|calendar|api|webhooks?|fields|feeds?)\b", re.IGNORECASE)
_SPLIT = re.compile(r"(?<=[.!?…])\s+|\s*\n+\s*|\s+[•·]\s+")
_CLAUSE = re.compile(r",|;|\s[-–—]\s|\band\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)
_AGREES = re.compile(r"^(?:this|same|same here|same for us|exactly|agreed|\+1|came here to say this|seconded|"
                     r"yep|yes|100%|this is us|we see the same)\b.{0,60}$", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:but|however|although|though|except|yet)\b", re.IGNORECASE)
_LEADING_CONTRAST = re.compile(r"^(?:but|however|that said|still)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][\w'.-]*[\w]|[A-Za-z]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Competitor:
    """Whom the complaints are about: a name, its aliases and domain, and its category's words."""

    name: str
    aliases: tuple[str, ...] = ()
    domain: str | None = None
    context: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, options: Mapping[str, Any], fallback: str | None = None) -> Competitor | None:
        """From a watch's options (competitor, aliases, competitor_domain, context); None without a name."""
        name = str(options.get("competitor") or fallback or "").strip()
        if not name:
            return None
        return cls(name=name, aliases=_strings(options.get("aliases")),
                   domain=str(options.get("competitor_domain") or "").strip().lower() or None,
                   context=_strings(options.get("context")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """The decision, the reason in one word, the themes and the sentence that carries the complaint."""

    complaint: bool
    reason: str
    themes: tuple[str, ...] = ()
    quote: str = ""
    leaving: bool = False  # the writer says they are leaving or looking to


@dataclass(slots=True)
class _Sentence:
    text: str
    section: str  # title, pro, con or body
    mentions: bool = False
    elsewhere: bool = False  # about another product, not the competitor
    neg: int = 0
    pos: int = 0
    leaving: bool = False


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value or () if str(v).strip())


def is_low(rating: float | None, scale: float | None) -> bool:
    """True for a rating in the lowest 40 % of its scale (2/5, 4/10); the scale defaults to 5."""
    if rating is None:
        return False
    best = scale if scale and scale > 0 else 5.0
    return rating / best <= LOW_SHARE + 1e-9


class NameMatcher:
    """Finds the competitor in text and fills ``{X}`` in the cue patterns with its names."""

    def __init__(self, competitor: Competitor) -> None:
        names = {core_name(n) for n in (competitor.name, *competitor.aliases)} - {""}
        self.keys = {re.sub(r"[^a-z0-9]", "", n.lower()) for n in names} - {""}
        self.name_keys = {n.lower() for n in names}
        self.distinct = [n for n in names if not n.isalpha() or (n.lower() not in AMBIGUOUS and n != competitor.name)]
        self.ambiguous = bool(competitor.context) or competitor.name.lower() in AMBIGUOUS
        self.context = tuple(re.compile(rf"(?<![\w-]){re.escape(c)}(?![\w-])", re.IGNORECASE)
                             for c in competitor.context)
        spellings = sorted(names, key=len, reverse=True)
        alternatives = [r"[\s-]+".join(re.escape(w) for w in n.split()) for n in spellings]
        if competitor.domain:
            alternatives.insert(0, r"(?:www\.)?" + re.escape(competitor.domain))
        self.x = "(?:" + "|".join(alternatives) + r")(?:'s)?"
        handles = "|".join(sorted(self.keys, key=len, reverse=True)) or "(?!x)x"  # "@HarborHQ", "@initechapp"
        self.any = re.compile(rf"(?<![\w.-]){self.x}(?![\w-])|@(?:{handles})(?:hq|app|inc|io|co|team|help|support|"
                              rf"official|status)?(?![\w-])", re.IGNORECASE)
        self.strong = re.compile(rf"(?<![\w.-])(?:{'|'.join(self._strong(competitor))})(?![\w-])", re.IGNORECASE)

    def _strong(self, competitor: Competitor) -> list[str]:
        spellings = [r"[\s-]+".join(re.escape(w) for w in n.split()) for n in self.distinct]
        if competitor.domain:
            spellings.append(re.escape(competitor.domain))
        return spellings or [r"(?!x)x"]

    def near(self, patterns: Iterable[str]) -> list[re.Pattern[str]]:
        return [re.compile(p.replace("{X}", self.x), re.IGNORECASE) for p in patterns]


@lru_cache(maxsize=512)
def _matcher(competitor: Competitor) -> tuple[NameMatcher, list[re.Pattern[str]], list[re.Pattern[str]],
                                              list[re.Pattern[str]]]:
    m = NameMatcher(competitor)
    return m, m.near(cues.LEAVE_NEAR_NAME), m.near(cues.FAVOUR_NEAR_NAME), m.near(cues.VENDOR_NEAR_NAME)


def judge(competitor: Competitor, *, title: str = "", text: str = "", rating: float | None = None,
          scale: float | None = None, author: str = "") -> Verdict:
    """Decide whether a review or post complains about ``competitor`` (see the module docstring)."""
    title, text, author = title or "", text or "", author or ""  # a review site's JSON holds nulls too
    matcher, leave_near, favour_near, vendor_near = _matcher(competitor)
    if _vendor(matcher, vendor_near, title, text, author):
        return Verdict(complaint=False, reason="vendor_reply")
    sentences = _sentences(title, text)
    for s in sentences:  # a sentence with an irony marker praises nothing ("10/10 would miss quota again 🙃")
        if cues.IRONY.search(s.text):
            s.pos = 0
    for s in sentences:
        s.mentions = bool(matcher.any.search(s.text))
        s.leaving = s.section != "quote" and any(p.search(s.text) for p in leave_near) and not any(
            p.search(s.text) for p in favour_near)
    if rating is not None:
        return _judge_rated(sentences, rating, scale)
    return _judge_unrated(sentences, matcher, favour_near)


def _vendor(matcher: NameMatcher, vendor_near: Sequence[re.Pattern[str]], title: str, text: str,
            author: str) -> bool:
    opening = (title or text).strip()
    if cues.VENDOR_MARKERS.match(opening) or cues.VENDOR_MARKERS.match(text.strip()):
        return True
    if any(p.search(title) or p.search(text) for p in vendor_near):
        return True
    tokens = [t for t in re.split(r"[^a-z0-9]+", author.lower()) if t and t != "u"]
    if not tokens:
        return False
    named = bool(matcher.keys & set(tokens))
    if {"reseller", "consultant", "agency"} & set(tokens):
        return False  # "Founder at a Quillo reseller" speaks as a customer would
    return "".join(tokens) in matcher.keys or (named and bool(cues.VENDOR_ROLE & set(tokens)))


def _sentences(title: str, text: str) -> list[_Sentence]:
    found = [_Sentence(text=title.strip(), section="title")] if title.strip() else []
    section, start = "body", 0
    for marker in cues.SECTION.finditer(text):
        found += _split(text[start:marker.start()], section)
        section = marker.lastgroup or "body"
        start = marker.end()
    found += _split(text[start:], section)
    own = [s for s in found if s.section not in ("quote", "title")]
    if any(s.section == "quote" for s in found) and (not own or all(_AGREES.match(s.text) for s in own)):
        for s in found:  # "> Initech doubled our price ⏎ This. Same for us."
            s.section = "body" if s.section == "quote" else s.section
    for s in found:
        s.neg, s.pos = (0, 0) if s.section == "quote" else _polarity(s.text) if s.section != "pro" else (
            0, _polarity(s.text)[1])
        if s.section == "con" and not s.neg and not s.pos and not (len(s.text) < cues.NOTHING_SAID
                                                                   and cues.NOTHING.search(s.text)):
            s.neg = 1  # what the reviewer wrote under "Cons" is a dislike, even in neutral words
    for previous, s in zip(found, found[1:], strict=False):
        if _LEADING_CONTRAST.match(s.text) and s.pos > s.neg:
            previous.neg = 0
    return found


def _split(chunk: str, section: str) -> list[_Sentence]:
    found = []
    for line in chunk.splitlines():  # "> Beacon is slow": the parent comment a reply quotes is not the writer's
        quoted = line.lstrip().startswith(">")
        parts = (p.strip(" \t-–—*\"'>") for p in _SPLIT.split(line))
        found += [_Sentence(text=p, section="quote" if quoted else "body" if section == "neutral" else section)
                  for p in parts if p]
    return found


def _polarity(sentence: str) -> tuple[int, int]:
    """Negative and positive weight of a sentence; after a "but" only the clause after it counts."""
    praise = 2 * len(cues.NEGATED.findall(sentence))
    cleaned = cues.CANCELLED.sub(" ", cues.NEGATED.sub(" ", sentence))
    head, tail = _contrast(cleaned)
    if tail is not None:
        neg, pos = _scores(tail)
        return (neg, pos + praise) if neg or pos else (0, praise)
    neg, pos = _scores(head)
    if cues.REPORTED.search(head) or (cues.ASKING.match(head.strip()) and head.rstrip().endswith("?")):
        neg = 0
    return neg, pos + praise


def _contrast(sentence: str) -> tuple[str, str | None]:
    match = _CONTRAST.search(sentence)
    if match is None or match.start() == 0:
        return sentence, None
    return sentence[:match.start()], sentence[match.end():]


def _scores(text: str) -> tuple[int, int]:
    neg = sum(w for p, w in cues.NEGATIVE if p.search(text)) + (2 if _price_rise(text) else 0)
    return neg, sum(w for p, w in cues.POSITIVE if p.search(text))


_PRICE_WORDS = re.compile(r"\b(?:price|pricing|priced|seats?|plans?|bill|billing|invoices?|renewal|quote|subscription|"
                          r"licen[cs]es?|per (?:seat|user|agent|month|year|host)|/(?:seat|user|agent|mo|month|yr))\b|"
                          r"/\s?(?:seat|user|agent|mo)\b", re.IGNORECASE)
_ARROW = re.compile(r"\s*(?:/\s?[\w-]+\s*)?(?:→|->|=>)\s*")
_TO = re.compile(r"\s*(?:/\s?[\w-]+\s*)?to\s+", re.IGNORECASE)


def _price_rise(text: str) -> bool:
    """A price told rising in numbers: "$19/agent → $49/agent", "from $18k to $31k" (a cut is no complaint, nor a
    price list: "seats range from $20 to $45")."""
    if not any(c.isdigit() for c in text):
        return False
    if re.search(r"\b(?:range|ranges|ranging|between|depending)\b", text, re.IGNORECASE):
        return False
    amounts = find_money(text)
    for a, b in zip(amounts, amounts[1:], strict=False):
        between = text[a.end:b.start]
        moved = _ARROW.fullmatch(between) or (_TO.fullmatch(between) and re.search(r"\bfrom\s+$", text[:a.start], re.I)
                                              and _PRICE_WORDS.search(text))
        if moved and b.amount > 1.1 * a.amount:
            return True
    return False


def _judge_rated(sentences: list[_Sentence], rating: float, scale: float | None) -> Verdict:
    if not is_low(rating, scale):
        return Verdict(complaint=False, reason="rating_not_low")
    neg = sum(s.neg for s in sentences) + sum(3 for s in sentences if s.leaving)
    pos = sum(s.pos for s in sentences)
    if pos and not neg:
        return Verdict(complaint=False, reason="positive_text")
    carrying = _carrying([s for s in sentences if s.section != "pro"])
    leaving = any(s.leaving or cues.LEAVE.search(s.text) for s in sentences)
    return Verdict(complaint=True, reason="low_rating", themes=_themes(carrying), quote=_quote(sentences),
                   leaving=leaving)


def _judge_unrated(sentences: list[_Sentence], matcher: NameMatcher,
                   favour_near: Sequence[re.Pattern[str]]) -> Verdict:
    if not any(s.mentions for s in sentences):
        return Verdict(complaint=False, reason="not_about")
    if matcher.ambiguous and not _about_this_one(sentences, matcher):
        return Verdict(complaint=False, reason="other_product")
    _mark_elsewhere(sentences, matcher)
    window = _window(sentences)
    favours = [i for i, s in enumerate(sentences) if any(p.search(s.text) for p in favour_near)]
    favoured = bool(favours)
    if any(sentences[i].section == "title" for i in favours):  # "We came back to Cadence": the title tells the end
        favours.append(len(sentences))
    leaves = [i for i, s in enumerate(sentences) if s.leaving]
    # Left and came back ("moved off Sunday to Jira … now we're back on Sunday"): the last word is the writer's.
    leaving = (bool(leaves) and not (favours and favours[-1] > leaves[-1])) or (
        not favoured and any(_leaves(s.text, matcher) for s in window))
    if favoured and not leaving and favours[-1] == len(sentences) and leaves:  # "We came back to Cadence": what
        window = [s for i, s in enumerate(sentences) if i > leaves[-1] and s in window]  # made them leave is past
    elif favoured and not leaving:  # "our old provider missed a deposit … moved to Tandem; night and day": what came
        last = min(favours[-1], len(sentences) - 1)  # before, unless it names the competitor, is the old one's
        window = [s for i, s in enumerate(sentences) if (i > last or (i < last and s.mentions)) and s in window]
    neg = sum(s.neg for s in window)
    pos = sum(s.pos for s in window) + (2 if favoured else 0)
    # A how-to question ("How do I …? I can't find …") is a question unless it clearly complains.
    needed = 3 if _asking(sentences[0].text) else 2
    if not leaving and not (neg >= needed and neg > pos):
        return Verdict(complaint=False, reason="no_complaint")
    if not window:
        return Verdict(complaint=False, reason="favours")
    carrying = _carrying(window)
    return Verdict(complaint=True, reason="leaving" if leaving else "dissatisfied", themes=_themes(carrying),
                   quote=_quote(window), leaving=leaving)


def _asking(sentence: str) -> bool:
    return bool(cues.ASKING.match(sentence.strip())) and sentence.rstrip().endswith("?")


def _leaves(text: str, matcher: NameMatcher) -> bool:
    if cues.LEAVE.search(text):
        return True
    return any(not matcher.any.fullmatch(m.group("name").rstrip(".")) for m in cues.LEAVE_FOR.finditer(text))


def _about_this_one(sentences: Sequence[_Sentence], matcher: NameMatcher) -> bool:
    """An ambiguous name counts when an alias/domain, a category word or a business word is there."""
    text = "\n".join(s.text for s in sentences)
    mentions = [(s, m) for s in sentences for m in matcher.any.finditer(s.text)]
    if mentions and all(cues.WEEKDAY_AFTER.match(s.text[m.end():]) for s, m in mentions):
        return False  # "sunday reset ✨ wiped the boards": the day, whatever the boards and tasks say
    if matcher.strong.search(text) or any(c.search(text) for c in matcher.context):
        return True
    for s in sentences:
        for mention in matcher.any.finditer(s.text):
            after = " ".join(s.text[mention.end():].split()[:3])
            before = " ".join(s.text[:mention.start()].split()[-2:])
            if cues.BUSINESS_NEAR.search(after) or cues.BUSINESS_NEAR.search(before):
                return True
            capitalised = mention.group(0)[:1].isupper() and mention.group(0).lower() not in _STOP_CAPS
            if not matcher.context and mention.start() > 0 and capitalised:
                return True  # written as a name mid-sentence ("we left Relay") — weekdays are always capitalised
    return False


def _mark_elsewhere(sentences: list[_Sentence], matcher: NameMatcher) -> None:
    """Sentences led by another product's name, and clauses about it, are not about the competitor."""
    others = _other_names(sentences, matcher)
    if not others:
        return
    for s in sentences:
        if s.mentions:
            clauses = [c for c in _CLAUSE.split(s.text)
                       if matcher.any.search(c) or not _names_in(" ".join(c.split()[:3]), others)]
            if len(clauses) < len(_CLAUSE.split(s.text)):
                s.neg, s.pos = _polarity(" , ".join(clauses))
        elif _names_in(" ".join(s.text.split()[:4]), others) and not _INTEGRATION.search(s.text):
            s.elsewhere = True  # "Globex support is terrible" — but "the Outlook sync broke" is the competitor's


def _other_names(sentences: Sequence[_Sentence], matcher: NameMatcher) -> set[str]:
    """Other products named in the text: capitalised mid-sentence, either side of "vs", or always capitalised."""
    names: set[str] = set()
    count: Counter[str] = Counter()
    lowercase: set[str] = set()
    acronyms: set[str] = set()
    for s in sentences:
        tokens = [t.removesuffix("'s") for t in _TOKEN.findall(s.text)]
        for i, word in enumerate(tokens):
            low = word.lower()
            count[low] += 1
            if word.isupper() and len(word) > 1:
                acronyms.add(low)  # "SLA", "DST": never a product's name here
            if not word[:1].isupper():
                lowercase.add(low)
            versus = any(t.lower() in ("vs", "vs.", "versus") for t in tokens[max(i - 1, 0):i + 2])
            if (i > 0 or versus) and word[:1].isupper() and _product_like(word, matcher):
                names.add(low)
    repeated = {w for w, n in count.items() if n >= 2 and w not in lowercase and w not in _STARTERS}
    own = {w for n in matcher.name_keys for w in n.split()}  # "Desk" of "Beacon Desk"
    return (names | {w for w in repeated if _product_like(w.capitalize(), matcher)}) - own - acronyms


def _product_like(word: str, matcher: NameMatcher) -> bool:
    low = word.lower()
    return not word.isupper() and low not in _STOP_CAPS and low not in matcher.name_keys \
        and not matcher.any.fullmatch(word)


def _names_in(text: str, others: set[str]) -> bool:
    return any(t.removesuffix("'s").lower() in others for t in _TOKEN.findall(text))


def _window(sentences: Sequence[_Sentence]) -> list[_Sentence]:
    """The whole text when it is about the competitor, else the sentences around its mentions."""
    body = [s for s in sentences if s.section != "title"]
    title_mentions = any(s.mentions for s in sentences if s.section == "title")
    mentions = [i for i, s in enumerate(sentences) if s.mentions]
    if title_mentions or (body and body[0].mentions) or len(mentions) >= 2:
        return [s for s in sentences if not s.elsewhere]
    keep = {j for i in mentions for j in range(i, i + 3)}
    return [s for i, s in enumerate(sentences) if i in keep and not s.elsewhere]


def _carrying(sentences: Sequence[_Sentence]) -> list[_Sentence]:
    """The sentences the themes are read from: all but praise (a complaint's context names its theme too)."""
    return [s for s in sentences if s.neg >= s.pos]


def _themes(carrying: Sequence[_Sentence]) -> tuple[str, ...]:
    text = cues.LEAVING_TERMS.sub(" ", "\n".join(s.text for s in carrying))
    return tuple(name for name, pattern in cues.THEMES.items() if pattern.search(text))


def _quote(sentences: Sequence[_Sentence]) -> str:
    """The sentence that carries the complaint: most negative, a cons section or a body line over a title."""
    def weight(s: _Sentence) -> float:
        return 3 * s.leaving + s.neg - s.pos + (2 if s.section == "con" else 0) + 0.5 * s.mentions \
            - (0.5 if s.section == "title" else 0)
    ranked = sorted((s for s in sentences if not s.elsewhere), key=weight, reverse=True)
    best = next((s for s in ranked if weight(s) > 0), None) or next(
        (s for s in sentences if s.section != "title"), None) or (sentences[0] if sentences else None)
    return shorten(best.text, QUOTE_MAX) if best else ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
