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

from watcher.entities import core_name
from watcher.funding_text import clean_sentence, company_from_subject, headline_of, sentences, summary_of
from watcher.titles import classify_title

_I = re.IGNORECASE
# A name word: capitalised (accented too: "Wiśniewski", "Élodie"), or initials ("J.", "J.P.").
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'’\-]+|(?:[A-Z]\.){1,3})"  # "Nguyễn Thị Lan" too
_PARTICLE = r"(?:de|der|den|van|von|da|das|do|dos|del|di|du|la|le|ter|bin|bint|ibn|al|el)(?![\w'’])"
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
         r"picks|picked|nabs|nabbed|welcome|makes|made|elect|turns to|turned to|brings back|brought back|rehires|"
         r"annonce la nomination de|ha nominato|har utsett|utser|utnämner|har utnämnt|"
         # the same verbs in the languages of European business news ("nombra a X directora general")
         r"nombra(?: a)?|designa(?: a)?|ficha(?: a)?|incorpora(?: a)?|nomme|nomina|nomeia|benoemt|ernennt|beruft|"
         r"holt|verpflichtet|stelt|recrute|recruta|recluta|contrata|anuncia(?: a)?|"
         r"(?:board )?approves (?:the )?(?:appointment|elevation|election) of)")
# Verbs that name a leader only with the person right after them: "makes Femi Ade president", not "makes head of
# sales redundant"; "turns to ex-Carverly operations head for COO post" has its own rule.
_GENERIC_VERB = re.compile(r"^(?:makes|made|elect|turns to|turned to|welcome|holt|stelt|anuncia(?: a)?|recrute|lands|"
                           r"landed|adds|added|installs|installed)$", _I)
_JOIN_VERB = re.compile(rf"\s{_VERB}\s|\b(?:joins|has joined|joined|named|appointed|returns|rejoins|takes over|"
                        rf"took over|steps up|stepped up|becomes|became|succeeds|to succeed|will succeed|successor|"
                        rf"to (?:lead|run|head)|(?:to|will) serve as|welcome)\b|['’]s? new\b", _I)
# "Hawthorne Cloud Expands Executive Team, Naming Olamide Bankole …" (not "Acme is hiring a VP …")
_A_VERB = re.compile(rf"\s+{_VERB}\s+|"
                     rf"(?<=,)\s*(?:naming|appointing|hiring|tapping|adding|promoting|welcoming|elevating)\s+", _I)
# "Jane Roe joins Acme as CRO", "Identity-security veteran Jessica Lam will join Sentrel as CISO".
_PERSON_FIRST = re.compile(r"^(?P<left>.+?)\s+(?i:joins|has joined|joined|will join|is set to join|is joining|to join|"
                           r"comes aboard(?: at)?|came aboard(?: at)?|takes the helm at|took the helm at|"
                           r"(?:will|to) succeed (?:him|her|them|\S+ \S+)|will serve|to serve|"
                           r"(?:to|will) (?:lead|run|head)|"
                           r"signs on|signed on|comes on board|is heading to|heads to|is headed to|lands at|landed at|"
                           r"moves to|jumps to|decamps to|defects to|is moving to)"
                           r"(?:\s+(?P<co>.+?))?\s+(?i:as|als|como|comme)\s+(?P<title>.+)$")
# "Elena Vasquez joins Northgate Bank board of directors", "Tessellate CFO Mara Quinn joins board of Halden Foods"
_JOINS_BOARD = re.compile(r"^(?P<left>.+?)\s+(?i:joins|has joined|joined|will join|is joining|to join|appointed to|"
                          r"named to|elected to)\s+(?i:the\s+)?(?:(?i:board(?: of directors)? of)\s+(?P<co>.+)|"
                          r"(?P<co2>.+?)(?:['’]s?)?\s+(?i:board(?: of directors)?))$")
# "Jane Roe named CEO of Acme", "has been appointed CRO at Tallypay", "takes over as CEO of Nordvolt AB".
_NAMED_VERB = (r"(?i:named|appointed|tapped as|hired as|promoted to|has been appointed|has been named|is appointed|"
               r"takes over as|took over as|steps up to|stepped up to|becomes(?: the)?(?: new)?|became|named as|"
               r"named new|elevated to|(?:is |are )?(?:set |due )?to become|will become|will take over as|"
               r"to take over as|"
               r"(?:has )?(?:started|starts|began|begins)(?: (?:this|last|earlier this) (?:week|month))? as|"
               r"steps? into the role of|will step into the role of|devient|wird|diventa|wordt|se convierte en|"
               r"torna-se|è (?:il|la) nuov[oa]|(?:is|will be) (?:the )?new|elected|elected as|voted)")
