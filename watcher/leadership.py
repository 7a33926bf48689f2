"""Leadership moves in news: "Acme appoints Jane Roe as Chief Revenue Officer", "Jane Roe joins Acme as VP
of Sales", "Acme names new CFO", "Acme hires former Stripe exec as CRO".

Pure text interpretation like watcher/funding.py. A move is reported only when the title is a
leadership title (``watcher.titles.classify_title``: Director and above), and only as a join:
departures ("steps down", "resigns") are not key hires. When the headline gives no name ("names
new CFO") the summary is read for it ("… has hired Jane Park, formerly of Stripe, as …").

No list of verbs is ever complete (five blind tables, five new sets of them), so a headline that is about
a leader but does not itself give the join ("Welcome to the team, Marcus!", "Acme's CFO hire signals IPO
push") has its lede read with the same rules; a lede that tells an old appointment is not a join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from watcher import leadership_cues as cues
from watcher.entities import core_name
from watcher.funding_text import clean_sentence, company_from_subject, headline_of, sentences, summary_of
from watcher.titles import classify_title

_I = re.IGNORECASE

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
    end = cues.TITLE_END.search(text)
    while end and end.group().startswith(",") and (cues.LEVEL_ONLY.match(text[: end.start()].strip())
                                                    or cues.REGION.match(text[end.end():])):  # "VP Sales, EMEA"
        end = cues.TITLE_END.search(text, end.end())
    title = re.sub(r"[^\w)]+$", "", (text[: end.start()] if end else text))  # "VP of Customer Success! 🎉"
    return re.sub(r"^(?:(?:its|the|their|our|as|a|an|une?|una|uno|eine?n?|een|uma?|"
                  r"new|first|first-ever|next|permanent|nuevo|nueva|nouveau|nouvelle|"
                  r"neuen?|nuovo|nuova|novo|nova|nieuwe)\s+)+", "", title,
                  flags=_I).strip()


def _clean(sentence: str) -> str:
    """clean_sentence, and an age or a past between commas goes too ("Priyanka Venkataraman, 41, will …")."""
    sentence = re.sub(r",\s*\d{2}\s*,|,\s*(?:previously|formerly|most recently|until recently)\b[^,]{0,100},", "",
                      sentence)  # ", previously finance chief at a listed maker," is background, not the sentence
    return clean_sentence(sentence)


def _sentence_case(headline: str) -> str:
    """An ALL-CAPS headline in the case names and titles are read in: "KETTLE CLOUD PICKS XU MINGYU FOR NEW APAC
    SALES HEAD ROLE" → "Kettle Cloud Picks Xu Mingyu for new Apac Sales Head role"."""
    upper, lower = len(re.findall(r"[A-ZÀ-Þ]", headline)), len(re.findall(r"[a-zß-ÿ]", headline))
    if upper < 12 or lower > 0.25 * upper:
        return headline
    return " ".join(w.lower() if w.lower() in cues.SMALL_WORDS else w if w.lower() in cues.ACRONYMS
                    else w.capitalize() if w.isalpha() else w.title() for w in headline.split())


def _small_words(headline: str) -> str:
    """A Title Case headline with its small words in lower case, as the rules read them: "Jane Roe Named CEO Of
    Beta" → "Jane Roe Named CEO of Beta" (else "Of Beta" is a name and "As" part of one)."""
    return cues.TITLE_CASE_SMALL.sub(lambda m: m.group().lower(), headline)


def _split_name(rest: str) -> tuple[str, str] | None:
    """"Sarah Okafor Chief Revenue Officer" → ("Sarah Okafor", "Chief Revenue Officer"): a name of two to five
    words, then a title that starts as titles do."""
    words = rest.split()
    for k in range(2, min(6, len(words))):
        name, after = words[:k], words[k]
        if not re.fullmatch(cues.PERSON, " ".join(name)) or after.lower().strip(",;") not in cues.TITLE_START \
                or any(w.lower() in cues.TITLE_START or w.lower() in cues.DESCRIBING for w in name):
            continue
        if name[-1].lower().strip(".,") in cues.FIRM_WORDS:
            return None  # "names Beta Construction general manager of project": a firm, not a person
        return " ".join(name), " ".join(words[k:])
    return None


