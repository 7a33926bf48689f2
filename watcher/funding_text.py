"""Headline plumbing shared by the funding and leadership readers: publisher suffixes, press-wire
datelines, sentences, and the company named by a noun phrase ("Berlin-based fintech Acme" → "Acme").

Kept apart from the interpretation so each reader stays small and this part is tested once.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
GENERIC_SUBJECT = re.compile(r"^(?:we|we've|we have|i|our team|the (?:\w+[-\s]?){0,3}(?:company|startup|firm|"
                             r"business|platform|maker|provider))$", _I)
# Many companies at once ("Indian Startups"), read so only with a plural verb: "The Sweetgreen Companies raises" is one.
PLURAL_SUBJECT = re.compile(r"^(?:[\w-]+\s+){0,3}(?:startups|start-ups|companies|firms|fintechs|businesses|founders|"
                            r"scaleups)$", _I)
_PREFIX = re.compile(r"^(?:exclusive|breaking|funding|update(?: \d+)?|scoop|deal|deals|news|just in|first on [\w ]+|"
                     r"report)\s*[:|–—-]\s*", _I)
_DATELINE = re.compile(r"^.{0,120}?(?:/\s*PRNewswire\s*/|\(\s*GLOBE NEWSWIRE\s*\)|/\s*Business Wire\s*/|"
                       r"\(\s*BUSINESS WIRE\s*\)|/\s*EINPresswire\.com\s*/)\s*[-–—]*\s*", _I)
_TAIL = re.compile(r"\s+[-–|]\s+(?P<tail>[^-–|]{2,60})$")
_PAREN = re.compile(r"\s*\([^)]*\)")
_RELATIVE = re.compile(r",\s*(?:which|who|that)\b[^,]*,\s*", _I)
_APPOSITIVE = re.compile(r",\s*(?:a|an|the)\s[^,]{2,90},\s*", _I)
_DASH_APPOSITIVE = re.compile(r"\s[–—-]\s(?:a|an|the)\s[^–—-]{2,60}\s[–—-]\s", _I)
_LEAD_IN = re.compile(r"^(?:at|with|after|despite|fresh off|months after|weeks after|amid|as)\b[^,]{0,60},\s*", _I)
_ABBREV = re.compile(r"(?:\b(?:inc|corp|ltd|co|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mr|ms|mrs|dr|st|"
                     r"no|vs|u\.s|e\.g|i\.e)|\b[A-Z])\.$", _I)
DESCRIPTORS = frozenset("""
    ai b2b b2c saas fintech insurtech proptech healthtech medtech edtech legaltech regtech agtech agritech cleantech
    climatetech deeptech biotech defence defense startup start-up unicorn firm company platform leading inside
    stealth quick-commerce payroll payments exclusive the a an former ex new how why what when where
