"""`sec_form_d`: a company's Regulation D filings on SEC EDGAR — US private raises, straight from the filer.

Target: the company's CIK (``1844419`` or ``0001844419``), or a full EDGAR URL. The kind fetches
EDGAR's per-company Atom listing of Form D filings; each filing (accession number as id) is an item,
and a new original ``D`` is a ``funding`` signal. ``D/A`` amendments repeat an earlier raise and
are not new ones.

What the listing does not say — amount, pooled investment fund or operating company, related persons —
lives in the filing's ``primary_doc.xml``; ``parse_form_d`` reads it. The Source protocol fetches ONE
URL per check, so the daemon does not fetch that second document yet (see "core change" below): a
filing seen in the listing is reported with what the listing holds (Undisclosed, no amount), and a
``primary_doc.xml`` given to the kind directly (a target URL, or ``watcher extract sec_form_d
primary_doc.xml``) is interpreted in full: pooled funds skipped, amendments skipped, amount sold, first
sale date, related persons, the round when the filing names one ("Series A Preferred Stock").

Dedup keys are those of the ``news`` kind (``funding:{domain}:{round}``), so a Form D merges with the
press coverage of the same raise where the round agrees (usually both Undisclosed), within 45 days.

EDGAR's fair-access rules: a User-Agent with contact details (the fetcher sends one, with the contact
from config) and at most 10 requests/s across all machines. Keep ``[fetch] per_host_interval`` for
www.sec.gov at ≥ 0.1 s (it spaces requests per host) and never lower it for EDGAR; an IP that goes over
is blocked for about ten minutes.

For each *new* filing the core fetches its ``primary_doc.xml`` (``detail_url``) through the same
client, so per-host spacing and the User-Agent apply, and ``add_detail`` folds the parsed filing into
the item: amount sold, first sale, industry group, pooled-fund and amendment flags.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from lxml import etree

from sources.news import slug
from watcher.domain import AccountRef, Item, Observation, Signal, WatchContext
from watcher.errors import ParseError
from watcher.funding import round_of
from watcher.money import to_usd
from watcher.registry import register_source
from watcher.sourcekind import Source

LISTING = ("https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK={cik}&type=D&dateb=&owner=include"
           "&count=40&output=atom")
ATOM = "{http://www.w3.org/2005/Atom}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_ACCESSION = re.compile(r"(\d{10})-?(\d{2})-?(\d{6})")


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedPerson:
    name: str
    relationships: tuple[str, ...]
    clarification: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FormD:
    """What a Form D ``primary_doc.xml`` says about one offering."""

    submission_type: str
    cik: str
    issuer: str
    entity_type: str | None
    jurisdiction: str | None
    year_of_inc: int | None
    industry_group: str | None
    is_pooled_fund: bool
    is_amendment: bool
    date_of_first_sale: date | None
    total_offering_amount: int | None  # None when "Indefinite" (see offering_indefinite) or missing
    offering_indefinite: bool
    total_amount_sold: int | None
    total_remaining: int | None
    investors_count: int | None
    securities: tuple[str, ...]
    security_description: str | None
    related_persons: tuple[RelatedPerson, ...]
    signature_date: date | None

    @property
    def round(self) -> str:
        return filing_round(self.security_description)

    @property
    def amount(self) -> int | None:
        """What was raised: the amount sold, else the amount offered."""
        return self.total_amount_sold or self.total_offering_amount


def filing_round(description: str | None) -> str:
    """The equity round a security description names ("Series A Preferred Stock" → Series A), else Undisclosed."""
    found = round_of(description or "") or "Undisclosed"
    return found if found in ("Pre-Seed", "Seed") or found.startswith("Series") else "Undisclosed"


def _text(node: Any, path: str) -> str | None:
    found = node.find(path)
    value = (found.text or "").strip() if found is not None else ""
    return value or None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value.replace(",", ""))) if value else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _root(body: bytes) -> Any:
    try:
        return etree.fromstring(body.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not XML: {exc}") from exc


def _persons(root: Any) -> tuple[RelatedPerson, ...]:
    people = []
    for info in root.iterfind("relatedPersonsList/relatedPersonInfo"):
        parts = [_text(info, f"relatedPersonName/{p}") for p in ("firstName", "middleName", "lastName")]
        people.append(RelatedPerson(
            name=" ".join(p for p in parts if p),
            relationships=tuple(r.text.strip() for r in info.iterfind("relatedPersonRelationshipList/relationship")
                                if r.text),
            clarification=_text(info, "relationshipClarification")))
    return tuple(people)


def parse_form_d(xml_bytes: bytes) -> FormD:
    """Read a Form D ``primary_doc.xml`` (root ``edgarSubmission``). Raise ParseError when it is not one."""
    root = _root(xml_bytes)
    if etree.QName(root).localname != "edgarSubmission" or root.find("primaryIssuer") is None:
        raise ParseError("not a Form D primary document (no edgarSubmission/primaryIssuer)")
    offering = root.find("offeringData")
    if offering is None:
        raise ParseError("the Form D has no offeringData")
    securities = offering.find("typesOfSecuritiesOffered")
    kinds = tuple(re.sub(r"^is|Type$", "", child.tag) for child in (securities if securities is not None else [])
                  if isinstance(child.tag, str) and (child.text or "").strip() == "true")
    offered = _text(offering, "offeringSalesAmounts/totalOfferingAmount")
    industry = _text(offering, "industryGroup/industryGroupType")
    year = root.find("primaryIssuer/yearOfInc")
    return FormD(
        submission_type=_text(root, "submissionType") or "D", cik=(_text(root, "primaryIssuer/cik") or "").lstrip("0"),
        issuer=_text(root, "primaryIssuer/entityName") or "", entity_type=_text(root, "primaryIssuer/entityType"),
        jurisdiction=_text(root, "primaryIssuer/jurisdictionOfInc"),
        year_of_inc=_int(_text(year, "value")) if year is not None else None, industry_group=industry,
        is_pooled_fund=industry == "Pooled Investment Fund" or "PooledInvestmentFund" in kinds,
        is_amendment=_text(offering, "typeOfFiling/newOrAmendment/isAmendment") == "true",
        date_of_first_sale=_date(_text(offering, "typeOfFiling/dateOfFirstSale/value")),
        total_offering_amount=_int(offered), offering_indefinite=(offered or "").lower() == "indefinite",
        total_amount_sold=_int(_text(offering, "offeringSalesAmounts/totalAmountSold")),
        total_remaining=_int(_text(offering, "offeringSalesAmounts/totalRemaining")),
        investors_count=_int(_text(offering, "investors/totalNumberAlreadyInvested")), securities=kinds,
        security_description=_text(offering, "typesOfSecuritiesOffered/descriptionOfOtherType"),
        related_persons=_persons(root),
        signature_date=_date(_text(offering, "signatureBlock/signature/signatureDate")),
    )


def primary_doc_url(filing_href: str) -> str | None:
    """The filing's primary_doc.xml URL, from its index page URL on the same host (www.sec.gov in life; the
    fetcher's address checks apply to it like to any URL)."""
    m = re.match(r"(https?://[^/]+/Archives/edgar/data/\d+/\d{18})/", filing_href)
    return f"{m.group(1)}/primary_doc.xml" if m else None


