"""The words that make a text a complaint: cue tables for watcher.complaints.

Kept apart from the judging logic so the vocabulary can grow without touching the rules.
Every pattern ignores case. ``{X}`` in a pattern stands for the
competitor's names (see ``watcher.complaints.NameMatcher``). Weights: 2 is a clear
statement of dissatisfaction, 1 a weak or ambiguous one (a single weak cue is not enough).
"""

from __future__ import annotations

import re

Cue = tuple[re.Pattern[str], int]


def _cues(*pairs: tuple[str, int]) -> tuple[Cue, ...]:
    return tuple((re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in pairs)


# Phrases that look negative but are not ("no complaints", "fixed my issue"): removed before scoring,
# and counted as praise.
NEGATED = re.compile(
    r"\b(?:no|zero|without(?: any)?)\s+(?:complaints?|issues?|problems?|regrets?|downtime|outages?|hiccups?)\b"
    r"|\bnever\s+(?:had|seen|experienced|hit)\s+(?:a |an |any )?(?:single )?"
    r"(?:issue|problem|outage|bug|downtime|hiccup)s?\b"
    r"|\b(?:is|was|are|were|isn'?t|wasn'?t|not)\s+(?:not\s+)?"
    r"(?:slow|buggy|expensive|confusing|an issue|a problem)\s+at all\b"
    r"|\b(?:fixed|solved|resolved|sorted)\s+(?:my|our|the|this|that|an?)\s+(?:\w+\s+)?(?:issue|problem|bug|question)s?\b"
    r"|\bhas(?:n'?t| not| never) let (?:us|me) down\b"
    r"|\b(?:don'?t|do not|doesn'?t|does not|never) hate\b",
    re.IGNORECASE,
)

# Criticism denied ("isn't slow"): removed before scoring, and not counted as praise either ("isn't slow
# anymore but it crashes every day" is still a complaint).
CANCELLED = re.compile(r"\b(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not) (?:that |so |really |even )?(?:slow|buggy|"
                       r"expensive|confusing|bad|broken|unreliable|clunky)\b", re.IGNORECASE)

# Someone else's opinion, reported or rebutted: its negative words are not the writer's.
REPORTED = re.compile(
    r"\b(?:everyone|people|folks|others|many|some|they)\s+"
    r"(?:says?|said|complain(?:s|ing)?|claims?|thinks?|keeps? saying)\b"
    r"|\bwhy (?:do )?(?:people|everyone|folks) complain\b|\bheard (?:that|it)\b"
    r"|\b(?:someone|somebody|everyone|people) (?:here |on here )?(?:posts?|posting|writes?|asks?)\b",
    re.IGNORECASE,
)

# A question that asks others, not one that reports the writer's own trouble ("anyone else having …").
ASKING = re.compile(r"^(?:how|is there|is it(?! just me)|can|could|does|do|what'?s|what is|which|where|should|"
                    r"has anyone|does anyone|anyone(?! else)|any (?:tips|experiences?|recommendations?))\b",
                    re.IGNORECASE)

NEGATIVE: tuple[Cue, ...] = _cues(
    # leaving, regret
    (r"\b(?:regret|regretting|regrets)\b", 2),
    (r"\bnever again\b|\bstay away\b|\brun as far\b|\bavoid (?:it|them|this)\b", 2),
    (r"\b(?:uninstall(?:ing|ed)?|deleting the app)\b", 2),
    # strong judgement
    (r"\b(?:terrible|awful|horrible|horrendous|worst|atrocious|abysmal|pathetic|appalling)\b", 2),
    (r"\b(?:sucks?|garbage|trash|useless|unusable|nightmare|disaster|joke|scam|shady|rip-?off|ripoff)\b", 2),
    (r"\b(?:unacceptable|ridiculous|absurd|insane|outrageous|infuriating|nasty)\b", 2),
    (r"\b(?:frustrat(?:ed|ing|ion)|fed up|sick of|tired of|furious|angry|disappointed|disappointing)\b", 2),
    (r"\b(?:annoying|annoyed|painful|meh)\b", 1),
    (r"\bhate\b|\bhated\b", 2),
    (r"\b(?:dealbreaker|deal breaker|deal-breaker|killing us|killing our|kills? (?:our|us))\b", 2),
    (r"\b(?:gone downhill|went downhill|step backwards?|worse and worse|getting worse|has gotten worse)\b"
     r"|\bstagnat\w+\b", 2),
    (r"\bnot worth (?:it|the (?:money|price|cost))\b|\bwaste of (?:money|time)\b", 2),
    (r"\b(?:lock-?in|locked in|hostage|trap|trapped)\b", 2),
    # reliability
    (r"\b(?:crash(?:es|ed|ing)?|crashloop\w*)\b", 2),
    (r"\b(?:is|was|went|are|were|been) down\b|\bdown again\b|\b(?:outage|outages|downtime)\b", 2),
    (r"\bbroken\b|\bbroke\b|\bbreaks\b|\bbreaking\b", 2),
    (r"\b(?:doesn'?t|don'?t|does not|do not|won'?t|didn'?t|did not|can'?t|cannot|couldn'?t) (?:even )?"
     r"(?:work|load|open|sync|send|run|render|see|show|find|get|log ?in|connect|import|export|merge|map|build)\b", 2),
    (r"\b(?:stopped|stops) (?:working|importing|sending|syncing|loading|firing|triggering)\b|\bnot working\b", 2),
    (r"\bsilently (?:stopped|stops|fail\w*|dropp\w*|broke|died)\b|\bstatus page (?:says|shows|is) (?:all )?green\b"
     r"|\bnone of (?:our|the|my) \w+ (?:fire|run|work|sync|send|load|trigger)s?\b", 2),
    (r"\b(?:doing|do) (?:it|everything|this|them) (?:all )?(?:by hand|manually)\b", 1),
    (r"\bkeeps? (?:crashing|failing|dropping|disconnecting|logging|breaking|booking|letting|losing|showing)\b", 2),
    (r"\b(?:fails?|failing|failed|flaky|unreliable|buggy|glitch(?:y|es)?)\b", 2),
    (r"\bbugs?\b", 1),
    (r"\b(?:lost|lose|losing|deleted|overwrote|overwritten|wiped|ate my|gone)\b", 1),
    (r"\b(?:duplicat(?:e|es|ed|ing)|disconnect(?:s|ed|ing)?|drops? (?:\w+ ){0,3}calls?|dropping (?:\w+ ){0,3}calls?)\b"
     r"|\bdouble[- ]book\w*\b"
     r"|\bconnections? (?:drop|drops|fail|fails)\b", 2),
    (r"\b(?:errors?|wrong|incorrect|late|delayed|delays?|penalt(?:y|ies))\b", 1),
    (r"\b(?:spam|suspended|silently)\b", 1),
    (r"\b(?:memory leak|oom|white screen|502s?|500 errors?)\b", 2),
    (r"\b(?:having|had|seeing|getting) (?:issues|problems|trouble)\b|\b(?:issues|problems) with\b", 2),
    (r"\bissues?\b|\bproblems?\b", 1),
    # performance
    (r"\b(?:slow|slower|sluggish|laggy|lags?|molasses|slideshow)\b", 2),
    (r"\btak(?:es|ing) (?:forever|ages|\d+\+? (?:seconds|minutes|secs))\b", 2),
    (r"\b(?:timing out|times out|time out|timeouts?)\b", 2),
    # support
    (r"\bnever (?:answers?|responds?|replie[sd]|respond|got back|called)\b|\bno (?:reply|response|answer|human)\b", 2),
    (r"\b(?:unanswered|ignored|ignores|ghosted|hung up|canned (?:email|response|reply)|blamed)\b", 2),
    (r"\bnobody (?:called|answers|replied|responds|was assigned|from)\b|\bzero replies\b", 2),
    (r"\btook (?:\d+|two|three|four|five|six) (?:business )?(?:days|weeks|months|hours) to\b", 1),
    (r"\bonly a bot\b|\bjust a (?:chat)?bot\b", 2),
    # money
    (r"\b(?:too|so|very|insanely|ridiculously|crazy|really|way too) (?:expensive|pricey|costly)\b|\boverpriced\b", 2),
    (r"\b(?:expensive|pricey|steep)\b", 1),
    (r"\b(?:price|prices|pricing|bill|bills|cost|costs|fee|fees|quote|renewal|invoice)\b[^.!?]{0,40}?"
     r"\b(?:went up|goes up|going up|increased?|doubled|tripled|hike|jumped|skyrocketed|exploded|higher|more|"
     r"rises?|rising|climbs?|climbing|creeps?(?: up)?|creeping|uplift|\d+(?:\.\d+)?x)(?![\w.])", 2),
    (r"\b(?:doubled|tripled|raised|increased|hiked|jacked up)\b[^.!?]{0,20}\b(?:price|prices|pricing|bill|quote)\b", 2),
    (r"\bprice (?:hike|increase|jump)s?\b|\b(?:surprise|overage) (?:bill|fees?|charges?)\b", 2),
    (r"\bhidden (?:fees?|charges?)\b", 2),
    (r"\b(?:went|jumped|rose|climbed|going|increased) from \$[\d,.]+k? (?:to|->) \$[\d,.]+k?\b", 2),
    (r"\b\d+% uplift\b|\b\d+(?:\.\d+)?x (?:the price|more|higher)\b", 2),
    (r"\b\d+% (?:higher|more expensive|increase|price)\b", 2),  # ("30% more meetings" is praise)
    (r"\b(?:charg\w*|cost\w*|pay\w*|pric\w*|bill\w*)\b[^.!?]{0,20}\b\d+% more\b", 2),
    (r"\b(?:charged|billed|invoiced) (?:twice|again|for|us for|me for|after)\b|\bdouble[- ](?:charged|billed)\b", 2),
    (r"\b(?:refused|refuse|no) (?:a )?refunds?\b|\bcharging my card\b|\bstill charg\w+\b", 2),
    (r"\bpaywall\w*\b|\bbehind the \w+ (?:plan|tier)\b", 2),
    (r"\bcounts? as (?:paid )?seats?\b|\bpaying for (?:\d+|two|ghost)\b", 2),
    (r"\b(?:auto-?renew\w*|no reminder)\b", 1),
    (r"\bkilled the \w+ plan\b|\bremoved the \w+ plan\b|\boffboarding fee\b|\bfee to leave\b", 2),
    # product gaps and usability
    (r"\bno way to\b|\bstill no\b|\bthere is no\b|\bthere'?s no\b|\bno (?:option|native)\b", 2),
    (r"\b(?:missing|lacks?|lacking)\b", 1),
    (r"\b(?:confusing|clunky|unintuitive|hard to use|too complicated|way too many|buried|hides?)\b", 2),
    (r"\b(?:limited|weak|dated|noisy|mess)\b", 1),
    (r"\b(?:two|three|four|\d+) (?:extra )?clicks\b", 1),
    (r"\bbotched\b|\bcleaning up\b|\bstill cleaning\b", 2),
    (r"\bsarcasm\b|🙃|🙄|\bthanks for nothing\b|/s\b", 2),
    # praise that names a failure is irony: "love how it drops every third call"
    (r"\b(?:love|loving|great|nice|awesome|fantastic) (?:how|that|when) (?:it|they|the \w+|@?\w+) "
     r"(?:(?!never|doesn|don|rarely|hardly|barely|no\b|not\b)\w+ ){0,2}"
     r"(?:drops? (?:\w+ ){0,3}calls?|crash(?:es|ed)? (?:every|each|again|whenever|when)|freez\w+ (?:every|each|when)|"
     r"logs? (?:me|us) out|double[- ]book\w*|los(?:es|t) (?:my|our|all)|charg\w+ (?:us |me )?(?:twice|again|extra)|"
     r"breaks? (?:every|each|again|whenever)|(?:was|is|went|goes) down\b(?! to| in price| by))", 3),
    (r"\b(?:was|is|been|pure|absolute|total) hell\b|\bhellish\b", 2),
    (r"\b(?:stop|stops|stopped) (?:matching|syncing|working|firing)\b|\bmissed (?:our|the|my) (?:payroll|pay run|"
     r"deadline|filing|sla)\b", 2),
    # fr, de, es, pt, nl, it: the same dissatisfaction in the words reviews there use
    (r"\bne (?:marche|fonctionne) (?:pas|plus)\b|(?<!pas )\bnulle?\b(?! (?:probleem|problemen|klachten|part))|"
     r"\barnaque\b|\bcatastroph\w+\b|"
     r"\bfunktioniert (?:nicht|nie)\b|\bkatastroph\w+\b|\bunm[öo]glich\b|\bfrechheit\b|\bentt[äa]usch\w+\b|"
     r"\bno funciona\b|\bp[ée]sim[oa]s?\b|\bdesastr\w+\b|\bn[ãa]o funciona\b|\bhorr[íi]vel\b|\bonmogelijk\b|"
     r"\bwerkt niet\b|\bnooit (?:antwoord|reactie)\b|\bnon funziona\b|\bdisastr\w+\b|\bpararam de\b|\bparou de\b|"
     r"\bdej(?:[óo]|aron) de\b|(?<!não )(?<!nao )\bs[óo] responde\b|\bsolo responde\b|\bmensagem autom[áa]tica\b|"
     r"(?<!sin )(?<!nenhum )(?<!ningún )(?<!sem )\bproblemas? (?:com|no|na|con)\b", 2),
    # pl, sv, ja (romaji and script), and more of es/pt/fr/de: charged twice, no answer, stopped working, collapsed
    (r"\bprzestaj\w* dzia\w+|\bnie dzia\w+|\bfungerar inte\b|\bslutat fungera\b|\beffondr\w+|"
     r"\bcobr(?:ó|o|aron|aram|ou) (?:\w+ )?(?:dos|duas) vezes\b|\bcobr(?:ó|o|aron) (?:\w+ )?dos veces\b|"
     r"\b(?:factur|pr[ée]lev|d[ée]bit)\w* (?:\w+ )?deux fois\b|\bdoppelt (?:abgebucht|berechnet)\b|"
     r"\b(?:soporte|nadie|atenci[óo]n al cliente) no (?:contesta|responde)n?\b|"
     r"\b(?:support|service client|sav|hotline|personne) ne r[ée]pond (?:pas|plus)\b|"
     r"\bantwortet (?:nicht|nie)\b|\bn[ãa]o (?:responde|atende)m?\b|\bsvarar inte\b|\bnikt nie odpowiada\b|"
     r"\bhenji (?:ga )?nashi\b|\bkonakatta\b|\bugokanai\b|\btsukaenai\b|"
     r"使い物にならない|動かない|返事が(?:ない|来ない)|最悪|遅すぎ", 2),
    # a question that is a complaint; a rollout nobody can use; a feature switched off until it is fixed
    (r"\bis it just me\b|\b(?:a maze|can'?t figure (?:it )?out|nobody (?:can )?figure[sd]? (?:it )?out|nobody trained|"
     r"no training)\b|\buntil (?:you|they) fix\b", 2),
    # said with numbers: "no notice", "anyone else?" after a list of invoices
    (r"\bno (?:notice|warning|heads-?up)\b|\bwithout (?:any )?(?:notice|warning)\b|\banyone else\?", 1),
    (r"\b(?:brutal|fiddly|bare-?bones|gave up|give up|babysit\w*)\b", 1),
    (r"\b(?:tanked|plummeted|dropped off a cliff|fell off a cliff|out of control|held together with duct tape)\b", 2),
    (r"\b(?:messed up|screwed up|screw-?up|fumbled|dropped the ball)\b", 2),
    (r"\b(?:was|were|used to be) (?:great|good|fine|ok|okay|solid) until\b|\bused to (?:love|like)\b", 2),
    (r"\badded \$[\d,.]+k? to (?:our|the|my) bill\b|\bspend more time (?:fixing|fighting|working around)\b", 2),
    (r"\banyone else (?:seeing|having|getting|experiencing|hit by|noticing)\b", 2),
    (r"\b\d+ (?:minutes|hours|days) (?:behind|late)\b", 2),
    (r"\bwhy (?:do|does|would|did) (?:they|vendors|companies|anyone|you) (?:keep|always|insist)\b"
     r"|\bwhy change something\b|\bwhat'?s the point\b", 2),
    (r"\bi wish (?:it|they|\w+) (?:had|would|supported|offered)\b|\bconflicts?\b", 1),
    (r"\bnever (?:filed|paid|sent|arrived|came|showed up|delivered|synced|fixed|got (?:back|fixed))\b", 2),
    (r"\bleak(?:ed|s|ing)?\b|\bunbelievable\b|\bthe (?:real|biggest|main) (?:issue|problem)\b", 2),
    (r"\brandomly (?:fails?|returns?|drops?|breaks?|crashes|logs?|stops?|deletes?)\b|\bpartial results\b", 2),
    (r"\bdropped (?:our|the|my|support for)\b|\bfeel(?:s|ing)? trapped\b|\bblank screen\b", 2),
    (r"\bcan'?t (?:change|customi[sz]e|turn (?:it )?off|disable|opt out)\b|\bbring back\b", 2),
    (r"\bmis\w{4,}(?:ing|ed|es|s)\b", 2),
    (r"\b(?:don'?t|doesn'?t|never) (?:get )?notif\w*\b", 2),
    (r"\b(?:is|are|too|very) basic\b|\bnot a single\b", 1),
    (r"\blogin loops?\b|\bloops? back\b|\bstuck (?:on|in|at)\b", 2),
    (r"\b(?:been|went|goes|go|keeps? going) (?:completely |totally |all )?blank\b", 2),
    (r"\bnone (?:of them )?(?:returned|replied|answered|called back|responded)\b|\bnever returned\b", 2),
)

POSITIVE: tuple[Cue, ...] = _cues(
    # an incident handled well is praise, whatever the outage words say
    (r"\b(?:resolved|fixed|back up|restored) (?:it )?(?:in|within) (?:about |under |less than )?(?:\d+ ?(?:min\w*|"
     r"seconds?)|an hour|the hour)\b|"
     r"\bhandled (?:it |the incident )?(?:well|fast|quickly|professionally)\b|\bthat'?s how you handle\b|"
     r"\bto their credit\b|\bgreat (?:comms|communication|incident response)\b|\bpostmortem is (?:already )?up\b", 3),
    (r"\b(?:love|loves|loved|lovely)\b", 2),
    (r"\b(?:excellent|fantastic|amazing|awesome|outstanding|superb|brilliant|wonderful|perfect(?:ly)?)\b", 2),
    (r"\b(?:highly recommend|recommend(?:ed)?|no regrets|10/10|five stars|5 stars|lifesaver|life saver)\b", 2),
    (r"\bworth (?:it|every)\b|\bpaid for itself\b|\bsaves? (?:me|us) (?:hours|time|a lot)\b|\bsaved us\b", 2),
    (r"\bbest\b", 2),
    (r"\b(?:great|good|nice|solid|smooth|easy|easier|simple|intuitive|clean|fast|quick(?:ly)?|reliable|happy)\b", 1),
    (r"\b(?:thank you|thanks|thx|kudos|responsive|helpful|friendly|works (?:great|well|perfectly|fine))\b", 1),
    (r"\bfine\b", 1),
    (r"👍|👌|❤️|⭐", 1),
)

# Text that leaves the competitor, written next to one of its names.
LEAVE_NEAR_NAME = (
    r"\balternatives? (?:to|for) (?:using )?{X}",
    r"{X}\s+(?:alternatives?|replacement)\b",
    r"{X}\s*(?:→|->|=>)\s*[A-Z][\w.]*\s+(?:migration|move|switch)",
    r"\b(?:mov|migrat|switch)\w* (?:our|the|my|all|everything)(?: \w+){0,3} (?:off|away from|from) {X}",
    r"\b(?:replac(?:e|es|ed|ing)|ditch(?:ed|ing)?|dump(?:ed|ing)?|drop(?:ped|ping)?|quit(?:ting)?|leav(?:e|ing)|left|"
    r"cancel+(?:ed|ing)?|cancel+ation of|rip(?:ped|ping)? out|churn(?:ed|ing)? from|done with|"
    r"get(?:ting)? (?:rid of|off)|"
    r"(?:mov|migrat|switch|transition)(?:e|es|ed|ing)? (?:away )?(?:off|from)(?: of)?|switch(?:ed|ing)? (?:away )?from|"
    r"not renewing|won'?t (?:be )?renew(?:ing)?|moving (?:our \w+ )?(?:off|away from)|off of|migrating off|"
    # pl, sv, fr, de, es, pt, nl, it
    r"rezygnujemy z|odchodzimy od|byter från|lämnar|on quitte|nous quittons|wir verlassen|wechseln (?:weg )?von|"
    r"dejamos de usar|abandonamos|deixamos de usar|we verlaten|abbiamo lasciato|(?:zijn )?overgestapt van|"
    r"umgestiegen von|gewechselt von|pasamos de|migramos de|migr[ée]s? de|passés de)"
    r"\s+(?:our |my |the |using )?{X}",
    r"\b(?:pull(?:ed|ing)?|ripp(?:ed|ing)) {X} out\b(?! of)",
)

# Leaving without naming whom: counted only in a text that is about the competitor.
LEAVE = re.compile(
    r"\blooking for (?:an? |some |other )?(?:alternatives?|replacements?|options)\b(?! (?:to|for) \w)"
    r"|\b(?:we(?:'re| are| will| have)?|i(?:'m| am)?|planning to|going to|time to|about to|decided to)\s+"
    r"(?:cancel\w*|switch\w* (?:away|off)|mov(?:e|ing) (?:away|off|on)|migrat\w+ (?:away|off)|leav\w+|churn\w*|"
    r"ditch\w*)\b"
    r"|\bwe (?:canceled|cancelled|left|churned)\b|\bswitching \w+ providers\b"
    r"|\b(?:decided|going|planning|time) to (?:move|migrate|switch) (?:\w+ ){0,3}(?:off|away from) (?:the platform|"
    r"it|them)\b"
    r"|\bevaluating (?:alternativ\w*|replacements|other (?:options|vendors))|\bactively evaluating\b"
    r"|\bdecided not to renew\b|\b(?:will not|won'?t|do not|don'?t|not going to) renew\b"
    r"|\bwe'?re migrating (?:in|by|before|next|this)\b"
    r"|\b(?:running|started) an rfp\b|\brfp to replace\b|\bconsidering (?:switching|moving|leaving)\b"
    r"|\blooking at other options\b|\bpush(?:ing)? (?:leadership|management) to switch\b"
    r"|\bshop(?:ping)? around\b|\bnot renewing\b|\bwon'?t (?:be )?renewing\b|\bpausing (?:our |the )?(?:\w+ )?rollout\b"
    r"|\btriall?ing (?:two|three|a few|several|some)? ?(?:other )?"
    r"(?:crms|tools|vendors|options|alternatives|competitors)\b"
    r"|\brip(?:ping|ped)? (?:it|them) out\b|\breplac(?:e|ing|ed) (?:it|them) with\b"
    r"|\bshould (?:we|i) (?:just )?(?:move|switch|migrate|leave)\b"
    r"|\b(?:moving|migrating|switching) (?:everything |over )?to\b"
    r"|\bpensando (?:seriamente )?em cancelar\b|\bvamos cancelar\b|\bcancelamos\b|\bpensando en cancelar\b"
    r"|\bvamos a cancelar\b|\bwir (?:werden )?k[üu]ndigen\b|\b(?:on va|nous allons) r[ée]silier\b|\bwe gaan opzeggen\b",
    re.IGNORECASE,
)

# Leaving for a named product ("Considering Obsidian."): case-sensitive, the name is capitalised.
LEAVE_FOR = re.compile(r"\b(?:[Cc]onsidering|[Ee]valuating|[Tt]rialing|[Mm]oving to|[Ss]witching to|[Mm]igrating to|"
                       r"[Gg]oing back to|[Rr]eplacing it with) (?P<name>[A-Z][\w.]+)")

# Choosing the competitor over something else: praise, whatever else the text says.
FAVOUR_NEAR_NAME = (
    r"\b(?:switch(?:ed|ing)?|mov(?:ed|ing)|migrat(?:ed|ing)|came|went|upgraded) (?:over )?"
    r"(?:from [^.!?]{1,40}? )?to {X}",
    r"\bwent with {X}",
    r"\bchose {X}",
    r"{X} (?:is|was) (?:way |much |so much |far )?better\b",
    r"\b(?:back (?:on|to)|returned to|went back to|came back to|moved back to|switched back to|rolled back to) {X}",
)

# The vendor speaking about itself (reply, employee, disclosure).
VENDOR_NEAR_NAME = (
    r"^(?:response|reply|comment|answer) from (?:the )?{X}",
    r"\b(?:i|we) work (?:at|for|on) {X}",
    r"\bi'?m (?:a|an|the|one of the) (?:\w+ ){0,2}(?:engineers?|developers?|pm|product manager|designers?|"
    r"founders?|co-?founders?|ceo|cto|cfo|vp|director|employees?|marketer|support (?:agent|engineer)|csm) "
    r"(?:at|with|for|of) {X}\b",
    r"\b{X} (?:employee|team member|staff|founder|ceo|cto|pm|engineer) here\b",
    r"\b(?:i'?m|i am|as) (?:a|an|the) {X} (?:employee|team member|founder|pm|engineer|product manager)\b",
    r"\[{X} (?:employee|team|staff)\]",
    r"\bdisclos\w+:? i (?:work|am|'m)\b[^.]{0,40}{X}",
)
VENDOR_MARKERS = re.compile(
    r"^(?:developer response|owner response|business owner information|response from the owner|official response|"
    r"(?:analyst|research) note[.:])",
    re.IGNORECASE,
)
VENDOR_ROLE = frozenset(
    "team support official hq app care cs help staff pm eng engineer marketing success founder ceo cto".split()
)

# Words next to an ambiguous name that make it the business: "Relay's pricing page", "our Relay contract".
BUSINESS_NEAR = re.compile(
    r"\b(?:pricing|price|prices|plan|plans|seat|seats|subscription|contract|renewal|renewed|auto-?renewed|"
    r"account|support|billing|invoice|csm|rep|customers?|api|integration|onboarding|login|dashboard|dashboards|"
    r"cobr\w+|factur\w+|soporte|suporte|precios?|pre[çc]os?|prix|abonnement|suscripci[óo]n|assinatura|n[óo]mina|"
    r"rechnung|kundendienst|abgebucht)\b",
    re.IGNORECASE,
)

# What follows a weekday that is a weekday: "sunday reset", "slow Sunday mornings", "Sunday brunch".
WEEKDAY_AFTER = re.compile(r"^\s*(?:morning|afternoon|evening|night|reset|brunch|funday|vibes|mood|service|roast|"
                           r"school|drive|lunch|dinner|walk|paper|best|scaries|blues)s?\b", re.IGNORECASE)

# Irony markers: with one in a text, its praise words do not count as praise.
IRONY = re.compile(r"🙃|🙄|\bsarcasm\b|(?<!\w)/s\b|\bthanks for nothing\b|\blove that for (?:us|me)\b|"
                   r"\bcool cool cool\b|\btruly innovative\b|\bwhat a time to be alive\b", re.IGNORECASE)

# A cons section that says there is nothing to dislike.
NOTHING = re.compile(r"\b(?:none|nothing(?! (?:works|loads|syncs|happens|saves|updates|helps))|no cons|not much|"
                     r"not really any|no complaints|can'?t think of|nada)\b|^(?:n/?a|-+)$", re.IGNORECASE)
NOTHING_SAID = 60  # a longer Cons line that says "nothing" is saying more than that

# Review-site prompts that are not the reviewer's words; what follows is pro, con or neutral text.
SECTION = re.compile(
    r"(?P<con>what do you dislike(?: about [^?]{1,60})?\??|cons?:|dislikes?:|^cons\s*$)"
    r"|(?P<pro>what do you like best(?: about [^?]{1,60})?\??|pros?:|likes?:|^pros\s*$)"
    r"|(?P<neutral>what problems (?:is|are) [^?]{1,80}\?|recommendations to others[^?:]{0,80}[?:]|overall:|"
    r"reasons? for (?:switching|choosing)[^:]{0,60}:|review source:[^.]*\.?|"
    r"^(?:use cases and deployment scope|likelihood to (?:recommend|renew)|overall)\s*$)",
    re.IGNORECASE | re.MULTILINE,
)

def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# How a writer leaves, not what they complain of: "we've decided not to renew when our term ends in June" is
# no contract grievance. Removed before the themes are read.
LEAVING_TERMS = re.compile(r"\b(?:decided )?(?:not to renew|not renewing|won'?t (?:be )?renew\w*|will not renew)"
                           r"(?: (?:when|once) (?:our|the) (?:term|contract) (?:ends|is up))?\b", re.IGNORECASE)

THEMES: dict[str, re.Pattern[str]] = {
    "pricing": _words(
        r"price", r"prices", r"pricing", r"priced", r"pricey", r"expensive", r"overpriced", r"cost", r"costs",
        r"costly", r"cheap\w*", r"fees?", r"\$\d", r"per (?:seat|user|host|employee|agent)", r"seats?",
        r"\d+% more (?:than|since|per|for|a|each)", r"charg\w* (?:us |me )?\d+% more",
        r"plan (?:removed|killed)", r"starter plan", r"paywall\w*", r"add-?ons?", r"upgrad\w+ to", r"tier",
        r"overages?", r"licens\w+", r"\d+(?:\.\d+)?x", r"\d+% (?:higher|more expensive|increase)",
        r"enterprise[- ](?:only|add-?on|tier|plan)", r"top tier", r"upsell\w*", r"dyr[ta]?", r"drogi\w*", r"takai",
        r"高い",
        r"bill (?:went|grows|exploded|tripled|doubled)", r"our bill", r"the bill", r"platform fee", r"discount",
        # fr, de, es, pt
        r"trop ch[eè]re?", r"hors de prix", r"prix", r"tarifs?", r"teuer\w*", r"preis\w*", r"car[oa]s?", r"precios?",
        r"pre[çc]os?"),
    "contract_renewal": _words(
        r"renewal", r"renew\w*", r"auto-?renew\w*", r"contracts?", r"msa", r"notice (?:period|window)",
        r"cancellation notice", r"locked in", r"lock-in", r"multi-year", r"two-year", r"2-year", r"3 year",
        r"annual (?:plan|contract)", r"end of the term", r"next term", r"another year"),
    "billing": _words(
        r"charged", r"charging", r"charge", r"charges", r"billed", r"invoiced", r"invoices?", r"refunds?",
        r"double[- ](?:charged|billed)", r"card", r"payments?", r"overcharg\w+", r"offboarding fee",
        r"fee to leave", r"subscription trap", r"still charg\w+", r"overage bill", r"debited",
        r"factur\w*", r"cobr(?:aron|ó|o|an|ado|ança|anca|aram)\w*", r"abgebucht", r"abbuchung\w*", r"rechnung\w*",
        r"pr[ée]l[eè]v\w+"),
    "support": _words(
        r"support", r"customer service", r"csm", r"account manager", r"tickets? (?:unanswered|open|still)",
        r"opened \d+ tickets", r"no (?:reply|response|answer|human)", r"never (?:answers?|responds?|replied|called)",
        r"chat ?bot", r"bot", r"response times?", r"hung up", r"canned", r"nobody (?:called|answers|was assigned|from)",
        r"zero replies", r"took \w+ (?:days|weeks|hours) to", r"blamed", r"unanswered", r"specialist changed",
        r"reported (?:it )?(?:twice|\d+ times|multiple times)", r"qbr",
        r"soporte", r"suporte", r"kundendienst", r"kundenservice", r"service client", r"atendimento",
        r"atenci[óo]n al cliente", r"hotline", r"no (?:contesta|responde)n?", r"ne r[ée]pond (?:pas|plus)",
        r"henji (?:ga )?nashi", r"sap[oō]to", r"返事", r"サポート", r"nikt nie odpowiada", r"svarar inte"),
    "reliability": _words(
        r"crash\w*", r"down", r"outages?", r"downtime", r"502s?", r"bugs?", r"buggy", r"broken", r"broke",
        r"not working", r"stopped \w+ing", r"doesn'?t work", r"don'?t work", r"won'?t (?:open|load)", r"fails?",
        r"failing", r"failed", r"flaky", r"unreliable", r"disconnect\w*", r"lost", r"deleted", r"overw\w+",
        r"duplicat\w+", r"errors?", r"wrong", r"delayed", r"late", r"didn'?t run", r"not paid", r"spam",
        r"suspended", r"memory leaks?", r"oom", r"white screen", r"blank screen", r"login loops", r"can'?t log ?in",
        r"can'?t open", r"silently", r"drops? calls", r"dropping calls", r"double[- ]book\w*", r"book(?:ed)? over",
        r"missed events", r"misses them", r"missing", r"ingestion delays", r"penalt\w+", r"issues with",
        r"sync (?:is broken|issues)", r"timezone", r"don'?t send", r"doesn'?t send", r"don'?t show up",
        r"rolled back", r"glitch\w*", r"mis\w{4,}(?:ing|ed|es|s)", r"notif\w* (?:don'?t|stopped)",
        r"don'?t get notified", r"never filed", r"logs? (?:me|us) out", r"randomly", r"partial results", r"dropped",
        r"(?:is|are|comes? out|shows?) (?:just |completely )?blank", r"nobody (?:\w+ ){0,4}can log ?in",
        r"stop(?:s|ped)? matching", r"missed (?:our|the|my) (?:payroll|pay run|deadline|filing)",
        r"ate (?:a|my|our|the) (?:\w+ ){0,2}(?:of )?(?:my|our) (?:notes|data|files|work|changes|records|emails|docs)",
        r"plant(?:e|é|ée|es|ent|age)", r"st[üu]rzt", r"abst[üu]rz\w*", r"absturz\w*", r"funktioniert (?:nicht|nie)",
        r"no funciona", r"n[ãa]o funciona", r"ne (?:marche|fonctionne) (?:pas|plus)", r"fehler\w*", r"erreurs?",
        r"login loop", r"przestaj\w* dzia\w+", r"nie dzia\w+", r"fungerar inte", r"slutat fungera",
        r"konakatta", r"ugokanai", r"使い物にならない", r"動かない", r"落ち", r"effondr\w+",
        r"(?:no|n[ãa]o|ne) (?:se )?sincroniz\w*", r"synchronisiert nicht", r"synchronise (?:pas|plus)",
        r"errores", r"erros?", r"perdu\w*", r"perdid[oa]s?", r"verloren", r"se cuelga", r"trav(?:a|ando|ou|am)"),
    "performance": _words(
        r"slow\w*", r"laggy", r"lags?", r"sluggish", r"molasses", r"slideshow", r"spinner", r"takes (?:forever|\d+)",
        r"seconds to load", r"load(?:ing)? times?", r"timing out", r"times? out", r"timeouts?", r"performance",
        r"\d+\+? seconds", r"memory leaks?", r"minutes late", r"\d+ (?:minutes|hours) behind",
        r"takes? (?:forever|ages)", r"latency", r"p9\d", r"lent(?:e|o|a|os|as|es)", r"langsam\w*", r"cpu",
        r"pins? a core", r"eat(?:s|ing)? \d+% (?:of )?(?:cpu|memory|ram)"),
    "missing_feature": _words(
        r"no way to", r"still no", r"no option", r"no native", r"missing", r"lacks?", r"lacking",
        r"doesn'?t (?:have|support)", r"can'?t (?:merge|map|build)", r"only (?:on )?desktop", r"not available",
        r"removed", r"limited", r"stagnated", r"hasn'?t (?:moved|improved)", r"no (?:forecasting )?improvements",
        r"feature requests?", r"wish (?:it|they|\w+) had", r"no \w+ support", r"search doesn'?t",
        r"can'?t even show", r"no warehouse", r"retention", r"can'?t (?:change|customi[sz]e|disable)",
        r"only shows?", r"shows only", r"(?:is|are|too) basic", r"no multi-[\w-]+", r"can'?t do", r"still can'?t",
        r"on the roadmap", r"brak \w+", r"saknas", r"fehlt",
        r"why can'?t (?:i|we|you) \w+", r"fehlt", r"manque", r"falta"),
    "usability": _words(
        r"confusing", r"clunky", r"hard to (?:use|find)", r"buried", r"clicks", r"unintuitive", r"ui", r"ux",
        r"redesign", r"navigation", r"complicated", r"too many options", r"step backwards", r"can'?t find anything",
        r"noisy", r"dated", r"permissions are", r"hides", r"forces? a new login", r"remember me", r"admin overhead",
        r"dark mode", r"bring back", r"the old (?:\w+ )?(?:view|ui|design|version)", r"new (?:\w+ )?view",
        r"take longer", r"unusable on \w+", r"(?:don'?t|doesn'?t) fit", r"scroll sideways",
        r"pinch(?:ing)? (?:and|to) zoom",
        r"compliqu[ée]e?", r"kompliziert", r"complicad[oa]", r"un[üu]bersichtlich", r"kr[åa]nglig\w*",
        r"fiddly", r"skomplikowan\w*"),
    "onboarding": _words(
        r"onboarding", r"implementation", r"set ?up", r"setup", r"import from", r"migration (?:from|into)",
        r"training", r"go-live", r"getting started", r"ramp"),
    "integration": _words(
        r"integrat\w+", r"api", r"webhooks?", r"zapier", r"connectors?", r"plugin", r"rate limits?", r"sdk",
        r"(?:salesforce|hubspot|outlook|gmail|google|slack|zoom|shopify|pipedrive|jira|chase|bank) (?:\w+ )?"
        r"(?:sync|syncs|integration|plugin|add-?in|connector|connection|fields|links?|feeds?)",
        r"calendar sync", r"bank (?:feed|feeds|connection|sync)", r"syncs? (?:with|fails?)", r"warehouse sync",
        r"custom \w+ fields", r"integracj\w*", r"integraci[óo]n", r"int[ée]gration", r"outlook\w*"),
    "data_export": _words(
        r"export\w*", r"csv", r"data out", r"lock-?in", r"hostage", r"journal entries",
        r"get (?:my|our) (?:own )?(?:data|contacts)", r"flat markdown", r"gl in"),
    "security": _words(
        r"security", r"breach\w*", r"(?<!memory )leak(?:ed|s)?", r"visible to everyone", r"privacy",
        r"see each other'?s", r"2fa", r"hacked", r"data exposure"),
}