def _descriptor_person(left: str) -> str | None:
    """The person at the end of "Airbnb design lead Maya Chen", "former Duke Energy CFO Patricia Gomez": the last
    name words, stopping at a lower-case word or an acronym."""
    run: list[str] = []
    for word in reversed(left.split()):
        acronym = (word.isupper() and len(word) > 1 and "." not in word) or word.lower().startswith("ex-")
        if len(run) == 4 or not re.fullmatch(rf"{cues.NAME_WORD}|{cues.PARTICLE}", word) or acronym \
                or word.lower() in cues.TITLE_START or word.lower() in cues.DESCRIBING:
            break
        run.insert(0, word)
    while run and (re.fullmatch(cues.PARTICLE, run[0]) or run[0].lower().rstrip(".") in cues.HONORIFICS):
        run.pop(0)
    if len(run) < 2 or run[0].lower() in cues.NOT_NAMES or run[-1].lower() in cues.NOT_NAMES:
        return None  # "Three New Members"
    return " ".join(run)


def _person_and_title(rest: str) -> tuple[str | None, str, str | None]:
    """From what follows the verb: (person, title, previous employer)."""
    if re.search(r"(?i:advis|observer|asesor|consultiv|beirat)", rest):  # an advisory board, an observer: no seat
        return None, "", None
    board = cues.BOARD.search(rest)
    of = board and re.match(r"\s+of\s+(?:the\s+)?(?P<co>.+)$", rest[board.end():])
    if board and not any(c and cues.PUBLIC.search(c) for c in (board.group("co"), of and of.group("co"))):  # not the
        # board of "the Acme Foundation"
        return _descriptor_person(rest[:board.start()]), "Board member", None
    titled = rest
    # "CFO Hannah Osei to chief operating officer": the acronym is the person's title so far, not a name word
    rest = re.sub(r"^(?:CEO|CFO|CTO|COO|CMO|CRO|CPO|CISO|CIO|CDO|CCO|CHRO|CSO|SVP|EVP|VP|GM|MD|GC|"
                  r"(?i:board member|chair(?:man|woman)?|co-?founder|founder|president|director))\s+"
                  r"(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])", "", rest)
    split = _split_name(rest)
    if split:
        return split[0], _title(split[1]), None
    m = re.match(rf"(?P<p>{cues.PERSON})(?:\s+from\s+(?P<from>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){{0,3}}))?"
                 rf"(?:\s+to\s+(?i:(?:its|the|their|our)\s+)?(?:[\w-]+\s+){{0,2}}(?i:team|bench|c-suite)|"
                 rf"\s+to\s+[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){{0,2}}(?=\s+as\s))?"
                 rf"\s+(?:as|als|como|comme|zum|zur|tot|till(?: ny)?|aan als|au poste de|al puesto de|para o cargo de|"
                 rf"in den|in die|"
                 rf"to(?: the role of)?(?! (?:lead|drive|help|run|oversee|build|"
                 rf"scale|head|search|find|advise|succeed)\b)|to be|its new|as its new|to succeed .{{1,40}}? as)\s+"
                 rf"(?P<t>.+)$", rest)
    if m and (person := _person_of(m.group("p"))):
        employer = re.match(r"^(?P<at>\S+)['’]s\s+(?=\S+\s+\S+)", person)  # "Halvorsen's Mei-Ling Chow"
        if employer:
            return person[employer.end():], _title(m.group("t")), m.group("from") or employer.group("at")
        return person, _title(m.group("t")), m.group("from")
    m = re.match(rf"(?P<p>{cues.PERSON})\s+(?i:for)\s+(?:(?i:the|its|a|an|new|top)\s+)*(?P<t>.+?)\s+"
                 rf"(?i:role|post|position|job|seat)\b", rest)  # "picks Xu Mingyu for new APAC sales head role"
    if m and (person := _person_of(m.group("p"))):
        return person, m.group("t"), None
    m = re.match(r"(?P<left>.+?)\s+(?i:for)\s+(?:(?i:the|its|a|an|new|top)\s+)*(?P<t>.+?)\s+"
                 r"(?i:role|post|position|seat)\b", rest)  # "turns to ex-Carverly operations head for COO post"
    if m and classify_title(m.group("t")).is_leadership:
        return _descriptor_person(m.group("left")), m.group("t"), _previous_employer(m.group("left"))
    m = re.match(r"(?P<left>.+?)\s+(?:as|to(?: the role of)?(?! (?:lead|drive|help|run|oversee|build|scale|head|search|"
                 r"find|advise|succeed)\b)|to be|as its new|to succeed .{1,40}? as)\s+(?P<t>.+)$", rest)
    if m and not _descriptor_person(m.group("left")) and re.search(r"\s+as\s+", rest):
        left = re.sub(r"^(?:(?:a|an|its|the|new|permanent|interim)\s+)+", "", m.group("left"), flags=_I)
        after = _title(m.group("t"))
        if classify_title(left).is_leadership:
            # "names COO as new CEO": the new title; "names new CEO as founder steps down": the one before "as"
            return None, after if classify_title(after).is_leadership else _title(left), None
        if len(left.split()) <= 4 and left.split()[-1].lower() in cues.DESCRIBING:
            return None, after, _previous_employer(left)  # "hires former Stripe exec as CRO": no name
        return None, "", None
    if m and (person := _descriptor_person(m.group("left"))):
        return person, _title(m.group("t")), _previous_employer(m.group("left"))
    m = re.match(rf"(?P<t>(?:[A-Z][\w&/-]*\s+){{0,5}}?(?:Officer|CEO|CFO|CTO|COO|CMO|CRO|CPO|CISO|President|"
                 rf"Director|Head of \w+))\s+(?P<p>{cues.PERSON})(?:$|\s+(?i:amid|as|to|after|following|in|for)\b)",
                 titled)
    if m:
        return m.group("p"), _title(m.group("t")), None
    return None, _title(cues.NEW.match(rest).group("title")), None  # type: ignore[union-attr]


