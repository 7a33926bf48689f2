"""Changes → what a seller reads: a title, the before/after evidence, the facts of the signal.

"Acme raised Pro from $49 to $59 per seat/month and removed Starter": the most telling changes first
(prices, contact-sales gating, plans, free tier, trial, billing, features), at most three in the title.
"""

from __future__ import annotations

import re
from typing import Any

from sources._pricing.diff import Change
from sources._pricing.money import phrase, priced

KEYS = ("type", "plan", "old", "new", "period", "percent")
DAYS = re.compile(r"(\d+)-day")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _price(c: Change) -> str:
    verb = "raised" if c["type"] == "price_increased" else "cut"
    terms = phrase({"period": c.get("period"), "unit": c.get("unit"), "billing": c.get("billing")})
    what = c["plan"] or "a price"
    return f"{verb} {what} from {c['old']} to {c['new']}" + (f" {terms}" if terms else "")


def _free(c: Change) -> str:
    old, new, plan = c.get("old"), c.get("new"), c.get("plan")
    if old is None and new == "Free":
        return f"added a free plan ({plan})"
    if new is None and old == "Free":
        return f"dropped its free plan ({plan})"
    if old == "Free":
        return f"started charging for {plan} ({new})"
    if new == "Free":
        return f"made {plan} free"
    return f"changed its free tier ({plan})"


def _trial(c: Change) -> str:
    old, new = c.get("old"), c.get("new")
    if not new:
        return f"dropped its {old}"
    if not old:
        return f"added a {new}"
    o, n = DAYS.search(old), DAYS.search(new)
    if o and n:
        verb = "extended" if int(n[1]) > int(o[1]) else "cut"
        return f"{verb} its free trial from {o[1]} to {n[1]} days"
    return f"changed its free trial ({old} → {new})"


def _billing(c: Change) -> str:
    old, new, plan = c.get("old"), c.get("new"), c.get("plan")
    if plan is None:
        if old and new:
            return f"changed its billing discount from {old} to {new}"
        return f"dropped its {old} billing discount" if old else f"added a {new} billing discount"
    if old and new:
        return f"changed {plan} from {old} to {new}"
    return f"dropped the {old} option of {plan}" if old else f"added a {new} option to {plan}"


def _clause(c: Change) -> str:
    kind, plan = c["type"], c.get("plan")
    if kind in ("price_increased", "price_decreased"):
        return _price(c)
    if kind == "contact_sales":
        if c.get("new") == "Contact sales":
            return f"moved {plan} to contact sales" + (f" (was {c['old']})" if c.get("old") else "")
        return f"published {plan} pricing at {c.get('new')}"
    if kind == "plan_removed":
        return f"removed {plan}"
    if kind == "plan_added":
        new = c.get("new")
        return f"added {plan}" + (" (contact sales)" if new == "Contact sales" else f" at {new}" if new else "")
    if kind == "plan_renamed":
        return f"renamed {c.get('old')} to {c.get('new')}"
    if kind == "free_tier_changed":
        return _free(c)
    if kind == "trial_changed":
        return _trial(c)
    if kind == "billing_changed":
        return _billing(c)
    return "changed its pricing page"


def _feature_clauses(changes: list[Change]) -> dict[tuple[str, str], str]:
    """One clause per (plan, added/removed): "added SSO to Pro", "removed 3 features from Team"."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for c in changes:
        if c["type"] in ("feature_added", "feature_removed"):
            grouped.setdefault((c["type"], c.get("plan") or ""), []).append(c.get("new") or c.get("old") or "")
    out = {}
    for (kind, plan), features in grouped.items():
        verb, prep = ("added", "to") if kind == "feature_added" else ("removed", "from")
        what = features[0] if len(features) == 1 and len(features[0]) <= 60 else f"{len(features)} features"
        out[(kind, plan)] = f"{verb} {what} {prep} {plan}" if plan else f"{verb} {what}"
    return out


def title(name: str, changes: list[Change]) -> str:
    """``Acme raised Pro from $49 to $59 per seat/month and removed Starter``."""
    features = _feature_clauses(changes)
    clauses: list[str] = []
    for c in changes:
        if c["type"] in ("feature_added", "feature_removed"):
            clause = features.pop((c["type"], c.get("plan") or ""), "")
        elif c["type"] == "free_tier_changed" and c.get("old") not in (None, "Free") and c.get("new") not in (
                None, "Free"):
            clause = _free(c)
        else:
            clause = _clause(c)
        if clause and clause not in clauses:
            clauses.append(clause)
    shown, more = clauses[:3], len(clauses) - 3
    text = _join(shown) + (f" and {more} more change{'s' if more > 1 else ''}" if more > 0 else "")
    return f"{name} {text}"


def evidence(changes: list[Change], limit: int = 12) -> str:
    """The before/after lines of the changes, most telling first."""
    lines = [line[:200] for c in changes for line in c.get("evidence", [])]
    return "\n".join(lines[:limit])


def facts(changes: list[Change]) -> list[dict[str, Any]]:
    """The changes as the signal contract lists them: the six keys always, extra details when known."""
    out = []
    for c in changes:
        fact = {k: c.get(k) for k in KEYS}
        fact.update({k: v for k, v in c.items() if k not in KEYS and k != "evidence" and v is not None})
        out.append(fact)
    return out


def price_list(data: dict[str, Any]) -> list[str]:
    """``["Starter: $19 per seat/month", "Enterprise: Contact sales"]`` (the page's loose prices without plans)."""
    plans = data.get("plans") or []
    if not plans:
        return list(data.get("prices") or [])
    out = []
    for plan in plans:
        shown = [priced(p) for p in plan.get("prices", []) if not p.get("was")]
        if plan.get("contact_sales"):
            shown.append("Contact sales")
        out += [f"{plan['name']}: {s}" for s in shown] or [plan["name"]]
    return out