# "Founder Eli Rosen returns as CEO of Pebble.ai", "Carla Mendes leaves Brightline to become CEO of Wavecrest".
_RETURNS = re.compile(r"^(?P<person>.+?)\s+(?i:returns|is returning|rejoins|"
                      r"(?:leaves|departs|exits|is leaving)(?: .{1,60}?)? to (?:become|be|join as)|"
                      r"succeeds .{1,40}? as)\s+"
                      r"(?:as\s+)?(?P<title>.+?)\s+(?:of|at)\s+(?P<co>.+)$")
# "Ironbridge Capital's sales chief departs for Calloway Fintech": B gained a leader; the lede says who and as what
_LEAVES_FOR = re.compile(r"^(?P<left>.+?)\s+(?i:departs|leaves|exits|quits|defects|is leaving|bolts) for\s+(?P<co>.+)$")
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
_AWARD = re.compile(r"\bof the (?:year|month|week|decade)\b|\b\d+ under \d+\b|\bhall of fame\b|\btop \d+\b|"
                    r"\bbest (?:ceos?|cfos?|cmos?|ctos?|cros?|boss(?:es)?|leaders?|employers?)\b|\bto watch\b|"
                    r"\bmost (?:influential|powerful|admired)\b|"
                    r"\bnamed (?:to|among|on) (?:the )?[\w' ]{0,40}(?:list|index)\b|"
                    r"\b(?:wins|won|receives|received|honou?red with) (?:the |a |an )?[\w' ]{0,40}award\b|"
                    r"\baward (?:finalist|winner|shortlist)", _I)
# What a departure clause hangs on: only the part of a headline before it decides ("names Grace Kim CEO as
# co-founder Mark Tully steps down" is a join).
_THEN = re.compile(r"\s+(?:as|after|amid|following|while|replacing|succeeding|who replaces)\s+|\s[-–—]\s|[,;]\s", _I)
# A bare level before a comma is not the whole title: "VP, Customer Success".
_LEVEL_ONLY = re.compile(r"^(?:(?:senior|sr\.?|executive|group|regional|area|global)\s+)?(?:(?:vp|svp|evp|avp|rvp|"
                         r"vice president|director|head|general manager|gm|managing director)(?:\s+(?:&|and)\s+)?)+$",
                         _I)
_HONORIFICS = frozenset("sir dame dr prof mr mrs ms mx".split())
_ACRONYMS = frozenset("""ceo cfo cto coo cmo cro cpo ciso cio cdo cco chro clo cso svp evp vp avp gm md hr it ai us uk
    eu emea apac dach latam saas b2b""".split())
_TITLE_CASE_SMALL = re.compile(r"(?<=\s)(?:As|To|Of|At|For|In|On|With|From|And|The|By|Its|Their|His|Her|Into|Amid|"
                               r"After|Following|Effective|Than|Via|Be|Is|Was|Will)(?=\s)")
_FIRM_WORDS = frozenset("""construction realty trading group capital partners holdings inc llc ltd corp company bank
    labs systems technologies solutions services consulting media jv plc gmbh ag sa co industries ventures""".split())
_FUNCTIONS = frozenset("""engineering data security design operations growth customer customers partnerships partner
    brand digital country area channel alliances product people it hr""".split())
_SMALL_WORDS = frozenset("""as at to for of on in with from by and the a an its their new role post position job seat
    after amid following""".split())
# A lower-case word that still names a company: "the company", "its leadership team" do not.
_NAMEISH_LOWER = re.compile(r"^[a-z][\w-]*\.(?:ai|io|co|com|app|dev)\b|^[a-z]+[A-Z]")
# A leader's title anywhere in a headline: "Mosswood creates first Chief Data Officer role, hires Wei-Lun Chang".
_TITLE_SPAN = re.compile(r"\b(?:(?:interim|acting|senior|executive|global|group|regional|first|first-ever)\s+)*"
                         r"(?:chief(?:\s+[\w-]+){1,3}?\s+officer|chief executive|president|managing director|"
                         r"general manager|country manager|"
                         r"(?:vice president|svp|evp|vp|head|director) of(?:\s+[\w&-]+){1,3}|"
                         r"(?:ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|cdo|cco|chro|clo|cso)\b)", _I)
# "creates first Chief Data Officer role": a seat the headline names apart from the person
_NEW_SEAT = re.compile(rf"(?:{_TITLE_SPAN.pattern})(?=\s+(?:role|post|position|seat)\b)", _I)
_SEAT_GONE = re.compile(r"\b(?:eliminat\w+|abolish\w*|scrap\w*|cuts?|remov\w+|axe[sd]?|merg\w+)\b", _I)
# A headline that may be about a leader: its lede is read for a join when the headline alone does not give one.
_LEADER_NEWS = re.compile(r"\b(?:hires?|appointments?|reins|turns to|lands at|heads to|moves to|jumps to|"
                          r"signs on|steps into|to become|devient|wird|stelt|recrute|anuncia|departs for|leaves for|"
                          r"shake-?up|reshuffle\w*|(?:executive|leadership|management|senior) (?:team|bench)|"
                          r"new (?:chief|ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|cdo|cco|chro|vp|vice president|head|"
                          r"director|president|general manager|managing director|board member|\w+ chief))\b", _I)