def _previous_employer(described: str) -> str | None:
    """"former Duke Energy CFO Patricia Gomez" → "Duke Energy"."""
    former = re.search(r"(?i:former|ex-?)\s*(?P<from>[A-Z][\w&.]*(?:\s+[A-Z][a-z][\w&.]*)?)", described)
    employer = " ".join(w for w in former.group("from").split() if w.lower() not in cues.DESCRIBING) if former else ""
    return employer or None


# Who elects without being the company: "Shareholders elect Miriam Osterhaus to Castellan Bancorp board".
_ELECTORATE = re.compile(r"^(?:the )?(?:shareholders|stockholders|investors|members|voters)$", _I)
# The company's own board appoints for it: "Ferrovia announced that its Board of Directors has appointed …".
_OWN_BOARD = re.compile(r"^(?:the |its |their )?(?:board(?: of directors)?|directors)$", _I)
# What _from_headline finds when the appointer is a public body: no move, and no lede read for one either.
_PUBLIC_BODY: tuple[str | None, str | None, str, str | None] = (None, None, "", None)


def _from_headline(title: str) -> tuple[str | None, str | None, str, str | None] | None:
    """(company, person, job title, previous employer) named by a headline, or None."""
    sentence = _clean(title)
    m = cues.RETURNS.match(sentence) or cues.LEAVES_TO_JOIN.match(sentence)
    if m and (person := _person_of(m.group("person"))):  # "Acme CFO Jane Roe leaves to become CEO of Beta"
        return company_from_subject(m.group("co")), person, _title(m.group("title")), None
    m = cues.LEAVES_FOR.match(sentence)
    if m and (company := company_from_subject(m.group("co"))):  # not "leaves for health reasons"
        return company, _person_of(m.group("left")), "", None
    m = cues.SUCCESSOR.match(sentence)
    if m:
        return company_from_subject(m.group("co")), _person_of(m.group("left")), m.group("title"), None
    m = cues.JOINS_BOARD.match(sentence)
    if m and (person := _person_of(m.group("left"))) and not re.search(r"(?i:advis)", m.group()):
        co = _trim_company((m.group("co") or m.group("co2")).strip())  # an advisory board is no seat
        return _PUBLIC_BODY if cues.PUBLIC.search(co) else (company_from_subject(co), person, "Board member", None)
    found = _from_patterns(sentence, (cues.NEW_POSITION, cues.PERSON_FIRST, cues.NAMED_AT, cues.NAMED_OF,
                                      cues.NEW_IS, cues.IS_NEW))
    if found:
        return found
    m = cues.CONGRATULATIONS.match(sentence)
    if m:
        return None, m.group("person"), _title(m.group("title")), None
    m = re.match(r"^(?P<title>[^:]{3,60}):\s+(?P<rest>.+)$", sentence)
    if m and classify_title(m.group("title")).is_leadership:  # "Director of Demand Gen: Clearform hires Aisha Rahman"
        found = _from_headline(m.group("rest"))
        person = found and (found[1] or _descriptor_person(found[2]))
        if found and person and not classify_title(found[2]).is_leadership:
            return found[0], person, m.group("title"), found[3]
    m = cues.RELEASE.match(sentence)
    splits = [(m.group("co"), m.group("rest"), "appointment of")] if m else [
        (sentence[:v.start()], sentence[v.end():], v.group().strip(" ,")) for v in cues.A_VERB.finditer(sentence)]
    for n, (co, rest, verb) in enumerate(splits, 1):  # "Acme onboards 200 customers, names Jane Roe CFO": the verb
        if cues.PUBLIC.search(co.strip()):  # that names someone. A ministry, a regulator or a charity is no account.
            return _PUBLIC_BODY
        if re.search(r"\b(?i:newly|recently|previously|once|just)$", co.strip()):
            continue  # "… where newly appointed Head of Product Jane Roe showed the roadmap": someone already there
        person, job_title, previous = _person_and_title(rest)
        if cues.GENERIC_VERB.match(verb) and not re.search(r"\sas\s|\sfor\s.*\b(?:role|post|position|seat)\b", rest) \
                and (person is None or re.match(r"(?i:turns? to|turned to)$", verb)):
            continue  # "Acme makes head of sales redundant", "adds CFO dashboard", "turns to Jane Roe for advice"
        if person is None and (re.search(r"\b(?:been|was|were|is|be)$", co.strip(), _I) or (
                re.fullmatch(cues.PERSON, co.strip()) and re.match(
                    r"[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)?\s+(?i:ceo|cfo|cto|coo|cmo|cro|chief|president|head|vp)\b",
                    rest))):
            continue  # "Gemma Holt has been appointed SVP", "Jane Roe named Acme CEO": the subject is the person
        if job_title and classify_title(job_title).is_leadership or n == len(splits):
            # "… welcome Mina Cho to Lattice Labs as our new …", "Shareholders elect X to Castellan Bancorp board"
            to = re.match(rf"{cues.PERSON}\s+to\s+(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){{0,2}})\s+as\s", rest) \
                or cues.BOARD.search(rest)
            appointer = re.sub(r"(?:['’]s)?\s+(?i:board(?: of directors)?)$", "",
                               _appointer(co).strip())  # "Acme's board names …"
            if _ELECTORATE.match(appointer.strip()) and not (to and to.group("co")):
                continue  # "Members elect Acme CEO Jane Roe president of the Retail Federation": not a company's seat
            company = None if _OWN_BOARD.match(appointer.strip()) or _ELECTORATE.match(appointer.strip()) \
                else company_from_subject(appointer)
            return company or (to and to.group("co") and company_from_subject(to.group("co"))), person, job_title, \
                previous
    # "Pieter-Jan Verhoeven will step into the role of VP Sales": only when no verb above named anyone, so that
    # "Acme promotes Jane Roe to CEO; Tom Baker to become executive chairman" stays Jane Roe's
    return _from_patterns(sentence, (cues.NAMED_BARE,))


