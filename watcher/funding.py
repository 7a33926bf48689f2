"""Does a news item announce that a company raised money, and what exactly?

Pure text interpretation, no I/O: the ``news`` kind and ``watcher extract`` call it per item.
The headline decides; the summary is read when the headline is silent (TechCrunch ledes) and
for the details (investors, the round when the headline omits it). Whole classes of look-alikes
are refused before any claim is read: a VC firm closing its own fund, roundups and market
statistics, IPOs, layoffs, lawsuits, rumours ("in talks", "eyes", "sources say"), grant
programmes a company runs, acquisitions, secondary sales. Measured on the labelled table in
``tests/fixtures/funding/headlines.tsv`` by ``tests/test_funding.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from watcher.funding_text import (
    GENERIC_SUBJECT,
    PLURAL_SUBJECT,
    clean_sentence,
    company_from_object,
    company_from_subject,
    headline_of,
    sentences,
    summary_of,
)
from watcher.money import Money, find_money, to_usd

ROUNDS = ("Pre-Seed", "Seed", "Series A", "Series B", "Series C", "Series D", "Series E", "Series F", "Growth",
          "Debt", "Grant", "Undisclosed")
_I = re.IGNORECASE

# --- Gates: a headline that matches one of these is not a company's raise, whatever else it says.
_GATES: dict[str, re.Pattern[str]] = {
    "roundup": re.compile(
        r"\b(?:round-?ups?|biggest (?:\w+ )?(?:funding )?rounds|top \d+|these \d+|funding friday|"
        r"meet the (?:\d+|\w+)?\s*(?:\w+\s+)?(?:startups|companies|founders|fintechs|firms|winners|finalists)|"
        r"funding (?:wrap|digest|recap|tracker)|(?:funding|weekly|week's|daily|startup|deals?|venture) wrap-?up|"
        r"(?:weekly|daily|monthly) (?:funding|deals)(?=\s*(?:$|:|round-?up|report|recap|digest|wrap))|"
        r"this week in (?:funding|venture|startups)|\w+ deals this week|across \d+ deals|megarounds?|"
        r"(?:^|: )(?:startup|venture capital|venture|vc|funding) deals(?=\s*(?:$|:|of the week|this week|round-?up))|"
        r"raised? a combined|"
        r"\d+\s+(?:\w+\s+){0,3}(?:startups|companies|fintechs|firms)"
        r"|(?:startups|companies|fintechs|firms)\s+(?:that\s+)?raised|pitchbook|report (?:finds|says)|"
        r"funding\b.{0,40}\b(?:falls?|fell|slump\w*|drop\w*|declin\w*|rose|rises|surg\w*|soar\w*|hits|jump\w*|"
        r"plung\w*|rebound\w*|record))\b", _I),
    "fund": re.compile(
        r"\b(?:(?:new|debut|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|"
        r"latest|inaugural|flagship|early-stage|late-stage|seed|growth|venture|opportunity|climate|buyout|creator|"
        r"crypto|continuation|evergreen|dedicated|two|three|four|several)\s+(?:[\w-]+\s+)?funds?\b|"
        r"(?<!to )fund\s+(?:[IVX]+|\d+)\b|^(?:le |un )?(?:nouveau |premier )?fonds\b|"
        r"\b(?:nouveau|premier|deuxième|troisième|second) fonds\b|(?<!lev[ée]e de )\bfonds (?:de |d')?\d|"
        r"\d+(?:[.,]\d+)*(?:k|m|mn|b|bn| million| billion)?\s+(?:(?!to\b)[\w-]+\s+)?funds?\b|"
        r"limited partners|\bLPs\b|venture arm|final close|"
        r"(?:vc|venture(?: capital)?|investment|private equity|pe|buyout) firm)", _I),
    "ipo": re.compile(r"(?<!pre-)(?<!pre )\b(?:IPO|initial public offering|go(?:es|ing)? public|(?:direct )?listing|"
                      r"(?<!pre-ipo )(?<!private )(?<!\+ )(?:stock|share|equity|secondary|follow-on) offering"
                      r"(?! platform)|"
                      r"SPAC|blank-check|NYSE|Nasdaq|shares (?:jump|rise|fall|soar|surge|slump))\b", _I),
    "layoff": re.compile(r"\b(?:lays? off|laid off|layoffs?|cuts? (?:\d[\d,]*|jobs|staff|a \w+ of)|trims \d+%|"
                         r"lets? go of|shuts? down|shutting down|downsiz\w+|restructur\w+|winds? down|bankrupt\w*|"
                         r"insolven\w+)\b", _I),
    "lawsuit": re.compile(r"\b(?:sues?|sued|lawsuit|suit|(?<!-)court(?!-)|charges|charged|fraud\w*|settles?|settlement|"
                          r"complaint|indicted|probe|alleg\w+|dispute)\b", _I),
    "rumour": re.compile(r"\b(?:in talks|in discussions|(?:seeks?|seeking|eyes|eyeing)\s+(?:to raise\b|(?:a |an |new |"
                         r"fresh |up to |more than |over )?(?:[$€£¥₹]|\d|funding|financing|capital|investors?|"
                         r"backers|raise|round|investment|valuation|series|ipo|listing))|plans? to raise|"
                         r"planning to raise|looking to raise|aims? to raise|set to raise|"
                         r"(?:could|may|might|would) raise|reportedly|(?:is|are) said to|sources? (?:say|said)|"
                         r"people familiar|is raising|are raising)\b", _I),
    "acquisition": re.compile(r"\b(?:acquires?|acquired|acquisition|to acquire|to buy|buys|bought|snaps up|merge|"
                              r"merger|merges|takeover|buyback|repurchase)\b", _I),
    "past": re.compile(r"\b(?:last (?:year|month|week)|previously|years ago|back in \d{4})\b", _I),
    "secondary": re.compile(r"\b(?:secondary|tender offer|share sale|employees? to sell)\b", _I),
    "grant-programme": re.compile(r"\b(?:grant (?:program\w*|scheme|initiative|fund)|in grants|grants to|"
                                  r"creator fund)\b", _I),
    # a large company's borrowing and a listed company's offering: capital markets, not a startup's round
    "corporate-debt": re.compile(r"\b(?:(?:prices|priced|announces|launches|completes) (?:\S+ ){1,3}(?:senior |"
                                 r"convertible senior )?(?:secured |unsecured )?notes|notes due \d{4}|"
                                 r"bonds? due \d{4}|term loan b|eurobond|(?:underwritten )?public offering of|"
                                 r"offering of common stock|common stock offering|registered direct offering|"
                                 r"at-the-market offering)\b", _I),
    # money a company spends, not money it raises
    "capex": re.compile(r"\b(?:(?:announces|plans|commits|unveils|pledges|earmarks)\s+(?:an?\s+)?\S+\s+"
                        r"(?:\w+\s+){0,2}investment|invests?\s+[$€£]\S+\s+(?:\w+\s+)?) in (?:a |an |its |the )?"
                        r"(?:new )?(?:[\w-]+ ){0,2}"
                        r"(?:plant|factory|facility|site|headquarters|hq|campus|data cent(?:er|re)|warehouse|office|"
                        r"gigafactory|mill|refinery|r&d cent(?:er|re))\b", _I),
    # pre-orders and tokens
    "crowd-sale": re.compile(r"\b(?:raises|raised|pulls in|brings in|nets|rakes in)\s+(?:over |more than )?[$€£]\S+"
                             r"(?:\s+\w+){0,2}\s+(?:on (?:kickstarter|indiegogo)|in pre-?orders)\b|"
                             r"\btoken (?:sale|offering|generation)\b|\bICO\b|\bairdrop\b", _I),
}
_CHARITY = re.compile(r"\b(?:charit\w+|food banks?|relief|donat\w+|donors?|nonprofit|non-profit|fundraiser|gala|"
                      r"victims|appeal|telethon|scholarships?|foundation's|ngos?|marathon|walkathon|good causes|"
                      r"bake[- ](?:off|sale)|fun run|sponsored (?:walk|run|swim|cycle)|in memory of|charytatyw\w*)\b",
                      _I)
_CHARITY_HEAD = re.compile(r"\b(?:charity(?: (?:run|walk|ride|auction|ball|dinner|gala|appeal|event|challenge))?|"
                           r"food bank|foundation|nonprofit|non-profit|relief fund|fundraiser|bake[- ](?:off|sale)|"
                           r"fun run|raffle|auction)"
                           r"\s*$", _I)  # the subject is the charity itself ("Valley food bank raises …")
_IPO_UNLESS_ROUND = ("ipo",)
# What a company does next, told after its raise in one headline: not a reason to doubt the raise.
_AND_THEN = re.compile(r"(?:,|\s+and|\s+then)\s+(?:also\s+)?(?:acquires|buys|snaps up|merges with)\b.*$", _I)

# --- Claims.
_VERB = (r"(?:announce[sd]?\s+(?:that\s+)?(?:it\s+)?(?:has\s+)?(?:raised|secured|closed|completed)|raises|raised|"
         r"secures|secured|lands|landed|closes|closed|bags|bagged|nabs|nabbed|snags|snagged|gets|got|scores|scored|"
         r"picks up|picked up|pulls in|pulled in|rakes in|raked in|hauls in|hauled in|receives|received|"
         r"announces|announced|completes|completed|wins|won|awarded|extends|extended|adds|added|nets|netted|"
         r"attracts|attracted|grabs|grabbed|obtains|obtained|collects|collected|banks|banked|locks in|locked in|"
         r"clinches|clinched|signs|signed|inks|inked|issues|issued|prices|priced|tops up|topped up|"
         # fr, de, es, pt, it: "lève", "sammelt … ein", "sichert sich", "recauda", "capta", "raccoglie"
         r"(?-i:l[èe]ve|l[èe]vent|a lev[ée]|annonce|boucle|obtient|s[ée]curise|sammelt|erh[äa]lt|sichert sich|"
         r"schlie[ßs]t|"
         r"recauda|levanta|capta|cierra|ha cerrado|cerró|obtiene|consigue|recebe|raccoglie|chiude|ha chiuso|"
         r"ha raccolto|ottiene|"
         # sv, pl, nl: "tar in", "pozyskał", "haalt … op"
         r"tar in|tog in|har tagit in|pozyska\w*|zebra\w*|haalt|haalde|heeft opgehaald)|takes|took)")
# A loan is signed and a bond issued; so are a lease, a deal and shares (no raises): these need a debt noun.
_SIGNS = frozenset(("signs", "signed", "inks", "inked", "issues", "issued", "prices", "priced"))
_SIGNED_MONEY = re.compile(r"\b(?:loans?|credit (?:facility|line)|facility|financing|debt|bonds?|notes)\b", _I)
# The lender's side of a signed loan: "Acme Bank signs $300M loan to fund Zeta's factory".
_LENT = re.compile(r"\bto (?:fund|finance|support)\s+[A-Z]|\bfor [A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?'s\b|"
                   r"\bto [A-Z][\w&.-]+\b|\bloans? to (?:[A-Z]\w+|small|local|businesses|borrowers)\b|"
                   r"\bto (?:small |local )?(?:businesses|borrowers|farmers|smes|"
                   r"customers|startups|homeowners)\b")
# Public borrowers issue bonds too: "City of Austin issues $300M bonds", "Italy prices €5B bond".
_PUBLIC_ISSUER = re.compile(r"^(?:the )?(?:city|state|county|province|municipality|republic|kingdom|government|"
                            r"treasury|ministry) of\b|\b(?:government|treasury|municipality)$", _I)
_AUX = r"(?:(?:has|have|had|just|today|officially|successfully|been|is|was|also)\s+)*"
_SUBJECT_VERB = re.compile(rf"^(?P<subj>.+?)\s+{_AUX}(?P<verb>{_VERB})\b(?P<obj>.*)$", _I)
_INVESTOR_VERB = re.compile(
    r"^(?P<inv>.+?)\s+(?P<verb>leads|co-leads|led|backs|invests|injects|pours|provides|makes|puts)\s+"
    r"(?P<obj>.*)$", _I)
_WITH_VERB = re.compile(
    r"^(?P<subj>.+?)\s+(?P<verb>becomes? (?:a |the )?(?:[\w'’-]+ )?(?:latest |newest )?"
    r"(?!(?:failed|former|troubled|fallen|fading|struggling|ex-|zombie)\b)(?:[\w-]+ )?unicorn|"
    r"hits .{0,30}?valuation|emerges? from stealth|"
    r"comes? out of stealth|exits? stealth|launches|debuts)\s+(?:with|after)\s+(?P<obj>.*)$", _I)
_OWN = re.compile(r"^(?:today,?\s+)?(?:we(?:'re|’re| are)\s+(?:(?:so|very|thrilled|excited|happy|proud|delighted|"
                  r"pleased)\s+)*(?:to\s+)?)?(?:announcing|introducing|sharing|announce|share)\s+(?P<obj>.*)$", _I)
_GIVING = re.compile(r"\b(?:grants?|prizes?|awards?|scholarships?|credits?) (?:for|to)\b|"
                     r"\bin (?:new )?(?:grants|prizes|scholarships|credits|profits?|bonuses|dividends)\b|"
                     r"\bfunding (?:for|to) (?:open[- ]source|maintainers|creators|founders|startups|nonprofits|"
                     r"researchers|students|developers|communities|artists)\b", _I)
_FUNDING_NOUN = re.compile(
    r"\b(?:(?:pre-?)?seed|series\s+[a-z]\b|rounds?|funding|financing|investment|capital|grant|debt|loan|"
    r"credit (?:facility|line)|line of credit|convertible notes?|SAFE|equity|backing|war chest|raise|"
    r"undisclosed (?:sum|amount)|"
    # fr, de, es, pt, it
    r"levée de fonds|tour de table|financement|finanzierung\w*|kredit\w*|darlehen|(?-i:pr[êe]t|ronda|runde|rodada)|"
    r"pr[ée]stamo|empr[ée]stimo|financiamiento|financiamento|investimento|inversión|"
    r"(?-i:série|s[ée]rie(?=[-\s][a-fA-F][-\s]?(?:runde|finanzierungsrunde)))\s+[a-f]\b)\b", _I)
_FILLER = re.compile(
    r"^(?:\s*(?:a|an|the|its|their|our|new|fresh|additional|another|over|more than|nearly|almost|about|around|"
    r"roughly|approximately|up to|some|undisclosed|oversubscribed|strategic|follow-on|first|second|latest|initial|"
    r"record|massive|whopping|hefty|further|total of|in|into|on|close of|closing of|completion of|of|with|amount|sum|"
    r"über|de|d'|en|von|un|una|um|uma|plus de|más de|mais de|"
    r"(?:single|double|two|three|six|seven|eight|nine|ten)[-\s]figure|multi-?million(?:[-\s](?:dollar|euro|pound))?|"
    r"multimillion(?:[-\s](?:dollar|euro|pound))?|£|\$|€)\b)*\s*$", _I)
_POSSESSIVE_ROUND = re.compile(r"(?P<who>[\w&.\- ]+?)'s\s+(?=[$€£¥₹]|\w+\s+(?:million|billion))", _I)
_MONEY_FOR = re.compile(r"^[^,]{0,20}?\b(?:round|funding|investment|series [a-z]|seed)\b\s+(?:for|into|in)\s+"
                        r"(?P<obj>.*)$", _I)

# --- Rounds.
_ROUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bpre[-\s]?seed\b", _I), "Pre-Seed"),
    (re.compile(r"\bseries\s+seed\b", _I), "Seed"),
    (re.compile(r"\bpre-?\s?series\s+(?P<letter>[a-z])(?![\w])", _I), "Before"),
    # "série B" (fr), "Series-A-Runde" (de); not "Serie A" alone, the Italian football league
    (re.compile(r"\b(?:series|(?-i:série)|(?-i:[Ss][ée]rie)(?=[-\s][a-fA-F][-\s]?(?:runde|finanzierungsrunde))|"
                r"(?<=ronda )serie|(?<=ronda de )serie|(?<=rodada )s[ée]rie|(?<=financiación )serie|"
                r"(?<=financiamento )s[ée]rie|(?<=investimento )serie|(?<=inversión )serie)[-\s]+(?P<letter>[a-z])"
                r"(?:[-\s]?\d|\+)?"
                r"(?![\w])", _I), "Series"),
    # "RMB 100 million A round", "$5M B-round" (the letter in capitals, after an amount)
    (re.compile(r"(?i:\d|million|billion|mn|bn|m|b|yuan)\s+(?P<letter>[A-F])[-\s]round\b"), "Series"),
    (re.compile(r"\bseed(?:[-\s]stage)?\b(?!\s+funds?\b)|\bamor[çc]age\b|\bsemilla\b|\bsemente\b", _I), "Seed"),
    (re.compile(r"\bangel (?:round|funding|investment)\b", _I), "Pre-Seed"),
    (re.compile(r"\b(?:growth[-\s](?:equity|round|funding|financing|investment|stage)|late-stage round|"
                r"pre-IPO round)\b", _I), "Growth"),
)
_DEBT = re.compile(r"\b(?:venture debt|debt|bonds?|bond sale|notes offering|credit facility|credit line|"
                   r"revenue-based financing|kreditlinie|kredit|darlehen|pr[ée]stamo|pr[êe]t|emprunt|"
                   r"l[íi]nea de cr[ée]dito|linha de cr[ée]dito|"
                   r"line of credit|term loan|loans?|"
                   r"revolving credit|warehouse facility)\b", _I)
_EQUITY_AND_DEBT = re.compile(r"\bequity and debt\b|\bdebt and equity\b", _I)
_GRANT = re.compile(r"\bgrants?\b", _I)
# Money between rounds: its round is none, whatever round the lede says it leads to.
_INTERIM = re.compile(r"\b(?:(?i:bridge (?:round|financing|funding|loan)|convertible (?:notes?|loan|debt))|SAFEs?)\b")
_EXTENSION = re.compile(r"\bextension\b|\bextend(?:s|ed)?\b|\btop[-\s]?up\b|\badd(?:s|ed)\b.{0,30}\bto its\b", _I)
_PAST_ROUND = re.compile(r"(?:following|after|previous|prior|last|earlier)\s+(?:\w+\s+){0,2}$", _I)
# A round still to come: "a bridge round ahead of Series B", "runway to Series A".
_NEXT_ROUND = re.compile(r"(?:ahead of|before|toward|towards|runway to|bridge to|way to|path to|prepare for|"
                         r"to raise|(?:carry|take|get|bring)\s+(?:\w+\s+){0,3}to|"
                         r"preparing for|in preparation for|until|in anticipation of|extend(?:s|ing)? (?:its )?runway "
                         r"(?:to|until))\s+(?:(?:a|an|its|the|their|a planned|a future|a larger|an eventual)\s+)?$", _I)

# --- Amount context that says "this is not the raise".
_NOT_RAISE_BEFORE = re.compile(
    r"(?:valu\w*(?:\s+\w+){0,3}\s+(?:at|of)|valuation of|total(?:ling)?(?:\s+\w+){0,2}\s+(?:to|of)|"
    r"bringing(?:\s+\w+){0,3}\s+to|hits|reaches|revenue of|ARR of)\s*$", _I)
_NOT_RAISE_AFTER = re.compile(r"^\s*(?:\+\s*)?(?:valuation|post-money|pre-money|to date|in total|in revenue(?!-based)|"
                              r"in annuali[sz]ed)", _I)
# "$95 million Air Force contract": up to three words before the noun, each a plain modifier (no preposition, no
# -ing, nothing of funding in it: "after Walmart deal", "pre-seed round deal" are raises).
_NOT_FUNDING_AFTER = re.compile(r"^\s*(?:(?!(?:to|for|in|as|with|from|led|and|by|at|on|over|after|following|amid|while|"
                                r"since|before|ahead|months|weeks|days|years)\b)(?![\w-]*(?:fund|financ|invest|equity|"
                                r"seed|series|round|capital|loan|credit|facilit|debt|grant|bond))(?![\w-]+ing\b)"
                                r"[\w-]+\s+){0,3}"
                                r"(?:contracts?|deals?|orders?|agreements?|partnerships?|mou|"
                                r"memorandum|pacts?|commitments?|"
                                r"projects?|tenders?|in (?:[\w]+-[\w-]+ |(?:holiday|quarterly|annual|monthly|"
                                r"online|retail|net|gross|new|recurring|product|first-quarter|q[1-4]) ){0,2}"
                                r"(?:revenue(?!-based)|sales|orders|bookings)|"
                                r"profits?|net income|earnings|ebitda|turnover|payouts?|prize|prize money|winnings|"
                                r"commandes?|auftr[äa]g\w*|bestellung\w*|pedidos?|encomendas?|beneficios?|"
                                r"gewinn\w*|umsatz\w*|chiffre d'affaires|ventas|vendas|contrat\w*|vertr[äa]g\w*|"
                                r"contrato\w*)\b(?!\s+(?:financ\w*|funding|loan|debt))", _I)
_MIN_AMOUNT = 10_000  # "$22 a share" and "$20 an hour" are not raises

# --- Investors.
_LED = re.compile(r"\b(?:co-)?led by\s+(?P<who>.+)", _I)
_LED_ACTIVE = re.compile(r"(?P<who>[A-Z][\w&.+\- ]{1,60}?)\s+(?:co-)?led the (?:round|financing|investment)")
_PART = re.compile(r"\b(?:with participation (?:from|of|by)|participation from|joined by|alongside|along with)\s+"
                   r"(?P<who>.+)", _I)
_FROM = re.compile(r"\b(?:from|with)\s+(?P<who>.+)", _I)
_WHO_END = re.compile(r",?\s+(?:with participation|with|alongside|along with|joined by|to|for|as|at|in|valuing|"
                      r"bringing|which|that|who|according|said|says|the company|among|on)\b|[.;:!?()]|\s[-–—]\s", _I)
_WHO_PREFIX = re.compile(r"^(?:(?:a group of \w+|(?:new and )?existing investors?|new investors?|investors?|backers|"
                         r"firms|banks)\s*(?:including|such as|like)?\s+|including\s+|such as\s+)", _I)
_GENERIC_WHO = re.compile(r"^(?:existing investors|angel investors|angels|others|other investors|several angels|"
                          r"undisclosed investors|investors|a group of \w+|the company|it|them)$", _I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Funding:
    """A raise announced by an item, with the facts of the signal contract (DESIGN.md §4)."""

    company: str | None
    amount: int | None
    currency: str | None
    amount_usd: int | None
    round: str
    extension: bool = False
    investors: tuple[str, ...] = ()
    lead_investors: tuple[str, ...] = ()
    evidence: str = ""

    def facts(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "amount_usd": self.amount_usd, "round": self.round,
                "extension": self.extension, "investors": list(self.investors),
                "lead_investors": list(self.lead_investors), "company": self.company}


@dataclass(frozen=True, slots=True, kw_only=True)
class _Claim:
    sentence: str
    obj: str  # where the money and the round are looked for first
    company: str | None
    investor: str | None = None
    investor_leads: bool = False


def gate(text: str) -> str | None:
    """The name of the first gate ``text`` falls into (why it is not a raise), or None."""
    for name, pattern in _GATES.items():
        if pattern.search(text):
            return name
    return None


def _leads_into_money(obj: str) -> bool:
    """True when the object starts (after filler words) with money or a funding noun: "$40M …", "Series A …"."""
    money = [m for m in find_money(obj) if m.amount >= _MIN_AMOUNT][:1]  # "PHP 8.3", "$22 a share": no money
    if money and _NOT_FUNDING_AFTER.match(obj[money[0].end:]):
        return False
    spots = [x.start for x in money] + [x.start() for x in _FUNDING_NOUN.finditer(obj)][:1]
    return bool(spots) and bool(_FILLER.match(obj[: min(spots)]))


def _subject_claim(sentence: str) -> _Claim | None:
    own = _OWN.match(sentence)
    if own and _leads_into_money(own.group("obj")) and not _CHARITY.search(own.group("obj")) \
            and not _GIVING.search(own.group("obj")):
        return _Claim(sentence=sentence, obj=own.group("obj"), company=None)
    for pattern in (_WITH_VERB, _SUBJECT_VERB):
        m = pattern.match(sentence)
        if not m or not _leads_into_money(m.group("obj")) or _CHARITY.search(m.group("obj")) \
                or _CHARITY_HEAD.search(m.group("subj")):
            continue
        if pattern is _SUBJECT_VERB and m.group("verb").lower() in _SIGNS and (
                not _SIGNED_MONEY.search(m.group("obj")[:80]) or _LENT.search(m.group("obj"))
                or _PUBLIC_ISSUER.search(m.group("subj").strip())):
            continue
        if pattern is _WITH_VERB and not find_money(m.group("obj")[:40]):
            continue
        if pattern is _SUBJECT_VERB and m.group("verb").lower() in ("takes", "took") and not re.match(
                r"\s*(?:an?\s+)?[$€£]?\S+\s+(?:(?!(?:on|in|of|from|loss|hit|charge|stake|writedown)\b)[\w-]+\s+){0,2}"
                r"(?:round|funding|financing|series [a-f]|seed)\b",
                m.group("obj"), _I):
            continue  # "takes $150M growth round", not "takes $40M charge"
        subject = m.group("subj")
        if re.search(r"\b(?:employees|staff|workers|fans)\s*$", subject, _I):
            return None
        company = None if GENERIC_SUBJECT.match(subject) else company_from_subject(subject)
        if company and (GENERIC_SUBJECT.match(company) or (PLURAL_SUBJECT.match(company)
                                                           and not m.group("verb").lower().endswith("s"))):
            company = None  # "Indian Startups Raised $148 Mn This Week"
        return _Claim(sentence=sentence, obj=m.group("obj"), company=company)
    return None


def _investor_claim(sentence: str) -> _Claim | None:
    m = _INVESTOR_VERB.match(sentence)
    if not m or not find_money(m.group("obj")) and not _FUNDING_NOUN.search(m.group("obj")):
        return None
    verb, obj = m.group("verb").lower(), m.group("obj")
    if verb in ("backs",):
        company = company_from_object(obj)
    else:
        target = re.search(r"\b(?:in|into|to)\s+(?P<rest>.+)$", obj)
        company = company_from_object(target.group("rest")) if target else None
    if company is None or (verb in ("provides", "makes", "puts") and not _FUNDING_NOUN.search(obj)):
        return None
    investor = company_from_subject(m.group("inv"))
    return _Claim(sentence=sentence, obj=obj, company=company, investor=investor,
                  investor_leads=verb in ("leads", "co-leads", "led", "backs"))


def _noun_claim(sentence: str) -> _Claim | None:
    money = find_money(sentence)
    if money and money[0].start < 3:
        m = _MONEY_FOR.match(sentence[money[0].end:])
        if m and (company := company_from_object(m.group("obj"))):
            return _Claim(sentence=sentence, obj=sentence, company=company)
    for m in _POSSESSIVE_ROUND.finditer(sentence):
        if (company := company_from_subject(m.group("who"))) is not None:
            return _Claim(sentence=sentence, obj=sentence[m.end():], company=company)
    return None


def _claim(sentence: str) -> _Claim | None:
    sentence = clean_sentence(sentence)
    return _subject_claim(sentence) or _investor_claim(sentence) or _noun_claim(sentence)


def _pick_amount(text: str) -> Money | None:
    for money in find_money(text):
        if money.amount < _MIN_AMOUNT:
            continue
        if _NOT_RAISE_BEFORE.search(text[: money.start]) or _NOT_RAISE_AFTER.match(text[money.end:]):
            continue
        return money
    return None


def round_of(text: str) -> str | None:
    """The canonical round a text names, or None when it names none."""
    best: tuple[int, str] | None = None
    for pattern, name in _ROUND_RULES:
        for m in pattern.finditer(text):
            if _PAST_ROUND.search(text[: m.start()]) or _NEXT_ROUND.search(text[: m.start()]):
                continue
            if name in ("Series", "Before"):
                letter = m.group("letter").upper()
                if name == "Before":  # a pre-Series A round comes after the seed: it is the seed's, and so on
                    letter = chr(ord(letter) - 1) if letter > "A" else ""
                name = "Seed" if not letter else f"Series {letter}" if letter <= "F" else "Growth"
            if best is None or m.start() < best[0]:
                best = (m.start(), name)
            break
    if best:
        return best[1]
    if _EQUITY_AND_DEBT.search(text):
        return None
    if _DEBT.search(text):
        return "Debt"
    return "Grant" if _GRANT.search(text) else None


def _who(text: str) -> list[str]:
    """Names in "A, B and C" up to where the list ends."""
    end = _WHO_END.search(text)
    text = _WHO_PREFIX.sub("", text[: end.start()] if end else text).strip()
    names = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        part = _WHO_PREFIX.sub("", part.strip()).strip(" ,")
        if part and not _GENERIC_WHO.match(part) and (part[0].isupper() or part[0].isdigit() or
                                                     re.match(r"^[a-z]+\d", part)):
            names.append(part)
    return names


def _investors(texts: list[str]) -> tuple[list[str], list[str]]:
    leads: list[str] = []
    others: list[str] = []
    for text in texts:
        for m in _LED.finditer(text):
            leads += _who(m.group("who"))
        for m in _LED_ACTIVE.finditer(text):
            leads += _who(company_from_subject(m.group("who")) or "")
        for m in _PART.finditer(text):
            others += _who(m.group("who"))
        money = find_money(text)
        tail = text[money[0].end:] if money else text
        source = None if _LED.search(tail) else _FROM.search(tail)
        if source:
            others += _who(source.group("who"))
    leads = list(dict.fromkeys(leads))
    return leads, [n for n in dict.fromkeys([*leads, *others])]


def _raise_sentences(summary: str) -> list[str]:
    return [s for s in sentences(summary) if _claim(s) is not None or _LED.search(s)]


def interpret_funding(headline: str, summary: str = "", publisher: str | None = None) -> Funding | None:
    """The raise ``headline`` (with ``summary``) announces, or None when it announces none."""
    title = headline_of(headline, publisher)
    summary = summary_of(summary, headline, publisher or headline[len(title):].strip(" -–|") or None)
    claim = _claim(title)
    unnamed = title.replace(claim.company, " ") if claim and claim.company else title  # "Acme Acquisition Corp"
    if claim is not None and find_money(claim.obj[:40]):  # "raises $35M and acquires Sonara": the raise stands
        unnamed = _AND_THEN.sub("", unnamed)
    if (why := gate(unnamed)) is not None and not (why in _IPO_UNLESS_ROUND and _named_round(title)):
        return None
    detail = [s for s in _raise_sentences(summary) if not gate(s) or gate(s) in _IPO_UNLESS_ROUND]
    if claim is None:
        claim = next((c for s in detail if (c := _claim(s)) is not None), None)
        if claim is None:
            return None
    money = _pick_amount(claim.obj) or _pick_amount(claim.sentence) or next(
        (m for s in detail if (m := _pick_amount(s)) is not None), None)
    named = claim.sentence.replace(claim.company, " ") if claim.company else claim.sentence  # a company called Seed
    rnd = round_of(named)
    if rnd is None and not _INTERIM.search(named):
        rnd = next((r for s in detail if (r := round_of(s))), None)
    if rnd is None and claim.company and money and not _INTERIM.search(named):  # "Ciboulette annonce une levée
        rnd = next((r for s in sentences(summary)[:3] if claim.company in s and any(  # de fonds de 5 M€ en seed"
            m.amount == money.amount for m in find_money(s)) and (r := round_of(s.replace(claim.company, " ")))), None)
    if money and re.search(r"\brevolv(?:ing|er)\b", title, _I) and (to_usd(money.amount, money.currency) or 0) >= 5e8:
        return None  # "Harbor Foods Secures $2 Billion Revolving Credit Facility": a large company's bank line
    leads, investors = _investors([claim.sentence, *detail])
    if claim.investor and claim.investor not in investors:
        investors.insert(0, claim.investor)
        if claim.investor_leads and not leads:
            leads = [claim.investor]
    evidence = next((s for s in detail if find_money(s) or _LED.search(s)), claim.sentence)
    return Funding(
        company=claim.company, amount=money.amount if money else None, currency=money.currency if money else None,
        amount_usd=to_usd(money.amount, money.currency) if money else None, round=rnd or "Undisclosed",
        extension=bool(_EXTENSION.search(claim.sentence) or any(_EXTENSION.search(s) for s in detail[:1])),
        investors=tuple(investors), lead_investors=tuple(leads), evidence=evidence[:500],
    )


def _named_round(text: str) -> bool:
    return any(name != "Growth" and pattern.search(text) for pattern, name in _ROUND_RULES[:4])
