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
# A name word: capitalised (accented too: "Wiśniewski", "Élodie"), or initials ("J.", "J.P.").
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]+|(?:[A-Z]\.){1,3})"
_PARTICLE = r"(?:de|der|den|van|von|da|das|do|dos|del|di|du|la|le|ter|bin|bint|ibn|al|el)"
PERSON = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{1,4}}"  # up to "Khalid bin Saeed Al Mansoori"
_VERB = (r"(?:appoints|appointed|names|named|hires|hired|taps|tapped|welcomes|welcomed|promotes|promoted|elevates|"
         r"elevated|adds|added|brings on|brought on|recruits|recruited|selects|selected|announces (?:the )?"
         r"appointment of|announced (?:the )?appointment of|has appointed|has named|has hired|elects|elected|"
         r"(?:bolsters|strengthens|expands|adds to|grows) (?:its )?(?:\w+ )?"
         r"(?:leadership|executive|management|c-suite|go-to-market) (?:team|bench) with (?:the )?(?:appointment|"
         r"addition|hiring) of|"
         r"hires (?:two|three|four) (?:execs|executives|leaders)\s*:|"
         # the trade press's verbs ("ropes in", "snags", "poaches", "lures", "ups")
         r"ups|upped|ropes in|roped in|snags|snagged|lures|lured|poaches|poached|brings in|brought in|lands|landed|"
         r"onboards|onboarded|installs|installed|enlists|enlisted|hands the reins to|handed the reins to|"
         r"picks|picked|nabs|nabbed|"
         r"(?:board )?approves (?:the )?(?:appointment|elevation|election) of)")
_JOIN_VERB = re.compile(rf"\s{_VERB}\s|\b(?:joins|has joined|joined|named|appointed|returns|rejoins)\b", _I)
_A_VERB = re.compile(rf"\s+{_VERB}\s+", _I)
# "Jane Roe joins Acme as CRO", "Identity-security veteran Jessica Lam will join Sentrel as CISO".
_PERSON_FIRST = re.compile(r"^(?P<left>.+?)\s+(?i:joins|has joined|joined|will join|is set to join|is joining|to join|"
                           r"comes aboard at|came aboard at|takes the helm at|took the helm at)\s+(?P<co>.+?)\s+as\s+"
                           r"(?P<title>.+)$")
# "Jane Roe named CEO of Acme", "has been appointed CRO at Tallypay", "takes over as CEO of Nordvolt AB".
_NAMED_VERB = (r"(?i:named|appointed|tapped as|hired as|promoted to|has been appointed|has been named|is appointed|"
               r"takes over as|took over as|steps up to|stepped up to|becomes(?: the)?(?: new)?|became|named as|"
               r"named new|elevated to)")
# "Founder Eli Rosen returns as CEO of Pebble.ai", "Carla Mendes leaves Brightline to become CEO of Wavecrest".
_RETURNS = re.compile(rf"^(?:(?i:co-?founder|founder)\s+)?(?P<person>{PERSON})\s+(?i:returns|is returning|rejoins|"
                      rf"(?:leaves|departs|exits) .{{1,60}}? to (?:become|be|join as)|succeeds .{{1,40}}? as)\s+"
                      rf"(?:as\s+)?(?P<title>.+?)\s+(?:of|at)\s+(?P<co>.+)$")
# "Ngozi Adeyemi leaves Paystride to join Kora Bank as chief financial officer"
_LEAVES_TO_JOIN = re.compile(rf"^(?P<person>{PERSON})\s+(?i:leaves|departs|exits|quits)\s+.{{1,60}}?\s+(?i:to join)\s+"
                             rf"(?P<co>.+?)\s+(?i:as)\s+(?P<title>.+)$")
# "Nordvik Energi AS: Appointment of new Chief Financial Officer" (a press release's own headline)
_RELEASE = re.compile(r"^(?P<co>[^:]{2,80}?)\s*:\s*(?i:(?:announces )?(?:the )?appointment of|appoints)\s+"
                      r"(?P<rest>.+)$")
