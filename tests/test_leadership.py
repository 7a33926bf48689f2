"""Leadership moves in news headlines: who joined which company as what, and what is not a join."""

from __future__ import annotations

import pytest

from watcher.leadership import interpret_leadership

JOINS = [
    ("appoints-as", "Northwind Data appoints Jane Roe as Chief Revenue Officer", "",
     ("Northwind Data", "Jane Roe", "Chief Revenue Officer", "C-level", "Sales")),
    ("joins-as", "Jane Roe joins Northwind Data as VP of Sales - Business Wire", "",
     ("Northwind Data", "Jane Roe", "VP of Sales", "VP", "Sales")),
    ("names-new-cfo", "Acme Robotics names new CFO",
     "Acme Robotics has named Priya Nair, previously at Stripe, as chief financial officer.",
     ("Acme Robotics", "Priya Nair", "CFO", "C-level", "Finance")),
    ("hires-former-exec", "Sequoia-backed Fintrail hires former Stripe exec as CRO",
     "Fintrail has hired Jane Park, formerly of Stripe, as chief revenue officer.",
     ("Fintrail", "Jane Park", "CRO", "C-level", "Sales")),
    ("title-before-name", "Acme appoints Chief Marketing Officer John Smith", "",
     ("Acme", "John Smith", "Chief Marketing Officer", "C-level", "Marketing")),
    ("taps-ex", "Acme taps ex-Salesforce exec Tom Lee as Head of Sales", "",
     ("Acme", "Tom Lee", "Head of Sales", "Head", "Sales")),
    ("promotes", "Acme promotes Sam Patel to VP of Marketing", "",
     ("Acme", "Sam Patel", "VP of Marketing", "VP", "Marketing")),
    ("press-wire", "Acme Robotics Announces Appointment of Maria Lopez as Chief Operating Officer", "",
     ("Acme Robotics", "Maria Lopez", "Chief Operating Officer", "C-level", "Operations")),
    ("named-of", "Jane Roe named CEO of Acme Robotics", "",
     ("Acme Robotics", "Jane Roe", "CEO", "C-level", "Executive")),
    ("no-name", "Northwind Data hires a CRO", "", ("Northwind Data", None, "CRO", "C-level", "Sales")),
]
NOT_JOINS = [
    ("steps-down", "Acme CEO Jane Roe steps down"),
    ("resigns", "Acme Robotics CFO resigns after audit"),
    ("not-leadership", "Acme hires Jane Roe as Account Executive"),
    ("many-engineers", "Acme hires 200 engineers in Austin"),
    ("award", "Northwind Data named a Gartner Cool Vendor"),
    ("vc-partner", "Index Ventures hires former Notion exec as partner"),
    ("raise", "Acme Robotics raises $40M Series B led by Foo Ventures"),
]


@pytest.mark.parametrize(("headline", "summary", "expected"), [c[1:] for c in JOINS], ids=[c[0] for c in JOINS])
def test_joins(headline: str, summary: str, expected: tuple[str | None, ...]) -> None:
    move = interpret_leadership(headline, summary)
    assert move is not None
    assert (move.company, move.person, move.job_title, move.seniority, move.department) == expected
    assert move.facts()["event"] == "joined"


@pytest.mark.parametrize("headline", [c[1] for c in NOT_JOINS], ids=[c[0] for c in NOT_JOINS])
def test_not_joins(headline: str) -> None:
    assert interpret_leadership(headline) is None
