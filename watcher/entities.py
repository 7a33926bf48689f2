"""Company-name matching: is this text about this account?

``match`` scores a text against an account and says why; ``mentions`` (what the core calls) is
"the score reaches the bar". Evidence and its weight:

* the account's domain in the text (``acme.io``, not ``acme.io.evil.com``): decisive;
* another domain with the same name label (``acme.com`` for an ``acme.io`` account): decisive against;
* a distinctive name or alias on word boundaries, legal suffixes ignored ("Acme Robotics, Inc." is
  "Acme Robotics", "Acme Roboticsworks" is not): enough;
* a name that is also a common word ("Notion", "Ramp", "Linear", "Mercury", "Apple", "Clay", "Close",
  "Front", "Box") counts only capitalised, not glued into a longer proper noun ("Mercury Systems"),
  and with context: the name as the subject of a company verb ("Ramp raises"), an apposition
  ("Notion, the productivity app"), a descriptor ("fintech Ramp"), a role ("Linear CEO Karri Saarinen"),
  the account's industry words; planets, fruit and elements count against;
* a description that names another industry ("Acme, the insurance startup" for a robotics Acme) counts
  against: that is how two companies sharing a name are told apart without a domain.

Cases this cannot solve (tests/test_entities.py keeps them as known failures):
* two companies with the same distinctive name, no domain and no description in the text;
* a common-word company named only in passing ("customers such as Notion and Figma");
* a common-word name at the start of a headline with no verb or context after it ("Mercury: a closer look");
* text in another language than English (verbs and descriptors are English).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from watcher.domain import AccountRef

LEGAL_SUFFIXES = (
    "incorporated", "inc", "corporation", "corp", "company", "co", "llc", "l.l.c", "ltd", "limited", "plc",
    "gmbh", "ag", "se", "sa", "sas", "sarl", "bv", "b.v", "nv", "oy", "ab", "as", "aps", "spa", "s.p.a", "srl",
    "kk", "pte", "pty", "pvt", "holdings", "group", "technologies", "labs",
)
_SUFFIX_RE = re.compile(r"[\s,]+(?:" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r")\.?$", re.IGNORECASE)
COMMON_WORDS = frozenset(
    """apple notion ramp linear mercury slack square stripe zoom box gusto rippling attentive
    front loom retool plaid carta deel remote canva figma miro airtable asana monday clay close
    segment amplitude census hex modal vercel render fly neon supabase sentry drift intercom
    outreach gong pilot bolt chime current dave wise affirm robinhood coinbase""".split()
)
THRESHOLD = 50
_COMPANY_VERBS = frozenset("""
    raises raised secures secured lands landed closes closed bags nabs snags gets scores picks pulls rakes hauls
    launches launched unveils unveiled introduces introduced releases released ships shipped rolls debuts
    hires hired appoints appointed names named taps tapped promotes promoted welcomes adds added
    acquires acquired buys bought announces announced partners expands expanded opens opened files filed
    reports reported cuts lays laid valued hits reaches integrates signs signed wins won sues sued settles
    is was has had says said plans wants will confirms denies agrees completes completed""".split())
_ROLES = frozenset("""ceo cfo cto coo cmo cro cpo founder co-founder cofounder founders spokesperson spokeswoman
    spokesman employees staff customers users app platform valuation investors board team ipo shares
    president executive executives chief head engineers""".split())
_DESCRIPTORS = frozenset("""startup start-up company firm platform app maker provider unicorn fintech neobank
    bank saas vendor developer rival competitor scaleup scale-up business brand""".split())
_NON_BUSINESS = re.compile(r"\b(?:planet|planets|orbit\w*|nasa|spacecraft|solar system|sun|fruits?|orchards?|"
                           r"harvest|pies?|cider|recipe|toxic|poisoning|element|thermometers?|fish|levels of|"
                           r"pottery|ceramics?|sculpt\w*|retrograde|god|mythology)\b", re.IGNORECASE)
INDUSTRY_GROUPS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "fintech bank banking neobank payments payment finance financial card cards spend lending",
    "software saas platform app cloud productivity developer devtools",
    "robotics robot robots automation warehouse",
    "insurance insurtech insurer",
    "health healthcare medical clinic biotech pharma therapeutics",
    "security cybersecurity identity",
    "logistics freight shipping delivery",
    "energy solar battery batteries climate",
    "retail ecommerce e-commerce commerce",
    "defense defence aerospace",
    "marketing advertising adtech",
    "hr payroll recruiting",
    "food fruit grocery",
))
_ALL_INDUSTRY = frozenset().union(*INDUSTRY_GROUPS)
_GENERIC_INDUSTRY = INDUSTRY_GROUPS[1]  # "software" describes nearly everything: no conflict can be read from it


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """How strongly a text is about an account, and the evidence for it."""

    score: int
    reasons: tuple[str, ...] = ()

    @property
    def about(self) -> bool:
        return self.score >= THRESHOLD


def core_name(name: str) -> str:
    """The name without legal suffixes and punctuation at the ends: "Acme Robotics, Inc." → "Acme Robotics"."""
    previous = None
    name = name.strip()
    while previous != name:
        previous = name
        name = _SUFFIX_RE.sub("", name).strip(" ,.-")
    return name


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<![\w-])" + r"[\s\-]+".join(words) + r"(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _domain_pattern(domain: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?" + re.escape(domain) + r"(?![\w-]|\.\w)", re.IGNORECASE)


def names_of(account: AccountRef) -> list[str]:
    """Every spelling the account goes by, longest first."""
    names = {core_name(account.name), *(core_name(a) for a in account.aliases)}
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def industry_words(industry: str | None) -> frozenset[str]:
    """The words that say "this industry": its own words and those of its synonym group."""
    words = {w for w in re.findall(r"[a-z][a-z-]+", (industry or "").lower()) if len(w) >= 3}
    return frozenset(words.union(*(g for g in INDUSTRY_GROUPS if g & words)))


_HOST = re.compile(r"(?<![\w.@-])(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)


def _other_domain(text: str, domain: str) -> str | None:
    """A host in ``text`` whose first label carries the account's label but is not the account's domain."""
    label = domain.split(".")[0].lower()
    for m in _HOST.finditer(text):
        host = m.group(1).lower()
        if host == domain.lower() or host.endswith("." + domain.lower()) or host.startswith(domain.lower() + "."):
            continue
        if label in host.split(".")[0].split("-"):
            return host
    return None


def _described_as(text: str, start: int, end: int) -> set[str]:
    """Industry words in the description of the name at text[start:end] (before it or in an apposition)."""
    before = re.findall(r"[a-z][\w-]*", text[max(0, start - 40): start].lower())[-3:]
    apposition = re.match(r",\s+(?:the|a|an)\s+([^,.;]{2,60})", text[end:])
    after = re.findall(r"[a-z][\w-]*", apposition.group(1).lower()) if apposition else []
    return {w for w in before + after if w in _ALL_INDUSTRY}


def _common_word_evidence(text: str, start: int, end: int, industry: frozenset[str]) -> tuple[int, list[str]]:
    found, reasons = 0, list[str]()
    after = text[end:]
    nxt = re.match(r"(?:,?\s+(?:inc\.?|ltd\.?|gmbh|co\.?))?(?:'s|’s)?\s*([\w-]+)", after, re.I)
    word = nxt.group(1) if nxt else ""
    sentence_start = start == 0 or bool(re.search(r"[.!?:]\s*$|^\s*$", text[:start][-3:]))
    if word and word[:1].isupper() and word.lower() not in _COMPANY_VERBS | _ROLES and not after.startswith(","):
        return -100, ["part of a longer name"]
    if word.lower() in _COMPANY_VERBS:
        found, reasons = found + 60, [*reasons, f"subject of {word!r}"]
    if word.lower() in _ROLES:
        found, reasons = found + 50, [*reasons, f"followed by {word!r}"]
    if re.match(r",\s+(?:the|a|an)\s+[^,.;]{0,50}\b(?:" + "|".join(_DESCRIPTORS) + r")\b", after, re.I):
        found, reasons = found + 60, [*reasons, "apposition"]
    before = re.findall(r"[\w-]+", text[max(0, start - 30): start].lower())[-2:]
    if set(before) & (_DESCRIPTORS | industry):
        found, reasons = found + 50, [*reasons, "descriptor before"]
    if (after.startswith(("'s", "’s")) and not sentence_start) and not found:
        found, reasons = found + 30, [*reasons, "possessive"]
    return found, reasons


def match(text: str, account: AccountRef) -> Match:
    """Score ``text`` against ``account`` (see the module docstring for the evidence and weights)."""
    if not text:
        return Match(score=0)
    if _domain_pattern(account.domain).search(text):
        return Match(score=100, reasons=(f"domain {account.domain}",))
    if other := _other_domain(text, account.domain):
        return Match(score=-100, reasons=(f"another company's domain {other}",))
    industry = industry_words(account.industry)
    best, reasons = 0, ["no mention"]
    for name in names_of(account):
        common = name.lower() in COMMON_WORDS
        for m in _pattern(name).finditer(text):
            if re.match(r"\.[a-z]{2,}\b", text[m.end():], re.IGNORECASE):
                continue  # inside a host name ("acme.io.evil.com"): the domain check speaks for hosts
            described = _described_as(text, m.start(), m.end())
            if industry and described and not described & industry and not industry <= _GENERIC_INDUSTRY:
                score, why = -70, [f"described as {', '.join(sorted(described))}"]
            elif not common:
                score, why = 60, [f"name {name!r}"]
            elif not m.group(0)[:1].isupper():
                continue
            else:
                score, why = _common_word_evidence(text, m.start(), m.end(), industry)
                score += 10
                if industry and score > 10 and set(re.findall(r"[a-z][\w-]+", text.lower())) & industry:
                    score, why = score + 30, [*why, "industry words"]
                if _NON_BUSINESS.search(text):
                    score, why = score - 60, [*why, "non-business context"]
                why = [f"common-word name {name!r}", *why]
            if score > best or reasons == ["no mention"]:
                best, reasons = score, why
    return Match(score=best, reasons=tuple(reasons))


def mentions(text: str, account: AccountRef) -> bool:
    """True when ``text`` is about ``account`` (by domain, name or alias, in context)."""
    return match(text, account).about


def same_company(name: str | None, account: AccountRef) -> bool:
    """True when a company name read from a headline ("Acme Robotics Inc.") is the account."""
    if not name:
        return False
    wanted = core_name(name).lower()
    return any(wanted == n.lower() for n in names_of(account)) or wanted == account.domain.lower()
