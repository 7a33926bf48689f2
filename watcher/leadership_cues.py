"""The words of leadership news: verbs that name, titles and where they end, departures, public bodies, awards.

Kept apart from the reading rules (watcher/leadership.py) as watcher/complaint_cues.py is from
watcher/complaints.py, so the vocabulary can grow without touching the rules. Names and titles are matched
case-sensitively where case is what tells a name from a word; everything else ignores case.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# A name word: capitalised (accented too: "Wiśniewski", "Élodie"), or initials ("J.", "J.P.").
NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-ŽḀ-Ỿ][A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'’\-]+|(?:[A-Z]\.){1,3})"  # "Nguyễn Thị Lan" too
PARTICLE = r"(?:de|der|den|van|von|da|das|do|dos|del|di|du|la|le|ter|bin|bint|ibn|al|el)(?![\w'’])"
PERSON = rf"{NAME_WORD}(?:\s+(?:{NAME_WORD}|{PARTICLE})){{1,4}}"  # up to "Khalid bin Saeed Al Mansoori"
VERB = (r"(?:appoints|appointed|names|named|hires|hired|taps|tapped|welcomes|welcomed|promotes|promoted|elevates|"
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
GENERIC_VERB = re.compile(r"^(?:makes|made|elect|turns to|turned to|welcome|holt|stelt|anuncia(?: a)?|recrute|lands|"
                          r"landed|adds|added|installs|installed)$", _I)
JOIN_VERB = re.compile(rf"\s{VERB}\s|\b(?:joins|has joined|joined|named|appointed|returns|rejoins|takes over|"
                       rf"took over|steps up|stepped up|becomes|became|succeeds|to succeed|will succeed|successor|"
                       rf"to (?:lead|run|head)|(?:to|will) serve as|welcome)\b|['’]s? new\b", _I)
# "Hawthorne Cloud Expands Executive Team, Naming Olamide Bankole …" (not "Acme is hiring a VP …")
A_VERB = re.compile(rf"\s+{VERB}\s+|"
                    rf"(?<=,)\s*(?:naming|appointing|hiring|tapping|adding|promoting|welcoming|elevating)\s+", _I)
# "Jane Roe joins Acme as CRO", "Identity-security veteran Jessica Lam will join Sentrel as CISO".
PERSON_FIRST = re.compile(r"^(?P<left>.+?)\s+(?i:joins|has joined|joined|will join|is set to join|is joining|to join|"
                          r"comes aboard(?: at)?|came aboard(?: at)?|takes the helm at|took the helm at|"
                          r"(?:will|to) succeed (?:him|her|them|\S+ \S+)|will serve|to serve|"
                          r"(?:to|will) (?:lead|run|head)|"
                          r"signs on|signed on|comes on board|is heading to|heads to|is headed to|lands at|landed at|"
                          r"moves to|jumps to|decamps to|defects to|is moving to)"
                          r"(?:\s+(?P<co>.+?))?\s+(?i:as|als|como|comme)\s+(?P<title>.+)$")
# "Elena Vasquez joins Northgate Bank board of directors", "Tessellate CFO Mara Quinn joins board of Halden Foods"
JOINS_BOARD = re.compile(r"^(?P<left>.+?)\s+(?i:joins|has joined|joined|will join|is joining|to join|appointed to|"
                         r"named to|elected to)\s+(?i:the\s+)?(?:(?i:board(?: of directors)? of)\s+(?P<co>.+)|"
                         r"(?P<co2>.+?)(?:['’]s?)?\s+(?i:board(?: of directors)?))$")
# "Jane Roe named CEO of Acme", "has been appointed CRO at Tallypay", "takes over as CEO of Nordvolt AB".
NAMED_VERB = (r"(?i:named|appointed|tapped as|hired as|promoted to|has been appointed|has been named|is appointed|"
              r"takes over as|took over as|steps up to|stepped up to|becomes(?: the)?(?: new)?|became|named as|"
              r"named new|elevated to|(?:is |are )?(?:set |due )?to become|will become|will take over as|"
              r"to take over as|"
              r"(?:has )?(?:started|starts|began|begins)(?: (?:this|last|earlier this) (?:week|month))? as|"
              r"steps? into the role of|will step into the role of|devient|wird|diventa|wordt|se convierte en|"
              r"torna-se|è (?:il|la) nuov[oa]|(?:is|will be) (?:the )?new|elected|elected as|voted)")
# "Founder Eli Rosen returns as CEO of Pebble.ai", "Carla Mendes leaves Brightline to become CEO of Wavecrest".
RETURNS = re.compile(r"^(?P<person>.+?)\s+(?i:returns|is returning|rejoins|"
                     r"(?:leaves|departs|exits|is leaving)(?: .{1,60}?)? to (?:become|be|join as)|"
                     r"succeeds .{1,40}? as)\s+"
                     r"(?:as\s+)?(?P<title>.+?)\s+(?:of|at)\s+(?P<co>.+)$")
# "Ironbridge Capital's sales chief departs for Calloway Fintech": B gained a leader; the lede says who and as what
LEAVES_FOR = re.compile(r"^(?P<left>.+?)\s+(?i:departs|leaves|exits|quits|defects|is leaving|bolts) for\s+(?P<co>.+)$")
# "Ngozi Adeyemi leaves Paystride to join Kora Bank as chief financial officer"
LEAVES_TO_JOIN = re.compile(rf"^(?P<person>{PERSON})\s+(?i:leaves|departs|exits|quits)\s+.{{1,60}}?\s+(?i:to join)\s+"
                            rf"(?P<co>.+?)\s+(?i:as)\s+(?P<title>.+)$")
# "Nordvik Energi AS: Appointment of new Chief Financial Officer" (a press release's own headline)
RELEASE = re.compile(r"^(?P<co>[^:]{2,80}?)\s*:\s*(?i:(?:announces )?(?:the )?appointment of|appoints)\s+"
                     r"(?P<rest>.+)$")
# "Congratulations to Hannah Lee on her promotion to Director of Sales Engineering" (the company's own post)
CONGRATULATIONS = re.compile(rf"^(?i:congratulations to|welcome(?: to the team)?,?)\s+(?P<person>{PERSON}),?\s+"
                             rf"(?i:on (?:her|his|their) (?:promotion|appointment) to|our new|as (?:our )?(?:new )?)"
                             rf"\s+(?P<title>.+)$")
# Awards and lists name people too: "named CEO of the Year", "named to the Forbes 30 Under 30".
AWARD = re.compile(r"\bof the (?:year|month|week|decade)\b|\b(?:des jahres|de l'ann[ée]e|del año|dell'anno)\b|"
                   r"\b\d+ under \d+\b|\bhall of fame\b|\btop \d+\b|"
                   r"\bbest (?:ceos?|cfos?|cmos?|ctos?|cros?|boss(?:es)?|leaders?|employers?)\b|\bto watch\b|"
                   r"\bmost (?:influential|powerful|admired)\b|"
                   r"\bnamed (?:to|among|on) (?:the )?[\w' ]{0,40}(?:list|index)\b|"
                   r"\b(?:wins|won|receives|received|honou?red with) (?:the |a |an )?[\w' ]{0,40}award\b|"
                   r"\baward (?:finalist|winner|shortlist)", _I)
# What a departure clause hangs on: only the part of a headline before it decides ("names Grace Kim CEO as
# co-founder Mark Tully steps down" is a join).
THEN = re.compile(r"\s+(?:as|after|amid|following|while|replacing|succeeding|who replaces)\s+|\s[-–—]\s|[,;]\s", _I)
# A bare level before a comma is not the whole title: "VP, Customer Success".
LEVEL_ONLY = re.compile(r"^(?:(?:senior|sr\.?|executive|group|regional|area|global)\s+)?(?:(?:vp|svp|evp|avp|rvp|"
                        r"vice president|director|head|general manager|gm|managing director)(?:\s+(?:&|and)\s+)?)+$",
                        _I)
HONORIFICS = frozenset("sir dame dr prof mr mrs ms mx".split())
ACRONYMS = frozenset("""ceo cfo cto coo cmo cro cpo ciso cio cdo cco chro clo cso svp evp vp avp gm md hr it ai us uk
    eu emea apac dach latam saas b2b""".split())
TITLE_CASE_SMALL = re.compile(r"(?<=\s)(?:As|To|Of|At|For|In|On|With|From|And|The|By|Its|Their|His|Her|Into|Amid|"
                              r"After|Following|Effective|Than|Via|Be|Is|Was|Will)(?=\s)")
FIRM_WORDS = frozenset("""construction realty trading group capital partners holdings inc llc ltd corp company bank
    labs systems technologies solutions services consulting media jv plc gmbh ag sa co industries ventures""".split())
FUNCTIONS = frozenset("""engineering data security design operations growth customer customers partnerships partner
    brand digital country area channel alliances product people it hr creative art technical medical editorial account
    program project content communications strategy field inside regional national group deputy associate
    assistant""".split())
SMALL_WORDS = frozenset("""as at to for of on in with from by and the a an its their new role post position job seat
    after amid following""".split())
# A lower-case word that still names a company: "the company", "its leadership team" do not.
NAMEISH_LOWER = re.compile(r"^[a-z][\w-]*\.(?:ai|io|co|com|app|dev)\b|^[a-z]+[A-Z]")
# A leader's title anywhere in a headline: "Mosswood creates first Chief Data Officer role, hires Wei-Lun Chang".
TITLE_SPAN = re.compile(r"\b(?:(?:interim|acting|senior|executive|global|group|regional|first|first-ever)\s+)*"
                        r"(?:chief(?:\s+[\w-]+){1,3}?\s+officer|chief executive|president|managing director|"
                        r"general manager|country manager|"
                        r"(?:vice president|svp|evp|vp|head|director) of(?:\s+[\w&-]+){1,3}|"
                        r"(?:ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|cdo|cco|chro|clo|cso)\b)", _I)
# "creates first Chief Data Officer role": a seat the headline names apart from the person
NEW_SEAT = re.compile(rf"(?:{TITLE_SPAN.pattern})(?=\s+(?:role|post|position|seat)\b)", _I)
SEAT_GONE = re.compile(r"\b(?:eliminat\w+|abolish\w*|scrap\w*|cuts?|remov\w+|axe[sd]?|merg\w+)\b", _I)
# A headline that may be about a leader: its lede is read for a join when the headline alone does not give one.
LEADER_NEWS = re.compile(r"\b(?:hires?|appointments?|reins|turns to|lands at|heads to|moves to|jumps to|"
                         r"signs on|steps into|to become|devient|wird|stelt|recrute|anuncia|departs for|leaves for|"
                         r"shake-?up|reshuffle\w*|(?:executive|leadership|management|senior) (?:team|bench)|"
                         r"new (?:chief|ceo|cfo|cto|coo|cmo|cro|cpo|ciso|cio|cdo|cco|chro|vp|vice president|head|"
                         r"director|president|general manager|managing director|board member|\w+ chief))\b", _I)
# A region after a comma belongs to the title ("Head of Sales, North America"), as on the job boards.
REGION = re.compile(r"\s*(?:EMEA|APAC|APJ|DACH|LATAM|LatAm|AMER|ANZ|UK&I|UKI|Nordics|Benelux|Americas|"
                    r"(?:North|South|Latin|Central) America|Europe|Asia(?:-| )Pacific|"
                    r"Middle East(?: (?:&|and) Africa)?|"
                    r"(?:the )?(?:US|U\.S\.|UK|India|Brazil|Mexico|Canada|Germany|France|Japan|China|Africa))"
                    r"(?=$|[\s,;.!?)]|\s[-–—|])")
NOT_NAMES = frozenset("""two three four five six seven several new members directors executives leaders where who
    which when newly recently""".split())
# Words that describe a person before the name ("Former Salesforce Executive John Roe"): never name words.
DESCRIBING = frozenset("""former ex executive exec veteran industry leader alum alumna alumnus expert pioneer insider
    longtime long-time seasoned serial top star tech sales marketing finance product engineering operations""".split())
# A title begins with one of these ("Sarah Okafor Chief Revenue Officer": the name ends where they start).
TITLE_START = frozenset("""chief vice vp svp evp avp rvp head director president general managing executive senior sr
    sr. global group regional interim acting deputy ceo cfo cto coo cmo cro cpo ciso cio cdo cco chro clo cso cgo
    chairman chairwoman chair co-founder cofounder founding finance technology marketing sales people legal
    operating product revenue commercial new nuovo nuova nuevo nueva nouveau nouvelle neue neuer novo nova nieuwe
    directora directeur directrice direttore diretor diretora amministratore
    consejero geschäftsführer geschäftsführerin vorstand presidente président présidente""".split())
NAMED_AT = re.compile(rf"^(?P<left>.+?)\s+{NAMED_VERB}\s+(?:as\s+)?(?P<title>.+)\s+(?:at|bei|chez|presso|bij)\s+"
                      rf"(?P<co>.+)$")
NAMED_OF = re.compile(rf"^(?P<left>.+?)\s+{NAMED_VERB}\s+(?:as\s+)?(?P<title>.+?)\s+(?:of|de|di|von|"
                      rf"(?:der|des)(?=\s+[A-Z]\w+\s+[A-Z]))\s+(?P<co>.+)$")  # "CEO der Hanse Leasing", not
# "CFO der Gruppe"
# "Pieter-Jan Verhoeven will step into the role of VP Sales": the company is the item's
NAMED_BARE = re.compile(rf"^(?P<left>.+?)\s+{NAMED_VERB}\s+(?:as\s+)?(?P<title>.+)$")
# A LinkedIn post: "I'm starting a new position as Head of Partnerships at Orchard!"
NEW_POSITION = re.compile(r"^(?P<left>.*?)(?i:starting|started|to start) a new (?i:position|role|job|chapter) as\s+"
                          r"(?P<title>.+?)\s+at\s+(?P<co>.+?)[!.]*$")
# "Freightly's new VP of Operations is e-commerce logistics manager Yusuf Demir"
NEW_IS = re.compile(r"^(?:(?i:meet|introducing|say hello to|welcome|who is)\s+)?(?P<co>.+?)['’]s? new (?P<title>.+?)"
                    r"(?:\s*[:–—]\s*|\s+-\s+|\s+(?:is|will be)\s+)(?P<left>.+)$")
# "Who is Mariana López, Kestrel Foods' new chief executive?"
IS_NEW = re.compile(rf"^(?:(?i:meet|introducing|say hello to|welcome|who is)\s+)?(?P<left>{PERSON}),\s+"
                    rf"(?!.*\b(?i:could|might|may|would|tipped|favou?rite|frontrunner|front-runner)\b)"
                    rf"(?P<co>.+?)['’]s? new (?P<title>.+?)\s*\??$")
# "Greenleaf Grocers CEO to retire; COO Fiona Walsh named successor": the seat is the departing one's
SUCCESSOR = re.compile(r"^(?P<co>.+?)\s+(?P<title>(?i:chief(?: \w+){1,2} officer|chief executive|president|"
                       r"chair(?:man|woman)?|managing director)|[A-Z]{2,4})\s+"
                       r"(?i:to retire|retires|to step down|steps down|resigns|to depart|departs|to leave)"
                       r"\s*[;,:–—-]\s*(?P<left>.+?)\s+(?i:named|appointed|tapped|"
                       r"picked|chosen|confirmed|is|as)\s+(?:(?i:as|his|her|their|the|new)\s+)*(?i:successor)$")
THING = re.compile(r"(?<!\bof )(?<!\bof the )\b(?:community|dashboards?|summit|forum|roundtable|event|series|awards?|"
                   r"office|offices|headquarters|cent(?:er|re)|site|plant|hub|campus|"
                   r"list|magazine|podcast|playbook|survey|report|tier|search firm|recruiting firm|agency|"
                   r"consultancy)$", _I)
# An AI agent given a title, a seat somewhere else, a lawsuit: no one joined.
NOT_A_HIRE = re.compile(r"\belsewhere\b|"
                        r"\b(?:ai|digital|virtual) (?:agent|assistant|employee|worker|colleague|head|vp)\b|"
                        r"\bchat ?bot\b|\bavatar\b|\bin (?:a |the )?(?:lawsuit|suit|complaint|probe|indictment)\b", _I)
# A marketing stunt, not an executive: "names Ryan Reynolds chief meme officer", "Chief Happiness Officer".
STUNT = re.compile(r"\bchief (?:\w+ )?(?:meme|happiness|fun|vibes?|elf|inspiration|barketing|cheer\w*|hype|snack|"
                   r"pizza|taco|beer|chocolate|party|joy|kindness|wow|cookie|coffee|dog|cat|pet|gaming|tiktok|"
                   r"emoji)\b", _I)
# A record, not a seat: "becomes youngest female CEO in S&P 500", "the highest-paid CEO in the sector".
RECORD = re.compile(r"^(?:the )?(?:youngest|oldest|highest-paid|best-paid|longest-serving|richest)\b", _I)
# A title read in a film, a play or a series: "names Greta Vance director of 'Iron Meridian' reboot".
CRAFT_WORDS = (r"\b(?:film|movie|feature|series|reboot|sequel|remake|documentary|album|musical|play|opera|season|"
               r"tournament|campaign|festival|race|concert|exhibition|"
               r"episode|show)\b")
CRAFT = re.compile(rf"(?:^|\s)['‘\"“]\w|\w['’\"”](?:\s|$)|{CRAFT_WORDS}", _I)  # a quoted work, not "d'information"
CRAFT_MAKER = re.compile(rf"{CRAFT_WORDS}|\b(?:pictures|studios|films|records)\b", _I)  # "Brightstar Pictures' label"
# The company's own words for its people news, in a headline that itself names no title ("Welcome to the team,
# Marcus!", "Orbitly taps Salesforce veteran Kevin Adeyemi to lead sales"): the summary's lede is read for it.
SAID = re.compile(r"^(?P<co>.{0,80}?)\s+(?:today\s+)?(?-i:announced|said|confirmed|revealed|shared)(?:\s+today)?"
                  r"(?:\s+that)?\s+(?!(?i:the appointment|the hiring|the election)\b)", _I)
LONG_AGO = re.compile(r"\b(?:since|in) (?:19|20)\d\d\b|\blast year\b|\bearlier this year\b|"
                      r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b|"
                      r"\b(?:years?|\d+ months|(?:several|many) months) ago\b|"
                      r"\bwho joined\b|\bduring the pandemic\b|\bin the depths of\b|\bserved (?:for|as)\b|"
                      r"^(?:when|since|after|before|while|until|once)\b", _I)
# A month or a season with a past-tense join is background in a profile ("Jane Roe joined Acme as CFO in May");
# with a future, a perfect or "today" it is the news ("will join in January", "has joined this month").
MONTH_PAST = re.compile(r"\b(?:in|last|since|this past) (?:january|february|march|april|may|june|july|august|"
                        r"september|october|november|december|spring|summer|autumn|fall|winter)\b", _I)
NOW = re.compile(r"\b(?:will|has|have|is set to|is joining|joins|today|this week|this month|effective|starts?|"
                 r"starting|is to)\b", _I)
# Headlines that announce people news without a verb that names: "Verdant Systems Announces CEO Transition"
PEOPLE_NEWS = re.compile(r"\b(?:leadership|executive|management|ceo|cfo|board) (?:transition|change|succession|"
                         r"appointments?|update|hire)s?\b|\bappointments?\b|\bnew hires?\b", _I)
# "Tiller's new Head of Partnerships": the possessive is the company, not part of the title
OWN_TITLE = re.compile(r"^(?P<co>(?:[A-Z][\w&.\-]*\s+){0,3}[A-Z][\w&.\-]*)['’]s?\s+(?:new\s+)?(?P<title>.+)$")
# Public bodies appoint too; they are not accounts: "RBI appoints …", "Ministry of Economy names …".
PUBLIC = re.compile(r"^(?:the )?(?:ministry|department|office|minister) (?:of|for)\b|"
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
DEPARTURE = re.compile(r"\b(?:steps? down|stepping down|resigns?|resigned|departs?|departure|leaves|quits?|"
                       r"sacks?|sacked|axes|axed|ousts?|ouster|is out|let go|terminat\w+|parts ways|steps? aside|"
                       r"steps? back|bows out|passes the baton|dies|died|passes away|passed away|obituary|"
                       r"in memoriam|remembering|placed on leave|charged with|sued|sues|"
                       r"(?<!\bon )(?<!\bafter )(?<!\bbefore )leaving|exits?|"
                       r"retires?|retiring|fired|ousted|out as|to step down)\b", _I)
TITLE_END = re.compile(r"\s+(?:to (?:lead|drive|scale|help|oversee|accelerate|expand|head|build|run|manage|grow|"
                       r"spearhead|steer|guide|develop|launch|establish|open|strengthen|support|bring|focus|deliver|"
                       r"find|search|recruit|replace|identify|hire|"
                       r"power|boost|fuel|transform|shape|push|pursue|prepare)|amid|as|ahead of|effective|"
                       r"following|after|from|in|for|successor|with effect|because|until|during|while|when|"
                       r"with (?:a|an|the)|(?:next|last|this) (?:week|month|year)|later this|shortly|"
                       r"on (?=\w+day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d)|"
                       r"de (?:su|sa|son|ses)|en|chez|bei)\b|"
                       rf"[,;:(?]|\s[-–—|]\s|\s+and\s+(?={PERSON}\s+as\b)", _I)
NEW = re.compile(r"^(?:(?:a|an|its|their)\s+)?(?:(?:new|first|first-ever|permanent)\s+)?(?P<title>.+)$", _I)
SUMMARY_PERSON = re.compile(rf"(?:hired|appointed|named|tapped|welcomed|promoted|appointment of|nomination de|"
                            rf"nombramiento de|nomina di|ernennung von|benoeming van)\s+"
                            rf"(?:(?:Dr|Prof|Mr|Ms|Mrs|Sir|Dame)\.?\s+)?(?P<person>{PERSON})|"
                            rf"(?P<person2>{PERSON}),?\s+(?:who|formerly|previously|a former|the former|joins|"
                            rf"has joined|will join|has been appointed|has been named|has been elected|will become|"
                            rf"will take over|will step|started|starts|will return|returns|will rejoin)")
FROM_EMPLOYER = re.compile(r"\b(?:former|ex-|formerly (?:of|at)|previously (?:of|at)|from)\s*(?P<who>[A-Z][\w&.]*"
                           r"(?:\s+[A-Z][\w&.]*)?)")
SEAT = re.compile(r"^(?:(?:independent|non-?executive|non executive|outside)\s+)+director$|"
                  r"^board (?:member|director)$", _I)
BOARD = re.compile(r"\bto (?:(?i:its|the|their) )?(?:(?P<co>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)(?:['’]s?)?\s+)?"
                   r"(?i:board)(?: (?i:of directors))?\b")
STOP_TITLES = re.compile(r"^(?:partner|advisor|adviser|ambassador|investor|board observer)$", _I)