# A region after a comma belongs to the title ("Head of Sales, North America"), as on the job boards.
_REGION = re.compile(r"\s*(?:EMEA|APAC|APJ|DACH|LATAM|LatAm|AMER|ANZ|UK&I|UKI|Nordics|Benelux|Americas|"
                     r"(?:North|South|Latin|Central) America|Europe|Asia(?:-| )Pacific|"
                     r"Middle East(?: (?:&|and) Africa)?|"
                     r"(?:the )?(?:US|U\.S\.|UK|India|Brazil|Mexico|Canada|Germany|France|Japan|China|Africa))"
                     r"(?=$|[\s,;.!?)]|\s[-–—|])")
_NOT_NAMES = frozenset("""two three four five six seven several new members directors executives leaders where who
    which when newly recently""".split())
# Words that describe a person before the name ("Former Salesforce Executive John Roe"): never name words.
_DESCRIBING = frozenset("""former ex executive exec veteran industry leader alum alumna alumnus expert pioneer insider
    longtime long-time seasoned serial top star tech sales marketing finance product engineering operations""".split())
# A title begins with one of these ("Sarah Okafor Chief Revenue Officer": the name ends where they start).
_TITLE_START = frozenset("""chief vice vp svp evp avp rvp head director president general managing executive senior sr
    sr. global group regional interim acting deputy ceo cfo cto coo cmo cro cpo ciso cio cdo cco chro clo cso cgo
    chairman chairwoman chair co-founder cofounder founding finance technology marketing sales people legal
    operating product revenue commercial new nuovo nuova nuevo nueva nouveau nouvelle neue neuer novo nova nieuwe
    directora directeur directrice direttore diretor diretora amministratore
    consejero geschäftsführer geschäftsführerin vorstand presidente président présidente""".split())
_NAMED_AT = re.compile(rf"^(?P<left>.+?)\s+{_NAMED_VERB}\s+(?:as\s+)?(?P<title>.+)\s+(?:at|bei|chez|presso|bij)\s+"
                       rf"(?P<co>.+)$")
_NAMED_OF = re.compile(rf"^(?P<left>.+?)\s+{_NAMED_VERB}\s+(?:as\s+)?(?P<title>.+?)\s+(?:of|de|di|von)\s+(?P<co>.+)$")
# "Pieter-Jan Verhoeven will step into the role of VP Sales": the company is the item's
_NAMED_BARE = re.compile(rf"^(?P<left>.+?)\s+{_NAMED_VERB}\s+(?:as\s+)?(?P<title>.+)$")
# A LinkedIn post: "I'm starting a new position as Head of Partnerships at Orchard!"
_NEW_POSITION = re.compile(r"^(?P<left>.*?)(?i:starting|started|to start) a new (?i:position|role|job|chapter) as\s+"
                           r"(?P<title>.+?)\s+at\s+(?P<co>.+?)[!.]*$")
# "Freightly's new VP of Operations is e-commerce logistics manager Yusuf Demir"
_NEW_IS = re.compile(r"^(?:(?i:meet|introducing|say hello to|welcome|who is)\s+)?(?P<co>.+?)['’]s? new (?P<title>.+?)"
                     r"(?:\s*[:–—]\s*|\s+-\s+|\s+(?:is|will be)\s+)(?P<left>.+)$")
# "Who is Mariana López, Kestrel Foods' new chief executive?"
_IS_NEW = re.compile(rf"^(?:(?i:meet|introducing|say hello to|welcome|who is)\s+)?(?P<left>{PERSON}),\s+"
                     rf"(?!.*\b(?i:could|might|may|would|tipped|favou?rite|frontrunner|front-runner)\b)"
                     rf"(?P<co>.+?)['’]s? new (?P<title>.+?)\s*\??$")
# "Greenleaf Grocers CEO to retire; COO Fiona Walsh named successor": the seat is the departing one's
_SUCCESSOR = re.compile(r"^(?P<co>.+?)\s+(?P<title>(?i:chief(?: \w+){1,2} officer|chief executive|president|"
                        r"chair(?:man|woman)?|managing director)|[A-Z]{2,4})\s+"
                        r"(?i:to retire|retires|to step down|steps down|resigns|to depart|departs|to leave)"
                        r"\s*[;,:–—-]\s*(?P<left>.+?)\s+(?i:named|appointed|tapped|"
                        r"picked|chosen|confirmed|is|as)\s+(?:(?i:as|his|her|their|the|new)\s+)*(?i:successor)$")
_THING = re.compile(r"(?<!\bof )(?<!\bof the )\b(?:community|dashboards?|summit|forum|roundtable|event|series|awards?|"
                    r"office|offices|headquarters|cent(?:er|re)|site|plant|hub|campus|"
                    r"list|magazine|podcast|playbook|survey|report|tier|search firm|recruiting firm|agency|"
                    r"consultancy)$", _I)