def _trim_company(co: str) -> str:
    """The company a pattern's tail names, without what follows it: "Swiftcart as Anil Rao steps down",
    "Gildermoor Games on Jan. 1", "Acme Board"."""
    co = re.split(r"\s+(?:on|in|from|effective|starting|beginning)\s", cues.THEN.split(co, maxsplit=1)[0])[0]
    return re.sub(r"\s+(?i:board(?: of directors)?)$", "", co)


def _from_patterns(sentence: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str | None, str | None, str,
                                                                                    str | None] | None:
    """(company, person, title, None) by the first of ``patterns`` that names a leader, or _PUBLIC_BODY, or None."""
    for pattern in patterns:
        m = pattern.match(sentence)
        if not m:
            continue
        left, co = m.group("left"), m.groupdict().get("co")
        if re.search(r"\b(?i:newly|recently|previously|once|just)$", left.strip()):
            continue  # "… where newly appointed Head of Product Jane Roe showed the roadmap": already there
        if co and (cues.PUBLIC.search(co.strip()) or cues.CRAFT_MAKER.search(co)):
            return _PUBLIC_BODY  # "… at Brightstar Pictures' film label"
        if pattern is cues.NAMED_OF and cues.LEVEL_ONLY.match(m.group("title").strip()):  # "head" of "development at …"
            continue
        if co and co[:1].islower() and not cues.NAMEISH_LOWER.match(co):  # "will join on Dec. 2 as …": no company
            co = None
        if co is None and (":" in left or "," in left):  # "Polaris Pay: Jonas Eriksson joins as …", "Verdelli,
            co, left = re.split(r"[:,]", left, maxsplit=1)  # Marta Conti è la nuova CFO": the company is the prefix
            co = re.split(r"\s+(?-i:[a-z]+s)\b", co, maxsplit=1)[0]  # "Acme completes acquisition of Beta, …": Acme
        if co:
            co = _trim_company(co)
        if pattern is cues.NAMED_AT and not company_from_subject(co or ""):  # "… of Brightloom after 12 years at a
            continue  # large search company": the "at" is the past
        person, job_title = _person_of(left), _title(m.group("title").rstrip("?"))
        if co and cues.PUBLIC.search(co.strip()):
            return _PUBLIC_BODY
        if pattern in (cues.NEW_IS, cues.IS_NEW, cues.NAMED_BARE) and not person:
            continue  # "Acme's new CEO: 'We will not cut jobs'"
        if pattern is cues.NAMED_BARE and not classify_title(job_title).is_leadership:
            continue  # "Marlowe Freight named Ifeoma …"
        if person or classify_title(job_title).is_leadership:  # "Acme CFO named CEO of Beta": Beta's, unnamed
            return company_from_subject(co) if co else None, person, job_title, None
    return None