# "Congratulations to Hannah Lee on her promotion to Director of Sales Engineering" (the company's own post)
_CONGRATULATIONS = re.compile(rf"^(?i:congratulations to|welcome(?: to the team)?,?)\s+(?P<person>{PERSON}),?\s+"
                              rf"(?i:on (?:her|his|their) (?:promotion|appointment) to|our new|as (?:our )?(?:new )?)"
                              rf"\s+(?P<title>.+)$")
# Awards and lists name people too: "named CEO of the Year", "named to the Forbes 30 Under 30".
_AWARD = re.compile(r"\bof the year\b|\b\d+ under \d+\b|\bhall of fame\b|"
                    r"\bnamed (?:to|among|on) (?:the )?[\w' ]{0,40}(?:list|index)\b|"
                    r"\b(?:wins|won|receives|received|honou?red with) (?:the |a |an )?[\w' ]{0,40}award\b|"
                    r"\baward (?:finalist|winner|shortlist)", _I)
# What a departure clause hangs on: only the part of a headline before it decides ("names Grace Kim CEO as
# co-founder Mark Tully steps down" is a join).
_THEN = re.compile(r"\s+(?:as|after|amid|following|while|replacing|succeeding|who replaces)\s+|\s[-–—]\s|,\s", _I)
# A bare level before a comma is not the whole title: "VP, Customer Success".
_LEVEL_ONLY = re.compile(r"^(?:(?:senior|sr\.?|executive|group|regional|area|global)\s+)?(?:(?:vp|svp|evp|avp|rvp|"
                         r"vice president|director|head|general manager|gm|managing director)(?:\s+(?:&|and)\s+)?)+$",
                         _I)
_NOT_NAMES = frozenset("two three four five six seven several new members directors executives leaders".split())
# Words that describe a person before the name ("Former Salesforce Executive John Roe"): never name words.
_DESCRIBING = frozenset("""former ex executive exec veteran industry leader alum alumna alumnus expert pioneer insider
    longtime long-time seasoned serial top star tech sales marketing finance product engineering operations""".split())
# A title begins with one of these ("Sarah Okafor Chief Revenue Officer": the name ends where they start).
_TITLE_START = frozenset("""chief vice vp svp evp avp rvp head director president general managing executive senior sr
    sr. global group regional interim acting deputy ceo cfo cto coo cmo cro cpo ciso cio cdo cco chro clo cso cgo
    chairman chairwoman chair co-founder cofounder founding finance technology marketing sales people legal
    operating product revenue commercial""".split())
_NAMED_AT = re.compile(rf"^(?P<left>.+?)\s+{_NAMED_VERB}\s+(?:as\s+)?(?P<title>.+)\s+at\s+(?P<co>.+)$")
_NAMED_OF = re.compile(rf"^(?P<left>.+?)\s+{_NAMED_VERB}\s+(?:as\s+)?(?P<title>.+?)\s+of\s+(?P<co>.+)$")
# "Freightly's new VP of Operations is e-commerce logistics manager Yusuf Demir"
_NEW_IS = re.compile(r"^(?P<co>.+?)['’]s new (?P<title>.+?) (?:is|will be) (?P<left>.+)$")
# Public bodies appoint too; they are not accounts: "RBI appoints …", "Ministry of Economy names …".
_PUBLIC = re.compile(r"^(?:the )?(?:ministry|department|office|minister) (?:of|for)\b|"
                     r"\b(?:central|reserve|national) bank\b|"
                     r"^(?:the )?(?:rbi|sebi|fca|sec|ecb|fed|federal reserve|parliament|senate)$|"
                     r"^(?:the )?(?:\w+ )?(?:government|govt)(?: of [\w ]+)?$|"
                     r"\b(?:securities|markets|competition|financial|energy|telecoms?|data protection|banking|"
                     r"insurance|aviation|health) (?:regulator|authority|commission|watchdog)\b|\bregulator$|"
                     r"\b(?:city|county|town|state) council\b|^(?:the )?(?:city|state|county|province) of\b|"
                     r"\bfood bank\b|\bcharit(?:y|able)\b|\bnon-?profit\b|\bfoundation$|"
                     r"\b(?:commission|authority|agency|army|navy|university|ministry|council|regulator|police)$", _I)