# An AI agent given a title, a seat somewhere else, a lawsuit: no one joined.
_NOT_A_HIRE = re.compile(r"\belsewhere\b|"
                         r"\b(?:ai|digital|virtual) (?:agent|assistant|employee|worker|colleague|head|vp)\b|"
                         r"\bchat ?bot\b|\bavatar\b|\bin (?:a |the )?(?:lawsuit|suit|complaint|probe|indictment)\b", _I)
# A marketing stunt, not an executive: "names Ryan Reynolds chief meme officer", "Chief Happiness Officer".
_STUNT = re.compile(r"\bchief (?:\w+ )?(?:meme|happiness|fun|vibes?|elf|inspiration|barketing|cheer\w*|hype|snack|"
                    r"pizza|taco|beer|chocolate|party|joy|kindness|wow|cookie|coffee|dog|cat|pet|gaming|tiktok|"
                    r"emoji)\b", _I)
# A record, not a seat: "becomes youngest female CEO in S&P 500", "the highest-paid CEO in the sector".
_RECORD = re.compile(r"^(?:the )?(?:youngest|oldest|highest-paid|best-paid|longest-serving|richest)\b", _I)
# A title read in a film, a play or a series: "names Greta Vance director of 'Iron Meridian' reboot".
_CRAFT_WORDS = (r"\b(?:film|movie|feature|series|reboot|sequel|remake|documentary|album|musical|play|opera|season|"
                r"tournament|campaign|festival|race|concert|exhibition|"
                r"episode|show)\b")
_CRAFT = re.compile(rf"(?:^|\s)['‘\"“]\w|\w['’\"”](?:\s|$)|{_CRAFT_WORDS}", _I)  # a quoted work, not "d'information"
_CRAFT_MAKER = re.compile(rf"{_CRAFT_WORDS}|\b(?:pictures|studios|films|records)\b", _I)  # "Brightstar Pictures' label"
# The company's own words for its people news, in a headline that itself names no title ("Welcome to the team,
# Marcus!", "Orbitly taps Salesforce veteran Kevin Adeyemi to lead sales"): the summary's lede is read for it.
_SAID = re.compile(r"^(?P<co>.{0,80}?)\s+(?:today\s+)?(?-i:announced|said|confirmed|revealed|shared)(?:\s+today)?"
                   r"(?:\s+that)?\s+(?!(?i:the appointment|the hiring|the election)\b)", _I)
_LONG_AGO = re.compile(r"\b(?:since|in) (?:19|20)\d\d\b|\blast year\b|\bearlier this year\b|"
                       r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b|"
                       r"\b(?:years?|\d+ months|(?:several|many) months) ago\b|"
                       r"\bwho joined\b|\bduring the pandemic\b|\bin the depths of\b|\bserved (?:for|as)\b|"
                       r"^(?:when|since|after|before|while|until|once)\b", _I)
# A month or a season with a past-tense join is background in a profile ("Jane Roe joined Acme as CFO in May");
# with a future, a perfect or "today" it is the news ("will join in January", "has joined this month").
_MONTH_PAST = re.compile(r"\b(?:in|last|since|this past) (?:january|february|march|april|may|june|july|august|"
                         r"september|october|november|december|spring|summer|autumn|fall|winter)\b", _I)
_NOW = re.compile(r"\b(?:will|has|have|is set to|is joining|joins|today|this week|this month|effective|starts?|"
                  r"starting|is to)\b", _I)
# Headlines that announce people news without a verb that names: "Verdant Systems Announces CEO Transition"
_PEOPLE_NEWS = re.compile(r"\b(?:leadership|executive|management|ceo|cfo|board) (?:transition|change|succession|"
                          r"appointments?|update|hire)s?\b|\bappointments?\b|\bnew hires?\b", _I)
# "Tiller's new Head of Partnerships": the possessive is the company, not part of the title
_OWN_TITLE = re.compile(r"^(?P<co>(?:[A-Z][\w&.\-]*\s+){0,3}[A-Z][\w&.\-]*)['’]s?\s+(?:new\s+)?(?P<title>.+)$")
# Public bodies appoint too; they are not accounts: "RBI appoints …", "Ministry of Economy names …".
_PUBLIC = re.compile(r"^(?:the )?(?:ministry|department|office|minister) (?:of|for)\b|"
                     r"\b(?:central|reserve|national) bank\b|"
                     r"^(?:the )?(?:rbi|sebi|fca|sec|ecb|fed|federal reserve|parliament|senate)$|"
                     r"^(?:the )?(?:\w+ )?(?:government|govt)(?: of [\w ]+)?$|"
                     r"\b(?:securities|markets|competition|financial|energy|telecoms?|data protection|banking|"
                     r"insurance|aviation|health) (?:regulator|authority|commission|watchdog)\b|\bregulator$|"
                     r"\b(?:city|county|town|state) council\b|^(?:the )?(?:city|state|county|province) of\b|"
                     r"\bfood bank\b|\bcharit(?:y|able)\b|\bnon-?profit\b|\bfoundation$|\balliance$|"
                     r"\b(?:commission|authority|agency|army|navy|university|ministry|council|regulator|police|school|"
                     r"college|church|diocese|parish|museum|orchestra|theat(?:re|er))$|"
                     r"\b(?:fc|afc|f\.c\.|football club|rugby club|cricket club)$|"
                     r"\b(?:association|federation|chamber of commerce|chamber|institute|society|guild|consortium|"
                     r"union|committee|delegation|medef|confederation|roundtable|governor'?s?|mayor'?s?|"
                     r"white house|task force)\b", _I)