def _appointer(phrase: str) -> str:
    """The clause that names: "Layoffs hit Beta; Acme" → "Acme"; "Aldermoor Foods Announces Leadership Transition;"
    (the naming clause has no subject of its own) → "Aldermoor Foods"."""
    last = phrase.rsplit(";", 1)[-1].strip()
    phrase = last or re.split(r"\s+(?i:announces|reveals|unveils)\b|;", phrase, maxsplit=1)[0]
    if phrase.rstrip().endswith(","):  # "Acme onboards 200 customers, names …": the subject of the first clause
        phrase = re.split(r"\s+(?:(?-i:[a-z]+s)|(?i:announces|unveils|reveals|launches|posts|reports|opens|expands|"
                          r"completes|onboards|installs|signs|wins|adds|beats|misses|tops|raises|cuts|hits|sees|"
                          r"acquires|buys|sells|closes|files|lands))\b", phrase.split(",", 1)[0], maxsplit=1)[0]
    return phrase


def _person_of(left: str) -> str | None:
    """The person a phrase names: "Jane Roe", "Identity-security veteran Jessica Lam", "Sir David Ashworth"; never
    a company ("Beta Construction", "Beta Realty")."""
    person = _person_in(left)
    return None if person and person.split()[-1].lower().strip(".,") in cues.FIRM_WORDS else person


