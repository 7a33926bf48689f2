"""Read a CRM export of accounts (HubSpot, Salesforce, a hand-made sheet) into checked rows.

CRM exports differ in headers, encodings, delimiters and number formats, so everything here is
forgiving about form but strict about meaning: a cell that cannot be understood is reported with
its line and column instead of being guessed. Pure: no database, no network.

Rules worth knowing:
* ranges such as ``51-200`` (LinkedIn-style company sizes) take the upper bound; ``10000+`` is 10000;
* a cell with an error is left empty and the row is still imported (``RowError.skipped`` is False);
  a row without a usable domain, a duplicate domain or a shifted row is skipped (``skipped`` True);
* duplicate domains: the first row wins, later ones are reported as "duplicate of line N";
* a row without a name takes its domain as name; unknown columns are listed, not refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from watcher.errors import ConfigError

JOB_BOARD_KINDS: frozenset[str] = frozenset(
    {"greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee"}
)

# Field → header synonyms, compared after _key(); earlier synonyms win when several columns are present.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "companyname", "accountname", "company", "organization", "organisation", "account"),
    "domain": ("domain", "companydomain", "companydomainname", "domainname", "website", "websiteurl",
               "companywebsite", "url", "web"),
    "industry": ("industry", "vertical", "sector"),
    "employees": ("employees", "numberofemployees", "noofemployees", "employeecount", "headcount",
                  "companysize", "size"),
    "revenue": ("annualrevenue", "revenue", "arr", "annualrevenueusd", "revenueusd"),
    "country": ("country", "billingcountry", "hqcountry", "countryregion", "headquarterscountry"),
    "technologies": ("technologies", "techstack", "tech", "technology", "webtechnologies"),
    "owner_email": ("owneremail", "accountowneremail", "owner", "accountowner"),
    "owner_slack": ("ownerslack", "ownerslackid", "slackid"),
    "tags": ("tags", "labels", "tag"),
    "aliases": ("aliases", "alsoknownas", "aka", "alias"),
    "pricing_url": ("pricingurl", "pricingpage", "pricing"),
    "job_board": ("jobboard", "ats", "careers"),
    "news_query": ("newsquery",),
    "feeds": ("feeds", "rss", "feedurls", "feed", "rssfeeds"),
}

_ATS_URLS = (
    (re.compile(r"(?:job-)?boards(?:\.eu)?\.greenhouse\.io/(?:embed/job_board\?for=)?([\w.-]+)", re.I),
     "greenhouse"),
    (re.compile(r"jobs(?:\.eu)?\.lever\.co/([\w.-]+)", re.I), "lever"),
    (re.compile(r"jobs\.ashbyhq\.com/([\w.-]+)", re.I), "ashby"),
    (re.compile(r"apply\.workable\.com/([\w.-]+)", re.I), "workable"),
    (re.compile(r"(?:careers|jobs)\.smartrecruiters\.com/([\w.-]+)", re.I), "smartrecruiters"),
    (re.compile(r"([\w-]+)\.recruitee\.com", re.I), "recruitee"),
)
_TOKEN = re.compile(r"[A-Za-z0-9][\w.-]*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_BLANK = {"", "-", "--", "—", "?", "n/a", "na", "none", "null", "unknown"}
_SCALE = {"": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9}
_NUMBER = re.compile(r"(?P<num>\d[\d.,]*)\s*(?P<unit>[a-z]*)", re.I)
_US = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")  # 1,200.50  1200.5
_EU = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+")  # 1.200,50  12,5
_FOREIGN = re.compile(r"[€£¥₹]|\b(?:eur|gbp|jpy|chf|cad|aud|inr|sek)\b", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountRow:
    """One account as read from the file; ``line`` is 1-based, the header being line 1."""

    line: int
    name: str
    domain: str
    industry: str | None = None
    employees: int | None = None
    revenue: float | None = None  # USD
    country: str | None = None
    technologies: tuple[str, ...] = ()
    owner_email: str | None = None
    owner_slack: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    pricing_url: str | None = None
    job_board: str | None = None  # "kind:token"
    news_query: str | None = None
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RowError:
    """A problem on one line; ``column`` is the header as written in the file, or None for the whole row."""

    line: int
    column: str | None
    message: str
    skipped: bool = False  # True: the row was not imported; False: only this cell was left empty

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}" + (" (row skipped)" if self.skipped else "")


@dataclass(slots=True, kw_only=True)
class CsvImport:
    """What a file yielded: the good rows, the problems, and how the file was understood."""

    rows: list[AccountRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header as written → AccountRow field
    encoding: str = "utf-8"
    delimiter: str = ","


def normalize_domain(value: str) -> str | None:
    """The bare lower-case host of a domain, URL or e-mail address (IDN as punycode, no ``www.``).

    Subdomains other than ``www`` are kept: without a public-suffix list we cannot tell
    ``shop.acme.com`` from ``acme.co.uk``. None when the value cannot be a host name.
    """
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    text = re.sub(r"^mailto:", "", text, flags=re.I)
    try:
        host = urlsplit(text if "://" in text or text.startswith("//") else "//" + text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.removesuffix(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    host = host.removeprefix("www.")
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not _TLD.fullmatch(labels[-1]):
        return None
    return host if all(_LABEL.fullmatch(label) for label in labels) else None


def parse_number(value: str) -> float | None:
    """``1,200``, ``1.2k``, ``$12.5M``, ``51-200`` (upper bound), ``10000+`` → float; blank → None.

    Raises ValueError with a message fit for the user when the cell is not a number.
    """
    text = value.strip().replace("\u00a0", " ")
    if text.lower() in _BLANK:
        return None
    if _FOREIGN.search(text):
        raise ValueError(f"{value!r} is not in US dollars")
    text = re.sub(r"^(?:usd|us\$|\$)\s*|\s*usd$", "", text, flags=re.I).rstrip("+").strip()
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "", text)  # 1 200 000
    parts = re.split(r"\s*(?:-|–|—|\bto\b)\s*", text)
    if len(parts) > 2 or not all(parts):
        raise ValueError(f"{value!r} is not a number")
    return max(_amount(part.lstrip("$"), value) for part in parts)


def _amount(text: str, original: str) -> float:
    match = _NUMBER.fullmatch(text)
    unit = match.group("unit").lower() if match else ""
    if not match or unit not in _SCALE:
        raise ValueError(f"{original!r} is not a number")
    num = match.group("num")
    if _US.fullmatch(num):
        return float(num.replace(",", "")) * _SCALE[unit]
    if _EU.fullmatch(num):
        return float(num.replace(".", "").replace(",", ".")) * _SCALE[unit]
    raise ValueError(f"{original!r} is not a number")


def parse_employees(value: str) -> int | None:
    """A headcount: :func:`parse_number` rounded, except that ``1.200`` is 1200 (nobody has 1.2 employees)."""
    number = parse_number(re.sub(r"^(\d{1,3})\.(\d{3})$", r"\1\2", value.strip()))
    return None if number is None else round(number)


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _split(separators: str) -> Callable[[str], tuple[str, ...]]:
    def split(value: str) -> tuple[str, ...]:
        parts = (p.strip() for p in re.split(f"[{re.escape(separators)}\n]", value))
        return tuple(dict.fromkeys(p for p in parts if p))

    return split


def _text(value: str) -> str:
    return " ".join(value.split())


def _email(value: str) -> str:
    inner = re.search(r"<([^>]*)>", value)  # "Jane Doe <jane@acme.io>"
    text = (inner.group(1) if inner else value).strip()
    if not _EMAIL.fullmatch(text):
        raise ValueError(f"{value!r} is not an e-mail address")
    return text.lower()


def _url(value: str) -> str:
    text = value.strip()
    text = text if "://" in text else "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in {"http", "https"} or not normalize_domain(parts.netloc):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return text


def _feeds(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_url(part) for part in re.split(r"[;|\s]+", value) if part))


def _job_board(kinds: Collection[str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        text = value.strip()
        for pattern, kind in _ATS_URLS:
            match = pattern.search(text)
            if match and kind in kinds:
                return f"{kind}:{match.group(1)}"
        kind, sep, token = text.partition(":")
        kind, token = kind.strip().lower(), token.strip()
        if not sep or kind not in kinds or not _TOKEN.fullmatch(token):
            raise ValueError(f"{value!r} is not a job board; expected KIND:TOKEN, KIND one of "
                             + ", ".join(sorted(kinds)))
        return f"{kind}:{token}"

    return parse


def _decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-16/UTF-8 (with or without BOM), else cp1252 (Excel on Windows), else latin-1."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    for encoding, zeros in (("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):  # no BOM: ASCII has 0 bytes
        if len(raw) > 1 and zeros.count(0) > len(zeros) * 0.6:
            return raw.decode(encoding, errors="replace"), encoding
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf") else encoding
    return raw.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> tuple[str, str, int]:
    """Delimiter, the text after an Excel ``sep=;`` first line, and how many lines that line took.

    Otherwise the most frequent of ``,`` ``;`` and tab in the first non-blank line (the header) wins.
    """
    first, _, rest = (re.split(r"(\r\n|\r|\n)", text, maxsplit=1) + ["", ""])[:3]
    declared = re.fullmatch(r'"?sep=(.)"?[,;\t]*', first.strip(" "), flags=re.I)
    if declared:
        return declared.group(1), rest, 1
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max((",", ";", "\t"), key=header.count), text, 0


def read_accounts_csv(path: Path | str, *, job_board_kinds: Collection[str] = JOB_BOARD_KINDS) -> CsvImport:
    """Read and check every row of ``path``; raises ConfigError when the file itself is unusable."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    text, encoding = _decode(raw)
    text = text.replace("\x00", "")
    delimiter, text, offset = _delimiter(text)
    result = CsvImport(encoding=encoding, delimiter=delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is None:
            raise ConfigError(f"{path}: empty file, expected a header line")
        fields = _map_header(path, header, result)
        parsers: dict[str, Callable[[str], object]] = {
            "name": _text, "industry": _text, "country": _text, "owner_slack": _text, "news_query": _text,
            "employees": parse_employees, "revenue": parse_number, "owner_email": _email,
            "technologies": _split(",;|"), "tags": _split(",;|"), "aliases": _split(";|"),
            "pricing_url": _url, "feeds": _feeds, "job_board": _job_board(job_board_kinds),
        }
        seen: dict[str, int] = {}
        last = reader.line_num
        for cells in reader:
            line, last = last + 1 + offset, reader.line_num
            if any(cell.strip() for cell in cells):
                _read_row(line, cells, header, fields, parsers, seen, result)
    except csv.Error as exc:
        raise ConfigError(f"{path}: line {reader.line_num + offset}: {exc}") from None
    return result


def _map_header(path: Path | str, header: list[str], result: CsvImport) -> dict[str, list[int]]:
    """Field → column indices. Domain keeps every candidate column (Domain, then Website, …) as fallbacks;
    other fields use their best-ranked column only. The rest go to ``result.ignored_columns``."""
    rank = {syn: (name, i) for name, syns in HEADERS.items() for i, syn in enumerate(syns)}
    found: dict[str, list[tuple[int, int]]] = {}
    for index, title in enumerate(header):
        if hit := rank.get(_key(title)):
            found.setdefault(hit[0], []).append((hit[1], index))
    if "domain" not in found:
        names = ", ".join(repr(h.strip()) for h in header if h.strip())
        raise ConfigError(f"{path}: no domain or website column; headers found: {names}")
    fields = {name: [i for _, i in sorted(hits)][: None if name == "domain" else 1]
              for name, hits in found.items()}
    used = {i: name for name, indices in fields.items() for i in indices}
    for index, title in enumerate(header):
        if index in used:
            result.columns[title.strip()] = used[index]
        elif title.strip():
            result.ignored_columns.append(title.strip())
    return fields


def _read_row(line: int, cells: list[str], header: list[str], fields: dict[str, list[int]],
              parsers: dict[str, Callable[[str], object]], seen: dict[str, int], result: CsvImport) -> None:
    """Check one record and append it, or its errors, to ``result``."""
    if any(cell.strip() for cell in cells[len(header):]):
        result.errors.append(RowError(line=line, column=None, skipped=True, message=(
            f"{len(cells)} cells but the header has {len(header)} (unquoted delimiter?)")))
        return
    cells = cells + [""] * (len(header) - len(cells))

    def cell(name: str) -> tuple[str, str] | None:
        return next(((header[i].strip(), cells[i]) for i in fields.get(name, ()) if cells[i].strip()), None)

    domain_cells = [(header[i].strip(), cells[i]) for i in fields["domain"] if cells[i].strip()]
    found = next(((column, d) for column, value in domain_cells if (d := normalize_domain(value))), None)
    if found is None:
        if domain_cells:
            column, message = domain_cells[0][0], f"{domain_cells[0][1].strip()!r} is not a domain or website"
        else:
            column, message = header[fields["domain"][0]].strip(), "no domain or website"
        result.errors.append(RowError(line=line, column=column, message=message, skipped=True))
        return
    column, domain = found
    if domain in seen:
        result.errors.append(RowError(line=line, column=column, skipped=True,
                                      message=f"{domain} is a duplicate of line {seen[domain]}"))
        return
    seen[domain] = line
    values: dict[str, object] = {}
    for name, parse in parsers.items():
        if (hit := cell(name)) is None:
            continue
        try:
            values[name] = parse(hit[1])
        except ValueError as exc:
            result.errors.append(RowError(line=line, column=hit[0], message=str(exc)))
    values["name"] = values.get("name") or domain
    result.rows.append(AccountRow(line=line, domain=domain, **values))  # type: ignore[arg-type]