# (Not "… new CTO on leaving big tech": the leaving is the new leader's past.)
_DEPARTURE = re.compile(r"\b(?:steps? down|stepping down|resigns?|resigned|departs?|departure|leaves|quits?|"
                        r"sacks?|sacked|axes|axed|ousts?|ouster|is out|let go|terminat\w+|parts ways|steps? aside|"
                        r"steps? back|bows out|passes the baton|dies|died|passes away|passed away|obituary|"
                        r"in memoriam|remembering|placed on leave|charged with|sued|sues|"
                        r"(?<!\bon )(?<!\bafter )(?<!\bbefore )leaving|exits?|"
                        r"retires?|retiring|fired|ousted|out as|to step down)\b", _I)
_TITLE_END = re.compile(r"\s+(?:to (?:lead|drive|scale|help|oversee|accelerate|expand|head|build|run|manage|grow|"
                        r"spearhead|steer|guide|develop|launch|establish|open|strengthen|support|bring|focus|deliver|"
                        r"find|search|recruit|replace|identify|hire|"
                        r"power|boost|fuel|transform|shape|push|pursue|prepare)|amid|as|ahead of|effective|"
                        r"following|after|from|in|for|successor|with effect|because|until|during|while|when|"
                        r"with (?:a|an|the)|(?:next|last|this) (?:week|month|year)|later this|shortly|"
                        r"on (?=\w+day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d)|"
                        r"de (?:su|sa|son|ses)|en|chez|bei)\b|"
                        rf"[,;:(?]|\s[-–—|]\s|\s+and\s+(?={PERSON}\s+as\b)", _I)
_NEW = re.compile(r"^(?:(?:a|an|its|their)\s+)?(?:(?:new|first|first-ever|permanent)\s+)?(?P<title>.+)$", _I)
_SUMMARY_PERSON = re.compile(rf"(?:hired|appointed|named|tapped|welcomed|promoted|appointment of|nomination de|"
                             rf"nombramiento de|nomina di|ernennung von|benoeming van)\s+"
                             rf"(?:(?:Dr|Prof|Mr|Ms|Mrs|Sir|Dame)\.?\s+)?(?P<person>{PERSON})|"
                             rf"(?P<person2>{PERSON}),?\s+(?:who|formerly|previously|a former|the former|joins|"
                             rf"has joined|will join|has been appointed|has been named|has been elected|will become|"
                             rf"will take over|will step|started|starts|will return|returns|will rejoin)")
_FROM_EMPLOYER = re.compile(r"\b(?:former|ex-|formerly (?:of|at)|previously (?:of|at)|from)\s*(?P<who>[A-Z][\w&.]*"
                            r"(?:\s+[A-Z][\w&.]*)?)")
_SEAT = re.compile(r"^(?:(?:independent|non-?executive|non executive|outside)\s+)+director$|"
                   r"^board (?:member|director)$", _I)
_BOARD = re.compile(r"\bto (?:(?i:its|the|their) )?(?:(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)(?:['’]s?)?\s+)?"
                    r"(?i:board)(?: (?i:of directors))?\b")
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
    while end and end.group().startswith(",") and (_LEVEL_ONLY.match(text[: end.start()].strip())
                                                    or _REGION.match(text[end.end():])):  # "VP Sales, EMEA"
        end = _TITLE_END.search(text, end.end())
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
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS else w if w.lower() in _ACRONYMS
                    else w.capitalize() if w.isalpha() else w.title() for w in headline.split())


def _small_words(headline: str) -> str:
    """A Title Case headline with its small words in lower case, as the rules read them: "Jane Roe Named CEO Of
    Beta" → "Jane Roe Named CEO of Beta" (else "Of Beta" is a name and "As" part of one)."""
    return _TITLE_CASE_SMALL.sub(lambda m: m.group().lower(), headline)


