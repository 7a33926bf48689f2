"""greenhouse through `watcher extract`: the documented-shape boards in tests/fixtures/greenhouse/ end to end.

Parsing of a real recorded board, broken boards and the shared key_hire rules are covered for every
job-board kind in test_job_boards.py and test_key_hires.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from watcher.extract import extract

FIX = Path(__file__).parent.parent / "fixtures" / "greenhouse"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def test_a_new_vp_posting_is_a_key_hire_and_ic_roles_are_not() -> None:
    found = extract("greenhouse", FIX / "board.json", previous=FIX / "board-before.json", account="Acme Robotics",
                    domain="acme.io", now=NOW)
    signal, = (json.loads(s.to_json()) for s in found)
    assert signal["title"] == "Acme Robotics is hiring a VP of Sales, North America"
    assert signal["url"] == "https://boards.greenhouse.io/acme/jobs/4099001"
    assert signal["occurred_at"] == "2026-11-20T14:30:00Z"
    assert signal["dedup_key"] == "key_hire:acme.io:vp-of-sales-north-america:new-york-ny"
    assert signal["facts"] == {
        "job_title": "VP of Sales, North America", "seniority": "VP", "department": "Sales",
        "location": "New York, NY", "remote": None, "posted_at": "2026-11-20T14:30:00Z", "event": "opened",
        "ats": "greenhouse", "job_id": "4099001", "ats_department": "Sales", "workplace": None,
        "company": "Acme Robotics"}
    assert signal["evidence"] == "VP of Sales, North America, New York, NY\nAbout the role"


def test_without_an_account_the_board_names_its_company() -> None:
    signal, = extract("greenhouse", FIX / "board.json", previous=FIX / "board-before.json", now=NOW)
    assert (signal.account, signal.facts["company"], signal.title) == (
        None, "Acme Robotics", "Acme Robotics is hiring a VP of Sales, North America")
