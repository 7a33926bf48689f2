"""Read a job title as a seller would: how senior is the role, and which function is it in.

Used by the job-board kinds (is a new posting a key hire?) and by leadership news ("appoints X as
Chief Revenue Officer"), so the API is one function and one record:

    >>> info = classify_title("Sr. Dir., Revenue Operations")
    >>> (info.seniority, info.department, info.is_leadership)
    ('Director', 'RevOps', True)

Seniority is the organisational level, not a word in the title: "Account Manager" and "Customer
Success Manager" manage no one (IC), "Chief of Staff" is not an officer, "Head Chef" and "Director of
Photography" are not company leadership, "Executive Assistant to the CEO" is an assistant.

Seniority, highest first: C-level, VP, Head, Director, Manager, IC. Director and above is leadership.
Departments (a fixed set, so rules can name them): Sales, Sales Development (SDR/BDR), RevOps (revenue
and sales operations, enablement, GTM strategy), Marketing, Demand Gen (growth, performance, marketing
operations, ABM, SEO/SEM), Customer Success (incl. support, onboarding, services), Partnerships
(alliances, channel, business development), Sales Engineering (solutions/presales), Engineering,
Product, Design, Data (analytics, data science, ML/AI), Security, IT, Finance (incl. procurement),
People (HR, recruiting), Legal (incl. compliance), Operations, Executive (CEO, general management, the
office of the CEO) and Other. A title naming two functions ("VP Sales & Marketing") takes the first.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

SENIORITIES: Final = ("C-level", "VP", "Head", "Director", "Manager", "IC")
LEADERSHIP: Final = frozenset(SENIORITIES[:4])
DEPARTMENTS: Final = ("Sales", "Sales Development", "RevOps", "Marketing", "Demand Gen", "Customer Success",
                      "Partnerships", "Sales Engineering", "Engineering", "Product", "Design", "Data", "Security",
                      "IT", "Finance", "People", "Legal", "Operations", "Executive", "Other")


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleInfo:
    """What a title says: ``title`` is the cleaned title (gender markers and requisition numbers removed)."""

    title: str
    seniority: str
    department: str

    @property
    def is_leadership(self) -> bool:
        """Director or above (Director, Head, VP, C-level)."""
        return self.seniority in LEADERSHIP


def at_least(seniority: str, floor: str) -> bool:
    """``seniority`` is ``floor`` or higher (both from SENIORITIES)."""
    return SENIORITIES.index(seniority) <= SENIORITIES.index(floor)


# --- cleaning -------------------------------------------------------------------------------------------

_GENDER = re.compile(r"\s*\(\s*(?:[mwfdxhai*]\s*[/|,]\s*){1,3}[mwfdxhai*]\s*\)|\s*\((?:all genders?|alle geschlechter|"
                     r"gn|mwd|w/m/d)\)|\s+\b[mwf]/[mwf]/[dx]\b", re.I)
_REQUISITION = re.compile(r"\s*(?:\(\s*(?:req(?:uisition)?\.?\s*(?:id)?\s*[:#]?\s*)?#?\d{3,}\s*\)|#\d{3,}|"
                          r"\breq(?:uisition)?\.?\s*(?:id)?\s*[:#]?\s*\d{3,})", re.I)
_DIGITS = re.compile(r"\d{3}")  # every requisition number has three digits or more
_SPACE = re.compile(r"\s+")


def clean_title(title: str) -> str:
    """The title as a reader wants it: entities decoded, gender markers and requisition numbers removed."""
    text = unicodedata.normalize("NFKC", html.unescape(title or ""))
    # Each pattern is tried at every position; most titles hold neither a bracket or slash nor three digits.
    if "(" in text or "/" in text:
        text = _GENDER.sub("", text)
    if _DIGITS.search(text):
        text = _REQUISITION.sub("", text)
    return _SPACE.sub(" ", text).strip(" -–—|,;:")


# --- the matching form: ASCII, lower case, words separated by single spaces, abbreviations spelt out -------

_PHRASES = [(re.compile(p), r) for p, r in (
    (r"\bfp&a\b", "fpa"), (r"\bl&d\b", "learning and development"), (r"&", " and "), (r"\bv\.\s?p\.?", "vp"),
)]
_WORDS = {"sr": "senior", "snr": "senior", "jr": "junior", "dir": "director", "mgr": "manager", "mngr": "manager",
          "assoc": "associate", "vd": "ceo", "toimitusjohtaja": "ceo", "teamleider": "team lead",
          "vedouci": "team lead", "obchodni": "sales",
          "vizeprasident": "vp", "vicepresident": "vp", "vicepresidente": "vp", "vicepresidenta": "vp",
          "eng": "engineering", "mktg": "marketing"}
_AFTER = [(re.compile(p), r) for p, r in (
    (r"\bfield (?:cto|ciso|cio)\b", "field technologist"),  # a pre-sales role, whatever the acronym says
    (r"\bvice president[ae]?\b", "vp"), (r"\b(?:assistant|associate) vp\b", "avp"),
    # "to the CEO", "for the VP": whom the role serves, not what it is
    (r"\b(?:to|for|supporting|reporting to) (?:the |our )?(?:ceo|cfo|cro|cto|coo|cmo|cpo|founders?|president|"
     r"vp|svp|evp|executive team|leadership team|managing director)\b", ""),
)]


def lower_ascii(text: str) -> str:
    """``text`` in lower case, its accents dropped and ß spelt ss (an ASCII text is only lowered: the fold goes
    character by character)."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in text if not unicodedata.combining(c))


