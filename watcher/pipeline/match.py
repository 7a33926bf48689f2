"""Match: a stored signal and its account → the rules it matches (rules/ decides, this feeds it)."""

from __future__ import annotations

from typing import Any

from rules.engine import RuleMatch, match
from rules.model import Rule
from watcher.store.models import AccountRow, SignalRow


def signal_context(signal: SignalRow, account: AccountRow | None) -> dict[str, Any]:
    """The fields rules can name: kind, title, source, url, evidence, facts.*, account.*."""
    acc: dict[str, Any] = {}
    if account is not None:
        acc = {"name": account.name, "domain": account.domain, "icp_tier": account.icp_tier,
               "icp_score": account.icp_score, "industry": account.industry, "employees": account.employees,
               "revenue": account.revenue, "country": account.country, "tags": list(account.tags or []),
               "technologies": list(account.technologies or []), "owner_email": account.owner_email,
               "owner_slack": account.owner_slack, "followed": account.followed, "competitor": account.competitor}
    return {"kind": signal.kind, "title": signal.title, "source": signal.source, "url": signal.url,
            "evidence": signal.evidence, "facts": dict(signal.facts or {}), "account": acc}


def matching_rules(rules: list[Rule], signal: SignalRow, account: AccountRow | None) -> list[RuleMatch]:
    return match(rules, signal_context(signal, account))
