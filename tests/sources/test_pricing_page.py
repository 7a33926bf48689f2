"""pricing_page: noisy re-renders are silent, real changes are reported with a diff."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watcher.extract import extract

BASE = (Path(__file__).parent.parent / "fixtures" / "pricing_page" / "base.html").read_text()
STARTER = ('<div class="card"><h2>Starter</h2><p class="price">$19<span>/seat/month</span></p>'
           '<ul><li>5 projects</li></ul><a href="/signup?plan=starter">Start trial</a></div>')
QUOTES = ["Acme changed how we work. — Jo, Initech", "Best tool we bought this year. — Sam, Globex",
          "Our team loves it. — Kim, Umbrella"]
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def render(n: int, *, pro: str = "49", starter: bool = True) -> str:
    return BASE.format(token=f"tok{n:04d}x{n * 7919:012x}abcdef", nonce=f"n{n * 31337:x}abcdefgh12345678",
                       stamp=f"2026-11-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00", pro=pro,
                       starter=STARTER if starter else "", quote=QUOTES[n % len(QUOTES)])


def signals(tmp_path: Path, old: str, new: str) -> list[dict[str, object]]:
    (tmp_path / "old.html").write_text(old)
    (tmp_path / "new.html").write_text(new)
    found = extract("pricing_page", tmp_path / "new.html", previous=tmp_path / "old.html", account="Acme",
                    domain="acme.io", now=NOW)
    return [json.loads(s.to_json()) for s in found]


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(range(6), 2)))
def test_noisy_re_renders_produce_no_signal(tmp_path: Path, a: int, b: int) -> None:
    assert signals(tmp_path, render(a), render(b)) == []


def test_a_price_increase_is_reported_with_old_and_new_prices(tmp_path: Path) -> None:
    found = signals(tmp_path, render(1), render(2, pro="59"))
    assert len(found) == 1
    facts = found[0]["facts"]
    assert isinstance(facts, dict)
    assert facts["old_prices"] == ["$19", "$49"] and facts["new_prices"] == ["$19", "$59"]
    assert "-$49/seat/month" in facts["diff"] and "+$59/seat/month" in facts["diff"]


def test_a_removed_plan_is_reported(tmp_path: Path) -> None:
    found = signals(tmp_path, render(1), render(2, starter=False))
    assert len(found) == 1 and "-Starter" in found[0]["facts"]["diff"]  # type: ignore[index]


def test_an_empty_region_is_a_parse_error(tmp_path: Path) -> None:
    from watcher.errors import ParseError

    (tmp_path / "p.html").write_text("<html><body><div id='root'></div></body></html>")
    (tmp_path / "q.html").write_text(render(1))
    with pytest.raises(ParseError):
        extract("pricing_page", tmp_path / "p.html", previous=tmp_path / "q.html", now=NOW)