def _listing_items(root: Any) -> list[Item]:
    cik = (_text(root, f"{ATOM}company-info/{ATOM}cik") or _text(root, "company-info/cik") or "").lstrip("0")
    company = _text(root, f"{ATOM}company-info/{ATOM}conformed-name") or ""
    items = []
    for entry in root.iterfind(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        if content is None:
            continue
        accession = _text(content, f"{ATOM}accession-number")
        form = _text(content, f"{ATOM}filing-type")
        if not accession or not form:
            continue
        href = _text(content, f"{ATOM}filing-href")
        filed = _date(_text(content, f"{ATOM}filing-date"))
        items.append(Item(
            id=accession, title=f"{form} {_text(content, f'{ATOM}form-name') or ''}".strip(), url=href,
            published_at=datetime(filed.year, filed.month, filed.day, tzinfo=UTC) if filed else None,
            data={"form": form, "accession": accession, "cik": cik, "company": company,
                  "primary_doc": primary_doc_url(href) if href else None}))
    return items


def _document_item(body: bytes, watch: WatchContext) -> Item:
    form_d = parse_form_d(body)
    accession = _ACCESSION.search(watch.target)
    when = form_d.signature_date
    return Item(
        id="-".join(accession.groups()) if accession else f"{form_d.cik}:{when}:{form_d.submission_type}",
        title=f"{form_d.submission_type} Notice of Exempt Offering of Securities",
        url=watch.target if watch.target.startswith("https://") else None,
        published_at=datetime(when.year, when.month, when.day, tzinfo=UTC) if when else None,
        data={"form": form_d.submission_type, "cik": form_d.cik, "company": form_d.issuer,
              "form_d": json.loads(json.dumps(asdict(form_d), default=str))})  # item data is stored as JSON


@register_source("sec_form_d")
class SecFormD(Source):
    family = "items"
    page = False
    signal_kind = "funding"
    dedup_window = timedelta(days=45)

    def url(self, watch: WatchContext) -> str:
        target = watch.target.strip()
        return target if target.startswith(("http://", "https://")) else LISTING.format(cik=target.zfill(10))

    def request_headers(self, watch: WatchContext) -> Mapping[str, str]:
        return {"Accept": "application/atom+xml, application/xml;q=0.9, */*;q=0.5"}

    def parse(self, body: bytes, headers: Mapping[str, str], watch: WatchContext) -> Observation:
        root = _root(body)
        if etree.QName(root).localname == "edgarSubmission":
            return Observation(items=(_document_item(body, watch),))
        if root.tag != f"{ATOM}feed":
            raise ParseError("not an EDGAR Atom listing or a Form D primary document")
        return Observation(items=tuple(_listing_items(root)))

    def detail_url(self, item: Item, watch: WatchContext) -> str | None:
        """A new filing's primary_doc.xml: amount, first sale, industry group and people live there."""
        return item.data.get("primary_doc") if item.data.get("form") == "D" else None

    def add_detail(self, item: Item, body: bytes, watch: WatchContext) -> Item:
        try:
            form_d = parse_form_d(body)
        except ParseError:
            return item  # the listing alone still says a Form D was filed
        detail = json.loads(json.dumps(asdict(form_d), default=str))  # item data is stored as JSON
        return dataclasses.replace(item, data={**item.data, "form_d": detail})

    def interpret_items(self, items: Sequence[Item], watch: WatchContext, now: datetime) -> list[Signal]:
        account = watch.account
        if account is None and not watch.options.get("unattributed"):
            return []
        return [s for item in items if (s := self._signal(item, account, now)) is not None]

    def _signal(self, item: Item, account: AccountRef | None, now: datetime) -> Signal | None:
        if item.data.get("form") != "D":
            return None  # D/A amends an earlier raise; other forms are not raises
        form_d: dict[str, Any] = item.data.get("form_d") or {}
        if form_d.get("is_pooled_fund") or form_d.get("is_amendment"):
            return None
        company = form_d.get("issuer") or item.data.get("company") or (account.name if account else "")
        rnd = filing_round(form_d.get("security_description"))
        amount = form_d.get("total_amount_sold") or form_d.get("total_offering_amount")
        who = account.domain if account else slug(company)
        facts = {"amount": amount, "currency": "USD", "amount_usd": to_usd(amount, "USD"), "round": rnd,
                 "extension": False, "investors": [], "lead_investors": [], "company": company,
                 "cik": item.data.get("cik"), "accession": item.id, "form": "D",
                 "total_offering_amount": form_d.get("total_offering_amount"),
                 "offering_indefinite": form_d.get("offering_indefinite"),
                 "date_of_first_sale": str(form_d["date_of_first_sale"]) if form_d.get("date_of_first_sale") else None,
                 "industry_group": form_d.get("industry_group"),
                 "related_persons": [p["name"] for p in form_d.get("related_persons", ())],
                 "primary_doc": item.data.get("primary_doc")}
        sold = f": ${amount:,} sold" if amount else ""
        return Signal(
            kind="funding", account=account.name if account else None,
            account_domain=account.domain if account else None, title=f"{company} filed a Form D{sold}",
            url=item.url, occurred_at=item.published_at, detected_at=now, source="sec_form_d",
            dedup_key=f"funding:{who}:{slug(rnd)}", facts=facts,
            evidence=f"SEC Form D {item.id} ({company}, CIK {item.data.get('cik')}){sold}",
        )

