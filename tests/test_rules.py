"""Trigger rules: bad files are refused with exact messages, operators behave, the built-ins route well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rules.engine import holds, match
from rules.loader import BUILTIN, load_rule_file, load_rules
from rules.model import Condition
from watcher.errors import RuleError

BAD = sorted((Path(__file__).parent / "fixtures" / "rules" / "bad").glob("*.toml"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_rule_file_is_refused_with_its_exact_message(path: Path) -> None:
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ").replace("{file}", str(path))
    with pytest.raises(RuleError) as caught:
        load_rules([path], builtin=False, digests=["daily"])
    assert str(caught.value) == expected


def test_a_rule_name_used_twice_is_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    for f in (a, b):
        f.write_text('[[rule]]\nname = "dup"\nroutes = ["slack:#x"]\n')
    with pytest.raises(RuleError, match=r"b\.toml: rule 'dup': name already used in .*a\.toml"):
        load_rules([a, b], builtin=False)


def test_the_built_in_rules_load_with_and_without_a_digest() -> None:
    assert len(load_rule_file(BUILTIN)) == 6
    assert all("digest:daily" not in r.routes for r in load_rules([], digests=[]))


CTX: dict[str, Any] = {"kind": "funding", "title": "Acme raises $40M", "facts": {
    "round": "Series B", "amount_usd": 40_000_000, "investors": ["Foo Ventures", "Bar"], "themes": ["pricing"],
    "changes": [{"type": "price_increased"}]}, "account": {"icp_tier": "A", "icp_score": 85, "tags": ["fintech"],
                                                          "followed": True, "owner_email": None}}


@pytest.mark.parametrize(("condition", "expected"), [
    ({"field": "facts.round", "equals": "series b"}, True),
    ({"field": "facts.round", "one_of": ["Seed", "Series B"]}, True),
    ({"field": "facts.round", "not_one_of": ["Seed"]}, True),
    ({"field": "facts.missing", "not_one_of": ["Seed"]}, True),
    ({"field": "facts.amount_usd", "at_least": 5_000_000}, True),
    ({"field": "facts.amount_usd", "at_most": 5_000_000}, False),
    ({"field": "facts.amount_usd", "between": [10_000_000, 50_000_000]}, True),
    ({"field": "facts.round", "at_least": 3}, False),
    ({"field": "title", "matches": r"\$\d+M"}, True),
    ({"field": "facts.investors", "contains_any": ["foo"]}, True),
    ({"field": "facts.investors", "contains_all": ["foo", "baz"]}, False),
    ({"field": "facts.changes", "contains_any": ["price_increased"]}, True),
    ({"field": "account.tags", "one_of": ["FinTech"]}, True),
    ({"field": "account.owner_email", "exists": False}, True),
    ({"field": "account.icp_tier", "exists": True}, True),
    ({"field": "facts.missing", "equals": "x"}, False),
    ({"field": "account.followed", "equals": True}, True),
], ids=lambda v: str(v) if not isinstance(v, dict) else f"{v['field']}-{[k for k in v if k != 'field'][0]}")
def test_operators(condition: dict[str, Any], expected: bool) -> None:
    assert holds(Condition.model_validate(condition), CTX) is expected


def test_builtins_route_a_series_b_at_a_tier_a_account_to_its_owner_and_news_to_the_digest() -> None:
    rules = load_rules([], digests=["daily"])
    names = [m.name for m in match(rules, CTX)]
    assert names == ["funding-series-a-plus"]
    news = {"kind": "news", "title": "x", "facts": {}, "account": {"icp_tier": "A"}}
    assert [m.name for m in match(rules, news)] == ["everything-else"]
    small = {**CTX, "facts": {"round": "Seed", "amount_usd": 1_000_000}, "account": {"icp_tier": "A"}}
    assert [m.name for m in match(rules, small)] == ["everything-else"]
    closed = {"kind": "key_hire", "facts": {"event": "closed", "seniority": "VP"}, "account": {}}
    assert match(rules, closed) == []
