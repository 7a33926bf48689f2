"""How well an account fits the ideal customer profile (ICP): a 0–100 score, a tier, a reason per criterion.

Only criteria the ICP defines count, so "SaaS in the US" is not diluted by ranges nobody set; an account
whose data is missing scores nothing on that criterion and says "unknown", so gaps stay visible.
Pure and deterministic: the same account and ICP always give the same IcpFit.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable

from watcher.config import IcpSettings, Range
from watcher.domain import IcpFit

SCORING_VERSION = 1  # bump when the rules below change, so stored scores are recomputed

_COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("usa", "united states", "united states of america", "america"),
    "CA": ("canada",), "MX": ("mexico",), "BR": ("brazil", "brasil"), "AR": ("argentina",),
    "GB": ("uk", "united kingdom", "great britain", "britain", "england", "scotland", "wales",
           "northern ireland"),
    "IE": ("ireland",), "DE": ("germany", "deutschland"), "FR": ("france",), "ES": ("spain", "espana"),
    "IT": ("italy", "italia"), "NL": ("netherlands", "the netherlands", "holland", "nederland"),
    "BE": ("belgium",), "LU": ("luxembourg",), "CH": ("switzerland", "schweiz", "suisse"),
    "AT": ("austria", "osterreich"), "SE": ("sweden", "sverige"), "NO": ("norway", "norge"),
    "DK": ("denmark", "danmark"), "FI": ("finland", "suomi"), "PL": ("poland", "polska"),
    "PT": ("portugal",), "CZ": ("czechia", "czech republic"), "IL": ("israel",),
    "AE": ("uae", "united arab emirates"), "IN": ("india",), "SG": ("singapore",), "JP": ("japan",),
    "KR": ("south korea", "korea", "republic of korea"), "CN": ("china",), "HK": ("hong kong",),
    "AU": ("australia",), "NZ": ("new zealand",), "ZA": ("south africa",),
}
_ALIASES = {alias: code for code, names in _COUNTRIES.items() for alias in (*names, code.lower())}


def _plain(text: str) -> str:
    """Lower-case ASCII words: accents dropped, ``&`` as "and", punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"(?<![a-z0-9])([a-z])\.", r"\1", text).replace("&", " and ")  # U.S.A. → usa
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _words(text: str) -> str:
    """:func:`_plain` with a light plural strip, so "Financial Services" meets "financial service"."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in _plain(text).split())


def _has(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words (both already :func:`_words`)."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def country_code(value: str) -> str | None:
    """ISO-2 code of a country name or code from the built-in table; other two-letter values as given."""
    key = _plain(value)
    return _ALIASES.get(key) or (key.upper() if re.fullmatch(r"[a-z]{2}", key) else None)


def _country_key(value: str) -> str:
    return country_code(value) or _plain(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _money(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"${value / size:.1f}".removesuffix(".0") + suffix
    return f"${_number(value)}"


def _in_range(label: str, value: float | None, rng: Range, fmt: Callable[[float], str]) -> tuple[bool, str]:
    if value is None:
        return False, f"{label}: unknown"
    bounds = "–".join(fmt(b) for b in (rng.min, rng.max) if b is not None)
    if rng.contains(value):
        how = "within" if rng.min is not None and rng.max is not None else (
            "at least" if rng.min is not None else "at most")
        return True, f"{label}: {fmt(value)} {how} {bounds}"
    side = "below" if rng.min is not None and value < rng.min else "above"
    return False, f"{label}: {fmt(value)} {side} {bounds}"


def _industry(industry: str | None, icp: IcpSettings) -> tuple[bool, str]:
    if not industry or not _words(industry):
        return False, "industry: unknown"
    mine = _words(industry)
    if any(_has(mine, _words(t)) or _has(_words(t), mine) for t in icp.industries):
        return True, f"industry: {industry.strip()} matches"
    return False, f"industry: {industry.strip()} not in {', '.join(icp.industries)}"


def _region(country: str | None, icp: IcpSettings) -> tuple[bool, str]:
    if not country or not _plain(country):
        return False, "region: unknown"
    if _country_key(country) in {_country_key(c) for c in icp.countries}:
        return True, f"region: {country.strip()} matches"
    return False, f"region: {country.strip()} not in {', '.join(icp.countries)}"


def _technologies(technologies: Iterable[str], icp: IcpSettings) -> tuple[bool, str]:
    """An ICP technology matches an account technology that contains it ("Salesforce Sales Cloud")."""
    mine = [t.strip() for t in technologies if _words(t)]
    if not mine:
        return False, "technologies: unknown"
    wanted = [_words(t) for t in icp.technologies]
    used = [t for t in mine if any(_has(_words(t), w) for w in wanted)]
    if used:
        return True, f"technologies: uses {', '.join(used)}"
    return False, f"technologies: none of {', '.join(icp.technologies)}"


def score_account(*, industry: str | None, employees: float | None, revenue: float | None,
                  country: str | None, technologies: Iterable[str], icp: IcpSettings) -> IcpFit:
    """Matched weight over the weight of the criteria the ICP defines, as 0–100 (half rounds up).

    An ICP that defines nothing (or only zero weights) scores every account 0, tier "none".
    """
    def ranged(rng: Range) -> bool:
        return rng.min is not None or rng.max is not None

    w = icp.weights
    criteria = [
        ("industry", w.industry, bool(icp.industries), lambda: _industry(industry, icp)),
        ("employees", w.employees, ranged(icp.employees),
         lambda: _in_range("employees", employees, icp.employees, _number)),
        ("revenue", w.revenue, ranged(icp.revenue),
         lambda: _in_range("revenue", revenue, icp.revenue, _money)),
        ("region", w.region, bool(icp.countries), lambda: _region(country, icp)),
        ("technologies", w.technologies, bool(icp.technologies), lambda: _technologies(technologies, icp)),
    ]
    total = matched = 0.0
    reasons: dict[str, str] = {}
    for name, weight, defined, check in criteria:
        if defined:
            ok, reasons[name] = check()
            total += weight
            matched += weight if ok else 0.0
    score = min(100, max(0, math.floor(matched * 100 / total + 0.5))) if total > 0 else 0
    tiers = icp.tiers
    tier = next((t for t, low in (("A", tiers.A), ("B", tiers.B), ("C", tiers.C)) if score >= low), "none")
    return IcpFit(score=score, tier=tier if total > 0 else "none", reasons=reasons)


def icp_fingerprint(icp: IcpSettings) -> str:
    """16 hex digits that change whenever the ICP or the scoring rules do, so stale scores can be found.

    Order and spelling of the lists count: they show in the reasons, which are stored with the score.
    """
    payload = json.dumps({"version": SCORING_VERSION, "icp": icp.model_dump(mode="json")},
                         sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]