def _person_in(left: str) -> str | None:
    left = re.sub(r"^(?:(?:co-?)?founder|(?:sir|dame|dr\.?|prof\.?|mr\.?|ms\.?|mrs\.?)|ex-\S+|when|since|after|"
                  r"before|while|now|as|and|but|meanwhile)\s+", "", left.strip(), flags=_I)
    left = re.sub(r"^\S+['’]s\s+(?=\S+\s+\S+)", "", left)  # "Acme's Tom Baker"
    words = {w.lower() for w in left.split()}
    named = re.fullmatch(cues.PERSON, left) and not words & (cues.NOT_NAMES | cues.DESCRIBING | cues.TITLE_START)
    return left if named else _descriptor_person(left)


def _summary_person(summary: str) -> tuple[str | None, str | None]:
    for sentence in sentences(summary):
        m = cues.SUMMARY_PERSON.search(sentence)
        if m:
            employer = cues.FROM_EMPLOYER.search(sentence[m.end():])
            return m.group("person") or m.group("person2"), employer.group("who") if employer else None
    return None, None


def _leader(found: tuple[str | None, str | None, str, str | None] | None) -> LeadershipMove | None:
    """The move ``found`` names when its title is a leader's seat (a board seat, "Acme's new CFO"), else None."""
    if found is None or not found[2] or cues.STOP_TITLES.match(found[2]):
        return None
    company, person, job_title, previous = found
    own = cues.OWN_TITLE.match(job_title)
    if own:
        company, job_title = company or company_from_subject(own.group("co")), own.group("title")
    if cues.SEAT.search(job_title):
        job_title = "Board member"
    inside = re.match(r"^(?P<co>(?:[A-Z][\w&.\-]*\s+){1,3}?)(?P<title>(?i:chief|ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|"
                      r"cdo|chro|president|head|vp|svp|evp|vice president|director|general manager|managing director)"
                      r"\b.*)$", job_title)
    words = inside.group("co").split() if inside else []
    if inside and not {w.lower() for w in words} & (cues.TITLE_START | cues.FUNCTIONS) and all(  # "named Acme CEO", not
            re.search(r"[a-z]", w) for w in words):  # "IT director", "Engineering Director"
        named = company_from_subject(inside.group("co"))
        if company and named and core_name(named).lower() != core_name(company).lower():
            return None  # "Acme names Beta Construction general manager of project": a firm appointed, no person
        company, job_title = company or named, inside.group("title")
    info = classify_title(job_title)
    if not info.is_leadership or cues.CRAFT.search(job_title) or cues.RECORD.match(job_title):
        return None
    if cues.THING.search(job_title) or cues.STUNT.search(job_title) or re.match(r"(?i:former|ex-|ex\s|head$)",
                                                                                 job_title):
        return None  # "CISO community", "head office", "Chief Meme Officer", "names former CFO in lawsuit"
    body = re.search(r"\b(?:of|du|de la|des|der|di)\s+(?:the\s+)?(?P<org>.+)$", job_title)
    if body and cues.PUBLIC.search(body.group("org")):  # "chairman of the National Association of Manufacturers"
        return None
    return LeadershipMove(company=company, person=person, job_title=job_title, seniority=info.seniority,
                          department=info.department, previous_employer=previous)