# Japanese and Chinese titles have no spaces to find words by: their titles' words are spelt out in English.
_CJK = sorted({
    "助理": "assistant", "秘書": "assistant", "補佐": "assistant", "アシスタント": "assistant",
    "社長室": "office of the ceo", "代表取締役社長": "ceo", "代表取締役": "ceo", "社長": "ceo",
    "取締役": "board member", "本部長": "head", "部長": "head", "課長": "manager",
    "係長": "team lead", "営業": "sales", "インサイドセールス": "sales development", "マーケティング": "marketing",
    "人事": "hr", "経理": "accounting", "財務": "finance", "開発": "engineering",
    "エンジニア": "engineer", "カスタマーサクセス": "customer success", "首席执行官": "ceo", "首席财务官": "cfo",
    "首席技术官": "cto", "首席运营官": "coo", "首席营销官": "cmo", "首席": "chief",
    "总裁": "president", "副总裁": "vp", "总监": "director", "总经理": "general manager",
    "大客户经理": "key account manager", "客户经理": "account manager", "经理": "manager", "销售": "sales",
    "技术": "engineering", "财务": "finance", "市场": "marketing", "人力资源": "hr",
    "工程师": "engineer", "产品": "product", "运营": "operations",
}.items(), key=lambda kv: -len(kv[0]))
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Misspelt words a board's titles hold ("Account Exectuive", "Engineering Mangaer"), one edit from these.
_VOCABULARY = frozenset("""executive manager president director customer engineer engineering marketing account
    operations officer success senior associate assistant analyst specialist representative development
    partnerships finance financial security technology principal consultant coordinator administrator
    recruiter infrastructure enterprise solutions business commercial revenue regional national global strategy
    strategic leadership software support accounts accountant controller counsel designer research""".split())


def _one_edit(word: str, known: str) -> bool:
    """True when ``word`` is ``known`` with one letter dropped, added, changed, or two next to each other swapped."""
    if word[0] != known[0] or abs(len(word) - len(known)) > 1 or word.startswith(known) or known.startswith(word):
        return False  # "office" is no misspelt "officer", nor "accounts" of "account"
    if len(word) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
        if diff and diff[-1] == len(word) - 1 and len(diff) == 1:
            return False  # "executivo", "directora": another language's ending, not a typo
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == known[diff[1]]
                                  and word[diff[1]] == known[diff[0]])
    short, long_ = (word, known) if len(word) < len(known) else (known, word)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _spelt(word: str) -> str:
    if len(word) < 6 or word in _VOCABULARY:
        return word
    return next((known for known in _VOCABULARY if _one_edit(word, known)), word)


