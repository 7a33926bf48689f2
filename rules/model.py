"""Trigger rules as data: the TOML shape, validated when loaded, from a closed set of comparisons.

    [[rule]]
    name = "funding-series-a-plus"
    kinds = ["funding"]
    priority = "high"                      # high | normal | low
    routes = ["slack:owner", "digest:daily"]
    cooldown = "12h"                       # per (account, rule)
    all = [{ field = "account.icp_tier", one_of = ["A", "B"] }]
    any = [{ field = "facts.round", one_of = ["Series A", "Series B"] },
           { field = "facts.amount_usd", at_least = 5_000_000 }]
    none = [{ field = "facts.event", equals = "closed" }]
    quiet_hours = { start = "20:00", end = "08:00", timezone = "America/New_York" }
    fallback = false                       # true: only when no other rule matched

Never ``eval``: a condition names one field and one operator from OPERATORS.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from watcher.config import Duration, TimeZone

OPERATORS = ("equals", "one_of", "not_one_of", "at_least", "at_most", "between", "matches", "contains_any",
             "contains_all", "exists")
ACCOUNT_FIELDS = frozenset({"name", "domain", "icp_tier", "icp_score", "industry", "employees", "revenue", "country",
                            "tags", "owner_email", "owner_slack", "followed", "competitor", "technologies"})
SIGNAL_FIELDS = frozenset({"kind", "title", "source", "url", "evidence"})
ROUTE = re.compile(r"^(slack:(#[\w.-]{1,80}|@[A-Z0-9]{2,20}|owner)|email:(owner|[^@\s]+@[^@\s]+\.[^@\s]+)|"
                   r"digest:[\w-]{1,50})$")
HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(Strict):
    field: str
    equals: Any = None
    one_of: list[Any] | None = None
    not_one_of: list[Any] | None = None
    at_least: float | None = None
    at_most: float | None = None
    between: tuple[float, float] | None = None
    matches: str | None = None
    contains_any: list[str] | None = None
    contains_all: list[str] | None = None
    exists: bool | None = None

    @field_validator("field")
    @classmethod
    def _field(cls, value: str) -> str:
        head, _, rest = value.partition(".")
        if value in SIGNAL_FIELDS or (head == "facts" and rest) or (head == "account" and rest in ACCOUNT_FIELDS):
            return value
        raise ValueError(f"unknown field {value!r}: use one of {', '.join(sorted(SIGNAL_FIELDS))}, facts.NAME, "
                         f"or account.{{{', '.join(sorted(ACCOUNT_FIELDS))}}}")

    @field_validator("matches")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _one_operator(self) -> Condition:
        used = [op for op in OPERATORS if getattr(self, op) is not None]
        if len(used) != 1:
            raise ValueError(f"a condition needs exactly one operator of {', '.join(OPERATORS)} (found "
                             f"{', '.join(used) or 'none'})")
        if self.between is not None and self.between[0] > self.between[1]:
            raise ValueError("between: the first bound is larger than the second")
        return self

    @property
    def operator(self) -> str:
        return next(op for op in OPERATORS if getattr(self, op) is not None)


class QuietHours(Strict):
    start: str = Field(pattern=HHMM)
    end: str = Field(pattern=HHMM)
    timezone: TimeZone = "UTC"


class Rule(Strict):
    name: str = Field(pattern=r"^[\w.-]{1,80}$")
    description: str = ""
    kinds: list[str] = Field(default_factory=list)
    priority: Literal["high", "normal", "low"] = "normal"
    routes: list[str] = Field(min_length=1)
    cooldown: Duration = 0
    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)
    none: list[Condition] = Field(default_factory=list)
    quiet_hours: QuietHours | None = None
    fallback: bool = False
    enabled: bool = True

    @field_validator("routes")
    @classmethod
    def _routes(cls, value: list[str]) -> list[str]:
        for route in value:
            if not ROUTE.match(route):
                raise ValueError(f"{route!r} is not a route: use slack:#channel, slack:@U123, slack:owner, "
                                 "email:someone@example.com, email:owner or digest:NAME")
        return value


class RuleFile(Strict):
    rule: list[Rule] = Field(default_factory=list)
