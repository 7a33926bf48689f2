"""Evaluate rules against a signal and its account: which rules match, with what priority and routes.

Pure: no database, no clock. Strings compare case-insensitively; list values (tags, themes,
investors) match when any element does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rules.model import Condition, Rule

PRIORITY_ORDER = {"high": 0, "normal": 1, "low": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleMatch:
    rule: Rule

    @property
    def name(self) -> str:
        return self.rule.name


def lookup(context: Mapping[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _norm(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set) else [value]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def holds(condition: Condition, context: Mapping[str, Any]) -> bool:
    """Whether one condition holds for ``context`` (a missing field holds only for ``exists = false``)."""
    value = lookup(context, condition.field)
    op = condition.operator
    if op == "exists":
        present = value not in (None, "", [], {})
        return present is condition.exists
    if value is None:
        return op == "not_one_of"
    values = [_norm(v) for v in _as_list(value)]
    if op == "equals":
        return _norm(condition.equals) in values
    if op in ("one_of", "not_one_of"):
        wanted = {_norm(v) for v in (condition.one_of or condition.not_one_of or [])}
        hit = any(v in wanted for v in values)
        return hit if op == "one_of" else not hit
    if op in ("at_least", "at_most", "between"):
        number = _number(value)
        if number is None:
            return False
        if op == "at_least":
            return number >= (condition.at_least or 0)
        if op == "at_most":
            return number <= (condition.at_most or 0)
        low, high = condition.between or (0, 0)
        return low <= number <= high
    if op == "matches":
        return any(_regex(condition.matches or "").search(str(v)) for v in _as_list(value))
    terms = [t.casefold() for t in (condition.contains_any or condition.contains_all or [])]
    text = " ".join(str(v) for v in values).casefold()
    found = [t in text for t in terms]
    return any(found) if op == "contains_any" else all(found)


def rule_matches(rule: Rule, context: Mapping[str, Any]) -> bool:
    if rule.kinds and context.get("kind") not in rule.kinds:
        return False
    return (all(holds(c, context) for c in rule.all)
            and (not rule.any or any(holds(c, context) for c in rule.any))
            and not any(holds(c, context) for c in rule.none))


def match(rules: Sequence[Rule], context: Mapping[str, Any]) -> list[RuleMatch]:
    """Matching rules, highest priority first; fallback rules only when nothing else matched."""
    found = [RuleMatch(rule=r) for r in rules if not r.fallback and rule_matches(r, context)]
    if not found:
        found = [RuleMatch(rule=r) for r in rules if r.fallback and rule_matches(r, context)]
    return sorted(found, key=lambda m: PRIORITY_ORDER[m.rule.priority])
