"""Load rule files; refuse a bad one at start with the file, the rule and the field named."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rules.model import Rule, RuleFile
from watcher.config import Settings
from watcher.errors import RuleError

BUILTIN = Path(__file__).with_name("builtin.toml")


def _where(data: dict[str, Any], loc: Sequence[int | str]) -> str:
    if len(loc) >= 2 and loc[0] == "rule" and isinstance(loc[1], int):
        rules = data.get("rule") or []
        name = rules[loc[1]].get("name") if loc[1] < len(rules) and isinstance(rules[loc[1]], dict) else None
        label = f"rule {name!r}" if name else f"rule #{loc[1] + 1}"
        rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[2:]).lstrip(".")
        return f"{label}: {rest}" if rest else label
    return ".".join(str(p) for p in loc)


def _message(err: dict[str, Any]) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key"
    return str(err["msg"]).removeprefix("Value error, ")


def load_rule_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{path}: no such rule file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: invalid TOML: {exc}") from None
    try:
        return RuleFile.model_validate(data).rule
    except ValidationError as exc:
        lines = [f"{path}: {_where(data, e['loc'])}: {_message(dict(e))}" for e in exc.errors()]
        raise RuleError("\n".join(lines)) from None


def load_rules(files: Iterable[Path], *, builtin: bool = True, digests: Iterable[str] = ()) -> list[Rule]:
    """Every enabled rule, built-in first; names must be unique and digest routes must exist."""
    paths = [*([BUILTIN] if builtin else []), *files]
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    known_digests = set(digests)
    for path in paths:
        for rule in load_rule_file(path):
            if rule.name in seen:
                raise RuleError(f"{path}: rule {rule.name!r}: name already used in {seen[rule.name]}")
            seen[rule.name] = path
            missing = [r for r in rule.routes if r.startswith("digest:") and r[7:] not in known_digests]
            if missing and path != BUILTIN:
                raise RuleError(f"{path}: rule {rule.name!r}: routes: no [[digests]] named {missing[0][7:]!r} "
                                f"(configured: {', '.join(sorted(known_digests)) or 'none'})")
            routes = [r for r in rule.routes if r not in missing]  # built-ins skip digests not configured
            if rule.enabled and routes:
                rules.append(rule.model_copy(update={"routes": routes}))
    return rules


def rules_from_settings(settings: Settings) -> list[Rule]:
    """The rules the configuration asks for: built-ins (unless switched off) and the team's files."""
    return load_rules([settings.resolve(f) for f in settings.rules.files], builtin=settings.rules.builtin,
                      digests=[d.name for d in settings.digests])