def _matching_form(title: str) -> str:
    if _CJK_CHARS.search(title) and not re.search(r"[A-Za-z]{3}", title):  # "営業部長 / Sales Director": the English
        for term, english in _CJK:
            title = title.replace(term, f" {english} ")
    text = lower_ascii(title)
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    words = [_spelt(_WORDS.get(w, w)) for w in re.findall(r"[a-z0-9+]+", text)]
    text = " ".join(words)
    for pattern, repl in _AFTER:
        text = pattern.sub(repl, text)
    return _SPACE.sub(" ", text).strip()


# --- seniority ----------------------------------------------------------------------------------------------

def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


_OFFICER_ACRONYM = (r"(?<!of the )\b(?:ceo|cfo|cro|cto|coo|cmo|cpo|ciso|cio|cdo|cco|chro|clo|cao|cbo|cgo|cxo|cpto|cso)"
                    r"\b"
                    r"(?! (?:specialist|manager|analyst|consultant|strategist|associate|coordinator|intern|expert|"
                    r"lead|engineer|optimi[sz]ation|team))")
# The company's chief executive in French, Spanish, Italian and Portuguese, of either gender.
_GENERAL_DIRECTOR = r"\b(?:direct(?:eur|rice|or|ora)|dirett(?:ore|rice)|diret(?:or|ora)) (?:general|generale|geral)\b"
# Checked in order; the first that matches decides.
_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("IC", _rx(r"\bassistant\b", r"\bchief of staff\b",
               # the role itself, first in the title: "Intern – Office of the CFO", not "VP, Volunteer Engagement"
               r"^(?:(?:senior|junior|summer|spring|fall|autumn|winter|graduate|\d{4}) )?(?:intern|internship|"
               r"praktikant\w*|werkstudent\w*|working student|trainee|apprentice|stagiaire|becari[oa]|"
               r"estagiari[oa]|volunteer)\b", r"\bhead start (?:teacher|aide|assistant|associate)\b",
               r"^field technologist\b(?!.*\b(?:vp|svp|evp|head|director|chief|president)\b)",
               r"\btechnical director\b.*\bbroadcast\b|\bbroadcast technical director\b",
               r"\b(?:director|directeur|directora) (?:of |de )?photograph",
               r"\b(?:casting|funeral|music|musical|art|film|stage) director\b")),
    ("Manager", _rx(r"\bassociate (?:creative |art |design |editorial |medical |program |account )?director\b",
            r"\bexecutive chef\b", r"\bhead cashier\b", r"\bagm\b",
                    r"\bcoorden(?:ador|adora)\b",
                    r"\bhead ?(?:chef|cook|coach|teacher|gardener|waiter|nurse|baker|"
                    r"brewer|bartender|housekeeper|lifeguard|groundskeeper|of household)",
                    r"\b(?:restaurant|store|hotel|shop|branch) general manager\b",
                    r"\bteam lead(?:er)?\b", r"\b(?:team|gruppen)leiter(?:in)?\b")),
    ("C-level", _rx(r"\bchief(?: \w+){1,4}? officer\b", r"\bchief executive\b", _OFFICER_ACRONYM, r"\bpresident\b",
                    r"\bmanaging director\b", r"\bgeschaftsfuhrer(?:in)?\b", r"\bnon executive director\b",
                    r"\bboard (?:member|director)\b", r"\bmember of the board\b", _GENERAL_DIRECTOR,
                    r"\bmanaging partner\b", r"\w*vorstand(?:in)?\b", r"\baufsichtsrat(?:in)?\b",
                    r"\b(?:amministratore|consejero) delega[td][oa]\b", r"\bverkstallande direktor\b", r"\bprezes\b",
                    r"\bchair(?:man|woman|person)\b(?! of the \w+ committee)", r"\bchair of the board\b",
                    r"\b(?:finance|financial|technology|tech|marketing|sales|revenue|people|legal|operating|product|"
                    r"data|security|information|commercial|customer|strategy|digital|growth) chief$",
                    r"^md (?:and )?ceo$")),
    ("VP", _rx(r"\b(?:vp|svp|evp|rvp|gvp)\b", r"(?<!associate )(?<!assistant )(?<!deputy )\bgeneral counsel\b",
               r"\bgeneral manager\b")),
    ("Head", _rx(r"\bhead\b", r"\bboss\b", r"\b\w{3,}chef(?:in)?\b", r"\b\w*leiter(?:in)?\b", r"\bcountry manager\b")),
    ("Director", _rx(r"\bdgm\b", r"\b(?:director|directeur|directrice|directora|direktor|direktorin|diretor|diretora|"
                     r"direttore|direttrice|dyrektor|avp)\b", r"\b(?:associate|assistant|deputy) general counsel\b")),
)
_MANAGER = re.compile(r"\b(?:manager|supervisor|responsable|responsabile|gerente|jefe|jefa|kierownik)\b")
_PEOPLE_MANAGER = re.compile(r"^(?:senior |group |regional )?manager\b|\bmanager of\b|\bsenior manager\b|"
                             r"\bgroup product manager\b")