_DEPARTURE = re.compile(r"\b(?:steps? down|stepping down|resigns?|resigned|departs?|departure|leaves|leaving|exits?|"
                        r"retires?|retiring|fired|ousted|out as|to step down)\b", _I)
_TITLE_END = re.compile(r"\s+(?:to lead|to drive|to scale|to help|to oversee|to accelerate|to expand|to head|"
                        r"to build|amid|as|ahead of|effective|following|after|from|in|for|successor|with effect)\b|"
                        rf"[,;:(]|\s[-–—|]\s|\s+and\s+(?={PERSON}\s+as\b)", _I)
_NEW = re.compile(r"^(?:(?:a|an|its|their)\s+)?(?:(?:new|first|first-ever|permanent|interim)\s+)?(?P<title>.+)$", _I)
_SUMMARY_PERSON = re.compile(rf"(?:hired|appointed|named|tapped|welcomed|promoted)\s+(?P<person>{PERSON})|"
                             rf"(?P<person2>{PERSON}),?\s+(?:who|formerly|previously|a former|the former|joins|"
                             rf"has joined|will join)")
_FROM_EMPLOYER = re.compile(r"\b(?:former|ex-|formerly (?:of|at)|previously (?:of|at)|from)\s*(?P<who>[A-Z][\w&.]*"
                            r"(?:\s+[A-Z][\w&.]*)?)")
_SEAT = re.compile(r"^(?:(?:independent|non-?executive|non executive|outside)\s+)+director$|"
                   r"^board (?:member|director)$", _I)
_BOARD = re.compile(r"\bto (?:its |the |their )?board(?: of directors)?\b", _I)
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
    """The title at the start of ``text``, up to where the headline goes on ("… to lead growth", " - Outlet");
    "interim" and "acting" stay: a sales team wants to know the seat is not settled."""
    end = _TITLE_END.search(text)
    while end and end.group().startswith(",") and _LEVEL_ONLY.match(text[: end.start()].strip()):
        end = _TITLE_END.search(text, end.end())
    title = (text[: end.start()] if end else text).strip(" .")
    return re.sub(r"^(?:(?:its|the|their|as|a|an|new|first|first-ever|next|permanent)\s+)+", "", title,
                  flags=_I).strip()


def _split_name(rest: str) -> tuple[str, str] | None:
    """"Sarah Okafor Chief Revenue Officer" → ("Sarah Okafor", "Chief Revenue Officer"): a name of two to five
    words, then a title that starts as titles do."""
    words = rest.split()
    for k in range(2, min(6, len(words))):
        name, after = words[:k], words[k]
        if not re.fullmatch(PERSON, " ".join(name)) or after.lower().strip(",") not in _TITLE_START \
                or any(w.lower() in _TITLE_START or w.lower() in _DESCRIBING for w in name):
            continue
        return " ".join(name), " ".join(words[k:])
    return None


def _descriptor_person(left: str) -> str | None:
    """The person at the end of "Airbnb design lead Maya Chen", "former Duke Energy CFO Patricia Gomez": the last
    name words, stopping at a lower-case word or an acronym."""
    run: list[str] = []
    for word in reversed(left.split()):
        if len(run) == 4 or not re.fullmatch(rf"{_NAME_WORD}|{_PARTICLE}", word) or (word.isupper() and len(word) > 1
                                                                                     and "." not in word) \
                or word.lower() in _TITLE_START or word.lower() in _DESCRIBING:
            break
        run.insert(0, word)
    while run and (re.fullmatch(_PARTICLE, run[0]) or run[0].lower().rstrip(".") in ("sir", "dame", "dr", "prof")):
        run.pop(0)
    if len(run) < 2 or run[0].lower() in _NOT_NAMES or run[-1].lower() in _NOT_NAMES:
        return None  # "Three New Members"
    return " ".join(run)