""".split())
_NAMEISH = re.compile(r"^(?:[A-Z0-9][\w.&'+\-]*|&|\+|[a-z]+\d[\w]*|[a-z][A-Z][\w]*|"
                      r"(?:plc|llc|gmbh|ag|ab|asa|sas|nv|bv|oy|spa|srl|pty|inc\.?|ltd\.?)|"  # "Vantis plc"
                      r"[a-z][a-z0-9-]*\.(?:ai|io|co|com|app|dev|so|sh|xyz|tech|ly|me|gg|run|inc))$")  # "q.ai"
# A noun that ends a descriptor, Title Case or not: "Cybersecurity Startup Shieldwall" is Shieldwall.
# (Not "Company", "Maker", "Platform": names hold them, "Maker Studios", "The Browser Company".)
_FIRM_SUFFIXES = frozenset("solutions group labs co systems technologies partners holdings inc ltd gmbh ag capital "
                           "ventures".split())
_DESCRIBED = frozenset(("startup", "start-up", "scaleup", "scale-up", "unicorn", "brand"))


def headline_of(title: str, publisher: str | None = None) -> str:
    """The headline without its publisher: "Acme raises $40M - TechCrunch" → "Acme raises $40M".

    With the publisher known (Google News gives it) exactly that suffix goes; otherwise a short
    trailing " - Name" / " | Name" goes only when it reads like an outlet (no digits, no money).
    """
    title = title.strip()[:MAX_SENTENCE]
    if publisher:
        for sep in (" - ", " – ", " | "):
            if title.endswith(sep + publisher):
                return title[: -len(sep + publisher)].strip()
    m = _TAIL.search(title)
    if m and not re.search(r"[\d$€£¥₹]|\b(?:raises?|series|seed|round|funding|the|a|an)\b", m.group("tail"), _I) \
            and len(m.group("tail").split()) <= 5 and m.group("tail")[:1].isupper():
        return title[: m.start()].strip()
    return title


def summary_of(summary: str, headline: str, publisher: str | None = None) -> str:
    """The summary minus what only echoes the headline: Google News items summarise as "Headline Publisher"."""
    text = re.sub(r"\s+", " ", summary or "").strip()
    core = headline_of(headline, publisher)
    for echo in (headline.strip(), core):
        if echo and text.startswith(echo):
            text = text[len(echo):].strip()
            break
    if publisher and text.strip() == publisher:
        return ""
    return text


MAX_SENTENCES = 8  # a raise or a hire is told in the lede; full article bodies in feeds are not read
MAX_SENTENCE = 400  # the readers' patterns are not linear in the length of a sentence


def sentences(text: str) -> list[str]:
    """The first sentences of ``text``; a press-wire dateline ("BOSTON, March 4 /PRNewswire/ --") is dropped."""
    text = _DATELINE.sub("", re.sub(r"\s+", " ", text or "").strip()[: MAX_SENTENCES * MAX_SENTENCE])
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+[A-Z\"“])", text):
        if _ABBREV.search(text[max(0, m.start() - 6): m.end()]):
            continue
        out.append(text[start: m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return [s[:MAX_SENTENCE] for s in out if s][:MAX_SENTENCES]


def clean_sentence(sentence: str) -> str:
    """Prefixes ("Exclusive:"), lead-ins ("At $2B valuation,"), relative clauses and appositives removed."""
    s = _PREFIX.sub("", sentence.strip())
    s = _LEAD_IN.sub("", s)
    s = _RELATIVE.sub(" ", s)
    s = _APPOSITIVE.sub(" ", s)
    s = _DASH_APPOSITIVE.sub(" ", s)
    s = _PAREN.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


def _describes(word: str) -> bool:
    """A word that can stand before "Startup" as a description: a sector ("Cybersecurity", "Healthtech") or a
    nationality ("Indian", "French"), not a place or a name ("Berlin Startup Factory" is a name)."""
    low = word.lower().strip(",")
    return low in DESCRIPTORS or low in ("d2c", "dtc", "coffee", "brand") or low.endswith((
        "tech", "security", "health", "care", "commerce", "ware", "ai", "ian", "ese", "ish", "ch",
        "ner", "ener", "iner"))  # German city adjectives: "Münchner", "Wiener", "Berliner"


def _trailing_name(tokens: list[str]) -> list[str]:
    run: list[str] = []
    for token in reversed(tokens):
        if not _NAMEISH.match(token) or token.lower().endswith(("-based", "-backed")):
            break
        run.insert(0, token)
    while run and (run[0].lower().strip(",") in DESCRIPTORS or run[0].lower().endswith(("-startup", "-start-up"))):
        run.pop(0)  # "Solar-Startup Sonnwerk"
    described = [i for i, token in enumerate(run[:-1]) if token.lower().endswith(("-startup", "-start-up")) or (
                 i and (token.lower() in _DESCRIBED or (token.lower().endswith("tech") and len(token) > 4))
                 and all(_describes(word) for word in run[:i])  # not "Scaleup Finance", nor "Berlin Startup Factory";
                 and run[-1].lower() not in _FIRM_SUFFIXES)]  # "Münchner Agrartech Feldwerk" is Feldwerk, not
    # "Turner Fintech Solutions" Solutions
    if described:
        run = run[described[-1] + 1:]
    while run and run[-1] in ("&", "+"):
        run.pop()
    return run


def company_from_subject(subject: str) -> str | None:
    """The company a subject phrase names: "Sequoia-backed Fintrail" → "Fintrail", "Tokyo's Kamome AI" → "Kamome AI"."""
    s = _PAREN.sub("", clean_sentence(subject)).strip(" ,:;-–—")
    if "," in s:
        parts = [p.strip() for p in s.split(",") if p.strip()]
        s = parts[-1] if _LEAD_IN.match(s + ",") else parts[0]
    tokens = s.split()
    for i, token in enumerate(tokens):
        if token.lower().endswith(("-backed", "-based")) or (token.endswith(("'s", "’s")) and i < len(tokens) - 1):
            tokens = tokens[i + 1:] if i < len(tokens) - 1 else tokens
            break
    run = _trailing_name(tokens)
    name = " ".join(run).strip(" ,")
    return name or None


def company_from_object(phrase: str) -> str | None:
    """The company at the start of an object phrase: "Parisian HR startup Tandemly - Sifted" → "Tandemly"."""
    phrase = re.split(r"'s\b|’s\b|\s[-–—|]\s|[,;:.]\s|\s+(?:to|for|as|at|in|with|from|after|led|amid|over)\s+",
                      phrase.strip(), maxsplit=1)[0]
    tokens = phrase.split()
    if not tokens or not _NAMEISH.match(tokens[-1]):
        return None
    return company_from_subject(phrase)
