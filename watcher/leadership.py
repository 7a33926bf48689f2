"""Leadership moves in news: "Acme appoints Jane Roe as Chief Revenue Officer", "Jane Roe joins Acme as VP
of Sales", "Acme names new CFO", "Acme hires former Stripe exec as CRO".

Pure text interpretation like watcher/funding.py. A move is reported only when the title is a
leadership title (``watcher.titles.classify_title``: Director and above), and only as a join:
departures ("steps down", "resigns") are not key hires. When the headline gives no name ("names
new CFO") the summary is read for it ("… has hired Jane Park, formerly of Stripe, as …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from watcher.funding_text import clean_sentence, company_from_subject, headline_of, sentences, summary_of
from watcher.titles import classify_title

_I = re.IGNORECASE
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.)"
PERSON = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|da|del|di|la|le|bin)){{1,3}}"
_VERB = (r"(?:appoints|appointed|names|named|hires|hired|taps|tapped|welcomes|welcomed|promotes|promoted|elevates|"
         r"elevated|adds|added|brings on|brought on|recruits|recruited|selects|selected|announces (?:the )?"
         r"appointment of|announced (?:the )?appointment of|has appointed|has named|has hired)")
_BY_COMPANY = re.compile(rf"^(?P<co>.+?)\s+{_VERB}\s+(?P<rest>.+)$", _I)
_PERSON_FIRST = re.compile(rf"^(?P<person>{PERSON})\s+(?i:joins|has joined|joined)\s+(?P<co>.+?)\s+as\s+"
                           rf"(?P<title>.+)$")
_NAMED_AT = re.compile(rf"^(?P<person>{PERSON})\s+(?i:named|appointed|tapped as|hired as|promoted to)\s+"
                       rf"(?:as\s+)?(?P<title>.+?)\s+(?:of|at)\s+(?P<co>.+)$")
_DEPARTURE = re.compile(r"\b(?:steps? down|stepping down|resigns?|resigned|departs?|departure|leaves|leaving|exits?|"
                        r"retires?|retiring|fired|ousted|out as|to step down)\b", _I)
_TITLE_END = re.compile(r"\s+(?:to lead|to drive|to scale|to help|to oversee|to accelerate|to expand|to head|"
                        r"to build|amid|as it|as the company|ahead of|effective|following|after|from|in)\b|"
                        r"[,;:(]|\s[-–—|]\s", _I)
_FORMER = re.compile(rf"^(?:an?\s+)?(?i:former|ex-?)\s*(?P<from>[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)?)\s+"
                     rf"(?i:exec(?:utive)?|veteran|leader|alum|executive)\s+(?:(?P<person>{PERSON})\s+)?(?i:as)\s+"
                     rf"(?P<title>.+)$")
_NEW = re.compile(r"^(?:(?:a|an|its|their)\s+)?(?:(?:new|first|first-ever|permanent|interim)\s+)?(?P<title>.+)$", _I)
_SUMMARY_PERSON = re.compile(rf"(?:hired|appointed|named|tapped|welcomed|promoted)\s+(?P<person>{PERSON})|"
                             rf"(?P<person2>{PERSON}),?\s+(?:who|formerly|previously|a former|the former|joins|"
                             rf"has joined|will join)")
_FROM_EMPLOYER = re.compile(r"\b(?:former|ex-|formerly (?:of|at)|previously (?:of|at)|from)\s*(?P<who>[A-Z][\w&.]*"
                            r"(?:\s+[A-Z][\w&.]*)?)")
_BOARD = re.compile(r"\bto (?:its|the) board(?: of directors)?\b", _I)
_STOP_TITLES = re.compile(r"^(?:partner|advisor|adviser|ambassador|investor|board observer)$", _I)


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadershipMove:
    """A leader joining a company, with the ``key_hire`` facts of the signal contract."""

    company: str | None
    person: str | None
    job_title: str
    seniority: str
    department: str
    previous_employer: str | None = None
    evidence: str = ""

    def facts(self) -> dict[str, Any]:
        return {"event": "joined", "person": self.person, "job_title": self.job_title, "seniority": self.seniority,
                "department": self.department, "company": self.company, "previous_employer": self.previous_employer}


def _title(text: str) -> str:
    end = _TITLE_END.search(text)
    title = (text[: end.start()] if end else text).strip(" .")
    return re.sub(r"^(?:its|the|their|as|a|an|new|first|first-ever|interim|acting)\s+", "", title, flags=_I).strip()


def _person_and_title(rest: str) -> tuple[str | None, str, str | None]:
    """From what follows the verb: (person, title, previous employer)."""
    if _BOARD.search(rest):
        person = re.match(rf"(?P<p>{PERSON})", rest)
        return (person.group("p") if person else None), "Board member", None
    m = re.match(rf"(?P<p>{PERSON})\s+(?:as|to(?: the role of)?|to be|its new|as its new)\s+(?P<t>.+)$", rest)
    if m:
        return m.group("p"), _title(m.group("t")), None
    m = re.match(rf"(?P<t>(?:[A-Z][\w&/-]*\s+){{0,5}}?(?:Officer|CEO|CFO|CTO|COO|CMO|CRO|CPO|CISO|President|"
                 rf"Director|Head of \w+))\s+(?P<p>{PERSON})$", rest)
    if m:
        return m.group("p"), _title(m.group("t")), None
    former = _FORMER.match(rest)
    if former:
        return former.group("person"), _title(former.group("title")), former.group("from")
    return None, _title(_NEW.match(rest).group("title")), None  # type: ignore[union-attr]


def _from_headline(title: str) -> tuple[str | None, str | None, str, str | None] | None:
    """(company, person, job title, previous employer) named by a headline, or None."""
    sentence = clean_sentence(title)
    for pattern in (_PERSON_FIRST, _NAMED_AT):
        m = pattern.match(sentence)
        if m:
            return company_from_subject(m.group("co")), m.group("person"), _title(m.group("title")), None
    m = _BY_COMPANY.match(sentence)
    if not m:
        return None
    person, job_title, previous = _person_and_title(m.group("rest"))
    return company_from_subject(m.group("co")), person, job_title, previous


def _summary_person(summary: str) -> tuple[str | None, str | None]:
    for sentence in sentences(summary):
        m = _SUMMARY_PERSON.search(sentence)
        if m:
            employer = _FROM_EMPLOYER.search(sentence[m.end():])
            return m.group("person") or m.group("person2"), employer.group("who") if employer else None
    return None, None


def interpret_leadership(headline: str, summary: str = "", publisher: str | None = None) -> LeadershipMove | None:
    """The leader ``headline`` (with ``summary``) says joined a company, or None."""
    title = headline_of(headline, publisher)
    summary = summary_of(summary, headline, publisher or headline[len(title):].strip(" -–|") or None)
    if _DEPARTURE.search(title):
        return None
    found = _from_headline(title)
    if found is None or not found[2] or _STOP_TITLES.match(found[2]):
        return None
    company, person, job_title, previous = found
    info = classify_title(job_title)
    if not info.is_leadership:
        return None
    if person is None:
        person, employer = _summary_person(summary)
        previous = previous or employer
    evidence = next((s for s in sentences(summary) if person and person in s), title)
    return LeadershipMove(company=company, person=person, job_title=job_title, seniority=info.seniority,
                          department=info.department, previous_employer=previous, evidence=evidence[:500])