def _split_name(rest: str) -> tuple[str, str] | None:
    """"Sarah Okafor Chief Revenue Officer" → ("Sarah Okafor", "Chief Revenue Officer"): a name of two to five
    words, then a title that starts as titles do."""
    words = rest.split()
    for k in range(2, min(6, len(words))):
        name, after = words[:k], words[k]
        if not re.fullmatch(PERSON, " ".join(name)) or after.lower().strip(",;") not in _TITLE_START \
                or any(w.lower() in _TITLE_START or w.lower() in _DESCRIBING for w in name):
            continue
        if name[-1].lower().strip(".,") in _FIRM_WORDS:
            return None  # "names Beta Construction general manager of project": a firm, not a person
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
    while run and (re.fullmatch(_PARTICLE, run[0]) or run[0].lower().rstrip(".") in _HONORIFICS):
        run.pop(0)
    if len(run) < 2 or run[0].lower() in _NOT_NAMES or run[-1].lower() in _NOT_NAMES:
        return None  # "Three New Members"
    return " ".join(run)


def _person_and_title(rest: str) -> tuple[str | None, str, str | None]:
    """From what follows the verb: (person, title, previous employer)."""
    if re.search(r"(?i:advis|observer|asesor|consultiv|beirat)", rest):  # an advisory board, an observer: no seat
        return None, "", None
    board = _BOARD.search(rest)
    of = board and re.match(r"\s+of\s+(?:the\s+)?(?P<co>.+)$", rest[board.end():])
    if board and not any(c and _PUBLIC.search(c) for c in (board.group("co"), of and of.group("co"))):  # not the
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
    m = re.match(rf"(?P<p>{PERSON})(?:\s+from\s+(?P<from>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){{0,3}}))?"
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
    m = re.match(rf"(?P<p>{PERSON})\s+(?i:for)\s+(?:(?i:the|its|a|an|new|top)\s+)*(?P<t>.+?)\s+"
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


# Who elects without being the company: "Shareholders elect Miriam Osterhaus to Castellan Bancorp board".
_ELECTORATE = re.compile(r"^(?:the )?(?:shareholders|stockholders|investors|members|voters)$", _I)
# The company's own board appoints for it: "Ferrovia announced that its Board of Directors has appointed …".
_OWN_BOARD = re.compile(r"^(?:the |its |their )?(?:board(?: of directors)?|directors)$", _I)
# What _from_headline finds when the appointer is a public body: no move, and no lede read for one either.
_PUBLIC_BODY: tuple[str | None, str | None, str, str | None] = (None, None, "", None)


def _from_headline(title: str) -> tuple[str | None, str | None, str, str | None] | None:
    """(company, person, job title, previous employer) named by a headline, or None."""
    sentence = _clean(title)
    m = _RETURNS.match(sentence) or _LEAVES_TO_JOIN.match(sentence)
    if m and (person := _person_of(m.group("person"))):  # "Acme CFO Jane Roe leaves to become CEO of Beta"
        return company_from_subject(m.group("co")), person, _title(m.group("title")), None
    m = _LEAVES_FOR.match(sentence)
    if m and (company := company_from_subject(m.group("co"))):  # not "leaves for health reasons"
        return company, _person_of(m.group("left")), "", None
    m = _SUCCESSOR.match(sentence)
    if m:
        return company_from_subject(m.group("co")), _person_of(m.group("left")), m.group("title"), None
    m = _JOINS_BOARD.match(sentence)
    if m and (person := _person_of(m.group("left"))) and not re.search(r"(?i:advis)", m.group()):
        co = _trim_company((m.group("co") or m.group("co2")).strip())  # an advisory board is no seat
        return _PUBLIC_BODY if _PUBLIC.search(co) else (company_from_subject(co), person, "Board member", None)
    found = _from_patterns(sentence, (_NEW_POSITION, _PERSON_FIRST, _NAMED_AT, _NAMED_OF, _NEW_IS, _IS_NEW))
    if found:
        return found
    m = _CONGRATULATIONS.match(sentence)
    if m:
        return None, m.group("person"), _title(m.group("title")), None
    m = re.match(r"^(?P<title>[^:]{3,60}):\s+(?P<rest>.+)$", sentence)
    if m and classify_title(m.group("title")).is_leadership:  # "Director of Demand Gen: Clearform hires Aisha Rahman"
        found = _from_headline(m.group("rest"))
        person = found and (found[1] or _descriptor_person(found[2]))
        if found and person and not classify_title(found[2]).is_leadership:
            return found[0], person, m.group("title"), found[3]
    m = _RELEASE.match(sentence)
    splits = [(m.group("co"), m.group("rest"), "appointment of")] if m else [
        (sentence[:v.start()], sentence[v.end():], v.group().strip(" ,")) for v in _A_VERB.finditer(sentence)]
    for n, (co, rest, verb) in enumerate(splits, 1):  # "Acme onboards 200 customers, names Jane Roe CFO": the verb
        if _PUBLIC.search(co.strip()):  # that names someone. A ministry, a regulator or a charity is no account.
            return _PUBLIC_BODY
        if re.search(r"\b(?i:newly|recently|previously|once|just)$", co.strip()):
            continue  # "… where newly appointed Head of Product Jane Roe showed the roadmap": someone already there
        person, job_title, previous = _person_and_title(rest)
        if _GENERIC_VERB.match(verb) and not re.search(r"\sas\s|\sfor\s.*\b(?:role|post|position|seat)\b", rest) \
                and (person is None or re.match(r"(?i:turns? to|turned to)$", verb)):
            continue  # "Acme makes head of sales redundant", "adds CFO dashboard", "turns to Jane Roe for advice"
        if person is None and (re.search(r"\b(?:been|was|were|is|be)$", co.strip(), _I) or (
                re.fullmatch(PERSON, co.strip()) and re.match(r"[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)?\s+(?i:ceo|cfo|cto|"
                                                              r"coo|cmo|cro|chief|president|head|vp)\b", rest))):
            continue  # "Gemma Holt has been appointed SVP", "Jane Roe named Acme CEO": the subject is the person
        if job_title and classify_title(job_title).is_leadership or n == len(splits):
            # "… welcome Mina Cho to Lattice Labs as our new …", "Shareholders elect X to Castellan Bancorp board"
            to = re.match(rf"{PERSON}\s+to\s+(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){{0,2}})\s+as\s", rest) \
                or _BOARD.search(rest)
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
    return _from_patterns(sentence, (_NAMED_BARE,))


def _trim_company(co: str) -> str:
    """The company a pattern's tail names, without what follows it: "Swiftcart as Anil Rao steps down",
    "Gildermoor Games on Jan. 1", "Acme Board"."""
    co = re.split(r"\s+(?:on|in|from|effective|starting|beginning)\s", _THEN.split(co, maxsplit=1)[0])[0]
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
        if co and (_PUBLIC.search(co.strip()) or _CRAFT_MAKER.search(co)):  # "… at Brightstar Pictures' film label"
            return _PUBLIC_BODY
        if pattern is _NAMED_OF and _LEVEL_ONLY.match(m.group("title").strip()):  # "head" of "development at …"
            continue
        if co and co[:1].islower() and not _NAMEISH_LOWER.match(co):  # "will join on Dec. 2 as …": no company
            co = None
        if co is None and (":" in left or "," in left):  # "Polaris Pay: Jonas Eriksson joins as …", "Verdelli,
            co, left = re.split(r"[:,]", left, maxsplit=1)  # Marta Conti è la nuova CFO": the company is the prefix
            co = re.split(r"\s+(?-i:[a-z]+s)\b", co, maxsplit=1)[0]  # "Acme completes acquisition of Beta, …": Acme
        if co:
            co = _trim_company(co)
        if pattern is _NAMED_AT and not company_from_subject(co or ""):  # "… of Brightloom after 12 years at a
            continue  # large search company": the "at" is the past
        person, job_title = _person_of(left), _title(m.group("title").rstrip("?"))
        if co and _PUBLIC.search(co.strip()):
            return _PUBLIC_BODY
        if pattern in (_NEW_IS, _IS_NEW, _NAMED_BARE) and not person:  # "Acme's new CEO: 'We will not cut jobs'"
            continue
        if pattern is _NAMED_BARE and not classify_title(job_title).is_leadership:  # "Marlowe Freight named Ifeoma …"
            continue
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
    return None if person and person.split()[-1].lower().strip(".,") in _FIRM_WORDS else person


def _person_in(left: str) -> str | None:
    left = re.sub(r"^(?:(?:co-?)?founder|(?:sir|dame|dr\.?|prof\.?|mr\.?|ms\.?|mrs\.?)|when|since|after|before|while|"
                  r"now|as|and|but|meanwhile)\s+", "", left.strip(), flags=_I)
    left = re.sub(r"^\S+['’]s\s+(?=\S+\s+\S+)", "", left)  # "Acme's Tom Baker"
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


def _leader(found: tuple[str | None, str | None, str, str | None] | None) -> LeadershipMove | None:
    """The move ``found`` names when its title is a leader's seat (a board seat, "Acme's new CFO"), else None."""
    if found is None or not found[2] or _STOP_TITLES.match(found[2]):
        return None
    company, person, job_title, previous = found
    own = _OWN_TITLE.match(job_title)
    if own:
        company, job_title = company or company_from_subject(own.group("co")), own.group("title")
    if _SEAT.search(job_title):
        job_title = "Board member"
    inside = re.match(r"^(?P<co>(?:[A-Z][\w&.\-]*\s+){1,3}?)(?P<title>(?i:chief|ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|"
                      r"cdo|chro|president|head|vp|svp|evp|vice president|director|general manager|managing director)"
                      r"\b.*)$", job_title)
    words = inside.group("co").split() if inside else []
    if inside and not {w.lower() for w in words} & (_TITLE_START | _FUNCTIONS) and all(  # "named Acme CEO", not
            re.search(r"[a-z]", w) for w in words):  # "IT director", "Engineering Director"
        named = company_from_subject(inside.group("co"))
        if company and named and core_name(named).lower() != core_name(company).lower():
            return None  # "Acme names Beta Construction general manager of project": a firm appointed, no person
        company, job_title = company or named, inside.group("title")
    info = classify_title(job_title)
    if not info.is_leadership or _CRAFT.search(job_title) or _RECORD.match(job_title):
        return None
    if _THING.search(job_title) or _STUNT.search(job_title) or re.match(r"(?i:former|ex-|ex\s|head$)", job_title):
        return None  # "CISO community", "head office", "Chief Meme Officer", "names former CFO in lawsuit"
    body = re.search(r"\b(?:of|du|de la|des|der|di)\s+(?:the\s+)?(?P<org>.+)$", job_title)
    if body and _PUBLIC.search(body.group("org")):  # "chairman of the National Association of Manufacturers"
        return None
    return LeadershipMove(company=company, person=person, job_title=job_title, seniority=info.seniority,
                          department=info.department, previous_employer=previous)


def _from_summary(summary: str, person: str | None) -> LeadershipMove | None:
    """The join told in the summary's lede ("Cloudpath has hired Beatriz Souza as Senior Vice President of Sales"),
    of ``person`` when the headline named one; never an old appointment told as background."""
    for sentence in sentences(summary)[:3]:
        sentence = _clean(sentence).rstrip(" .!?")
        said = _SAID.match(sentence)
        if said:  # "Brightfold today announced that Tamsin Clarke has joined …"
            sentence = sentence[said.end():]
        if person:  # "Roe joins as chief revenue officer", "She joins from Beta as …": the headline's person
            sentence = re.sub(rf"^(?:{re.escape(person.split()[-1])}|she|he|they)\b(?=\s+[a-z])", person, sentence,
                              flags=_I)
        old = _LONG_AGO.search(sentence) or (_MONTH_PAST.search(sentence) and not _NOW.search(sentence))
        move = None if old else _leader(_from_headline(sentence))
        if move is None or move.person is None or (person and person.split()[-1] not in move.person.split()):
            continue
        if said:  # "Verdant Systems announced that its Board of Directors has appointed …": the company said it
            speaker = re.sub(rf"\s+(?:{_TITLE_SPAN.pattern})\s+{PERSON}$", "", said.group("co").rsplit(",", 1)[-1],
                             flags=_I)  # "In a memo, Meridel Systems CRO Alan Brecht said …"
            move = replace(move, company=move.company or company_from_subject(speaker))
        return move
    return None


def interpret_leadership(headline: str, summary: str = "", publisher: str | None = None) -> LeadershipMove | None:
    """The leader ``headline`` (with ``summary``) says joined a company, or None."""
    title = _small_words(_sentence_case(headline_of(headline, publisher)))
    summary = summary_of(summary, headline, publisher or headline[len(title):].strip(" -–|") or None)
    cleaned = clean_sentence(title)
    leaves_for = _LEAVES_FOR.match(cleaned)
    joins_elsewhere = _RETURNS.match(cleaned) or _LEAVES_TO_JOIN.match(cleaned) or _SUCCESSOR.match(cleaned) \
        or (leaves_for and company_from_subject(leaves_for.group("co")))
    clauses = [c.strip() for c in title.split(";") if c.strip()]
    if not joins_elsewhere and len(clauses) > 1 and _DEPARTURE.search(clauses[0]) and _JOIN_VERB.search(clauses[-1]):
        title = clauses[-1]  # "Redfern CEO steps down; board chair to serve as interim chief executive"
    head = _THEN.split(title, maxsplit=1)[0]
    if not _JOIN_VERB.search(head):
        head = title  # "Jane Doe, appointed CEO of Acme in 2023, steps down": the departure is the news
    if _AWARD.search(title) or (_DEPARTURE.search(head) and not joins_elsewhere) or _NOT_A_HIRE.search(title):
        return None
    found = _from_headline(title)
    move = _leader(found)
    if move is None and found is not _PUBLIC_BODY and (_JOIN_VERB.search(title) or _PEOPLE_NEWS.search(title)
                                                       or _LEADER_NEWS.search(title)):
        named = found and (found[1] or found[2][:1].isupper() and _person_of(found[2]))  # "taps Jane Roe to lead"
        move = _from_summary(summary, named or None)  # the headline tells of a leader; its lede may say who and what
        if move and found and found[0] and move.company and core_name(found[0]).lower() != core_name(
                move.company).lower():
            move = None  # "Acme CRO Tom Baker leaves for Beta" told with "Tom Baker joined Acme as CRO in 2021"
        span = _NEW_SEAT.search(title)  # "creates first CDO role, hires Wei-Lun Chang"
        if move is None and named and span and not _SEAT_GONE.search(title):
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