# "<function> Manager" titles that manage a book of work, not people.
_IC_MANAGER = re.compile(
    r"\b(?:account|territory|product|project|program|success|partner|partnerships|alliances?|community|social media|"
    r"campaign|channel|content|events?|brand|pr|office|case|category|relationship|contracts?|release|"
    r"marketing operations|"
    r"product operations|legal operations|abm|sem|seo|demand generation|learning and development|"
    r"business development|workplace|policy|renewals|"
    r"(?!senior |lead |regional |global )\w+ marketing) manager\b")


def _seniority(text: str) -> str:
    for level, pattern in _LEVELS:
        if pattern.search(text):
            return level
    if _MANAGER.search(text):
        return "Manager" if _PEOPLE_MANAGER.search(text) or not _IC_MANAGER.search(text) else "IC"
    return "IC"


# --- department -------------------------------------------------------------------------------------------

# Department → patterns. The earliest match in the title wins, then the longest, then the order here.
_DEPARTMENT_PATTERNS: dict[str, tuple[str, ...]] = {
    "Executive": (r"\bchief executive", r"\bceo\b", r"\bexecutive assistant", r"\bea to ceo\b", r"\bpresident\b",
                  r"\bmanaging director", r"\bgeneral manager",
                  r"\bmanaging partner\b",
                  r"\bgm\b", r"^md (?:and )?ceo$",
                  r"\bchief of staff", r"\bexecutive assistant", r"\badministrative assistant",
                  r"\bexecutive business partner", r"\bboard\b", r"\bnon executive", r"\bgeschaftsfuhr(?:er|ung)",
                  r"\bchief strategy", r"\boffice of the ceo", _GENERAL_DIRECTOR,
                  r"\bfounder(?:s| s)? associate",
                  r"\b(?:amministratore|consejero) delega[td]", r"\bverkstallande direktor", r"\bprezes\b",
                  r"\bchair(?:man|woman|person)\b", r"^(?:vorstand|aufsichtsrat)(?:in)?$"),
    "Other": (r"\bphotograph", r"\bcasting\b", r"(?<!chief )(?<!information )(?<!it )\bsecurity (?:officer|guard)\b",
              r"\bfuneral\b", r"\bmusic(?:al)?\b", r"\bfilm\b", r"\bchef\b(?! de (?:projet|produit|service|"
              r"equipe|mission|file))",
              r"\bcoach\b", r"\b(?:head)?teacher\b", r"\bgardener\b", r"\bhousehold\b", r"\bnurse\b", r"\bmedical\b",
              r"\bclinical\b", r"\bnursing\b", r"\bdriver\b", r"\bbarista\b", r"\bsteward\b", r"\bmarine\b",
              r"\bchief engineer\b", r"\brestaurant\b", r"\bstore\b", r"\bchief scientific"),
    "Sales Engineering": (r"\bfield technologist\b", r"\bsales engineer", r"\bsolutions? engineer",
                          r"\bsolutions? consult",
                          r"\bpre ?sales\b",
                          r"\bavant ventes?\b", r"\bpre ?venta\b", r"\bpre ?vendas?\b",
                          r"\bsolutions? architect", r"\bvalue engineer", r"\btechnical sales\b"),
    "Sales Development": (r"\bsdrs?\b", r"\bbdrs?\b", r"\bsales development", r"\bbusiness development rep",
                          r"\blead generation", r"\bmarket development rep", r"\bdevelopment representative"),
    "RevOps": (r"\brevenue operations", r"\brevops\b", r"\bsales op(?:eration)?s\b", r"\bgtm\b", r"\bgo to market\b",
               r"\bsales enablement", r"\bsalesforce", r"\bdeal desk", r"\bsales compensation", r"\bsales strategy",
               r"\brevenue enablement", r"\bcpq\b", r"\bquote to cash\b",
               r"(?<!learning and )(?<!customer )(?<!partner )\benablement\b"),
    "Demand Gen": (r"\bdemand gen", r"\bgrowth market", r"\bperformance marketing", r"\bpaid (?:acquisition|social|"
                   r"media|search)", r"\bmarketing op(?:eration)?s\b", r"\bmarketing automation", r"\babm\b",
                   r"\baccount based marketing", r"\bseo\b", r"\bsem\b", r"\blifecycle marketing",
                   r"\bemail marketing", r"\bconversion rate", r"\bcro specialist", r"\bdigital marketing",
                   r"\bpipeline marketing"),
    "Marketing": (r"\bmarketing", r"\bmarketer\b", r"\bbrand\b", r"\bcommunications?\b", r"\bcomms\b",
                  r"\bkommunikation",
                  r"\bpr\b", r"\bpublic relations", r"\bcontent\b", r"\bcopywriter", r"\bwriter\b",
                  r"\bsocial media", r"\bevents?\b", r"\bcommunity\b", r"\bcreative\b", r"\bvideo\b", r"\bcmo\b",
                  r"\bpartner marketing", r"\bcustomer marketing", r"\bproduct marketing", r"\bpmms?\b",
                  r"\bchief growth"),
    "Partnerships": (r"\bpartner(?:s|ships?)?\b", r"\balliances?\b", r"\bchannels?\b", r"\becosystem",
                     r"\bbusiness development", r"\bchief business", r"\bcbo\b"),
    "Customer Success": (r"\bcustomer success", r"\bcsms?\b", r"\bzakaznick", r"\bcustomer support", r"\bsupport\b",
                         r"\btechnical support", r"\bcustomer experience", r"\bcx\b", r"\bonboarding",
                         r"\bimplementation", r"\bprofessional services", r"\bcustomer service",
                         r"\bservice client", r"\bkundenservice", r"\bklantenservice", r"\bkundtjanst",
                         r"\batencion al cliente", r"\batendimento", r"\bsucesso do cliente",
                         r"\btechnical account manager",
                         r"\bclient services", r"\bchief customer"),
    "Sales": (r"\bsales\b", r"\baccount executive", r"\baes?\b", r"\baccount manager", r"\bkey account",
              r"\bterritory", r"\bchief revenue", r"\bcro\b", r"\bcommercial", r"\bchief sales", r"\bventes?\b",
              r"\bventas\b", r"\bvendas\b", r"\bvendite\b", r"\bvertrieb", r"\bverkauf", r"\bcomercial\b",
              r"\bvendedora?\b", r"\brenewals?\b", r"\bstrategic accounts", r"\baussendienst", r"\baccountmanager",
              r"\bverko(?:op|per)", r"\bbuitendienst", r"\bhandlow", r"\bsprzedaz", r"\bsalj", r"\bforsaljning",
              r"\bsalg\b", r"\bselger", r"\bmyynti", r"(?<!vendor )(?<!supplier )\brelationship manager",
              r"\bexecutiv[oa] de contas\b",
              r"\bejecutiv[oa] de (?:cuentas|ventas)\b", r"\bgerente de (?:contas|cuentas)\b",
              r"\bloan officer\b", r"\bmortgage (?:advisor|adviser|consultant|officer)\b", r"\bpersonal banker\b",
              r"\brelationship officer\b", r"\bobchod", r"\bsalgs?chef"),
    "Engineering": (r"\bengineer", r"\bdeveloper", r"\bsoftware", r"\bsre\b", r"\bsite reliability", r"\bdevops",
                    r"\bqa\b", r"\btest automation", r"\bplatform\b", r"\binfrastructure", r"\bfrontend", r"\bbackend",
                    r"\bfull ?stack", r"\bios\b", r"\bandroid\b", r"\bmobile\b", r"\bfirmware", r"\bhardware",
                    r"\bembedded", r"\btechnical program", r"\brelease manager", r"\btech lead", r"\bcto\b",
                    r"\bchief technology", r"\btechnical director", r"\bdesarrollador", r"\bdesenvolvedor",
                    r"\bdeveloppeu", r"\bsviluppator", r"\bontwikkelaar",
                    r"\b(?:system|mjukvaru|program|webb|app|backend|frontend|fullstack)?utvecklare\b", r"\bprogramist",
                    r"\bentwickl", r"\bmember of technical staff"),
    "Product": (r"\bproduct\b", r"\bprodukt", r"\bchef de produit", r"\bcpo\b", r"\bchief product"),
    "Design": (r"\bdesign", r"\bux\b", r"\bui\b", r"\buser research", r"\bart director", r"\bmotion\b",
               r"\bgraphic", r"\bgrafi(?:sch|k|co|ca)\b", r"\bontwerp", r"\bdisen(?:ador|adora|o)\b",
               r"\bcontent designer", r"\bbrand designer", r"\bproduct design"),
    "Data": (r"\bdata\b", r"\banalytics", r"\bbusiness intelligence", r"\bbi\b", r"\bmachine learning", r"\bml\b",
             r"\bai\b", r"\bscientist", r"\bnlp\b", r"\bcdo\b", r"\bchief data", r"\bchief ai", r"\bdados\b",
             r"\bdatos\b", r"\bdonnees\b", r"\bdaten(?!schutz)"),
    "Security": (r"\bsecurity", r"\bciso\b", r"\bgrc\b", r"\bsoc\b", r"\bpenetration", r"\bappsec", r"\binfosec",
                 r"\bchief information security", r"\bcyber ?securit",
                 r"\bcyber (?:threat|defen[cs]e|risk|analyst|engineer|operations)",
                 r"\bsicherheit", r"\bsecurite\b", r"\bseguridad\b",
                 r"\bseguranca\b", r"\bsicurezza\b"),
    "IT": (r"\bit\b", r"\bhelp ?desk", r"\bdesktop support", r"\bsystems? administrator", r"\bsysadmin",
           r"\bnetwork engineer", r"\bbusiness systems", r"\bcio\b", r"\bchief information officer",
           r"\bsystem ?administrator", r"\binformation technology",
           r"\b(?:fach)?informatiker", r"\bsupport (?:it|informati)", r"\bsystemes? d ?information", r"\bdsi\b"),
    "Finance": (r"\bfinanc", r"\bfinanz", r"\bfinansow", r"\bekonomichef", r"\brisk\b",
                r"\bfpa\b", r"\baccounting", r"\baccountant", r"\bcontroll", r"\baccounts "
                r"(?:payable|receivable)", r"\btax\b", r"\btreasury", r"\bpayroll", r"\bbilling", r"\bprocurement",
                r"\bbuchhalt", r"\bcomptab", r"\bcontab(?:le|il)\w*", r"\bboekhoud", r"\bksiegow", r"\bredovisning",
                r"\bekonom",
                r"\bcontrole? de gestion", r"\bcfo\b", r"\bchief accounting", r"\bcao\b", r"\bbudget\b",
                r"\binvestment banking\b", r"\bequity research\b", r"\bventure capital\b", r"\beinkauf",
                r"\baudit\b", r"(?<!quality )(?<!information )\bassurance\b"),
    "People": (r"\bpeople\b", r"\bhr\b", r"\bhrbp\b", r"\bheadhunter", r"\bexecutive search\b",
               r"\bhuman resources", r"\btalent", r"\brecruit", r"\bsourcer",
               r"\btotal rewards", r"\blearning and development", r"\bchro\b", r"\bressources humaines",
               r"\brecursos humanos", r"\brh\b", r"\bdiversity", r"\bleiter(?:in)? personal", r"\bpersonal(?:leiter|"
               r"referent|wesen)"),
    "Legal": (r"\bdata protection\b", r"\bdpo\b", r"\blegal\b", r"\bcounsel\b", r"\bparalegal", r"\bcompliance",
              r"\bprivacy", r"\bjurist",
              r"\bcontracts?\b", r"\battorney", r"\blawyer", r"\bclo\b",
              r"\b(?:deputy|associate|assistant|vp|svp|evp|and) gc\b", r"^gc$", r"anwalt",
              r"\bdatenschutz", r"\babogad",
              r"\badvogad", r"\bavocat", r"\bavvocat", r"\badvocaat", r"\bjuridi", r"\blitigation\b"),
    "Operations": (r"\btrust and safety\b", r"\bfield service\b", r"\boperations\b", r"\boperaciones\b",
                   r"\bops\b", r"\bbizops", r"\bsupply chain", r"\blogisti[ck]",
                   r"\bwarehouse", r"\blager(?:ist|arbeiter|mitarbeiter|logistik|helfer)\b", r"\bmagazijn",
                   r"\bmagazzin", r"\balmacen", r"\bentrepot",
                   r"\bprojekt ?(?:manager|leiter)", r"\bfacilit", r"\bworkplace", r"\boffice manager",
                   r"\bproject manager",
                   r"\bprogram manager", r"\bcoo\b", r"\bchief operating", r"\bcountry manager",
                   r"\bstrategy and operations", r"\bmanufacturing\b",
                   r"\bplant (?:manager|director|supervisor)\b",
                   r"\bproduction (?:supervisor|manager|planner|lead|operator|worker|associate|director)\b"),
}
# Weak hints, used only when nothing above matched.
# "Ingénieur X", "Ingeniero de X", "Engenheiro X": the noun comes first, X says the field; alone, it is Engineering.
_FALLBACK: tuple[tuple[str, str], ...] = (("Demand Gen", r"\bgrowth\b"), ("Engineering", r"\barchitect"),
                                          ("Engineering", r"\btechnical\b"), ("Marketing", r"\bcampaigns?\b"),
                                          ("Engineering", r"\b(?:ingenieur|ingeniero|ingeniera|engenheir|ingegner)"),
                                          ("IT", r"\binformati(?:que|ca|co)\b"))  # (Informatica is also a product)
