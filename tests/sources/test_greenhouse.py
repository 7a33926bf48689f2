"""greenhouse: postings are items; a new leadership posting is a key_hire signal; broken boards fail."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from watcher.errors import ParseError
from watcher.extract import extract

FIX = Path(__file__).parent.parent / "fixtures" / "greenhouse"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_a_new_vp_posting_is_a_key_hire_and_ic_roles_are_not() -> None:
    found = extract("greenhouse", FIX / "board.json", previous=FIX / "board-before.json", account="Acme Robotics",
                    domain="acme.io", now=NOW)
    assert [json.loads(s.to_json())["facts"]["job_title"] for s in found] == ["VP of Sales, North America"]
    facts = found[0].facts
    assert facts["event"] == "opened" and facts["location"] == "New York, NY" and facts["department"] == "Sales"
    assert found[0].dedup_key == "key_hire:acme.io:greenhouse:4099001"


@pytest.mark.parametrize(("body", "message"), [
    (b"<!DOCTYPE html><html><body>Page not found</body></html>", "did not answer JSON"),
    (b'{"error": "not found"}', "no 'jobs' list"),
    (b'{"jobs": [', "did not answer JSON"),
], ids=["html-error-page", "schema-drift", "truncated"])
def test_broken_boards_are_parse_errors(tmp_path: Path, body: bytes, message: str) -> None:
    (tmp_path / "b.json").write_bytes(body)
    with pytest.raises(ParseError, match=message):
        extract("greenhouse", tmp_path / "b.json", account="Acme", domain="acme.io", now=NOW)