def _person_and_title(rest: str) -> tuple[str | None, str, str | None]:
    """From what follows the verb: (person, title, previous employer)."""
    board = _BOARD.search(rest)
    if board:
        return _descriptor_person(rest[:board.start()]), "Board member", None
    titled = rest
    # "CFO Hannah Osei to chief operating officer": the acronym is the person's title so far, not a name word
    rest = re.sub(r"^(?:CEO|CFO|CTO|COO|CMO|CRO|CPO|CISO|CIO|CDO|CCO|CHRO|CSO|SVP|EVP|VP|GM|MD|GC)\s+"
                  r"(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])", "", rest)
    split = _split_name(rest)
    if split:
        return split[0], _title(split[1]), None
    m = re.match(rf"(?P<p>{PERSON})\s+(?:as|to(?: the role of)?(?! (?:lead|drive|help|run|oversee|build|scale|head|"
                 rf"search|find|advise|succeed)\b)|to be|its new|as its new|to succeed .{{1,40}}? as)\s+(?P<t>.+)$",
                 rest)
    if m and (person := _person_of(m.group("p"))):
        return person, _title(m.group("t")), None
    m = re.match(r"(?P<left>.+?)\s+(?:as|to(?: the role of)?(?! (?:lead|drive|help|run|oversee|build|scale|head|search|"
                 r"find|advise|succeed)\b)|to be|as its new|to succeed .{1,40}? as)\s+(?P<t>.+)$", rest)
    if m and not _descriptor_person(m.group("left")) and re.search(r"\s+as\s+", rest):
        left = re.sub(r"^(?:(?:a|an|its|the|new|permanent|interim)\s+)+", "", m.group("left"), flags=_I)
        after = _title(m.group("t"))
        if classify_title(left).is_leadership:
            # "names COO as new CEO": the new title; "names new CEO as founder steps down": the one before "as"
            return None, after if classify_title(after).is_leadership else _title(left), None
        if len(left.split()) <= 4 and left.split()[-1].lower() in _DESCRIBING:
            return None, after, _previous_employer(left)  # "hires former Stripe exec as CRO": no name
        return None, "", None
    if m and (person := _descriptor_person(m.group("left"))):
        return person, _title(m.group("t")), _previous_employer(m.group("left"))
    m = re.match(rf"(?P<t>(?:[A-Z][\w&/-]*\s+){{0,5}}?(?:Officer|CEO|CFO|CTO|COO|CMO|CRO|CPO|CISO|President|"
                 rf"Director|Head of \w+))\s+(?P<p>{PERSON})(?:$|\s+(?i:amid|as|to|after|following|in|for)\b)", titled)
    if m:
        return m.group("p"), _title(m.group("t")), None
    return None, _title(_NEW.match(rest).group("title")), None  # type: ignore[union-attr]


def _previous_employer(described: str) -> str | None:
    """"former Duke Energy CFO Patricia Gomez" → "Duke Energy"."""
    former = re.search(r"(?i:former|ex-?)\s*(?P<from>[A-Z][\w&.]*(?:\s+[A-Z][a-z][\w&.]*)?)", described)
    employer = " ".join(w for w in former.group("from").split() if w.lower() not in _DESCRIBING) if former else ""
    return employer or None


