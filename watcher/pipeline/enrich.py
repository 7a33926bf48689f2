"""Enrich: who complained? A review's reviewer company is scored against the ICP with the scorer the
accounts use, and a review by someone at a followed account is attached to that account — the
strongest form of a competitor-complaint signal."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from watcher.config import IcpSettings
from watcher.domain import AccountRef, Signal
from watcher.entities import same_company
from watcher.icp import score_account

_NUM = re.compile(r"\d[\d,.]*\s*[kK]?")


def employees_from_band(band: str | None) -> int | None:
    """A headcount from a size band: "201-500 employees" → 500, "Mid-Market (51-1000 emp.)" → 1000,
    "Small-Business (50 or fewer emp.)" → 50, "Enterprise (> 1000 emp.)" → 1001, "10,001+" → 10001."""
    if not band:
        return None
    numbers = []
    for raw in _NUM.findall(band):
        text = raw.strip().replace(",", "")
        scale = 1000 if text[-1:] in "kK" else 1
        try:
            numbers.append(int(float(text.rstrip("kK").rstrip(".")) * scale))
        except ValueError:
            continue
    if not numbers:
        return None
    if ">" in band or "more than" in band.lower():
        return numbers[-1] + 1
    return max(numbers)  # a range's upper bound; "10,001+" is at least 10,001


def enrich_reviews(signals: Sequence[Signal], followed: Callable[[], list[AccountRef]],
                   icp: IcpSettings) -> list[Signal]:
    """Attach reviewer ICP fit (and the followed account, when it is one) to review signals."""
    out = []
    for signal in signals:
        company = signal.facts.get("reviewer_company")
        if signal.kind != "review_complaint" or not company:
            out.append(signal)
            continue
        facts = dict(signal.facts)
        fit = score_account(industry=facts.get("reviewer_industry"),
                            employees=employees_from_band(facts.get("reviewer_company_size")), revenue=None,
                            country=facts.get("reviewer_country"), technologies=(), icp=icp)
        facts["reviewer_icp_score"], facts["reviewer_icp_tier"] = fit.score, fit.tier
        match = next((a for a in followed() if same_company(str(company), a)), None)
        if match is not None:
            facts["reviewer_is_followed"] = True
            out.append(dataclasses.replace(signal, account=match.name, account_domain=match.domain, facts=facts))
        else:
            out.append(dataclasses.replace(signal, facts=facts))
    return out
