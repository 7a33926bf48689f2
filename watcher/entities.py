"""Company-name matching: does this text talk about this account?

Names are matched on word boundaries with legal suffixes removed and aliases tried; a mention
of the account's domain is strong evidence. Names that are also common words ("Notion",
"Ramp", "Linear") need context: the domain, or the name written as a company (capitalised,
followed by a company-ish word). Issue 4 deepens this; the contract stays ``mentions``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from watcher.domain import AccountRef

LEGAL_SUFFIXES = (
    "incorporated", "inc", "corporation", "corp", "company", "co", "llc", "l.l.c", "ltd", "limited", "plc",
    "gmbh", "ag", "se", "sa", "sas", "sarl", "bv", "b.v", "nv", "oy", "ab", "as", "aps", "spa", "s.p.a", "srl",
    "kk", "pte", "pty", "pvt", "holdings", "group", "technologies", "labs",
)
_SUFFIX_RE = re.compile(r"[\s,]+(?:" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r")\.?$", re.IGNORECASE)
COMMON_WORDS = frozenset(
    """apple notion ramp linear mercury brex slack square stripe zoom box gusto rippling attentive
    front loom retool plaid carta deel remote canva figma miro airtable asana monday clay close
    segment amplitude census hex modal vercel render fly neon supabase sentry drift intercom
    outreach gong pilot bolt chime current dave wise affirm klarna robinhood coinbase""".split()
)


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


def _domain_pattern(domain: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.-])(?:www\.)?" + re.escape(domain) + r"(?![\w-])", re.IGNORECASE)


def names_of(account: AccountRef) -> list[str]:
    """Every spelling the account goes by, longest first."""
    names = {core_name(account.name), *(core_name(a) for a in account.aliases)}
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def mentions(text: str, account: AccountRef) -> bool:
    """True when ``text`` is about ``account`` (by name, alias or domain)."""
    if not text:
        return False
    if _domain_pattern(account.domain).search(text):
        return True
    for name in names_of(account):
        match = _pattern(name).search(text)
        if not match:
            continue
        if name.lower() not in COMMON_WORDS:
            return True
        # A common word counts only when written as a proper noun (capitalised as the account writes it).
        if any(m.group(0) == name or m.group(0)[:1].isupper() and m.start() > 0
               for m in _pattern(name).finditer(text)):
            return True
    return False
