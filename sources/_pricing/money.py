"""Prices as pricing pages write them, read into amount, currency, period, unit and billing.

``$1,200.00``, ``1.200,00 €``, ``US$49``, ``¥1,980``, ``$0.50 per 1,000 events``, ``$39/mo billed
annually``: the page's own formatting differs between sites (and between locales of one site), so
amounts are kept as numbers and printed back in one canonical form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Price = dict[str, Any]  # {amount, currency, period, unit, billing, text[, was]} — JSON-ready for Document.data

CODES = ("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "INR", "NZD", "SEK", "NOK", "DKK", "BRL", "PLN")
SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "円": "JPY", "₹": "INR", "₩": "KRW",
           "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
           "R$": "BRL", "zł": "PLN", **{code: code for code in CODES}}
SIGN = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "CAD": "CA$", "AUD": "A$",
        "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "BRL": "R$"}
_CODE = "|".join(CODES)
_PREFIX = rf"(?P<pre>US\$|CA\$|AU\$|NZ\$|HK\$|C\$|A\$|S\$|R\$|(?<![A-Za-z])(?:{_CODE})(?![A-Za-z])|[$€£¥₹₩])"
_SUFFIX = rf"(?P<post>(?<![A-Za-z])(?:{_CODE})(?![A-Za-z])|[€$£¥円₹₩]|zł)"
_NUM = (r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d{1,4})?(?!\d)|[1-9]\d{0,2}(?:\.\d{3})+(?:,\d{1,4})?(?!\d)"
        r"|\d+(?:[.,]\d{1,6})?")
_NUM_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?"  # "1 200,00 €" (fr, sv …)
MONEY = re.compile(
    rf"{_PREFIX}[ \u00a0]?(?P<n1>{_NUM})(?P<k>[kKM](?![A-Za-z]))?(?:[ \u00a0]?(?P<code>{_CODE})(?![A-Za-z]))?"
    rf"|(?<![\d.,])(?P<n2>{_NUM_SPACED}|{_NUM})[ \u00a0]?{_SUFFIX}")
HINT = re.compile(r"[$€£¥₹₩円ł]|[A-Z]{3}")  # cheap test before MONEY: most lines hold no amount
_MONTH = r"\b(?:mo|mos|mth|month|months|monthly|monat|monatlich|mois|mensuel|mensuelle|mes|mensual)\b|月"
_YEAR = (r"\b(?:yr|yrs|year|years|yearly|annual|annually|jahr|jährlich|année|annuel|annuelle|año|anual)\b"
         r"|(?:/|\bpar\b)\s*an\b|年")
_ONCE = r"\bone[- ]?time\b|\bonce\b|\blifetime\b|\beinmalig"
PERIOD = re.compile(rf"(?P<month>{_MONTH})|(?P<year>{_YEAR})|(?P<once>{_ONCE})", re.I)
BILLED_YEAR = re.compile(r"\b(?:billed|paid|charged|invoiced|factur\w*|abgerechnet)\s+(?:\w+\s+)?(?:annually|yearly|"
                         r"annual|every year|each year|per year|once a year|upfront|jährlich|annuellement)"
                         r"|\bannual(?:ly)?\s+(?:billing|plan|commitment|contract|subscription)|\bper year\b"
                         r"|/\s*y(?:ea)?r|\bjährlich", re.I)
BILLED_MONTH = re.compile(r"\b(?:billed|paid|charged)\s+monthly\b|\bmonth[- ]to[- ]month\b"
                          r"|\bmonthly\s+(?:billing|plan)", re.I)
UNITS = ("seat", "user", "member", "editor", "agent", "host", "node", "server", "contact", "subscriber", "employee",
         "admin", "creator", "license", "licence", "project", "website", "site", "domain", "device", "endpoint",
         "location", "workspace", "gb", "tb", "api call", "call", "request", "event", "message", "email", "sms",
         "minute", "hour", "credit", "token", "build", "mau", "record", "row", "lead", "teammate", "collaborator",
         "instance", "vcpu", "container", "repository", "repo", "pageview", "page view", "session", "visitor",
         "conversation", "resolution", "ticket", "order", "transaction", "recipient", "response", "submission",
         "nutzer", "benutzer", "utilisateur", "usuario", "mitglied", "team")
UNIT = re.compile(r"(?:\bper\b|/|\beach\b|\bpro\b|\bpar\b|\bpor\b)\s*(?:active\s+|additional\s+|extra\s+|monthly\s+)?"
                  rf"(?:(?P<qty>\d[\d,.]*\s*[km]?|one)\s+)?(?P<unit>{'|'.join(UNITS)})(?:e?s)?\b", re.I)
# "per till", "per location": any noun after "per" that is not a period or a filler word.
ANY_UNIT = re.compile(r"\bper\s+(?:active\s+|additional\s+|extra\s+)?(?!(?:month|year|annum|week|day|hour|mo|yr|cent|"
                      r"unit|the|a|an|each|plan|billing|account)s?\b)([a-z][a-z-]{2,20})\b", re.I)
UPPER_UNITS = {"gb": "GB", "tb": "TB", "mau": "MAU", "sms": "SMS", "vcpu": "vCPU"}
# A following line that only qualifies the price above it ("per user / month", "billed annually").
QUALIFIER = re.compile(r"^(?:/|per\b|a\s|an\s|each\b|every\b|billed\b|paid\b|charged\b|when\b|user|seat|member|"
                       r"month|year|mo\b|yr\b|monthly|annually|yearly|pro\b|par\b|por\b|excl|incl|\+\s?vat|usd|eur)",
                       re.I)


@dataclass(frozen=True, slots=True)
class Money:
    """One amount found in a line, with where it sits (for splitting the line into contexts)."""

    amount: float
    currency: str
    start: int
    end: int


def number(raw: str) -> float:
    """``1,200.00`` / ``1.200,00`` / ``1 200`` / ``0.005`` → float; a lone group of three is thousands."""
    raw = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if "," in raw and "." in raw:
        dec = "," if raw.rfind(",") > raw.rfind(".") else "."
        return float(raw.replace("." if dec == "," else ",", "").replace(dec, "."))
    sep = "," if "," in raw else "." if "." in raw else ""
    if not sep:
        return float(raw)
    head, _, tail = raw.rpartition(sep)
    if raw.count(sep) > 1 or (len(tail) == 3 and head.strip("0")):
        return float(raw.replace(sep, ""))
    return float(f"{head}.{tail}")


def find_money(line: str) -> tuple[Money, ...]:
    """Every amount with a currency in ``line``, in order."""
    return _find_money(line) if HINT.search(line) else ()


@lru_cache(maxsize=8192)  # a page's lines repeat from one check to the next
def _find_money(line: str) -> tuple[Money, ...]:
    found = []
    for m in MONEY.finditer(line):
        raw, mark = (m["n1"], m["code"] or m["pre"]) if m["n1"] else (m["n2"], m["post"])
        amount = number(raw)
        if m["k"]:
            amount *= 1_000_000 if m["k"] == "M" else 1000
        found.append(Money(amount=round(amount, 6), currency=SYMBOLS.get(mark, mark), start=m.start(), end=m.end()))
    return tuple(found)


def display(amount: float, currency: str | None) -> str:
    """One canonical way to print an amount: ``$1,200``, ``€49.99``, ``¥1,980``, ``$0.005``, ``CHF 20``."""
    if amount == int(amount):
        text = f"{int(amount):,}"
    else:
        text = f"{amount:,.2f}" if round(amount, 2) == amount else f"{amount:,.6f}".rstrip("0")
    sign = SIGN.get(currency or "")
    if sign:
        return f"{sign}{text}"
    return f"{currency} {text}" if currency else text


def _quantity(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw == "one":
        return 1
    scale = 1_000_000 if raw.endswith("m") else 1000 if raw.endswith("k") else 1
    digits = raw.rstrip("km").strip()
    try:
        return int(number(digits) * scale)
    except ValueError:
        return None


def unit_of(context: str) -> str | None:
    """``per seat`` → ``seat``; ``per 1,000 events`` → ``1,000 events``; ``/ 1M requests`` → ``1M requests``."""
    m = UNIT.search(context)
    if not m:
        other = ANY_UNIT.search(context)
        return other.group(1).lower() if other else None
    name = " ".join(m["unit"].lower().split())
    qty = _quantity(m["qty"]) if m["qty"] else None
    if qty is None or qty == 1:
        return UPPER_UNITS.get(name, name)
    plural = UPPER_UNITS.get(name, name if name.endswith("s") else f"{name}s")
    count = f"{qty // 1_000_000}M" if qty >= 1_000_000 and qty % 1_000_000 == 0 else f"{qty:,}"
    return f"{count} {plural}"


@lru_cache(maxsize=4096)  # contexts ("/ month", "per user, billed annually") repeat across pages and checks
def terms(context: str, before: str = "") -> tuple[str | None, str | None, str | None]:
    """(period, unit, billing) that ``context`` (the text after an amount) gives that amount."""
    m = PERIOD.search(context)
    period = None if m is None else "month" if m["month"] else "year" if m["year"] else "one-time"
    billing = None
    if BILLED_YEAR.search(context) or BILLED_YEAR.search(before):
        billing = "annual"
    elif BILLED_MONTH.search(context) or BILLED_MONTH.search(before):
        billing = "monthly"
    return period, unit_of(context), billing


def phrase(price: Price) -> str:
    """What the amount is for, as a seller says it: ``per seat/month``, ``per month billed annually``."""
    period, unit, billing = price.get("period"), price.get("unit"), price.get("billing")
    words = "/".join(w for w in (unit, period if period != "one-time" else None) if w)
    text = f"per {words}" if words else ""
    if period == "one-time":
        text = f"{text} one-time".strip()
    if billing == "annual" and period == "month":
        text = f"{text} billed annually"
    return text


def priced(price: Price) -> str:
    """``$49 per seat/month``."""
    return f"{display(price['amount'], price.get('currency'))} {phrase(price)}".strip()
