"""Money as news writes it: "$40M", "€12.5 million", "£3m", "USD 1.2bn", "40 million dollars", "Rs 200 crore".

Funding news and Form D filings both need amounts, and headline money is written a dozen ways,
so the parsing lives here, alone and tested alone. Conversion to US dollars uses the fixed, dated
table in ``watcher/data/fx_rates.toml``: a signal's ``amount_usd`` must not drift between replays.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

FX_FILE = Path(__file__).parent / "data" / "fx_rates.toml"

_SYMBOLS = {
    "us$": "USD", "u.s.$": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "s$": "SGD", "nz$": "NZD", "hk$": "HKD", "r$": "BRL", "mx$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "rs": "INR", "rs.": "INR", "₩": "KRW", "₪": "ILS", "₦": "NGN", "rmb": "CNY", "nis": "ILS",
    "ksh": "KES", "sfr": "CHF", "rp": "IDR", "rp.": "IDR", "₱": "PHP", "₫": "VND", "r": "ZAR",
}
_WORDS = {
    "dollars": "USD", "euro": "EUR", "euros": "EUR", "€": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "francs": "CHF", "swiss francs": "CHF",
    "d'euros": "EUR", "de euros": "EUR", "de dólares": "USD", "de dolares": "USD", "rupiah": "IDR", "dong": "VND",
    "naira": "NGN", "reais": "BRL", "rand": "ZAR",  # (not "pesos": a dozen currencies are called so)
    "rupees": "INR", "won": "KRW", "kronor": "SEK", "kroner": "NOK", "shekels": "ILS",
    "di euro": "EUR", "di dollari": "USD", "zł": "PLN", "złotych": "PLN", "zloty": "PLN",
}
_CODES = ("USD", "EUR", "GBP", "CHF", "JPY", "CNY", "INR", "CAD", "AUD", "NZD", "SGD", "HKD", "SEK", "NOK", "DKK",
          "PLN", "KRW", "BRL", "MXN", "ILS", "ZAR", "NGN", "KES", "AED", "SAR", "IDR", "VND", "PHP", "EGP", "PKR",
          "BDT", "THB", "MYR", "TRY", "CLP", "COP", "ARS", "PEN", "GHS", "TWD", "CZK", "HUF", "RON")
_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6,
    "millions": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "tn": 1e12, "trillion": 1e12,
    "millionen": 1e6, "mrd": 1e9, "milliarden": 1e9, "millones": 1e6, "milhões": 1e6, "milhoes": 1e6,
    "milioni": 1e6, "miljoen": 1e6, "miljoner": 1e6, "miliardi": 1e9, "bilhões": 1e9, "bilhoes": 1e9,
    "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
}

# A decimal comma ("2,5 millions", "€1,2 Mio.") only before a scale word: "1,200" is twelve hundred.
_DECIMAL_COMMA = (r"\d{{1,3}},\d{{1,2}}(?=\s?(?:millions?|millionen|millones|milh[õo]es|milioni|miljoen|mio|mln|mn|m|"
                  r"billions?|bn|b|mrd|milliarden)\b)")
_NUM = r"(?P<num{0}>" + _DECIMAL_COMMA + r"|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s?(?P<scale{0}>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + r")(?![a-z]))?"
# A code before the number counts in capitals only ("PHP 8.3", "COP28", "RP2040" are no money).
_PRE = (r"(?P<pre>(?:US|U\.S\.|AU|CA|NZ|HK|MX|[ACSR])\$|\$|€|£|¥|₹|₩|₪|₦|₱|₫|"
        r"(?<![a-z])(?:Rs\.?|RMB|NIS|KSh|SFr|(?-i:Rp)\.?)"
        r"|(?<![A-Za-z])(?-i:" + "|".join(_CODES) + r")(?=\s?\d)"
        # South African rand, "R120 million": only with a scale word, "R2" is no money
        r"|(?<![\w$])(?-i:R)(?=\d+(?:[.,]\d+)?\s?(?:million|billion|bn|mn|m)\b))")
_POST = r"(?:\s?(?P<post>" + "|".join(sorted([*_WORDS, *_CODES], key=len, reverse=True)) + r")(?![a-z]))"
_MONEY = re.compile(_PRE + r"\s?" + _NUM.format(1) + _SCALE.format(1) + r"|(?<![\w.,])" + _NUM.format(2)
                    + _SCALE.format(2) + r"\.?(?:\s+of)?" + _POST, re.IGNORECASE)  # "2 millions of euros", "Mio. Euro"
# "$9.5 million CAD": the code after a dollar amount says which dollars
_DOLLAR_CODE = re.compile(r"\s?(CAD|AUD|NZD|SGD|HKD|MXN|USD)\b(?!/)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    """One amount found in a text, with where it was (so callers can judge its context)."""

    amount: int
    currency: str
    start: int
    end: int


def _currency(pre: str | None, post: str | None) -> str:
    if pre:
        return _SYMBOLS.get(pre.lower().replace(" ", ""), pre.upper())
    word = re.sub(r"\s+", " ", (post or "").lower())
    return _WORDS.get(word, word.upper())


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order."""
    found = []
    for m in _MONEY.finditer(text):
        num, scale = (m.group("num1"), m.group("scale1")) if m.group("pre") else (m.group("num2"), m.group("scale2"))
        digits = num.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", num) else num.replace(",", "")
        value = float(digits) * _SCALES.get((scale or "").lower(), 1.0)
        currency, end = _currency(m.group("pre"), m.group("post")), m.end()
        code = _DOLLAR_CODE.match(text, end) if m.group("pre") == "$" else None
        if code:
            currency, end = code.group(1), code.end()
        found.append(Money(amount=round(value), currency=currency, start=m.start(), end=end))
    return found


@cache
def _table() -> tuple[date, dict[str, float]]:
    data = tomllib.loads(FX_FILE.read_text(encoding="utf-8"))
    return data["date"], {k.upper(): float(v) for k, v in data["usd_per_unit"].items()}


def fx_date() -> date:
    """The date the rate table stands for."""
    return _table()[0]


def to_usd(amount: int | None, currency: str | None) -> int | None:
    """``amount`` in US dollars at the table's rate; None when either is unknown."""
    if amount is None or not currency:
        return None
    rate = _table()[1].get(currency.upper())
    return None if rate is None else round(amount * rate)