_DEPARTMENT_RX = [(dept, re.compile(p)) for dept, patterns in _DEPARTMENT_PATTERNS.items() for p in patterns]
_FALLBACK_RX = [(dept, re.compile(p)) for dept, p in _FALLBACK]


# An SDR/BDR that names the role, not one in a list or a past: "(SDR)", "SDR - Nordics", "Inside Sales SDR".
_SDR = re.compile(r"\((?:sdr|bdr)s?\)|^(?:senior |sr\.? |junior |jr\.? |lead )?(?:sdr|bdr)s?\b|"
                  r"(?<!ex-)\b(?:sdr|bdr)s?$")


def _department(text: str) -> str:
    best: tuple[int, int, int, str] | None = None
    for order, (dept, pattern) in enumerate(_DEPARTMENT_RX):
        match = pattern.search(text)
        if match:
            candidate = (match.start(), -len(match.group()), order, dept)
            best = candidate if best is None or candidate < best else best
    if best is not None:
        return best[3]
    return next((dept for dept, pattern in _FALLBACK_RX if pattern.search(text)), "Other")


def department_of(text: str) -> str:
    """The department a free text names (an ATS department label such as "Data and Analytics"), or Other."""
    return _department(_matching_form(text))


@lru_cache(maxsize=8192)  # boards repeat their titles on every check; TitleInfo is immutable
def classify_title(title: str) -> TitleInfo:
    """Seniority and department of a job title, in any of the common forms and a few languages."""
    cleaned = clean_title(title)
    text = _matching_form(cleaned)
    if _MD.match(cleaned):  # "MD, India", "MD - APAC", "MD & Country Head" (not "MD, PhD", "MD Physician")
        return TitleInfo(title=cleaned, seniority="C-level", department="Executive")
    department = _department(text)
    if department == "Sales" and _SDR.search(cleaned.lower()):  # "Inside Sales Representative (SDR)"
        department = "Sales Development"
    return TitleInfo(title=cleaned, seniority=_seniority(text), department=department)


_MD = re.compile(r"^MD(?:\s*(?:[,–—&-]|\band\b)\s*(?!PhD|MPH|DO\b)\S.*)?$")