def _from_summary(summary: str, person: str | None) -> LeadershipMove | None:
    """The join told in the summary's lede ("Cloudpath has hired Beatriz Souza as Senior Vice President of Sales"),
    of ``person`` when the headline named one; never an old appointment told as background."""
    for sentence in sentences(summary)[:3]:
        sentence = _clean(sentence).rstrip(" .!?")
        said = cues.SAID.match(sentence)
        if said:  # "Brightfold today announced that Tamsin Clarke has joined …"
            sentence = sentence[said.end():]
        if person:  # "Roe joins as chief revenue officer", "She joins from Beta as …": the headline's person
            sentence = re.sub(rf"^(?:{re.escape(person.split()[-1])}|she|he|they)\b(?=\s+[a-z])", person, sentence,
                              flags=_I)
        old = cues.LONG_AGO.search(sentence) or (cues.MONTH_PAST.search(sentence) and not cues.NOW.search(sentence))
        move = None if old else _leader(_from_headline(sentence))
        if move is None or move.person is None or (person and person.split()[-1] not in move.person.split()):
            continue
        if said:  # "Verdant Systems announced that its Board of Directors has appointed …": the company said it
            speaker = re.sub(rf"\s+(?:{cues.TITLE_SPAN.pattern})\s+{cues.PERSON}$", "",
                             said.group("co").rsplit(",", 1)[-1], flags=_I)  # "In a memo, Acme CRO Alan Brecht said"
            move = replace(move, company=move.company or company_from_subject(speaker))
        return move
    return None


def interpret_leadership(headline: str, summary: str = "", publisher: str | None = None) -> LeadershipMove | None:
    """The leader ``headline`` (with ``summary``) says joined a company, or None."""
    title = _small_words(_sentence_case(headline_of(headline, publisher)))
    summary = summary_of(summary, headline, publisher or headline[len(title):].strip(" -–|") or None)
    cleaned = clean_sentence(title)
    leaves_for = cues.LEAVES_FOR.match(cleaned)
    joins_elsewhere = cues.RETURNS.match(cleaned) or cues.LEAVES_TO_JOIN.match(cleaned) \
        or cues.SUCCESSOR.match(cleaned) or (leaves_for and company_from_subject(leaves_for.group("co")))
    clauses = [c.strip() for c in title.split(";") if c.strip()]
    if not joins_elsewhere and len(clauses) > 1 and cues.DEPARTURE.search(clauses[0]) \
            and cues.JOIN_VERB.search(clauses[-1]):
        title = clauses[-1]  # "Redfern CEO steps down; board chair to serve as interim chief executive"
    head = cues.THEN.split(title, maxsplit=1)[0]
    if not cues.JOIN_VERB.search(head):
        head = title  # "Jane Doe, appointed CEO of Acme in 2023, steps down": the departure is the news
    if cues.AWARD.search(title) or (cues.DEPARTURE.search(head) and not joins_elsewhere) \
            or cues.NOT_A_HIRE.search(title):
        return None
    found = _from_headline(title)
    move = _leader(found)
    if move is None and found is not _PUBLIC_BODY and (cues.JOIN_VERB.search(title) or cues.PEOPLE_NEWS.search(title)
                                                       or cues.LEADER_NEWS.search(title)):
        named = found and (found[1] or found[2][:1].isupper() and _person_of(found[2]))  # "taps Jane Roe to lead"
        move = _from_summary(summary, named or None)  # the headline tells of a leader; its lede may say who and what
        if move and found and found[0] and move.company and core_name(found[0]).lower() != core_name(
                move.company).lower():
            move = None  # "Acme CRO Tom Baker leaves for Beta" told with "Tom Baker joined Acme as CRO in 2021"
        span = cues.NEW_SEAT.search(title)  # "creates first CDO role, hires Wei-Lun Chang"
        if move is None and named and span and not cues.SEAT_GONE.search(title):
            move = _leader((found[0] if found else None, named, _title(span.group()), None))
        elif move is not None and found and not move.company:
            move = replace(move, company=found[0])
    if move is None:
        return None
    if move.person is None:
        person, employer = _summary_person(summary)
        move = replace(move, person=person, previous_employer=move.previous_employer or employer)
    evidence = next((s for s in sentences(summary) if move.person and move.person in s), title)
    return replace(move, evidence=evidence[:500])