def _from_headline(title: str) -> tuple[str | None, str | None, str, str | None] | None:
    """(company, person, job title, previous employer) named by a headline, or None."""
    sentence = clean_sentence(title)
    m = _RETURNS.match(sentence) or _LEAVES_TO_JOIN.match(sentence)
    if m:
        return company_from_subject(m.group("co")), m.group("person"), _title(m.group("title")), None
    for pattern in (_PERSON_FIRST, _NAMED_AT, _NAMED_OF, _NEW_IS):
        m = pattern.match(sentence)
        if not m:
            continue
        person, job_title = _person_of(m.group("left")), _title(m.group("title"))
        if _PUBLIC.search(m.group("co").strip()):
            return None
        if person or classify_title(job_title).is_leadership:  # "Acme CFO named CEO of Beta": Beta's, unnamed
            return company_from_subject(m.group("co")), person, job_title, None
    m = _CONGRATULATIONS.match(sentence)
    if m:
        return None, m.group("person"), _title(m.group("title")), None
    m = _RELEASE.match(sentence)
    splits = [(m.group("co"), m.group("rest"))] if m else [
        (sentence[:v.start()], sentence[v.end():]) for v in _A_VERB.finditer(sentence)]
    for n, (co, rest) in enumerate(splits, 1):  # "Acme onboards 200 customers, names Jane Roe CFO": the verb
        if _PUBLIC.search(co.strip()):  # that names someone. A ministry, a regulator or a charity is no account.
            return None
        person, job_title, previous = _person_and_title(rest)
        if job_title and classify_title(job_title).is_leadership or n == len(splits):
            return company_from_subject(_appointer(co)), person, job_title, previous
    return None


def _appointer(phrase: str) -> str:
    """The clause that names: "Layoffs hit Beta; Acme" → "Acme"; "Aldermoor Foods Announces Leadership Transition;"
    (the naming clause has no subject of its own) → "Aldermoor Foods"."""
    last = phrase.rsplit(";", 1)[-1].strip()
    phrase = last or re.split(r"\s+(?i:announces|reveals|unveils)\b|;", phrase, maxsplit=1)[0]
    if phrase.rstrip().endswith(","):  # "Acme onboards 200 customers, names …": the subject of the first clause
        phrase = re.split(r"\s+(?:(?-i:[a-z]+s)|(?i:announces|unveils|reveals|launches|posts|reports|opens|expands|"
                          r"completes|onboards|installs|signs|wins|adds))\b", phrase.split(",", 1)[0], maxsplit=1)[0]
    return phrase


def _person_of(left: str) -> str | None:
    """The person a phrase names: "Jane Roe", "Identity-security veteran Jessica Lam", "Sir David Ashworth"."""
    left = re.sub(r"^(?:(?:co-?)?founder|(?:sir|dame|dr\.?|prof\.?|mr\.?|ms\.?|mrs\.?))\s+", "", left.strip(), flags=_I)
    words = {w.lower() for w in left.split()}
    named = re.fullmatch(PERSON, left) and not words & (_NOT_NAMES | _DESCRIBING | _TITLE_START)
    return left if named else _descriptor_person(left)


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
    head = _THEN.split(title, maxsplit=1)[0]
    if not _JOIN_VERB.search(head):
        head = title  # "Jane Doe, appointed CEO of Acme in 2023, steps down": the departure is the news
    joins_elsewhere = _RETURNS.match(clean_sentence(title)) or _LEAVES_TO_JOIN.match(clean_sentence(title))
    if _AWARD.search(title) or (_DEPARTURE.search(head) and not joins_elsewhere):
        return None
    found = _from_headline(title)
    if found is None or not found[2] or _STOP_TITLES.match(found[2]):
        return None
    company, person, job_title, previous = found
    if _SEAT.search(job_title):
        job_title = "Board member"
    info = classify_title(job_title)
    if not info.is_leadership:
        return None
    if person is None:
        person, employer = _summary_person(summary)
        previous = previous or employer
    evidence = next((s for s in sentences(summary) if person and person in s), title)
    return LeadershipMove(company=company, person=person, job_title=job_title, seniority=info.seniority,
                          department=info.department, previous_employer=previous, evidence=evidence[:500])
